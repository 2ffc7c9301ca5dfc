/**
 * The names a simplified output shows (list, swimlane and label names, the board's slug for URLs), read at most once
 * per board and execution, whatever the number of items: the cache belongs to the execution context. What an
 * operation or a poll has read already can be handed in, so it is not read again.
 */
import type { IDataObject } from 'n8n-workflow';
import { type BoardNames, type NameSource, titleMap } from './simplify';
import { seg, wekanBaseUrl, wekanRequest, type WekanContext } from './transport';

interface BoardParts {
	board?: Promise<IDataObject>;
	lists?: Promise<IDataObject[]>;
	swimlanes?: Promise<IDataObject[]>;
}

const caches = new WeakMap<object, Map<string, BoardParts>>();

function partsOf(context: WekanContext, boardId: string): BoardParts {
	let boards = caches.get(context);
	if (!boards) {
		boards = new Map();
		caches.set(context, boards);
	}
	let parts = boards.get(boardId);
	if (!parts) {
		parts = {};
		boards.set(boardId, parts);
	}
	return parts;
}

/** Hands in documents already read in this execution: the board, its lists, its swimlanes. */
export function seedBoardNames(
	context: WekanContext,
	boardId: string,
	known: { board?: IDataObject; lists?: IDataObject[]; swimlanes?: IDataObject[] },
): void {
	const parts = partsOf(context, boardId);
	if (known.board && !parts.board) parts.board = Promise.resolve(known.board);
	if (known.lists && !parts.lists) parts.lists = Promise.resolve(known.lists);
	if (known.swimlanes && !parts.swimlanes) parts.swimlanes = Promise.resolve(known.swimlanes);
}

function read(context: WekanContext, path: string, expect: 'object' | 'array', notFound: string, itemIndex?: number) {
	return wekanRequest.call(context, { method: 'GET', path, expect, permission: 'board-read', notFound, itemIndex });
}

/**
 * The names of a board, reading only the parts asked for and not read before in this execution. A failed read is
 * kept as failed for the execution: items after it fail the same way instead of asking Wekan again.
 */
export async function boardNames(context: WekanContext, boardId: string, needs: NameSource[], itemIndex?: number): Promise<BoardNames> {
	const parts = partsOf(context, boardId);
	const path = `/api/boards/${seg(boardId)}`;
	const notFound = `No board with ID ${boardId}`;
	if (needs.includes('board')) parts.board ??= read(context, path, 'object', notFound, itemIndex) as Promise<IDataObject>;
	if (needs.includes('lists')) parts.lists ??= read(context, `${path}/lists`, 'array', notFound, itemIndex) as Promise<IDataObject[]>;
	if (needs.includes('swimlanes')) {
		parts.swimlanes ??= read(context, `${path}/swimlanes`, 'array', notFound, itemIndex) as Promise<IDataObject[]>;
	}
	const [baseUrl, board, lists, swimlanes] = await Promise.all([wekanBaseUrl.call(context), parts.board, parts.lists, parts.swimlanes]);
	return {
		baseUrl,
		slug: board?.slug === undefined ? undefined : String(board.slug),
		labels: board ? titleMap(board.labels, 'name') : undefined,
		lists: lists ? titleMap(lists) : undefined,
		swimlanes: swimlanes ? titleMap(swimlanes) : undefined,
	};
}
