import { readsOnly, type WekanOperation } from '../operation';

export const getMe: WekanOperation = {
	value: 'getMe',
	name: 'Get Me',
	action: 'Get the logged-in user',
	description: 'Get the user the credential logs in as, with their board memberships',
	output: 'user',
	properties: [],
	writes: readsOnly,
	run: (item) => item.request({ method: 'GET', path: '/api/user', permission: 'login' }),
};
