import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { fetchWebhook, oneWebhookWrites, webhookIdOf, webhookParameter, webhookPath } from './webhookRef';

export const deleteWebhook: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a webhook',
	description: 'Delete a webhook for good, so Wekan stops sending its events. Needs a board admin.',
	properties: [boardLocator(), webhookParameter],
	writes: oneWebhookWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const webhookId = webhookIdOf(item);
		// Wekan answers a delete of a missing webhook with success, so the webhook is found first.
		const webhook = await fetchWebhook(item, boardId, webhookId);
		await item.request({ method: 'DELETE', path: webhookPath(boardId, webhookId), permission: 'board-admin' });
		return { _id: webhookId, url: webhook.url, title: webhook.title, boardId, deleted: true };
	},
};
