import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';

export function swimlanePath(boardId: string, swimlaneId: string): string {
	return `/api/boards/${seg(boardId)}/swimlanes/${seg(swimlaneId)}`;
}

/** A swimlane of a board that is not archived. */
export function fetchSwimlane(item: ItemContext, boardId: string, swimlaneId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: swimlanePath(boardId, swimlaneId),
		permission: 'board-read',
		notFound: `No swimlane with ID ${swimlaneId} on board ${boardId}`,
	});
}
