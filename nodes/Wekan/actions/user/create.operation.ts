import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';
import { ACCOUNT_PROPERTIES, accountFields } from './userRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a user',
	description: 'Create a user with a password (needs a site admin)',
	properties: [
		...ACCOUNT_PROPERTIES,
	],
	async run(item) {
		const { username, email, password } = accountFields(item);
		// Wekan answers {_id: {}} (an unawaited promise), so the new user is read back by username.
		await item.request({
			method: 'POST',
			path: '/api/users/',
			body: { username, email, password },
			expect: 'any',
			permission: 'site-admin',
		});
		const user = await item.request<IDataObject>({
			method: 'GET',
			path: `/api/users/${seg(username)}`,
			permission: 'site-admin',
			notFound: `Wekan did not create user "${username}" (the username or email may already be taken)`,
		});
		return user;
	},
};
