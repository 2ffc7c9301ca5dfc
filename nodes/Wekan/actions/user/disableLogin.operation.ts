import { loginSwitch } from './setLogin';

export const disableLogin = loginSwitch(
	{
		value: 'disableLogin',
		name: 'Disable Login',
		action: 'Disable a user\'s login',
		description:
			'Stop a user from logging in to Wekan\'s web app and end all their sessions and API tokens (needs a site admin; you cannot disable yourself). Wekan still accepts the user\'s password over the REST API (POST /users/login), so this does not lock out API use, and a token made afterwards with Create Token works too.',
	},
	'disableLogin',
);
