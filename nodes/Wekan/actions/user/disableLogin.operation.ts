import { userAction } from './setLogin';

export const disableLogin = userAction(
	{
		value: 'disableLogin',
		name: 'Disable Login',
		action: 'Disable a user\'s login',
		description: 'Stop a user from logging in and end their sessions (needs a site admin; you cannot disable yourself)',
	},
	'disableLogin',
);
