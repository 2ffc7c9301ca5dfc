import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { seg } from '../../../shared/transport';

/**
 * The full board document: the only place Wekan gives a board's labels and members. A board made through the API
 * has no `labels` at all until its first label (the default labels are commented out, models/boards.js:167-181), so
 * a missing list of labels is given as an empty one.
 */
export async function fetchBoard(item: ItemContext, boardId: string): Promise<IDataObject> {
	const board = await item.request<IDataObject>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}`,
		permission: 'board-read',
		notFound: `No board with ID ${boardId}`,
	});
	return Array.isArray(board.labels) ? board : { ...board, labels: [] };
}

/**
 * The board as read once for the whole execution, for lookups of its labels or members that many items make.
 * An item of the execution that writes the board or its labels makes the next lookup read it again.
 */
export function boardForLookups(item: ItemContext, boardId: string): Promise<IDataObject> {
	return item.cached(`board:${boardId}`, [`board:${boardId}`, `board:${boardId}:labels`], () => fetchBoard(item, boardId));
}

/**
 * The board colors Wekan accepts, in its order: ALLOWED_BOARD_COLORS (config/const.js:1-27 at v11.07), which the
 * board schema enforces (models/boards.js:419-424). Newer ones need a newer Wekan (BOARD_COLOR_SINCE).
 */
export const BOARD_COLORS = [
	'belize', 'nephritis', 'pomegranate', 'pumpkin', 'wisteria', 'moderatepink', 'strongcyan', 'limegreen',
	'midnight', 'dark', 'relax', 'corteza', 'appleglasspastel', 'clearblue', 'cleargreen', 'clearorange', 'clearpink',
	'clearpurple', 'clearred', 'natural', 'modern', 'moderndark', 'exodark', 'cleandark', 'cleanlight',
];

/** The Wekan version that added a board color, for those not in Wekan 5.18's list. */
export const BOARD_COLOR_SINCE: Record<string, string> = {
	exodark: '6.18',
	cleandark: '7.50',
	cleanlight: '7.50',
	cleargreen: '10.54',
	clearorange: '10.54',
	clearpink: '10.54',
	clearpurple: '10.54',
	clearred: '10.54',
	appleglasspastel: '10.80',
};
