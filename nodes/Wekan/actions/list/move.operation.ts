import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator, targetSwimlaneLocator } from '../target';
import { fetchList, listPath } from './listRef';

export const move: WekanOperation = {
	value: 'move',
	name: 'Move',
	action: 'Move a list',
	description:
		'Move a list to another position or swimlane, or with its cards to another board. On another board, a list with the same title takes in the cards instead.',
	properties: [
		boardLocator(),
		listLocator(),
		targetBoardLocator(),
		targetSwimlaneLocator('The swimlane the list moves to. Leave empty to keep it, or for the target board\'s default one.'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [{ ...POSITION_PROPERTY, description: 'Where to place the list, counting from 0 (the leftmost)' }],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const toSwimlaneId = optionalLocatorId(item, 'toSwimlaneId', 'Target Swimlane');
		const position = positionOf(item, item.collection('options').position);
		if (toBoardId === undefined && toSwimlaneId === undefined && position === undefined) {
			throw item.fail('Nothing to move', 'Choose a target board, a target swimlane or a position.');
		}
		const list = await fetchList(item, boardId, listId);
		await item.request({
			method: 'POST',
			path: `${listPath(boardId, listId)}/move`,
			body: defined({ toBoardId, toSwimlaneId, position }),
			// Moving to the same place twice leaves the same state.
			idempotent: true,
			permission: 'board-write',
			notFound: `No list with ID ${listId} on board ${boardId}`,
		});
		const targetBoardId = toBoardId ?? boardId;
		if (targetBoardId === boardId) return fetchList(item, boardId, listId);
		try {
			return await fetchList(item, targetBoardId, listId);
		} catch {
			// Merged into the target board's list of the same title: that list is the result.
			const lists = await item.request<IDataObject[]>({
				method: 'GET',
				path: `/api/boards/${seg(targetBoardId)}/lists`,
				expect: 'array',
				permission: 'board-read',
			});
			const merged = lists.find((l) => l.title === list.title);
			if (!merged) throw item.fail(`List ${listId} was moved, but it is not on board ${targetBoardId}`);
			return { ...(await fetchList(item, targetBoardId, String(merged._id))), mergedFromListId: listId };
		}
	},
};
