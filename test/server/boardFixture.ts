/**
 * A board with one member of every role, seeded through the models (as Wekan's own server code creates users,
 * boards, lists and cards), and tokens issued for each user, for the route tests of checklists, comments and custom
 * fields.
 */
import { createCard } from '../wekan-server/models/cards';
import type { RoleFlag } from '../wekan-server/permissions';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { type ServerHarness, startHarness, type TestUser } from './helpers';

export type MemberName =
	| 'owner'
	| 'normal'
	| 'readOnly'
	| 'commentOnly'
	| 'noComments'
	| 'worker'
	| 'normalAssignedOnly'
	| 'commentAssignedOnly'
	| 'readAssignedOnly'
	| 'inactive';

const ROLES: Record<Exclude<MemberName, 'owner' | 'inactive'>, Partial<Record<RoleFlag, boolean>>> = {
	normal: {},
	readOnly: { isReadOnly: true },
	commentOnly: { isCommentOnly: true },
	noComments: { isNoComments: true },
	worker: { isWorker: true },
	normalAssignedOnly: { isNormalAssignedOnly: true },
	commentAssignedOnly: { isCommentAssignedOnly: true },
	readAssignedOnly: { isReadAssignedOnly: true },
};

export interface BoardFixture {
	h: ServerHarness;
	users: Record<MemberName | 'siteAdmin' | 'outsider', TestUser>;
	boardId: string;
	swimlaneId: string;
	listId: string;
	card: CardDoc;
	/** Another board, owned by the same owner, with one card. */
	otherBoardId: string;
	otherCard: CardDoc;
	/** A further card on the board. */
	newCard(title?: string): CardDoc;
}

/** Creates a user through the users model and logs them in (a resume token). */
export function seedUser(h: ServerHarness, username: string, isAdmin = false): TestUser {
	const password = `${username}-password`;
	const user = h.wekan.createUser({ username, email: `${username}@example.com`, password, isAdmin });
	const { token } = h.wekan.issueToken(user._id);
	return { id: user._id, token, username, password };
}

export async function boardFixture(): Promise<BoardFixture> {
	const h = await startHarness();
	const w = h.wekan;
	const siteAdmin = seedUser(h, 'siteadmin', true);
	const owner = seedUser(h, 'owner');
	const outsider = seedUser(h, 'outsider');
	const board = w.createBoard({ title: 'Board', ownerId: owner.id });
	const members = {} as Record<MemberName, TestUser>;
	members.owner = owner;
	for (const [name, flags] of Object.entries(ROLES) as Array<
		[keyof typeof ROLES, Partial<Record<RoleFlag, boolean>>]
	>) {
		members[name] = seedUser(h, name);
		w.addBoardMember(board._id, members[name].id, flags);
	}
	members.inactive = seedUser(h, 'inactive');
	w.addBoardMember(board._id, members.inactive.id);
	w.db.boards.direct.update(
		{ _id: board._id, 'members.userId': members.inactive.id },
		{ $set: { 'members.$.isActive': false } },
	);
	const swimlaneId = w.defaultSwimlaneId(board._id) as string;
	const listId = w.createList(board._id, 'To Do', swimlaneId, 0)._id;
	const newCard = (title = 'Card') =>
		createCard(w, { title, boardId: board._id, listId, swimlaneId, userId: owner.id });
	const other = w.createBoard({ title: 'Other', ownerId: owner.id });
	const otherSwimlaneId = w.defaultSwimlaneId(other._id) as string;
	const otherListId = w.createList(other._id, 'Elsewhere', otherSwimlaneId, 0)._id;
	const otherCard = createCard(w, {
		title: 'Other card',
		boardId: other._id,
		listId: otherListId,
		swimlaneId: otherSwimlaneId,
		userId: owner.id,
	});
	return {
		h,
		users: { ...members, siteAdmin, outsider },
		boardId: board._id,
		swimlaneId,
		listId,
		card: newCard(),
		otherBoardId: other._id,
		otherCard,
		newCard,
	};
}

/**
 * Empties the collections the child-document tests write (checklists, items, comments, custom fields, activities),
 * so one fixture can serve a whole file: users, boards, lists and cards stay.
 */
export function resetChildren(f: BoardFixture): void {
	const { db } = f.h.wekan;
	for (const collection of [db.checklists, db.checklistItems, db.card_comments, db.customFields, db.activities])
		collection.clear();
}
