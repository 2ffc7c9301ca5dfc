import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { CARD_DATE_FIELDS, CARD_DATE_PROPERTIES, cardDateLabel, toIdList, toIsoDate } from '../common';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import {
	boardLabelIds,
	checkActiveMembers,
	checkParent,
	COLOR_PROPERTY,
	LABELS_PROPERTY,
	PARENT_PROPERTY,
	peopleProperty,
	toColor,
	toParentId,
} from './cardFields';
import { oneCardWrites } from './cardRef';
import { contentCard, writeCard } from './cardWrite';

const TEXT_FIELDS = [
	['title', 'Title'],
	['description', 'Description'],
	['requestedBy', 'Requested By'],
	['assignedBy', 'Assigned By'],
] as const;

/** What Clear Fields can remove, and how Wekan is told to (server/models/cards.js:1327-1463). */
const CLEARABLE: Array<{ name: string; value: string }> = [
	{ name: 'Assigned By', value: 'assignedBy' },
	{ name: 'Color', value: 'color' },
	{ name: 'Description', value: 'description' },
	{ name: 'Due At', value: 'dueAt' },
	{ name: 'End At', value: 'endAt' },
	{ name: 'Received At', value: 'receivedAt' },
	{ name: 'Requested By', value: 'requestedBy' },
	{ name: 'Start At', value: 'startAt' },
];

/**
 * A number for the PUT. Wekan writes sort and spentTime only when the body's value is truthy, so a 0 would be skipped;
 * the text "0" is truthy and Wekan's schema turns it into the number 0 (collection2's autoConvert).
 */
function putNumber(
	item: ItemContext,
	value: unknown,
	label: string,
	min?: number,
): { send: number | string; stored: number } {
	const text = typeof value === 'string' ? value.trim() : value;
	if (text === '' || text === undefined || text === null) {
		throw item.fail(`${label} is empty`, `Enter a number, or remove "${label}" from the fields to keep the current value.`);
	}
	const number = typeof text === 'string' ? Number(text) : text;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw item.fail(`${label} must be a number, not "${String(value).slice(0, 30)}"`);
	}
	if (min !== undefined && number < min) throw item.fail(`${label} must be ${min} or more`);
	return { send: number === 0 ? '0' : number, stored: number };
}

/** The fields Update can change; Create or Update offers those Create can set too. */
export const UPDATE_FIELD_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Assigned By',
		name: 'assignedBy',
		type: 'string',
		default: '',
		description: 'Who assigned the card (free text). To empty it, use Clear Fields.',
	},
	peopleProperty('assignees', 'Replaces the card\'s assignees; an empty list removes them all.'),
	{
		displayName: 'Clear Fields',
		// Named for the dates it first held, so that saved workflows keep working.
		name: 'clearDates',
		type: 'multiOptions',
		options: CLEARABLE,
		default: [],
		description: 'Fields to remove from the card',
	},
	COLOR_PROPERTY,
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'New description. To empty it, use Clear Fields.',
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
	peopleProperty('members', 'Replaces the card\'s members; an empty list removes them all.'),
	PARENT_PROPERTY,
	{
		displayName: 'Requested By',
		name: 'requestedBy',
		type: 'string',
		default: '',
		description: 'Who asked for the card (free text). To empty it, use Clear Fields.',
	},
	{
		displayName: 'Sort',
		name: 'sort',
		// Text, so that adding the field writes nothing until a value is typed.
		type: 'string',
		default: '',
		placeholder: 'e.g. 2.5',
		description: 'The card\'s sort value within its list: lower comes first. To move it to the top or bottom, use Move.',
	},
	{
		displayName: 'Spent Time (Hours)',
		name: 'spentTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1.5',
		description: 'Time spent on the card, in hours; 0 resets it',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'New title (up to 1000 characters; spaces around it are dropped). Wekan cannot make a title empty.',
	},
];

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a card',
	description:
		'Change a card\'s fields: title, description, color, labels (replaced), dates, due complete, members, assignees, requested/assigned by, spent time, sort or parent, or clear them. Returns the card as read back.',
	properties: [
		cardLocator(),
		boardLocator({
			description: 'Needed only to pick the card from a list. The labels and members lists show the card\'s own board when this is empty.',
			required: false,
		}),
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

/**
 * What an update writes: the PUT body, what the card should show afterwards, and what is checked against the card's
 * board first (labels, members, assignees, the parent).
 */
export interface CardChanges {
	body: IDataObject;
	expected: IDataObject;
	labelIds?: string[];
	people: Array<{ field: 'members' | 'assignees'; ids: string[] }>;
	parentId?: string;
}

/**
 * Reads and checks the Update Fields; no request. Wekan skips falsy values and drops blank text without saying so,
 * so what it would skip is refused here. `cardId`, when known, keeps a card from being made its own parent.
 */
export function readChanges(item: ItemContext, fields: IDataObject, cardId?: string): CardChanges {
	const body: IDataObject = {};
	const expected: IDataObject = {};
	const set = (key: string, send: unknown, stored: unknown = send) => {
		body[key] = send as IDataObject[keyof IDataObject];
		expected[key] = stored as IDataObject[keyof IDataObject];
	};
	const clear = toIdList(item, fields.clearDates, 'Clear Fields');
	const unknown = clear.find((c) => !CLEARABLE.some((o) => o.value === c));
	if (unknown) throw item.fail(`"${unknown}" is not a field Clear Fields can remove`, `It removes ${CLEARABLE.map((o) => o.name).join(', ')}.`);
	const twice = (key: string, label: string) => {
		if (clear.includes(key)) throw item.fail(`${label} is both set and cleared`, 'Set the field or clear it, not both.');
	};
	for (const [key, label] of TEXT_FIELDS) {
		if (fields[key] === undefined) continue;
		// Wekan's schema trims text and removes what is left empty (collection2's clean), so the text is sent trimmed.
		const text = String(fields[key]).trim();
		if (!text) {
			throw item.fail(
				`${label} is empty`,
				key === 'title' ? 'Wekan cannot make a title empty.' : `To empty it, choose ${label} under Clear Fields instead.`,
			);
		}
		if (text.length > 1000 && key === 'title') throw item.fail('Title is longer than 1000 characters', 'Wekan would cut it.');
		twice(key, label);
		set(key, text);
	}
	if (fields.color !== undefined) {
		twice('color', 'Color');
		set('color', toColor(item, fields.color));
	}
	// A blank text is truthy, so Wekan writes it, and its schema then trims it to nothing and unsets the field.
	for (const key of ['description', 'requestedBy', 'assignedBy', 'color']) if (clear.includes(key)) set(key, ' ', '');
	let parentId: string | undefined;
	if (fields.parentId !== undefined) parentId = toParentId(item, fields.parentId, cardId);
	if (parentId) set('parentId', parentId);
	if (fields.sort !== undefined) {
		const { send, stored } = putNumber(item, fields.sort, 'Sort');
		set('sort', send, stored);
	}
	if (fields.spentTime !== undefined) {
		const { send, stored } = putNumber(item, fields.spentTime, 'Spent Time', 0);
		set('spentTime', send, stored);
	}
	for (const date of CARD_DATE_FIELDS) {
		const label = cardDateLabel(date);
		if (fields[date] !== undefined && fields[date] !== '') {
			twice(date, label);
			set(date, toIsoDate(item, fields[date], label));
		}
		// Wekan unsets a date given as an empty string (since 9.36, server/lib/utils.js:253-255).
		if (clear.includes(date)) set(date, '');
	}
	if (fields.dueComplete !== undefined) set('dueComplete', fields.dueComplete === true);
	const people: CardChanges['people'] = [];
	for (const [field, label] of [['members', 'Member'], ['assignees', 'Assignee']] as const) {
		if (fields[field] === undefined) continue;
		const ids = [...new Set(toIdList(item, fields[field], label))];
		people.push({ field, ids });
		set(field, ids);
	}
	const labelIds = fields.labelIds === undefined ? undefined : toIdList(item, fields.labelIds, 'Label');
	return { body, expected, labelIds, people, parentId };
}

export function hasChanges(changes: CardChanges): boolean {
	return Object.keys(changes.body).length > 0 || changes.labelIds !== undefined;
}

/** Checks the changes against the card's board, writes them to the card as it is, and returns it as read back. */
export async function updateCard(item: ItemContext, cardId: string, changes: CardChanges): Promise<IDataObject> {
	const card = await contentCard(item, cardId);
	const boardId = String(card.boardId);
	const body = { ...changes.body };
	const expected = { ...changes.expected };
	// Checked before the PUT: Wekan writes the fields one at a time and would stop part-way.
	if (changes.labelIds !== undefined) {
		body.labelIds = expected.labelIds = await boardLabelIds(item, boardId, changes.labelIds);
	}
	for (const { field, ids } of changes.people) {
		await checkActiveMembers(item, boardId, ids, field === 'members' ? 'Member' : 'Assignee');
	}
	if (changes.parentId) await checkParent(item, changes.parentId);
	return writeCard(item, card, body, expected);
}
