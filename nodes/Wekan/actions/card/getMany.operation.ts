import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit, toIsoDate } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many cards',
	description:
		'Get the open cards of a list, a swimlane or a whole board, or your own cards (where you are a member or assignee) with an optional due date range',
	properties: [
		{
			displayName: 'From',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'Board', value: 'board', description: 'Every open card of the board, list by list' },
				{ name: 'List', value: 'list', description: 'The open cards of one list' },
				{
					name: 'My Cards',
					value: 'mine',
					description: 'Open cards on any of your boards where you are a member or assignee, sorted by due date',
				},
				{ name: 'Swimlane', value: 'swimlane', description: 'The open cards of one swimlane' },
			],
			default: 'list',
		},
		boardLocator({ displayOptions: { show: { scope: ['board', 'list', 'swimlane'] } } }),
		listLocator({ displayOptions: { show: { scope: ['list'] } } }),
		swimlaneLocator({ displayOptions: { show: { scope: ['swimlane'] } } }),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { scope: ['mine'] } },
			options: [
				{
					displayName: 'Due After',
					name: 'from',
					type: 'dateTime',
					default: '',
					description: 'Only cards due at or after this time',
				},
				{
					displayName: 'Due Before',
					name: 'to',
					type: 'dateTime',
					default: '',
					description: 'Only cards due at or before this time',
				},
				{
					displayName: 'Only With Due Date',
					name: 'due',
					type: 'boolean',
					default: false,
					description: 'Whether to leave out cards without a due date',
				},
			],
		},
		...returnAllOrLimit(),
	],
	writes: readsOnly,
	async run(item) {
		const scope = item.raw('scope') as string;
		if (scope === 'mine') {
			const filters = item.collection('filters');
			const date = (key: 'from' | 'to', label: string) =>
				filters[key] === undefined || filters[key] === '' ? undefined : toIsoDate(item, filters[key], label);
			const qs: IDataObject = {};
			if (filters.due === true) qs.due = 'true';
			const from = date('from', 'Due After');
			const to = date('to', 'Due Before');
			if (from && to && from > to) throw item.fail('Due After is later than Due Before');
			if (from) qs.from = from;
			if (to) qs.to = to;
			const cards = await item.request<IDataObject[]>({ method: 'GET', path: '/api/user/cards', qs, expect: 'array', permission: 'login' });
			return item.limit(cards);
		}
		const boardId = item.locatorId('boardId', 'Board');
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
