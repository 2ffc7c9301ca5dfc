import { boardLocator, cardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { cardPath, fetchCard, oneCardWrites } from './cardRef';

export const deleteCard: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a card',
	description: 'Delete a card for good, with its checklists, comments, attachments and subtasks',
	properties: [cardLocator(), boardLocator({ description: 'Needed only to pick the card from a list', required: false })],
	writes: oneCardWrites,
	async run(item) {
		const cardId = item.locatorId('cardId', 'Card', 'card');
		// Wekan answers a delete with success even for a card that does not exist, so the card is found first.
		const card = await fetchCard(item, cardId);
		await item.request({ method: 'DELETE', path: cardPath(card), permission: 'board-write' });
		return { _id: cardId, title: card.title, boardId: card.boardId, listId: card.listId, deleted: true };
	},
};
