/**
 * Custom field values on cards. Wekan stores a value as given, so it is converted here to what its editor stores
 * for the field's type: a dropdown option's id, a number, a boolean, an ISO date or text.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { toIsoDate } from '../common';
import { dropdownItems, fetchField } from '../customField/fieldRef';
import type { ItemContext } from '../itemContext';

export const VALUE_HINT =
	'Text fields take text, number and currency fields a number, checkbox fields true or false, date fields an ISO date, dropdown fields the option\'s name or ID. An empty value clears the field.';

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
		default:
			return { field, value: Array.isArray(raw) ? raw.map(String) : String(raw) };
	}
}
