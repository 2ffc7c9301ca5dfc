import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { webhookPath, withoutToken } from './webhookRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhooks',
	description: 'Get the webhooks of a board (never their tokens)',
	properties: [boardLocator(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		item.limit([]);
		const webhooks = await item.request<IDataObject[]>({
			method: 'GET',
			path: webhookPath(boardId),
			expect: 'array',
			permission: 'board-read',
			notFound: `No board ${boardId}`,
		});
		return item.limit(webhooks).map(withoutToken);
	},
};
