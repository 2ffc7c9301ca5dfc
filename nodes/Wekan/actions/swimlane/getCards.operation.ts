import type { IDataObject } from 'n8n-workflow';
import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

export const getCards: WekanOperation = {
	value: 'getCards',
	name: 'Get Cards',
	action: 'Get the cards of a swimlane',
	description: 'Get the open cards of a swimlane, in every list, in their order',
	properties: [boardLocator(), swimlaneLocator(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		item.limit([]);
		// Wekan lists no cards for a swimlane that does not exist, so the swimlane is found first.
		await fetchSwimlane(item, boardId, swimlaneId);
		const cards = await item.request<IDataObject[]>({
			method: 'GET',
			path: `${swimlanePath(boardId, swimlaneId)}/cards`,
			expect: 'array',
			permission: 'board-read',
		});
		return item.limit(cards.map((c) => ({ ...c, boardId, swimlaneId })));
	},
};
