import { userLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';
import { fetchUser } from './userRef';

export const deleteUser: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a user',
	description: 'Delete a user for good (needs a site admin)',
	properties: [userLocator()],
	async run(item) {
		// Wekan answers {_id} whether or not the user existed.
		const existing = await fetchUser(item);
		await item.request({
			method: 'DELETE',
			path: `/api/users/${seg(String(existing._id))}`,
			permission: 'site-admin',
		});
		return { _id: existing._id, username: existing.username, deleted: true };
	},
};
