/**
 * Lists: the schema and the collection hooks (server/models/lists.js:656-749), the List helpers the server calls
 * (models/lists.js:284-589: copy, move, cards, archive, restore), the soft delete of the REST DELETE
 * (server/models/lists.js:39-68) and the pure helpers of the REST handlers: models/lib/listApiUpdate.js,
 * models/lib/listActivityDates.js and normalizeListColor (models/lists.js:66-80). At Wekan v11.07, commit f5cc8e373.
 *
 * Not modelled: the PositionHistory and UserPositionHistory records (list positions for undo), which live in
 * collections this server does not have; Wekan writes them best-effort and no REST answer depends on them.
 */
import { cloneValue, type WriteContext } from '../db/collection';
import { MeteorError } from '../errors';
import { randomId } from '../ids';
import type { CardDoc } from '../schemas/cards';
import { isHexColor, LIST_COLORS } from '../schemas/constants';
import { type ListDoc, listsSchema } from '../schemas/lists';
import type { Wekan } from '../server';
import { getDefaultSwimlane } from './boards';
import { archiveCard, computeSortForIndex, copyCard, moveCard } from './cards';

/** Attaches the lists schema and registers the lists hooks. */
export function registerLists(wekan: Wekan): void {
	const { db } = wekan;
	db.lists.attachSchema(listsSchema(db));

	// server/models/lists.js:656-677 (the setTimeout that records the original position is not modelled)
	db.lists.after.insert((userId, doc) => {
		db.activities.insert(
			{ userId, type: 'list', activityType: 'createList', boardId: doc.boardId, listId: doc._id, title: doc.title },
			{ userId },
		);
	});

	// server/models/lists.js:679-709: removing a list removes its cards (from every swimlane and board), except, for
	// an archived list, the cards that were archived before the list was.
	db.lists.before.remove((userId, doc) => {
		for (const card of db.cards.find({ listId: doc._id })) {
			if (!doc.archived) {
				db.cards.remove(card._id, { userId });
				continue;
			}
			const listArchivedAt = doc.archivedAt;
			const cardArchivedAt = card.archivedAt;
			const shouldDelete =
				!listArchivedAt || !card.archived || !cardArchivedAt || cardArchivedAt.getTime() >= listArchivedAt.getTime();
			if (shouldDelete) db.cards.remove(card._id, { userId });
		}
		db.activities.insert(
			{ userId, type: 'list', activityType: 'removeList', boardId: doc.boardId, listId: doc._id, title: doc.title },
			{ userId },
		);
	});

	// server/models/lists.js:711-749
	db.lists.after.update((userId, doc, fieldNames) => {
		const fields = { listId: doc._id, boardId: doc.boardId, title: doc.title };
		const record = (activityType: string) =>
			db.activities.insert({ userId, type: 'list', activityType, ...fields }, { userId });
		if (fieldNames.includes('title')) record('changedListTitle');
		// Any hooked update of an archived list records archivedList again, whatever it changed.
		else if (doc.archived) record('archivedList');
		else if (fieldNames.includes('archived')) record('restoredList');
		if (fieldNames.includes('sort') || fieldNames.includes('swimlaneId')) {
			// `_updatedAt` is not in the schema, so collection2 filters it out; what is written is the schema's
			// updatedAt and modifiedAt autoValues.
			db.lists.direct.update({ _id: doc._id }, { $set: { _updatedAt: new Date() } }, {}, { userId });
		}
	});
}

/**
 * Creates a list as POST /api/boards/:boardId/lists does (server/models/lists.js:812-820): title, board, sort (none
 * unless given) and the swimlane given, else the board's default one. Pass '' for a list shared by every swimlane.
 */
export function createList(wekan: Wekan, boardId: string, title: string, swimlaneId?: string, sort?: number): ListDoc {
	const id = wekan.db.lists.insert({
		title,
		boardId,
		sort,
		swimlaneId: swimlaneId ?? getDefaultSwimlane(wekan, boardId)?._id,
	});
	return wekan.db.lists.findOne(id) as ListDoc;
}

// ---- List helpers (models/lists.js) ----------------------------------------------------------------------------

/**
 * List.orphanedCardsSwimlaneIds (models/lists.js:367-390): when `swimlaneId` is the first live swimlane of the
 * list's board, the ids of the board's other live swimlanes; otherwise undefined.
 */
function orphanedCardsSwimlaneIds(wekan: Wekan, list: ListDoc, swimlaneId: unknown): string[] | undefined {
	if (!swimlaneId) return undefined;
	const swimlanes = wekan.db.swimlanes.find({ boardId: list.boardId, archived: false }, { sort: { sort: 1 } });
	if (!swimlanes.length || swimlanes[0]._id !== swimlaneId) return undefined;
	return swimlanes.map((s) => s._id).filter((id) => id !== swimlaneId);
}

/**
 * List.cards(swimlaneId) on the server (models/lists.js:392-411 with models/lib/swimlaneFilter.js): the list's live
 * cards by sort; with a swimlane, only that swimlane's, or, for the board's first swimlane, every card not in one
 * of the board's other swimlanes. The board Filter is a client global, absent on the server.
 */
export function listCards(wekan: Wekan, list: ListDoc, swimlaneId?: unknown): CardDoc[] {
	const selector: Record<string, unknown> = { listId: list._id, archived: false };
	if (swimlaneId) {
		const others = orphanedCardsSwimlaneIds(wekan, list, swimlaneId);
		selector.swimlaneId = others ? { $nin: others } : swimlaneId;
	}
	return wekan.db.cards.find(selector, { sort: { sort: 1 } });
}

/**
 * List.copy(boardId, swimlaneId, cardIdMap) (models/lists.js:285-316).
 * - A live list with the same title on the target board is reused instead of inserting a copy; on the list's own
 *   board that is usually the list itself, so the cards are copied into the list they came from.
 * - Otherwise the whole document is inserted again with the new board and `swimlaneId` as given (the schema's ''
 *   when none): sort, colour, archived, archivedAt, soft-delete marks, modifiedAt and watchers come along; createdAt
 *   and updatedAt are renewed by their autoValues.
 * - The cards copied are the live ones whose swimlaneId equals the list's own (`this.swimlaneId || null`, and null
 *   matches only cards without one), each by Card.copy with `swimlaneId` as given: without one the cards schema
 *   refuses the first card copy, after the list was created.
 */
export function copyList(
	wekan: Wekan,
	list: ListDoc,
	boardId: string,
	swimlaneId: unknown,
	cardIdMap: Record<string, string> | null = null,
	context: WriteContext = {},
): string {
	const { db } = wekan;
	const oldId = list._id;
	const oldSwimlaneId = list.swimlaneId || null;
	const existing = db.lists.findOne({ boardId, title: list.title, archived: false });
	let id: string;
	if (existing) {
		id = existing._id;
	} else {
		const { _id: _oldId, ...fields } = cloneValue(list);
		id = db.lists.insert({ ...fields, boardId, swimlaneId }, context);
	}
	for (const card of db.cards.find({ swimlaneId: oldSwimlaneId, listId: oldId, archived: false })) {
		copyCard(wekan, card, boardId, swimlaneId, id, cardIdMap, context);
	}
	return id;
}

/**
 * List.move(boardId, swimlaneId) (models/lists.js:318-361). The list itself stays where it is: a list of the same
 * title on the target board takes its cards, or a new list is inserted there.
 * - Merging into an existing list, every live card of the list moves with Card.move(boardId, <the list's _id>,
 *   <existing list>): Wekan passes the list's own _id where the swimlane belongs, so each card's swimlaneId becomes
 *   that list id.
 * - Into a new list (title, board, type, wipLimit and `swimlaneId` as given), the cards moved are List.cards(swimlaneId):
 *   all live cards when no swimlane is given (they keep their swimlaneId), and with one only the cards already in
 *   that swimlane (normally none, since it belongs to the other board).
 */
export function moveList(wekan: Wekan, list: ListDoc, boardId: string, swimlaneId: unknown, context: WriteContext = {}): void {
	const { db } = wekan;
	const boardList = db.lists.findOne({ boardId, title: list.title, archived: false });
	let listId: string;
	if (boardList) {
		listId = boardList._id;
		for (const card of listCards(wekan, list)) {
			moveCard(wekan, card, { boardId, swimlaneId: list._id, listId: boardList._id }, context);
		}
	} else {
		// models/lists.js:341-347
		if (typeof list.title !== 'string' || list.title.trim().length === 0) {
			throw new MeteorError(
				'list-has-no-title',
				'This list has no title, so it cannot be moved to another board. Give it a title first.',
			);
		}
		listId = db.lists.insert(
			{ title: list.title, boardId, type: list.type, archived: false, wipLimit: list.wipLimit, swimlaneId },
			context,
		);
	}
	for (const card of listCards(wekan, list, swimlaneId)) moveCard(wekan, card, { boardId, swimlaneId, listId }, context);
}

/** List.archive (models/lists.js:551-558): a template list archives its cards first. */
export function archiveList(wekan: Wekan, list: ListDoc, context: WriteContext = {}): void {
	if (list.type === 'template-list') {
		for (const card of listCards(wekan, list)) archiveCard(wekan, card, context);
	}
	wekan.db.lists.update(list._id, { $set: { archived: true, archivedAt: new Date() } }, {}, context);
}

/**
 * List.restore (models/lists.js:560-567). For a template list Wekan restores `this.allCards()`, which on the server
 * filters the Promise ReactiveCache.getCards returns, not an array, and so is always empty
 * (models/lists.js:426-437, :33-36): no card is restored.
 */
export function restoreList(wekan: Wekan, list: ListDoc, context: WriteContext = {}): void {
	wekan.db.lists.update(list._id, { $set: { archived: false } }, {}, context);
}

// ---- Soft delete (server/models/lists.js:39-127, models/lib/softDelete.js) ------------------------------------

/** softDeleteSet (models/lib/softDelete.js:28-33): a falsy user or batch id is left out. */
function softDeleteSet(userId: string | undefined, batchId: string, at: Date): Record<string, unknown> {
	const set: Record<string, unknown> = { deletedAt: at };
	if (userId) set.deletedBy = userId;
	if (batchId) set.deleteBatchId = batchId;
	return set;
}

/**
 * softRemoveList (server/models/lists.js:44-68): marks the list's not-deleted cards on its board, then the list, with
 * one timestamp and batch id, both through hooked updates. `deletedBy` is the acting user the caller passes (the
 * REST handler passes req.userId); the hooks themselves see the write context's user.
 */
export function softRemoveList(wekan: Wekan, deletedBy: string | undefined, list: ListDoc, context: WriteContext = {}): string {
	const at = new Date();
	const batchId = randomId();
	wekan.db.cards.update(
		{ listId: list._id, boardId: list.boardId, deletedAt: null },
		{ $set: softDeleteSet(deletedBy, batchId, at) },
		{ multi: true },
		context,
	);
	wekan.db.lists.update(list._id, { $set: softDeleteSet(deletedBy, batchId, at) }, {}, context);
	return batchId;
}

/** The `lists.restore` method's writes (server/models/lists.js:107-111): the list and the cards of its batch. */
export function restoreSoftRemovedList(wekan: Wekan, list: ListDoc, context: WriteContext = {}): void {
	const restore = { $unset: { deletedAt: '', deletedBy: '', deleteBatchId: '' } };
	wekan.db.lists.update(list._id, restore, {}, context);
	if (list.deleteBatchId) wekan.db.cards.update({ deleteBatchId: list.deleteBatchId }, restore, { multi: true }, context);
}

// ---- REST helpers -----------------------------------------------------------------------------------------------

/**
 * repositionList (server/models/lists.js:895-905): skipped only when `position` is undefined or null (so '' is
 * index 0); a direct write, so no hooks, but the schema still renews updatedAt and modifiedAt.
 */
export function repositionList(wekan: Wekan, listId: string, toBoardId: string, position: unknown): void {
	if (position === undefined || position === null) return;
	const siblings = wekan.db.lists.find({ boardId: toBoardId, archived: false, _id: { $ne: listId } }, { sort: { sort: 1 } });
	const sort = computeSortForIndex(siblings, Number(position));
	wekan.db.lists.direct.update({ _id: listId }, { $set: { sort } });
}

/**
 * normalizeListColor (models/lists.js:70-80): a LIST_COLORS name or a '#rrggbb' hex as given (case kept), else ''.
 */
export function normalizeListColor(color: unknown): string {
	if (typeof color !== 'string') return '';
	if (LIST_COLORS.includes(color)) return color;
	return isHexColor(color) ? color : '';
}

/** MAX_TITLE_LENGTH (models/lib/listApiUpdate.js:15). */
export const MAX_LIST_TITLE_LENGTH = 1000;

const INVALID_LIST_COLOR = 'Invalid list color. Use a named palette color or a #rrggbb hex value.';

/**
 * buildListPutUpdate (models/lib/listApiUpdate.js:22-63) with normalizeListColor: the `$set` of a list PUT.
 * title: any value but undefined, null and '' (as String(), so 5 is '5'), cut to 1000 characters; color: the same,
 * refused when not allowed; starred: whatever the body has under that key; wipLimit: any truthy value, whole.
 * Nothing else is read; values are not checked here, the schema converts or refuses them.
 */
export function buildListPutUpdate(body: unknown): { set: Record<string, unknown> } | { error: string } {
	const src = (body || {}) as Record<string, unknown>;
	const set: Record<string, unknown> = {};
	if (src.title !== undefined && src.title !== null && String(src.title) !== '') {
		const title = String(src.title);
		set.title = title.length > MAX_LIST_TITLE_LENGTH ? title.substring(0, MAX_LIST_TITLE_LENGTH) : title;
	}
	if (src.color !== undefined && src.color !== null && String(src.color) !== '') {
		const color = normalizeListColor(String(src.color));
		if (!color) return { error: INVALID_LIST_COLOR };
		set.color = color;
	}
	if (Object.prototype.hasOwnProperty.call(src, 'starred')) set.starred = src.starred;
	if (src.wipLimit) set.wipLimit = src.wipLimit;
	return { set };
}

/** toTime (models/lib/listActivityDates.js:21-32): a Date, a finite number or a parseable string, else null. */
function toTime(value: unknown): number | null {
	if (value instanceof Date) {
		const t = value.getTime();
		return Number.isNaN(t) ? null : t;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		const t = Date.parse(value);
		return Number.isNaN(t) ? null : t;
	}
	return null;
}

/**
 * newestCardChangeByList (models/lib/listActivityDates.js:41-58): per list id, the newest of its cards' modifiedAt and
 * dateLastActivity; cards without a list id or a usable date count for nothing.
 */
export function newestCardChangeByList(cards: Iterable<Pick<CardDoc, 'listId' | 'modifiedAt' | 'dateLastActivity'>>): Map<string, Date> {
	const newest = new Map<string, number>();
	for (const card of cards) {
		if (!card || typeof card.listId !== 'string' || card.listId === '') continue;
		const modified = toTime(card.modifiedAt);
		const active = toTime(card.dateLastActivity);
		if (modified === null && active === null) continue;
		const t = modified === null ? (active as number) : active === null ? modified : Math.max(modified, active);
		const previous = newest.get(card.listId);
		if (previous === undefined || t > previous) newest.set(card.listId, t);
	}
	const out = new Map<string, Date>();
	for (const [listId, t] of newest) out.set(listId, new Date(t));
	return out;
}
