import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many swimlanes',
	description: 'Get the open swimlanes of a board as ID and title',
	properties: [boardLocator(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		item.limit([]);
		const swimlanes = await item.request<IDataObject[]>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/swimlanes`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
		});
		return item.limit(swimlanes.map((s) => ({ ...s, boardId })));
	},
};
