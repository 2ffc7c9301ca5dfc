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
		{
			displayName: 'New Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The new title. Wekan removes spaces at its start and end.',
		},
	],
	writes: (item) => [`swimlane:${item.locatorId('swimlaneId', 'Swimlane')}`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const title = item.string('title', 'New Title');
		// Wekan reports an unknown swimlane here as an internal error, so the swimlane is found first.
		await fetchSwimlane(item, boardId, swimlaneId);
		await item.request({ method: 'PUT', path: swimlanePath(boardId, swimlaneId), body: { title }, permission: 'board-write' });
		const swimlane = await fetchSwimlane(item, boardId, swimlaneId);
		if (swimlane.title !== title.trim()) {
			throw item.fail(`Wekan did not rename swimlane ${swimlaneId}`, `Its title is "${String(swimlane.title).slice(0, 100)}".`);
		}
		return swimlane;
	},
};
