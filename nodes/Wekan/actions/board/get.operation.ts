import { boardLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchBoard } from './boardRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a board',
	description: 'Get a board with its settings, labels and members',
	output: 'board',
	properties: [boardLocator()],
	writes: readsOnly,
	run: (item) => fetchBoard(item, item.locatorId('boardId', 'Board')),
};
