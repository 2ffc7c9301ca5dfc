/**
 * The Boards model methods for members (models/boards.js:1446-1567, :2124-2215 at Wekan v11.07), the role names of
 * the member routes (boardMemberRoleToFlags, server/lib/utils.js:174-210), and the seeding function that adds a
 * member. Every write is a Boards.updateAsync, so collection2 cleans it and the Boards hooks (models/boards.ts) run:
 * a `members.<i>.isActive: false` in a `$set` is what they treat as a removal.
 */
import type { RoleFlag } from '../permissions';
import type { BoardDoc, BoardMember } from '../schemas/boards';
import type { Wekan } from '../server';

/** BOARD_MEMBER_ROLE_FLAGS (server/lib/utils.js:174-183), in the order the routes pass them. */
export const MEMBER_FLAGS = [
	'isAdmin',
	'isNoComments',
	'isCommentOnly',
	'isWorker',
	'isNormalAssignedOnly',
	'isCommentAssignedOnly',
	'isReadOnly',
	'isReadAssignedOnly',
] as const satisfies readonly RoleFlag[];

export type MemberFlag = (typeof MEMBER_FLAGS)[number];

/** The role names and the one flag each sets (server/lib/utils.js:190-200); 'normal' and 'member' set none. */
const ROLE_NAMES: Record<string, MemberFlag | null> = {
	normal: null,
	member: null,
	admin: 'isAdmin',
	nocomments: 'isNoComments',
	comment: 'isCommentOnly',
	commentonly: 'isCommentOnly',
	worker: 'isWorker',
	normalassignedonly: 'isNormalAssignedOnly',
	commentassignedonly: 'isCommentAssignedOnly',
	readonly: 'isReadOnly',
	readassignedonly: 'isReadAssignedOnly',
};

/**
 * boardMemberRoleToFlags (server/lib/utils.js:185-210): `String(role || '')`, trimmed and lower-cased, to all eight
 * flags (false but the role's own); null for any other name, hyphenated role names ('comment-only') included.
 */
export function boardMemberRoleToFlags(role: unknown): Record<MemberFlag, boolean> | null {
	const normalized = String(role || '')
		.trim()
		.toLowerCase();
	if (!Object.prototype.hasOwnProperty.call(ROLE_NAMES, normalized)) return null;
	const flags = Object.fromEntries(MEMBER_FLAGS.map((flag) => [flag, false])) as Record<MemberFlag, boolean>;
	const flag = ROLE_NAMES[normalized];
	if (flag) flags[flag] = true;
	return flags;
}

const membersOf = (board: Partial<Pick<BoardDoc, 'members'>>): BoardMember[] =>
	Array.isArray(board.members) ? board.members : [];

/** board.memberIndex: the first entry with the user id, active or not; -1 if none. */
export function memberIndex(board: BoardDoc, userId: string): number {
	return membersOf(board).findIndex((m) => m.userId === userId);
}

/** Board.hasMember (models/boards.js:1470-1472): an entry with `isActive === true`, whatever the role. */
export function hasMember(board: Partial<Pick<BoardDoc, 'members'>> | undefined, userId: unknown): boolean {
	return !!board && membersOf(board).some((m) => m.userId === userId && m.isActive === true);
}

/**
 * Board.hasAdmin (models/boards.js:1474-1480), which allowIsBoardAdmin (server/lib/utils.js:5-7) asks: active and
 * `isAdmin === true`.
 */
export function hasAdmin(board: Partial<Pick<BoardDoc, 'members'>> | undefined, userId: unknown): boolean {
	return !!board && membersOf(board).some((m) => m.userId === userId && m.isActive === true && m.isAdmin === true);
}

/** board.activeAdmins. */
export function activeAdmins(board: BoardDoc): BoardMember[] {
	return membersOf(board).filter((m) => m.isActive === true && m.isAdmin === true);
}

/** board.addMember (models/boards.js:2131-2155): reactivates an entry, or pushes a plain member. */
export function addMember(wekan: Wekan, board: BoardDoc, userId: string): number {
	const index = memberIndex(board, userId);
	if (index >= 0) return wekan.db.boards.update(board._id, { $set: { [`members.${index}.isActive`]: true } });
	return wekan.db.boards.update(board._id, {
		$push: {
			members: {
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
			},
		},
	});
}

/**
 * board.removeMember (models/boards.js:2157-2184): an entry whose account no longer exists (or no entry) is
 * filtered out of `members` (#5330); the last active admin is only set active again; anyone else is deactivated and
 * loses the admin flag, the entry kept (#5122).
 */
export function removeMember(wekan: Wekan, board: BoardDoc, userId: string): number {
	const index = memberIndex(board, userId);
	if (index < 0 || !wekan.db.users.findOne(userId)) {
		return wekan.db.boards.update(board._id, {
			$set: { members: membersOf(board).filter((m) => m.userId !== userId) },
		});
	}
	const allowRemove = !membersOf(board)[index].isAdmin || activeAdmins(board).length > 1;
	if (!allowRemove) return wekan.db.boards.update(board._id, { $set: { [`members.${index}.isActive`]: true } });
	return wekan.db.boards.update(board._id, {
		$set: { [`members.${index}.isActive`]: false, [`members.${index}.isAdmin`]: false },
	});
}

/**
 * board.setMemberPermission (models/boards.js:2186-2215): sets the eight flags of the user's first entry. The last
 * four default to false when undefined (JavaScript default parameters); the first four are written as given, and
 * an undefined one is left out of the write (Meteor's driver ignores undefined). Changing your own entry keeps your
 * admin flag; for a user without an entry the index is -1, whose keys collection2 filters out, so only modifiedAt
 * is written, and for yourself reading the missing entry throws a TypeError.
 */
export function setMemberPermission(
	wekan: Wekan,
	board: BoardDoc,
	userId: string,
	flags: Partial<Record<MemberFlag, unknown>>,
	currentUserId: string | null | undefined,
): number {
	const index = memberIndex(board, userId);
	let isAdmin = flags.isAdmin;
	if (userId === currentUserId) {
		const own = membersOf(board)[index];
		if (!own) throw new TypeError("Cannot read properties of undefined (reading 'isAdmin')");
		isAdmin = own.isAdmin;
	}
	const values: Record<MemberFlag, unknown> = {
		isAdmin,
		isNoComments: flags.isNoComments,
		isCommentOnly: flags.isCommentOnly,
		isWorker: flags.isWorker,
		isNormalAssignedOnly: flags.isNormalAssignedOnly ?? false,
		isCommentAssignedOnly: flags.isCommentAssignedOnly ?? false,
		isReadOnly: flags.isReadOnly ?? false,
		isReadAssignedOnly: flags.isReadAssignedOnly ?? false,
	};
	const set: Record<string, unknown> = {};
	for (const flag of MEMBER_FLAGS) if (values[flag] !== undefined) set[`members.${index}.${flag}`] = values[flag];
	return wekan.db.boards.update(board._id, { $set: set });
}

/**
 * board.changeOwnership (models/boards.js:2124-2129): the first entry of `fromId` gets the user id `toId`, keeping
 * that entry's flags.
 */
export function changeOwnership(wekan: Wekan, board: BoardDoc, fromId: string, toId: string): number {
	return wekan.db.boards.update(board._id, { $set: { [`members.${memberIndex(board, fromId)}.userId`]: toId } });
}

/**
 * Seeding: makes the user an active member with these role flags, as Wekan's server code does it (board.addMember,
 * then board.setMemberPermission), so the Boards hooks run. Flags not given are false.
 */
export function addBoardMember(
	wekan: Wekan,
	boardId: string,
	userId: string,
	flags: Partial<Record<RoleFlag, boolean>> = {},
): void {
	const board = wekan.db.boards.findOne(boardId);
	if (!board) throw new Error(`board ${boardId} not found`);
	addMember(wekan, board, userId);
	const updated = wekan.db.boards.findOne(boardId) as BoardDoc;
	const all = Object.fromEntries(MEMBER_FLAGS.map((flag) => [flag, flags[flag] === true]));
	setMemberPermission(wekan, updated, userId, all, null);
}
