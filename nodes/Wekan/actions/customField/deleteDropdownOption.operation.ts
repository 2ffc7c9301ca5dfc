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
	oneFieldWrites,
} from './fieldRef';

export const deleteDropdownOption: WekanOperation = {
	value: 'deleteDropdownOption',
	name: 'Delete Dropdown Option',
	action: 'Delete an option of a dropdown custom field',
	description:
		'Delete one choice of a dropdown custom field for good. Wekan leaves the cards that had it chosen with the deleted option\'s ID, shown as no value.',
	properties: [boardLocator(), customFieldParameter, dropdownOptionParameter],
	writes: oneFieldWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		const optionId = item.checkId(item.raw('dropdownOptionId', ''), 'Dropdown Option');
		// Wekan answers success for an option or field that does not exist, so both are checked first.
		const field = await fetchDropdownField(item, boardId, fieldId);
		if (!dropdownItems(field).some((o) => o._id === optionId)) {
			throw item.fail(`Custom field "${String(field.name)}" has no option ${optionId}`, 'Pick the option from the list of the field\'s options.');
		}
		await item.request({
			method: 'DELETE',
			path: `${fieldPath(boardId, fieldId)}/dropdown-items/${seg(optionId)}`,
			permission: 'board-write',
		});
		const updated = await fetchField(item, boardId, fieldId);
		if (dropdownItems(updated).some((o) => o._id === optionId)) {
			throw item.fail(`Wekan did not delete option ${optionId} of custom field ${fieldId}`, 'Read the field again to see its current options.');
		}
		return updated;
	},
};
