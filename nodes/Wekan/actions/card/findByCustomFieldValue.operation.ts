import { boardLocator } from '../../../shared/locators';
import { returnAllOrLimit } from '../common';
import { customFieldParameter } from '../customField/fieldRef';
import { readsOnly, type WekanOperation } from '../operation';
import { cardsWithValue, fieldValue } from './customFieldValue';

export const findByCustomFieldValue: WekanOperation = {
	value: 'findByCustomFieldValue',
	name: 'Find by Custom Field Value',
	action: 'Find cards by custom field value',
	description:
		'Find the open cards of a board whose custom field has exactly this value (for a string template field, one of its items). Dropdown values may be given by option name. Number, checkbox and date values are compared by reading the board\'s export. Returns full cards.',
	properties: [
		boardLocator(),
		customFieldParameter,
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			required: true,
			description: 'The value to match exactly; for a dropdown field, the option\'s name or ID',
		},
		...returnAllOrLimit(),
	],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = item.checkId(item.raw('customFieldId', ''), 'Custom Field');
		const raw = item.string('value', 'Value');
		item.limit([]); // checks Limit before any request
		// Finding the field first turns a dropdown option's name into its id, and an unknown field into an error.
		const { field, value } = await fieldValue(item, boardId, fieldId, raw);
		const cards = await cardsWithValue(item, boardId, field, raw, value);
		return item.limit(cards);
	},
};
