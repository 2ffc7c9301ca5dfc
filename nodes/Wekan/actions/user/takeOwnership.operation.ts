import type { IDataObject } from 'n8n-workflow';
import { userLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { roleOf } from '../boardMember/roles';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { fetchUser, poll, userLabel } from './userRef';

/** How long Wekan may take to finish the hand-over after answering (changeOwnership is not awaited). */
const SETTLE_WITHIN_MS = 3_000;

/** The user's member entries as GET /api/users/:userId lists them (boards of type 'board' only), by board. */
function membershipsOf(user: IDataObject): Map<string, IDataObject> {
	const boards = Array.isArray(user.boards) ? (user.boards as IDataObject[]) : [];
	return new Map(boards.map((b) => [String(b.boardId), b]));
}

export const takeOwnership: WekanOperation = {
	value: 'takeOwnership',
	name: 'Take Ownership',
	action: 'Take ownership of a user\'s boards',
	description:
		'Hand a user\'s board memberships over to you, e.g. before deleting the user (needs a site admin). Wekan takes every board that lists the user and has any board admin, also boards where the user is only a plain or a removed member. On each it first removes your own membership (unless you are its last admin), then gives you the user\'s place with the user\'s role, which may be lower than yours; the user is no longer a member. Outputs one item per board changed, with the role you now have there.',
	properties: [userLocator()],
	// Members of boards the parameters do not name change.
	writes: () => [EVERYTHING],
	async run(item) {
		const user = await fetchUser(item);
		const id = String(user._id);
		// Taking your own boards would only remove your membership from them (server/models/users.js:2080-2083).
		if (id === (await item.userId())) {
			throw item.fail(
				'You cannot take ownership of your own boards',
				'Wekan would remove you from them. Name another user.',
			);
		}
		const before = membershipsOf(user);
		// server/models/users.js:2073-2085: no $elemMatch, so any board listing the user where some member is an admin.
		const boards = await item.request<IDataObject[]>({
			method: 'PUT',
			path: `/api/users/${seg(id)}`,
			body: { action: 'takeOwnership' },
			expect: 'array',
			permission: 'site-admin',
			notFound: `No user ${userLabel(user)}`,
		});
		item.writesDone();
		const taken = boards.map((b) => String(b._id));
		// board.changeOwnership is not awaited (:2083): the user may still be listed for a moment.
		let still: string[] = [];
		const settled = await poll(async () => {
			const reread = await item.request<IDataObject>({ method: 'GET', path: `/api/users/${seg(id)}`, permission: 'site-admin' });
			const now = membershipsOf(reread);
			still = taken.filter((boardId) => before.has(boardId) && now.has(boardId));
			return still.length ? undefined : true;
		}, SETTLE_WITHIN_MS);
		if (!settled) {
			throw item.fail(
				`Wekan answered, but user ${userLabel(user)} is still a member of ${still.length} of the boards it took: ${still.join(', ')}`,
				'Read the user with Get to see the boards that still list them.',
			);
		}
		return boards.map((board) => {
			const entry = before.get(String(board._id));
			const out: IDataObject = { _id: board._id, title: board.title };
			// The entry handed over keeps the user's flags, active or not.
			if (entry) Object.assign(out, { role: roleOf(entry), active: entry.isActive === true });
			return out;
		});
	},
};
