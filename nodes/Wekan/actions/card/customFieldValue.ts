/**
 * Custom field values on cards. Wekan stores a value as given, so it is converted here to what its editor stores
 * for the field's type: a dropdown option's id, a number, a boolean, an ISO date or text.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { toIsoDate } from '../common';
import { dropdownItems, fetchField } from '../customField/fieldRef';
import type { ItemContext } from '../itemContext';

export const VALUE_HINT =
	'Text fields take text, number and currency fields a number, checkbox fields true or false, date fields an ISO date (without an offset, in the workflow\'s time zone), dropdown fields the option\'s name or ID, string template fields one item per line (or an array). An empty value clears the field.';

export const customFieldValueProperty: INodeProperties = {
	displayName: 'Value',
	name: 'value',
	type: 'string',
	default: '',
	description: VALUE_HINT,
};

function isEmpty(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** Converts a value for a field; `null` clears it. The field must be on `boardId`. */
export async function fieldValue(item: ItemContext, boardId: string, fieldId: string, raw: unknown): Promise<{ field: IDataObject; value: unknown }> {
	// The definition is read once per execution; an item writing custom fields (or anything: '*') reads it again.
	const field = await item.cached(`customField:${boardId}:${fieldId}`, [`customField:${fieldId}`], () =>
		fetchField(item, boardId, fieldId),
	);
	const name = `Custom field "${String(field.name ?? fieldId)}"`;
	if (isEmpty(raw)) return { field, value: null };
	switch (field.type) {
		case 'number':
		case 'currency': {
			const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
			if (!Number.isFinite(number)) throw item.fail(`${name} takes a number, not "${String(raw).slice(0, 40)}"`);
			return { field, value: number };
		}
		case 'checkbox': {
			const text = String(raw).trim().toLowerCase();
			if (raw === true || text === 'true') return { field, value: true };
			if (raw === false || text === 'false') return { field, value: false };
			throw item.fail(`${name} takes true or false, not "${String(raw).slice(0, 40)}"`);
		}
		case 'date':
			return { field, value: toIsoDate(item, raw, name) };
		case 'dropdown': {
			const text = String(raw).trim();
			const options = dropdownItems(field);
			const option =
				options.find((o) => o._id === text) ??
				options.find((o) => o.name === text) ??
				options.find((o) => String(o.name).toLowerCase() === text.toLowerCase());
			if (!option) {
				throw item.fail(`${name} has no option "${text.slice(0, 40)}"`, `Its options are: ${options.map((o) => o.name).join(', ') || 'none'}.`);
			}
			return { field, value: option._id };
		}
		case 'stringtemplate': {
			// Wekan's editor stores a list of items, each shown through the field's format (client/lib/customFields.js:14-37).
			const lines = Array.isArray(raw) ? raw.map((v) => String(v ?? '')) : String(raw).split(/\r?\n/);
			const items = lines.map((v) => v.trim()).filter(Boolean);
			if (!items.length) return { field, value: null };
			return { field, value: items };
		}
		default:
			return { field, value: Array.isArray(raw) ? raw.map(String) : String(raw) };
	}
}

/** Custom field types whose values Wekan stores as text: only these can match its cardsByCustomField route. */
const TEXT_TYPES = ['text', 'dropdown', 'stringtemplate'];

function sameValue(type: unknown, stored: unknown, wanted: unknown): boolean {
	if (stored === undefined || stored === null) return false;
	switch (type) {
		case 'number':
		case 'currency':
			return Number(stored) === wanted;
		case 'checkbox':
			return String(stored) === String(wanted);
		case 'date':
			return new Date(String(stored)).getTime() === new Date(String(wanted)).getTime();
		default:
			return String(stored) === String(wanted);
	}
}

/**
 * The open cards of a board (or of one of its lists) whose custom field holds the value. Wekan's cardsByCustomField
 * route compares the stored value with the text of the URL (server/models/cards.js:1908-1926), which finds text,
 * dropdown and string template values (an item of the list); numbers, checkboxes and dates are not stored as text,
 * so those cards are read from the board's export (Wekan 11 narrows it to the list) and compared here.
 */
export async function cardsWithValue(
	item: ItemContext,
	boardId: string,
	field: IDataObject,
	raw: string,
	value: unknown,
	listId?: string,
): Promise<IDataObject[]> {
	const fieldId = String(field._id);
	if (TEXT_TYPES.includes(String(field.type))) {
		const text = field.type === 'dropdown' ? String(value) : raw.trim();
		const cards = await item.request<IDataObject[]>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/cardsByCustomField/${seg(fieldId)}/${seg(text)}`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
		});
		return cards.filter((card) => (!listId || card.listId === listId) && card.archived !== true);
	}
	const qs: IDataObject = { attachments: 'false' };
	if (listId) qs.listId = listId;
	const data = await item.request<IDataObject>({
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/export`,
		qs,
		permission: 'board-read',
		notFound: `No board with ID ${boardId}`,
	});
	if (!Array.isArray(data.cards)) throw item.fail(`Wekan's export of board ${boardId} has no cards`, 'The cards\' values could not be compared.');
	return (data.cards as IDataObject[]).filter(
		(card) =>
			(!listId || card.listId === listId) &&
			card.archived !== true &&
			((card.customFields as IDataObject[] | undefined) ?? []).some(
				(f) => f._id === fieldId && sameValue(field.type, f.value, value),
			),
	);
}
