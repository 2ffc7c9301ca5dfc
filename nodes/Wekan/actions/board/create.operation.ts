import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { BOARD_COLOR_SINCE, BOARD_COLORS, fetchBoard } from './boardRef';
import { BOARD_COLOR_OPTIONS } from './colors';

/**
 * An older Wekan's board schema refuses the colors it does not know yet ("<color> is not an allowed value in boards
 * insertAsync"): that failure says which Wekan the color needs. Any other failure is the transport's, as it is.
 */
function colorRefused(item: ItemContext, error: Error, color: string): never {
	const since = BOARD_COLOR_SINCE[color];
	if (since && error.message.includes(color)) {
		throw item.fail(error.message, `The color "${color}" needs Wekan ${since} or later. Choose another color.`);
	}
	throw error;
}

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a board',
	description:
		'Create a board owned by the logged-in user, with one swimlane, no lists and no labels; returns the new board',
	properties: [
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
		{
			displayName: 'Permission',
			name: 'permission',
			type: 'options',
			options: [
				{ name: 'Private', value: 'private', description: 'Only board members see the board' },
				{
					name: 'Public',
					value: 'public',
					description: 'Anyone with the link may see the board. Wekan makes it private when its admin allows private boards only.',
				},
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
	// A new board: no existing object is written, and creates reach Wekan in input order anyway.
	writes: () => ['boards'],
	async run(item) {
		const title = item.string('title', 'Title');
		const permission = item.string('permission', 'Permission');
		if (permission !== 'private' && permission !== 'public') throw item.fail(`Permission must be private or public, not "${permission}"`);
		const color = item.string('color', 'Color');
		if (!BOARD_COLORS.includes(color)) {
			throw item.fail(`"${color}" is not a Wekan board color`, `Use one of: ${BOARD_COLORS.join(', ')}.`);
		}
		// Before Wekan 9.69 the board's one member is the `owner` sent, with no fallback to the caller: without it the
		// board has a member with no user and nobody can open it (server/models/boards.js, Wekan issue #5650).
		const owner = await item.userId();
		const created = await item
			.request<IDataObject>({ method: 'POST', path: '/api/boards', body: { title, owner, permission, color }, permission: 'login' })
			.catch((error: Error) => colorRefused(item, error, color));
		const boardId = item.checkId(created._id, 'The new board\'s ID');
		const board = await readBack(item, `Board ${boardId}`, () => fetchBoard(item, boardId));
		return { ...board, defaultSwimlaneId: created.defaultSwimlaneId };
	},
};
