import { userAction } from './setLogin';

export const enableLogin = userAction(
	{
		value: 'enableLogin',
		name: 'Enable Login',
		action: 'Enable a user\'s login',
		description: 'Let a disabled user log in again (needs a site admin)',
	},
	'enableLogin',
);
