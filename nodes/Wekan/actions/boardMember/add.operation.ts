import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';
import { boardLocator, userLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { userPathSegment } from '../user/userRef';
import { findMember, memberOutput, ROLE_PROPERTY, roleParameter } from './roles';

/** The user's id; a username is looked up first (Wekan's member routes take ids only). */
async function userIdOf(item: ItemContext): Promise<string> {
	const locator = item.raw('userId') as INodeParameterResourceLocator | undefined;
	const segment = userPathSegment(item);
	if (locator?.mode !== 'username') return decodeURIComponent(segment);
	const user = await item.request<IDataObject>({
		method: 'GET',
		path: `/api/users/${segment}`,
		permission: 'site-admin',
		notFound: `No user "${decodeURIComponent(segment)}"`,
	});
	return item.checkId(user._id, 'User');
}

export const add: WekanOperation = {
	value: 'add',
	name: 'Add',
	action: 'Add a member to a board',
	description:
		'Add a user to a board with a role, or give a removed member back access (needs a board admin; finding a user by username needs a site admin)',
	properties: [boardLocator(), userLocator({ description: 'The user to add: picked from the list or by username (site admins only), or by ID' }), ROLE_PROPERTY],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const role = roleParameter(item);
		const userId = await userIdOf(item);
		// Without action "add" Wekan changes nothing and answers with the user's full document, secrets included.
		await item.request({
			method: 'POST',
			path: `/api/boards/${seg(boardId)}/members/${seg(userId)}/add`,
			body: { action: 'add', role },
			expect: 'array',
			// Adding with the same role twice leaves the same state.
			idempotent: true,
			permission: 'board-admin',
			notFound: `No user with ID ${userId}, or no board with ID ${boardId}`,
		});
		const member = await findMember(item, boardId, userId);
		if (!member || member.isActive !== true) throw item.fail(`Wekan did not add user ${userId} to board ${boardId}`);
		return memberOutput(boardId, member);
	},
};
