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
