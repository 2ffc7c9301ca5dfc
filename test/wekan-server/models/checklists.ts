/**
 * Checklists and checklist items: their schemas, the collection hooks of models/checklists.js,
 * models/checklistItems.js, server/models/checklists.js and server/models/checklistItems.js, the model methods other
 * code calls (a checklist's copy), and seeding as the REST handlers create these documents.
 *
 * Wekan registers the hooks of models/<model>.js first (server/models/<model>.js imports that module before it adds
 * its own), so the same order is kept here. Every hook reads the acting user from collection-hooks' userId: undefined
 * for a REST write, the person's id for a web-UI method.
 */
import type { Collection, WriteContext } from '../db/collection';
import { MeteorError } from '../errors';
import type { ActivityDoc } from '../schemas/activities';
import type { CardDoc } from '../schemas/cards';
import { type ChecklistItemDoc, checklistItemsSchema } from '../schemas/checklistItems';
import { type ChecklistDoc, checklistsSchema } from '../schemas/checklists';
import type { Wekan } from '../server';
import { hasMember } from './boardMembers';

/**
 * The checklist's completion as publishChekListCompleted/Uncompleted compute it (models/checklistItems.js:179-181,
 * 223-225): hidden items count as finished, otherwise every item, of at least one, is finished.
 */
function checklistIsFinished(wekan: Wekan, checklist: ChecklistDoc): boolean {
	if (checklist.hideAllChecklistItems) return true;
	const items = wekan.db.checklistItems.find({ checklistId: checklist._id });
	return items.length > 0 && items.every((item) => item.isFinished);
}

/**
 * The checklist and item activities of server/models/checklists.js and models/checklistItems.js, all laid out alike:
 * the acting user, the type, the card, the card's board, the checklist or item fields, the card's list and swimlane.
 */
function recordActivity(
	wekan: Wekan,
	userId: string | undefined,
	activityType: string,
	card: CardDoc,
	fields: Partial<ActivityDoc>,
): void {
	wekan.db.activities.insert(
		{
			userId,
			activityType,
			cardId: card._id,
			boardId: card.boardId,
			...fields,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
		},
		{ userId },
	);
}

/**
 * The same two hooks on checklists (server/models/checklists.js:76-93) and on items
 * (server/models/checklistItems.js:22-39): an insert without a boardId takes its card's, and a write that moves the
 * document to another card takes that card's board.
 */
function syncBoardIdWithCard(wekan: Wekan, collection: Collection<ChecklistDoc> | Collection<ChecklistItemDoc>): void {
	const { db } = wekan;
	const on = collection as unknown as Collection<{ _id: string; cardId: string; boardId?: string }>;
	on.before.insert((_userId, doc) => {
		if (!doc.boardId && doc.cardId) {
			const card = db.cards.findOne(doc.cardId);
			if (card) doc.boardId = card.boardId;
		}
	});
	on.before.update((_userId, doc, _fieldNames, modifier) => {
		const set = modifier.$set as Record<string, unknown> | undefined;
		const newCardId = set?.cardId;
		if (typeof newCardId === 'string' && newCardId && newCardId !== doc.cardId) {
			const card = db.cards.findOne(newCardId);
			if (card && set) set.boardId = card.boardId;
		}
	});
}

/** Attaches the checklists and checklistItems schemas and registers their hooks. */
export function registerChecklists(wekan: Wekan): void {
	const { db } = wekan;
	db.checklists.attachSchema(checklistsSchema(db));
	db.checklistItems.attachSchema(checklistItemsSchema(db));

	// ---- checklists -------------------------------------------------------------------------------------------

	// models/checklists.js:260-265: createdAt again, and the acting user as userId (a field the schema does not
	// have; it is added after validation, so it is stored, except when there is no user: undefined is not stored).
	db.checklists.before.insert((userId, doc) => {
		const record = doc as ChecklistDoc;
		record.createdAt = new Date();
		if (!record.userId && userId !== undefined) record.userId = userId;
	});

	// server/models/checklists.js:76-93
	syncBoardIdWithCard(wekan, db.checklists);

	// server/models/checklists.js:106-122: addChecklist, unless the card is gone.
	db.checklists.after.insert((userId, doc) => {
		const card = db.cards.findOne(doc.cardId);
		if (!card) return;
		recordActivity(wekan, userId, 'addChecklist', card, { checklistId: doc._id, checklistName: doc.title });
	});

	// server/models/checklists.js:124-154: every activity of the checklist goes (its items' ones too, which carry the
	// checklistId), then removeChecklist is recorded, unless the card is gone. The items themselves stay: nothing
	// here, nor in the REST handler, removes them. Errors are logged and swallowed, so the removal goes ahead.
	db.checklists.before.remove((userId, doc) => {
		try {
			db.activities.remove({ checklistId: doc._id }, { userId });
			const card = db.cards.findOne(doc.cardId);
			if (!card) return;
			recordActivity(wekan, userId, 'removeChecklist', card, { checklistId: doc._id, checklistName: doc.title });
		} catch {
			// server/models/checklists.js:151-153: console.error only.
		}
	});

	// ---- checklist items --------------------------------------------------------------------------------------

	// models/checklistItems.js:84-88: the acting user as userId, outside the schema (see the checklists hook).
	db.checklistItems.before.insert((userId, doc) => {
		const record = doc as ChecklistItemDoc;
		if (!record.userId && userId !== undefined) record.userId = userId;
	});

	// server/models/checklistItems.js:22-39
	syncBoardIdWithCard(wekan, db.checklistItems);

	const itemFields = (item: ChecklistItemDoc) => ({
		checklistId: item.checklistId,
		checklistItemId: item._id,
		checklistItemName: item.title,
	});

	// server/models/checklistItems.js:53-56 (publishCheckActivity, publishChekListCompleted of
	// models/checklistItems.js:139-195): after ANY hooked update of an item, whatever it changed, checkedItem or
	// uncheckedItem by the item's isFinished, then completeChecklist when the checklist is now finished.
	db.checklistItems.after.update((userId, doc) => {
		const card = db.cards.findOne(doc.cardId);
		if (!card) return;
		recordActivity(wekan, userId, doc.isFinished ? 'checkedItem' : 'uncheckedItem', card, itemFields(doc));
		const checklist = db.checklists.findOne(doc.checklistId);
		if (!checklist || !checklistIsFinished(wekan, checklist)) return;
		recordActivity(wekan, userId, 'completeChecklist', card, {
			checklistId: doc.checklistId,
			checklistName: checklist.title,
		});
	});

	// server/models/checklistItems.js:58-60 (publishChekListUncompleted, models/checklistItems.js:197-239): BEFORE
	// any hooked update of an item, uncompleteChecklist when the checklist is finished as it stands, so also when
	// the update changes nothing about completion (Wekan's own comment there calls this a known IFTTT bug).
	db.checklistItems.before.update((userId, doc) => {
		const card = db.cards.findOne(doc.cardId);
		if (!card) return;
		const checklist = db.checklists.findOne(doc.checklistId);
		if (!checklist || !checklistIsFinished(wekan, checklist)) return;
		recordActivity(wekan, userId, 'uncompleteChecklist', card, {
			checklistId: doc.checklistId,
			checklistName: checklist.title,
		});
	});

	// server/models/checklistItems.js:62-64 (itemCreation, models/checklistItems.js:113-131): addChecklistItem.
	db.checklistItems.after.insert((userId, doc) => {
		const card = db.cards.findOne(doc.cardId);
		if (!card) return;
		recordActivity(wekan, userId, 'addChecklistItem', card, itemFields(doc));
	});

	// server/models/checklistItems.js:66-92 (itemRemover, models/checklistItems.js:133-137): the item's activities
	// go, then removedChecklistItem is recorded unless the card is gone; errors are logged and swallowed.
	db.checklistItems.before.remove((userId, doc) => {
		try {
			db.activities.remove({ checklistItemId: doc._id }, { userId });
			const card = db.cards.findOne(doc.cardId);
			if (!card) return;
			recordActivity(wekan, userId, 'removedChecklistItem', card, itemFields(doc));
		} catch {
			// server/models/checklistItems.js:89-91: console.error only.
		}
	});
}

// ---- model methods ------------------------------------------------------------------------------------------

/**
 * Checklist.copy(newCardId) (models/checklists.js:115-142): the checklist and its items onto another card, with
 * `.direct` inserts, so no hook runs (no activities, no userId); boardId is the destination card's. The copy keeps
 * every other field of the original except _id, and gets a new createdAt.
 */
export function copyChecklist(
	wekan: Wekan,
	checklist: ChecklistDoc,
	newCardId: string,
	context: WriteContext = {},
): string {
	const { db } = wekan;
	const boardId = db.cards.findOne(newCardId)?.boardId;
	const { _id: _checklistId, ...fields } = checklist;
	const newChecklistId = db.checklists.direct.insert(
		{ ...fields, cardId: newCardId, boardId, createdAt: new Date() },
		context,
	);
	for (const item of db.checklistItems.find({ checklistId: checklist._id })) {
		const { _id: _itemId, ...itemFields } = item;
		db.checklistItems.direct.insert(
			{ ...itemFields, checklistId: newChecklistId, cardId: newCardId, boardId },
			context,
		);
	}
	return newChecklistId;
}

/**
 * The `moveChecklist` Meteor method (server/models/checklists.js:13-68), which the web UI calls: the caller must be
 * logged in and an active member of both cards' boards (allowIsBoardMemberByCard, server/lib/utils.js:143-146).
 * The checklist's activities are re-pointed at the new card, then each item and the checklist are moved with
 * hooked updates, so every item records checkedItem/uncheckedItem (and the completion activities), and the
 * before.update hooks re-sync boardId.
 */
export function moveChecklist(
	wekan: Wekan,
	userId: string | undefined,
	checklistId: string,
	newCardId: string,
): string {
	const { db } = wekan;
	if (!userId) throw new MeteorError('not-authorized', 'You must be logged in.');
	const checklist = db.checklists.findOne(checklistId);
	if (!checklist) throw new MeteorError('checklist-not-found', 'Checklist not found');
	const newCard = db.cards.findOne(newCardId);
	if (!newCard) throw new MeteorError('card-not-found', 'Target card not found');
	const isMemberByCard = (card: { boardId: string } | undefined) => {
		return !!card && hasMember(db.boards.findOne(card.boardId), userId);
	};
	if (!isMemberByCard(db.cards.findOne(checklist.cardId))) {
		throw new MeteorError('not-authorized', 'Not authorized to move checklist from source card');
	}
	if (!isMemberByCard(newCard))
		throw new MeteorError('not-authorized', 'Not authorized to move checklist to target card');
	const context = { userId };
	for (const activity of db.activities.find({ checklistId })) {
		db.activities.update(activity._id, { $set: { cardId: newCardId } }, {}, context);
	}
	for (const item of db.checklistItems.find({ checklistId })) {
		db.checklistItems.update(item._id, { $set: { cardId: newCardId } }, {}, context);
	}
	db.checklists.update(checklistId, { $set: { cardId: newCardId } }, {}, context);
	return checklistId;
}

/** A checklist's items in their order (Checklist.items(), models/checklists.js:148-152). */
export function checklistItemsOf(wekan: Wekan, checklistId: string): ChecklistItemDoc[] {
	return wekan.db.checklistItems.find({ checklistId }, { sort: { sort: 1 } });
}

// ---- seeding ------------------------------------------------------------------------------------------------

export interface NewChecklist {
	cardId: string;
	title?: string;
	/** Item titles, created in order with sort 0, 1, 2, ... */
	items?: string[];
}

/**
 * A checklist with items, written as POST /api/boards/:boardId/cards/:cardId/checklists writes them
 * (server/models/checklists.js:264-285): through the schema and the hooks, with the given acting user (none for a
 * REST-made checklist).
 */
export function createChecklist(wekan: Wekan, input: NewChecklist, context: WriteContext = {}): ChecklistDoc {
	const id = wekan.db.checklists.insert({ title: input.title, cardId: input.cardId, sort: 0 }, context);
	(input.items ?? []).forEach((title, sort) => {
		wekan.db.checklistItems.insert({ cardId: input.cardId, checklistId: id, title, sort }, context);
	});
	return wekan.db.checklists.findOne(id) as ChecklistDoc;
}
