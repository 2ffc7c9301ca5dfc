import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';
import { ACCOUNT_PROPERTIES, accountFields } from './userRef';

export const register: WekanOperation = {
	value: 'register',
	name: 'Register',
	action: 'Register a user',
	description: 'Sign up a new user as the public sign-up form does (works only while registration is open)',
	properties: [
		...ACCOUNT_PROPERTIES,
		{
			displayName: 'Include Login Token',
			name: 'includeToken',
			type: 'boolean',
			default: false,
			description:
				'Whether to output the login token Wekan returns for the new user. It lets anyone act as that user: store it as a secret.',
		},
	],
	async run(item) {
		const { username, email, password } = accountFields(item);
		const includeToken = item.boolean('includeToken');
		const registered = await item.request<IDataObject>({
			method: 'POST',
			path: '/users/register',
			body: { username, email, password },
			permission: 'login',
			forbidden: 'Wekan refused the registration: sign-up is disabled in its Admin Panel, or the username or email is taken',
		});
		const output: IDataObject = { _id: registered.id, username, email, tokenExpires: registered.tokenExpires };
		if (includeToken) output.token = registered.token;
		return output;
	},
};
