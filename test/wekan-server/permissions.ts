/**
 * Wekan's REST permission checks: `Authentication` in server/authentication.js:12-97 and the role table of
 * models/lib/boardRoleCapabilities.js, at Wekan v11.07 (commit f5cc8e373). Each check throws the Meteor.Error the
 * route's error style then renders.
 */
import type { Database } from './db/database';
import { MeteorError } from './errors';

export type Role =
	| 'board-admin'
	| 'normal'
	| 'normal-assigned-only'
	| 'no-comments'
	| 'comment-only'
	| 'comment-assigned-only'
	| 'worker'
	| 'read-only'
	| 'read-assigned-only';

export type Capability = 'seesAllCards' | 'comment' | 'write' | 'manageBoard' | 'moveCard';

/** BOARD_ROLES (boardRoleCapabilities.js:19-29): most power first, the order memberRoleOf tries the flags in. */
export const BOARD_ROLES: Role[] = [
	'board-admin',
	'normal',
	'normal-assigned-only',
	'no-comments',
	'comment-only',
	'comment-assigned-only',
	'worker',
	'read-only',
	'read-assigned-only',
];

/** ROLE_FLAGS (boardRoleCapabilities.js:32-41): the member flag naming each role; 'normal' has none. */
export const ROLE_FLAGS = {
	'board-admin': 'isAdmin',
	'normal-assigned-only': 'isNormalAssignedOnly',
	'no-comments': 'isNoComments',
	'comment-only': 'isCommentOnly',
	'comment-assigned-only': 'isCommentAssignedOnly',
	worker: 'isWorker',
	'read-only': 'isReadOnly',
	'read-assigned-only': 'isReadAssignedOnly',
} as const;

export type RoleFlag = (typeof ROLE_FLAGS)[keyof typeof ROLE_FLAGS];

/** ROLE_CAPABILITIES (boardRoleCapabilities.js:59-78). */
const CAPABILITIES: Record<Role, Capability[]> = {
	'board-admin': ['seesAllCards', 'comment', 'write', 'manageBoard', 'moveCard'],
	normal: ['seesAllCards', 'comment', 'write', 'moveCard'],
	'normal-assigned-only': ['comment', 'write', 'moveCard'],
	'no-comments': ['seesAllCards', 'write', 'moveCard'],
	'comment-only': ['seesAllCards', 'comment'],
	'comment-assigned-only': ['comment'],
	worker: ['seesAllCards', 'comment', 'moveCard'],
	'read-only': ['seesAllCards'],
	'read-assigned-only': [],
};

export interface MemberFlags {
	userId: string;
	isActive?: boolean;
	[flag: string]: unknown;
}

/** memberRoleOf (boardRoleCapabilities.js:86-93): an inactive member has no role; isAdmin beats every flag. */
export function memberRoleOf(member: MemberFlags | undefined): Role | null {
	if (!member || member.isActive !== true) return null;
	if (member.isAdmin) return 'board-admin';
	for (const role of BOARD_ROLES) {
		const flag = (ROLE_FLAGS as Record<string, string>)[role];
		if (flag && flag !== 'isAdmin' && member[flag]) return role;
	}
	return 'normal';
}

/** memberCan (boardRoleCapabilities.js:104-108). */
export function memberCan(members: unknown, userId: string | undefined, capability: Capability): boolean {
	if (!userId || !Array.isArray(members)) return false;
	const member = (members as MemberFlags[]).find((m) => m && m.userId === userId && m.isActive === true);
	const role = memberRoleOf(member);
	return role !== null && CAPABILITIES[role].includes(capability);
}

const withStatus = (error: string, reason: string, statusCode: number) => new MeteorError(error, reason, statusCode);

interface BoardLike {
	_id: string;
	members?: MemberFlags[];
	[key: string]: unknown;
}

export class Permissions {
	constructor(private readonly db: Database) {}

	/** `ReactiveCache.getUser({_id: userId, isAdmin: true})` found someone. */
	isSiteAdmin(userId: string | undefined): boolean {
		return userId !== undefined && this.db.users.findOne({ _id: userId, isAdmin: true }) !== undefined;
	}

	/** checkLoggedIn (authentication.js:30-36). */
	loggedIn(userId: string | undefined): asserts userId is string {
		if (userId === undefined) throw withStatus('Unauthorized', 'Unauthorized', 401);
	}

	/** checkUserId (authentication.js:13-26): despite its name, the site-admin check. */
	siteAdmin(userId: string | undefined): asserts userId is string {
		if (userId === undefined) throw withStatus('Unauthorized', 'Unauthorized', 401);
		if (!this.isSiteAdmin(userId)) throw withStatus('Forbidden', 'Forbidden', 403);
	}

	/** checkAdminOrCondition (authentication.js:40-48). */
	adminOr(userId: string | undefined, condition: boolean): void {
		if (condition) return;
		if (!this.isSiteAdmin(userId)) throw withStatus('Forbidden', 'Forbidden', 403);
	}

	/** checkBoardExists (authentication.js:89-96). */
	existingBoard(boardId: string): BoardLike {
		const board = this.db.boards.findOne(boardId) as BoardLike | undefined;
		if (!board) throw withStatus('NotFound', 'Board not found', 404);
		return board;
	}

	/**
	 * checkBoardAccess (authentication.js:51-57): an active member who is not no-comments, comment-only or worker
	 * (read-only members pass), or a site admin.
	 */
	boardRead(userId: string | undefined, boardId: string): BoardLike {
		this.loggedIn(userId);
		const board = this.existingBoard(boardId);
		const normalAccess = (board.members ?? []).some(
			(m) => m.userId === userId && !!m.isActive && !m.isNoComments && !m.isCommentOnly && !m.isWorker,
		);
		this.adminOr(userId, normalAccess);
		return board;
	}

	/** checkBoardWriteAccess (authentication.js:61-77): the role table's `write`, or a site admin. */
	boardWrite(userId: string | undefined, boardId: string): BoardLike {
		this.loggedIn(userId);
		const board = this.existingBoard(boardId);
		this.adminOr(userId, memberCan(board.members, userId, 'write'));
		return board;
	}

	/** checkBoardAdmin (authentication.js:80-86): an active board admin, or a site admin. */
	boardAdmin(userId: string | undefined, boardId: string): BoardLike {
		this.loggedIn(userId);
		const board = this.existingBoard(boardId);
		this.adminOr(userId, (board.members ?? []).some((m) => m.userId === userId && !!m.isActive && !!m.isAdmin));
		return board;
	}

	/**
	 * allowIsBoardMemberCommentOnly (server/lib/utils.js:25-27): the role table's `comment`. A boolean, not a check:
	 * each route decides what to answer when it is false.
	 */
	canComment(userId: string | undefined, board: BoardLike | undefined): boolean {
		return !!board && memberCan(board.members, userId, 'comment');
	}

	/** allowIsBoardMemberWithWriteAccess (server/lib/utils.js:55-57). */
	canWrite(userId: string | undefined, board: BoardLike | undefined): boolean {
		return !!board && memberCan(board.members, userId, 'write');
	}
}
