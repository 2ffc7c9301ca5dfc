import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { boardRulesWrites, ruleIdParameter, rulesPath } from './ruleRef';
import { seg } from '../../../shared/transport';

export const deleteRule: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a rule',
	description: 'Delete a board rule with its trigger and action. Needs write access to the board; Wekan v9.46 or later.',
	properties: [boardLocator(), ruleIdParameter],
	writes: boardRulesWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const ruleId = item.checkId(item.raw('ruleId'), 'Rule ID');
		await item.request({
			method: 'DELETE',
			path: `${rulesPath(boardId)}/${seg(ruleId)}`,
			permission: 'board-write',
			notFound: `No rule ${ruleId} on board ${boardId}`,
		});
		return { _id: ruleId, boardId, deleted: true };
	},
};
