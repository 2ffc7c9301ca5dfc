import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import {
	ALWAYS_ON_CARD,
	checkApplied,
	currencyCode,
	customFieldIdOf,
	customFieldParameter,
	fetchField,
	fieldPath,
	FLAG_KEYS,
	FLAG_PROPERTIES,
	nameOf,
	oneFieldWrites,
	templateFormat,
	templateSeparator,
} from './fieldRef';

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a custom field',
	description: 'Rename a custom field, change its display flags, currency or string template',
	properties: [
		boardLocator(),
		customFieldParameter,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: ([
				...FLAG_PROPERTIES,
				ALWAYS_ON_CARD,
				{
					displayName: 'Currency Code',
					name: 'currencyCode',
					type: 'string',
					default: '',
					placeholder: 'e.g. EUR',
					description: 'For currency fields: the ISO 4217 code the values are shown in',
				},
				{
					displayName: 'Format',
					name: 'stringtemplateFormat',
					type: 'string',
					default: '',
					placeholder: 'https://tracker.example.com/issue/%{value}',
					description: 'For string template fields: how each value is shown, %{value} stands for the value',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'The field\'s new name; Wekan drops leading and trailing spaces',
				},
				{
					displayName: 'Separator',
					name: 'stringtemplateSeparator',
					type: 'string',
					default: '',
					description:
						'For string template fields: put between the formatted values when a card has several. Spaces around it are sent as &#32;, since Wekan would trim them away. Empty removes it.',
				},
			] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	writes: oneFieldWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		if (fields.name !== undefined) body.name = nameOf(item, fields.name, 'Name');
		for (const key of FLAG_KEYS) {
			if (fields[key] !== undefined) body[key] = fields[key] === true;
		}
		const settingsChange: IDataObject = {};
		if (fields.currencyCode !== undefined) settingsChange.currencyCode = currencyCode(item, fields.currencyCode);
		if (fields.stringtemplateFormat !== undefined) {
			settingsChange.stringtemplateFormat = templateFormat(item, fields.stringtemplateFormat);
		}
		if (fields.stringtemplateSeparator !== undefined) {
			settingsChange.stringtemplateSeparator = templateSeparator(fields.stringtemplateSeparator);
		}
		if (Object.keys(body).length === 0 && Object.keys(settingsChange).length === 0) {
			throw item.fail('Nothing to update', 'Add at least one field under Update Fields.');
		}

		// Wekan answers a PUT for a missing field with success, and its settings replace the stored ones whole,
		// so the field is read first: to know it exists and to keep the settings not being changed.
		const field = await fetchField(item, boardId, fieldId);
		if (settingsChange.currencyCode !== undefined && field.type !== 'currency') {
			throw item.fail(`Custom field "${String(field.name)}" is a ${String(field.type)} field`, 'Currency Code applies only to currency fields.');
		}
		if ((settingsChange.stringtemplateFormat ?? settingsChange.stringtemplateSeparator) !== undefined && field.type !== 'stringtemplate') {
			throw item.fail(`Custom field "${String(field.name)}" is a ${String(field.type)} field`, 'Format and Separator apply only to string template fields.');
		}
		if (Object.keys(settingsChange).length) {
			const settings: IDataObject = { ...((field.settings as IDataObject) ?? {}), ...settingsChange };
			// Wekan's schema drops an empty separator, so the field then has none.
			if (settings.stringtemplateSeparator === '') delete settings.stringtemplateSeparator;
			body.settings = settings;
		}
		// Each key is its own write (server/models/customFields.js:183-206): a refused one leaves the earlier ones done.
		await item.request({ method: 'PUT', path: fieldPath(boardId, fieldId), body, permission: 'board-write' });
		const updated = await fetchField(item, boardId, fieldId);
		checkApplied(item, updated, body, `custom field ${fieldId}`);
		return updated;
	},
};
