import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { fetchBoard } from '../board/boardRef';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many labels',
	description: 'Get the labels of a board with their IDs, names and colors',
	properties: [boardLocator(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		item.limit([]);
		const board = await fetchBoard(item, boardId);
		return item.limit(((board.labels as IDataObject[] | undefined) ?? []).map((l) => ({ ...l, boardId })));
	},
};
