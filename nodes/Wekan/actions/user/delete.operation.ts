import type { IDataObject } from 'n8n-workflow';
import { userLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';
import { userPathSegment } from './userRef';

export const deleteUser: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a user',
	description: 'Delete a user for good (needs a site admin)',
	properties: [userLocator()],
	async run(item) {
		const user = userPathSegment(item);
		// Wekan answers {_id} whether or not the user existed, so the user is looked up first.
		const existing = await item.request<IDataObject>({
			method: 'GET',
			path: `/api/users/${user}`,
			permission: 'site-admin',
			notFound: `No user "${decodeURIComponent(user)}"`,
		});
		await item.request({
			method: 'DELETE',
			path: `/api/users/${seg(String(existing._id))}`,
			permission: 'site-admin',
		});
		return { _id: existing._id, username: existing.username, deleted: true };
	},
};
