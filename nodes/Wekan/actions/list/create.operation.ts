import type { IDataObject } from 'n8n-workflow';
import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { fetchSwimlane } from '../swimlane/swimlaneRef';
import { optionalLocatorId, POSITION_PROPERTY, positionOf } from '../target';
import { fetchList, listPath } from './listRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a list',
	description: 'Create a list (column) on a board; returns the new list',
	properties: [
		boardLocator(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The list\'s title. Wekan removes spaces at its start and end.',
		},
		swimlaneLocator({
			required: false,
			description: 'The swimlane the list belongs to. Leave empty for the board\'s default swimlane (its first open one).',
		}),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					...POSITION_PROPERTY,
					description:
						'Where to place the list, counting from 0 (the leftmost); needs Wekan 9.36 or later. Wekan gives a list made through its API no position, so without one the list may show anywhere.',
				},
			],
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}:lists`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const title = item.string('title', 'Title');
		const swimlaneId = optionalLocatorId(item, 'swimlaneId', 'Swimlane');
		const position = positionOf(item, item.collection('options').position);
		// Wekan stores any swimlane ID it is given (server/models/lists.js:807-825), and a list in a swimlane that is
		// not on the board shows nowhere.
		if (swimlaneId) await fetchSwimlane(item, boardId, swimlaneId);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/lists`,
			body: swimlaneId ? { title, swimlaneId } : { title },
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		const listId = item.checkId(created._id, 'The new list\'s ID');
		if (position !== undefined) {
			try {
				await item.request({
					method: 'POST',
					path: `${listPath(boardId, listId)}/move`,
					body: { position },
					idempotent: true,
					permission: 'board-write',
				});
			} catch (error) {
				throw item.fail(
					`List ${listId} was created, but placing it at position ${position} failed: ${(error as Error).message}`,
					'The list exists in Wekan. Do not run this item again, or it will be created twice; use Move to place it.',
				);
			}
		}
		return readBack(item, `List ${listId}`, () => fetchList(item, boardId, listId));
	},
};
