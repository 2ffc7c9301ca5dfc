import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { customFieldIdOf, customFieldParameter, fetchField, fieldPath } from './fieldRef';

export const deleteCustomField: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a custom field',
	description: 'Delete a custom field for good; its values are removed from every card of the board',
	properties: [boardLocator(), customFieldParameter],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		// Wekan answers a delete of a missing field with success, so the field is found first.
		const field = await fetchField(item, boardId, fieldId);
		await item.request({ method: 'DELETE', path: fieldPath(boardId, fieldId), permission: 'board-write' });
		return { _id: fieldId, name: field.name, type: field.type, boardId, deleted: true };
	},
};
