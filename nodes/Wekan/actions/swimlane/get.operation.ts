import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchSwimlane } from './swimlaneRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a swimlane',
	description: 'Get a swimlane of a board with its title, color and position',
	properties: [boardLocator(), swimlaneLocator()],
	writes: readsOnly,
	run: (item) => fetchSwimlane(item, item.locatorId('boardId', 'Board'), item.locatorId('swimlaneId', 'Swimlane')),
};
