import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

export const rename: WekanOperation = {
	value: 'rename',
	name: 'Rename',
	action: 'Rename a swimlane',
	description: 'Change a swimlane\'s title; returns the swimlane',
	properties: [
		boardLocator(),
		swimlaneLocator(),
		{ displayName: 'New Title', name: 'title', type: 'string', default: '', required: true },
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const title = item.string('title', 'New Title');
		// Wekan reports an unknown swimlane here as an internal error, so the swimlane is found first.
		await fetchSwimlane(item, boardId, swimlaneId);
		await item.request({ method: 'PUT', path: swimlanePath(boardId, swimlaneId), body: { title }, permission: 'board-write' });
		return fetchSwimlane(item, boardId, swimlaneId);
	},
};
