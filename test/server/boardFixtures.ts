/**
 * Seeding for the board tests: users, boards and members made through the models (as Wekan's server code makes
 * them), with login tokens, so the tests reach only the routes they are about.
 */
import type { BoardDoc } from '../wekan-server/schemas/boards';
import type { RoleFlag } from '../wekan-server/permissions';
import type { ServerHarness, TestUser } from './helpers';

/** A user created through the users model, with a resume token. The first user of a server is site admin. */
export function seedUser(h: ServerHarness, username: string, options: { isAdmin?: boolean } = {}): TestUser {
	const password = `${username}-password`;
	const user = h.wekan.createUser({ username, email: `${username}@example.com`, password, isAdmin: options.isAdmin });
	const { token } = h.wekan.issueToken(user._id);
	return { id: user._id, token, username, password };
}

/** A board as POST /api/boards makes one, owned by `owner`, with its default swimlane. */
export function seedBoard(
	h: ServerHarness,
	owner: TestUser,
	title = 'Board',
	options: { permission?: 'public' | 'private' } = {},
): { boardId: string; swimlaneId: string; board: BoardDoc } {
	const boardId = h.wekan.createBoard({ title, ownerId: owner.id, permission: options.permission })._id;
	const swimlane = h.wekan.db.swimlanes.findOne({ boardId });
	return { boardId, swimlaneId: swimlane?._id ?? '', board: h.wekan.db.boards.findOne(boardId) as BoardDoc };
}

/** Role names to the member flags Wekan's role table reads (models/lib/boardRoleCapabilities.js:32-41). */
export const ROLE: Record<string, Partial<Record<RoleFlag, boolean>>> = {
	admin: { isAdmin: true },
	normal: {},
	readonly: { isReadOnly: true },
	commentonly: { isCommentOnly: true },
	nocomments: { isNoComments: true },
	worker: { isWorker: true },
	readassignedonly: { isReadAssignedOnly: true },
	normalassignedonly: { isNormalAssignedOnly: true },
	commentassignedonly: { isCommentAssignedOnly: true },
};

export function seedMember(h: ServerHarness, boardId: string, user: TestUser, role = 'normal'): void {
	h.wekan.addBoardMember(boardId, user.id, ROLE[role]);
}

/** A list on a board, inserted as Wekan's list insert does (through the schema). */
export function seedList(h: ServerHarness, boardId: string, title: string, swimlaneId = '', sort?: number): string {
	return h.wekan.db.lists.insert({ title, boardId, swimlaneId, ...(sort === undefined ? {} : { sort }) });
}

/** A card, through the cards schema. */
export function seedCard(
	h: ServerHarness,
	fields: { title: string; boardId: string; listId: string; swimlaneId: string; userId: string } & Record<
		string,
		unknown
	>,
): string {
	return h.wekan.db.cards.insert({ sort: 0, ...fields });
}
