import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { CARD_COLORS } from '../card/colors';
import type { WekanOperation } from '../operation';
import { fetchList, listPath } from './listRef';

const MAX_TITLE = 1000;

/** Whether two JSON values are equal, whatever the order of their keys. */
function sameValue(a: unknown, b: unknown): boolean {
	if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every((key) => sameValue((a as IDataObject)[key], (b as IDataObject)[key]));
}

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a list',
	description: 'Change a list\'s title, color, WIP limit or star; returns the list',
	writes: (item) => [`list:${item.locatorId('listId', 'List')}`],
	properties: [
		boardLocator(),
		listLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Color',
					name: 'color',
					type: 'options',
					options: CARD_COLORS.map((c) => ({ name: c.charAt(0).toUpperCase() + c.slice(1), value: c })).sort((a, b) =>
						a.name.localeCompare(b.name),
					),
					default: 'white',
					description: 'The list\'s color; an expression may also give #rrggbb. Wekan cannot remove a list\'s color.',
				},
				{
					displayName: 'Starred',
					name: 'starred',
					type: 'boolean',
					default: false,
					description: 'Whether the list is starred',
				},
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description: `New title (up to ${MAX_TITLE} characters). Wekan removes spaces at its start and end, and cannot make a title empty.`,
				},
				{
					displayName: 'WIP Limit',
					name: 'wipLimit',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: 'The most cards the list should hold (work in progress)',
				},
				{
					displayName: 'WIP Limit Enabled',
					name: 'wipLimitEnabled',
					type: 'boolean',
					default: true,
					description: 'Whether the WIP limit is on',
				},
				{
					displayName: 'WIP Limit Soft',
					name: 'wipLimitSoft',
					type: 'boolean',
					default: false,
					description: 'Whether cards may still be added over the limit (the list is only marked)',
				},
			],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		if (fields.title !== undefined) {
			const title = String(fields.title);
			if (!title.trim()) throw item.fail('Wekan cannot set an empty title', 'Leave "Title" out to keep the current one.');
			if (title.length > MAX_TITLE) throw item.fail(`The title has ${title.length} characters; Wekan takes at most ${MAX_TITLE}`);
			body.title = title;
		}
		if (fields.color !== undefined) {
			const color = String(fields.color).trim().toLowerCase();
			if (!color) throw item.fail('Wekan cannot remove a list\'s color', 'Leave "Color" out to keep the current one, or choose White.');
			if (!CARD_COLORS.includes(color) && !/^#[0-9a-f]{6}$/.test(color)) {
				throw item.fail(`"${color}" is not a Wekan list color`, `Use one of: ${CARD_COLORS.join(', ')}, or #rrggbb.`);
			}
			body.color = color;
		}
		if (fields.starred !== undefined) body.starred = fields.starred === true;
		const wip: IDataObject = {};
		if (fields.wipLimit !== undefined) {
			const value = Number(fields.wipLimit);
			if (!Number.isInteger(value) || value < 1) throw item.fail(`WIP Limit must be a whole number of 1 or more, not "${String(fields.wipLimit)}"`);
			wip.value = value;
		}
		if (fields.wipLimitEnabled !== undefined) wip.enabled = fields.wipLimitEnabled === true;
		if (fields.wipLimitSoft !== undefined) wip.soft = fields.wipLimitSoft === true;
		if (Object.keys(body).length === 0 && Object.keys(wip).length === 0) {
			throw item.fail('Nothing to update', 'Add at least one field under Update Fields.');
		}

		const list = await fetchList(item, boardId, listId);
		// Wekan replaces the whole WIP limit object, so the parts not given keep their current values (the schema's
		// defaults when the list has none: 1, off, not soft).
		if (Object.keys(wip).length) {
			body.wipLimit = { value: 1, enabled: false, soft: false, ...((list.wipLimit as IDataObject | undefined) ?? {}), ...wip };
		}
		await item.request({
			method: 'PUT',
			path: listPath(boardId, listId),
			body,
			permission: 'board-write',
			notFound: `No list with ID ${listId} on board ${boardId}`,
		});
		const updated = await fetchList(item, boardId, listId);
		// Wekan writes the list only while it is open, and answers alike when its write matched nothing (it was
		// archived meanwhile): the list tells what was stored.
		const expected: IDataObject = { ...body };
		if (typeof body.title === 'string') expected.title = body.title.trim();
		const skipped = Object.keys(expected).filter((key) => !sameValue(updated[key], expected[key]));
		if (skipped.length) {
			throw item.fail(`Wekan did not change ${skipped.join(', ')} of list ${listId}`, 'Get the list to see its current state.');
		}
		return updated;
	},
};
