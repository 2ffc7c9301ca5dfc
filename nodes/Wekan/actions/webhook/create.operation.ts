import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { WEBHOOK_EVENT_OPTIONS } from '../../../shared/activityTypes';
import type { WekanOperation } from '../operation';
import {
	explainUrlRefusal,
	fetchWebhook,
	TITLE_PROPERTY,
	TOKEN_PROPERTY,
	unapplied,
	webhookEvents,
	webhookPath,
	webhookTitle,
	webhookToken,
	webhookUrl,
} from './webhookRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a webhook',
	description:
		'Make Wekan POST a board\'s activities to a URL (an outgoing webhook). Needs a board admin; Wekan refuses private and localhost addresses, and sends nothing for changes made through its REST API.',
	properties: [
		boardLocator(),
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com/webhook/wekan',
			description: 'Where Wekan sends the events; it must be reachable from Wekan and not on a private network',
		},
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: WEBHOOK_EVENT_OPTIONS,
			default: ['all'],
			description: 'The activities that trigger a delivery',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: 'Whether Wekan sends deliveries; a disabled webhook is kept but silent',
				},
				TOKEN_PROPERTY,
				TITLE_PROPERTY,
			],
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}:webhooks`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const url = webhookUrl(item, item.raw('url', ''));
		const activities = webhookEvents(item, item.raw('events', ['all']));
		const options = item.collection('options');
		const settings: IDataObject = {};
		const title = webhookTitle(options.title);
		if (title) settings.title = title;
		const token = webhookToken(item, options.token);
		if (token) settings.token = token;
		if (options.enabled === false) settings.enabled = false;
		// Wekan creates every webhook listening to all events; anything else is set by the PUT that follows.
		if (!(activities.length === 1 && activities[0] === 'all')) settings.activities = activities;

		// Wekan's POST reads only the URL; the rest is set by a PUT afterwards (server/models/integrations.js:74-78).
		let created: IDataObject;
		try {
			created = await item.request<IDataObject>({
				method: 'POST',
				path: webhookPath(boardId),
				body: { url },
				permission: 'board-admin',
				notFound: `No board ${boardId}`,
			});
		} catch (error) {
			throw explainUrlRefusal(item, error, url);
		}
		const webhookId = String(created._id);
		const createdNote = `Webhook ${webhookId} (${url}) was created on board ${boardId}`;
		const keep = 'It exists in Wekan and listens to all events: fix or delete it with Webhook > Update or Delete rather than running this item again.';
		try {
			if (Object.keys(settings).length) {
				await item.request({ method: 'PUT', path: webhookPath(boardId, webhookId), body: settings, permission: 'board-admin' });
			}
			const webhook = await fetchWebhook(item, boardId, webhookId);
			const skipped = unapplied(webhook, settings);
			if (skipped.length) throw item.fail(`Wekan did not apply ${skipped.join(', ')}`);
			return webhook;
		} catch (error) {
			throw item.fail(`${createdNote}, but setting its ${Object.keys(settings).join(', ') || 'details'} failed: ${(error as Error).message}`, keep);
		}
	},
};
