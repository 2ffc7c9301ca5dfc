import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { fetchBoard } from '../board/boardRef';
import { fetchList, listPath } from '../list/listRef';
import { readsOnly, type WekanOperation } from '../operation';

export const count: WekanOperation = {
	value: 'count',
	name: 'Count',
	action: 'Count cards',
	description: 'Count the open (not archived) cards of a board or of one list',
	properties: [
		boardLocator(),
		{
			displayName: 'In',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'Board', value: 'board', description: 'Every open card of the board' },
				{ name: 'List', value: 'list', description: 'The open cards of one list' },
			],
			default: 'board',
		},
		listLocator({ displayOptions: { show: { scope: ['list'] } } }),
	],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const scope = String(item.raw('scope', 'board'));
		if (scope !== 'board' && scope !== 'list') throw item.fail(`Unknown scope "${scope}"`);
		const listId = scope === 'list' ? item.locatorId('listId', 'List') : undefined;
		// Wekan counts 0 for a board or list that does not exist, so it is found first.
		if (listId) await fetchList(item, boardId, listId);
		else await fetchBoard(item, boardId);
		const result = await item.request<IDataObject>({
			method: 'GET',
			path: listId ? `${listPath(boardId, listId)}/cards_count` : `/api/boards/${seg(boardId)}/cards_count`,
			permission: 'board-read',
		});
		const cardCount = listId ? result.list_cards_count : result.board_cards_count;
		if (typeof cardCount !== 'number') throw item.fail('Wekan did not answer with a card count');
		return listId ? { boardId, listId, cardCount } : { boardId, cardCount };
	},
};
