/**
 * Boards (models/boards.js, server/models/boards.js): creation, members.
 */
import { type BoardDoc, type BoardMember, boardsSchema } from '../schemas/boards';
import type { RoleFlag } from '../permissions';
import type { Wekan } from '../server';
import { createSwimlane } from './swimlanes';

export interface NewBoard {
	title: string;
	ownerId: string;
	permission?: 'public' | 'private';
	color?: string;
	type?: BoardDoc['type'];
}

/** Attaches the boards schema and registers the boards hooks. */
export function registerBoards(wekan: Wekan): void {
	wekan.db.boards.attachSchema(boardsSchema(wekan.db));
}

const ROLE_FLAG_NAMES: RoleFlag[] = [
	'isAdmin',
	'isNoComments',
	'isCommentOnly',
	'isWorker',
	'isNormalAssignedOnly',
	'isCommentAssignedOnly',
	'isReadOnly',
	'isReadAssignedOnly',
];

export function newMemberEntry(userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): BoardMember {
	const member: BoardMember = { userId, isAdmin: false, isActive: true };
	for (const flag of ROLE_FLAG_NAMES) (member as unknown as Record<string, boolean>)[flag] = flags[flag] === true;
	return member;
}

export function createBoard(wekan: Wekan, input: NewBoard): BoardDoc {
	const id = wekan.db.boards.insert({
		title: input.title,
		permission: input.permission ?? 'private',
		color: input.color ?? 'belize',
		type: input.type ?? 'board',
		members: [newMemberEntry(input.ownerId, { isAdmin: true })],
	});
	createSwimlane(wekan, id, 'Default');
	return wekan.db.boards.findOne(id) as BoardDoc;
}

export function addBoardMember(wekan: Wekan, boardId: string, userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): void {
	const board = wekan.db.boards.findOne(boardId);
	if (!board) throw new Error(`board ${boardId} not found`);
	const entry = newMemberEntry(userId, flags);
	if (board.members.some((m) => m.userId === userId)) {
		wekan.db.boards.direct.update({ _id: boardId, 'members.userId': userId }, { $set: { 'members.$': entry } });
	} else {
		wekan.db.boards.direct.update(boardId, { $push: { members: entry } });
	}
}

