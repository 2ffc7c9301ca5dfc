import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';

export const deleteBoard: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a board',
	description: 'Delete a board for good, with all its swimlanes, lists, cards, webhooks and rules (needs an active board admin or a site admin)',
	properties: [boardLocator()],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		await item.request({
			method: 'DELETE',
			path: `/api/boards/${seg(boardId)}`,
			permission: 'board-admin',
			notFound: `No board with ID ${boardId}`,
		});
		return { _id: boardId, deleted: true };
	},
};
