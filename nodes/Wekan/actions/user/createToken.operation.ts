import type { IDataObject } from 'n8n-workflow';
import { userLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';
import { fetchUser } from './userRef';

export const createToken: WekanOperation = {
	value: 'createToken',
	name: 'Create Token',
	action: 'Create a login token for a user',
	description:
		'Create a login token for a user, e.g. an LDAP or SSO user who cannot log in with a password (needs a site admin). The output holds the token: treat it as a secret.',
	properties: [userLocator()],
	async run(item) {
		// Wekan answers {} for an unknown user; the lookup also turns a username into an id.
		const existing = await fetchUser(item);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/createtoken/${seg(String(existing._id))}`,
			permission: 'site-admin',
		});
		return { userId: created._id, username: existing.username, token: created.authToken };
	},
};
