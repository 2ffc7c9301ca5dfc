import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';

export function listPath(boardId: string, listId: string): string {
	return `/api/boards/${seg(boardId)}/lists/${seg(listId)}`;
}

/** A list of a board, not archived and not deleted. */
export async function fetchList(item: ItemContext, boardId: string, listId: string): Promise<IDataObject> {
	const notFound = `No list with ID ${listId} on board ${boardId}`;
	const list = await item.request<IDataObject>({
		method: 'GET',
		path: listPath(boardId, listId),
		permission: 'board-read',
		notFound,
	});
	// Wekan's list routes filter on archived only, so a deleted list (kept for undo) still comes back.
	if (list.deletedAt) throw item.fail(notFound, `The list was deleted at ${String(list.deletedAt)}.`);
	return list;
}

/**
 * The board's open lists as Wekan lists them: `_id`, `title`, `modifiedAt`, `cardsModifiedAt`, in the order they
 * were made. Lists deleted for undo are among them (server/models/lists.js:751-787).
 */
export function boardLists(item: ItemContext, boardId: string): Promise<IDataObject[]> {
	return item.request<IDataObject[]>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/lists`,
		expect: 'array',
		permission: 'board-read',
		notFound: `No board with ID ${boardId}`,
	});
}

/** The open cards of a list, by sort, as Wekan gives them: `_id`, `title`, `swimlaneId`, `sort` and a few more. */
export function listCards(item: ItemContext, boardId: string, listId: string): Promise<IDataObject[]> {
	return item.request<IDataObject[]>({
		method: 'GET',
		path: `${listPath(boardId, listId)}/cards`,
		expect: 'array',
		permission: 'board-read',
	});
}

/** The path of a card of a list, for the card routes a list operation uses. */
export function listCardPath(boardId: string, listId: string, cardId: string): string {
	return `${listPath(boardId, listId)}/cards/${seg(cardId)}`;
}
