/**
 * Lists (wekan-api.md §2.4; server/models/lists.js). Style A, except copy and move, whose permission errors
 * escape as Express pages (style B) and whose "not found" is an explicit 404 {error}.
 * GET …/lists/:listId/cards_count is a card route (routes/cards.ts).
 */
import { MeteorError } from '../errors';
import { json, type Router } from '../http';
import { randomId } from '../ids';
import { ALLOWED_COLORS, type CardDoc, type ListDoc } from '../model';
import type { Wekan } from '../server';
import { parseBool, str } from './shared';

const MAX_TITLE = 1000;

/** A sort value that puts an item at a 0-based index among `siblings` (already ordered by sort). */
export function sortForIndex(siblings: Array<{ sort?: number }>, index: number): number {
	const sorts = siblings.map((s) => s.sort ?? 0);
	if (!sorts.length) return 0;
	const at = Number.isFinite(index) ? Math.trunc(index) : sorts.length;
	if (at <= 0) return sorts[0] - 1;
	if (at >= sorts.length) return sorts[sorts.length - 1] + 1;
	return (sorts[at - 1] + sorts[at]) / 2;
}

/** Wekan's list colours: a palette name or a custom `#rrggbb`. */
function validListColor(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const color = value.trim().toLowerCase();
	if (ALLOWED_COLORS.includes(color) || /^#[0-9a-f]{6}$/.test(color)) return color;
	return undefined;
}

/** Copies a card with its checklists and items; the copy keeps title, dates, labels and members. */
export function copyCardDeep(wekan: Wekan, card: CardDoc, into: { boardId: string; listId: string; swimlaneId: string }): CardDoc {
	const { store } = wekan;
	const now = new Date();
	const copy: CardDoc = {
		...structuredClone(card),
		_id: randomId(),
		...into,
		cardNumber: store.nextCardNumber(into.boardId),
		createdAt: now,
		modifiedAt: now,
		dateLastActivity: now,
	};
	store.cards.insert(copy);
	store.touchCard(copy, now);
	for (const checklist of store.checklists.find((c) => c.cardId === card._id)) {
		const checklistId = randomId();
		store.checklists.insert({ ...structuredClone(checklist), _id: checklistId, cardId: copy._id, boardId: into.boardId });
		for (const item of store.checklistItems.find((i) => i.checklistId === checklist._id)) {
			store.checklistItems.insert({
				...structuredClone(item),
				_id: randomId(),
				checklistId,
				cardId: copy._id,
				boardId: into.boardId,
			});
		}
	}
	return copy;
}

export function registerListRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;

	const siblingsOf = (boardId: string, exceptId: string) =>
		store.lists.find((l) => l.boardId === boardId && !l.archived && l._id !== exceptId).sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));

	const reposition = (list: ListDoc, position: unknown) => {
		if (position === undefined || position === null || position === '') return;
		list.sort = sortForIndex(siblingsOf(list.boardId, list._id), Number(position));
	};

	router.get('/api/boards/:boardId/lists', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		// Only `archived` is filtered: soft-deleted lists are still listed.
		return store.lists
			.find((l) => l.boardId === boardId && !l.archived)
			.map((l) => ({ _id: l._id, title: l.title, modifiedAt: l.modifiedAt, cardsModifiedAt: l.cardsModifiedAt }));
	});

	router.get('/api/boards/:boardId/lists/:listId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return store.lists.findOne((l) => l._id === ctx.params.listId && l.boardId === boardId && !l.archived);
	});

	router.post('/api/boards/:boardId/lists', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const title = str(ctx.body.title);
		// The schema's "Title is required" is a plain Error, which style A serialises as {}.
		if (!title) return {};
		// `sort: board.lists().length` reads .length of a Promise: the list gets no sort.
		const list = wekan.createList(boardId, title, str(ctx.body.swimlaneId) || undefined, undefined);
		wekan.webhooks.record({
			activityType: 'createList',
			userId: ctx.userId!,
			boardId,
			listId: list._id,
			title,
			origin: 'rest',
		});
		return { _id: list._id };
	});

	router.put('/api/boards/:boardId/lists/:listId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const list = store.lists.findOne((l) => l._id === ctx.params.listId && l.boardId === boardId && !l.archived);
		if (!list) return json(404, { error: 'List not found' });
		const body = ctx.body;
		const set: Partial<ListDoc> = {};
		if (body.title !== undefined) {
			if (typeof body.title !== 'string' || !body.title.trim()) return json(400, { error: 'title must be a non-empty string' });
			if (body.title.length > MAX_TITLE) return json(400, { error: `title must be at most ${MAX_TITLE} characters` });
			set.title = body.title;
		}
		if (body.color !== undefined) {
			const color = validListColor(body.color);
			if (!color) return json(400, { error: `Invalid list color: ${String(body.color)}` });
			set.color = color;
		}
		if (body.starred !== undefined) {
			const starred = parseBool(body.starred);
			if (starred !== undefined) set.starred = starred;
		}
		if (body.wipLimit && typeof body.wipLimit === 'object' && !Array.isArray(body.wipLimit)) {
			const wip = body.wipLimit as Record<string, unknown>;
			const next = { ...list.wipLimit };
			if (wip.value !== undefined && Number.isFinite(Number(wip.value))) next.value = Number(wip.value);
			const enabled = parseBool(wip.enabled);
			if (enabled !== undefined) next.enabled = enabled;
			const soft = parseBool(wip.soft);
			if (soft !== undefined) next.soft = soft;
			set.wipLimit = next;
		}
		if (!Object.keys(set).length) return json(404, { message: 'Error' });
		// A direct write: no changedListTitle activity.
		const now = new Date();
		Object.assign(list, set, { modifiedAt: now, updatedAt: now });
		return { _id: list._id };
	});

	router.delete('/api/boards/:boardId/lists/:listId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const listId = ctx.params.listId;
		const list = store.lists.findOne((l) => l._id === listId && l.boardId === boardId);
		// A soft delete (undoable in the UI): the list and its cards get deletedAt and stay in place.
		if (list && !list.deletedAt) {
			const now = new Date();
			list.deletedAt = now;
			list.modifiedAt = now;
			for (const card of store.cards.find((c) => c.listId === listId && !c.deletedAt)) {
				card.deletedAt = now;
				card.modifiedAt = now;
			}
		}
		return { _id: listId };
	});

	router.post('/api/boards/:boardId/lists/:listId/copy', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const toBoardId = str(ctx.body.toBoardId) || boardId;
		wekan.can.boardWrite(ctx.userId, toBoardId);
		const list = store.lists.findOne((l) => l._id === ctx.params.listId && l.boardId === boardId);
		if (!list) return json(404, { error: 'List not found' });
		const swimlaneId = str(ctx.body.toSwimlaneId) || (toBoardId === boardId ? list.swimlaneId : wekan.defaultSwimlaneId(toBoardId));
		if (!swimlaneId) throw new MeteorError('not-found', 'Swimlane not found', 404);
		const now = new Date();
		const copy: ListDoc = {
			...structuredClone(list),
			_id: randomId(),
			boardId: toBoardId,
			swimlaneId,
			createdAt: now,
			modifiedAt: now,
			updatedAt: now,
			cardsModifiedAt: undefined,
		};
		delete copy.deletedAt;
		store.lists.insert(copy);
		wekan.webhooks.record({
			activityType: 'createList',
			userId: ctx.userId!,
			boardId: toBoardId,
			listId: copy._id,
			title: copy.title,
			origin: 'rest',
		});
		for (const card of wekan.cardsOfList(list._id)) {
			copyCardDeep(wekan, card, { boardId: toBoardId, listId: copy._id, swimlaneId: toBoardId === boardId ? card.swimlaneId : swimlaneId });
		}
		reposition(copy, ctx.body.position);
		return { _id: copy._id };
	});

	router.post('/api/boards/:boardId/lists/:listId/move', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const toBoardId = str(ctx.body.toBoardId) || boardId;
		wekan.can.boardWrite(ctx.userId, toBoardId);
		const list = store.lists.findOne((l) => l._id === ctx.params.listId && l.boardId === boardId);
		if (!list) return json(404, { error: 'List not found' });
		const toSwimlaneId = str(ctx.body.toSwimlaneId);
		const now = new Date();
		if (toBoardId === boardId) {
			// Within the board a move is a reposition, with an optional swimlane change.
			if (toSwimlaneId) list.swimlaneId = toSwimlaneId;
			reposition(list, ctx.body.position);
			list.modifiedAt = now;
			return { _id: list._id };
		}
		const swimlaneId = toSwimlaneId || wekan.defaultSwimlaneId(toBoardId) || '';
		const cards = store.cards.find((c) => c.listId === list._id);
		const sameTitle = store.lists.findOne((l) => l.boardId === toBoardId && !l.archived && l.title === list.title);
		if (sameTitle) {
			// Merge: the cards join the existing list and the moved list goes away.
			for (const card of cards) {
				Object.assign(card, { boardId: toBoardId, listId: sameTitle._id, swimlaneId });
				store.touchCard(card, now);
			}
			store.lists.remove(list._id);
		} else {
			Object.assign(list, { boardId: toBoardId, swimlaneId, modifiedAt: now, updatedAt: now });
			list.sort = sortForIndex(siblingsOf(toBoardId, list._id), Number.POSITIVE_INFINITY);
			for (const card of cards) {
				Object.assign(card, { boardId: toBoardId, swimlaneId });
				store.touchCard(card, now);
			}
		}
		// The answer names the moved list even when it was merged away.
		return { _id: list._id };
	});
}
