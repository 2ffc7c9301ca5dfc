/**
 * Boards, board members and labels, card settings, the bulk card-labels route and the JSON export
 * (wekan-api.md §2.2, §2.3, §2.12 "Exports"; server/models/boards.js).
 * Board domains, board import and rules are not modelled.
 */
import { MeteorError, StatusError, forbidden, unauthorized } from '../errors';
import { empty, expressErrorPage, json, replyForError, type RequestContext, type Router } from '../http';
import { randomId } from '../ids';
import {
	ALLOWED_COLORS,
	BOARD_COLORS,
	type BoardDoc,
	type CardDoc,
	type ListDoc,
	slugify,
	type SwimlaneDoc,
	type UserDoc,
} from '../model';
import { newMember, ROLE_FLAGS, ROLE_NAMES, type RoleFlag } from '../permissions';
import type { Wekan } from '../server';
import { parseBool, str } from './shared';

/** The 44 boolean toggles of Board Settings > Card Settings (issue #3062). */
export const CARD_SETTING_KEYS = [
	'allowsCardCounterList', 'cardAging', 'allowsBoardMemberList', 'allowsShowLists', 'allowsAttachments',
	'allowsChecklists', 'allowsComments', 'allowsDescriptionTitle', 'allowsDescriptionText', 'allowsActivities',
	'allowsLabels', 'allowsCreator', 'allowsAssignee', 'allowsMembers', 'allowsRequestedBy',
	'allowsCardSortingByNumber', 'allowsCardNumber', 'allowsAssignedBy', 'allowsReceivedDate', 'allowsStartDate',
	'allowsEndDate', 'allowsDueDate', 'allowsSubtasks', 'allowsCreatorOnMinicard', 'allowsAttachmentsOnMinicard',
	'allowsChecklistsOnMinicard', 'allowsChecklistAtMinicard', 'allowsCoverAttachmentOnMinicard',
	'allowsBadgeAttachmentOnMinicard', 'allowsCardSortingByNumberOnMinicard', 'allowsCardNumberOnMinicard',
	'allowsDescriptionTitleOnMinicard', 'allowsDescriptionTextOnMinicard', 'allowsLabelsOnMinicard',
	'allowsAssigneeOnMinicard', 'allowsMembersOnMinicard', 'allowsRequestedByOnMinicard',
	'allowsAssignedByOnMinicard', 'allowsReceivedDateOnMinicard', 'allowsStartDateOnMinicard',
	'allowsEndDateOnMinicard', 'allowsDueDateOnMinicard', 'allowsSubtasksOnMinicard', 'allowsShowListsOnMinicard',
];
export const CARD_NUMERIC_SETTING_KEYS = ['cardAgingDays1', 'cardAgingDays2', 'cardAgingDays3'];

const MAX_BULK_CARDS = 500;

const has = (body: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(body, key);

/** Boards the user's board list shows: real boards, not `^caret^` helper boards or templates (#5582). */
function listedBoard(board: BoardDoc): boolean {
	return board.type === 'board' && !/^\^.*\^$/.test(board.title);
}

function bySort<T extends { sort?: number }>(a: T, b: T): number {
	return (a.sort ?? 0) - (b.sort ?? 0);
}

/** Runs the part of a handler that sits inside Wekan's try block, whose catch answers in style A. */
function insideTry(run: () => unknown): unknown {
	try {
		return run();
	} catch (error) {
		return replyForError('A', error);
	}
}

/** Whether `board` gives the caller board-admin rights (an active board admin or a site admin). */
function isBoardOrSiteAdmin(wekan: Wekan, board: BoardDoc | undefined, userId: string): boolean {
	if (wekan.can.isSiteAdmin(userId)) return true;
	return !!board && !!wekan.can.activeMember(board, userId)?.isAdmin;
}

/** Role names (case-insensitive) to the eight flags; undefined when the name is unknown. */
function flagsForRole(role: unknown): Record<RoleFlag, boolean> | undefined {
	const key = String(role).toLowerCase();
	if (!(key in ROLE_NAMES)) return undefined;
	const flags = Object.fromEntries(ROLE_FLAGS.map((f) => [f, false])) as Record<RoleFlag, boolean>;
	const flag = ROLE_NAMES[key];
	if (flag) flags[flag] = true;
	return flags;
}

/** The eight flags from the body: booleans or "true"/"false"; anything else counts as false. */
function flagsFromBody(body: Record<string, unknown>): Record<RoleFlag, boolean> {
	return Object.fromEntries(ROLE_FLAGS.map((f) => [f, parseBool(body[f]) === true])) as Record<RoleFlag, boolean>;
}

export function registerBoardRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;

	const uniqueTitle = (title: string): string => {
		const base = title.replace(/ \[\d+\]$/, '');
		const taken = new Set(store.boards.find().map((b) => b.title));
		if (!taken.has(base)) return base;
		let n = 1;
		while (taken.has(`${base} [${n}]`)) n++;
		return `${base} [${n}]`;
	};

	/** Removes a member from a board's cards, as Wekan's hook does when a member turns inactive. */
	const dropFromCards = (boardId: string, userId: string) => {
		for (const card of store.cards.find((c) => c.boardId === boardId)) {
			card.members = card.members.filter((m) => m !== userId);
		}
	};

	// ---- boards -------------------------------------------------------------------------------------------

	router.get('/api/users/:userId/boards', 'A', (ctx) => {
		wekan.can.loggedIn(ctx.userId);
		const target = ctx.params.userId;
		if (target !== ctx.userId && !wekan.can.isSiteAdmin(ctx.userId)) throw forbidden();
		return store.boards
			.find((b) => !b.archived && b.members.some((m) => m.userId === target && m.isActive) && listedBoard(b))
			.sort(bySort)
			.map((b) => ({ _id: b._id, title: b.title }));
	});

	router.get('/api/boards', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		return store.boards
			.find((b) => b.permission === 'public' && listedBoard(b))
			.sort(bySort)
			.map((b) => ({ _id: b._id, title: b.title }));
	});

	router.get('/api/boards_count', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const all = store.boards.find();
		return {
			private: all.filter((b) => b.permission === 'private').length,
			public: all.filter((b) => b.permission === 'public').length,
		};
	});

	router.get('/api/boards/:boardId', 'A', (ctx) => wekan.can.boardRead(ctx.userId, ctx.params.boardId));

	router.post('/api/boards', 'C', (ctx) => {
		wekan.can.loggedIn(ctx.userId);
		const title = str(ctx.body.title);
		// collection2's validation error is a plain Error: no statusCode, so the route answers 500.
		if (!title) throw new StatusError(500, { error: 'Title is required' });
		const permission = str(ctx.body.permission) || 'private';
		if (permission !== 'private' && permission !== 'public') {
			throw new StatusError(500, { error: 'Permission is not an allowed value' });
		}
		const color = str(ctx.body.color) || 'belize';
		if (!BOARD_COLORS.includes(color)) throw new StatusError(500, { error: 'Color is not an allowed value' });
		const ownerId = str(ctx.body.owner) || ctx.userId;
		const board = wekan.createBoard({ title, ownerId, permission, color });
		const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
		wekan.webhooks.record({ activityType: 'createBoard', userId: ctx.userId, boardId: board._id, origin: 'rest' });
		wekan.webhooks.record({
			activityType: 'createSwimlane',
			userId: ctx.userId,
			boardId: board._id,
			swimlaneId,
			origin: 'rest',
		});
		return { _id: board._id, defaultSwimlaneId: swimlaneId };
	});

	router.delete('/api/boards/:boardId', 'C', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardAdmin(ctx.userId, boardId);
		for (const card of store.cards.find((c) => c.boardId === boardId)) wekan.deleteCardDeep(card._id);
		store.lists.removeWhere((l) => l.boardId === boardId);
		store.swimlanes.removeWhere((s) => s.boardId === boardId);
		store.integrations.removeWhere((i) => i.boardId === boardId);
		store.activities.removeWhere((a) => a.boardId === boardId);
		wekan.webhooks.record({ activityType: 'removeBoard', userId: ctx.userId!, boardId, origin: 'rest' });
		store.boards.remove(boardId);
		return { _id: boardId };
	});

	router.put('/api/boards/:boardId/title', 'A', (ctx) => {
		const board = wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const title = ctx.body.title;
		// A direct write: no changedBoardTitle activity.
		if (typeof title === 'string' && title) {
			board.title = title;
			board.modifiedAt = new Date();
		}
		return { _id: board._id, title };
	});

	router.post('/api/boards/:boardId/copy', 'C', (ctx) => {
		// Every failure, permission errors included, comes back as a 500 with the error's text.
		try {
			const source = store.boards.get(ctx.params.boardId);
			if (!ctx.userId) throw unauthorized();
			if (!source) throw new TypeError("Cannot read properties of undefined (reading 'members')");
			const adminAccess = source.members.some((m) => m.userId === ctx.userId && m.isAdmin);
			if (!adminAccess && !wekan.can.isSiteAdmin(ctx.userId)) throw forbidden();
			const title = str(ctx.body.title) || uniqueTitle(source.title);
			return json(200, copyBoard(wekan, source, title, ctx.userId));
		} catch (error) {
			const reason = error instanceof MeteorError ? (error.reason ?? String(error.error)) : (error as Error).message;
			return json(500, { error: reason });
		}
	});

	// ---- card settings (style B; the 404 and 400 answers are explicit) ------------------------------------

	const cardSettings = (board: BoardDoc) => {
		const data: Record<string, unknown> = {};
		for (const key of [...CARD_SETTING_KEYS, ...CARD_NUMERIC_SETTING_KEYS]) data[key] = board[key];
		return data;
	};

	router.get('/api/boards/:boardId/cardSettings', 'B', (ctx) =>
		cardSettings(wekan.can.boardRead(ctx.userId, ctx.params.boardId)),
	);

	router.put('/api/boards/:boardId/cardSettings', 'B', (ctx) => {
		const board = wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const set: Record<string, unknown> = {};
		for (const key of CARD_SETTING_KEYS) {
			if (has(ctx.body, key)) {
				const value = ctx.body[key];
				set[key] = value === true || String(value).toLowerCase() === 'true';
			}
		}
		for (const key of CARD_NUMERIC_SETTING_KEYS) {
			if (has(ctx.body, key)) {
				const n = Number.parseInt(String(ctx.body[key]), 10);
				if (!Number.isNaN(n) && n >= 0) set[key] = n;
			}
		}
		if (!Object.keys(set).length) return json(400, { error: 'no recognized card settings in body' });
		Object.assign(board, set);
		return cardSettings(board);
	});

	// ---- members ------------------------------------------------------------------------------------------

	/** The explicit 401/404/403 checks the member routes make before their try block. */
	const memberRouteGate = (ctx: RequestContext, denial: string): BoardDoc => {
		if (!ctx.userId) throw new StatusError(401, { error: 'Unauthorized' });
		const board = store.boards.get(ctx.params.boardId);
		if (!board) throw new StatusError(404, { error: 'Board not found' });
		if (!isBoardOrSiteAdmin(wekan, board, ctx.userId)) throw new StatusError(403, { error: denial });
		return board;
	};

	router.post('/api/boards/:boardId/members/:userId/add', 'C', (ctx) => {
		const board = memberRouteGate(ctx, 'Only a board admin can add members');
		let flags = flagsFromBody(ctx.body);
		if (has(ctx.body, 'role')) {
			const fromRole = flagsForRole(ctx.body.role);
			if (!fromRole) return json(400, { error: `invalid role: ${String(ctx.body.role)}` });
			flags = fromRole;
		}
		return insideTry(() => {
			const user = store.users.get(ctx.params.userId);
			// Anything but action "add" does nothing and answers with the raw user document, services included.
			if (ctx.body.action !== 'add') return user;
			if (!user) throw new MeteorError('not-found', 'User not found', 404);
			if (user.loginDisabled) return json(400, { error: 'User is disabled' });
			const existing = board.members.find((m) => m.userId === user._id);
			if (existing) {
				Object.assign(existing, flags, { isActive: true });
			} else {
				board.members.push(newMember(user._id, flags));
				wekan.webhooks.record({
					activityType: 'addBoardMember',
					userId: ctx.userId!,
					memberId: user._id,
					boardId: board._id,
					origin: 'rest',
				});
			}
			board.modifiedAt = new Date();
			return [{ _id: board._id, title: board.title }];
		});
	});

	router.post('/api/boards/:boardId/members/:userId/remove', 'C', (ctx) => {
		const board = memberRouteGate(ctx, 'Only a board admin can remove members');
		return insideTry(() => {
			const user = store.users.get(ctx.params.userId);
			if (ctx.body.action !== 'remove') return user;
			if (!user) throw new MeteorError('not-found', 'User not found', 404);
			const member = board.members.find((m) => m.userId === user._id && m.isActive);
			const otherActiveAdmins = board.members.filter((m) => m.isActive && m.isAdmin && m.userId !== user._id);
			// The board keeps its last active admin.
			if (member && (!member.isAdmin || otherActiveAdmins.length > 0)) {
				member.isActive = false;
				board.modifiedAt = new Date();
				dropFromCards(board._id, user._id);
				wekan.webhooks.record({
					activityType: 'removeBoardMember',
					userId: ctx.userId!,
					memberId: user._id,
					boardId: board._id,
					origin: 'rest',
				});
			}
			return [{ _id: board._id, title: board.title }];
		});
	});

	router.post('/api/boards/:boardId/members/:memberId', 'A', (ctx) => {
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		const board = store.boards.get(ctx.params.boardId);
		if (!isBoardOrSiteAdmin(wekan, board, ctx.userId)) {
			return json(403, { error: 'Only a board admin can change member permissions' });
		}
		let flags = flagsFromBody(ctx.body);
		if (has(ctx.body, 'role')) {
			const fromRole = flagsForRole(ctx.body.role);
			if (!fromRole) return json(400, { error: `invalid role: ${String(ctx.body.role)}` });
			flags = fromRole;
		}
		// A site admin naming a missing board reads a property of undefined: a TypeError, serialised as {}.
		if (!board) return {};
		const member = board.members.find((m) => m.userId === ctx.params.memberId);
		if (!member) return 0;
		// You cannot take away your own admin flag.
		if (member.userId === ctx.userId) flags.isAdmin = member.isAdmin || flags.isAdmin;
		Object.assign(member, flags);
		board.modifiedAt = new Date();
		return 1;
	});

	// ---- labels -------------------------------------------------------------------------------------------

	router.put('/api/boards/:boardId/labels', 'C', (ctx) => {
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		const board = store.boards.get(ctx.params.boardId);
		if (!board) return json(404, { error: 'Board not found' });
		if (!isBoardOrSiteAdmin(wekan, board, ctx.userId)) {
			return json(403, { error: 'Only a board admin can create or edit labels' });
		}
		const raw = ctx.body.label;
		let name: string;
		let color: string;
		if (typeof raw === 'string') {
			name = raw;
			color = 'green';
		} else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
			const label = raw as Record<string, unknown>;
			if (label.name !== undefined && typeof label.name !== 'string') {
				return json(400, { error: 'label.name must be a string' });
			}
			name = (label.name as string | undefined) ?? '';
			color = label.color === undefined || label.color === '' ? 'green' : String(label.color);
		} else {
			return json(400, { error: 'Missing label: send {"label":{"name":"…","color":"…"}} or {"label":"…"}' });
		}
		if (!ALLOWED_COLORS.includes(color)) return json(400, { error: `Invalid label color: ${color}` });
		const existing = board.labels.find((l) => l.name === name && l.color === color);
		if (existing) return json(200, existing._id);
		const labelId = randomId(6);
		board.labels.push({ _id: labelId, name, color });
		return json(200, labelId);
	});

	router.post('/api/boards/:boardId/cards/labels', 'C', (ctx) => {
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		const board = store.boards.get(ctx.params.boardId);
		if (!board) return json(404, { error: 'Board not found' });
		try {
			wekan.can.boardWrite(ctx.userId, board._id);
		} catch {
			return json(403, { error: 'Forbidden' });
		}
		const { cardIds, addLabelIds, removeLabelIds } = ctx.body;
		if (!Array.isArray(cardIds) || cardIds.length === 0) {
			return json(400, { error: 'cardIds must be a non-empty array' });
		}
		if (cardIds.length > MAX_BULK_CARDS) {
			return json(400, { error: `cardIds may hold at most ${MAX_BULK_CARDS} ids` });
		}
		for (const [key, value] of [['addLabelIds', addLabelIds], ['removeLabelIds', removeLabelIds]] as const) {
			if (value !== undefined && !Array.isArray(value)) return json(400, { error: `${key} must be an array` });
		}
		const add = ((addLabelIds as unknown[] | undefined) ?? []).map(String);
		const remove = ((removeLabelIds as unknown[] | undefined) ?? []).map(String);
		const known = new Set(board.labels.map((l) => l._id));
		const unknown = [...add, ...remove].find((id) => !known.has(id));
		if (unknown !== undefined) return json(400, { error: `Label ${unknown} is not on this board` });
		const updated: Array<{ _id: string; labelIds: string[] }> = [];
		const notFound: string[] = [];
		const now = new Date();
		for (const id of cardIds.map(String)) {
			const card = store.cards.get(id);
			if (!card || card.boardId !== board._id) {
				notFound.push(id);
				continue;
			}
			const next = card.labelIds.filter((l) => !remove.includes(l));
			for (const l of add) if (!next.includes(l) && !remove.includes(l)) next.push(l);
			card.labelIds = next;
			store.touchCard(card, now);
			updated.push({ _id: card._id, labelIds: [...next] });
		}
		return { updated, notFound };
	});

	// ---- export -------------------------------------------------------------------------------------------

	router.get('/api/boards/:boardId/export', 'B', (ctx) => {
		const userId = ctx.userId ?? wekan.userIdForToken(ctx.query.authToken);
		const board = store.boards.get(ctx.params.boardId);
		// The exporter reads the missing board's fields: a TypeError, Express's 500 page.
		if (!board) return expressErrorPage(500);
		const allowed =
			board.permission === 'public' ||
			wekan.can.isSiteAdmin(userId) ||
			!!(userId && wekan.can.activeMember(board, userId));
		// Wekan keeps this answer raw on purpose: a bare 403.
		if (!allowed) return empty(403);
		return exportBoard(wekan, board, ctx.query);
	});
}

/** board.copy(): a new board with the same settings, labels and members, and copies of everything on it. */
function copyBoard(wekan: Wekan, source: BoardDoc, title: string, userId: string): string {
	const { store } = wekan;
	const now = new Date();
	const board: BoardDoc = structuredClone(source);
	board._id = randomId();
	board.title = title;
	board.slug = slugify(title);
	board.createdAt = now;
	board.modifiedAt = now;
	board.sort = Math.max(-1, ...store.boards.find().map((b) => b.sort)) + 1;
	store.boards.insert(board);
	wekan.webhooks.record({ activityType: 'createBoard', userId, boardId: board._id, origin: 'rest' });

	const swimlaneIds = new Map<string, string>();
	for (const swimlane of store.swimlanes.find((s) => s.boardId === source._id)) {
		const copy: SwimlaneDoc = { ...structuredClone(swimlane), _id: randomId(), boardId: board._id, createdAt: now, modifiedAt: now, updatedAt: now };
		swimlaneIds.set(swimlane._id, copy._id);
		store.swimlanes.insert(copy);
	}
	const listIds = new Map<string, string>();
	for (const list of store.lists.find((l) => l.boardId === source._id)) {
		const copy: ListDoc = {
			...structuredClone(list),
			_id: randomId(),
			boardId: board._id,
			swimlaneId: swimlaneIds.get(list.swimlaneId) ?? list.swimlaneId,
			createdAt: now,
			modifiedAt: now,
			updatedAt: now,
		};
		listIds.set(list._id, copy._id);
		store.lists.insert(copy);
	}
	const cardIds = new Map<string, string>();
	const cards = store.cards.find((c) => c.boardId === source._id);
	for (const card of cards) cardIds.set(card._id, randomId());
	for (const card of cards) {
		const copy: CardDoc = {
			...structuredClone(card),
			_id: cardIds.get(card._id)!,
			boardId: board._id,
			listId: listIds.get(card.listId) ?? card.listId,
			swimlaneId: swimlaneIds.get(card.swimlaneId) ?? card.swimlaneId,
			parentId: cardIds.get(card.parentId) ?? card.parentId,
			cardNumber: store.nextCardNumber(board._id),
			createdAt: now,
			modifiedAt: now,
			dateLastActivity: now,
		};
		store.cards.insert(copy);
		for (const checklist of store.checklists.find((c) => c.cardId === card._id)) {
			const checklistId = randomId();
			store.checklists.insert({ ...structuredClone(checklist), _id: checklistId, cardId: copy._id, boardId: board._id });
			for (const item of store.checklistItems.find((i) => i.checklistId === checklist._id)) {
				store.checklistItems.insert({
					...structuredClone(item),
					_id: randomId(),
					checklistId,
					cardId: copy._id,
					boardId: board._id,
				});
			}
		}
	}
	for (const field of store.customFields.find((f) => f.boardIds.includes(source._id))) {
		field.boardIds.push(board._id);
	}
	return board._id;
}

/** Drops `boardId` from a sub-document, as the exporter's projection does. */
function withoutBoardId<T extends object>(doc: T): Omit<T, 'boardId'> {
	const { boardId: _b, ...rest } = doc as T & { boardId?: unknown };
	return rest;
}

/** The Wekan board export (models/exporter.js): the board document plus everything on it. */
function exportBoard(wekan: Wekan, board: BoardDoc, query: Record<string, string>): Record<string, unknown> {
	const { store } = wekan;
	const { swimlaneId, listId, cardId, checklistId } = query;
	const cards = store.cards.find(
		(c) =>
			c.boardId === board._id &&
			(!swimlaneId || c.swimlaneId === swimlaneId) &&
			(!listId || c.listId === listId) &&
			(!cardId || c._id === cardId),
	);
	const cardSet = new Set(cards.map((c) => c._id));
	const checklists = store.checklists.find(
		(c) => c.boardId === board._id && cardSet.has(c.cardId) && (!checklistId || c._id === checklistId),
	);
	const checklistSet = new Set(checklists.map((c) => c._id));
	const memberIds = new Set(board.members.map((m) => m.userId));
	const users = store.users
		.find((u: UserDoc) => memberIds.has(u._id))
		.map((u) => ({
			_id: u._id,
			username: u.username,
			profile: { fullname: u.profile.fullname, initials: u.profile.initials },
		}));
	const result: Record<string, unknown> = {
		_format: 'wekan-board-1.0.0',
		...board,
		swimlanes: store.swimlanes
			.find((s) => s.boardId === board._id && (!swimlaneId || s._id === swimlaneId))
			.map(withoutBoardId),
		lists: store.lists.find((l) => l.boardId === board._id && (!listId || l._id === listId)).map(withoutBoardId),
		cards: cards.map(withoutBoardId),
		checklists: checklists.map(withoutBoardId),
		checklistItems: store.checklistItems.find((i) => checklistSet.has(i.checklistId)).map(withoutBoardId),
		comments: store.comments.find((c) => c.boardId === board._id && cardSet.has(c.cardId)).map(withoutBoardId),
		activities: store.activities
			.find((a) => a.boardId === board._id)
			.map(({ origin: _o, boardId: _b, ...rest }) => rest),
		customFields: store.customFields.find((f) => f.boardIds.includes(board._id)),
		rules: [],
		triggers: [],
		actions: [],
		subtaskItems: cards.filter((c) => c.parentId).map(withoutBoardId),
		users,
	};
	if (query.attachments !== 'false') {
		result.attachments = store.attachments
			.find((a) => a.boardId === board._id && cardSet.has(a.cardId))
			.map(({ data, boardId: _b, ...rest }) => ({ ...rest, file: data.toString('base64') }));
	}
	return result;
}
