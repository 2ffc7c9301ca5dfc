/**
 * Boards (models/boards.js, server/models/boards.js): creation, members.
 */
import type { BoardDoc } from '../model';
import type { RoleFlag } from '../permissions';
import type { Wekan } from '../server';
import { createSwimlane } from './swimlanes';

export interface NewBoard {
	title: string;
	ownerId: string;
	permission?: 'public' | 'private';
	color?: string;
	type?: string;
}

/** Attaches the boards schema and registers the boards hooks. */
export function registerBoards(_wekan: Wekan): void {}

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

export function newMemberEntry(userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): Record<string, unknown> {
	const member: Record<string, unknown> = { userId, isActive: true };
	for (const flag of ROLE_FLAG_NAMES) member[flag] = flags[flag] === true;
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
	return wekan.db.boards.findOne(id) as unknown as BoardDoc;
}

export function addBoardMember(wekan: Wekan, boardId: string, userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): void {
	const board = wekan.db.boards.findOne(boardId) as unknown as BoardDoc | undefined;
	if (!board) throw new Error(`board ${boardId} not found`);
	const entry = newMemberEntry(userId, flags);
	if (board.members.some((m) => m.userId === userId)) {
		wekan.db.boards.direct.update({ _id: boardId, 'members.userId': userId }, { $set: { 'members.$': entry } });
	} else {
		wekan.db.boards.direct.update(boardId, { $push: { members: entry } });
	}
}

