import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

export const deleteSwimlane: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a swimlane',
	description:
		'Delete a swimlane for good. Wekan deletes the swimlane\'s cards too, and when fewer than two lists belong to it (or are shared by all swimlanes), those lists with all their cards.',
	properties: [boardLocator(), swimlaneLocator()],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		// Wekan answers a delete with success even for a swimlane that does not exist, so it is found first.
		const swimlane = await fetchSwimlane(item, boardId, swimlaneId);
		await item.request({ method: 'DELETE', path: swimlanePath(boardId, swimlaneId), permission: 'board-write' });
		return { _id: swimlaneId, title: swimlane.title, boardId, deleted: true };
	},
};
