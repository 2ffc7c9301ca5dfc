import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many boards',
	description: 'Get the boards the logged-in user is an active member of, or all public boards (site admins only), as ID and title',
	output: 'board',
	properties: [
		{
			displayName: 'Boards',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'My Boards', value: 'mine', description: 'Open boards the logged-in user is an active member of' },
				{ name: 'Public Boards', value: 'public', description: 'Every public board (needs a site admin)' },
			],
			default: 'mine',
		},
		...returnAllOrLimit(),
	],
	writes: readsOnly,
	async run(item) {
		const scope = item.string('scope', 'Boards');
		if (scope !== 'mine' && scope !== 'public') throw item.fail(`Unknown board scope "${scope}"`);
		// Checks Limit before the request.
		item.limit([]);
		const boards =
			scope === 'public'
				? await item.request<IDataObject[]>({ method: 'GET', path: '/api/boards', expect: 'array', permission: 'site-admin' })
				: await item.request<IDataObject[]>({
						method: 'GET',
						path: `/api/users/${seg(await item.userId())}/boards`,
						expect: 'array',
						permission: 'login',
					});
		return item.limit(boards);
	},
};
