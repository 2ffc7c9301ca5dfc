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

/** The board's open swimlanes as Wekan lists them (`_id` and `title`), in the order they were made. */
export function boardSwimlanes(item: ItemContext, boardId: string): Promise<IDataObject[]> {
	return item.request<IDataObject[]>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/swimlanes`,
		expect: 'array',
		permission: 'board-read',
		notFound: `No board with ID ${boardId}`,
	});
}

/** The open cards of a swimlane, in every list, by sort, as Wekan gives them (`_id`, `title`, `listId`, `sort`, ...). */
export function swimlaneCards(item: ItemContext, boardId: string, swimlaneId: string): Promise<IDataObject[]> {
	return item.request<IDataObject[]>({
		method: 'GET',
		path: `${swimlanePath(boardId, swimlaneId)}/cards`,
		expect: 'array',
		permission: 'board-read',
	});
}

/**
 * The swimlane Wekan takes as a board's default one: its first open swimlane in the order they were made
 * (pickDefaultSwimlane over the board's swimlanes, models/boards.js:1926-1945 and models/lib/defaultSwimlane.js:43-47).
 */
export async function defaultSwimlaneId(item: ItemContext, boardId: string): Promise<string> {
	const [first] = await boardSwimlanes(item, boardId);
	if (!first) throw item.fail(`Board ${boardId} has no open swimlane`, 'Create a swimlane on it first, or choose a target swimlane.');
	return item.checkId(first._id, 'The default swimlane\'s ID');
}

/**
 * The sort that puts an item at a 0-based position among its siblings, as Wekan's copy and move routes compute it
 * (computeSortForIndex, server/lib/utils.js:217-232): before the first, after the last, or halfway between two.
 * A missing sort counts as 0.
 */
export function sortForPosition(siblingSorts: unknown[], position: number): number {
	const numbers = siblingSorts.filter((s): s is number => typeof s === 'number' && !Number.isNaN(s)).sort((a, b) => a - b);
	// MongoDB's ascending sort puts a missing sort first, and it counts as 0.
	const sorts = [...new Array<number>(siblingSorts.length - numbers.length).fill(0), ...numbers];
	if (!sorts.length) return 0;
	if (position <= 0) return sorts[0] - 1;
	if (position >= sorts.length) return sorts[sorts.length - 1] + 1;
	return (sorts[position - 1] + sorts[position]) / 2;
}
