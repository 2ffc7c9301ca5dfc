/**
 * Board automation rules over REST: server/models/rules.js:75-241, at Wekan v11.07 (commit f5cc8e373). A rule links a
 * trigger document and an action document; the API takes and answers both inline.
 *
 * Every handler catches everything and answers `sendJsonResult({code: error.statusCode || 500, data: error})`
 * (style 'statusData'): the permission checks' 401/403/404 with the serialised Meteor.Error, and 500 for the
 * handlers' own `Meteor.Error('not-found' | 'bad-request', ...)`, which carry no statusCode.
 */
import { MeteorError } from '../errors';
import type { Router } from '../http';
import { normalizeTriggerDoc, serializeRule, stripRuleFields } from '../models/rules';
import type { RuleDoc } from '../schemas/rules';
import type { Wekan } from '../server';

/** `req.body.x` of any JSON value: a primitive has no such property. */
function prop(value: unknown, key: string): unknown {
	return value !== null && value !== undefined ? (Object(value) as Record<string, unknown>)[key] : undefined;
}

export function registerRuleRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const base = '/api/boards/:boardId/rules';

	/** `ReactiveCache.getRule({_id: ruleId, boardId})`, or the handlers' not-found error. */
	const ruleOnBoard = (ruleId: string, boardId: string): RuleDoc => {
		const rule = db.rules.findOne({ _id: ruleId, boardId });
		if (!rule) throw new MeteorError('not-found', 'Rule not found');
		return rule;
	};

	// server/models/rules.js:84-98: checkBoardAccess; the board's rules in natural order, each serialised.
	router.get(base, 'statusData', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.rules.find({ boardId }).map((rule) => serializeRule(wekan, rule));
	});

	// server/models/rules.js:109-123: the rule must be on the board (else a 500 with the not-found error).
	router.get(`${base}/:ruleId`, 'statusData', (ctx) => {
		const { boardId, ruleId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return serializeRule(wekan, ruleOnBoard(ruleId, boardId));
	});

	// server/models/rules.js:139-170: checkBoardWriteAccess, then the trigger, the action and the rule, in that
	// order and each its own write, so a rule the schema refuses leaves its trigger and action behind.
	router.post(base, 'statusData', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const { title, trigger, action } = ctx.body;
		if (!trigger || !action) throw new MeteorError('bad-request', 'trigger and action are required');
		if (!prop(trigger, 'activityType')) throw new MeteorError('bad-request', 'trigger.activityType is required');
		if (!prop(action, 'actionType')) throw new MeteorError('bad-request', 'action.actionType is required');
		// The client's _id, boardId and dates are dropped; the route's boardId goes last. Triggers and actions have no
		// schema: every other field, of any type, is stored as sent. Their insert hooks set the dates.
		const triggerId = db.triggers.insert({ ...normalizeTriggerDoc(stripRuleFields(trigger)), boardId });
		const actionId = db.actions.insert({ ...stripRuleFields(action), boardId });
		// A falsy title is 'API rule'; any other goes to the rules schema, which converts, trims and validates it.
		const ruleId = db.rules.insert({ title: title || 'API rule', triggerId, actionId, boardId });
		return { _id: ruleId, triggerId, actionId };
	});

	// server/models/rules.js:189-218: each part that is given is $set into its document, which merges: fields the new
	// trigger or action leaves out keep their values (except a trigger's matching fields, which normalizeTriggerDoc
	// sets to '*' when the new trigger has a listed activityType and leaves them out).
	router.put(`${base}/:ruleId`, 'statusData', (ctx) => {
		const { boardId, ruleId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const rule = ruleOnBoard(ruleId, boardId);
		const body = ctx.body;
		// Only a string title is written; the schema trims it, and one that is empty after that is dropped from the
		// $set, leaving the title as it was.
		if (typeof body.title === 'string') db.rules.update(rule._id, { $set: { title: body.title } });
		if (body.trigger) {
			db.triggers.update(rule.triggerId, { $set: { ...normalizeTriggerDoc(stripRuleFields(body.trigger)), boardId } });
		}
		if (body.action) db.actions.update(rule.actionId, { $set: { ...stripRuleFields(body.action), boardId } });
		return { _id: rule._id };
	});

	// server/models/rules.js:229-240: the rule, its trigger and its action, each by id.
	router.delete(`${base}/:ruleId`, 'statusData', (ctx) => {
		const { boardId, ruleId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const rule = ruleOnBoard(ruleId, boardId);
		db.rules.remove(rule._id);
		db.triggers.remove(rule.triggerId);
		db.actions.remove(rule.actionId);
		return { _id: rule._id };
	});
}
