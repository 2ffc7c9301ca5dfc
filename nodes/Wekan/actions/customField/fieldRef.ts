import { randomInt } from 'node:crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';

export const FIELD_TYPES = [
	{ name: 'Checkbox', value: 'checkbox' },
	{ name: 'Currency', value: 'currency' },
	{ name: 'Date', value: 'date' },
	{ name: 'Dropdown', value: 'dropdown' },
	{ name: 'Number', value: 'number' },
	{ name: 'String Template', value: 'stringtemplate' },
	{ name: 'Text', value: 'text' },
];

export const customFieldParameter: INodeProperties = {
	displayName: 'Custom Field Name or ID',
	name: 'customFieldId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getBoardCustomFields', loadOptionsDependsOn: ['boardId.value'] },
	default: '',
	required: true,
	description:
		'The custom field of the board. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const dropdownOptionParameter: INodeProperties = {
	displayName: 'Dropdown Option Name or ID',
	name: 'dropdownOptionId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCustomFieldDropdownOptions', loadOptionsDependsOn: ['boardId.value', 'customFieldId'] },
	default: '',
	required: true,
	description:
		'The option of the dropdown field. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The display flags, shared by Create and Update. `alwaysOnCard` is separate: Wekan's POST does not read it. */
export const FLAG_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Add to New Cards Automatically',
		name: 'automaticallyOnCard',
		type: 'boolean',
		default: false,
		description: 'Whether cards created from now on get the field',
	},
	{
		displayName: 'Show on Card',
		name: 'showOnCard',
		type: 'boolean',
		default: false,
		description: 'Whether the field is shown on the minicard',
	},
	{
		displayName: 'Show Label on Minicard',
		name: 'showLabelOnMiniCard',
		type: 'boolean',
		default: false,
		description: 'Whether the field\'s name is shown with its value on the minicard',
	},
	{
		displayName: 'Show Sum at Top of List',
		name: 'showSumAtTopOfList',
		type: 'boolean',
		default: false,
		description: 'Whether a number or currency field\'s sum is shown at the top of each list',
	},
];

export const ALWAYS_ON_CARD: INodeProperties = {
	displayName: 'Show on All Cards',
	name: 'alwaysOnCard',
	type: 'boolean',
	default: false,
	description:
		'Whether every card gets the field. Over the REST API Wekan only stores the flag: cards created from now on get the field, the cards already on the board do not (Wekan\'s web UI adds it to them when the flag is set there).',
};

export const FLAG_KEYS = ['automaticallyOnCard', 'showOnCard', 'showLabelOnMiniCard', 'showSumAtTopOfList', 'alwaysOnCard'];

export function customFieldIdOf(item: ItemContext): string {
	return item.checkId(item.raw('customFieldId', ''), 'Custom Field');
}

/**
 * `writes` of an operation that changes one field (pipeline.ts). The same key tags the field's definition in the
 * execution cache (card/customFieldValue.ts), so a later item reads the changed definition.
 */
export function oneFieldWrites(item: ItemContext): string[] {
	return [`customField:${customFieldIdOf(item)}`];
}

/** A field's or an option's name as Wekan stores it: its schema trims text, and refuses it empty. */
export function nameOf(item: ItemContext, value: unknown, label: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') throw item.fail(`${label} must be text`);
	const name = String(value).trim();
	if (!name) throw item.fail(`${label} cannot be empty`, `Leave "${label}" out to keep the current one.`);
	return name;
}

/** What Wekan replaces with each value in a string template's format (client/lib/customFields.js:18-21). */
const VALUE_PLACEHOLDER = /%\{value\}/i;
/** Wekan's other placeholder, `${"regex": …, "flags": …, "replace": …}`: a replacement in the value (ibid. 23-26). */
const REGEX_PLACEHOLDER = /\$\{\s*"/;

/** A string template's format, as Wekan stores it (trimmed) and with a placeholder Wekan fills in. */
export function templateFormat(item: ItemContext, value: unknown): string {
	if (typeof value !== 'string') throw item.fail('Format must be text');
	const format = value.trim();
	if (!format) throw item.fail('Format is required', 'Give the text each value is shown as, with %{value} where the value goes.');
	if (!VALUE_PLACEHOLDER.test(format) && !REGEX_PLACEHOLDER.test(format)) {
		throw item.fail(
			`The format "${format.slice(0, 60)}" has no %{value}`,
			format.includes('${}')
				? 'Wekan leaves ${} as it is. Write %{value} where the value goes, e.g. https://tracker.example.com/issue/%{value}.'
				: 'Write %{value} where the value goes, e.g. https://tracker.example.com/issue/%{value}; without it every value shows as the same text.',
		);
	}
	return format;
}

/**
 * A string template's separator. Wekan trims text, so spaces around it (", ") would be lost; they are sent as the
 * HTML character references Wekan's own form asks for (en.i18n.json:1661), which its Markdown view shows as spaces.
 */
export function templateSeparator(value: unknown): string {
	const text = String(value ?? '');
	const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
	const encode = (spaces: string) => [...spaces].map((c) => `&#${c.codePointAt(0)};`).join('');
	return `${encode(match[1])}${match[2]}${encode(match[3])}`;
}

export function fieldPath(boardId: string, fieldId: string): string {
	return `/api/boards/${seg(boardId)}/custom-fields/${seg(fieldId)}`;
}

/** The full field document; an unknown field is Wekan's empty 200. */
export function fetchField(item: ItemContext, boardId: string, fieldId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: fieldPath(boardId, fieldId),
		permission: 'board-read',
		notFound: `No custom field ${fieldId} on board ${boardId}`,
	});
}

export interface DropdownItem extends IDataObject {
	_id: string;
	name: string;
}

export function dropdownItems(field: IDataObject): DropdownItem[] {
	const settings = (field.settings as IDataObject | undefined) ?? {};
	return Array.isArray(settings.dropdownItems) ? (settings.dropdownItems as DropdownItem[]) : [];
}

/** A dropdown field, or an error: Wekan's dropdown routes silently do nothing for other fields. */
export async function fetchDropdownField(item: ItemContext, boardId: string, fieldId: string): Promise<IDataObject> {
	const field = await fetchField(item, boardId, fieldId);
	if (field.type !== 'dropdown') {
		throw item.fail(`Custom field "${String(field.name)}" is a ${String(field.type)} field, not a dropdown`, 'Dropdown options exist only on dropdown fields.');
	}
	return field;
}

const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** A dropdown option id like the 6-character ones Wekan makes (Random.id(6)). */
export function newOptionId(): string {
	let id = '';
	for (let i = 0; i < 6; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
	return id;
}

/** An ISO 4217 code such as EUR; Wekan formats currency values with it. */
export function currencyCode(item: ItemContext, value: unknown): string {
	const code = String(value ?? '').trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) {
		throw item.fail(`Currency code "${String(value ?? '').slice(0, 20)}" is not a three-letter code`, 'Use an ISO 4217 code such as EUR, USD or JPY.');
	}
	return code;
}

/** The options of a multi-line parameter: trimmed (as Wekan stores them), no empty ones, no duplicates. */
export function optionNames(item: ItemContext, value: unknown, label: string): string[] {
	const entries: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\r?\n/) : [];
	const notText = entries.find((v) => v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number');
	if (notText !== undefined) throw item.fail(`${label}: each option must be text, not ${JSON.stringify(notText).slice(0, 60)}`);
	const raw = entries.map((v) => String(v ?? ''));
	const names = raw.map((v) => v.trim()).filter(Boolean);
	const duplicate = names.find((n, i) => names.indexOf(n) !== i);
	if (duplicate !== undefined) throw item.fail(`${label}: "${duplicate}" is listed twice`);
	return names;
}

/** Checks that every key sent was stored: Wekan's custom-field routes answer success without writing in some cases. */
export function checkApplied(item: ItemContext, field: IDataObject, sent: IDataObject, what: string): void {
	const skipped = Object.keys(sent).filter((key) => {
		if (key === 'settings') {
			const want = sent.settings as IDataObject;
			const got = (field.settings as IDataObject | undefined) ?? {};
			return Object.keys(want).some((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]));
		}
		return JSON.stringify(field[key]) !== JSON.stringify(sent[key]);
	});
	if (skipped.length) {
		throw item.fail(`Wekan did not apply ${skipped.join(', ')} to ${what}`, 'Read the field again to see its current state.');
	}
}
