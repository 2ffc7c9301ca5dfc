/**
 * A board seeded through the models (so the card tests do not depend on the user and board routes), one user per
 * role, each with a login token.
 */
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { ServerHarness, TestUser } from './helpers';

export interface CardFixture {
	admin: TestUser;
	owner: TestUser;
	normal: TestUser;
	reader: TestUser;
	commenter: TestUser;
	outsider: TestUser;
	boardId: string;
	swimlaneId: string;
	listId: string;
	list2Id: string;
	/** `/api/boards/<boardId>/lists/<listId>/cards` */
	listPath: string;
}

/** A user as Wekan stores one, logged in (a resume token on the users collection). */
export function seedUser(h: ServerHarness, username: string, isAdmin = false): TestUser {
	const password = `${username}-password`;
	const user = h.wekan.createUser({ username, email: `${username}@example.com`, password, isAdmin });
	const { token } = h.wekan.issueToken(user._id);
	return { id: user._id, token, username, password };
}

export function seedCardFixture(h: ServerHarness): CardFixture {
	const admin = seedUser(h, 'siteadmin', true);
	const owner = seedUser(h, 'owner');
	const normal = seedUser(h, 'normal');
	const reader = seedUser(h, 'reader');
	const commenter = seedUser(h, 'commenter');
	const outsider = seedUser(h, 'outsider');
	const board = h.wekan.createBoard({ title: 'Cards', ownerId: owner.id });
	h.wekan.addBoardMember(board._id, normal.id);
	h.wekan.addBoardMember(board._id, reader.id, { isReadOnly: true });
	h.wekan.addBoardMember(board._id, commenter.id, { isCommentOnly: true });
	const swimlaneId = h.wekan.defaultSwimlaneId(board._id) as string;
	const listId = h.wekan.createList(board._id, 'Todo', swimlaneId, 0)._id;
	const list2Id = h.wekan.createList(board._id, 'Done', swimlaneId, 1)._id;
	return {
		admin,
		owner,
		normal,
		reader,
		commenter,
		outsider,
		boardId: board._id,
		swimlaneId,
		listId,
		list2Id,
		listPath: `/api/boards/${board._id}/lists/${listId}/cards`,
	};
}

/** A second board owned by `ownerId`, with its default swimlane and one list. */
export function seedOtherBoard(h: ServerHarness, ownerId: string, title = 'Other') {
	const board = h.wekan.createBoard({ title, ownerId });
	const swimlaneId = h.wekan.defaultSwimlaneId(board._id) as string;
	const listId = h.wekan.createList(board._id, 'Inbox', swimlaneId, 0)._id;
	return { boardId: board._id, swimlaneId, listId };
}

/** The stored card. */
export function cardOf(h: ServerHarness, id: string): CardDoc {
	const card = h.wekan.db.cards.findOne(id);
	if (!card) throw new Error(`no card ${id}`);
	return card;
}

/** Changes a stored card as a database write would, without hooks or schema. */
export function patchCard(h: ServerHarness, id: string, fields: Record<string, unknown>): void {
	h.wekan.db.cards.raw.update({ _id: id }, { $set: fields });
}

export function activitiesOf(h: ServerHarness, activityType: string, cardId?: string) {
	return h.wekan.db.activities.find(cardId === undefined ? { activityType } : { activityType, cardId });
}
