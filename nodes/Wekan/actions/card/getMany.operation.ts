import type { IDataObject } from 'n8n-workflow';
import { seedBoardNames } from '../../../shared/boardNames';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit, toIsoDate } from '../common';
import type { ItemContext } from '../itemContext';
import { readsOnly, type WekanOperation } from '../operation';
import { needsFullCards, SORT_PROPERTY, sortCards, sortRules, type SortRule } from './cardSort';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many cards',
	description:
		'Get the open cards of a list, a swimlane or a whole board, or your own cards (where you are a member or assignee) with an optional due date range',
	output: 'card',
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
		SORT_PROPERTY,
	],
	writes: readsOnly,
	async run(item) {
		const scope = item.raw('scope') as string;
		const rules = sortRules(item, scope);
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
			return item.limit(sortCards(cards, rules));
		}
		const boardId = item.locatorId('boardId', 'Board');
		const board = `/api/boards/${seg(boardId)}`;
		if (needsFullCards(rules)) return item.limit(sortCards(await fullCards(item, boardId, scope), rules));
		const cardsOf = async (path: string, extra: IDataObject = {}) => {
			const cards = await item.request<IDataObject[]>({ method: 'GET', path, expect: 'array', permission: 'board-read' });
			// The list route leaves out the board and list ids; they are added so each card says where it is.
			return cards.map((card) => ({ ...card, boardId, ...extra }));
		};
		if (scope === 'list') {
			const listId = item.locatorId('listId', 'List');
			return item.limit(sortCards(await cardsOf(`${board}/lists/${seg(listId)}/cards`, { listId }), rules));
		}
		if (scope === 'swimlane') {
			const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
			return item.limit(sortCards(await cardsOf(`${board}/swimlanes/${seg(swimlaneId)}/cards`, { swimlaneId }), rules));
		}
		if (scope !== 'board') throw item.fail(`Unknown scope "${scope}"`);
		const lists = await item.request<IDataObject[]>({ method: 'GET', path: `${board}/lists`, expect: 'array', permission: 'board-read' });
		seedBoardNames(item.fn, boardId, { lists });
		const all: IDataObject[] = [];
		for (const list of lists) {
			all.push(...(await cardsOf(`${board}/lists/${seg(String(list._id))}/cards`, { listId: list._id })));
			// Sorted output needs every card before the limit; unsorted output stops reading once it has enough.
			if (!rules.length && item.raw('returnAll', false) !== true && all.length >= item.number('limit', 50)) break;
		}
		return item.limit(sortCards(all, rules, lists.map((l) => String(l._id))));
	},
};

/**
 * The open cards of the scope in full, from the board export: Wekan's list and swimlane routes leave out the
 * creation and change dates. Wekan 11 narrows the export to the list or swimlane asked for; older versions send the
 * whole board, so the scope is applied here as well.
 */
async function fullCards(item: ItemContext, boardId: string, scope: string): Promise<IDataObject[]> {
	const qs: IDataObject = { attachments: 'false' };
	let inScope: (card: IDataObject) => boolean;
	if (scope === 'list') {
		const listId = item.locatorId('listId', 'List');
		qs.listId = listId;
		inScope = (card) => card.listId === listId;
	} else if (scope === 'swimlane') {
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		qs.swimlaneId = swimlaneId;
		inScope = (card) => card.swimlaneId === swimlaneId;
	} else if (scope === 'board') {
		inScope = () => true;
	} else {
		throw item.fail(`Unknown scope "${scope}"`);
	}
	const data = await item.request<IDataObject>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/export`,
		qs,
		permission: 'board-read',
		notFound: `No board with ID ${boardId}`,
	});
	if (!Array.isArray(data.cards) || !Array.isArray(data.lists)) {
		throw item.fail(`Wekan's export of board ${boardId} has no cards or lists`, 'Sort by Position or Due Date instead, which read the cards list by list.');
	}
	const lists = data.lists as IDataObject[];
	const swimlanes = Array.isArray(data.swimlanes) ? (data.swimlanes as IDataObject[]) : undefined;
	seedBoardNames(item.fn, boardId, { board: data, lists, swimlanes });
	// As the list routes do: open cards only, and for a whole board only those in open lists.
	const openLists = new Set(lists.filter((l) => l.archived !== true).map((l) => String(l._id)));
	const cards = (data.cards as IDataObject[])
		.filter((card) => card.archived !== true && inScope(card) && (scope !== 'board' || openLists.has(String(card.listId))))
		.map((card) => ({ ...card, boardId }));
	return sortCards(cards, [{ key: 'position', direction: 'asc' }] as SortRule[], lists.map((l) => String(l._id)));
}
