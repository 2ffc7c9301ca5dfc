/**
 * Board.copy (models/boards.js:1065-1196): the board document, then the other models' copy methods it runs
 * (Swimlane.copy with a card id map, which runs Card.copy; the dependency remap; the rules copy) and its own copies
 * of the custom fields and integrations. Every write goes through the collections, so their schemas clean it and
 * their hooks run, as Wekan's insertAsync/updateAsync calls do. At Wekan v11.07, commit f5cc8e373.
 */
import { cloneValue, type WriteContext } from '../db/collection';
import type { Wekan } from '../server';
import { uniqueBoardTitle } from './boards';
import { remapCopiedBoardDependencies } from './dependencies';
import { copyBoardRules } from './rules';
import { copySwimlane } from './swimlanes';

type Mutable = Record<string, unknown>;

/** A board being copied: the source document, as the route has already changed it (its title). */
export type BoardToCopy = Mutable & { _id: string; title?: unknown };

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
	const newId = db.boards.insert(doc, context);

	// models/boards.js:1073-1078: no notifications while copying.
	db.boards.update(newId, { $set: { watchers: [] } }, {}, context);

	// models/boards.js:1080-1087 (#4494)
	const patch = remapCopiedBoardDefaults(doc, oldId, newId);
	if (Object.keys(patch).length > 0) db.boards.update(newId, { $set: patch }, {}, context);

	// models/boards.js:1089-1100: the live swimlanes, in natural order, each as a plain swimlane, by
	// Swimlane.copy(newId, null, 'below', '', cardIdMap).
	const cardIdMap: Record<string, string> = {};
	for (const swimlane of db.swimlanes.find({ boardId: oldId, archived: false })) {
		copySwimlane(wekan, { ...swimlane, type: 'swimlane' }, newId, null, 'below', '', cardIdMap, context);
	}

	// models/boards.js:1102-1123 (#3392): dependencies point at the copies; those whose target was not copied go.
	remapCopiedBoardDependencies(wekan, newId, cardIdMap, context);

	// models/boards.js:1125-1150: the custom field definitions, then every copied card's values re-keyed onto them
	// (a value whose field was not copied gets an undefined id).
	const customFieldMap = new Map<string, string>();
	for (const field of db.customFields.find({ boardIds: oldId })) {
		const { _id: fieldId, ...copy } = cloneValue(field);
		customFieldMap.set(fieldId, db.customFields.insert({ ...copy, boardIds: [newId] }, context));
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
	copyBoardRules(wekan, oldId, newId, context);

	// models/boards.js:1178-1188 (#5592): the board's outgoing webhooks, token and all.
	for (const integration of db.integrations.find({ boardId: oldId })) {
		const { _id: _integrationId, ...copy } = cloneValue(integration);
		db.integrations.insert({ ...copy, boardId: newId }, context);
	}

	// models/boards.js:1190-1195
	db.boards.update(newId, { $set: { watchers: oldWatchers } }, {}, context);
	return newId;
}
