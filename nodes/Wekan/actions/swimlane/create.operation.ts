import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { POSITION_PROPERTY, positionOf } from '../target';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a swimlane',
	description: 'Create a swimlane (row) on a board, below the others unless a position is given; returns the new swimlane',
	properties: [
		boardLocator(),
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
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
		const title = item.string('title', 'Title');
		const position = positionOf(item, item.collection('options').position);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/swimlanes`,
			body: { title },
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		const swimlaneId = item.checkId(created._id, 'The new swimlane\'s ID');
		if (position !== undefined) {
			try {
				await item.request({
					method: 'POST',
					path: `${swimlanePath(boardId, swimlaneId)}/move`,
					body: { position },
					idempotent: true,
					permission: 'board-write',
				});
			} catch (error) {
				throw item.fail(
					`Swimlane ${swimlaneId} was created, but placing it at position ${position} failed: ${(error as Error).message}`,
					'The swimlane exists in Wekan. Do not run this item again, or it will be created twice; use Move to place it.',
				);
			}
		}
		return readBack(item, `Swimlane ${swimlaneId}`, () => fetchSwimlane(item, boardId, swimlaneId));
	},
};
