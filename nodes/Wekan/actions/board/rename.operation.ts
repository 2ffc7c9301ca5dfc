import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { fetchBoard } from './boardRef';

export const rename: WekanOperation = {
	value: 'rename',
	name: 'Rename',
	action: 'Rename a board',
	description: 'Change a board\'s title; returns the board',
	properties: [
		boardLocator(),
		{
			displayName: 'New Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The new title. Wekan removes spaces at its start and end.',
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}`],
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
		const board = await fetchBoard(item, boardId);
		// The answer echoes the title sent, whatever was stored (server/models/boards.js:1073-1094): the board tells.
		if (board.title !== title.trim()) {
			throw item.fail(`Wekan did not rename board ${boardId}`, `Its title is "${String(board.title).slice(0, 100)}".`);
		}
		return board;
	},
};
