/** Board roles: the names Wekan's member routes accept, and the role a member's flags amount to. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { fetchBoard } from '../board/boardRef';

/**
 * The roles (models/lib/boardRoleCapabilities.js:57-76) under the names boardMemberRoleToFlags takes
 * (server/lib/utils.js:185-210).
 */
export const ROLE_PROPERTY: INodeProperties = {
	displayName: 'Role',
	name: 'role',
	type: 'options',
	options: [
		{ name: 'Admin', value: 'admin', description: 'Full control of the board, its settings and its members' },
		{
			name: 'Comment on Assigned Only',
			value: 'commentassignedonly',
			description: 'May comment, nothing else, and sees only cards assigned to them',
		},
		{ name: 'Comment Only', value: 'commentonly', description: 'May comment, nothing else; cannot use Wekan\'s read API' },
		{ name: 'No Comments', value: 'nocomments', description: 'May change the board but not comment; cannot use Wekan\'s read API' },
		{ name: 'Normal', value: 'normal', description: 'May change the board and comment' },
		{
			name: 'Normal on Assigned Only',
			value: 'normalassignedonly',
			description: 'May change cards and comment, and sees only cards assigned to them',
		},
		{ name: 'Read Assigned Only', value: 'readassignedonly', description: 'May read the cards assigned to them' },
		{ name: 'Read Only', value: 'readonly', description: 'May read the board' },
		{
			name: 'Worker',
			value: 'worker',
			description: 'May comment, move cards and assign themselves; cannot use Wekan\'s read API',
		},
	],
	default: 'normal',
};

export const ROLES = (ROLE_PROPERTY.options as Array<{ value: string }>).map((o) => o.value);

/** The flag that names each role (models/lib/boardRoleCapabilities.js:32-41). */
const ROLE_FLAG: Record<string, string> = {
	admin: 'isAdmin',
	normalassignedonly: 'isNormalAssignedOnly',
	nocomments: 'isNoComments',
	commentonly: 'isCommentOnly',
	commentassignedonly: 'isCommentAssignedOnly',
	worker: 'isWorker',
	readonly: 'isReadOnly',
	readassignedonly: 'isReadAssignedOnly',
};

/** The order in which a member's flags decide the role when several are set (memberRoleOf, :86-94): strongest first. */
const PRECEDENCE = [
	'admin',
	'normalassignedonly',
	'nocomments',
	'commentonly',
	'commentassignedonly',
	'worker',
	'readonly',
	'readassignedonly',
];

export function roleOf(member: IDataObject): string {
	for (const role of PRECEDENCE) if (member[ROLE_FLAG[role]] === true) return role;
	return 'normal';
}

export function roleParameter(item: ItemContext): string {
	const role = item.string('role', 'Role').trim().toLowerCase();
	if (!ROLES.includes(role)) throw item.fail(`"${role}" is not a Wekan board role`, `Use one of: ${ROLES.join(', ')}.`);
	return role;
}

/**
 * The body of the add and role routes. Wekan 9.36 and later read the `role` name (#5998) and ignore the flags;
 * older versions read only the eight flags, as the strings 'true' and 'false' (they call toLowerCase on them).
 */
export function roleBody(role: string): IDataObject {
	const body: IDataObject = { role };
	for (const flag of Object.values(ROLE_FLAG)) body[flag] = String(ROLE_FLAG[role] === flag);
	return body;
}

/** A board member as output: the board, the user, the role, and Wekan's flags. */
export function memberOutput(boardId: string, member: IDataObject): IDataObject {
	return { boardId, userId: member.userId, role: roleOf(member), ...member };
}

/**
 * A user's place on a board: `first` is the entry Wekan's member writes change (board.memberIndex, the first with the
 * user's id, models/boards.js:1466-1468), `active` an active entry if any (board.hasMember, :1470-1472). Take
 * Ownership can leave a user with two entries, an inactive first one and an active second one.
 */
export interface Membership {
	first?: IDataObject;
	active?: IDataObject;
}

/** The user's entries on the board, read from the board document (the only place Wekan lists members). */
export async function findMember(item: ItemContext, boardId: string, userId: string): Promise<Membership> {
	const board = await fetchBoard(item, boardId);
	const entries = ((board.members as IDataObject[] | undefined) ?? []).filter((m) => m.userId === userId);
	return { first: entries[0], active: entries.find((m) => m.isActive === true) };
}

/** Refuses a member whose first entry is not the active one: Wekan would change the inactive entry and nothing else. */
export function checkWritable(item: ItemContext, boardId: string, userId: string, member: Membership): void {
	if (member.active && member.first !== member.active) {
		throw item.fail(
			`Wekan cannot change user ${userId} on board ${boardId}: the user has an inactive member entry before the active one`,
			'Wekan\'s member routes change only the first entry (left by an earlier Take Ownership or removal), which is not the one in use.',
		);
	}
}

/** The Member parameter: a dropdown of the board's members, or an ID from an expression. */
export const MEMBER_PROPERTY: INodeProperties = {
	displayName: 'Member Name or ID',
	name: 'memberId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
	default: '',
	required: true,
	description:
		'A member of the board. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** `writes` of the member operations: items changing the members of one board go in input order. */
export function boardWrites(item: ItemContext): string[] {
	return [`board:${item.locatorId('boardId', 'Board')}`];
}
