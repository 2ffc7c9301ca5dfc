import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { WEBHOOK_EVENT_OPTIONS } from '../../../shared/activityTypes';
import type { WekanOperation } from '../operation';
import {
	fetchWebhook,
	TITLE_PROPERTY,
	TOKEN_PROPERTY,
	unapplied,
	webhookEvents,
	webhookIdOf,
	webhookParameter,
	webhookPath,
	webhookUrl,
} from './webhookRef';

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a webhook',
	description: 'Change a webhook\'s URL, events, title, token, or turn it on or off. Needs a board admin.',
	properties: [
		boardLocator(),
		webhookParameter,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: 'Whether Wekan sends deliveries',
				},
				{
					displayName: 'Events',
					name: 'events',
					type: 'multiOptions',
					options: WEBHOOK_EVENT_OPTIONS,
					default: ['all'],
					description: 'The activities that trigger a delivery; replaces the current ones',
				},
				TOKEN_PROPERTY,
				TITLE_PROPERTY,
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'https://n8n.example.com/webhook/wekan',
					description: 'Where Wekan sends the events',
				},
			],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const webhookId = webhookIdOf(item);
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		if (fields.url !== undefined) body.url = webhookUrl(item, fields.url);
		if (fields.events !== undefined) body.activities = webhookEvents(item, fields.events);
		if (fields.title !== undefined) body.title = String(fields.title);
		if (fields.token !== undefined) body.token = String(fields.token);
		if (fields.enabled !== undefined) {
			if (typeof fields.enabled !== 'boolean') throw item.fail('Enabled must be true or false');
			body.enabled = fields.enabled;
		}
		if (Object.keys(body).length === 0) throw item.fail('Nothing to update', 'Add at least one field under Update Fields.');
		// Wekan answers a PUT for a missing webhook with success, so the webhook is found first.
		await fetchWebhook(item, boardId, webhookId);
		await item.request({ method: 'PUT', path: webhookPath(boardId, webhookId), body, permission: 'board-admin' });
		const updated = await fetchWebhook(item, boardId, webhookId);
		const skipped = unapplied(updated, body);
		if (skipped.length) {
			throw item.fail(`Wekan did not apply ${skipped.join(', ')} to webhook ${webhookId}`, 'Wekan writes the fields one by one; read the webhook to see its current state.');
		}
		return updated;
	},
};
