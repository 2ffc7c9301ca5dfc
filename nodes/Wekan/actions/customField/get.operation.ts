import { boardLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { customFieldIdOf, customFieldParameter, fetchField } from './fieldRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a custom field',
	description: 'Get a custom field of a board with its settings (currency, dropdown options, template) and display flags',
	properties: [boardLocator(), customFieldParameter],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		return fetchField(item, boardId, fieldId);
	},
};
