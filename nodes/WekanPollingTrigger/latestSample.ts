/** What a manual test of the trigger returns: there is no earlier state to compare with. */
import type { IDataObject } from 'n8n-workflow';
import { inScope, type PollSettings, wants } from './pollSettings';
import { openDue } from './pollState';
import { toMillis } from './timestamps';

function docs(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** The newest thing in a board's export that one of the chosen events would report, shaped as that event. */
export function latestSample(
	data: IDataObject,
	settings: PollSettings & { boardId: string },
	cardUrl: (cardId: string) => string,
	now: number,
): IDataObject | undefined {
	const chosen = (event: string) => wants(settings, event);
	const cards = docs(data.cards);
	const lists = docs(data.lists).filter((l) => l.archived !== true);
	const swimlanes = docs(data.swimlanes).filter((s) => s.archived !== true);
	const cardsById = new Map(cards.map((c) => [String(c._id), c]));
	const candidates: Array<{ at: number; item: IDataObject }> = [];
	const add = (at: number, event: string, fields: IDataObject) => candidates.push({ at, item: { event, boardId: settings.boardId, ...fields } });
	const cardFields = (card: IDataObject) => ({
		cardId: card._id,
		listId: card.listId,
		swimlaneId: card.swimlaneId,
		card,
		url: cardUrl(String(card._id)),
	});
	for (const card of cards) {
		if (!inScope(settings, card.listId, card.swimlaneId)) continue;
		if (card.archived === true) {
			if (chosen('cardArchived')) add(toMillis(card.archivedAt ?? card.modifiedAt), 'cardArchived', cardFields(card));
			continue;
		}
		if (chosen('cardCreated')) add(toMillis(card.createdAt), 'cardCreated', cardFields(card));
		// Wekan keeps archivedAt when a card is restored (models/cards.js:2574-2581).
		if (chosen('cardRestored') && card.archivedAt) add(toMillis(card.modifiedAt), 'cardRestored', cardFields(card));
		if (chosen('cardUpdated')) add(toMillis(card.modifiedAt), 'cardUpdated', { ...cardFields(card), changes: [] });
		if (chosen('cardMoved')) add(toMillis(card.modifiedAt), 'cardMoved', { ...cardFields(card), oldListId: null, oldSwimlaneId: null });
		const due = toMillis(openDue(card));
		if (due && chosen('cardOverdue') && due <= now) add(due, 'cardOverdue', { ...cardFields(card), dueAt: card.dueAt });
		if (due && chosen('cardDueSoon') && due > now && due - settings.leadMs <= now) add(due, 'cardDueSoon', { ...cardFields(card), dueAt: card.dueAt });
	}
	if (chosen('commentAdded')) {
		for (const comment of docs(data.comments)) {
			const card = cardsById.get(String(comment.cardId));
			if (card && inScope(settings, card.listId, card.swimlaneId)) add(toMillis(comment.createdAt), 'commentAdded', { ...cardFields(card), commentId: comment._id, comment });
		}
	}
	if (chosen('checklistItemChecked')) {
		const checklists = new Map(docs(data.checklists).map((c) => [String(c._id), c]));
		for (const item of docs(data.checklistItems)) {
			const card = cardsById.get(String(item.cardId));
			if (item.isFinished === true && card && inScope(settings, card.listId, card.swimlaneId)) {
				const checklist = checklists.get(String(item.checklistId)) ?? null;
				add(toMillis(item.modifiedAt), 'checklistItemChecked', { ...cardFields(card), checklistItem: item, checklist });
			}
		}
	}
	if (chosen('listCreated')) for (const list of lists) add(toMillis(list.createdAt), 'listCreated', { listId: list._id, list });
	if (chosen('swimlaneCreated')) {
		for (const swimlane of swimlanes) add(toMillis(swimlane.createdAt), 'swimlaneCreated', { swimlaneId: swimlane._id, swimlane });
	}
	// On equal times the later document wins: the export lists documents in the order they were written.
	let latest: { at: number; item: IDataObject } | undefined;
	for (const candidate of candidates) if (!latest || candidate.at >= latest.at) latest = candidate;
	return latest?.item;
}
