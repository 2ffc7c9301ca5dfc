/**
 * Rules, triggers and actions, at Wekan v11.07 (commit f5cc8e373):
 * - the collections: the rules schema (models/rules.js:8-65) and the date hooks of the schemaless triggers and
 *   actions (models/triggers.js:6-14, models/actions.js:6-14);
 * - what the REST routes do to them (server/models/rules.js:25-67: strip, normalizeTriggerDoc with the matching
 *   fields of server/triggersDef.js, serializeRule);
 * - the rules side of a board's removal, copy, export and import (server/models/boards.js:47-63,
 *   models/boards.js:1152-1176, models/exporter.js:651-656, models/wekanCreator.js:918-957);
 * - the rules engine that runs after every activity insert (server/models/activities.js:29-36 calling
 *   server/rulesHelper.js), with the models/lib helpers it uses and the card, checklist and list methods its actions
 *   call, as they behave on the server.
 *
 * Not modelled: scheduled rules (server/scheduledRules.js, run by SyncedCron on a timer) and the manual button rules
 * (the rules.runButton method, server/rulesButton.js), which no activity fires; sendEmail sends nothing (there is no
 * mail server here), which is also what Wekan's own try/catch leaves behind when mail fails.
 */
import type { Collection, WriteContext } from '../db/collection';
import type { ActionDoc } from '../schemas/actions';
import type { ActivityDoc } from '../schemas/activities';
import type { BoardDoc } from '../schemas/boards';
import type { CardDoc } from '../schemas/cards';
import type { ChecklistDoc } from '../schemas/checklists';
import type { ListDoc } from '../schemas/lists';
import { type RuleDoc, rulesSchema } from '../schemas/rules';
import type { SwimlaneDoc } from '../schemas/swimlanes';
import type { TriggerDoc } from '../schemas/triggers';
import type { UserDoc } from '../schemas/users';
import type { Wekan } from '../server';
import { getDefaultSwimlane } from './boards';
import { archiveCard, changeCardPeople, linkCard, moveCard, realCardId, restoreCard } from './cards';
import { listCards } from './lists';
import { cacheFindOne, getCard } from './reactiveCache';

type Fields = Record<string, unknown>;

// ---- the collections ------------------------------------------------------------------------------------------

/** Attaches the rules schema and registers the triggers' and actions' hooks. Triggers and actions have no schema. */
export function registerRules(wekan: Wekan): void {
	const { db } = wekan;
	db.rules.attachSchema(rulesSchema(db));

	// models/triggers.js:6-9: both dates set on every insert (over whatever the document carried).
	db.triggers.before.insert((_userId, doc) => {
		doc.createdAt = new Date();
		doc.updatedAt = doc.createdAt;
	});
	// models/triggers.js:11-14
	db.triggers.before.update((_userId, _doc, _fieldNames, modifier) => {
		modifier.$set = (modifier.$set as Fields | undefined) || {};
		(modifier.$set as Fields).updatedAt = new Date();
	});

	// models/actions.js:6-9: an action's second date is modifiedAt, not updatedAt.
	db.actions.before.insert((_userId, doc) => {
		doc.createdAt = new Date();
		doc.modifiedAt = doc.createdAt;
	});
	// models/actions.js:11-14
	db.actions.before.update((_userId, _doc, _fieldNames, modifier) => {
		modifier.$set = (modifier.$set as Fields | undefined) || {};
		(modifier.$set as Fields).modifiedAt = new Date();
	});
}

/**
 * A `{$in: [...]}` list as the MongoDB driver sends it: BSON writes an undefined array element as null
 * (ignoreUndefined only drops object fields), which also matches documents without the field.
 */
function bsonList(values: unknown[]): unknown[] {
	return values.map((value) => (value === undefined ? null : value));
}

// ---- the REST helpers of server/models/rules.js ------------------------------------------------------------------

/** STRIP (server/models/rules.js:25): the fields a client may not set and a reader is not shown. */
export const RULE_STRIPPED_FIELDS = ['_id', 'boardId', 'createdAt', 'modifiedAt', 'updatedAt'];

/**
 * strip (server/models/rules.js:27-33): the own enumerable keys of the value (`doc || {}`, so a string gives its
 * characters by index and a number nothing) except the STRIP ones.
 */
export function stripRuleFields(doc: unknown): Fields {
	const source = (doc || {}) as Fields;
	const out: Fields = {};
	for (const key of Object.keys(source)) if (!RULE_STRIPPED_FIELDS.includes(key)) out[key] = source[key];
	return out;
}

/**
 * TriggersDef (server/triggersDef.js:7-75): for each activity type, the trigger fields a matching trigger is looked
 * up by. scheduledTrigger and button triggers are not activities and are not listed. A plain object, looked up with
 * `TriggersDef[activityType]` as Wekan does, so a name like 'constructor' finds an inherited property.
 */
export const TRIGGERS_DEF: Readonly<Record<string, { readonly matchingFields: readonly string[] }>> = {
	createCard: { matchingFields: ['boardId', 'listName', 'userId', 'swimlaneName', 'cardTitle'] },
	moveCard: { matchingFields: ['boardId', 'listName', 'oldListName', 'userId', 'swimlaneName', 'cardTitle'] },
	archivedCard: { matchingFields: ['boardId', 'userId', 'cardTitle'] },
	restoredCard: { matchingFields: ['boardId', 'userId', 'cardTitle'] },
	joinMember: { matchingFields: ['boardId', 'username', 'userId'] },
	unjoinMember: { matchingFields: ['boardId', 'username', 'userId'] },
	addChecklist: { matchingFields: ['boardId', 'checklistName', 'userId'] },
	removeChecklist: { matchingFields: ['boardId', 'checklistName', 'userId'] },
	completeChecklist: { matchingFields: ['boardId', 'checklistName', 'userId'] },
	uncompleteChecklist: { matchingFields: ['boardId', 'checklistName', 'userId'] },
	addedChecklistItem: { matchingFields: ['boardId', 'checklistItemName', 'userId'] },
	removedChecklistItem: { matchingFields: ['boardId', 'checklistItemName', 'userId'] },
	checkedItem: { matchingFields: ['boardId', 'checklistItemName', 'userId'] },
	uncheckedItem: { matchingFields: ['boardId', 'checklistItemName', 'userId'] },
	addAttachment: { matchingFields: ['boardId', 'userId'] },
	deleteAttachment: { matchingFields: ['boardId', 'userId'] },
	addedLabel: { matchingFields: ['boardId', 'labelId', 'userId'] },
	removedLabel: { matchingFields: ['boardId', 'labelId', 'userId'] },
};

/** `TriggersDef[key]`: the property key is the value as a string, inherited properties included. */
function triggerDef(activityType: unknown): { matchingFields?: readonly string[] } | undefined {
	return (TRIGGERS_DEF as Fields)[String(activityType)] as { matchingFields?: readonly string[] } | undefined;
}

/**
 * normalizeTriggerDoc (server/models/rules.js:51-62, #2674): when the trigger's activityType is in TriggersDef,
 * each of its matching fields that is missing, null or '' becomes the '*' wildcard. Another value (0, false, a
 * specific name) stays. A name that finds an inherited property of the plain object ('constructor', 'toString')
 * has no matchingFields, and Wekan's forEach on it throws a TypeError.
 */
export function normalizeTriggerDoc(trigger: Fields): Fields {
	const out: Fields = { ...trigger };
	const def = triggerDef(out.activityType);
	if (def) {
		if (!def.matchingFields) throw new TypeError("Cannot read properties of undefined (reading 'forEach')");
		for (const field of def.matchingFields) {
			if (out[field] === undefined || out[field] === null || out[field] === '') out[field] = '*';
		}
	}
	return out;
}

/** What GET /api/boards/:boardId/rules answers for each rule. */
export interface SerializedRule {
	_id: string;
	title: string;
	trigger: Fields | null;
	action: Fields | null;
}

/**
 * serializeRule (server/models/rules.js:64-73): the rule's id and title (nothing else of it: not its board, dates or
 * button fields) and its trigger and action by id, stripped, or null when gone.
 */
export function serializeRule(wekan: Wekan, rule: RuleDoc): SerializedRule {
	const trigger = cacheFindOne(wekan.db.triggers, rule.triggerId);
	const action = cacheFindOne(wekan.db.actions, rule.actionId);
	return {
		_id: rule._id,
		title: rule.title,
		trigger: trigger ? stripRuleFields(trigger) : null,
		action: action ? stripRuleFields(action) : null,
	};
}

// ---- the rules side of a board's removal, copy, export and import -------------------------------------------------

/**
 * boardRemover (server/models/boards.js:47-63), the rules part: `Rules`, `Triggers` and `Actions.removeAsync({boardId})`
 * (hooked removals of every match; none of the three has remove hooks). Wekan removes Rules before the board's
 * Activities and Triggers and Actions after; nothing observable depends on that order.
 */
export function removeBoardRules(wekan: Wekan, boardId: string, context: WriteContext = {}): void {
	const { db } = wekan;
	db.rules.remove({ boardId }, context);
	db.triggers.remove({ boardId }, context);
	db.actions.remove({ boardId }, context);
}

/** The ids copyBoardRules gave the copies: old id to new id. */
export interface CopiedRules {
	actions: Record<string, string>;
	triggers: Record<string, string>;
	rules: string[];
}

/**
 * Board.copy's rules step (models/boards.js:1152-1176): every action of the old board, then every trigger, inserted
 * again (hooked: new dates) with the new boardId and otherwise unchanged (their listName, labelId and the like still
 * name the old board's things, which copies have the same titles as); then every rule, with its ids mapped to the
 * copies, through the rules schema (new createdAt and modifiedAt). A rule whose trigger or action was not on the old
 * board maps to undefined, which the schema refuses ("... is required in rules insertAsync"), and that error ends
 * the copy where it stands.
 */
export function copyBoardRules(
	wekan: Wekan,
	fromBoardId: string,
	toBoardId: string,
	context: WriteContext = {},
): CopiedRules {
	const { db } = wekan;
	const copied: CopiedRules = { actions: {}, triggers: {}, rules: [] };
	for (const action of db.actions.find({ boardId: fromBoardId })) {
		const { _id, ...fields } = action;
		copied.actions[_id] = db.actions.insert({ ...fields, boardId: toBoardId }, context);
	}
	for (const trigger of db.triggers.find({ boardId: fromBoardId })) {
		const { _id, ...fields } = trigger;
		copied.triggers[_id] = db.triggers.insert({ ...fields, boardId: toBoardId }, context);
	}
	for (const rule of db.rules.find({ boardId: fromBoardId })) {
		const { _id, ...fields } = rule;
		const doc: Fields = { ...fields, boardId: toBoardId };
		// An undefined id is not stored by Meteor (ignoreUndefined), so the schema sees the key missing.
		const actionId = copied.actions[rule.actionId];
		const triggerId = copied.triggers[rule.triggerId];
		delete doc.actionId;
		delete doc.triggerId;
		if (actionId !== undefined) doc.actionId = actionId;
		if (triggerId !== undefined) doc.triggerId = triggerId;
		copied.rules.push(db.rules.insert(doc, context));
	}
	return copied;
}

/** The three arrays a board export carries about rules. */
export interface ExportedRules {
	rules: Fields[];
	triggers: Fields[];
	actions: Fields[];
}

function withoutBoardId(doc: object): Fields {
	const { boardId: _boardId, ...rest } = doc as Fields;
	return rest;
}

/**
 * The rules of a board export, as GET /api/boards/:boardId/export writes them (Exporter.buildStream,
 * models/exporter.js:651-656, projection `{boardId: 0}`): the board's rules in natural order (none when the export
 * is scoped to a swimlane, list, card or checklist), then the triggers and the actions those rules name, each once,
 * in their collection's natural order (an `_id: {$in}` query), whatever board they are on.
 *
 * `form: 'build'` is Exporter.build (models/exporter.js:282, 305-322; the attachment export and the cloneBoard
 * method): the board's rules, and for each rule in turn its trigger and its action, so a trigger two rules share
 * appears twice. build() has no scope.
 */
export function exportBoardRules(
	wekan: Wekan,
	boardId: string,
	options: { scoped?: boolean; form?: 'stream' | 'build' } = {},
): ExportedRules {
	const { db } = wekan;
	if (options.form === 'build') {
		const rules = db.rules.find({ boardId });
		return {
			rules: rules.map(withoutBoardId),
			triggers: rules.flatMap((rule) => db.triggers.find({ _id: rule.triggerId }).map(withoutBoardId)),
			actions: rules.flatMap((rule) => db.actions.find({ _id: rule.actionId }).map(withoutBoardId)),
		};
	}
	const rules = options.scoped ? [] : db.rules.find({ boardId });
	const triggerIds = rules.map((rule) => rule.triggerId).filter(Boolean);
	const actionIds = rules.map((rule) => rule.actionId).filter(Boolean);
	return {
		rules: rules.map(withoutBoardId),
		triggers: db.triggers.find({ _id: { $in: triggerIds } }).map(withoutBoardId),
		actions: db.actions.find({ _id: { $in: actionIds } }).map(withoutBoardId),
	};
}

/** The id maps of a board import that the rules need. */
export interface ImportMaps {
	/** Old label id to new label id (WekanCreator.labels). */
	labels: Readonly<Record<string, string>>;
	/** Old member id to user id (WekanCreator.members). */
	members: Readonly<Record<string, string>>;
}

/**
 * WekanCreator's createTriggers, createActions and createRules (models/wekanCreator.js:918-957), in the order
 * create() runs them (:1210-1212): triggers and actions get a present `labelId` and `memberId` mapped (to undefined,
 * so not stored, when the map lacks them) and the new boardId, and are inserted with `.direct` (no hooks: no new
 * dates; an exported date stays the ISO string the JSON carried, since nothing converts it); then the rules, with
 * their ids mapped, by `Rules.direct.insertAsync`, which the schema still cleans (new dates, unknown keys dropped) and
 * validates (an unmapped id fails the import). Exported `id` fields were already copied to `_id` (:117-137).
 */
export function importBoardRules(
	wekan: Wekan,
	data: { rules?: unknown[]; triggers?: unknown[]; actions?: unknown[] },
	boardId: string,
	maps: ImportMaps,
): CopiedRules {
	const { db } = wekan;
	const created: CopiedRules = { actions: {}, triggers: {}, rules: [] };
	/** Inserts each trigger or action as createTriggers/createActions do; answers old id to new id. */
	const insertAll = (items: unknown[] | undefined, collection: Collection<TriggerDoc> | Collection<ActionDoc>) => {
		const ids: Record<string, string> = {};
		for (const item of items ?? []) {
			const { _id: oldId, ...doc } = item as Fields;
			if (Object.prototype.hasOwnProperty.call(doc, 'labelId')) doc.labelId = maps.labels[String(doc.labelId)];
			if (Object.prototype.hasOwnProperty.call(doc, 'memberId')) doc.memberId = maps.members[String(doc.memberId)];
			doc.boardId = boardId;
			// Meteor does not store undefined fields (ignoreUndefined).
			for (const key of Object.keys(doc)) if (doc[key] === undefined) delete doc[key];
			ids[String(oldId)] = collection.direct.insert(doc);
		}
		return ids;
	};
	created.triggers = insertAll(data.triggers, db.triggers);
	created.actions = insertAll(data.actions, db.actions);
	for (const item of data.rules ?? []) {
		const rule: Fields = { ...(item as Fields), boardId };
		const triggerId = created.triggers[String(rule.triggerId)];
		const actionId = created.actions[String(rule.actionId)];
		delete rule.triggerId;
		delete rule.actionId;
		delete rule._id;
		if (triggerId !== undefined) rule.triggerId = triggerId;
		if (actionId !== undefined) rule.actionId = actionId;
		created.rules.push(db.rules.direct.insert(rule));
	}
	return created;
}

// ---- the rules engine (server/rulesHelper.js) ------------------------------------------------------------------------

/**
 * cardTitleMatchList (models/lib/ruleCardTitleFilter.js:45-55, #2345): the trigger cardTitle values that match a card
 * title: its words (split on JavaScript's ASCII `\W`), the whole title, '*' and null (null also matches triggers
 * stored without the field).
 */
export function cardTitleMatchList(title: unknown): unknown[] {
	const wildcards = ['*', null];
	if (title === undefined || title === null) return wildcards;
	const text = String(title);
	return [...text.split(/\W/).filter((word) => word !== ''), text, ...wildcards];
}

/**
 * buildMatchingFieldsMap (server/rulesHelper.js:117-168): the activity's type, then for each matching field
 * `{$in: [the activity's value, '*', null]}` (#6491: null also matches a trigger without the field). oldListName
 * and oldSwimlaneName are the titles of the activity's old list and swimlane (`ReactiveCache.getList(oldListId)`,
 * which for a missing id is the first list there is); cardTitle, when the activity has none, is its card's title,
 * and is matched by cardTitleMatchList.
 */
export function buildMatchingFieldsMap(wekan: Wekan, activity: ActivityDoc, matchingFields: readonly string[]): Fields {
	const { db } = wekan;
	const map: Fields = { activityType: activity.activityType };
	for (const field of matchingFields) {
		let value: unknown = activity[field];
		if (field === 'oldListName') {
			const oldList = cacheFindOne(db.lists, activity.oldListId);
			if (oldList) value = oldList.title;
		} else if (field === 'oldSwimlaneName') {
			const oldSwimlane = cacheFindOne(db.swimlanes, activity.oldSwimlaneId);
			if (oldSwimlane) value = oldSwimlane.title;
		}
		if (field === 'cardTitle') {
			if (value === undefined && activity.cardId) {
				const card = getCard(wekan, activity.cardId);
				if (card) value = card.title;
			}
			map[field] = { $in: bsonList(cardTitleMatchList(value)) };
			continue;
		}
		map[field] = { $in: bsonList([value, '*', null]) };
	}
	return map;
}

/**
 * findMatchingRules (server/rulesHelper.js:98-116): nothing for an activity type TriggersDef does not list; else the
 * triggers matching the map, in natural order, each giving the first rule with its triggerId (Trigger.getRule,
 * models/triggers.js:28-30); a trigger no rule points at gives nothing.
 */
export function findMatchingRules(wekan: Wekan, activity: ActivityDoc): RuleDoc[] {
	const { db } = wekan;
	const def = triggerDef(activity.activityType);
	if (def === undefined) return [];
	// A board with no triggers matches nothing; skipping the lookups changes no answer.
	if (db.triggers.size === 0) return [];
	if (!def.matchingFields) throw new TypeError('matchingFields is not iterable');
	const matchingMap = buildMatchingFieldsMap(wekan, activity, def.matchingFields);
	const rules: RuleDoc[] = [];
	for (const trigger of db.triggers.find(matchingMap)) {
		const rule = db.rules.findOne({ triggerId: trigger._id });
		if (rule !== undefined) rules.push(rule);
	}
	return rules;
}

/**
 * RulesHelper.executeRules (server/rulesHelper.js:89-97): the matching rules are found first, then each rule's action
 * (Rule.getAction: `ReactiveCache.getAction(actionId)`) is performed in turn. What an action throws ends the run:
 * the later rules do not run. `context` is the write context the activity was inserted in (collection-hooks'
 * userId of the activity's insert), which the actions' writes share.
 */
export function executeRules(wekan: Wekan, activity: ActivityDoc, context: WriteContext = {}): void {
	const rules = findMatchingRules(wekan, activity);
	for (const rule of rules) {
		const action = cacheFindOne(wekan.db.actions, rule.actionId);
		if (action !== undefined) performAction(wekan, activity, action, context);
	}
}

/**
 * How deep rules may set off rules before this model stops. An action's write inserts activities, whose hook runs
 * the rules again; a cycle of rules (add a label when it is removed, remove it when it is added) has no end in Wekan,
 * where each round is a new asynchronous hook. Here the rounds nest on the stack, so they stop at this depth.
 */
export const MAX_RULE_DEPTH = 32;
const ruleDepth = new WeakMap<Wekan, number>();

/**
 * The Activities.after.insert hook of server/models/activities.js:29-36: runs the rules for the new activity and
 * logs and swallows whatever they throw. Call it with the hook's userId as `context.userId`.
 *
 * Rules fire for activities without a userId too (those REST writes insert through the hooks): their userId is
 * matched as null, which a trigger whose userId is '*' (what the REST POST stores when none is given), null or
 * missing matches, and a trigger naming a user does not.
 */
export function runRules(wekan: Wekan, activity: ActivityDoc, context: WriteContext = {}): void {
	const depth = ruleDepth.get(wekan) ?? 0;
	if (depth >= MAX_RULE_DEPTH) return;
	ruleDepth.set(wekan, depth + 1);
	try {
		executeRules(wekan, activity, context);
	} catch {
		// console.error('RulesHelper.executeRules error for activity', ...): never passed on.
	} finally {
		ruleDepth.set(wekan, depth);
	}
}

/**
 * A write Wekan starts without awaiting it (`card.setStart(date)`, `card.addLabel(id)`, `card.link(...)`): it still
 * happens, but a failure becomes an unhandled rejection (logged, server/00processErrors.js:74-85) instead of reaching
 * the rule's caller, and the run goes on.
 */
function unawaited(write: () => void): void {
	try {
		write();
	} catch {
		// An unhandled rejection: logged, WeKan keeps running.
	}
}

// ---- the card, list and checklist methods the actions call, as they behave on the server ------------------------

const isLinkedCard = (card: CardDoc) => card.type === 'cardType-linkedCard';
const isLinkedBoard = (card: CardDoc) => card.type === 'cardType-linkedBoard';

type DateField = 'receivedAt' | 'startAt' | 'dueAt' | 'endAt';
const DATE_FIELDS: readonly string[] = ['receivedAt', 'startAt', 'dueAt', 'endAt'];

/**
 * Card.getReceived/getStart/getDue/getEnd (models/cards.js:1805-1941) on the server: for a linked card or board they
 * read the field off `ReactiveCache.getCard/getBoard(linkedId)`, which on the server is a Promise, so the answer is
 * always undefined; otherwise the card's own field.
 */
function serverDate(card: CardDoc, field: DateField): unknown {
	if (isLinkedCard(card) || isLinkedBoard(card)) return undefined;
	return card[field];
}

/**
 * Card.setReceived/setStart/setDue/setEnd (models/cards.js:1825-1929): a linked board's board gets the date, any
 * other card the card behind getRealId.
 */
function setDate(wekan: Wekan, card: CardDoc, field: DateField, value: Date, context: WriteContext): void {
	if (isLinkedBoard(card)) wekan.db.boards.update({ _id: card.linkedId }, { $set: { [field]: value } }, {}, context);
	else wekan.db.cards.update({ _id: realCardId(card) }, { $set: { [field]: value } }, {}, context);
}

/** Card.unsetReceived/unsetStart/unsetDue/unsetEnd (models/cards.js:3065-3079): always the card behind getRealId. */
function unsetDate(wekan: Wekan, card: CardDoc, field: DateField, context: WriteContext): void {
	wekan.db.cards.update({ _id: realCardId(card) }, { $unset: { [field]: '' } }, {}, context);
}

/**
 * Card.getAssignees (models/cards.js:1592-1616) on the server: a linked card's lookup is a Promise, whose `assignees`
 * is undefined; a linked board's is a Promise without activeMembers(), which throws; else `assignees || []`.
 */
function serverAssignees(card: CardDoc): unknown {
	if (isLinkedCard(card)) return undefined;
	if (isLinkedBoard(card)) throw new TypeError('board.activeMembers is not a function');
	return card.assignees || [];
}

/** Card.list (models/cards.js:1085-1087): `ReactiveCache.getList(this.listId)`. */
const cardList = (wekan: Wekan, card: CardDoc): ListDoc | undefined => cacheFindOne(wekan.db.lists, card.listId);

/**
 * getDestBoardDefaultSwimlane (server/rulesHelper.js:18-35): undefined when the board is not found (note that an
 * undefined boardId finds the first board), else Board.getDefaultSwimlineAsync, which picks the board's first live
 * swimlane, or its first one, or upserts `<boardId>-default` when it has none.
 */
function destBoardDefaultSwimlane(wekan: Wekan, boardId: unknown, context: WriteContext): SwimlaneDoc | undefined {
	const board = cacheFindOne<BoardDoc>(wekan.db.boards, boardId);
	if (!board) return undefined;
	return getDefaultSwimlane(wekan, board._id, context);
}

/** resolveRuleSwimlaneId (models/lib/ruleActionResolve.js:31-35). */
function resolveRuleSwimlaneId(named: SwimlaneDoc | undefined, fallback: SwimlaneDoc | undefined): string {
	if (named && named._id) return named._id;
	if (fallback && fallback._id) return fallback._id;
	return '';
}

/** resolveRuleListId (models/lib/ruleActionResolve.js:40-42). */
const resolveRuleListId = (named: ListDoc | undefined): string => (named && named._id ? named._id : '');

/** normalizeUnit (models/lib/relativeDateOffset.js:20-31): unknown or absent is days. */
function normalizeUnit(unit: unknown): string {
	return ['minutes', 'hours', 'days', 'weeks', 'months'].includes(unit as string) ? (unit as string) : 'days';
}

/**
 * relativeDateOffset (models/lib/relativeDateOffset.js:33-55): `parseInt(value, 10) || 0` units from the base; months
 * by the calendar (setMonth, with JavaScript's overflow).
 */
export function relativeDateOffset(base: Date, value: unknown, unit: unknown): Date {
	const amount = Number.parseInt(String(value), 10) || 0;
	const normalized = normalizeUnit(unit);
	if (normalized === 'months') {
		const result = new Date(base.getTime());
		result.setMonth(result.getMonth() + amount);
		return result;
	}
	const minute = 60 * 1000;
	const unitMs: Record<string, number> = {
		minutes: minute,
		hours: 60 * minute,
		days: 1440 * minute,
		weeks: 10080 * minute,
	};
	return new Date(base.getTime() + amount * unitMs[normalized]);
}

/**
 * buildRuleVars (server/rulesHelper.js:48-78, #2475): the values `{name}` tokens are replaced with: the server's
 * locale date and time, the card's title, number, description, due date, list and swimlane titles, the board title
 * and the acting user's username.
 */
function buildRuleVars(wekan: Wekan, activity: ActivityDoc, card: CardDoc | null | undefined): Record<string, string> {
	const { db } = wekan;
	const vars: Record<string, string> = {};
	const now = new Date();
	vars.date = now.toLocaleDateString();
	vars.time = now.toLocaleTimeString();
	vars.datetime = now.toLocaleString();
	if (card) {
		vars.cardname = card.title || '';
		vars.cardtitle = card.title || '';
		vars.cardnumber = card.cardNumber !== undefined && card.cardNumber !== null ? String(card.cardNumber) : '';
		vars.description = card.description || '';
		if (card.dueAt) vars.duedate = new Date(card.dueAt).toLocaleString();
		const list = cardList(wekan, card);
		if (list) vars.listname = list.title || '';
		if (card.swimlaneId) {
			const swimlane = cacheFindOne(db.swimlanes, card.swimlaneId);
			if (swimlane) vars.swimlanename = swimlane.title || '';
		}
	}
	if (activity.boardId) {
		const board = cacheFindOne(db.boards, activity.boardId);
		if (board) vars.boardname = board.title || '';
	}
	if (activity.userId && activity.userId !== '*') {
		const user = cacheFindOne<UserDoc>(db.users, activity.userId);
		if (user) vars.username = user.username || '';
	}
	return vars;
}

/** substituteVars (server/rulesHelper.js:80-86): a non-string comes back as it is; unknown tokens stay. */
function substituteVars(text: unknown, vars: Record<string, string>): unknown {
	if (typeof text !== 'string') return text;
	return text.replace(/\{(\w+)\}/g, (token, key: string) => {
		const value = vars[key.toLowerCase()];
		return value !== undefined ? value : token;
	});
}

/** The actions that run without a card (server/rulesHelper.js:174). */
const BOARD_LEVEL_ACTIONS = ['createCard', 'addSwimlane', 'moveAllCardsInList'];

/**
 * RulesHelper.performAction (server/rulesHelper.js:169-622): what one action does for one activity. The card is
 * the activity's (`ReactiveCache.getCard(activity.cardId)`); without one only the board-level actions run.
 */
export function performAction(
	wekan: Wekan,
	activity: ActivityDoc,
	action: ActionDoc,
	context: WriteContext = {},
): void {
	const { db } = wekan;
	const found = getCard(wekan, activity.cardId);
	if (!found && !BOARD_LEVEL_ACTIONS.includes(action.actionType as string)) return;
	// The board-level actions below that read the card only run when there is one.
	const card = found as CardDoc;
	const boardId = activity.boardId;
	const ruleVars = buildRuleVars(wekan, activity, found);
	// withUserId (server/rulesHelper.js:37-42): the moves run as the activity's user when it has one (a method
	// invocation with that userId, which the move's hooks see), else in the context the activity was inserted in.
	const asActor: WriteContext = activity.userId ? { userId: activity.userId } : context;
	const type = action.actionType;

	if (type === 'moveCardToTop' || type === 'moveCardToBottom') {
		// server/rulesHelper.js:183-199 (#6472): no listName, or '*', is the card's own list (by title on the action's
		// board when the activity is on another); else the list of that title on the action's board.
		let list: ListDoc | undefined;
		if (action.listName === '*' || !action.listName) {
			list = cardList(wekan, card);
			if (boardId !== action.boardId) {
				if (!list) throw new TypeError("Cannot read properties of undefined (reading 'title')");
				list = cacheFindOne(db.lists, { title: list.title, boardId: action.boardId });
			}
		} else {
			list = cacheFindOne(db.lists, { title: action.listName, boardId: action.boardId });
		}
		// server/rulesHelper.js:206-214: a list that is not found falls back to the card's own list.
		let fellBack = false;
		if (!list) {
			list = cardList(wekan, card);
			if (!list) return;
			fellBack = true;
		}
		const listId = list._id;
		// server/rulesHelper.js:217-242 (#5536): swimlaneName '*' is the card's swimlane (by title across boards);
		// another name is looked up on the action's board (no name: the board's first swimlane); then the destination
		// board's default swimlane, looked up (and upserted when missing) either way; then ''.
		let swimlane: SwimlaneDoc | undefined;
		if (action.swimlaneName === '*') {
			swimlane = cacheFindOne(db.swimlanes, card.swimlaneId);
			if (boardId !== action.boardId && swimlane) {
				swimlane = cacheFindOne(db.swimlanes, { title: swimlane.title, boardId: action.boardId });
			}
		} else {
			swimlane = cacheFindOne(db.swimlanes, { title: action.swimlaneName, boardId: action.boardId });
		}
		let swimlaneId: unknown = resolveRuleSwimlaneId(swimlane, destBoardDefaultSwimlane(wekan, action.boardId, context));
		// server/rulesHelper.js:247-251: the fallback list keeps the card on that list's board and in its swimlane.
		let destBoardId: unknown = action.boardId;
		if (fellBack) {
			destBoardId = list.boardId;
			swimlaneId = card.swimlaneId;
		}
		// server/rulesHelper.js:256-266: the destination's live cards (List.cardsUnfiltered), their finite sorts; above
		// the lowest or below the highest, -1 or 1 when there are none.
		const sorts = listCards(wekan, list, swimlaneId)
			.map((c) => c.sort)
			.filter((sort) => Number.isFinite(sort));
		const sort =
			type === 'moveCardToTop'
				? (sorts.length ? Math.min(...sorts) : 0) - 1
				: (sorts.length ? Math.max(...sorts) : 0) + 1;
		moveCard(wekan, card, { boardId: destBoardId as string, swimlaneId, listId, sort }, asActor);
	}

	if (type === 'sendEmail') {
		// server/rulesHelper.js:268-310: e-mail to `emailTo` with the substituted subject and text. There is no mail
		// server here: nothing is sent, and nothing else changes, as when Wekan's mail fails and its catch returns.
		return;
	}

	if (type === 'setDate') {
		// server/rulesHelper.js:312-350: now, only when the date is unset (undefined: a stored null counts as set). A
		// linked card or board always reads undefined on the server, so it always gets the date.
		const field = action.dateField as DateField;
		if (DATE_FIELDS.includes(field) && serverDate(card, field) === undefined) {
			unawaited(() => setDate(wekan, card, field, new Date(), context));
		}
	}

	if (type === 'updateDate') {
		// server/rulesHelper.js:352-372: now, whatever was there.
		const field = action.dateField as DateField;
		if (DATE_FIELDS.includes(field)) unawaited(() => setDate(wekan, card, field, new Date(), context));
	}

	if (type === 'removeDate') {
		// server/rulesHelper.js:374-393
		const field = action.dateField as DateField;
		if (DATE_FIELDS.includes(field)) unawaited(() => unsetDate(wekan, card, field, context));
	}

	if (type === 'archive') {
		// server/rulesHelper.js:394-398: Card.archive, subtasks first.
		if (!card.archived) archiveCard(wekan, card, context);
	}

	if (type === 'unarchive') {
		// server/rulesHelper.js:399-403: Card.restore.
		if (card.archived) restoreCard(wekan, card, context);
	}

	if (type === 'setColor') {
		// server/rulesHelper.js:404-406, Card.setColor (models/cards.js:2938-2943): white is stored as null; the cards
		// schema refuses a color it does not know, and that error ends the run.
		const color = action.selectedColor === 'white' ? null : action.selectedColor;
		db.cards.update(realCardId(card), { $set: { color } }, {}, context);
	}

	if (type === 'addLabel') {
		// server/rulesHelper.js:407-409, Card.addLabel (models/cards.js:2750-2755), not awaited.
		unawaited(() => db.cards.update(realCardId(card), { $addToSet: { labelIds: action.labelId } }, {}, context));
	}

	if (type === 'removeLabel') {
		// server/rulesHelper.js:410-412, Card.removeLabel (models/cards.js:2757-2761), not awaited.
		unawaited(() => db.cards.update(realCardId(card), { $pull: { labelIds: action.labelId } }, {}, context));
	}

	if (type === 'addMember') {
		// server/rulesHelper.js:419-428: the user by username (no username: the first user there is) joins the card's
		// MEMBERS: of Card's two assignMember helpers the later one wins (models/cards.js:2945-2947).
		const member = cacheFindOne<UserDoc>(db.users, { username: action.username });
		if (member) changeCardPeople(wekan, card, 'members', member._id, true, context);
	}

	if (type === 'removeMember') {
		// server/rulesHelper.js:429-451: '*' goes through the card's ASSIGNEES and pulls each of them from its members
		// (unassignMember, models/cards.js:2961-2963), so it removes the members who are also assignees; a username
		// leaves the card's members.
		if (action.username === '*') {
			const assignees = (serverAssignees(card) || []) as unknown[];
			for (const assignee of [...assignees]) {
				changeCardPeople(wekan, card, 'members', assignee, false, context);
			}
		} else {
			const member = cacheFindOne<UserDoc>(db.users, { username: action.username });
			if (member) changeCardPeople(wekan, card, 'members', member._id, false, context);
		}
	}

	if (type === 'checkAll' || type === 'uncheckAll') {
		// server/rulesHelper.js:455-468, Checklist.checkAllItems/uncheckAllItems (models/checklists.js:204-215): the
		// card's checklist of that title, each of its items set, one hooked update each.
		const checklist = cacheFindOne<ChecklistDoc>(db.checklists, { title: action.checklistName, cardId: card._id });
		if (checklist) {
			for (const item of db.checklistItems.find({ checklistId: checklist._id })) {
				db.checklistItems.update(item._id, { $set: { isFinished: type === 'checkAll' } }, {}, context);
			}
		}
	}

	if (type === 'checkItem' || type === 'uncheckItem') {
		// server/rulesHelper.js:469-490: the item is looked up by `checkListId`, a field no checklist item has (the
		// schema's is checklistId), so no item is found and nothing changes.
		const checklist = cacheFindOne<ChecklistDoc>(db.checklists, { title: action.checklistName, cardId: card._id });
		const item =
			checklist && cacheFindOne(db.checklistItems, { title: action.checkItemName, checkListId: checklist._id });
		if (item) db.checklistItems.update(item._id, { $set: { isFinished: type === 'checkItem' } }, {}, context);
	}

	if (type === 'addChecklist') {
		// server/rulesHelper.js:491-497
		db.checklists.insert({ title: substituteVars(action.checklistName, ruleVars), cardId: card._id, sort: 0 }, context);
	}

	if (type === 'removeChecklist') {
		// server/rulesHelper.js:498-504: the card's checklists of that title AND sort 0 (no title: all of them with
		// sort 0), hooked.
		const selector: Fields = { cardId: card._id, sort: 0 };
		if (action.checklistName !== undefined) selector.title = action.checklistName;
		db.checklists.remove(selector, context);
	}

	if (type === 'addSwimlane') {
		// server/rulesHelper.js:505-511
		db.swimlanes.insert({ title: substituteVars(action.swimlaneName, ruleVars), boardId, sort: 0 }, context);
	}

	if (type === 'addChecklistWithItems') {
		// server/rulesHelper.js:512-529: the checklist, then one item per comma-separated part (not trimmed here; the
		// schema trims). No checklistItems string throws after the checklist was created.
		const checklistId = db.checklists.insert(
			{ title: substituteVars(action.checklistName, ruleVars), cardId: card._id, sort: 0 },
			context,
		);
		const items = substituteVars(action.checklistItems, ruleVars);
		if (typeof items !== 'string') throw new TypeError("Cannot read properties of undefined (reading 'split')");
		const sortBase = db.checklistItems.find({ checklistId }).length;
		items.split(',').forEach((title, i) => {
			db.checklistItems.insert({ title, checklistId, cardId: card._id, sort: sortBase + i }, context);
		});
	}

	if (type === 'createCard') {
		// server/rulesHelper.js:530-551: on the activity's board, the list and swimlane of those titles (a missing
		// title: the board's first; none found: '' and the default swimlane). The insert names no userId, so the
		// cards schema takes the acting user, and with none (a REST write) refuses it ("User ID is required").
		const list = cacheFindOne(db.lists, { title: action.listName, boardId });
		const swimlane = cacheFindOne(db.swimlanes, { title: action.swimlaneName, boardId });
		const listId = resolveRuleListId(list);
		const swimlaneId = resolveRuleSwimlaneId(swimlane, destBoardDefaultSwimlane(wekan, boardId, context));
		db.cards.insert(
			{ title: substituteVars(action.cardName, ruleVars), listId, swimlaneId, sort: 0, boardId },
			context,
		);
	}

	if (type === 'linkCard') {
		// server/rulesHelper.js:552-567: a linked copy on the action's board, in the list and swimlane of those titles;
		// Card.link is not awaited.
		const list = cacheFindOne(db.lists, { title: action.listName, boardId: action.boardId });
		const source = getCard(wekan, activity.cardId) as CardDoc;
		const swimlane = cacheFindOne(db.swimlanes, { title: action.swimlaneName, boardId: action.boardId });
		const listId = resolveRuleListId(list);
		const swimlaneId = resolveRuleSwimlaneId(swimlane, destBoardDefaultSwimlane(wekan, action.boardId, context));
		unawaited(() => linkCard(wekan, source, action.boardId, swimlaneId, listId, context));
	}

	if (type === 'markCardComplete' || type === 'markCardIncomplete') {
		// server/rulesHelper.js:568-573, Card.setDueComplete (models/cards.js:1943-1949).
		const dueComplete = type === 'markCardComplete';
		if (isLinkedBoard(card)) db.boards.update({ _id: card.linkedId }, { $set: { dueComplete } }, {}, context);
		else db.cards.update({ _id: realCardId(card) }, { $set: { dueComplete } }, {}, context);
	}

	if (type === 'setDateRelative') {
		// server/rulesHelper.js:574-585: now plus `days` of `unit`, not awaited.
		const target = relativeDateOffset(new Date(), action.days, action.unit);
		const field = action.dateField as DateField;
		if (DATE_FIELDS.includes(field)) unawaited(() => setDate(wekan, card, field, target, context));
	}

	if (type === 'sortList') {
		// server/rulesHelper.js:586-609: the live cards of the card's list (or the named list on the activity's board)
		// in the card's swimlane, renumbered 0, 1, 2... by name (lower case), created, modified or (default) due date,
		// cards without a due date last; ties keep their order.
		let list = cardList(wekan, card);
		if (action.listName && action.listName !== '*') list = cacheFindOne(db.lists, { title: action.listName, boardId });
		if (list) {
			const keyOf = (c: CardDoc): string | number => {
				switch (action.sortField) {
					case 'name':
						return (c.title || '').toLowerCase();
					case 'created':
						return c.createdAt ? new Date(c.createdAt).getTime() : 0;
					case 'modified':
						return c.modifiedAt ? new Date(c.modifiedAt).getTime() : 0;
					default:
						return c.dueAt ? new Date(c.dueAt).getTime() : Number.MAX_SAFE_INTEGER;
				}
			};
			const sorted = [...listCards(wekan, list, card.swimlaneId)].sort((a, b) =>
				keyOf(a) > keyOf(b) ? 1 : keyOf(a) < keyOf(b) ? -1 : 0,
			);
			sorted.forEach((c, i) => db.cards.update(c._id, { $set: { sort: i } }, {}, context));
		}
	}

	if (type === 'moveAllCardsInList') {
		// server/rulesHelper.js:610-621: every live card of the list titled fromListName on the activity's board, in
		// sort order, to the list titled listName on the action's board (else the activity's), each in its own
		// swimlane, as the activity's user.
		const destBoard = action.boardId || boardId;
		const fromList = cacheFindOne(db.lists, { title: action.fromListName, boardId });
		const toList = cacheFindOne(db.lists, { title: action.listName, boardId: destBoard });
		if (fromList && toList) {
			for (const c of listCards(wekan, fromList)) {
				moveCard(wekan, c, { boardId: destBoard as string, swimlaneId: c.swimlaneId, listId: toList._id }, asActor);
			}
		}
	}
}
