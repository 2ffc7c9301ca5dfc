/**
 * Checklists and checklist items over REST: server/models/checklists.js:156-340 and
 * server/models/checklistItems.js:94-263, at Wekan v11.07.
 *
 * Every handler is style B: none has a try/catch, so a thrown error (a permission check, or collection2 refusing a
 * write) reaches Express, which answers its HTML page (the error's statusCode, else 500). The handlers' own
 * failures are `sendJsonResult` calls: a 404 `{error}` for a card that is not on the board, and, with no data at
 * all (so no body and no Content-Type), a 500 for a missing checklist on GET and a 404 on the item routes.
 */
import { empty, json, type Router } from '../http';
import type { CardDoc } from '../schemas/cards';
import type { Wekan } from '../server';

const CARD_NOT_ON_BOARD = { error: 'Card not found or does not belong to the specified board' };
const CHECKLIST_NOT_ON_CARD = { error: 'Checklist not found or does not belong to the specified card' };

/** `Object.prototype.hasOwnProperty` as `req.body.hasOwnProperty(key)` uses it. */
const has = (body: object, key: string) => Object.prototype.hasOwnProperty.call(body, key);

/**
 * The PUT's isTrue (server/models/checklistItems.js:201-207): a string is true when it is "true" in any case, and
 * anything else (which has no toLowerCase) is passed on as it is, for the schema to convert or refuse.
 */
function isTrue(data: unknown): unknown {
	return typeof data === 'string' ? data.toLowerCase() === 'true' : data;
}

export function registerChecklistRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const base = '/api/boards/:boardId/cards/:cardId/checklists';
	const itemPath = `${base}/:checklistId/items/:itemId`;

	/** `ReactiveCache.getCard({_id: cardId, boardId})`. */
	const cardOnBoard = (cardId: string, boardId: string): CardDoc | undefined =>
		db.cards.findOne({ _id: cardId, boardId });

	// server/models/checklists.js:156-194: {_id, title} of the card's checklists, in natural order (no sort). The
	// 500 branch is unreachable: a fetched array is always truthy.
	router.get(base, 'B', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_ON_BOARD);
		return db.checklists.find({ cardId }).map((checklist) => ({ _id: checklist._id, title: checklist.title }));
	});

	// server/models/checklists.js:196-240: the whole checklist document plus `items`, each {_id, title, isFinished},
	// in natural order (no sort: not by the items' sort). A checklist not on the card is a bodiless 500.
	router.get(`${base}/:checklistId`, 'B', (ctx) => {
		const { boardId, cardId, checklistId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_ON_BOARD);
		const checklist = db.checklists.findOne({ _id: checklistId, cardId });
		if (!checklist) return empty(500);
		const items = db.checklistItems
			.find({ checklistId: checklist._id })
			.map((item) => ({ _id: item._id, title: item.title, isFinished: item.isFinished }));
		return { ...checklist, items };
	});

	// server/models/checklists.js:242-298.
	router.post(base, 'B', (ctx) => {
		const { boardId, cardId } = ctx.params;
		// checkBoardAccess, then the comment capability (allowIsBoardMemberCommentOnly, server/lib/utils.js:25-27)
		// or a site admin: a read-only member can read checklists but not add one.
		const board = wekan.can.boardRead(ctx.userId, boardId);
		wekan.can.adminOr(ctx.userId, wekan.can.canComment(ctx.userId, board));
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_ON_BOARD);
		// Hooked insert: no boardId here (the before.insert hook takes it from the card), sort always 0, and the title
		// as sent; the schema defaults a missing or blank one to 'Checklist' and refuses a non-string (HTML 500).
		const id = db.checklists.insert({ title: ctx.body.title, cardId, sort: 0 });
		// `req.body.items || []`, a string as one item ('' as none). Anything else without .entries() (a number, an
		// object, true) throws a TypeError after the checklist exists: an HTML 500.
		let items: unknown = ctx.body.items || [];
		if (typeof items === 'string') items = items === '' ? [] : [items];
		if (!Array.isArray(items)) throw new TypeError('items.entries is not a function');
		// One hooked insert per item, sort = its index; no splitting of titles (models/lib/checklistItemTitles.js is
		// the web client's). An item the schema refuses (blank, null, an object) ends the loop with an HTML 500,
		// leaving the checklist and the items before it.
		(items as unknown[]).forEach((title, sort) => {
			db.checklistItems.insert({ cardId, checklistId: id, title, sort });
		});
		return { _id: id };
	});

	// server/models/checklists.js:300-340: a hooked removal of the checklist alone. Its items are not removed
	// (nothing in the handler or the hooks does it), so they stay in checklistItems with a dangling checklistId.
	router.delete(`${base}/:checklistId`, 'B', (ctx) => {
		const { boardId, cardId, checklistId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!cardOnBoard(cardId, boardId)) return json(404, CARD_NOT_ON_BOARD);
		const checklist = db.checklists.findOne({ _id: checklistId, cardId });
		if (!checklist) return json(404, CHECKLIST_NOT_ON_CARD);
		db.checklists.remove({ _id: checklistId });
		return { _id: checklistId };
	});

	/**
	 * The item routes' lookup (server/models/checklistItems.js:102-105, 186-199, 240-253): the item by id, on this
	 * card and checklist, and its card on this board. The checklist itself is not looked up.
	 */
	const itemAt = (params: Record<string, string>) => {
		const item = db.checklistItems.findOne(params.itemId);
		if (!item || item.cardId !== params.cardId || item.checklistId !== params.checklistId) return undefined;
		const card = db.cards.findOne(item.cardId);
		return card && card.boardId === params.boardId ? item : undefined;
	};

	// server/models/checklistItems.js:94-121: the whole item document, or a bodiless 404.
	router.get(itemPath, 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return itemAt(ctx.params) ?? empty(404);
	});

	// server/models/checklistItems.js:123-175.
	router.post(`${base}/:checklistId/items`, 'B', (ctx) => {
		const { boardId, cardId, checklistId } = ctx.params;
		// checkBoardAccess only: unlike the checklist POST, no comment capability is asked for.
		wekan.can.boardRead(ctx.userId, boardId);
		const checklist = db.checklists.findOne({ _id: checklistId, cardId });
		if (!checklist) return empty(404);
		const card = db.cards.findOne(cardId);
		if (!card || card.boardId !== boardId) return empty(404);
		// `Number(req.body.sort)` when finite (so "", null, false and [] give 0, true gives 1), else one after the
		// highest sort of the checklist's items (#6544), else 0.
		let sort = Number(ctx.body.sort);
		if (!Number.isFinite(sort)) {
			const [last] = db.checklistItems.find({ checklistId }, { sort: { sort: -1 }, limit: 1 });
			sort = last && Number.isFinite(last.sort) ? last.sort + 1 : 0;
		}
		// Hooked insert (boardId from the card, addChecklistItem); a missing or blank title is refused: HTML 500.
		const id = db.checklistItems.insert({ cardId, checklistId, title: ctx.body.title, isFinished: false, sort });
		return { _id: id };
	});

	// server/models/checklistItems.js:177-229: isFinished, then title, each its own `.direct` update (cleaned and
	// validated, no hooks: no checkedItem/uncheckedItem/completeChecklist activity). Nothing else is read (no sort).
	// A refused value answers an HTML 500, after any earlier write; the title "" is refused ("Title is required":
	// the schema turns the empty $set into an $unset).
	router.put(itemPath, 'B', (ctx) => {
		const { itemId } = ctx.params;
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		if (!itemAt(ctx.params)) return empty(404);
		const body = ctx.body;
		if (has(body, 'isFinished'))
			db.checklistItems.direct.update({ _id: itemId }, { $set: { isFinished: isTrue(body.isFinished) } });
		if (has(body, 'title')) db.checklistItems.direct.update({ _id: itemId }, { $set: { title: body.title } });
		return { _id: itemId };
	});

	// server/models/checklistItems.js:231-263: a `.direct` removal, so no hook: the item's activities stay and no
	// removedChecklistItem is recorded.
	router.delete(itemPath, 'B', (ctx) => {
		const { itemId } = ctx.params;
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		if (!itemAt(ctx.params)) return empty(404);
		db.checklistItems.direct.remove({ _id: itemId });
		return { _id: itemId };
	});
}
