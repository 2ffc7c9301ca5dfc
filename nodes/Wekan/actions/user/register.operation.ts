import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';
import { ACCOUNT_PROPERTIES, accountFields, asNodeError, USERS_KEY } from './userRef';

export const register: WekanOperation = {
	value: 'register',
	name: 'Register',
	action: 'Register a user',
	description:
		'Sign up a new user as the public sign-up form does (works only while registration is open in the Admin Panel; the first account of a Wekan becomes its site admin)',
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
	writes: () => [USERS_KEY],
	async run(item) {
		const { username, email, password } = accountFields(item);
		const includeToken = item.boolean('includeToken');
		let registered: IDataObject;
		try {
			registered = await item.request<IDataObject>({
				method: 'POST',
				path: '/users/register',
				body: { username, email, password },
				permission: 'login',
				// server/apiAuthRoutes.js:268-281: 403 with no body, whatever was sent.
				forbidden: 'Wekan refused the registration: sign-up is disabled in its Admin Panel',
			});
		} catch (error) {
			// :311-320: a Meteor.Error has no statusCode, so the ambiguous "taken" error (code 403) answers 400.
			const status = String((error as { httpCode?: unknown }).httpCode);
			if (status === '400' && /check your credentials/i.test((error as Error).message)) {
				throw item.fail(
					`Wekan refused the registration of "${username}": the username or the email is taken`,
					'Wekan does not say which. Usernames and email addresses are compared ignoring case.',
				);
			}
			throw asNodeError(item, error);
		}
		if (typeof registered.id !== 'string' || !registered.id) {
			throw item.fail('Wekan answered the registration without the new user\'s ID');
		}
		const output: IDataObject = { _id: registered.id, username, email, tokenExpires: registered.tokenExpires };
		if (includeToken) output.token = registered.token;
		return output;
	},
};
