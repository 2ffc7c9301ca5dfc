import { boardLocator, listLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchList } from './listRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a list',
	description: 'Get a list of a board with its title, color, WIP limit, swimlane and position',
	output: 'list',
	properties: [boardLocator(), listLocator()],
	writes: readsOnly,
	run: (item) => fetchList(item, item.locatorId('boardId', 'Board'), item.locatorId('listId', 'List')),
};
