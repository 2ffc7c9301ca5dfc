import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { findMember, MEMBER_PROPERTY, memberOutput, ROLE_PROPERTY, roleOf, roleParameter } from './roles';

export const changeRole: WekanOperation = {
	value: 'changeRole',
	name: 'Change Role',
	action: 'Change a board member\'s role',
	description: 'Give a member of a board another role (needs a board admin)',
	properties: [boardLocator(), MEMBER_PROPERTY, { ...ROLE_PROPERTY, displayName: 'New Role' }],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const userId = item.checkId(item.raw('memberId'), 'Member');
		const role = roleParameter(item);
		// Wekan answers 0 or {} rather than an error for a user or board it does not know, so membership is checked first.
		const before = await findMember(item, boardId, userId);
		if (!before || before.isActive !== true) {
			throw item.fail(`User ${userId} is not a member of board ${boardId}`, 'Use Add to add the user with a role.');
		}
		await item.request({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/members/${seg(userId)}`,
			body: { role },
			expect: 'any',
			idempotent: true,
			permission: 'board-admin',
		});
		const after = await findMember(item, boardId, userId);
		if (!after || roleOf(after) !== role) {
			throw item.fail(
				`Wekan did not change the role of user ${userId} to ${role}`,
				'Wekan does not let users take away their own admin role. Ask another board admin to do it.',
			);
		}
		return memberOutput(boardId, after);
	},
};
