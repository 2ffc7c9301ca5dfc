import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { WEBHOOK_EVENT_OPTIONS } from '../../../shared/activityTypes';
import type { WekanOperation } from '../operation';
import {
	explainUrlRefusal,
	fetchWebhook,
	oneWebhookWrites,
	TITLE_PROPERTY,
	TOKEN_PROPERTY,
	unapplied,
	webhookEvents,
	webhookIdOf,
	webhookParameter,
	webhookPath,
	webhookTitle,
	webhookToken,
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
				{ ...TOKEN_PROPERTY, description: `${TOKEN_PROPERTY.description} Empty removes it.` },
				{ ...TITLE_PROPERTY, description: `${TITLE_PROPERTY.description}. Empty removes it.` },
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
	writes: oneWebhookWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const webhookId = webhookIdOf(item);
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		if (fields.url !== undefined) body.url = webhookUrl(item, fields.url);
		if (fields.events !== undefined) body.activities = webhookEvents(item, fields.events);
		if (fields.title !== undefined) body.title = webhookTitle(fields.title);
		if (fields.token !== undefined) body.token = webhookToken(item, fields.token);
		if (fields.enabled !== undefined) {
			if (typeof fields.enabled !== 'boolean') throw item.fail('Enabled must be true or false');
			body.enabled = fields.enabled;
		}
		if (Object.keys(body).length === 0) throw item.fail('Nothing to update', 'Add at least one field under Update Fields.');
		// Wekan answers a PUT for a missing webhook with success, so the webhook is found first.
		await fetchWebhook(item, boardId, webhookId);
		const put = (changes: IDataObject) =>
			item.request({ method: 'PUT', path: webhookPath(boardId, webhookId), body: changes, permission: 'board-admin' });
		const { url, ...rest } = body;
		if (url !== undefined) {
			// Wekan writes enabled and title before it checks the URL (server/models/integrations.js:100-123), so a
			// refused URL would leave them changed: the URL goes alone, first.
			try {
				await put({ url });
			} catch (error) {
				throw explainUrlRefusal(item, error, String(url));
			}
		}
		if (Object.keys(rest).length) {
			try {
				await put(rest);
			} catch (error) {
				throw url === undefined
					? (error as Error)
					: item.fail(`Wekan changed the URL of webhook ${webhookId}, then failed: ${(error as Error).message}`, 'Read the webhook to see its current state.');
			}
		}
		const updated = await fetchWebhook(item, boardId, webhookId);
		const skipped = unapplied(updated, body);
		if (skipped.length) {
			throw item.fail(`Wekan did not apply ${skipped.join(', ')} to webhook ${webhookId}`, 'Wekan writes the fields one by one; read the webhook to see its current state.');
		}
		return updated;
	},
};
