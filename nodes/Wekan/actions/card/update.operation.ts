import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { CARD_DATE_FIELDS, CARD_DATE_PROPERTIES, toIdList, toIsoDate } from '../common';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { boardLabelIds, COLOR_PROPERTY, LABELS_PROPERTY, PARENT_PROPERTY, toColor, toParentId } from './cardFields';
import { oneCardWrites } from './cardRef';
import { writableCard, writeCard } from './cardWrite';


const TEXT_FIELDS = [
	['title', 'Title'],
	['description', 'Description'],
	['requestedBy', 'Requested By'],
	['assignedBy', 'Assigned By'],
] as const;

/** A number Wekan will write: it skips 0 (and anything falsy) without saying so. */
function nonZero(item: ItemContext, value: unknown, label: string, min?: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) throw item.fail(`${label} must be a number`);
	if (number === 0) throw item.fail(`Wekan cannot set ${label} to 0`, 'Wekan ignores a 0 here. Use another value, or leave the field out.');
	if (min !== undefined && number < min) throw item.fail(`${label} must be ${min} or more`);
	return number;
}

/** The fields Update can change; Create or Update offers those Create can set too. */
export const UPDATE_FIELD_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Assigned By',
		name: 'assignedBy',
		type: 'string',
		default: '',
		description: 'Who assigned the card (free text). Wekan cannot make it empty.',
	},
	{
		displayName: 'Assignee Names or IDs',
		name: 'assignees',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
		default: [],
		description:
			'Replaces the card\'s assignees (active board members only); an empty list removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Clear Dates',
		name: 'clearDates',
		type: 'multiOptions',
		options: [
			{ name: 'Due At', value: 'dueAt' },
			{ name: 'End At', value: 'endAt' },
			{ name: 'Received At', value: 'receivedAt' },
			{ name: 'Start At', value: 'startAt' },
		],
		default: [],
		description: 'Dates to remove from the card',
	},
	COLOR_PROPERTY,
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'New description. Wekan cannot make a description empty.',
	},
	{
		displayName: 'Due Complete',
		name: 'dueComplete',
		type: 'boolean',
		default: false,
		description: 'Whether the due date is marked as done',
	},
	...CARD_DATE_PROPERTIES,
	{
		...LABELS_PROPERTY,
		description: `Replaces the card's labels; an empty list removes them all. ${String(LABELS_PROPERTY.description)}`,
	},
	{
		displayName: 'Member Names or IDs',
		name: 'members',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
		default: [],
		description:
			'Replaces the card\'s members (active board members only); an empty list removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	PARENT_PROPERTY,
	{
		displayName: 'Requested By',
		name: 'requestedBy',
		type: 'string',
		default: '',
		description: 'Who asked for the card (free text). Wekan cannot make it empty.',
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'number',
		default: 1,
		description: 'The card\'s sort value within its list: lower comes first. Wekan cannot set 0. To move to the top or bottom, use Move.',
	},
	{
		displayName: 'Spent Time (Hours)',
		name: 'spentTime',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'Time spent on the card. Wekan cannot set 0.',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'New title (up to 1000 characters). Wekan cannot make a title empty.',
	},
];

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a card',
	description:
		'Change a card\'s fields: title, description, color, labels (replaced), dates (set or cleared), due complete, members, assignees, requested/assigned by, spent time, sort or parent. Returns the card as read back.',
	properties: [
		cardLocator(),
		boardLocator({ description: 'Needed only to pick the card, labels or members from a list', required: false }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: UPDATE_FIELD_OPTIONS,
		},
	],
	writes: oneCardWrites,
	async run(item) {
		const cardId = item.locatorId('cardId', 'Card', 'card');
		const changes = readChanges(item, item.collection('updateFields'), cardId);
		if (!hasChanges(changes)) throw item.fail('Nothing to update', 'Add at least one field under Update Fields.');
		return updateCard(item, cardId, changes);
	},
};

/** What an update writes: the PUT body, and the labels, which are checked against the card's board first. */
export interface CardChanges {
	body: IDataObject;
	labelIds?: string[];
}

/**
 * Reads and checks the Update Fields; no request. Wekan skips falsy values without saying so, so those it would
 * skip are refused here. `cardId`, when known, keeps a card from being made its own parent.
 */
export function readChanges(item: ItemContext, fields: IDataObject, cardId?: string): CardChanges {
	const body: IDataObject = {};
	// Wekan writes text fields only when they are truthy: an empty value would be silently ignored.
	for (const [key, label] of TEXT_FIELDS) {
		if (fields[key] === undefined) continue;
		const text = String(fields[key]);
		if (!text.trim()) throw item.fail(`Wekan cannot set an empty ${key}`, `Leave "${label}" out to keep the current one.`);
		if (text.length > 1000 && key === 'title') throw item.fail('Title is longer than 1000 characters', 'Wekan would cut it.');
		body[key] = text;
	}
	if (fields.color !== undefined) body.color = toColor(item, fields.color);
	if (fields.parentId !== undefined) body.parentId = toParentId(item, fields.parentId, cardId);
	if (fields.sort !== undefined) body.sort = nonZero(item, fields.sort, 'Sort');
	if (fields.spentTime !== undefined) body.spentTime = nonZero(item, fields.spentTime, 'Spent Time', 0);
	const clear = toIdList(item, fields.clearDates, 'Clear Dates');
	for (const date of CARD_DATE_FIELDS) {
		const given = fields[date] !== undefined && fields[date] !== '';
		if (given && clear.includes(date)) throw item.fail(`${date} is both set and cleared`, 'Set the date or clear it, not both.');
		if (given) body[date] = toIsoDate(item, fields[date], date);
		// Wekan unsets a date given as an empty string.
		if (clear.includes(date)) body[date] = '';
	}
	const unknownDate = clear.find((d) => !(CARD_DATE_FIELDS as readonly string[]).includes(d));
	if (unknownDate) throw item.fail(`"${unknownDate}" is not a card date`, `Card dates are ${CARD_DATE_FIELDS.join(', ')}.`);
	if (fields.dueComplete !== undefined) body.dueComplete = fields.dueComplete === true;
	if (fields.members !== undefined) body.members = [...new Set(toIdList(item, fields.members, 'Member'))];
	if (fields.assignees !== undefined) body.assignees = [...new Set(toIdList(item, fields.assignees, 'Assignee'))];
	const labelIds = fields.labelIds === undefined ? undefined : toIdList(item, fields.labelIds, 'Label');
	return { body, labelIds };
}

export function hasChanges(changes: CardChanges): boolean {
	return Object.keys(changes.body).length > 0 || changes.labelIds !== undefined;
}

/** Writes the changes to the card as it is, and returns it as read back. */
export async function updateCard(item: ItemContext, cardId: string, changes: CardChanges): Promise<IDataObject> {
	const card = await writableCard(item, cardId);
	const body = { ...changes.body };
	if (changes.labelIds !== undefined) body.labelIds = await boardLabelIds(item, String(card.boardId), changes.labelIds);
	return writeCard(item, card, body);
}
