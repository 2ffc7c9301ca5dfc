import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { findMember, MEMBER_PROPERTY } from './roles';

export const remove: WekanOperation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a member from a board',
	description:
		'Take a user\'s access to a board away; Wekan also removes them from the board\'s cards. The last admin of a board cannot be removed. Needs a board admin.',
	properties: [boardLocator(), MEMBER_PROPERTY],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const userId = item.checkId(item.raw('memberId'), 'Member');
		const before = await findMember(item, boardId, userId);
		if (!before || before.isActive !== true) throw item.fail(`User ${userId} is not a member of board ${boardId}`);
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
		// Wekan answers success but keeps the board's last active admin.
		const after = await findMember(item, boardId, userId);
		if (after?.isActive === true) {
			throw item.fail(`Wekan kept user ${userId} on board ${boardId}`, 'A board keeps its last admin. Make another member admin first.');
		}
		return { boardId, userId, removed: true };
	},
};
