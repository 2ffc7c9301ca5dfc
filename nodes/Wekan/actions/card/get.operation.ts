import { cardLocator, boardLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchCard } from './cardRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a card',
	description: 'Get a card by ID or URL, in any list, archived or not',
	output: 'card',
	properties: [
		cardLocator(),
		boardLocator({ description: 'Needed only to pick the card from a list', required: false }),
	],
	writes: readsOnly,
	run: (item) => fetchCard(item, item.locatorId('cardId', 'Card', 'card')),
};
