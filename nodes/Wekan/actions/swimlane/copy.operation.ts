import type { IDataObject } from 'n8n-workflow';
import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator } from '../target';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a swimlane',
	description: 'Copy a swimlane with its cards, on the same board (just below it) or onto another one; returns the new swimlane',
	properties: [
		boardLocator(),
		swimlaneLocator(),
		targetBoardLocator(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{ ...POSITION_PROPERTY, description: 'Where to place the copy, counting from 0 (the top)' },
				{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'The copy\'s title. Leave empty to keep the original\'s.' },
			],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const options = item.collection('options');
		const position = positionOf(item, options.position);
		const title = options.title === undefined ? undefined : String(options.title).trim() || undefined;
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${swimlanePath(boardId, swimlaneId)}/copy`,
			body: defined({ toBoardId, position, title }),
			permission: 'board-write',
			notFound: `No swimlane with ID ${swimlaneId} on board ${boardId}`,
		});
		const copyId = item.checkId(created._id, 'The copy\'s ID');
		return readBack(item, `The copy ${copyId} of swimlane ${swimlaneId}`, () => fetchSwimlane(item, toBoardId ?? boardId, copyId));
	},
};
