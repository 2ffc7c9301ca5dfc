import { userLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { userPathSegment } from './userRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by ID or username (needs a site admin)',
	properties: [userLocator()],
	async run(item) {
		const user = userPathSegment(item);
		return item.request({
			method: 'GET',
			path: `/api/users/${user}`,
			permission: 'site-admin',
			notFound: `No user "${decodeURIComponent(user)}"`,
		});
	},
};
