import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit } from '../common';
import type { WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many cards',
	description: 'Get the open cards of a list, a swimlane or a whole board',
	properties: [
		boardLocator(),
		{
			displayName: 'From',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'Board', value: 'board', description: 'Every open card of the board, list by list' },
				{ name: 'List', value: 'list', description: 'The open cards of one list' },
				{ name: 'Swimlane', value: 'swimlane', description: 'The open cards of one swimlane' },
			],
			default: 'list',
		},
		listLocator({ displayOptions: { show: { scope: ['list'] } } }),
		swimlaneLocator({ displayOptions: { show: { scope: ['swimlane'] } } }),
		...returnAllOrLimit(),
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const scope = item.raw('scope') as string;
		const board = `/api/boards/${seg(boardId)}`;
		const cardsOf = async (path: string, extra: IDataObject = {}) => {
			const cards = await item.request<IDataObject[]>({ method: 'GET', path, expect: 'array', permission: 'board-read' });
			// The list route leaves out the board and list ids; they are added so each card says where it is.
			return cards.map((card) => ({ ...card, boardId, ...extra }));
		};
		if (scope === 'list') {
			const listId = item.locatorId('listId', 'List');
			return item.limit(await cardsOf(`${board}/lists/${seg(listId)}/cards`, { listId }));
		}
		if (scope === 'swimlane') {
			const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
			return item.limit(await cardsOf(`${board}/swimlanes/${seg(swimlaneId)}/cards`, { swimlaneId }));
		}
		if (scope !== 'board') throw item.fail(`Unknown scope "${scope}"`);
		const lists = await item.request<IDataObject[]>({ method: 'GET', path: `${board}/lists`, expect: 'array', permission: 'board-read' });
		const all: IDataObject[] = [];
		for (const list of lists) {
			all.push(...(await cardsOf(`${board}/lists/${seg(String(list._id))}/cards`, { listId: list._id })));
			if (item.raw('returnAll', false) !== true && all.length >= item.number('limit', 50)) break;
		}
		return item.limit(all);
	},
};
