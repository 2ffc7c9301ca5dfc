import type { IDataObject } from 'n8n-workflow';
import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { readBack } from '../readBack';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator } from '../target';
import { boardSwimlanes, fetchSwimlane, swimlanePath } from './swimlaneRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a swimlane',
	description:
		'Copy a swimlane with its lists and their open cards, on the same board or onto another one (needs Wekan 9.36 or later); returns the new swimlane. Every list of the swimlane is copied as a new list of the copy, even on the same board; the swimlane\'s cards in lists of other swimlanes are not copied. Onto another board, Wekan adds there the labels the cards use that it lacks.',
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
				{ ...POSITION_PROPERTY, description: 'Where to place the copy, counting from 0 (the top). Without it the copy goes below the others.' },
				{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'The copy\'s title. Leave empty to keep the original\'s.' },
			],
		},
	],
	writes: () => [EVERYTHING],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const options = item.collection('options');
		const position = positionOf(item, options.position);
		const title = options.title === undefined ? undefined : String(options.title).trim() || undefined;
		// Wekan copies archived swimlanes too, as archived copies; the node copies open ones (as Get finds them).
		await fetchSwimlane(item, boardId, swimlaneId);
		const targetBoardId = toBoardId ?? boardId;
		// Without a position Wekan gives the copy the number of open swimlanes as its sort (models/swimlanes.js:
		// 166-194), which is not the end when the sorts have gaps: the copy is placed after the last one instead.
		const place = position ?? (await boardSwimlanes(item, targetBoardId)).length;
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${swimlanePath(boardId, swimlaneId)}/copy`,
			body: defined({ toBoardId, position: place, title }),
			permission: 'board-write',
			notFound: `No swimlane with ID ${swimlaneId} on board ${boardId}`,
		});
		const copyId = item.checkId(created._id, 'The copy\'s ID');
		return readBack(item, `The copy ${copyId} of swimlane ${swimlaneId}`, () => fetchSwimlane(item, targetBoardId, copyId));
	},
};
