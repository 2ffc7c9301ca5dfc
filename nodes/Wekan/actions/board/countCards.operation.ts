import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { readsOnly, type WekanOperation } from '../operation';

export const countCards: WekanOperation = {
	value: 'countCards',
	name: 'Count Cards',
	action: 'Count the cards of a board',
	description: 'Count the open (not archived) cards on a board',
	properties: [boardLocator()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const result = await item.request<IDataObject>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/cards_count`,
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
		});
		if (typeof result.board_cards_count !== 'number') throw item.fail('Wekan did not answer with a card count');
		return { boardId, cardCount: result.board_cards_count };
	},
};
