import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit } from '../common';
import { customFieldParameter } from '../customField/fieldRef';
import { readsOnly, type WekanOperation } from '../operation';
import { fieldValue } from './customFieldValue';

export const findByCustomFieldValue: WekanOperation = {
	value: 'findByCustomFieldValue',
	name: 'Find by Custom Field Value',
	action: 'Find cards by custom field value',
	description:
		'Find the open cards of a board whose custom field has exactly this value. Dropdown values may be given by option name. Returns full cards.',
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
		// Wekan compares with the text from the URL, so only text-like stored values can match.
		const text = field.type === 'dropdown' ? String(value) : raw;
		const cards = await item.request<IDataObject[]>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/cardsByCustomField/${seg(fieldId)}/${seg(text)}`,
			expect: 'array',
			permission: 'board-read',
		});
		return item.limit(cards);
	},
};
