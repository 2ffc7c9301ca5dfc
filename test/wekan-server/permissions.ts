/**
 * Wekan's REST permission levels (wekan-api.md §1.5): server/authentication.js and the role table in
 * models/lib/boardRoleCapabilities.js. Each check throws the Meteor.Error the route's style then renders.
 */
import { forbidden, MeteorError, unauthorized } from './errors';
import type { BoardDoc, BoardMember, Store } from './model';

export type Role =
	| 'admin'
	| 'normal'
	| 'normal-assigned-only'
	| 'no-comments'
	| 'comment-only'
	| 'comment-assigned-only'
	| 'worker'
	| 'read-only'
	| 'read-assigned-only';

export type Capability = 'write' | 'comment';

const CAPABILITIES: Record<Role, Capability[]> = {
	admin: ['write', 'comment'],
	normal: ['write', 'comment'],
	'normal-assigned-only': ['write', 'comment'],
	'no-comments': ['write'],
	'comment-only': ['comment'],
	'comment-assigned-only': ['comment'],
	worker: ['comment'],
	'read-only': [],
	'read-assigned-only': [],
};

export const ROLE_FLAGS = [
	'isAdmin',
	'isNoComments',
	'isCommentOnly',
	'isWorker',
	'isNormalAssignedOnly',
	'isCommentAssignedOnly',
	'isReadOnly',
	'isReadAssignedOnly',
] as const;

export type RoleFlag = (typeof ROLE_FLAGS)[number];

export function roleOf(member: BoardMember): Role {
	if (member.isAdmin) return 'admin';
	if (member.isNoComments) return 'no-comments';
	if (member.isCommentOnly) return 'comment-only';
	if (member.isCommentAssignedOnly) return 'comment-assigned-only';
	if (member.isWorker) return 'worker';
	if (member.isReadOnly) return 'read-only';
	if (member.isReadAssignedOnly) return 'read-assigned-only';
	if (member.isNormalAssignedOnly) return 'normal-assigned-only';
	return 'normal';
}

/** The role names the members route accepts (case-insensitive), mapped to the flag they set. */
export const ROLE_NAMES: Record<string, RoleFlag | null> = {
	admin: 'isAdmin',
	normal: null,
	member: null,
	nocomments: 'isNoComments',
	comment: 'isCommentOnly',
	commentonly: 'isCommentOnly',
	worker: 'isWorker',
	normalassignedonly: 'isNormalAssignedOnly',
	commentassignedonly: 'isCommentAssignedOnly',
	readonly: 'isReadOnly',
	readassignedonly: 'isReadAssignedOnly',
};

export function newMember(userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): BoardMember {
	const member: BoardMember = {
		userId,
		isAdmin: false,
		isActive: true,
		isNoComments: false,
		isCommentOnly: false,
		isWorker: false,
		isNormalAssignedOnly: false,
		isCommentAssignedOnly: false,
		isReadOnly: false,
		isReadAssignedOnly: false,
	};
	for (const flag of ROLE_FLAGS) if (flags[flag] !== undefined) member[flag] = Boolean(flags[flag]);
	return member;
}

export class Permissions {
	constructor(private readonly store: Store) {}

	isSiteAdmin(userId: string | undefined): boolean {
		return !!userId && this.store.users.get(userId)?.isAdmin === true;
	}

	activeMember(board: BoardDoc, userId: string | undefined): BoardMember | undefined {
		return board.members.find((m) => m.userId === userId && m.isActive);
	}

	/** checkLoggedIn */
	loggedIn(userId: string | undefined): asserts userId is string {
		if (!userId) throw unauthorized();
	}

	/** checkUserId: despite its name, a site-admin check. */
	siteAdmin(userId: string | undefined): asserts userId is string {
		this.loggedIn(userId);
		if (!this.isSiteAdmin(userId)) throw forbidden();
	}

	private board(boardId: string): BoardDoc {
		const board = this.store.boards.get(boardId);
		if (!board) throw new MeteorError('not-found', 'Board not found', 404);
		return board;
	}

	/** checkBoardAccess: an active member who is not no-comments, comment-only or worker; or a site admin. */
	boardRead(userId: string | undefined, boardId: string): BoardDoc {
		this.loggedIn(userId);
		const board = this.board(boardId);
		if (this.isSiteAdmin(userId)) return board;
		const member = this.activeMember(board, userId);
		if (!member || member.isNoComments || member.isCommentOnly || member.isWorker) throw forbidden();
		return board;
	}

	/** checkBoardWriteAccess: the role's `write` capability, or a site admin. */
	boardWrite(userId: string | undefined, boardId: string): BoardDoc {
		return this.capability(userId, boardId, 'write');
	}

	/** allowIsBoardMemberCommentOnly: the role's `comment` capability, or a site admin. */
	boardComment(userId: string | undefined, boardId: string): BoardDoc {
		return this.capability(userId, boardId, 'comment');
	}

	/** checkBoardAdmin: an active board admin, or a site admin. */
	boardAdmin(userId: string | undefined, boardId: string): BoardDoc {
		this.loggedIn(userId);
		const board = this.board(boardId);
		if (this.isSiteAdmin(userId)) return board;
		if (!this.activeMember(board, userId)?.isAdmin) throw forbidden();
		return board;
	}

	private capability(userId: string | undefined, boardId: string, capability: Capability): BoardDoc {
		this.loggedIn(userId);
		const board = this.board(boardId);
		if (this.isSiteAdmin(userId)) return board;
		const member = this.activeMember(board, userId);
		if (!member || !CAPABILITIES[roleOf(member)].includes(capability)) throw forbidden();
		return board;
	}
}
