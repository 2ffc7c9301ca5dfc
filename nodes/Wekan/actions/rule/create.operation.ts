import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import {
	actionProperties,
	BoardLookups,
	boardRulesWrites,
	checkGuidedAction,
	checkGuidedTrigger,
	DEFINITION_PROPERTY,
	fetchRule,
	guidedAction,
	guidedTrigger,
	jsonParts,
	ruleTitle,
	rulesPath,
	triggerProperties,
	withBoard,
} from './ruleRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a rule',
	description:
		'Create a board rule: when the trigger happens on the board, Wekan runs the action on the card, on its own server. Needs write access to the board; Wekan v9.46 or later.',
	properties: [
		boardLocator(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'The rule\'s name in Wekan\'s Rules panel. Empty: Wekan names it "API rule".',
		},
		DEFINITION_PROPERTY,
		...triggerProperties(),
		...actionProperties(),
	],
	writes: boardRulesWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const title = ruleTitle(item, false);
		const json = item.raw('definition', 'guided') === 'json';
		let parts = json ? jsonParts(item, { trigger: true, action: true }) : {};
		if (!json) {
			checkGuidedTrigger(item);
			checkGuidedAction(item);
			const lookups = new BoardLookups(item, boardId);
			parts = { trigger: await guidedTrigger(item, lookups), action: await guidedAction(item, lookups) };
		}
		const created = await item.request({
			method: 'POST',
			path: rulesPath(boardId),
			body: { title: title ?? '', trigger: parts.trigger, action: parts.action },
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		const ruleId = item.checkId(created._id, 'The new rule\'s ID');
		item.writesDone();
		const rule = await readBack(item, `Rule ${ruleId}`, () => fetchRule(item, boardId, ruleId));
		return withBoard(rule, boardId);
	},
};
