/** Card fields that Create and Update both offer, and their checks. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { boardForLookups } from '../board/boardRef';
import { toIdList } from '../common';
import type { ItemContext } from '../itemContext';
import { CARD_COLORS } from './colors';
import { VALUE_HINT, fieldValue } from './customFieldValue';

const title = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);

/** The dropdowns of a card's labels, members and fields list the board chosen, or the board of the card chosen. */
export const CARD_BOARD_DEPENDENCY = ['boardId.value', 'cardId.value'];

export const COLOR_PROPERTY: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'options',
	options: CARD_COLORS.map((c) => ({ name: title(c), value: c })),
	default: 'green',
	description: 'The card\'s color',
};

export const LABELS_PROPERTY: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labelIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getBoardLabels', loadOptionsDependsOn: CARD_BOARD_DEPENDENCY },
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
	description: 'Makes the card a subtask of this card, which you must be able to read. Wekan cannot remove a parent once set.',
};

/** A members or assignees multi-select; `what` says what the people do on the card. */
export function peopleProperty(field: 'members' | 'assignees', what: string): INodeProperties {
	return {
		displayName: field === 'members' ? 'Member Names or IDs' : 'Assignee Names or IDs',
		name: field,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: CARD_BOARD_DEPENDENCY },
		default: [],
		description: `${what} Only active members of the card's board: Wekan drops anyone else without a word, so the node refuses them. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

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
					typeOptions: { loadOptionsMethod: 'getBoardCustomFields', loadOptionsDependsOn: CARD_BOARD_DEPENDENCY },
					default: '',
					description:
						'A custom field of the board. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '', description: VALUE_HINT },
			],
		},
	],
};

/** A palette color or #rrggbb (what Wekan's schema accepts, models/cards.js:150-161). */
export function toColor(item: ItemContext, value: unknown): string {
	const color = String(value ?? '').trim();
	if (!color) throw item.fail('Color is empty', 'Choose a color. To remove the card\'s color, choose Color under Clear Fields.');
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

/**
 * Checks that the parent card exists and can be read. Wekan's PUT checks this only after writing the fields that come
 * before parentId in its handler, and its bulk create not at all (server/models/cards.js:1346-1359), so a bad
 * parent would leave a half-written card.
 */
export async function checkParent(item: ItemContext, parentId: string): Promise<void> {
	await item.cached(`card-readable:${parentId}`, [`card:${parentId}`], () =>
		item.request({
			method: 'GET',
			path: `/api/cards/${seg(parentId)}`,
			permission: 'board-read',
			notFound: `No parent card with ID ${parentId}`,
			forbidden: `Parent card ${parentId} is on a board you cannot read`,
		}),
	);
}

/**
 * Checks that every id is an active member of the board. Wekan keeps only those on a card and drops the others
 * without saying so (since 10.92, server/models/cards.js:2157-2174; older versions store any id).
 */
export async function checkActiveMembers(
	item: ItemContext,
	boardId: string,
	ids: string[],
	label: string,
): Promise<void> {
	if (!ids.length) return;
	const board = await boardForLookups(item, boardId);
	const members = (board.members as IDataObject[] | undefined) ?? [];
	const active = new Set(members.filter((m) => m.isActive === true).map((m) => String(m.userId)));
	const outside = ids.filter((id) => !active.has(id));
	if (outside.length) {
		throw item.fail(
			`${label} ${outside.join(', ')} ${outside.length > 1 ? 'are not active members' : 'is not an active member'} of board ${boardId}`,
			'Wekan puts only active board members on a card and leaves anyone else out without a word. Add the user with Board Member > Add first, or leave them out.',
		);
	}
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

/**
 * The open lists and swimlanes of a board, read once per execution. Wekan's card creates do not check that the
 * list and swimlane are on the board: a card in a list or swimlane that is not there is created, but no board shows
 * it (server/models/cards.js:1159-1173, 1246-1269).
 */
export async function checkPlace(
	item: ItemContext,
	boardId: string,
	listId: string,
	swimlaneIds: string[],
): Promise<void> {
	const read = (kind: 'lists' | 'swimlanes') =>
		item.cached(`${kind}:${boardId}`, [`board:${boardId}:${kind}`], () =>
			item.request<IDataObject[]>({
				method: 'GET',
				path: `/api/boards/${seg(boardId)}/${kind}`,
				expect: 'array',
				permission: 'board-read',
				notFound: `No board with ID ${boardId}`,
			}),
		);
	const [lists, swimlanes] = await Promise.all([read('lists'), swimlaneIds.length ? read('swimlanes') : []]);
	if (!lists.some((l) => l._id === listId)) {
		throw item.fail(
			`List ${listId} is not an open list of board ${boardId}`,
			'Wekan would create the card there, but no board would show it. Pick a list of the board.',
		);
	}
	const lanes = new Set(swimlanes.map((s) => String(s._id)));
	const missing = [...new Set(swimlaneIds)].filter((id) => !lanes.has(id));
	if (missing.length) {
		throw item.fail(
			`Swimlane ${missing.join(', ')} is not an open swimlane of board ${boardId}`,
			'Wekan would create the card there, but no board would show it. Pick a swimlane of the board.',
		);
	}
}
