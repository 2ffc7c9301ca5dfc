import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { createdNote } from '../cardScope';
import type { WekanOperation } from '../operation';
import {
	ALWAYS_ON_CARD,
	checkApplied,
	currencyCode,
	FIELD_TYPES,
	fetchField,
	fieldPath,
	FLAG_PROPERTIES,
	nameOf,
	newOptionId,
	optionNames,
	templateFormat,
	templateSeparator,
} from './fieldRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a custom field',
	description: 'Add a custom field to a board: text, number, date, checkbox, currency, dropdown or string template',
	properties: [
		boardLocator(),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'The field\'s name; Wekan drops leading and trailing spaces',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: FIELD_TYPES,
			default: 'text',
			description: 'What kind of value the field holds; a string template shows each value through a format',
		},
		{
			displayName: 'Currency Code',
			name: 'currencyCode',
			type: 'string',
			default: 'EUR',
			required: true,
			placeholder: 'e.g. EUR',
			description: 'The ISO 4217 code the values are shown in',
			displayOptions: { show: { type: ['currency'] } },
		},
		{
			displayName: 'Dropdown Options',
			name: 'dropdownOptions',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The choices, one per line, in order (or an array from an expression)',
			displayOptions: { show: { type: ['dropdown'] } },
		},
		{
			displayName: 'Format',
			name: 'stringtemplateFormat',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://tracker.example.com/issue/%{value}',
			description:
				'How each value of a card is shown: %{value} stands for the value. A card holds a list of values, each shown through the format.',
			displayOptions: { show: { type: ['stringtemplate'] } },
		},
		{
			displayName: 'Separator',
			name: 'stringtemplateSeparator',
			type: 'string',
			default: '',
			description:
				'Put between the formatted values when a card has several. Spaces around it are sent as &#32;, since Wekan would trim them away.',
			displayOptions: { show: { type: ['stringtemplate'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [...FLAG_PROPERTIES, ALWAYS_ON_CARD].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}:customFields`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const name = nameOf(item, item.string('name', 'Name'), 'Name');
		const type = String(item.raw('type', 'text'));
		if (!FIELD_TYPES.some((t) => t.value === type)) {
			throw item.fail(`"${type}" is not a custom field type`, `Use one of: ${FIELD_TYPES.map((t) => t.value).join(', ')}.`);
		}
		// Wekan's schema requires settings, so it is always sent, empty for the plain types.
		const settings: IDataObject = {};
		if (type === 'currency') settings.currencyCode = currencyCode(item, item.raw('currencyCode', ''));
		if (type === 'dropdown') {
			settings.dropdownItems = optionNames(item, item.raw('dropdownOptions', ''), 'Dropdown Options').map((option) => ({
				_id: newOptionId(),
				name: option,
			}));
		}
		if (type === 'stringtemplate') {
			settings.stringtemplateFormat = templateFormat(item, item.raw('stringtemplateFormat', ''));
			// An empty separator is not stored at all (Wekan's schema removes empty strings): send none.
			const separator = templateSeparator(item.raw('stringtemplateSeparator', ''));
			if (separator) settings.stringtemplateSeparator = separator;
		}
		const options = item.collection('options');
		const body: IDataObject = { name, type, settings };
		for (const property of FLAG_PROPERTIES) {
			if (options[property.name] !== undefined) body[property.name] = options[property.name] === true;
		}
		const alwaysOnCard = options.alwaysOnCard === true;

		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/custom-fields`,
			body: { ...body, authorId: await item.userId() },
			permission: 'board-write',
			notFound: `No board ${boardId}`,
		});
		const fieldId = String(created._id);
		try {
			// Wekan's POST does not read alwaysOnCard; only its PUT sets it (server/models/customFields.js:133-142).
			if (alwaysOnCard) {
				await item.request({ method: 'PUT', path: fieldPath(boardId, fieldId), body: { alwaysOnCard: true }, permission: 'board-write' });
			}
			const field = await fetchField(item, boardId, fieldId);
			checkApplied(item, field, alwaysOnCard ? { ...body, alwaysOnCard } : body, `custom field ${fieldId}`);
			return field;
		} catch (error) {
			throw item.fail(`Custom field ${fieldId} ("${name}") was created, but setting it up failed: ${(error as Error).message}`, createdNote('field'));
		}
	},
};
