import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { BOARD_COLORS, fetchBoard } from './boardRef';
import { BOARD_COLOR_OPTIONS } from './colors';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a board',
	description: 'Create a board owned by the logged-in user, with one swimlane and no lists; returns the new board',
	properties: [
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
		{
			displayName: 'Permission',
			name: 'permission',
			type: 'options',
			options: [
				{ name: 'Private', value: 'private', description: 'Only board members see the board' },
				{ name: 'Public', value: 'public', description: 'Anyone with the link may see the board (unless the Wekan admin allows private boards only)' },
			],
			default: 'private',
		},
		{
			displayName: 'Color',
			name: 'color',
			type: 'options',
			options: BOARD_COLOR_OPTIONS,
			default: 'belize',
			description: 'The board\'s color theme',
		},
	],
	async run(item) {
		const title = item.string('title', 'Title');
		const permission = item.string('permission', 'Permission');
		if (permission !== 'private' && permission !== 'public') throw item.fail(`Permission must be private or public, not "${permission}"`);
		const color = item.string('color', 'Color');
		if (!BOARD_COLORS.includes(color)) {
			throw item.fail(`"${color}" is not a Wekan board color`, `Use one of: ${BOARD_COLORS.join(', ')}.`);
		}
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: '/api/boards',
			body: { title, permission, color },
			permission: 'login',
		});
		const boardId = item.checkId(created._id, 'The new board\'s ID');
		const board = await readBack(item, `Board ${boardId}`, () => fetchBoard(item, boardId));
		return { ...board, defaultSwimlaneId: created.defaultSwimlaneId };
	},
};
