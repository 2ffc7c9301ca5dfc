/** Dropdown options that depend on the chosen board. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { searchLists, searchSwimlanes } from './listSearch';
import { chosenOrCardBoardId } from './boardParts';
import { currentUserId, seg, wekanRequest } from './transport';

/**
 * The active members of the chosen board, or of the chosen card's board. Names come from the admin-only user list
 * when the credential may read it; other users see ids (and "me"), since Wekan offers normal users no way to look up
 * other users.
 */
export async function getBoardMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const boardId = await chosenOrCardBoardId.call(this);
	const board = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}`,
		permission: 'board-read',
	})) as IDataObject;
	const members = ((board.members as IDataObject[]) ?? []).filter((m) => m.isActive !== false);
	const me = await currentUserId.call(this);
	let names = new Map<string, string>();
	try {
		const users = (await wekanRequest.call(this, {
			method: 'GET',
			path: '/api/users',
			expect: 'array',
			permission: 'site-admin',
		})) as IDataObject[];
		names = new Map(users.map((u) => [String(u._id), String(u.username)]));
	} catch (error) {
		// Only site admins may list users; everyone else gets ids.
		this.logger.debug(`Wekan user names unavailable: ${(error as Error).message}`);
	}
	return members
		.map((m) => {
			const id = String(m.userId);
			const name = names.get(id) ?? id;
			return { name: id === me ? `${name} (me)` : name, value: id };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The chosen board's lists, for a multi-options dropdown (the list search, without its links). */
export async function getBoardLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await searchLists.call(this)).results.map((r) => ({ name: r.name, value: r.value }));
}

/** The chosen board's swimlanes, for a multi-options dropdown. */
export async function getBoardSwimlanes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await searchSwimlanes.call(this)).results.map((r) => ({ name: r.name, value: r.value }));
}
