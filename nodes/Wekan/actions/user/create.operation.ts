import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a user',
	description: 'Create a user with a password (needs a site admin)',
	properties: [
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	],
	async run(item) {
		const username = item.string('username', 'Username').trim();
		const email = item.string('email', 'Email').trim();
		const password = item.string('password', 'Password');
		if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw item.fail(`Email "${email}" is not an email address`);
		if (username.includes('/')) throw item.fail(`Username "${username}" may not contain "/"`);
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
