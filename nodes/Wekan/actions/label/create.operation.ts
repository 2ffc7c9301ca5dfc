import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { fetchBoard } from '../board/boardRef';
import { CARD_COLORS } from '../card/colors';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a label',
	description:
		'Create a label on a board (needs a board admin, or a site admin). A label with the same name and color is not duplicated: its ID is returned. Wekan cannot rename or delete labels through its API.',
	properties: [
		boardLocator(),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'The label\'s text. Leave empty for a color-only label. Spaces at its start and end are removed.',
		},
		{
			displayName: 'Color',
			name: 'color',
			type: 'options',
			options: CARD_COLORS.map((c) => ({ name: c.charAt(0).toUpperCase() + c.slice(1), value: c })).sort((a, b) => a.name.localeCompare(b.name)),
			default: 'green',
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}:labels`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const rawName = item.raw('name', '');
		if (typeof rawName !== 'string') throw item.fail('Name must be text');
		// Wekan looks for an existing label before its schema trims the name (server/models/boards.js:1134-1141), so an
		// untrimmed name would add a second label of the same name.
		const name = rawName.trim();
		const color = item.string('color', 'Color');
		if (!CARD_COLORS.includes(color)) throw item.fail(`"${color}" is not a Wekan label color`, `Use one of: ${CARD_COLORS.join(', ')}.`);
		const answer = await item.request<string>({
			method: 'PUT',
			path: `/api/boards/${seg(boardId)}/labels`,
			body: { label: { name, color } },
			expect: 'string',
			permission: 'board-admin',
			notFound: `No board with ID ${boardId}`,
		});
		const labelId = item.checkId(answer, 'The new label\'s ID');
		const board = await readBack(item, `Label ${labelId}`, () => fetchBoard(item, boardId));
		const label = ((board.labels as IDataObject[] | undefined) ?? []).find((l) => l._id === labelId);
		return { ...(label ?? { _id: labelId, name, color }), boardId };
	},
};
