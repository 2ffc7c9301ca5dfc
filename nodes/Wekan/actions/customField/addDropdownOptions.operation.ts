import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { customFieldIdOf, customFieldParameter, dropdownItems, fetchDropdownField, fetchField, fieldPath, optionNames } from './fieldRef';

export const addDropdownOptions: WekanOperation = {
	value: 'addDropdownOptions',
	name: 'Add Dropdown Options',
	action: 'Add options to a dropdown custom field',
	description: 'Add choices to the end of a dropdown custom field and return the field with all its options',
	properties: [
		boardLocator(),
		customFieldParameter,
		{
			displayName: 'Options to Add',
			name: 'dropdownOptions',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'The new choices, one per line (or an array from an expression)',
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		const names = optionNames(item, item.raw('dropdownOptions', ''), 'Options to Add');
		if (!names.length) throw item.fail('Options to Add is required', 'Give at least one option, one per line.');
		const field = await fetchDropdownField(item, boardId, fieldId);
		const before = new Set(dropdownItems(field).map((o) => o._id));
		await item.request<IDataObject>({
			method: 'POST',
			path: `${fieldPath(boardId, fieldId)}/dropdown-items`,
			// Wekan reads only a real JSON array here.
			body: { items: names },
			permission: 'board-write',
		});
		const updated = await fetchField(item, boardId, fieldId);
		const added = dropdownItems(updated).filter((o) => !before.has(o._id));
		if (added.length !== names.length) {
			throw item.fail(`Wekan added ${added.length} of ${names.length} options to custom field ${fieldId}`, 'Read the field to see which options it has now before trying again.');
		}
		return updated;
	},
};
