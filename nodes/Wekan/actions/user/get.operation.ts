import { userLocator } from '../../../shared/locators';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchUser } from './userRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by ID or username (needs a site admin)',
	output: 'user',
	properties: [userLocator()],
	writes: readsOnly,
	run: fetchUser,
};
