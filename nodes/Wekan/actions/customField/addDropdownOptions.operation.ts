import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import {
	customFieldIdOf,
	customFieldParameter,
	dropdownItems,
	fetchDropdownField,
	fetchField,
	fieldPath,
	oneFieldWrites,
	optionNames,
} from './fieldRef';

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
			description:
				'The new choices, one per line (or an array from an expression). Spaces around each are dropped, as Wekan would; a name the field already has is refused.',
		},
	],
	writes: oneFieldWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		const names = optionNames(item, item.raw('dropdownOptions', ''), 'Options to Add');
		if (!names.length) throw item.fail('Options to Add is required', 'Give at least one option, one per line.');
		const field = await fetchDropdownField(item, boardId, fieldId);
		const existing = dropdownItems(field);
		// Wekan would add it again: two options of one name, which a card value given by name cannot tell apart.
		const taken = names.find((name) => existing.some((o) => o.name === name));
		if (taken !== undefined) {
			throw item.fail(`Custom field "${String(field.name)}" already has an option "${taken}"`, 'Leave it out of Options to Add.');
		}
		const before = new Set(existing.map((o) => o._id));
		await item.request<IDataObject>({
			method: 'POST',
			path: `${fieldPath(boardId, fieldId)}/dropdown-items`,
			// Wekan reads only a real JSON array here, and only its strings (server/models/customFields.js:220-235).
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
