/** Parameters both triggers read the same way: the boards they watch, the list and swimlane filter, Simplify. */
import type {
	IDataObject,
	IHookFunctions,
	INode,
	ILoadOptionsFunctions,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { chosenIdIn } from './chosenIds';
import { boardLocator } from './locators';
import { currentUserId, seg, wekanRequest } from './transport';
import { WEKAN_ID } from './wekanUrl';

type TriggerContext = IHookFunctions | IWebhookFunctions | IPollFunctions;

/** The board the trigger watches, from its board locator (a pasted URL is already reduced to the id). */
export function watchedBoardId(context: TriggerContext): string {
	const id = String(context.getNodeParameter('boardId', undefined, { extractValue: true }) ?? '').trim();
	if (!WEKAN_ID.test(id)) throw new NodeOperationError(context.getNode(), 'Choose a board');
	return id;
}

/** The values of a multi-options parameter; anything that is not a list counts as nothing chosen. */
export function multiOptionValues(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String).filter(Boolean) : [];
}

/** The node's type version: 1 for workflows saved before the triggers' events were renamed. */
export function nodeVersion(context: TriggerContext | ILoadOptionsFunctions): number {
	return Number(context.getNode().typeVersion ?? 1);
}

export type BoardScope = 'one' | 'several' | 'all';

/** Which boards the trigger watches: one (the locator), several (a multi-select) or every board of the user. */
export function boardProperties(what: { one: string; all: string }): INodeProperties[] {
	return [
		{
			displayName: 'Watch',
			name: 'boardScope',
			type: 'options',
			default: 'one',
			options: [
				{ name: 'One Board', value: 'one' },
				{ name: 'Several Boards', value: 'several' },
				{ name: 'All My Boards', value: 'all', description: what.all },
			],
			description: 'The boards to watch. Each output item has the ID of its board.',
		},
		boardLocator({ description: what.one, displayOptions: { show: { boardScope: ['one'] } } }),
		{
			displayName: 'Board Names or IDs',
			name: 'boardIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getMyBoards' },
			default: [],
			required: true,
			displayOptions: { show: { boardScope: ['several'] } },
			description:
				'The boards to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	];
}

function boardScope(context: TriggerContext | ILoadOptionsFunctions): BoardScope {
	const raw = 'getCurrentNodeParameter' in context ? context.getCurrentNodeParameter('boardScope') : context.getNodeParameter('boardScope', 'one');
	const value = String(raw ?? 'one');
	return value === 'several' || value === 'all' ? value : 'one';
}

/** The boards the credential's user is an active member of (Wekan leaves out templates and archived boards). */
export async function myBoards(
	this: TriggerContext | ILoadOptionsFunctions,
	onHeaders?: (headers: IDataObject) => void,
): Promise<Array<{ _id: string; title: string }>> {
	const userId = await currentUserId.call(this);
	const boards = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/users/${seg(userId)}/boards`,
		expect: 'array',
		permission: 'login',
		onHeaders,
	})) as IDataObject[];
	return boards.map((b) => ({ _id: String(b._id), title: String(b.title ?? b._id) }));
}

/**
 * The ids of the boards to watch now. "All my boards" asks Wekan each time, so a board the user joins is watched
 * from the next poll or activation on.
 */
export async function watchedBoards(this: TriggerContext, onHeaders?: (headers: IDataObject) => void): Promise<string[]> {
	const scope = boardScope(this);
	if (scope === 'one') return [watchedBoardId(this)];
	if (scope === 'all') return (await myBoards.call(this, onHeaders)).map((b) => b._id);
	const ids = multiOptionValues(this.getNodeParameter('boardIds', [])).map((id) => id.trim());
	const wrong = ids.filter((id) => !WEKAN_ID.test(id));
	if (wrong.length) throw new NodeOperationError(this.getNode(), `Not a Wekan board ID: ${wrong.join(', ')}`);
	if (!ids.length) throw new NodeOperationError(this.getNode(), 'Choose at least one board');
	return [...new Set(ids)];
}

/** Whether the trigger watches every board of the user (boards it may not read are then left out, not errors). */
export function watchesAllBoards(context: TriggerContext): boolean {
	return boardScope(context) === 'all';
}

/** The list and swimlane filter, the same collection in both triggers. */
export function filtersProperty(): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'List Names or IDs',
				name: 'listIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getWatchedLists', loadOptionsDependsOn: ['boardId.value', 'boardIds', 'boardScope'] },
				default: [],
				description:
					'Only events on cards in these lists (a move counts for its old and its new list); all lists when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Swimlane Names or IDs',
				name: 'swimlaneIds',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getWatchedSwimlanes',
					loadOptionsDependsOn: ['boardId.value', 'boardIds', 'boardScope'],
				},
				default: [],
				description:
					'Only events on cards in these swimlanes (a move counts for its old and its new swimlane); all swimlanes when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	};
}

export interface LocationFilter {
	/** Empty: any list. */
	lists: Set<string>;
	/** Empty: any swimlane. */
	swimlanes: Set<string>;
}

/** The filter of the `filters` collection; `legacyListIds` is where version 1 of the polling trigger kept its lists. */
export function locationFilter(context: TriggerContext, legacyListIds?: unknown): LocationFilter {
	const filters = (context.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const lists = [...multiOptionValues(filters.listIds), ...multiOptionValues(legacyListIds)];
	return { lists: new Set(lists), swimlanes: new Set(multiOptionValues(filters.swimlaneIds)) };
}

/** Whether a card at `listId`/`swimlaneId` passes the filter. */
export function inLocation(filter: LocationFilter, listId: unknown, swimlaneId: unknown): boolean {
	return (
		(!filter.lists.size || filter.lists.has(String(listId))) &&
		(!filter.swimlanes.size || filter.swimlanes.has(String(swimlaneId)))
	);
}

/** The triggers' Simplify switch; the fields are in `simplify.ts`. */
export function simplifyProperty(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: what,
	};
}

/** Whether the trigger's output is simplified. */
export function simplifies(context: IWebhookFunctions | IPollFunctions): boolean {
	const value = context.getNodeParameter('simplify', true);
	if (typeof value !== 'boolean') throw new NodeOperationError(context.getNode(), 'Simplify must be true or false');
	return value;
}

// ---- dropdowns ---------------------------------------------------------------------------------------------------

/** The user's boards, for the "Several Boards" choice. */
export async function getMyBoards(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await myBoards.call(this))
		.map((b) => ({ name: b.title, value: b._id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The boards chosen so far in the editor, with their titles when more than one is shown. */
async function chosenBoards(this: ILoadOptionsFunctions): Promise<Array<{ _id: string; title?: string }>> {
	const scope = boardScope(this);
	if (scope === 'one') {
		const id = chosenIdIn.call(this, 'boardId');
		if (!id) throw new NodeOperationError(this.getNode(), 'Choose a board first');
		return [{ _id: id }];
	}
	const mine = await myBoards.call(this);
	if (scope === 'all') return mine;
	const titles = new Map(mine.map((b) => [b._id, b.title]));
	const ids = multiOptionValues(this.getCurrentNodeParameter('boardIds')).filter((id) => WEKAN_ID.test(id));
	if (!ids.length) throw new NodeOperationError(this.getNode(), 'Choose the boards first');
	return ids.map((id) => ({ _id: id, title: titles.get(id) ?? id }));
}

async function childrenOfChosenBoards(this: ILoadOptionsFunctions, kind: 'lists' | 'swimlanes'): Promise<INodePropertyOptions[]> {
	const boards = await chosenBoards.call(this);
	const all = boardScope(this) === 'all';
	const options: INodePropertyOptions[] = [];
	for (const board of boards) {
		let children: IDataObject[];
		try {
			children = (await wekanRequest.call(this, {
				method: 'GET',
				path: `/api/boards/${seg(board._id)}/${kind}`,
				expect: 'array',
				permission: 'board-read',
			})) as IDataObject[];
		} catch (error) {
			// Of all the user's boards, those Wekan's read API refuses (comment-only, worker) are not watched either.
			if (all) continue;
			throw asNodeError(this.getNode(), error);
		}
		for (const child of children) {
			const title = String(child.title ?? child._id);
			options.push({ name: boards.length > 1 ? `${board.title ?? board._id} / ${title}` : title, value: String(child._id) });
		}
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The lists of the watched boards ("Board / List" when several are watched). */
export async function getWatchedLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await childrenOfChosenBoards.call(this, 'lists');
}

/** The swimlanes of the watched boards. */
export async function getWatchedSwimlanes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await childrenOfChosenBoards.call(this, 'swimlanes');
}

/** A failure as a node reports it: Wekan's come from the transport as NodeApiError already; others are wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}
