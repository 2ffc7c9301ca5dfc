import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many lists',
	description: 'Get the open lists of a board as ID and title, in no guaranteed order (use Get for a list\'s position)',
	output: 'list',
	properties: [boardLocator(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		item.limit([]);
		const lists = await item.request<IDataObject[]>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/lists`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
		});
		return item.limit(lists.map((l) => ({ ...l, boardId })));
	},
};
