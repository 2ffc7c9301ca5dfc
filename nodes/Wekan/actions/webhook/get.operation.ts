import { boardLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchWebhook, webhookIdOf, webhookParameter } from './webhookRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a webhook',
	description: 'Get a webhook of a board: URL, events, title and whether it is enabled (never its token)',
	properties: [boardLocator(), webhookParameter],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const webhookId = webhookIdOf(item);
		return fetchWebhook(item, boardId, webhookId);
	},
};
