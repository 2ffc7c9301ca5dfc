/**
 * The searchable lists behind the resource locators. They work for normal users too: boards come from the
 * user's own memberships, not from the admin-only routes.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { chosenIdIn, requireChosenId } from './chosenIds';
import { currentUserId, seg, wekanBaseUrl, wekanRequest } from './transport';

interface Titled {
	_id: string;
	title?: string;
	username?: string;
}

function filtered(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	const results = needle ? items.filter((i) => i.name.toLowerCase().includes(needle)) : items;
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}

export async function searchBoards(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const userId = await currentUserId.call(this);
	const boards = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/users/${seg(userId)}/boards`,
		expect: 'array',
		permission: 'login',
	})) as Titled[];
	const base = await wekanBaseUrl.call(this);
	return filtered(
		boards.map((b) => ({ name: b.title ?? b._id, value: b._id, url: `${base}/b/${b._id}` })),
		filter,
	);
}

async function boardChildren(this: ILoadOptionsFunctions, kind: 'lists' | 'swimlanes', filter?: string) {
	const boardId = requireChosenId.call(this, 'boardId');
	const children = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/${kind}`,
		expect: 'array',
		permission: 'board-read',
	})) as Titled[];
	return filtered(
		children.map((c) => ({ name: c.title ?? c._id, value: c._id })),
		filter,
	);
}

export async function searchLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return boardChildren.call(this, 'lists', filter);
}

export async function searchSwimlanes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return boardChildren.call(this, 'swimlanes', filter);
}

/** Cards of the chosen list, or of every list of the chosen board when no list is chosen. */
export async function searchCards(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const boardId = requireChosenId.call(this, 'boardId');
	const base = await wekanBaseUrl.call(this);
	const board = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}`,
		permission: 'board-read',
	})) as IDataObject;
	let lists: Titled[];
	const chosenList = chosenIdIn.call(this, 'listId');
	if (chosenList) lists = [{ _id: chosenList }];
	else {
		lists = (await wekanRequest.call(this, {
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/lists`,
			expect: 'array',
			permission: 'board-read',
		})) as Titled[];
	}
	const results: INodeListSearchItems[] = [];
	for (const list of lists) {
		const cards = (await wekanRequest.call(this, {
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/lists/${seg(list._id)}/cards`,
			expect: 'array',
			permission: 'board-read',
		})) as Titled[];
		for (const card of cards) {
			results.push({
				name: list.title ? `${card.title ?? card._id} (${list.title})` : (card.title ?? card._id),
				value: card._id,
				url: `${base}/b/${boardId}/${String(board.slug ?? 'board')}/${card._id}`,
			});
		}
	}
	return filtered(results, filter);
}

/** All users: only a site admin may list them, so others get a clear message and can type an id or username. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const users = (await wekanRequest.call(this, {
		method: 'GET',
		path: '/api/users',
		expect: 'array',
		permission: 'site-admin',
	})) as Titled[];
	return filtered(
		users.map((u) => ({ name: u.username ?? u._id, value: u._id })),
		filter,
	);
}
