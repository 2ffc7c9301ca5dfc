import { loginSwitch } from './setLogin';

export const enableLogin = loginSwitch(
	{
		value: 'enableLogin',
		name: 'Enable Login',
		action: 'Enable a user\'s login',
		description: 'Let a disabled user log in again (needs a site admin). Sessions ended by Disable Login stay ended.',
	},
	'enableLogin',
);
