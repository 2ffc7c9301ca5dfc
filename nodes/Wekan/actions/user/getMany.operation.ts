import type { IDataObject } from 'n8n-workflow';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many users',
	description: 'List all users with their IDs and usernames (needs a site admin)',
	output: 'user',
	properties: returnAllOrLimit(),
	writes: readsOnly,
	async run(item) {
		const users = await item.request<IDataObject[]>({
			method: 'GET',
			path: '/api/users',
			expect: 'array',
			permission: 'site-admin',
		});
		return item.limit(users);
	},
};
