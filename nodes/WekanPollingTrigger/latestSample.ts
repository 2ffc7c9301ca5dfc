/** What a manual test of the trigger returns: there is no earlier state to compare with. */
import type { IDataObject } from 'n8n-workflow';
import type { Snapshot } from './boardSnapshot';
import { inScope, type PollSettings, wants } from './pollSettings';
import { openDue } from './pollState';
import { toMillis } from './timestamps';

/** The newest thing on the board that one of the chosen events would report, shaped as that event. */
export function latestSample(
	snapshot: Snapshot,
	settings: PollSettings,
	cardUrl: (cardId: string) => string,
	now: number,
): IDataObject | undefined {
	const scoped = (listId: unknown) => inScope(settings, listId);
	const chosen = (event: string) => wants(settings, event);
	const cards = snapshot.cards ?? [];
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
		if (!scoped(card.listId)) continue;
		if (card.archived === true) {
			if (chosen('cardArchived')) add(toMillis(card.archivedAt ?? card.modifiedAt), 'cardArchived', cardFields(card));
			continue;
		}
		if (chosen('cardCreated')) add(toMillis(card.createdAt), 'cardCreated', cardFields(card));
		if (chosen('cardUpdated')) add(toMillis(card.modifiedAt), 'cardUpdated', { ...cardFields(card), changes: [] });
		if (chosen('cardMoved')) add(toMillis(card.modifiedAt), 'cardMoved', { ...cardFields(card), oldListId: null, oldSwimlaneId: null });
		const due = toMillis(openDue(card));
		if (due && chosen('cardOverdue') && due <= now) add(due, 'cardOverdue', { ...cardFields(card), dueAt: card.dueAt });
		if (due && chosen('cardDueSoon') && due > now && due - settings.leadMs <= now) add(due, 'cardDueSoon', { ...cardFields(card), dueAt: card.dueAt });
	}
	if (chosen('commentAdded')) {
		for (const comment of snapshot.comments ?? []) {
			const card = cardsById.get(String(comment.cardId));
			if (card && scoped(card.listId)) add(toMillis(comment.createdAt), 'commentAdded', { ...cardFields(card), commentId: comment._id, comment });
		}
	}
	if (chosen('checklistItemCompleted')) {
		for (const item of snapshot.checklistItems ?? []) {
			const card = cardsById.get(String(item.cardId));
			if (item.isFinished === true && card && scoped(card.listId)) {
				add(toMillis(item.modifiedAt), 'checklistItemCompleted', { ...cardFields(card), checklistItem: item });
			}
		}
	}
	if (chosen('listCreated')) for (const list of snapshot.lists) add(toMillis(list.createdAt), 'listCreated', { listId: list._id, list });
	if (chosen('swimlaneCreated')) {
		for (const swimlane of snapshot.swimlanes ?? []) add(toMillis(swimlane.createdAt), 'swimlaneCreated', { swimlaneId: swimlane._id, swimlane });
	}
	// On equal times the later document wins: the export lists documents in the order they were written.
	let latest: { at: number; item: IDataObject } | undefined;
	for (const candidate of candidates) if (!latest || candidate.at >= latest.at) latest = candidate;
	return latest?.item;
}
