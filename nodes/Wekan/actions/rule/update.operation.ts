import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
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
	ruleIdParameter,
	ruleTitle,
	rulesPath,
	triggerProperties,
	withBoard,
} from './ruleRef';

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a rule',
	description:
		'Change a rule\'s title, trigger or action. Wekan merges a new trigger or action into the stored one: fields the new one leaves out keep their old values. Needs write access to the board; Wekan v9.46 or later.',
	properties: [
		boardLocator(),
		ruleIdParameter,
		{
			displayName: 'New Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'Empty keeps the title (Wekan cannot set an empty one)',
		},
		{
			displayName: 'Change Trigger',
			name: 'changeTrigger',
			type: 'boolean',
			default: false,
			description: 'Whether to replace the trigger',
		},
		{
			displayName: 'Change Action',
			name: 'changeAction',
			type: 'boolean',
			default: false,
			description: 'Whether to replace the action',
		},
		DEFINITION_PROPERTY,
		...triggerProperties('changeTrigger'),
		...actionProperties('changeAction'),
	],
	writes: boardRulesWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const ruleId = item.checkId(item.raw('ruleId'), 'Rule ID');
		const title = ruleTitle(item, false);
		const changeTrigger = item.boolean('changeTrigger');
		const changeAction = item.boolean('changeAction');
		if (!title && !changeTrigger && !changeAction) {
			throw item.fail('Nothing to update', 'Give a new title, or turn on Change Trigger or Change Action.');
		}
		const json = item.raw('definition', 'guided') === 'json';
		const body: IDataObject = {};
		if (title) body.title = title;
		if (json) {
			Object.assign(body, jsonParts(item, { trigger: changeTrigger, action: changeAction }));
		} else {
			if (changeTrigger) checkGuidedTrigger(item);
			if (changeAction) checkGuidedAction(item);
			const lookups = new BoardLookups(item, boardId);
			if (changeTrigger) body.trigger = await guidedTrigger(item, lookups);
			if (changeAction) body.action = await guidedAction(item, lookups);
		}
		// Wekan refuses a rule that is not on the board, so a mistyped ID fails here, before any write.
		await item.request({
			method: 'PUT',
			path: `${rulesPath(boardId)}/${seg(ruleId)}`,
			body,
			permission: 'board-write',
			notFound: `No rule ${ruleId} on board ${boardId}`,
		});
		item.writesDone();
		const rule = await fetchRule(item, boardId, ruleId);
		if (title && rule.title !== title) {
			throw item.fail(`Wekan did not change the title of rule ${ruleId}`, `It is still "${String(rule.title)}".`);
		}
		return withBoard(rule, boardId);
	},
};
