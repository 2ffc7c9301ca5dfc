import { readsOnly, type WekanOperation } from '../operation';

export const getMe: WekanOperation = {
	value: 'getMe',
	name: 'Get Me',
	action: 'Get the logged-in user',
	description:
		'Get the user the credential logs in as, with the boards they are listed on (regular boards only, not templates; removed memberships included, isActive false)',
	output: 'user',
	properties: [],
	writes: readsOnly,
	run: (item) => item.request({ method: 'GET', path: '/api/user', permission: 'login' }),
};
