import { boardLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchRule, ruleIdParameter, withBoard } from './ruleRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a rule',
	description: 'Get a board rule with its trigger and action. Needs read access to the board; Wekan v9.46 or later.',
	properties: [boardLocator(), ruleIdParameter],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const ruleId = item.checkId(item.raw('ruleId'), 'Rule ID');
		return withBoard(await fetchRule(item, boardId, ruleId), boardId);
	},
};
