/**
 * Cards (wekan-api.md §2.6; server/models/cards.js). Mostly style B: thrown errors become Express's HTML page,
 * while the newer routes answer some failures with an explicit status and `{error}`.
 */
import { InternalError, meteorNotFound } from '../errors';
import { json, type RequestContext, type Router } from '../http';
import { randomId } from '../ids';
import { ALLOWED_COLORS, type BoardDoc, type CardDoc } from '../model';
import type { Wekan } from '../server';
import { asIdArray, parseBool, parseDate, str } from './shared';

const BULK_MAX = 500;
const DATE_FIELDS = ['receivedAt', 'startAt', 'dueAt', 'endAt'] as const;
const LIST_KEYS = ['_id', 'title', 'description', 'swimlaneId', 'receivedAt', 'startAt', 'dueAt', 'endAt', 'assignees', 'sort'] as const;

/** Schema validation failing inside collection2: not a Meteor.Error, so style B answers 500. */
const schemaError = (message: string) => new InternalError(message);

function pick(card: CardDoc, keys: readonly string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of keys) out[key] = card[key];
	return out;
}

/** Sort value that puts a card above every card in `sorts` (0 for an empty list). */
function topSort(sorts: number[]): number {
	const valid = sorts.filter((s) => typeof s === 'number' && !Number.isNaN(s));
	return valid.length ? Math.min(...valid) - 1 : 0;
}

/** Sort value for a 0-based position among `siblings` (already sorted). */
function sortForIndex(siblings: CardDoc[], index: number): number {
	if (!siblings.length) return 0;
	if (!Number.isFinite(index) || index <= 0) return siblings[0].sort - 1;
	if (index >= siblings.length) return siblings[siblings.length - 1].sort + 1;
	return (siblings[index - 1].sort + siblings[index].sort) / 2;
}

function isValidColor(value: unknown): boolean {
	return typeof value === 'string' && (ALLOWED_COLORS.includes(value) || /^#[0-9a-fA-F]{6}$/.test(value));
}

/** A form value may carry a JSON string where JSON bodies carry arrays. */
function jsonArray(value: unknown): unknown[] {
	const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	if (!Array.isArray(parsed)) throw schemaError('Expected an array');
	return parsed;
}

export function registerCardRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;

	/** Ids that may be put on a card: active members of the board. Others are dropped silently. */
	const assignable = (board: BoardDoc, value: unknown): string[] =>
		(asIdArray(value) ?? []).filter((id) => board.members.some((m) => m.userId === id && m.isActive));

	const cardIn = (ctx: RequestContext, archived: boolean | undefined = false): CardDoc | undefined => {
		const { boardId, listId, cardId } = ctx.params;
		return store.cards.findOne(
			(c) => c._id === cardId && c.listId === listId && c.boardId === boardId && (archived === undefined || c.archived === archived),
		);
	};

	/** Fields every new card of a board starts with: the board's automatic custom fields, empty. */
	const autoCustomFields = (boardId: string) =>
		store.customFields
			.find((f) => f.boardIds.includes(boardId) && (f.automaticallyOnCard || f.alwaysOnCard))
			.map((f) => ({ _id: f._id, value: null as unknown }));

	const recordCard = (activityType: string, userId: string, card: CardDoc, extra: Record<string, unknown> = {}) =>
		wekan.webhooks.record({
			activityType,
			userId,
			boardId: card.boardId,
			cardId: card._id,
			cardTitle: card.title,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			origin: 'rest',
			...extra,
		});

	const touchList = (listId: string, now = new Date()) => {
		const list = store.lists.get(listId);
		if (list) list.cardsModifiedAt = now;
	};

	// ---- reads -------------------------------------------------------------------------------------------

	router.get('/api/boards/:boardId/lists/:listId/cards', 'B', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return store.cards
			.find((c) => c.boardId === boardId && c.listId === listId && !c.archived)
			.sort((a, b) => a.sort - b.sort)
			.map((c) => pick(c, LIST_KEYS));
	});

	router.get('/api/cards/:cardId', 'B', (ctx) => {
		// The card is looked up before any auth check, so a missing card is a 404 even without a token.
		const card = store.cards.get(ctx.params.cardId);
		if (!card) return json(404, { error: 'Card not found' });
		wekan.can.boardRead(ctx.userId, card.boardId);
		return card;
	});

	router.get('/api/boards/:boardId/lists/:listId/cards/:cardId', 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return cardIn(ctx);
	});

	router.get('/api/boards/:boardId/cards_count', 'A', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return { board_cards_count: store.cards.find((c) => c.boardId === boardId && !c.archived).length };
	});

	router.get('/api/boards/:boardId/lists/:listId/cards_count', 'A', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return { list_cards_count: store.cards.find((c) => c.boardId === boardId && c.listId === listId && !c.archived).length };
	});

	router.get('/api/boards/:boardId/cardsByCustomField/:customFieldId/:value', 'B', (ctx) => {
		const { boardId, customFieldId, value } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		// $elemMatch with a string from the URL: only a stored string equal to it matches.
		return store.cards.find(
			(c) => c.boardId === boardId && !c.archived && c.customFields.some((f) => f._id === customFieldId && f.value === value),
		);
	});

	// ---- create ------------------------------------------------------------------------------------------

	router.post('/api/boards/:boardId/lists/:listId/cards', 'B', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.loggedIn(ctx.userId);
		const board = wekan.can.boardComment(ctx.userId, boardId);
		const userId = ctx.userId;
		const body = ctx.body;
		const sort = wekan.cardsOfList(listId).length;

		if (body.linkedId) {
			const source = store.cards.get(str(body.linkedId));
			if (!source) return json(404, { error: 'linkedId card not found' });
			wekan.can.boardRead(userId, source.boardId);
			const swimlaneId = str(body.swimlaneId);
			if (!swimlaneId) throw schemaError('Swimlane is required');
			const card = store.newCard({
				title: source.title,
				boardId,
				listId,
				swimlaneId,
				userId,
				sort,
				type: 'cardType-linkedCard',
				linkedId: source._id,
			});
			recordCard('createCard', userId, card);
			return { _id: card._id };
		}

		const swimlaneId = str(body.swimlaneId);
		// The schema requires swimlaneId; the insert throws a validation error (HTML 500).
		if (!swimlaneId) throw schemaError('Swimlane is required');
		const dates: Partial<CardDoc> = {};
		for (const field of DATE_FIELDS) {
			if (!(field in body)) continue;
			const parsed = parseDate(body[field]);
			if ('set' in parsed) dates[field] = parsed.set;
		}
		// authorId, labelIds, color, customFields, sort and parentId from the body are not read.
		const card = store.newCard({
			title: str(body.title) ?? '',
			description: str(body.description) ?? '',
			boardId,
			listId,
			swimlaneId,
			userId,
			sort,
			customFields: autoCustomFields(boardId),
			members: body.members !== undefined ? assignable(board, body.members) : [],
			assignees: body.assignees !== undefined ? assignable(board, body.assignees) : [],
			...dates,
		});
		recordCard('createCard', userId, card);
		return { _id: card._id };
	});

	router.post('/api/boards/:boardId/lists/:listId/cards/bulk', 'B', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.loggedIn(ctx.userId);
		const board = wekan.can.boardComment(ctx.userId, boardId);
		const userId = ctx.userId;
		const input = ctx.body.cards;
		if (!Array.isArray(input) || input.length === 0) return json(400, { error: 'cards must be a non-empty array' });
		if (input.length > BULK_MAX) return json(400, { error: `cards array too large (max ${BULK_MAX} per request)` });
		const baseSort = wekan.cardsOfList(listId).length;
		const results: Array<Record<string, unknown>> = [];
		input.forEach((raw, index) => {
			const entry = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
			const swimlaneId = str(entry.swimlaneId) || str(ctx.body.swimlaneId);
			if (!swimlaneId) {
				results.push({ index, error: 'Swimlane is required' });
				return;
			}
			const card = store.newCard({
				title: str(entry.title) ?? '',
				description: str(entry.description) ?? '',
				boardId,
				listId,
				swimlaneId,
				userId,
				parentId: str(entry.parentId) ?? '',
				sort: baseSort + index,
				customFields: autoCustomFields(boardId),
				members: entry.members !== undefined ? assignable(board, entry.members) : [],
				assignees: entry.assignees !== undefined ? assignable(board, entry.assignees) : [],
			});
			recordCard('createCard', userId, card);
			results.push({ index, _id: card._id });
		});
		return results;
	});

	// ---- update ------------------------------------------------------------------------------------------

	router.put('/api/boards/:boardId/lists/:listId/cards/:cardId', 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		const board = wekan.can.boardWrite(ctx.userId, boardId);
		const userId = ctx.userId!;
		const body = ctx.body;
		let updated = false;

		// Every field is its own write with the original selector, so an earlier list move makes the later
		// list-pinned writes match nothing, and an error part-way leaves the earlier writes applied.
		const write = (
			apply: (card: CardDoc) => void,
			selector: { listId?: boolean; archived?: boolean } = { listId: true, archived: true },
		) => {
			const card = store.cards.findOne(
				(c) =>
					c._id === cardId &&
					c.boardId === boardId &&
					(!selector.listId || c.listId === listId) &&
					(!selector.archived || !c.archived),
			);
			if (card) {
				apply(card);
				store.touchCard(card);
			}
			updated = true;
			return card;
		};

		if (body.title) {
			const title = typeof body.title === 'string' ? body.title.slice(0, 1000) : String(body.title);
			write((c) => (c.title = title));
		}
		if (body.sort) {
			const sort = Number(body.sort);
			if (Number.isNaN(sort)) throw schemaError('Sort must be of type Number');
			write((c) => (c.sort = sort));
		}
		if (body.parentId) {
			const parent = store.cards.get(str(body.parentId));
			// The parent must be on a board the caller may read.
			if (parent) wekan.can.boardRead(userId, parent.boardId);
			write((c) => (c.parentId = str(body.parentId)!));
		}
		if (body.description) write((c) => (c.description = str(body.description)!));
		if (body.color) {
			if (!isValidColor(body.color)) throw schemaError('Color is not an allowed value');
			write((c) => (c.color = body.color as string));
		}
		if (body.vote) {
			if (typeof body.vote !== 'object') throw schemaError('Vote must be an object');
			const vote = { public: false, allowNonBoardMembers: false, ...(body.vote as object), positive: [], negative: [] };
			write((c) => (c.vote = vote));
		}
		if (body.poker) {
			if (typeof body.poker !== 'object') throw schemaError('Poker must be an object');
			const poker = {
				allowNonBoardMembers: false,
				...(body.poker as object),
				one: [], two: [], three: [], five: [], eight: [], thirteen: [], twenty: [], forty: [], oneHundred: [], unsure: [],
			};
			write((c) => (c.poker = poker));
		}
		if (body.labelIds) {
			const labelIds = asIdArray(body.labelIds) ?? [];
			write((c) => (c.labelIds = labelIds));
		}
		if (body.requestedBy) write((c) => (c.requestedBy = str(body.requestedBy)!));
		if (body.assignedBy) write((c) => (c.assignedBy = str(body.assignedBy)!));
		for (const field of DATE_FIELDS) {
			if (!(field in body)) continue;
			const parsed = parseDate(body[field]);
			if ('skip' in parsed) continue;
			if ('unset' in parsed) write((c) => delete c[field]);
			else write((c) => (c[field] = parsed.set));
		}
		if (body.spentTime) {
			const spent = Number(body.spentTime);
			if (Number.isNaN(spent)) throw schemaError('Spent time must be of type Number');
			write((c) => (c.spentTime = spent));
		}
		if (body.isOverTime) {
			// The schema key is `isOvertime`; collection2 strips `isOverTime` and refuses the empty modifier.
			throw schemaError('After filtering out keys not in the schema, your modifier is now empty');
		}
		if (body.customFields) {
			const fields = jsonArray(body.customFields) as CardDoc['customFields'];
			write((c) => (c.customFields = fields));
		}
		if (body.members !== undefined) {
			const members = assignable(board, body.members);
			write((c) => (c.members = members));
		}
		if (body.assignees !== undefined) {
			const assignees = assignable(board, body.assignees);
			write((c) => (c.assignees = assignees));
		}

		const newBoardId = str(body.newBoardId) || undefined;
		const newSwimlaneId = str(body.newSwimlaneId) || undefined;
		const newListId = str(body.newListId) || undefined;
		const isBoardMove = !!(newBoardId && newSwimlaneId && newListId);
		const moveSwimlaneId = str(body.swimlaneId) || undefined;
		const moveListId = str(body.listId) || undefined;

		if (moveSwimlaneId && !isBoardMove) {
			if (!store.swimlanes.findOne((s) => s._id === moveSwimlaneId && s.boardId === boardId)) {
				return json(400, {
					error:
						'swimlaneId does not belong to this board. To move a card to another board, send newBoardId, newSwimlaneId and newListId.',
				});
			}
			write((c) => (c.swimlaneId = moveSwimlaneId));
		}
		if (moveListId && !isBoardMove) {
			if (!store.lists.findOne((l) => l._id === moveListId && l.boardId === boardId)) {
				return json(400, {
					error:
						'listId does not belong to this board. To move a card to another board, send newBoardId, newSwimlaneId and newListId.',
				});
			}
			const sort = topSort(store.cards.find((c) => c.boardId === boardId && c.listId === moveListId && !c.archived).map((c) => c.sort));
			const moved = write((c) => {
				c.listId = moveListId;
				c.sort = sort;
			});
			if (moved) {
				touchList(listId);
				recordCard('moveCard', userId, moved, { oldListId: listId, oldSwimlaneId: moved.swimlaneId });
			}
		}
		if (isBoardMove) {
			wekan.can.boardWrite(userId, newBoardId);
			if (!store.lists.findOne((l) => l._id === newListId && l.boardId === newBoardId && !l.archived)) {
				return json(404, { error: 'Destination list not found or does not belong to destination board' });
			}
			if (!store.swimlanes.findOne((s) => s._id === newSwimlaneId && s.boardId === newBoardId && !s.archived)) {
				return json(404, { error: 'Destination swimlane not found or does not belong to destination board' });
			}
			const sort = topSort(store.cards.find((c) => c.boardId === newBoardId && c.listId === newListId && !c.archived).map((c) => c.sort));
			let oldSwimlaneId = '';
			const moved = write((c) => {
				oldSwimlaneId = c.swimlaneId;
				c.boardId = newBoardId;
				c.swimlaneId = newSwimlaneId;
				c.listId = newListId;
				c.sort = sort;
			});
			if (moved) {
				touchList(listId);
				// The denormalized boardId of what hangs off the card follows it.
				for (const doc of [
					...store.checklists.find((d) => d.cardId === cardId),
					...store.checklistItems.find((d) => d.cardId === cardId),
					...store.comments.find((d) => d.cardId === cardId),
					...store.attachments.find((d) => d.cardId === cardId),
				]) {
					doc.boardId = newBoardId;
				}
				for (const a of store.attachments.find((d) => d.cardId === cardId)) {
					a.swimlaneId = newSwimlaneId;
					a.listId = newListId;
				}
				recordCard('moveCardBoard', userId, moved, { oldListId: listId, oldSwimlaneId, oldBoardId: boardId });
			}
		}
		if ('archive' in body) {
			const archive = String(body.archive).toLowerCase() === 'true';
			// Not pinned to the list, and `archived: !archive`, so this can un-archive a card.
			const card = store.cards.findOne((c) => c._id === cardId && c.boardId === boardId && c.archived === !archive);
			if (card) {
				card.archived = archive;
				store.touchCard(card);
			}
			updated = true;
		}
		if ('dueComplete' in body) {
			const dueComplete = String(body.dueComplete).toLowerCase() === 'true';
			write((c) => (c.dueComplete = dueComplete), { listId: true, archived: false });
		}
		if (body.stickers) {
			const stickers = jsonArray(body.stickers);
			write((c) => (c.stickers = stickers), { listId: true, archived: false });
		}
		if (body.locations) {
			const locations = jsonArray(body.locations).map((raw) => {
				const loc = (raw ?? {}) as Record<string, unknown>;
				const out: Record<string, unknown> = {
					_id: loc._id || randomId(),
					name: loc.name || '',
					address: loc.address || '',
				};
				if (loc.latitude !== undefined && loc.latitude !== '') out.latitude = Number(loc.latitude);
				if (loc.longitude !== undefined && loc.longitude !== '') out.longitude = Number(loc.longitude);
				return out;
			});
			write((c) => (c.locations = locations), { listId: true, archived: false });
		}

		if (!updated) return json(404, { message: 'Error' });
		return { _id: cardId };
	});

	router.post('/api/boards/:boardId/lists/:listId/cards/:cardId/customFields/:customFieldId', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const card = cardIn(ctx);
		if (!card) throw meteorNotFound('Card not found');
		const { customFieldId } = ctx.params;
		// Only a field already on the card changes; otherwise the same array is written back.
		const present = card.customFields.some((f) => f._id === customFieldId);
		card.customFields = card.customFields.map((f) => (f._id === customFieldId ? { _id: f._id, value: ctx.body.value } : f));
		if (present) store.touchCard(card);
		return { _id: card._id, customFields: card.customFields };
	});

	// ---- archive -----------------------------------------------------------------------------------------

	router.post('/api/boards/:boardId/lists/:listId/cards/:cardId/archive', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const card = cardIn(ctx, false);
		if (!card) throw meteorNotFound('Card not found');
		const now = new Date();
		card.archived = true;
		card.archivedAt = now;
		store.touchCard(card, now);
		recordCard('archivedCard', ctx.userId!, card);
		return { _id: card._id, archived: true, archivedAt: now };
	});

	router.post('/api/boards/:boardId/lists/:listId/cards/:cardId/unarchive', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const card = cardIn(ctx, true);
		if (!card) throw meteorNotFound('Card not found');
		card.archived = false;
		delete card.archivedAt;
		store.touchCard(card);
		recordCard('restoredCard', ctx.userId!, card);
		return { _id: card._id, archived: false };
	});

	// ---- delete ------------------------------------------------------------------------------------------

	router.delete('/api/boards/:boardId/lists/:listId/cards/:cardId', 'B', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const card = cardIn(ctx, undefined);
		if (card) {
			recordCard('deleteCard', ctx.userId!, card);
			wekan.deleteCardDeep(card._id);
		}
		// 200 with the id whether or not anything was deleted.
		return { _id: cardId };
	});

	router.delete('/api/boards/:boardId/cards/bulk', 'B', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const ids = ctx.body.cardIds;
		if (!Array.isArray(ids) || ids.length === 0) return json(400, { error: 'cardIds must be a non-empty array' });
		if (ids.length > BULK_MAX) return json(400, { error: `cardIds array too large (max ${BULK_MAX} per request)` });
		const deleted: unknown[] = [];
		const notFound: unknown[] = [];
		for (const id of ids) {
			const card = store.cards.findOne((c) => c._id === id && c.boardId === boardId);
			if (!card) {
				notFound.push(id);
				continue;
			}
			recordCard('deleteCard', ctx.userId!, card);
			wekan.deleteCardDeep(card._id);
			deleted.push(id);
		}
		return { deleted, notFound };
	});

	// ---- card members and assignees ----------------------------------------------------------------------

	const memberRoute = (field: 'members' | 'assignees', add: boolean) => (ctx: RequestContext) => {
		const board = wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const card = cardIn(ctx);
		if (!card) return json(404, { error: 'Card not found' });
		const target = field === 'members' ? ctx.params.memberId : ctx.params.assigneeId;
		if (add && !board.members.some((m) => m.userId === target && m.isActive)) {
			return json(400, { error: 'userId is not an active member of this board' });
		}
		const has = card[field].includes(target);
		const activity = field === 'members' ? (add ? 'joinMember' : 'unjoinMember') : add ? 'joinAssignee' : 'unjoinAssignee';
		if (add && !has) card[field] = [...card[field], target];
		if (!add && has) card[field] = card[field].filter((id) => id !== target);
		if (add !== has) {
			store.touchCard(card);
			recordCard(activity, ctx.userId!, card, { memberId: target });
		}
		return { _id: card._id, members: card.members, assignees: card.assignees };
	};
	const cardPath = '/api/boards/:boardId/lists/:listId/cards/:cardId';
	router.post(`${cardPath}/members/:memberId`, 'B', memberRoute('members', true));
	router.delete(`${cardPath}/members/:memberId`, 'B', memberRoute('members', false));
	router.post(`${cardPath}/assignees/:assigneeId`, 'B', memberRoute('assignees', true));
	router.delete(`${cardPath}/assignees/:assigneeId`, 'B', memberRoute('assignees', false));

	// ---- copy --------------------------------------------------------------------------------------------

	router.post(`${cardPath}/copy`, 'B', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const toBoardId = str(ctx.body.toBoardId) || boardId;
		const toSwimlaneId = str(ctx.body.toSwimlaneId);
		const toListId = str(ctx.body.toListId) || listId;
		if (!toSwimlaneId) return json(400, { error: 'toSwimlaneId is required' });
		const toBoard = wekan.can.boardWrite(ctx.userId, toBoardId);
		const card = cardIn(ctx, undefined);
		if (!card) return json(404, { error: 'Card not found' });

		const copy = copyCard(card, toBoard, toSwimlaneId, toListId);
		if ('position' in ctx.body) {
			const siblings = wekan.cardsOfList(toListId).filter((c) => c._id !== copy._id);
			copy.sort = sortForIndex(siblings, Number(ctx.body.position));
		}
		return { _id: copy._id };
	});

	/** A deep copy: the card, its checklists with their items, its comments and its attachments. */
	function copyCard(card: CardDoc, toBoard: BoardDoc, swimlaneId: string, listId: string): CardDoc {
		const sameBoard = toBoard._id === card.boardId;
		const fromBoard = store.boards.get(card.boardId);
		// Labels are board-scoped: on another board keep those with a label of the same name and colour there.
		const labelIds = sameBoard
			? [...card.labelIds]
			: card.labelIds
					.map((id) => fromBoard?.labels.find((l) => l._id === id))
					.map((label) => label && toBoard.labels.find((l) => l.name === label.name && l.color === label.color)?._id)
					.filter((id): id is string => !!id);
		const onBoard = (ids: string[]) =>
			sameBoard ? [...ids] : ids.filter((id) => toBoard.members.some((m) => m.userId === id && m.isActive));
		const {
			_id: _oldId,
			createdAt: _c,
			modifiedAt: _m,
			dateLastActivity: _d,
			cardNumber: _n,
			...rest
		} = structuredClone(card);
		const copy = store.newCard({
			...rest,
			boardId: toBoard._id,
			swimlaneId,
			listId,
			labelIds,
			members: onBoard(card.members),
			assignees: onBoard(card.assignees),
		});
		const now = new Date();
		for (const checklist of store.checklists.find((c) => c.cardId === card._id)) {
			const newChecklist = store.checklists.insert({
				...checklist,
				_id: randomId(),
				cardId: copy._id,
				boardId: toBoard._id,
				createdAt: now,
				modifiedAt: now,
			});
			for (const item of store.checklistItems.find((i) => i.checklistId === checklist._id)) {
				store.checklistItems.insert({
					...item,
					_id: randomId(),
					checklistId: newChecklist._id,
					cardId: copy._id,
					boardId: toBoard._id,
					createdAt: now,
					modifiedAt: now,
				});
			}
		}
		for (const comment of store.comments.find((c) => c.cardId === card._id)) {
			store.comments.insert({ ...comment, _id: randomId(), cardId: copy._id, boardId: toBoard._id });
		}
		for (const attachment of store.attachments.find((a) => a.cardId === card._id)) {
			store.attachments.insert({
				...attachment,
				_id: randomId(),
				cardId: copy._id,
				boardId: toBoard._id,
				swimlaneId,
				listId,
				createdAt: now,
			});
		}
		return copy;
	}
}
