import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import {
	customFieldIdOf,
	customFieldParameter,
	dropdownItems,
	dropdownOptionParameter,
	fetchDropdownField,
	fetchField,
	fieldPath,
	nameOf,
	oneFieldWrites,
} from './fieldRef';

export const updateDropdownOption: WekanOperation = {
	value: 'updateDropdownOption',
	name: 'Update Dropdown Option',
	action: 'Rename an option of a dropdown custom field',
	description: 'Rename one choice of a dropdown custom field; cards that use it keep it under the new name',
	properties: [
		boardLocator(),
		customFieldParameter,
		dropdownOptionParameter,
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'The option\'s new name; Wekan drops leading and trailing spaces. A name another option has is refused.',
		},
	],
	writes: oneFieldWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		const optionId = item.checkId(item.raw('dropdownOptionId', ''), 'Dropdown Option');
		const name = nameOf(item, item.string('name', 'Name'), 'Name');
		// Wekan answers success for an option or field that does not exist, so both are checked first.
		const field = await fetchDropdownField(item, boardId, fieldId);
		const options = dropdownItems(field);
		if (!options.some((o) => o._id === optionId)) {
			throw item.fail(`Custom field "${String(field.name)}" has no option ${optionId}`, 'Pick the option from the list of the field\'s options.');
		}
		if (options.some((o) => o._id !== optionId && o.name === name)) {
			throw item.fail(`Custom field "${String(field.name)}" already has another option "${name}"`, 'Choose a name no other option has.');
		}
		await item.request({
			method: 'PUT',
			path: `${fieldPath(boardId, fieldId)}/dropdown-items/${seg(optionId)}`,
			body: { name },
			permission: 'board-write',
		});
		const updated = await fetchField(item, boardId, fieldId);
		if (dropdownItems(updated).find((o) => o._id === optionId)?.name !== name) {
			throw item.fail(`Wekan did not rename option ${optionId} of custom field ${fieldId}`, 'Read the field again to see its current options.');
		}
		return updated;
	},
};
