import type { IDataObject } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { optionalLocatorId, targetBoardLocator, targetListLocator, targetSwimlaneLocator } from '../target';
import { oneCardWrites } from './cardRef';
import { putCard, verifiedCard, writableCard } from './cardWrite';

/** A sort value above or below every other card of the list. Wekan skips a sort of 0, so 0 is avoided. */
async function edgeSort(item: ItemContext, boardId: string, listId: string, cardId: string, edge: 'top' | 'bottom'): Promise<number> {
	const cards = await item.request<IDataObject[]>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards`,
		expect: 'array',
		permission: 'board-read',
	});
	const sorts = cards.filter((c) => c._id !== cardId).map((c) => Number(c.sort)).filter(Number.isFinite);
	if (!sorts.length) return 1;
	const sort = edge === 'top' ? Math.min(...sorts) - 1 : Math.max(...sorts) + 1;
	return sort !== 0 ? sort : edge === 'top' ? -1 : 0.5;
}

export const move: WekanOperation = {
	value: 'move',
	name: 'Move',
	action: 'Move a card',
	description:
		'Move a card to another list, swimlane or position, or to another board (then choose its list and swimlane too). Returns the card as read back from its new place.',
	properties: [
		cardLocator(),
		boardLocator({ description: 'Needed only to pick the card from a list', required: false }),
		targetBoardLocator(),
		targetListLocator('The list the card moves to. Leave empty to keep it. Required with a target board.'),
		targetSwimlaneLocator('The swimlane the card moves to. Leave empty to keep it. Required with a target board.'),
		{
			displayName: 'Position',
			name: 'position',
			type: 'options',
			options: [
				{ name: 'Bottom', value: 'bottom', description: 'Below every other card of the list' },
				{ name: 'Sort Value', value: 'sort', description: 'An exact sort value: lower comes first' },
				{ name: 'Top', value: 'top', description: 'Above every other card of the list' },
				{
					name: 'Wekan Default',
					value: 'default',
					description: 'On top when the list or board changes, otherwise where it is',
				},
			],
			default: 'default',
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'number',
			default: 1,
			description: 'The sort value; Wekan cannot set 0',
			displayOptions: { show: { position: ['sort'] } },
		},
	],
	writes(item) {
		const keys = oneCardWrites(item);
		const toListId = optionalLocatorId(item, 'toListId', 'Target List');
		// A place at the top or bottom depends on the other cards of the list it ends up in.
		if (['top', 'bottom'].includes(String(item.raw('position', 'default')))) keys.push(toListId ? `list:${toListId}` : '*');
		return keys;
	},
	async run(item) {
		const cardId = item.locatorId('cardId', 'Card', 'card');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const toListId = optionalLocatorId(item, 'toListId', 'Target List');
		const toSwimlaneId = optionalLocatorId(item, 'toSwimlaneId', 'Target Swimlane');
		const position = String(item.raw('position', 'default'));
		if (!['default', 'top', 'bottom', 'sort'].includes(position)) throw item.fail(`Unknown position "${position}"`);
		let sort: number | undefined;
		if (position === 'sort') {
			sort = item.number('sort');
			if (sort === 0) throw item.fail('Wekan cannot set Sort to 0', 'Wekan ignores a sort of 0. Use another value.');
		}
		if (toBoardId && (!toListId || !toSwimlaneId)) {
			throw item.fail('Moving to another board needs its list and swimlane', 'Choose the Target List and the Target Swimlane on the target board.');
		}
		if (!toBoardId && !toListId && !toSwimlaneId && position === 'default') {
			throw item.fail('Nothing to move', 'Choose a target list, swimlane or board, or a position.');
		}

		const card = await writableCard(item, cardId);
		const boardId = String(card.boardId);
		const expected: IDataObject = {};
		let body: IDataObject = {};
		if (toBoardId && toBoardId !== boardId) {
			// Only all three new* ids together make Wekan move a card to another board.
			body = { newBoardId: toBoardId, newListId: toListId, newSwimlaneId: toSwimlaneId };
			Object.assign(expected, { boardId: toBoardId, listId: toListId, swimlaneId: toSwimlaneId });
		} else {
			if (toListId && toListId !== card.listId) body.listId = expected.listId = toListId;
			if (toSwimlaneId && toSwimlaneId !== card.swimlaneId) body.swimlaneId = expected.swimlaneId = toSwimlaneId;
		}
		if (Object.keys(body).length) await putCard(item, card, body);

		// Wekan's PUT is pinned to the card's list, so the sort is written in a second PUT at the new place.
		const placed = { ...card, ...expected };
		if (position === 'top' || position === 'bottom') {
			sort = await edgeSort(item, String(placed.boardId), String(placed.listId), cardId, position);
		}
		if (sort !== undefined) {
			await putCard(item, placed, { sort });
			expected.sort = sort;
		}
		return verifiedCard(item, cardId, expected);
	},
};
