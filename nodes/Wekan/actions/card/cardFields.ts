/** Card fields that Create and Update both offer, and their checks. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardForLookups } from '../board/boardRef';
import { toIdList } from '../common';
import type { ItemContext } from '../itemContext';
import { CARD_COLORS } from './colors';
import { VALUE_HINT, fieldValue } from './customFieldValue';

const title = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);

export const COLOR_PROPERTY: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'options',
	options: CARD_COLORS.map((c) => ({ name: title(c), value: c })),
	default: 'green',
	description: 'The card\'s color. Wekan cannot remove a color once set.',
};

export const LABELS_PROPERTY: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labelIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getBoardLabels', loadOptionsDependsOn: ['boardId.value'] },
	default: [],
	description:
		'Labels of the card\'s board. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const PARENT_PROPERTY: INodeProperties = {
	displayName: 'Parent Card ID',
	name: 'parentId',
	type: 'string',
	default: '',
	placeholder: 'k2L3m4N5p6Q7r8S9t',
	description: 'Makes the card a subtask of this card. Wekan cannot remove a parent once set.',
};

export const CUSTOM_FIELDS_PROPERTY: INodeProperties = {
	displayName: 'Custom Field Values',
	name: 'customFieldValues',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field Value',
	default: {},
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Custom Field Name or ID',
					name: 'customFieldId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getBoardCustomFields', loadOptionsDependsOn: ['boardId.value'] },
					default: '',
					description:
						'A custom field of the board. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '', description: VALUE_HINT },
			],
		},
	],
};

/** A palette color or #rrggbb; an empty one is refused, since Wekan writes colors only when truthy. */
export function toColor(item: ItemContext, value: unknown): string {
	const color = String(value ?? '').trim();
	if (!color) throw item.fail('Wekan cannot remove a card\'s color', 'Leave "Color" out to keep the current one.');
	if (!CARD_COLORS.includes(color) && !/^#[0-9a-f]{6}$/i.test(color)) {
		throw item.fail(`"${color.slice(0, 30)}" is not a Wekan card color`, `Use one of: ${CARD_COLORS.join(', ')}, or #rrggbb.`);
	}
	return color;
}

export function toParentId(item: ItemContext, value: unknown, cardId?: string): string {
	if (String(value ?? '').trim() === '') {
		throw item.fail('Wekan cannot remove a card\'s parent', 'Leave "Parent Card ID" out to keep the current one.');
	}
	const parentId = item.checkId(value, 'Parent Card ID');
	if (parentId === cardId) throw item.fail('A card cannot be its own parent');
	return parentId;
}

/** The field/value pairs of the Custom Field Values parameter, ids checked; no request. */
export function customFieldPairs(item: ItemContext, value: unknown): Array<{ fieldId: string; raw: unknown }> {
	const entries = ((value as IDataObject | undefined)?.field as IDataObject[] | undefined) ?? [];
	const pairs = entries.map((e) => ({ fieldId: item.checkId(e.customFieldId, 'Custom Field'), raw: e.value }));
	const twice = pairs.find((p, i) => pairs.findIndex((q) => q.fieldId === p.fieldId) !== i);
	if (twice) throw item.fail(`Custom field ${twice.fieldId} is given twice`);
	return pairs;
}

/** Converts each pair for its field type (reads each field; writes nothing). */
export async function customFieldValues(item: ItemContext, boardId: string, pairs: Array<{ fieldId: string; raw: unknown }>): Promise<IDataObject[]> {
	const values: IDataObject[] = [];
	for (const { fieldId, raw } of pairs) values.push({ _id: fieldId, value: (await fieldValue(item, boardId, fieldId, raw)).value as IDataObject });
	return values;
}

/** Label ids, checked against the board's labels: Wekan stores unknown ids without complaint. */
export async function boardLabelIds(item: ItemContext, boardId: string, value: unknown): Promise<string[]> {
	const labelIds = [...new Set(toIdList(item, value, 'Label'))];
	if (labelIds.length === 0) return labelIds;
	const board = await boardForLookups(item, boardId);
	const known = new Set(((board.labels as IDataObject[] | undefined) ?? []).map((l) => String(l._id)));
	const unknown = labelIds.filter((id) => !known.has(id));
	if (unknown.length) {
		throw item.fail(`Label ${unknown.join(', ')} is not on board ${boardId}`, 'Pick labels of the card\'s board, or create them with Label > Create.');
	}
	return labelIds;
}
