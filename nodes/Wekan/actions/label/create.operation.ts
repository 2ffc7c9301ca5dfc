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
		const answer = await item.request<unknown>({
			method: 'PUT',
			path: `/api/boards/${seg(boardId)}/labels`,
			body: { label: { name, color } },
			expect: 'any',
			permission: 'board-admin',
			notFound: `No board with ID ${boardId}`,
		});
		// Before Wekan 9.81 an existing label of the same name and color is answered with an empty 200 instead of its ID
		// (server/models/boards.js, changed by the fix of Wekan issue #5510): the board tells which label it is.
		const empty = answer === undefined || answer === null || answer === '';
		if (!empty && typeof answer !== 'string') {
			throw item.fail(`Wekan answered ${JSON.stringify(answer).slice(0, 200)} instead of the label's ID`);
		}
		const labelId = empty ? undefined : item.checkId(answer, 'The new label\'s ID');
		const board = await readBack(item, `Label "${name}" (${color})`, () => fetchBoard(item, boardId));
		const labels = (board.labels as IDataObject[] | undefined) ?? [];
		const label = labelId
			? labels.find((l) => l._id === labelId)
			: labels.find((l) => (l.name ?? '') === name && l.color === color);
		if (!label) {
			throw item.fail(`Wekan did not add the label "${name}" (${color}) to board ${boardId}`, 'Get the board\'s labels to see them.');
		}
		return { ...label, boardId };
	},
};
