import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator } from '../target';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

export const move: WekanOperation = {
	value: 'move',
	name: 'Move',
	action: 'Move a swimlane',
	description:
		'Move a swimlane to another position, or with its lists and cards to another board (its cards join lists of the same title there, created when missing)',
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
			options: [{ ...POSITION_PROPERTY, description: 'Where to place the swimlane, counting from 0 (the top)' }],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const position = positionOf(item, item.collection('options').position);
		if (toBoardId === undefined && position === undefined) {
			throw item.fail('Nothing to move', 'Choose a target board or a position.');
		}
		await item.request({
			method: 'POST',
			path: `${swimlanePath(boardId, swimlaneId)}/move`,
			body: defined({ toBoardId, position }),
			idempotent: true,
			permission: 'board-write',
			notFound: `No swimlane with ID ${swimlaneId} on board ${boardId}`,
		});
		return fetchSwimlane(item, toBoardId ?? boardId, swimlaneId);
	},
};
