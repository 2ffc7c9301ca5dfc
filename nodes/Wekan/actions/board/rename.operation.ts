import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { fetchBoard } from './boardRef';

export const rename: WekanOperation = {
	value: 'rename',
	name: 'Rename',
	action: 'Rename a board',
	description: 'Change a board\'s title; returns the board',
	properties: [boardLocator(), { displayName: 'New Title', name: 'title', type: 'string', default: '', required: true }],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const title = item.string('title', 'New Title');
		await item.request({
			method: 'PUT',
			path: `/api/boards/${seg(boardId)}/title`,
			body: { title },
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		return fetchBoard(item, boardId);
	},
};
