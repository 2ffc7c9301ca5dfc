import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import {
	boardWrites,
	checkWritable,
	findMember,
	MEMBER_PROPERTY,
	type Membership,
	memberOutput,
	ROLE_PROPERTY,
	roleBody,
	roleOf,
	roleParameter,
} from './roles';

/**
 * Gives an active member a role through POST /api/boards/:boardId/members/:memberId (server/models/boards.js:
 * 1299-1373) and returns the member's entry as it is afterwards. The route answers 1, 0 or `{}` rather than an
 * error for a member or board it does not know, so the membership is checked first (`known`: just read).
 */
export async function setRole(
	item: ItemContext,
	boardId: string,
	userId: string,
	role: string,
	known?: Membership,
): Promise<IDataObject> {
	const before = known ?? (await findMember(item, boardId, userId));
	if (!before.active) {
		throw item.fail(`User ${userId} is not a member of board ${boardId}`, 'Use Add to add the user with a role.');
	}
	checkWritable(item, boardId, userId, before);
	// models/boards.js:2198-2200: your own admin flag is kept, whatever is asked.
	if (userId === (await item.userId()) && (role === 'admin') !== (before.active.isAdmin === true)) {
		throw item.fail(
			role === 'admin' ? 'You cannot make yourself a board admin' : 'You cannot take away your own admin role',
			'Wekan keeps your own admin flag as it is. Ask another board admin to do it.',
		);
	}
	await item.request({
		method: 'POST',
		path: `/api/boards/${seg(boardId)}/members/${seg(userId)}`,
		body: roleBody(role),
		expect: 'any',
		idempotent: true,
		permission: 'board-admin',
	});
	const after = await findMember(item, boardId, userId);
	if (!after.active || roleOf(after.active) !== role) {
		throw item.fail(`Wekan did not change the role of user ${userId} on board ${boardId} to ${role}`);
	}
	return after.active;
}

export const changeRole: WekanOperation = {
	value: 'changeRole',
	name: 'Change Role',
	action: 'Change a board member\'s role',
	description: 'Give a member of a board another role (needs a board admin; nobody can change their own admin role)',
	properties: [boardLocator(), MEMBER_PROPERTY, { ...ROLE_PROPERTY, displayName: 'New Role' }],
	writes: boardWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const userId = item.checkId(item.raw('memberId'), 'Member');
		const role = roleParameter(item);
		return memberOutput(boardId, await setRole(item, boardId, userId, role));
	},
};
