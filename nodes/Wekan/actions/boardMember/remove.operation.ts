import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { fetchBoard } from '../board/boardRef';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { boardWrites, checkWritable, MEMBER_PROPERTY } from './roles';

const LAST_ADMIN_HINT = 'A board keeps its last admin. Make another member admin first.';

export const remove: WekanOperation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a member from a board',
	description:
		'Take a user\'s access to a board away (needs a board admin). Wekan keeps them as an inactive member without their role, and takes them off the board\'s cards as member, requester, assigner and watcher (not as assignee). The last admin of a board cannot be removed.',
	properties: [boardLocator(), MEMBER_PROPERTY],
	writes: boardWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const userId = item.checkId(item.raw('memberId'), 'Member');
		const members = ((await fetchBoard(item, boardId)).members as IDataObject[] | undefined) ?? [];
		const entries = members.filter((m) => m.userId === userId);
		const active = entries.find((m) => m.isActive === true);
		if (!active) throw item.fail(`User ${userId} is not a member of board ${boardId}`);
		checkWritable(item, boardId, userId, { first: entries[0], active });
		// server/models/users.js:2222-2226: the board's last active admin is only set active again.
		const admins = members.filter((m) => m.isActive === true && m.isAdmin === true);
		if (active.isAdmin === true && admins.length <= 1) {
			throw item.fail(`User ${userId} is the last admin of board ${boardId}`, LAST_ADMIN_HINT);
		}
		await item.request({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/members/${seg(userId)}/remove`,
			// Without action "remove" Wekan changes nothing and answers with the user's full document.
			body: { action: 'remove' },
			expect: 'array',
			idempotent: true,
			permission: 'board-admin',
			notFound: `No user with ID ${userId}`,
		});
		const after = ((await fetchBoard(item, boardId)).members as IDataObject[] | undefined) ?? [];
		if (after.some((m) => m.userId === userId && m.isActive === true)) {
			throw item.fail(`Wekan kept user ${userId} on board ${boardId}`, LAST_ADMIN_HINT);
		}
		return { boardId, userId, removed: true };
	},
};
