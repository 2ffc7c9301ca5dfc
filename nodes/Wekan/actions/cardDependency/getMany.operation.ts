import type { IDataObject } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { cardScope } from '../cardScope';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchDependencies, withScope } from './dependencyRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many card dependencies',
	description:
		'Get the dependencies of a card (those it holds, not those pointing at it), or every dependency of a board\'s open cards with both cards\' titles and numbers. Needs read access; Wekan v9.47 or later.',
	properties: [
		{
			displayName: 'Of',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'A Card', value: 'card', description: 'The dependencies the card holds' },
				{ name: 'A Board', value: 'board', description: 'Every dependency held by the board\'s open (not archived) cards' },
			],
			default: 'card',
		},
		cardLocator({ displayOptions: { show: { scope: ['card'] } } }),
		boardLocator({ displayOptions: { show: { scope: ['board'] } } }),
		...returnAllOrLimit(),
	],
	writes: readsOnly,
	async run(item) {
		const scope = item.raw('scope', 'card');
		if (scope === 'board') {
			const boardId = item.locatorId('boardId', 'Board');
			item.limit([]);
			const lines = await item.request<IDataObject[]>({
				method: 'GET',
				path: `/api/boards/${seg(boardId)}/dependencies`,
				expect: 'array',
				permission: 'board-read',
				notFound: `No board with ID ${boardId}`,
			});
			return item.limit(lines.map((line) => ({ ...line, boardId })));
		}
		if (scope !== 'card') throw item.fail('Of must be "card" or "board"');
		const cardId = item.locatorId('cardId', 'Card', 'card');
		item.limit([]);
		const card = await cardScope(item, cardId);
		return item.limit((await fetchDependencies(item, card)).map((entry) => withScope(entry, card)));
	},
};
