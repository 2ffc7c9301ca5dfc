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

/** The display flags, shared by Create and Update. `alwaysOnCard` only on Update: Wekan's POST ignores it. */
export const FLAG_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Add to New Cards Automatically',
		name: 'automaticallyOnCard',
		type: 'boolean',
		default: false,
		description: 'Whether new cards of the board get the field',
	},
	{
		displayName: 'Show on Card',
		name: 'showOnCard',
		type: 'boolean',
		default: false,
		description: 'Whether the field is shown on the card\'s details',
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
	description: 'Whether every card of the board shows the field, even without a value',
};

export const FLAG_KEYS = ['automaticallyOnCard', 'showOnCard', 'showLabelOnMiniCard', 'showSumAtTopOfList', 'alwaysOnCard'];

export function customFieldIdOf(item: ItemContext): string {
	return item.checkId(item.raw('customFieldId', ''), 'Custom Field');
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

/** The options of a multi-line parameter: trimmed, no empty ones, no duplicates. */
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
