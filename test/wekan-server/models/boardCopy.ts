/**
 * Board.copy (models/boards.js:1065-1196) and the parts of the other models' copy methods it runs: Swimlane.copy
 * (models/swimlanes.js:148-300), Card.copy with its custom-field remap (models/cards.js:862-1068), Checklist.copy
 * (models/checklists.js:115-143), CardComment.copy (models/cardComments.js:146-158) and the attachment copy of
 * models/lib/fileStoreStrategy.js:1086-1171. Every write goes through the collections, so their schemas clean it
 * and their hooks run, as Wekan's insertAsync/updateAsync calls do. At Wekan v11.07, commit f5cc8e373.
 */
import { randomBytes } from 'node:crypto';
import { cloneValue, type WriteContext } from '../db/collection';
import type { AttachmentDoc } from '../schemas/attachments';
import type { BoardLabel } from '../schemas/boards';
import type { CardDependency, CardDoc } from '../schemas/cards';
import type { ChecklistDoc } from '../schemas/checklists';
import type { SwimlaneDoc } from '../schemas/swimlanes';
import type { Wekan } from '../server';
import { addBoardLabel, defaultSwimlaneOfBoard, nextCardNumber, uniqueBoardTitle } from './boards';

type Mutable = Record<string, unknown>;

/** A board being copied: the source document, as the route has already changed it (its title). */
export type BoardToCopy = Mutable & { _id: string; title?: unknown };

/** Drops undefined fields, which Meteor's driver does not store (ignoreUndefined). */
function defined(doc: Mutable): Mutable {
	const out: Mutable = {};
	for (const [key, value] of Object.entries(doc)) if (value !== undefined) out[key] = value;
	return out;
}

/** models/lib/boardCopyDefaults.js:15-26: default-board pointers at the source move to the copy; their lists reset. */
function remapCopiedBoardDefaults(board: Mutable, oldId: string, newId: string): Mutable {
	const patch: Mutable = {};
	if (board.subtasksDefaultBoardId === oldId) {
		patch.subtasksDefaultBoardId = newId;
		patch.subtasksDefaultListId = null;
	}
	if (board.dateSettingsDefaultBoardId === oldId) {
		patch.dateSettingsDefaultBoardId = newId;
		patch.dateSettingsDefaultListId = null;
	}
	return patch;
}

/** server/lib/labelRemap.js:27-60: the names of referenced source labels the destination has no label for. */
function missingLabelNames(sourceLabels: BoardLabel[], labelIds: string[], destLabels: BoardLabel[]): string[] {
	const referenced = sourceLabels.filter((l) => l && labelIds.includes(l._id) && l.name).map((l) => l.name as string);
	const destNames = new Set(destLabels.filter((l) => l && l.name).map((l) => l.name));
	const missing: string[] = [];
	for (const name of referenced) if (!destNames.has(name) && !missing.includes(name)) missing.push(name);
	return missing;
}

/** server/lib/cardCopyHelpers.js:21-26: destination labels whose (non-empty) name a source label of the card has. */
function filterCopiedLabelIds(destLabels: BoardLabel[], sourceNames: unknown[]): string[] {
	return destLabels.filter((l) => l && l.name && sourceNames.includes(l.name)).map((l) => l._id);
}

/** models/metadata/dependencies.js:15-17, 31, 62-86. */
const DEPENDENCY_TYPE_IDS = ['related-to', 'blocks', 'is-blocked-by', 'fixes', 'is-fixed-by'];

function normalizeDependencies(deps: unknown): CardDependency[] {
	if (!Array.isArray(deps)) return [];
	const out: CardDependency[] = [];
	for (const dep of deps as unknown[]) {
		if (!dep) continue;
		if (typeof dep === 'string') {
			out.push({ cardId: dep, type: 'related-to', color: '#eb144c', icon: 'link' } as CardDependency);
			continue;
		}
		const entry = dep as Mutable;
		if (!entry.cardId) continue;
		out.push({
			cardId: entry.cardId,
			type: DEPENDENCY_TYPE_IDS.includes(entry.type as string) ? entry.type : 'related-to',
			color: entry.color || '#eb144c',
			icon: entry.icon || 'link',
		} as CardDependency);
	}
	return out;
}

/**
 * Card.mapCustomFieldsToBoard (models/cards.js:862-909): each value points at the destination board's field of the
 * same name and type, or, when it has none, the source field is shared with the destination board (addBoard, a
 * CustomFields.updateAsync $push with its hooks) and the value keeps its id.
 */
function mapCustomFieldsToBoard(wekan: Wekan, card: Mutable, boardId: string, context: WriteContext): Mutable[] {
	const { db } = wekan;
	if (!Array.isArray(card.customFields)) return [];
	const result: Mutable[] = [];
	for (const value of card.customFields as Mutable[]) {
		if (!value || !value._id) {
			result.push({ ...value });
			continue;
		}
		const oldField = db.customFields.findOne(value._id as string);
		if (!oldField) {
			result.push({ ...value });
			continue;
		}
		const newField = db.customFields.findOne({ boardIds: boardId, name: oldField.name, type: oldField.type });
		if (newField) {
			result.push({ ...value, _id: newField._id });
			continue;
		}
		if (!(oldField.boardIds ?? []).includes(boardId)) {
			db.customFields.update(oldField._id, { $push: { boardIds: boardId } }, {}, context);
		}
		result.push({ ...value });
	}
	return result;
}

/** A MongoDB ObjectId's hex string, the `_id` copyFile gives a copied file (models/lib/fileStoreStrategy.js:1136). */
function objectIdHex(): string {
	return randomBytes(12).toString('hex');
}

/**
 * copyFile (models/lib/fileStoreStrategy.js:1086-1171): each version of the file becomes a new attachment on the new
 * card, `meta.source` 'copy' and `meta.copyFrom` the source's id. Wekan streams the bytes and adds the record when
 * the stream ends, after Card.copy has moved on; here it is immediate. A source whose bytes are gone is skipped.
 * The new record repeats the source's ostrio:files fields; only the id, name, meta and owner are the copy's own.
 */
function copyAttachment(wekan: Wekan, attachment: AttachmentDoc, newCardId: string, context: WriteContext): void {
	const { db } = wekan;
	const newCard = db.cards.findOne(newCardId);
	const bytes = db.files.get(attachment._id);
	for (const versionName of Object.keys(attachment.versions ?? {})) {
		if (!bytes) continue;
		const id = objectIdHex();
		const record = cloneValue(attachment) as unknown as Mutable;
		record._id = id;
		record.meta = defined({
			boardId: newCard?.boardId,
			cardId: newCardId,
			listId: newCard?.listId,
			swimlaneId: newCard?.swimlaneId,
			source: 'copy',
			copyFrom: attachment._id,
			copyStorage: attachment.versions?.[versionName]?.storage ?? 'fs',
		});
		record.userId = attachment.userId;
		db.attachments.insert(record, context);
		db.files.set(id, Buffer.from(bytes));
	}
}

/** Checklist.copy (models/checklists.js:115-143): with `.direct`, so no checklist or item hooks run (#5688). */
function copyChecklist(wekan: Wekan, checklist: ChecklistDoc, newCardId: string): void {
	const { db } = wekan;
	const newCard = db.cards.findOne(newCardId);
	const boardId = newCard?.boardId;
	const copy = cloneValue(checklist) as unknown as Mutable;
	delete copy._id;
	copy.cardId = newCardId;
	copy.boardId = boardId;
	copy.createdAt = new Date();
	const newChecklistId = db.checklists.direct.insert(defined(copy));
	for (const item of db.checklistItems.find({ checklistId: checklist._id })) {
		const itemCopy = cloneValue(item) as unknown as Mutable;
		delete itemCopy._id;
		itemCopy.checklistId = newChecklistId;
		itemCopy.cardId = newCardId;
		itemCopy.boardId = boardId;
		db.checklistItems.direct.insert(defined(itemCopy));
	}
}

/**
 * Card.copy (models/cards.js:911-1068) as a board or swimlane copy calls it (with a card id map, always to another
 * board): labels re-matched by name, custom fields remapped, a new card number, dependencies normalised and left
 * for the caller to remap; then its attachments, checklists, subtasks (with their checklists) and comments.
 */
function copyCard(
	wekan: Wekan,
	card: Mutable & { _id: string },
	boardId: string,
	swimlaneId: string,
	listId: string,
	cardIdMap: Map<string, string>,
	context: WriteContext,
): string {
	const { db } = wekan;
	const oldId = card._id;
	const oldCard = db.cards.findOne(oldId);
	if (card.boardId !== boardId) {
		const oldBoard = db.boards.findOne(card.boardId as string);
		const labelIds = Array.isArray(card.labelIds) ? (card.labelIds as string[]) : [];
		const oldCardLabels = (oldBoard?.labels ?? []).filter((l) => labelIds.includes(l._id)).map((l) => l.name);
		const newBoard = db.boards.findOne(boardId);
		card.labelIds = filterCopiedLabelIds(newBoard?.labels ?? [], oldCardLabels);
		if (!newBoard) throw new TypeError("Cannot read properties of undefined (reading '_id')");
		card.customFields = mapCustomFieldsToBoard(wekan, card, newBoard._id, context);
	}
	delete (card as Mutable)._id;
	card.boardId = boardId;
	if (!db.boards.findOne(boardId))
		throw new TypeError("Cannot read properties of undefined (reading 'getNextCardNumber')");
	card.cardNumber = nextCardNumber(wekan, boardId);
	card.swimlaneId = swimlaneId;
	card.listId = listId;
	// models/cards.js:965-978: with a card id map the caller remaps the dependencies once every card is copied.
	card.cardDependencies = normalizeDependencies(card.cardDependencies);
	const newId = db.cards.insert(defined(card), context);
	cardIdMap.set(oldId, newId);

	// models/cards.js:984-1028: the attachments, then the cover pointed at the copy of the cover attachment, or
	// dropped when that did not copy.
	for (const attachment of db.attachments.find({ 'meta.cardId': oldId }))
		copyAttachment(wekan, attachment, newId, context);
	const sourceCoverId = oldCard ? oldCard.coverId : (card.coverId as string | undefined);
	if (sourceCoverId) {
		const copied = db.attachments.find({ 'meta.cardId': newId, 'meta.copyFrom': sourceCoverId });
		if (copied.length > 0) db.cards.update(newId, { $set: { coverId: copied[0]._id } }, {}, context);
		else db.cards.update(newId, { $unset: { coverId: '' } }, {}, context);
	}

	// models/cards.js:1030-1034
	for (const checklist of db.checklists.find({ cardId: oldId })) copyChecklist(wekan, checklist, newId);

	// models/cards.js:1036-1057 with models/lib/subtaskCopy.js:14-22: every card whose parent is the source card,
	// wherever it is, becomes a subtask of the copy on the destination board, card number and all.
	for (const subtask of db.cards.find({ parentId: oldId })) {
		const fields = cloneValue(subtask) as unknown as Mutable;
		delete fields._id;
		fields.parentId = newId;
		fields.boardId = boardId;
		fields.swimlaneId = swimlaneId;
		fields.listId = listId;
		const newSubtaskId = db.cards.insert(defined(fields), context);
		for (const checklist of db.checklists.find({ cardId: subtask._id }))
			copyChecklist(wekan, checklist, newSubtaskId);
	}

	// models/cards.js:1059-1063 with models/cardComments.js:146-158: through the hooks, author kept.
	for (const comment of db.card_comments.find({ cardId: oldId })) {
		const copy = cloneValue(comment) as unknown as Mutable;
		copy.cardId = newId;
		if (boardId) copy.boardId = boardId;
		delete copy._id;
		db.card_comments.insert(defined(copy), context);
	}
	return newId;
}

/** `(a, b) => a.sort - b.sort`, with JavaScript's coercion of a missing sort (NaN, so treated as equal). */
const bySortField = (a: { sort?: number | null }, b: { sort?: number | null }) => Number(a.sort) - Number(b.sort);

/**
 * Swimlane.copy(boardId, null, 'below', '', cardIdMap) (models/swimlanes.js:148-300): the swimlane goes last on the
 * destination board, then a new list for each live list of the swimlane (those without a swimlane too, when it is the
 * source board's default swimlane), and in each a copy of each live card of that list and swimlane.
 */
function copySwimlane(
	wekan: Wekan,
	swimlane: Mutable & { _id: string },
	boardId: string,
	cardIdMap: Map<string, string>,
	context: WriteContext,
): string {
	const { db } = wekan;
	const oldId = swimlane._id;
	const oldBoardId = swimlane.boardId as string | undefined;
	swimlane.boardId = boardId;
	const boardSwimlanes = db.swimlanes.find({ boardId, archived: false }, { sort: { sort: 1 } });
	swimlane.sort = boardSwimlanes.length;
	delete (swimlane as Mutable)._id;
	const newSwimlaneId = db.swimlanes.insert(defined(swimlane), context);

	const sourceBoard = oldBoardId ? db.boards.findOne(oldBoardId) : undefined;
	const sourceDefault = sourceBoard ? defaultSwimlaneOfBoard(wekan, sourceBoard._id, context) : undefined;
	const swimlaneSelector = sourceDefault?._id === oldId ? { $in: [oldId, '', null] } : oldId;
	const sourceLists = db.lists
		.find({ boardId: oldBoardId, archived: false, swimlaneId: swimlaneSelector }, { sort: { sort: 1 } })
		.sort(bySortField);

	// models/swimlanes.js:232-271 (#5158): labels the copied cards use that the destination lacks (by name) are
	// created there first.
	if (oldBoardId && oldBoardId !== boardId) {
		const sourceLabels = sourceBoard?.labels ?? [];
		const destBoard = db.boards.findOne(boardId);
		if (destBoard) {
			const referenced = new Set<string>();
			for (const list of sourceLists) {
				for (const card of db.cards.find({ listId: list._id, archived: false, swimlaneId: swimlaneSelector })) {
					for (const labelId of card.labelIds ?? []) referenced.add(labelId);
				}
			}
			for (const name of missingLabelNames(sourceLabels, [...referenced], destBoard.labels ?? [])) {
				const sourceLabel = sourceLabels.find((l) => l && l.name === name);
				addBoardLabel(wekan, destBoard, name, sourceLabel?.color, context);
			}
		}
	}

	for (const list of sourceLists) {
		// models/swimlanes.js:275-285: these fields only, archived false.
		const newListId = db.lists.insert(
			defined({
				title: list.title,
				boardId,
				sort: list.sort,
				type: list.type || 'list',
				archived: false,
				wipLimit: list.wipLimit,
				swimlaneId: newSwimlaneId,
				color: list.color,
				width: list.width,
			}),
			context,
		);
		const cards = db.cards.find(
			{ listId: list._id, archived: false, swimlaneId: swimlaneSelector },
			{ sort: { sort: 1 } },
		);
		for (const card of cards) {
			copyCard(
				wekan,
				cloneValue(card) as unknown as Mutable & { _id: string },
				boardId,
				newSwimlaneId,
				newListId,
				cardIdMap,
				context,
			);
		}
	}
	return newSwimlaneId;
}

/**
 * Board.copy (models/boards.js:1065-1196): the board document itself (title made unique again, slug recomputed,
 * members, labels and settings kept), its live swimlanes with their lists and cards, card dependencies remapped,
 * custom fields, actions, triggers, rules and integrations; watchers emptied during the copy and put back at the end.
 * Returns the new board's id.
 */
export function copyBoard(wekan: Wekan, board: BoardToCopy, context: WriteContext = {}): string {
	const { db } = wekan;
	const oldId = board._id;
	const oldWatchers = Array.isArray(board.watchers) ? [...(board.watchers as unknown[])] : [];
	const doc = cloneValue(board) as Mutable;
	delete doc._id;
	delete doc.slug;
	doc.title = uniqueBoardTitle(wekan, doc.title);
	const newId = db.boards.insert(defined(doc), context);

	// models/boards.js:1073-1078: no notifications while copying.
	db.boards.update(newId, { $set: { watchers: [] } }, {}, context);

	// models/boards.js:1080-1087 (#4494)
	const patch = remapCopiedBoardDefaults(doc, oldId, newId);
	if (Object.keys(patch).length > 0) db.boards.update(newId, { $set: patch }, {}, context);

	// models/boards.js:1089-1100: the live swimlanes, in natural order.
	const cardIdMap = new Map<string, string>();
	for (const swimlane of db.swimlanes.find({ boardId: oldId, archived: false }) as SwimlaneDoc[]) {
		const copy = cloneValue(swimlane) as unknown as Mutable & { _id: string };
		copy.type = 'swimlane';
		copySwimlane(wekan, copy, newId, cardIdMap, context);
	}

	// models/boards.js:1102-1123 (#3392): dependencies point at the copies; those whose target was not copied go.
	for (const depCard of db.cards.find({
		boardId: newId,
		cardDependencies: { $exists: true, $ne: [] },
	}) as CardDoc[]) {
		const remapped: unknown[] = [];
		for (const dep of (depCard.cardDependencies ?? []) as unknown[]) {
			const oldDepId = typeof dep === 'string' ? dep : (dep as { cardId?: string }).cardId;
			const newDepId = oldDepId === undefined ? undefined : cardIdMap.get(oldDepId);
			if (!newDepId) continue;
			remapped.push(typeof dep === 'string' ? { cardId: newDepId } : { ...(dep as Mutable), cardId: newDepId });
		}
		db.cards.update(depCard._id, { $set: { cardDependencies: remapped } }, {}, context);
	}

	// models/boards.js:1125-1150: the custom field definitions, then every copied card's values re-keyed onto them
	// (a value whose field was not copied gets an undefined id).
	const customFieldMap = new Map<string, string>();
	for (const field of db.customFields.find({ boardIds: oldId })) {
		const copy = cloneValue(field) as unknown as Mutable;
		delete copy._id;
		copy.boardIds = [newId];
		customFieldMap.set(field._id, db.customFields.insert(defined(copy), context));
	}
	for (const card of db.cards.find({ boardId: newId })) {
		if (!Array.isArray(card.customFields) || card.customFields.length === 0) continue;
		const values = card.customFields.map((value) => {
			if (!value || typeof value !== 'object')
				throw new TypeError(`Cannot set properties of ${String(value)} (setting '_id')`);
			return { ...cloneValue(value), _id: customFieldMap.get(value._id) };
		});
		db.cards.update(card._id, { $set: { customFields: values } }, {}, context);
	}

	// models/boards.js:1152-1176: actions and triggers first, then the rules pointing at their copies.
	const actionMap = new Map<string, string>();
	for (const action of db.actions.find({ boardId: oldId })) {
		const copy = cloneValue(action) as Mutable;
		delete copy._id;
		copy.boardId = newId;
		actionMap.set(action._id, db.actions.insert(copy, context));
	}
	const triggerMap = new Map<string, string>();
	for (const trigger of db.triggers.find({ boardId: oldId })) {
		const copy = cloneValue(trigger) as Mutable;
		delete copy._id;
		copy.boardId = newId;
		triggerMap.set(trigger._id, db.triggers.insert(copy, context));
	}
	for (const rule of db.rules.find({ boardId: oldId })) {
		const copy = cloneValue(rule) as unknown as Mutable;
		delete copy._id;
		copy.boardId = newId;
		copy.actionId = actionMap.get(rule.actionId);
		copy.triggerId = triggerMap.get(rule.triggerId);
		db.rules.insert(defined(copy), context);
	}

	// models/boards.js:1178-1188 (#5592): the board's outgoing webhooks, token and all.
	for (const integration of db.integrations.find({ boardId: oldId })) {
		const copy = cloneValue(integration) as unknown as Mutable;
		delete copy._id;
		copy.boardId = newId;
		db.integrations.insert(defined(copy), context);
	}

	// models/boards.js:1190-1195
	db.boards.update(newId, { $set: { watchers: oldWatchers } }, {}, context);
	return newId;
}
