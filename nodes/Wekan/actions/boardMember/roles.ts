/** Board roles: the names Wekan's member routes accept, and the role a member's flags amount to. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { fetchBoard } from '../board/boardRef';

export const ROLE_PROPERTY: INodeProperties = {
	displayName: 'Role',
	name: 'role',
	type: 'options',
	options: [
		{ name: 'Admin', value: 'admin', description: 'Full control of the board, its members and labels' },
		{ name: 'Comment on Assigned Only', value: 'commentassignedonly', description: 'May comment on cards assigned to them' },
		{ name: 'Comment Only', value: 'commentonly', description: 'May comment, nothing else; cannot use Wekan\'s read API' },
		{ name: 'No Comments', value: 'nocomments', description: 'May change the board but not comment' },
		{ name: 'Normal', value: 'normal', description: 'May change the board and comment' },
		{ name: 'Normal on Assigned Only', value: 'normalassignedonly', description: 'May change cards assigned to them' },
		{ name: 'Read Assigned Only', value: 'readassignedonly', description: 'May read cards assigned to them' },
		{ name: 'Read Only', value: 'readonly', description: 'May read the board' },
		{ name: 'Worker', value: 'worker', description: 'May comment and move cards; cannot use Wekan\'s read API' },
	],
	default: 'normal',
};

export const ROLES = (ROLE_PROPERTY.options as Array<{ value: string }>).map((o) => o.value);

/** In Wekan's order of precedence (models/lib/boardRoleCapabilities.js), the flag that decides each role. */
const FLAG_ROLES: Array<[string, string]> = [
	['isAdmin', 'admin'],
	['isNoComments', 'nocomments'],
	['isCommentOnly', 'commentonly'],
	['isCommentAssignedOnly', 'commentassignedonly'],
	['isWorker', 'worker'],
	['isReadOnly', 'readonly'],
	['isReadAssignedOnly', 'readassignedonly'],
	['isNormalAssignedOnly', 'normalassignedonly'],
];

export function roleOf(member: IDataObject): string {
	for (const [flag, role] of FLAG_ROLES) if (member[flag] === true) return role;
	return 'normal';
}

export function roleParameter(item: ItemContext): string {
	const role = item.string('role', 'Role').toLowerCase();
	if (!ROLES.includes(role)) throw item.fail(`"${role}" is not a Wekan board role`, `Use one of: ${ROLES.join(', ')}.`);
	return role;
}

/** A board member as output: the board, the user, the role, and Wekan's flags. */
export function memberOutput(boardId: string, member: IDataObject): IDataObject {
	return { boardId, userId: member.userId, role: roleOf(member), ...member };
}

/** The member entry of a user on a board, read from the board document (the only place Wekan lists members). */
export async function findMember(item: ItemContext, boardId: string, userId: string): Promise<IDataObject | undefined> {
	const board = await fetchBoard(item, boardId);
	return ((board.members as IDataObject[] | undefined) ?? []).find((m) => m.userId === userId);
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
