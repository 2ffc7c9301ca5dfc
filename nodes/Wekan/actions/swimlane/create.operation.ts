import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { POSITION_PROPERTY, positionOf } from '../target';
import { boardSwimlanes, fetchSwimlane, sortForPosition } from './swimlaneRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a swimlane',
	description: 'Create a swimlane (row) on a board, below the others unless a position is given; returns the new swimlane',
	properties: [
		boardLocator(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The swimlane\'s title. Wekan removes spaces at its start and end.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [{ ...POSITION_PROPERTY, description: 'Where to place the swimlane, counting from 0 (the top); needs Wekan 9.82 or later' }],
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}:swimlanes`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const title = item.string('title', 'Title');
		const position = positionOf(item, item.collection('options').position);
		// The place is given as the new swimlane's sort, which Wekan's create takes since 9.82 (#3624,
		// server/models/swimlanes.js:171-202). Wekan's swimlane move would place it too, but it also changes the
		// board's lists and swimlanes (models/swimlanes.js:302-376).
		let sort: number | undefined;
		if (position !== undefined) {
			const swimlanes = await boardSwimlanes(item, boardId);
			const documents = await Promise.all(swimlanes.map((s) => fetchSwimlane(item, boardId, String(s._id))));
			sort = sortForPosition(documents.map((d) => d.sort), position);
		}
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/swimlanes`,
			body: defined({ title, sort }),
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		const swimlaneId = item.checkId(created._id, 'The new swimlane\'s ID');
		const swimlane = await readBack(item, `Swimlane ${swimlaneId}`, () => fetchSwimlane(item, boardId, swimlaneId));
		if (sort !== undefined && swimlane.sort !== sort) {
			throw item.fail(
				`Swimlane ${swimlaneId} was created, but Wekan did not place it at position ${position}`,
				'Placing a new swimlane needs Wekan 9.82 or later. The swimlane exists: do not run this item again, or it will be created twice.',
			);
		}
		return swimlane;
	},
};
