import { boardLocator, listLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { fetchList, listPath } from './listRef';

export const deleteList: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a list',
	description:
		'Delete a list and all its cards. Wekan keeps them marked as deleted, so a board admin can still restore them in Wekan.',
	properties: [boardLocator(), listLocator()],
	writes: (item) => [`list:${item.locatorId('listId', 'List')}`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		// Wekan answers a delete with success even for a list that does not exist, so the list is found first.
		const list = await fetchList(item, boardId, listId);
		await item.request({ method: 'DELETE', path: listPath(boardId, listId), permission: 'board-write' });
		return { _id: listId, title: list.title, boardId, deleted: true };
	},
};
