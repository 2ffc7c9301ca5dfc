import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';
import { boardLocator, userLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { asNodeError, fetchUser } from '../user/userRef';
import { boardWrites, findMember, memberOutput, ROLE_PROPERTY, roleBody, roleOf, roleParameter } from './roles';
import { setRole } from './changeRole.operation';

/** The user's id; a username is looked up first (Wekan's member routes take ids only). */
async function userIdOf(item: ItemContext): Promise<string> {
	const locator = item.raw('userId') as INodeParameterResourceLocator | undefined;
	if (locator?.mode !== 'username') return item.locatorId('userId', 'User');
	return String((await fetchUser(item))._id);
}

export const add: WekanOperation = {
	value: 'add',
	name: 'Add',
	action: 'Add a member to a board',
	description:
		'Add a user to a board with a role, or give a removed member back access (needs a board admin; finding a user by username needs a site admin). For someone already on the board, Wekan ignores the role: the node then changes it with Wekan\'s role route. Wekan refuses users whose login is disabled.',
	properties: [
		boardLocator(),
		userLocator({ description: 'The user to add: picked from the list or by username (site admins only), or by ID' }),
		ROLE_PROPERTY,
	],
	writes: boardWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const role = roleParameter(item);
		const userId = await userIdOf(item);
		const before = await findMember(item, boardId, userId);
		if (before.active) {
			const previousRole = roleOf(before.active);
			// server/models/users.js:2153-2154: an active member is left as they are and the role is ignored.
			const member = previousRole === role ? before.active : await setRole(item, boardId, userId, role, before);
			return { ...memberOutput(boardId, member), alreadyMember: true, previousRole };
		}
		try {
			// Without action "add" Wekan changes nothing and answers with the user's full document, secrets included.
			await item.request({
				method: 'POST',
				path: `/api/boards/${seg(boardId)}/members/${seg(userId)}/add`,
				body: { action: 'add', ...roleBody(role) },
				expect: 'array',
				// Adding with the same role twice leaves the same state.
				idempotent: true,
				permission: 'board-admin',
				notFound: `No user with ID ${userId}`,
			});
		} catch (error) {
			// :2144-2148 (Wekan 9.70 and later, #1894).
			if (/user is disabled/i.test((error as Error).message)) {
				throw item.fail(
					`User ${userId} cannot be added to board ${boardId}: their login is disabled`,
					'Wekan does not add disabled users to boards. Enable their login first (User > Enable Login).',
				);
			}
			throw asNodeError(item, error);
		}
		const after = await findMember(item, boardId, userId);
		if (!after.active) throw item.fail(`Wekan did not add user ${userId} to board ${boardId}`);
		// Wekan before 9.36 ignores the role name, and its flags reach only an entry that existed before.
		const member = roleOf(after.active) === role ? after.active : await setRole(item, boardId, userId, role, after);
		return { ...memberOutput(boardId, member), alreadyMember: false } as IDataObject;
	},
};
