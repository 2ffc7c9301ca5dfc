import type { IDataObject } from 'n8n-workflow';
import { userLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';
import { fetchUser, USERS_KEY } from './userRef';

export const createToken: WekanOperation = {
	value: 'createToken',
	name: 'Create Token',
	action: 'Create a login token for a user',
	description:
		'Create a login token for a user, e.g. an LDAP or SSO user who cannot log in with a password (needs a site admin). It works for Wekan\'s REST API even while the user\'s login is disabled, and expires like any Wekan login (after 90 days unless the server sets ACCOUNTS_COMMON_LOGIN_EXPIRATION_IN_DAYS). The output holds the token: treat it as a secret.',
	properties: [userLocator()],
	writes: () => [USERS_KEY],
	async run(item) {
		// server/models/users.js:2272-2289 makes a token for any id, one that works for no one when the id is unknown,
		// so the user is looked up first; this also turns a username into an id.
		const existing = await fetchUser(item);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/createtoken/${seg(String(existing._id))}`,
			permission: 'site-admin',
		});
		if (typeof created.authToken !== 'string' || !created.authToken) throw item.fail('Wekan answered without a token');
		return { userId: existing._id, username: existing.username, token: created.authToken };
	},
};
