import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { fetchBoard } from '../board/boardRef';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { memberOutput } from './roles';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many board members',
	description: 'Get the members of a board with their user IDs and roles',
	properties: [
		boardLocator(),
		{
			displayName: 'Include Removed Members',
			name: 'includeInactive',
			type: 'boolean',
			default: false,
			description: 'Whether to include users removed from the board (Wekan keeps them as inactive members)',
		},
		...returnAllOrLimit(),
	],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const includeInactive = item.boolean('includeInactive');
		item.limit([]);
		const board = await fetchBoard(item, boardId);
		const members = ((board.members as IDataObject[] | undefined) ?? []).filter((m) => includeInactive || m.isActive !== false);
		return item.limit(members.map((m) => memberOutput(boardId, m)));
	},
};
