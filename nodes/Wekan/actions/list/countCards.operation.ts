import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchList, listPath } from './listRef';

export const countCards: WekanOperation = {
	value: 'countCards',
	name: 'Count Cards',
	action: 'Count the cards of a list',
	description: 'Count the open (not archived) cards in a list',
	properties: [boardLocator(), listLocator()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		// Wekan counts 0 for a list that does not exist, so the list is found first.
		await fetchList(item, boardId, listId);
		const result = await item.request<IDataObject>({
			method: 'GET',
			path: `${listPath(boardId, listId)}/cards_count`,
			permission: 'board-read',
		});
		if (typeof result.list_cards_count !== 'number') throw item.fail('Wekan did not answer with a card count');
		return { boardId, listId, cardCount: result.list_cards_count };
	},
};
