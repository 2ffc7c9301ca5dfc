import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { rulesPath, withBoard } from './ruleRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many rules',
	description:
		'Get the rules of a board, each with its trigger and action (a part that is gone is null). Needs read access to the board; Wekan v9.46 or later.',
	properties: [boardLocator(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		item.limit([]);
		const rules = await item.request<IDataObject[]>({
			method: 'GET',
			path: rulesPath(boardId),
			expect: 'array',
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
		});
		return item.limit(rules.map((rule) => withBoard(rule, boardId)));
	},
};
