import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';

export const register: WekanOperation = {
	value: 'register',
	name: 'Register',
	action: 'Register a user',
	description: 'Sign up a new user as the public sign-up form does (works only while registration is open)',
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
		const username = item.string('username', 'Username').trim();
		const email = item.string('email', 'Email').trim();
		const password = item.string('password', 'Password');
		const includeToken = item.boolean('includeToken');
		if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw item.fail(`Email "${email}" is not an email address`);
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
