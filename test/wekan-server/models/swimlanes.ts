/**
 * Swimlanes: the schema and the collection hooks (server/models/swimlanes.js:47-124), the Swimlane helpers the
 * server calls (models/swimlanes.js:147-595: copy, move, lists, archive, restore) and nextSwimlaneSort
 * (models/lib/swimlaneSort.js). A board's default swimlane is a Board helper (models/boards.ts). At Wekan v11.07,
 * commit f5cc8e373.
 *
 * Not modelled: the PositionHistory record Swimlanes.after.insert schedules (server/models/swimlanes.js:56-64), in a
 * collection this server does not have.
 */
import { cloneValue, type WriteContext } from '../db/collection';
import type { ListDoc } from '../schemas/lists';
import { type SwimlaneDoc, swimlanesSchema } from '../schemas/swimlanes';
import type { Wekan } from '../server';
import { addBoardLabel, getDefaultSwimlane, getDefaultSwimlaneOnServerSync } from './boards';
import { archiveCard, computeSortForIndex, copyCard, moveCard, restoreCard } from './cards';
import { archiveList, restoreList } from './lists';

/** Attaches the swimlanes schema and registers the swimlanes hooks. */
export function registerSwimlanes(wekan: Wekan): void {
	const { db } = wekan;
	db.swimlanes.attachSchema(swimlanesSchema(db));

	// server/models/swimlanes.js:47-65: the activity has no title.
	db.swimlanes.after.insert((userId, doc) => {
		db.activities.insert(
			{ userId, type: 'swimlane', activityType: 'createSwimlane', boardId: doc.boardId, swimlaneId: doc._id },
			{ userId },
		);
	});

	// server/models/swimlanes.js:67-93. The lists in scope are the live ones (soft-deleted included) of this swimlane
	// or with swimlaneId '' (not null or missing). With fewer than two, they are removed, and Lists.before.remove
	// takes all their cards, whatever swimlane the cards are in; otherwise every card of any board whose swimlaneId
	// is this swimlane's is removed, and the lists stay.
	db.swimlanes.before.remove((userId, doc) => {
		const lists = db.lists.find(
			{ boardId: doc.boardId, swimlaneId: { $in: [doc._id, ''] }, archived: false },
			{ sort: { sort: 1 } },
		);
		if (lists.length < 2) {
			for (const list of lists) db.lists.remove({ _id: list._id }, { userId });
		} else {
			db.cards.remove({ swimlaneId: doc._id }, { userId });
		}
		db.activities.insert(
			{
				userId,
				type: 'swimlane',
				activityType: 'removeSwimlane',
				boardId: doc.boardId,
				swimlaneId: doc._id,
				title: doc.title,
			},
			{ userId },
		);
	});

	// server/models/swimlanes.js:95-124: these activities put the swimlane's _id under `listId`.
	db.swimlanes.after.update((userId, doc, fieldNames) => {
		const fields = { listId: doc._id, boardId: doc.boardId, title: doc.title };
		const record = (activityType: string) =>
			db.activities.insert({ userId, type: 'swimlane', activityType, ...fields }, { userId });
		if (fieldNames.includes('title')) record('changedSwimlaneTitle');
		else if (doc.archived) record('archivedSwimlane');
		else if (fieldNames.includes('archived')) record('restoredSwimlane');
	});
}

/**
 * Creates a swimlane as Wekan's server inserts one for a new board (server/models/boards.js:953-956) or for
 * `ensureDefaultSwimlane` (server/models/swimlanes.js:35-38): title and board, and a sort only when given.
 */
export function createSwimlane(wekan: Wekan, boardId: string, title: string, sort?: number): SwimlaneDoc {
	const id = wekan.db.swimlanes.insert(sort === undefined ? { title, boardId } : { title, boardId, sort });
	return wekan.db.swimlanes.findOne(id) as SwimlaneDoc;
}

// ---- Swimlane helpers (models/swimlanes.js) ----------------------------------------------------------------------

/** nextSwimlaneSort (models/lib/swimlaneSort.js:12-27): a finite requested sort, else max(existing)+1, else 0. */
export function nextSwimlaneSort(existingSorts: readonly unknown[], requestedSort: unknown): number {
	if (
		requestedSort !== undefined &&
		requestedSort !== null &&
		requestedSort !== '' &&
		Number.isFinite(Number(requestedSort))
	) {
		return Number(requestedSort);
	}
	const numbers = existingSorts.map(Number).filter(Number.isFinite);
	if (!numbers.length) return 0;
	return Math.max(...numbers) + 1;
}

/** `Array.prototype.sort((a, b) => a.sort - b.sort)` as Wekan writes it; a missing sort makes the comparison NaN. */
function bySortField<T extends { sort?: number }>(a: T, b: T): number {
	return (a.sort as number) - (b.sort as number);
}

/**
 * The sort the copy and move helpers give: the number of live swimlanes on the board, or next to `targetSwimlaneId`
 * (above or below) when it is one of them (models/swimlanes.js:173-194, :313-334).
 */
function targetSortAmong(boardSwimlanes: readonly SwimlaneDoc[], targetSwimlaneId: string | null, position: string): number {
	let targetSort = boardSwimlanes.length;
	if (targetSwimlaneId) {
		const index = boardSwimlanes.findIndex((s) => s._id === targetSwimlaneId);
		if (index >= 0) {
			const selected = boardSwimlanes[index];
			const selectedSort = selected.sort as number;
			if (position === 'above') {
				const prev = boardSwimlanes[index - 1];
				targetSort = prev && Number.isFinite(prev.sort) ? ((prev.sort as number) + selectedSort) / 2 : selectedSort - 1;
			} else {
				const next = boardSwimlanes[index + 1];
				targetSort = next && Number.isFinite(next.sort) ? (selectedSort + (next.sort as number)) / 2 : selectedSort + 1;
			}
		}
	}
	return targetSort;
}

function trimmedTitleOr(title: unknown, fallback: string): string {
	return typeof title === 'string' && title.trim().length > 0 ? title.trim() : fallback;
}

/**
 * Swimlane.copy(boardId, targetSwimlaneId, position, title, cardIdMap) (models/swimlanes.js:148-300).
 * - The whole swimlane document is inserted again on `boardId` (archived, colour and height come along; createdAt,
 *   modifiedAt and updatedAt are renewed), titled `title` trimmed or the original's, with the sort targetSortAmong
 *   gives: without a target, the count of the board's live swimlanes.
 * - The lists copied are the source board's live lists (soft-deleted ones too) of this swimlane, and, when it is
 *   the source board's default swimlane, also those with swimlaneId '' or none; each becomes a new list in the new
 *   swimlane (never reusing one of the same title) with its live cards of the same swimlane scope, copied by
 *   Card.copy. Lists of other swimlanes whose cards sit in this swimlane are not copied, nor are those cards.
 * - Across boards, the labels the copied cards carry are created on the destination board first, by name (#5158).
 */
export function copySwimlane(
	wekan: Wekan,
	swimlane: SwimlaneDoc,
	boardId: string,
	targetSwimlaneId: string | null = null,
	position = 'below',
	title: unknown = '',
	cardIdMap: Record<string, string> | null = null,
	context: WriteContext = {},
): string {
	const { db } = wekan;
	const oldId = swimlane._id;
	const oldBoardId = swimlane.boardId;
	const desiredTitle = trimmedTitleOr(title, swimlane.title);
	const boardSwimlanes = db.swimlanes.find({ boardId, archived: false }, { sort: { sort: 1 } }).sort(bySortField);
	const { _id: _oldId, ...fields } = cloneValue(swimlane);
	const newSwimlaneId = db.swimlanes.insert(
		{ ...fields, boardId, sort: targetSortAmong(boardSwimlanes, targetSwimlaneId, position), title: desiredTitle },
		context,
	);

	const sourceBoard = oldBoardId ? db.boards.findOne(oldBoardId) : undefined;
	const sourceDefault = sourceBoard ? getDefaultSwimlane(wekan, sourceBoard._id, context) : undefined;
	const isDefaultSource = sourceDefault?._id === oldId;
	const swimlaneScope = isDefaultSource ? { $in: [oldId, '', null] } : oldId;
	const sourceLists = db.lists
		.find({ boardId: oldBoardId, archived: false, swimlaneId: swimlaneScope }, { sort: { sort: 1 } })
		.sort(bySortField);

	// models/swimlanes.js:238-271 with remapLabelIds (server/lib/labelRemap.js)
	if (oldBoardId && oldBoardId !== boardId) {
		const sourceLabels = sourceBoard?.labels ?? [];
		const destBoard = db.boards.findOne(boardId);
		if (destBoard) {
			const referenced = new Set<string>();
			for (const list of sourceLists) {
				for (const card of db.cards.find({ listId: list._id, archived: false, swimlaneId: swimlaneScope })) {
					for (const labelId of card.labelIds ?? []) referenced.add(labelId);
				}
			}
			const destNames = new Set((destBoard.labels ?? []).filter((l) => l.name).map((l) => l.name));
			const missing: string[] = [];
			for (const label of sourceLabels) {
				if (!label.name || !referenced.has(label._id)) continue;
				if (!destNames.has(label.name) && !missing.includes(label.name)) missing.push(label.name);
			}
			for (const name of missing) {
				const sourceLabel = sourceLabels.find((l) => l.name === name);
				// Board.addLabel on the board as it was read: a label of that name and colour is not added again.
				addBoardLabel(wekan, destBoard, name, sourceLabel?.color, context);
			}
		}
	}

	for (const sourceList of sourceLists) {
		// models/swimlanes.js:273-297
		const newListId = db.lists.insert(
			{
				title: sourceList.title,
				boardId,
				sort: sourceList.sort,
				type: sourceList.type || 'list',
				archived: false,
				wipLimit: sourceList.wipLimit,
				swimlaneId: newSwimlaneId,
				color: sourceList.color,
				width: sourceList.width,
			},
			context,
		);
		const cards = db.cards.find({ listId: sourceList._id, archived: false, swimlaneId: swimlaneScope }, { sort: { sort: 1 } });
		for (const card of cards) copyCard(wekan, card, boardId, newSwimlaneId, newListId, cardIdMap, context);
	}
	return newSwimlaneId;
}

/**
 * Swimlane.lists() = draggableLists() (models/swimlanes.js:389-412): every list of the swimlane's board that is not
 * soft-deleted, archived ones included, by sort; not only this swimlane's.
 */
export function swimlaneLists(wekan: Wekan, swimlane: SwimlaneDoc): ListDoc[] {
	return wekan.db.lists.find({ boardId: swimlane.boardId, deletedAt: null }, { sort: { sort: 1 } });
}

/**
 * Swimlane.move(toBoardId, targetSwimlaneId, position, title) (models/swimlanes.js:302-376).
 * - For every list of the source board (Swimlane.lists(), so not only this swimlane's), the destination is the first
 *   live list of the same title on `toBoardId` (on the same board usually the list itself; for an archived list a
 *   live namesake, or else a new list), or a new list there (title, type, wipLimit, this swimlane); the cards of
 *   that list in this swimlane, archived ones too, move there by Card.move. Lists get inserted on the target board
 *   for every source list title it lacks, even lists without a card in this swimlane.
 * - Then one hooked update sets boardId, the sort targetSortAmong gives (the count of the other live swimlanes of
 *   the target board) and the title, which is always in the modifier, so changedSwimlaneTitle is recorded.
 * - Last, the synchronous getDefaultSwimline of the source board, which on the server always upserts
 *   `<sourceBoardId>-default`.
 */
export function moveSwimlane(
	wekan: Wekan,
	swimlane: SwimlaneDoc,
	toBoardId: string,
	targetSwimlaneId: string | null = null,
	position = 'below',
	title: unknown = '',
	context: WriteContext = {},
): void {
	const { db } = wekan;
	const desiredTitle = trimmedTitleOr(title, swimlane.title);
	const boardSwimlanes = db.swimlanes
		.find({ boardId: toBoardId, archived: false }, { sort: { sort: 1 } })
		.filter((s) => s._id !== swimlane._id)
		.sort(bySortField);
	const targetSort = targetSortAmong(boardSwimlanes, targetSwimlaneId, position);

	for (const list of swimlaneLists(wekan, swimlane)) {
		const toList = db.lists.findOne({ boardId: toBoardId, title: list.title, archived: false });
		const toListId =
			toList?._id ??
			db.lists.insert(
				{ title: list.title, boardId: toBoardId, type: list.type, archived: false, wipLimit: list.wipLimit, swimlaneId: swimlane._id },
				context,
			);
		for (const card of db.cards.find({ listId: list._id, swimlaneId: swimlane._id })) {
			moveCard(wekan, card, { boardId: toBoardId, swimlaneId: swimlane._id, listId: toListId }, context);
		}
	}

	db.swimlanes.update(swimlane._id, { $set: { boardId: toBoardId, sort: targetSort, title: desiredTitle } }, {}, context);
	// models/swimlanes.js:374-375: `this` still has the source board's id.
	getDefaultSwimlaneOnServerSync(wekan, swimlane.boardId, context);
}

/**
 * Swimlane.myLists() (models/swimlanes.js:414-433): the live, not soft-deleted lists of the board in this swimlane or
 * shared (swimlaneId null, missing or '').
 */
export function swimlaneMyLists(wekan: Wekan, swimlane: SwimlaneDoc): ListDoc[] {
	return wekan.db.lists.find(
		{
			boardId: swimlane.boardId,
			$or: [{ swimlaneId: swimlane._id }, { swimlaneId: null }, { swimlaneId: '' }],
			archived: false,
			deletedAt: null,
		},
		{ sort: { sort: 1 } },
	);
}

/**
 * Swimlane.archive (models/swimlanes.js:545-567): a template swimlane archives its lists; then every card of this
 * swimlane not yet archived (cardsToArchiveWithSwimlane, models/lib/swimlaneArchive.js), and the swimlane with the
 * archivedAt taken before the cards were archived.
 */
export function archiveSwimlane(wekan: Wekan, swimlane: SwimlaneDoc, context: WriteContext = {}): void {
	if (swimlane.type === 'template-swimlane') {
		for (const list of swimlaneMyLists(wekan, swimlane)) archiveList(wekan, list, context);
	}
	const archivedAt = new Date();
	for (const card of wekan.db.cards.find({ swimlaneId: swimlane._id })) {
		if (card.archived !== true) archiveCard(wekan, card, context);
	}
	wekan.db.swimlanes.update(swimlane._id, { $set: { archived: true, archivedAt } }, {}, context);
}

/**
 * Swimlane.restore (models/swimlanes.js:569-585): a template swimlane restores its lists; then the cards archived at
 * or after the swimlane's archivedAt (cardsToRestoreWithSwimlane), and the swimlane.
 */
export function restoreSwimlane(wekan: Wekan, swimlane: SwimlaneDoc, context: WriteContext = {}): void {
	if (swimlane.type === 'template-swimlane') {
		for (const list of swimlaneMyLists(wekan, swimlane)) restoreList(wekan, list, context);
	}
	const since = swimlane.archivedAt?.getTime();
	if (since !== undefined && !Number.isNaN(since)) {
		for (const card of wekan.db.cards.find({ swimlaneId: swimlane._id })) {
			const at = card.archivedAt?.getTime();
			if (card.archived === true && at !== undefined && !Number.isNaN(at) && at >= since) restoreCard(wekan, card, context);
		}
	}
	wekan.db.swimlanes.update(swimlane._id, { $set: { archived: false } }, {}, context);
}

/**
 * repositionSwimlane (server/models/swimlanes.js:257-267): skipped only when `position` is undefined or null; a
 * direct write of the sort among the target board's other live swimlanes.
 */
export function repositionSwimlane(wekan: Wekan, swimlaneId: string, toBoardId: string, position: unknown): void {
	if (position === undefined || position === null) return;
	const siblings = wekan.db.swimlanes.find(
		{ boardId: toBoardId, archived: false, _id: { $ne: swimlaneId } },
		{ sort: { sort: 1 } },
	);
	wekan.db.swimlanes.direct.update({ _id: swimlaneId }, { $set: { sort: computeSortForIndex(siblings, Number(position)) } });
}
