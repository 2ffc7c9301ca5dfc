/**
 * Wekan's board rules over REST (server/models/rules.js:75-241, Wekan v11.07): a rule links one trigger and one
 * action document, which the API takes and answers inline. The trigger is matched against each activity by the
 * fields of server/triggersDef.js (names, not ids, for lists, users and checklists); the action is run by
 * server/rulesHelper.js.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { listLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { fetchBoard } from '../board/boardRef';
import { CARD_COLORS } from '../card/colors';
import type { ItemContext } from '../itemContext';

export const rulesPath = (boardId: string) => `/api/boards/${seg(boardId)}/rules`;

/** `writes` of a rule operation: a board's rules are written in input order. */
export const boardRulesWrites = (item: ItemContext): string[] => [`board:${item.locatorId('boardId', 'Board')}:rules`];

export const ruleIdParameter: INodeProperties = {
	displayName: 'Rule ID',
	name: 'ruleId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'a2B3c4D5e6F7g8H9j',
	description: 'The rule\'s ID, as Create or Get Many returns it',
};

/** GET one rule; a rule that is not on the board is Wekan's 500 "Rule not found". */
export function fetchRule(item: ItemContext, boardId: string, ruleId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: `${rulesPath(boardId)}/${seg(ruleId)}`,
		permission: 'board-read',
		notFound: `No rule ${ruleId} on board ${boardId}`,
	});
}

export function withBoard(rule: IDataObject, boardId: string): IDataObject {
	return { ...rule, boardId };
}

// ---- the trigger and action builder ----------------------------------------------------------------------------

interface TriggerKind {
	value: string;
	name: string;
	activityType: string;
	/** The parameter that narrows it, if any. */
	uses?: 'list' | 'label' | 'username' | 'checklist' | 'checklistItem';
	/** moveCard: whether the list is where the card goes or where it comes from. */
	listField?: 'listName' | 'oldListName';
	/** Whether the card title filter applies (the activity types whose matching fields include cardTitle). */
	cardTitle?: boolean;
}

const TRIGGER_KINDS: TriggerKind[] = [
	{ value: 'cardCreated', name: 'Card Created (Added to List)', activityType: 'createCard', uses: 'list', listField: 'listName', cardTitle: true },
	{ value: 'cardMovedTo', name: 'Card Moved to List', activityType: 'moveCard', uses: 'list', listField: 'listName', cardTitle: true },
	{ value: 'cardMovedFrom', name: 'Card Moved From List', activityType: 'moveCard', uses: 'list', listField: 'oldListName', cardTitle: true },
	{ value: 'cardArchived', name: 'Card Archived', activityType: 'archivedCard', cardTitle: true },
	{ value: 'cardRestored', name: 'Card Restored', activityType: 'restoredCard', cardTitle: true },
	{ value: 'labelAdded', name: 'Label Added', activityType: 'addedLabel', uses: 'label' },
	{ value: 'labelRemoved', name: 'Label Removed', activityType: 'removedLabel', uses: 'label' },
	{ value: 'memberAdded', name: 'Member Added', activityType: 'joinMember', uses: 'username' },
	{ value: 'memberRemoved', name: 'Member Removed', activityType: 'unjoinMember', uses: 'username' },
	{ value: 'checklistAdded', name: 'Checklist Added', activityType: 'addChecklist', uses: 'checklist' },
	{ value: 'checklistCompleted', name: 'Checklist Completed', activityType: 'completeChecklist', uses: 'checklist' },
	{ value: 'checklistUncompleted', name: 'Checklist Made Incomplete', activityType: 'uncompleteChecklist', uses: 'checklist' },
	{ value: 'itemChecked', name: 'Checklist Item Checked', activityType: 'checkedItem', uses: 'checklistItem' },
	{ value: 'itemUnchecked', name: 'Checklist Item Unchecked', activityType: 'uncheckedItem', uses: 'checklistItem' },
	{ value: 'attachmentAdded', name: 'Attachment Added', activityType: 'addAttachment' },
];

interface ActionKind {
	value: string;
	name: string;
	uses?: 'list' | 'label' | 'username' | 'color' | 'checklist' | 'email';
}

const ACTION_KINDS: ActionKind[] = [
	{ value: 'archive', name: 'Archive the Card' },
	{ value: 'unarchive', name: 'Restore the Card' },
	{ value: 'moveCardToTop', name: 'Move to Top of List', uses: 'list' },
	{ value: 'moveCardToBottom', name: 'Move to Bottom of List', uses: 'list' },
	{ value: 'addLabel', name: 'Add Label', uses: 'label' },
	{ value: 'removeLabel', name: 'Remove Label', uses: 'label' },
	{ value: 'addMember', name: 'Add Member', uses: 'username' },
	{ value: 'removeMember', name: 'Remove Member', uses: 'username' },
	{ value: 'setColor', name: 'Set Card Color', uses: 'color' },
	{ value: 'markCardComplete', name: 'Mark Card Complete' },
	{ value: 'markCardIncomplete', name: 'Mark Card Incomplete' },
	{ value: 'addChecklist', name: 'Add Checklist', uses: 'checklist' },
	{ value: 'removeChecklist', name: 'Remove Checklist', uses: 'checklist' },
	{ value: 'checkAll', name: 'Check All Items of Checklist', uses: 'checklist' },
	{ value: 'uncheckAll', name: 'Uncheck All Items of Checklist', uses: 'checklist' },
	{ value: 'sendEmail', name: 'Send Email', uses: 'email' },
];

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Shows a property for the given values of `field` (and, on Update, only when that part is changed). */
function when(field: string, values: string[], gate?: string): INodeProperties['displayOptions'] {
	return { show: { ...(gate ? { [gate]: [true] } : {}), definition: ['guided'], [field]: values } };
}

const triggerUsing = (uses: TriggerKind['uses']) => TRIGGER_KINDS.filter((k) => k.uses === uses).map((k) => k.value);
const actionUsing = (uses: ActionKind['uses']) => ACTION_KINDS.filter((k) => k.uses === uses).map((k) => k.value);

/** The Definition switch: the guided trigger and action, or both as raw JSON. */
export const DEFINITION_PROPERTY: INodeProperties = {
	displayName: 'Define With',
	name: 'definition',
	type: 'options',
	options: [
		{ name: 'Guided Fields', value: 'guided', description: 'Pick a trigger and an action from the common kinds' },
		{ name: 'JSON', value: 'json', description: 'Write the trigger and action documents as Wekan stores them' },
	],
	default: 'guided',
};

/** The trigger parameters; `gate` names the boolean that shows them on Update. */
export function triggerProperties(gate?: string): INodeProperties[] {
	const gated = gate ? { [gate]: [true] } : {};
	return [
		{
			displayName: 'Trigger',
			name: 'triggerKind',
			type: 'options',
			options: TRIGGER_KINDS.map((k) => ({ name: k.name, value: k.value })).sort(byName),
			default: 'cardMovedTo',
			displayOptions: { show: { ...gated, definition: ['guided'] } },
			description: 'The activity on this board that runs the rule. Wekan runs it on its server, also when n8n is down.',
		},
		listLocator({
			displayName: 'Trigger List',
			name: 'triggerListId',
			required: false,
			default: { mode: 'list', value: '' },
			description:
				'The list the card is created in, moved to or moved from. Empty: any list. Wekan matches the list by its title, so a renamed list no longer matches.',
			displayOptions: when('triggerKind', triggerUsing('list'), gate),
		}),
		{
			displayName: 'Trigger Label Name or ID',
			name: 'triggerLabel',
			type: 'string',
			default: '',
			description: 'The label added or removed, by name or ID. Empty: any label.',
			displayOptions: when('triggerKind', triggerUsing('label'), gate),
		},
		{
			displayName: 'Trigger Username',
			name: 'triggerUsername',
			type: 'string',
			default: '',
			description: 'The username of the member added to or removed from the card. Empty: any member.',
			displayOptions: when('triggerKind', triggerUsing('username'), gate),
		},
		{
			displayName: 'Trigger Checklist Name',
			name: 'triggerChecklistName',
			type: 'string',
			default: '',
			description: 'The checklist\'s title, exactly. Empty: any checklist.',
			displayOptions: when('triggerKind', triggerUsing('checklist'), gate),
		},
		{
			displayName: 'Trigger Item Name',
			name: 'triggerItemName',
			type: 'string',
			default: '',
			description: 'The checklist item\'s text, exactly. Empty: any item.',
			displayOptions: when('triggerKind', triggerUsing('checklistItem'), gate),
		},
		{
			displayName: 'Card Title Filter',
			name: 'triggerCardTitle',
			type: 'string',
			default: '',
			description:
				'Only cards with this title, or with this word in the title, run the rule. Empty: any card.',
			displayOptions: when('triggerKind', TRIGGER_KINDS.filter((k) => k.cardTitle).map((k) => k.value), gate),
		},
		{
			displayName: 'Trigger JSON',
			name: 'triggerJson',
			type: 'json',
			default: '{\n  "activityType": "moveCard",\n  "listName": "Done"\n}',
			displayOptions: { show: { ...gated, definition: ['json'] } },
			description:
				'The trigger document: activityType and its matching fields (server/triggersDef.js). Matching fields left out match anything; _id, boardId and dates are ignored.',
		},
	];
}

/** The action parameters; `gate` names the boolean that shows them on Update. */
export function actionProperties(gate?: string): INodeProperties[] {
	const gated = gate ? { [gate]: [true] } : {};
	return [
		{
			displayName: 'Action',
			name: 'actionKind',
			type: 'options',
			options: ACTION_KINDS.map((k) => ({ name: k.name, value: k.value })).sort(byName),
			default: 'archive',
			displayOptions: { show: { ...gated, definition: ['guided'] } },
			description: 'What Wekan does to the card of the activity',
		},
		listLocator({
			displayName: 'Action List',
			name: 'actionListId',
			required: false,
			default: { mode: 'list', value: '' },
			description:
				'The list of this board to move the card to. Empty: the card\'s own list. The card keeps its swimlane. Wekan looks the list up by title when the rule runs.',
			displayOptions: when('actionKind', actionUsing('list'), gate),
		}),
		{
			displayName: 'Action Label Name or ID',
			name: 'actionLabelId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getBoardLabels', loadOptionsDependsOn: ['boardId.value'] },
			default: '',
			description:
				'A label of the board. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: when('actionKind', actionUsing('label'), gate),
		},
		{
			displayName: 'Action Username',
			name: 'actionUsername',
			type: 'string',
			default: '',
			description:
				'The username of the member to add or remove. Wekan skips a username it does not know when the rule runs. Remove Member with * removes every member.',
			displayOptions: when('actionKind', actionUsing('username'), gate),
		},
		{
			displayName: 'Color',
			name: 'actionColor',
			type: 'options',
			options: CARD_COLORS.map((c) => ({ name: c.charAt(0).toUpperCase() + c.slice(1), value: c })).sort(byName),
			default: 'green',
			displayOptions: when('actionKind', actionUsing('color'), gate),
		},
		{
			displayName: 'Checklist Name',
			name: 'actionChecklistName',
			type: 'string',
			default: '',
			description: 'The checklist\'s title on the card (Add Checklist creates one with this title)',
			displayOptions: when('actionKind', actionUsing('checklist'), gate),
		},
		{
			displayName: 'Email To',
			name: 'emailTo',
			type: 'string',
			default: '',
			placeholder: 'e.g. team@example.com',
			description: 'Wekan sends it through its own mail settings; a failure to send is only logged by Wekan',
			displayOptions: when('actionKind', ['sendEmail'], gate),
		},
		{
			displayName: 'Email Subject',
			name: 'emailSubject',
			type: 'string',
			default: '',
			displayOptions: when('actionKind', ['sendEmail'], gate),
		},
		{
			displayName: 'Email Message',
			name: 'emailMsg',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			displayOptions: when('actionKind', ['sendEmail'], gate),
		},
		{
			displayName: 'Action JSON',
			name: 'actionJson',
			type: 'json',
			default: '{\n  "actionType": "archive"\n}',
			displayOptions: { show: { ...gated, definition: ['json'] } },
			description:
				'The action document: actionType and its fields (server/rulesHelper.js), e.g. {"actionType": "addLabel", "labelId": "..."}. _id, boardId and dates are ignored.',
		},
	];
}

/** A JSON object parameter (text or an object from an expression). */
function jsonObject(item: ItemContext, name: string, label: string): IDataObject {
	let value = item.raw(name, '');
	if (typeof value === 'string') {
		if (!value.trim()) throw item.fail(`${label} is required`);
		try {
			value = JSON.parse(value);
		} catch {
			throw item.fail(`${label} is not valid JSON`);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw item.fail(`${label} must be a JSON object`);
	return value as IDataObject;
}

function optionalText(item: ItemContext, name: string, label: string): string {
	const value = item.raw(name, '');
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string' && typeof value !== 'number') throw item.fail(`${label} must be text`);
	return String(value).trim();
}

/** What building a part needs from Wekan: the board's lists and labels, read once per item. */
export class BoardLookups {
	private lists?: Promise<IDataObject[]>;
	private board?: Promise<IDataObject>;

	constructor(
		private readonly item: ItemContext,
		private readonly boardId: string,
	) {}

	/** The title of a list picked by id (or typed as a title). Wekan's rules name lists by title. */
	async listTitle(name: string, label: string): Promise<string | undefined> {
		const value = this.item.raw(name, '') as { value?: unknown } | string;
		const raw = typeof value === 'object' && value !== null ? value.value : value;
		const given = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
		if (!given) return undefined;
		this.lists ??= this.item.request<IDataObject[]>({
			method: 'GET',
			path: `/api/boards/${seg(this.boardId)}/lists`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No board with ID ${this.boardId}`,
		});
		const lists = await this.lists;
		const list = lists.find((l) => l._id === given) ?? lists.find((l) => l.title === given);
		if (!list) throw this.item.fail(`${label}: no list "${given.slice(0, 60)}" on board ${this.boardId}`);
		return String(list.title);
	}

	/** A label's id, given its id or its name. */
	async labelId(given: string, label: string): Promise<string> {
		this.board ??= fetchBoard(this.item, this.boardId);
		const labels = ((await this.board).labels as IDataObject[] | undefined) ?? [];
		const found = labels.find((l) => l._id === given) ?? labels.find((l) => l.name === given);
		if (!found) throw this.item.fail(`${label}: no label "${given.slice(0, 60)}" on board ${this.boardId}`);
		return String(found._id);
	}
}

/** The guided fields checked before any request: what is missing is an error now, not a rule that never runs. */
export function checkGuidedAction(item: ItemContext): void {
	const kind = ACTION_KINDS.find((k) => k.value === item.raw('actionKind'));
	if (!kind) throw item.fail(`Action "${String(item.raw('actionKind'))}" is not one this node offers`, 'Use JSON to give another action.');
	if (kind.uses === 'label' && !optionalText(item, 'actionLabelId', 'Action Label')) throw item.fail('Action Label is required');
	if (kind.uses === 'username' && !optionalText(item, 'actionUsername', 'Action Username')) throw item.fail('Action Username is required');
	if (kind.uses === 'checklist' && !optionalText(item, 'actionChecklistName', 'Checklist Name')) throw item.fail('Checklist Name is required');
	if (kind.uses === 'email' && !optionalText(item, 'emailTo', 'Email To')) throw item.fail('Email To is required');
	if (kind.uses === 'color' && !CARD_COLORS.includes(String(item.raw('actionColor')))) {
		throw item.fail(`"${String(item.raw('actionColor'))}" is not a Wekan card color`);
	}
}

export function checkGuidedTrigger(item: ItemContext): void {
	if (!TRIGGER_KINDS.some((k) => k.value === item.raw('triggerKind'))) {
		throw item.fail(`Trigger "${String(item.raw('triggerKind'))}" is not one this node offers`, 'Use JSON to give another trigger.');
	}
}

/** The trigger and action of JSON mode, checked as Wekan checks them (server/models/rules.js:146-151). */
export function jsonParts(item: ItemContext, parts: { trigger: boolean; action: boolean }): { trigger?: IDataObject; action?: IDataObject } {
	const out: { trigger?: IDataObject; action?: IDataObject } = {};
	if (parts.trigger) {
		out.trigger = jsonObject(item, 'triggerJson', 'Trigger JSON');
		if (typeof out.trigger.activityType !== 'string' || !out.trigger.activityType) {
			throw item.fail('Trigger JSON needs an activityType', 'For example "moveCard", "createCard", "addedLabel" (server/triggersDef.js).');
		}
	}
	if (parts.action) {
		out.action = jsonObject(item, 'actionJson', 'Action JSON');
		if (typeof out.action.actionType !== 'string' || !out.action.actionType) {
			throw item.fail('Action JSON needs an actionType', 'For example "archive", "addLabel", "moveCardToTop" (server/rulesHelper.js).');
		}
	}
	return out;
}

/** The trigger document of the guided fields, as Wekan's rule editor stores it (client/components/rules/triggers). */
export async function guidedTrigger(item: ItemContext, lookups: BoardLookups): Promise<IDataObject> {
	const kind = TRIGGER_KINDS.find((k) => k.value === item.raw('triggerKind')) as TriggerKind;
	const trigger: IDataObject = { activityType: kind.activityType, desc: kind.name.toLowerCase() };
	if (kind.uses === 'list') {
		const title = await lookups.listTitle('triggerListId', 'Trigger List');
		// The editor stores the other list field of a move as '*', and the swimlane as any.
		trigger.listName = '*';
		if (kind.activityType === 'moveCard') trigger.oldListName = '*';
		trigger[kind.listField as string] = title ?? '*';
		trigger.swimlaneName = '*';
		if (title) trigger.desc = `${kind.name.toLowerCase()} "${title}"`;
	}
	if (kind.uses === 'label') {
		const given = optionalText(item, 'triggerLabel', 'Trigger Label');
		trigger.labelId = given ? await lookups.labelId(given, 'Trigger Label') : '*';
	}
	if (kind.uses === 'username') trigger.username = optionalText(item, 'triggerUsername', 'Trigger Username') || '*';
	if (kind.uses === 'checklist') trigger.checklistName = optionalText(item, 'triggerChecklistName', 'Trigger Checklist Name') || '*';
	if (kind.uses === 'checklistItem') trigger.checklistItemName = optionalText(item, 'triggerItemName', 'Trigger Item Name') || '*';
	// #2345: the editor always stores cardTitle, '*' for any card.
	if (kind.cardTitle) trigger.cardTitle = optionalText(item, 'triggerCardTitle', 'Card Title Filter') || '*';
	trigger.userId = '*';
	return trigger;
}

/** The action document of the guided fields, as Wekan's rule editor stores it (client/components/rules/actions). */
export async function guidedAction(item: ItemContext, lookups: BoardLookups): Promise<IDataObject> {
	const kind = ACTION_KINDS.find((k) => k.value === item.raw('actionKind')) as ActionKind;
	const action: IDataObject = { actionType: kind.value, desc: kind.name.toLowerCase() };
	switch (kind.uses) {
		case 'list':
			// '*' keeps the card in its list and swimlane (server/rulesHelper.js:180-262).
			action.listName = (await lookups.listTitle('actionListId', 'Action List')) ?? '*';
			action.swimlaneName = '*';
			break;
		case 'label':
			action.labelId = await lookups.labelId(optionalText(item, 'actionLabelId', 'Action Label'), 'Action Label');
			break;
		case 'username':
			action.username = optionalText(item, 'actionUsername', 'Action Username');
			break;
		case 'color':
			action.selectedColor = String(item.raw('actionColor'));
			break;
		case 'checklist':
			action.checklistName = optionalText(item, 'actionChecklistName', 'Checklist Name');
			break;
		case 'email':
			action.emailTo = optionalText(item, 'emailTo', 'Email To');
			action.emailSubject = optionalText(item, 'emailSubject', 'Email Subject');
			action.emailMsg = optionalText(item, 'emailMsg', 'Email Message');
			break;
	}
	return action;
}

/** The rule title: a falsy one is Wekan's "API rule"; the rules schema trims it. */
export function ruleTitle(item: ItemContext, required: boolean): string | undefined {
	const title = optionalText(item, 'title', 'Title');
	if (!title && required) return undefined;
	return title || undefined;
}
