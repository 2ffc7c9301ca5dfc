import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { seg } from '../../../shared/transport';

/** The full board document: the only place Wekan gives a board's labels and members. */
export function fetchBoard(item: ItemContext, boardId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}`,
		permission: 'board-read',
		notFound: `No board with ID ${boardId}`,
	});
}

/**
 * The board as read once for the whole execution, for lookups of its labels or members that many items make.
 * An item of the execution that writes the board or its labels makes the next lookup read it again.
 */
export function boardForLookups(item: ItemContext, boardId: string): Promise<IDataObject> {
	return item.cached(`board:${boardId}`, [`board:${boardId}`, `board:${boardId}:labels`], () => fetchBoard(item, boardId));
}

/** The board colors Wekan accepts (config/const.js). */
export const BOARD_COLORS = [
	'belize', 'nephritis', 'pomegranate', 'pumpkin', 'wisteria', 'moderatepink', 'strongcyan', 'limegreen',
	'midnight', 'dark', 'relax', 'corteza', 'clearblue', 'natural', 'modern', 'moderndark', 'exodark', 'cleandark',
	'cleanlight', 'sky', 'green', 'yellow', 'orange', 'red', 'purple',
];
