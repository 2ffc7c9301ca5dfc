import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator, targetSwimlaneLocator } from '../target';
import { fetchList, listPath } from './listRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a list',
	description: 'Copy a list with its cards, on the same board or onto another one; returns the new list',
	properties: [
		boardLocator(),
		listLocator(),
		targetBoardLocator(),
		targetSwimlaneLocator('The swimlane the copy belongs to. Leave empty for the same swimlane, or the target board\'s default one.'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [{ ...POSITION_PROPERTY, description: 'Where to place the copy, counting from 0 (the leftmost)' }],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const toSwimlaneId = optionalLocatorId(item, 'toSwimlaneId', 'Target Swimlane');
		const position = positionOf(item, item.collection('options').position);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${listPath(boardId, listId)}/copy`,
			body: defined({ toBoardId, toSwimlaneId, position }),
			permission: 'board-write',
			notFound: `No list with ID ${listId} on board ${boardId}`,
		});
		const copyId = item.checkId(created._id, 'The copy\'s ID');
		return readBack(item, `The copy ${copyId} of list ${listId}`, () => fetchList(item, toBoardId ?? boardId, copyId));
	},
};
