import { userLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { seg } from '../../../shared/transport';
import { fetchUser, userLabel } from './userRef';

export const deleteUser: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a user',
	description:
		'Delete a user for good (needs a site admin). Wekan also takes the user off every board (a board whose only admin they were is left without one: use Take Ownership first), and off cards as member, assignee, requester, assigner and watcher; their comments and activities stay.',
	properties: [userLocator()],
	// Wekan's clean-up changes boards and cards the parameters do not name.
	writes: () => [EVERYTHING],
	async run(item) {
		// server/models/users.js:2261-2270 answers {_id} whether or not the user existed.
		const existing = await fetchUser(item);
		await item.request({
			method: 'DELETE',
			path: `/api/users/${seg(String(existing._id))}`,
			permission: 'site-admin',
			notFound: `No user ${userLabel(existing)}`,
		});
		return { _id: existing._id, username: existing.username, deleted: true };
	},
};
