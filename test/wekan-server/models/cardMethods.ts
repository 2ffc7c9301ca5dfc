/**
 * The card methods that lists and swimlanes call: Card.copy (models/cards.js:911-1068), Card.move
 * (models/cards.js:2620-2750), Card.archive and Card.restore (models/cards.js:2565-2580).
 *
 * These methods belong to the cards model (models/cards.ts). This module stands in for them, doing what they do to
 * the card document itself, so that the list and swimlane methods can be modelled and tested before the cards
 * model has them; when it does, these exports should become re-exports of its versions. Left out here, and done by
 * the cards model: the copy of a card's attachments, checklists, subtasks and comments, custom fields remapped to
 * the destination board (mapCustomFieldsToBoard), the attachments' meta update after a move, and the position
 * history a move inside a Meteor method records.
 */
import { cloneValue, type WriteContext } from '../db/collection';
import type { CardDoc } from '../schemas/cards';
import type { Wekan } from '../server';

/** filterCopiedLabelIds (server/lib/cardCopyHelpers.js:21-27): destination labels whose name a source label had. */
function labelIdsByName(wekan: Wekan, fromBoardId: string, toBoardId: string, labelIds: readonly string[] | undefined): string[] {
	const fromLabels = wekan.db.boards.findOne(fromBoardId)?.labels ?? [];
	const names = fromLabels.filter((label) => (labelIds ?? []).includes(label._id)).map((label) => label.name);
	const toLabels = wekan.db.boards.findOne(toBoardId)?.labels ?? [];
	return toLabels.filter((label) => label.name && names.includes(label.name)).map((label) => label._id);
}

/**
 * Board.getNextCardNumber (models/boards.js:1946-1997): an atomic per-board counter, seeded at the board's highest
 * cardNumber. Without Wekan's counters collection this is the seed plus one, which is what the counter gives while
 * no card with the highest number has been deleted.
 */
export function nextCardNumber(wekan: Wekan, boardId: string): number {
	const [top] = wekan.db.cards.find({ boardId }, { sort: { cardNumber: -1 }, limit: 1 });
	return (top?.cardNumber || 0) + 1;
}

/**
 * Card.copy(boardId, swimlaneId, listId, cardIdMap): inserts the whole card document again (createdAt and the other
 * autoValues renewed by the schema) with the new placement and a new card number. `swimlaneId` is used as given:
 * the cards schema requires one (models/cards.js:124-129), so a copy without it fails validation.
 */
export function copyCard(
	wekan: Wekan,
	card: CardDoc,
	boardId: string,
	swimlaneId: unknown,
	listId: string,
	cardIdMap: Record<string, string> | null = null,
	context: WriteContext = {},
): string {
	const { _id: oldId, ...fields } = cloneValue(card) as CardDoc;
	const data: Record<string, unknown> = fields;
	// models/cards.js:919-922
	if (!Array.isArray(data.customFields)) data.customFields = [];
	// models/cards.js:926-948: labels are remapped by name only when the board changes.
	if (card.boardId !== boardId) data.labelIds = labelIdsByName(wekan, card.boardId, boardId, card.labelIds);
	// models/cards.js:950-955
	data.boardId = boardId;
	data.cardNumber = nextCardNumber(wekan, boardId);
	data.swimlaneId = swimlaneId;
	data.listId = listId;
	// models/cards.js:963-977: a single copy keeps only the dependencies whose target is on the destination board.
	if (!cardIdMap) {
		data.cardDependencies = (card.cardDependencies ?? []).filter((dep) => wekan.db.cards.findOne(dep.cardId)?.boardId === boardId);
	}
	const newId = wekan.db.cards.insert(data, context);
	// models/cards.js:983-985
	if (cardIdMap) cardIdMap[oldId] = newId;
	return newId;
}

/** computeCardMoveModifier (models/lib/cardMoveModifier.js): only the placement fields that change. */
function moveModifier(card: CardDoc, to: { boardId?: string; swimlaneId?: unknown; listId?: string; sort?: number | null }) {
	const fields: Record<string, unknown> = {};
	if (to.boardId !== undefined && to.boardId !== card.boardId) fields.boardId = to.boardId;
	if (to.swimlaneId !== undefined && to.swimlaneId !== card.swimlaneId) fields.swimlaneId = to.swimlaneId;
	if (to.listId !== undefined && to.listId !== card.listId) fields.listId = to.listId;
	if (to.sort !== undefined && to.sort !== null && to.sort !== card.sort) fields.sort = to.sort;
	return fields;
}

/**
 * Card.move(boardId, swimlaneId, listId, sort): one Cards.updateAsync (with hooks) of the fields that change; across
 * boards also labels by name, a new card number, members and watchers cut to the new board's active members, and no
 * dependencies. A move that changes nothing writes nothing (models/cards.js:2636-2640).
 */
export function moveCard(
	wekan: Wekan,
	card: CardDoc,
	boardId: string,
	swimlaneId: unknown,
	listId: string | undefined,
	sort: number | null = null,
	context: WriteContext = {},
): void {
	const fields = moveModifier(card, { boardId, swimlaneId, listId, sort });
	if (!Object.keys(fields).length) return;
	if (card.boardId !== boardId) {
		// models/cards.js:2644-2704
		const newBoard = wekan.db.boards.findOne(boardId);
		if (!newBoard) throw new Error('Destination board not found while moving card.');
		const allowed = newBoard.members.filter((m) => m.isActive === true).map((m) => m.userId);
		fields.labelIds = labelIdsByName(wekan, card.boardId, boardId, card.labelIds);
		fields.cardNumber = nextCardNumber(wekan, boardId);
		fields.customFields = Array.isArray(card.customFields) ? cloneValue(card.customFields) : [];
		const members = Array.isArray(card.members) ? card.members : [];
		if (members.some((id) => !allowed.includes(id))) fields.members = members.filter((id) => allowed.includes(id));
		const watchers = Array.isArray(card.watchers) ? card.watchers : [];
		if (watchers.some((id) => !allowed.includes(id))) fields.watchers = watchers.filter((id) => allowed.includes(id));
		fields.cardDependencies = [];
	}
	wekan.db.cards.update(card._id, { $set: fields }, {}, context);
}

/** Card.applyToChildren (models/cards.js:2557-2563): the cards whose parentId is this card. */
function children(wekan: Wekan, card: CardDoc): CardDoc[] {
	return wekan.db.cards.find({ parentId: card._id });
}

/** Card.archive (models/cards.js:2565-2572): its subtasks first, then itself. */
export function archiveCard(wekan: Wekan, card: CardDoc, context: WriteContext = {}): void {
	for (const child of children(wekan, card)) archiveCard(wekan, child, context);
	wekan.db.cards.update(card._id, { $set: { archived: true, archivedAt: new Date() } }, {}, context);
}

/** Card.restore (models/cards.js:2574-2581). */
export function restoreCard(wekan: Wekan, card: CardDoc, context: WriteContext = {}): void {
	for (const child of children(wekan, card)) restoreCard(wekan, child, context);
	wekan.db.cards.update(card._id, { $set: { archived: false } }, {}, context);
}
