import type { IDataObject } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { boardForLookups } from '../board/boardRef';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { optionalLocatorId, targetBoardLocator, targetListLocator, targetSwimlaneLocator } from '../target';
import { oneCardWrites } from './cardRef';
import { putCard, verifiedCard, writableCard } from './cardWrite';

/**
 * A sort value above or below every other card of the list. Wekan skips a sort the body gives as 0, so a 0 is sent
 * as the text "0", which its schema turns into the number.
 */
async function edgeSort(item: ItemContext, boardId: string, listId: string, cardId: string, edge: 'top' | 'bottom'): Promise<number> {
	const cards = await item.request<IDataObject[]>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards`,
		expect: 'array',
		permission: 'board-read',
	});
	const sorts = cards.filter((c) => c._id !== cardId).map((c) => Number(c.sort)).filter(Number.isFinite);
	if (!sorts.length) return 0;
	return edge === 'top' ? Math.min(...sorts) - 1 : Math.max(...sorts) + 1;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Refuses a move to another board of a card with checklists or comments. Wekan's REST move is one direct write of
 * the card (server/models/cards.js:1593-1635): its checklists, items and comments keep the old board's id, and the
 * web UI shows a board's checklists and comments by that id (server/publications/boards.js:838-905), so they
 * would vanish from view.
 */
async function refuseChildren(item: ItemContext, card: IDataObject, toBoardId: string): Promise<void> {
	const base = `/api/boards/${seg(String(card.boardId))}/cards/${seg(String(card._id))}`;
	const read = (what: string) =>
		item.request<IDataObject[]>({ method: 'GET', path: `${base}/${what}`, expect: 'array', permission: 'board-read' });
	const [checklists, comments] = await Promise.all([read('checklists'), read('comments')]);
	const children = [
		checklists.length ? plural(checklists.length, 'checklist') : '',
		comments.length ? plural(comments.length, 'comment') : '',
	].filter(Boolean);
	if (children.length) {
		throw item.fail(
			`Card ${String(card._id)} has ${children.join(' and ')}, which Wekan's REST API cannot move to board ${toBoardId}`,
			'Wekan would move only the card: its checklists and comments would stay recorded on the old board, where its web UI no longer shows them. Copy the card to the other board instead (Card > Copy takes checklists, comments and attachments along) and delete the original, or move it in Wekan\'s web UI.',
		);
	}
}

/**
 * What Wekan's web UI does on a move to another board and its REST move does not (models/cards.js:2642-2677): labels
 * matched by name on the new board (unnamed ones dropped), members and assignees kept only if active there.
 */
async function boardMoveFixes(item: ItemContext, card: IDataObject, toBoardId: string): Promise<IDataObject> {
	const fixes: IDataObject = {};
	const labelIds = (card.labelIds as string[] | undefined) ?? [];
	const members = (card.members as string[] | undefined) ?? [];
	const assignees = (card.assignees as string[] | undefined) ?? [];
	if (!labelIds.length && !members.length && !assignees.length) return fixes;
	const [from, to] = await Promise.all([boardForLookups(item, String(card.boardId)), boardForLookups(item, toBoardId)]);
	if (labelIds.length) {
		const fromLabels = (from.labels as IDataObject[] | undefined) ?? [];
		const names = fromLabels.filter((l) => labelIds.includes(String(l._id)) && l.name).map((l) => l.name);
		// An empty array is truthy to Wekan's PUT, so it clears the labels the new board does not have.
		const toLabels = (to.labels as IDataObject[] | undefined) ?? [];
		fixes.labelIds = toLabels.filter((l) => l.name && names.includes(l.name)).map((l) => String(l._id));
	}
	const toMembers = (to.members as IDataObject[] | undefined) ?? [];
	const active = new Set(toMembers.filter((m) => m.isActive === true).map((m) => String(m.userId)));
	if (members.length) fixes.members = members.filter((id) => active.has(id));
	if (assignees.length) fixes.assignees = assignees.filter((id) => active.has(id));
	return fixes;
}

export const move: WekanOperation = {
	value: 'move',
	name: 'Move',
	action: 'Move a card',
	description:
		'Move a card to another list, swimlane or position, or to another board (then choose its list and swimlane too). On another board, labels are matched by name and people not on that board are removed; a card with checklists or comments is refused there, since Wekan\'s API cannot take them along. Returns the card as read back from its new place.',
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
					description: 'On top when the list or board changes (Wekan 9.65 and later), otherwise where it is',
				},
			],
			default: 'default',
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'number',
			default: 0,
			description: 'The sort value: lower comes first',
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
		if (position === 'sort') sort = item.number('sort');
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
		let after: IDataObject = {};
		if (toBoardId && toBoardId !== boardId) {
			await refuseChildren(item, card, toBoardId);
			after = await boardMoveFixes(item, card, toBoardId);
			// Only all three new* ids together make Wekan move a card to another board.
			body = { newBoardId: toBoardId, newListId: toListId, newSwimlaneId: toSwimlaneId };
			Object.assign(expected, { boardId: toBoardId, listId: toListId, swimlaneId: toSwimlaneId });
		} else {
			if (toListId && toListId !== card.listId) body.listId = expected.listId = toListId;
			if (toSwimlaneId && toSwimlaneId !== card.swimlaneId) body.swimlaneId = expected.swimlaneId = toSwimlaneId;
		}
		if (Object.keys(body).length) await putCard(item, card, body);

		// Wekan's PUT is pinned to the card's list, so what follows is written in a second PUT at the new place.
		const placed = { ...card, ...expected };
		if (position === 'top' || position === 'bottom') {
			sort = await edgeSort(item, String(placed.boardId), String(placed.listId), cardId, position);
		}
		if (sort !== undefined) {
			after.sort = sort === 0 ? '0' : sort;
			expected.sort = sort;
		}
		if (Object.keys(after).length) {
			await putCard(item, placed, after);
			Object.assign(expected, { ...after, ...(sort === undefined ? {} : { sort }) });
		}
		return verifiedCard(item, cardId, expected);
	},
};
