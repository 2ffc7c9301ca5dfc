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

/** The board colors Wekan accepts (config/const.js). */
export const BOARD_COLORS = [
	'belize', 'nephritis', 'pomegranate', 'pumpkin', 'wisteria', 'moderatepink', 'strongcyan', 'limegreen',
	'midnight', 'dark', 'relax', 'corteza', 'clearblue', 'natural', 'modern', 'moderndark', 'exodark', 'cleandark',
	'cleanlight', 'sky', 'green', 'yellow', 'orange', 'red', 'purple',
];
