/**
 * Checklists and checklist items (wekan-api.md §2.7; server/models/checklists.js, checklistItems.js).
 * All style B. "Not found" varies: `{error}` 404 for the card, an empty 500 for a checklist read, an empty 404
 * on the item routes.
 */
import { InternalError } from '../errors';
import { empty, json, type Router } from '../http';
import { randomId } from '../ids';
import type { CardDoc, ChecklistDoc, ChecklistItemDoc } from '../model';
import type { Wekan } from '../server';
import { str } from './shared';

const CARD_NOT_FOUND = { error: 'Card not found or does not belong to the specified board' };

export function registerChecklistRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;

	const cardOnBoard = (cardId: string, boardId: string) => store.cards.findOne((c) => c._id === cardId && c.boardId === boardId);

	const itemsOf = (checklistId: string) =>
		store.checklistItems.find((i) => i.checklistId === checklistId).sort((a, b) => a.sort - b.sort);

	/** A checklist is finished when it has items and all of them are finished. */
	const refreshFinished = (checklistId: string) => {
		const checklist = store.checklists.get(checklistId);
		if (!checklist) return;
		const items = itemsOf(checklistId);
		const finished = items.length > 0 && items.every((i) => i.isFinished);
		if (finished && !checklist.finishedAt) checklist.finishedAt = new Date();
		if (!finished && checklist.finishedAt) delete checklist.finishedAt;
	};

	const insertItem = (userId: string, card: CardDoc, checklist: ChecklistDoc, title: unknown, sort: number): ChecklistItemDoc => {
		// The schema requires a title.
		if (typeof title !== 'string' || !title) throw new InternalError('Title is required');
		const now = new Date();
		const item = store.checklistItems.insert({
			_id: randomId(),
			title,
			sort,
			isFinished: false,
			checklistId: checklist._id,
			cardId: card._id,
			boardId: card.boardId,
			createdAt: now,
			modifiedAt: now,
		});
		wekan.webhooks.record({
			activityType: 'addChecklistItem',
			userId,
			boardId: card.boardId,
			cardId: card._id,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			checklistId: checklist._id,
			checklistItemId: item._id,
			checklistItemName: item.title,
			origin: 'rest',
		});
		return item;
	};

	/** The item routes: the item must sit on this checklist and card, and the card on this board. */
	const itemIn = (params: Record<string, string>): ChecklistItemDoc | undefined => {
		const item = store.checklistItems.get(params.itemId);
		if (!item || item.cardId !== params.cardId || item.checklistId !== params.checklistId) return undefined;
		return store.cards.get(item.cardId)?.boardId === params.boardId ? item : undefined;
	};

	const base = '/api/boards/:boardId/cards/:cardId/checklists';

	router.get(base, 'B', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_FOUND);
		return store.checklists
			.find((c) => c.cardId === cardId)
			.sort((a, b) => a.sort - b.sort || a.createdAt.getTime() - b.createdAt.getTime())
			.map((c) => ({ _id: c._id, title: c.title }));
	});

	router.get(`${base}/:checklistId`, 'B', (ctx) => {
		const { boardId, cardId, checklistId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_FOUND);
		const checklist = store.checklists.findOne((c) => c._id === checklistId && c.cardId === cardId);
		// sendJsonResult({ code: 500 }) without data: a 500 with no body.
		if (!checklist) return empty(500);
		return { ...checklist, items: itemsOf(checklist._id).map((i) => ({ _id: i._id, title: i.title, isFinished: i.isFinished })) };
	});

	router.post(base, 'B', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		wekan.can.boardComment(ctx.userId, boardId);
		const userId = ctx.userId!;
		const card = cardOnBoard(cardId, boardId);
		if (!card) return json(404, CARD_NOT_FOUND);
		const title = str(ctx.body.title);
		if (!title) throw new InternalError('Title is required');
		const now = new Date();
		// New checklists always get sort 0.
		const checklist = store.checklists.insert({
			_id: randomId(),
			cardId,
			boardId: card.boardId,
			title,
			createdAt: now,
			modifiedAt: now,
			sort: 0,
		});
		wekan.webhooks.record({
			activityType: 'addChecklist',
			userId,
			boardId: card.boardId,
			cardId,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			checklistId: checklist._id,
			checklistName: title,
			origin: 'rest',
		});
		let items = ctx.body.items ?? [];
		if (typeof items === 'string') items = items === '' ? [] : [items];
		if (Array.isArray(items)) items.forEach((item, index) => insertItem(userId, card, checklist, item, index));
		refreshFinished(checklist._id);
		return { _id: checklist._id };
	});

	router.delete(`${base}/:checklistId`, 'B', (ctx) => {
		const { boardId, cardId, checklistId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_FOUND);
		const checklist = store.checklists.findOne((c) => c._id === checklistId && c.cardId === cardId);
		if (!checklist) return json(404, { error: 'Checklist not found or does not belong to the specified card' });
		store.checklists.remove(checklistId);
		store.checklistItems.removeWhere((i) => i.checklistId === checklistId);
		return { _id: checklistId };
	});

	const itemPath = `${base}/:checklistId/items/:itemId`;

	router.get(itemPath, 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return itemIn(ctx.params) ?? empty(404);
	});

	router.post(`${base}/:checklistId/items`, 'B', (ctx) => {
		const { boardId, cardId, checklistId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		const checklist = store.checklists.findOne((c) => c._id === checklistId && c.cardId === cardId);
		const card = store.cards.get(cardId);
		if (!checklist || !card || card.boardId !== boardId) return empty(404);
		// An explicit numeric sort is kept; otherwise the item goes after the last one.
		const requested = ctx.body.sort;
		const items = itemsOf(checklistId);
		const sort =
			requested !== undefined && requested !== '' && !Number.isNaN(Number(requested))
				? Number(requested)
				: items.length
					? items[items.length - 1].sort + 1
					: 0;
		const item = insertItem(ctx.userId!, card, checklist, ctx.body.title, sort);
		refreshFinished(checklistId);
		return { _id: item._id };
	});

	router.put(itemPath, 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		const item = itemIn(ctx.params);
		if (!item) return empty(404);
		const body = ctx.body;
		if (Object.prototype.hasOwnProperty.call(body, 'isFinished')) {
			const value = body.isFinished;
			// A string counts when it is "true" (any case); a non-string is stored as given.
			item.isFinished = typeof value === 'string' ? value.toLowerCase() === 'true' : Boolean(value);
			item.modifiedAt = new Date();
		}
		if (Object.prototype.hasOwnProperty.call(body, 'title')) {
			item.title = str(body.title) ?? '';
			item.modifiedAt = new Date();
		}
		refreshFinished(item.checklistId);
		return { _id: item._id };
	});

	router.delete(itemPath, 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		const item = itemIn(ctx.params);
		if (!item) return empty(404);
		store.checklistItems.remove(item._id);
		refreshFinished(item.checklistId);
		return { _id: item._id };
	});
}
