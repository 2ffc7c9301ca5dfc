/**
 * A rich board for the export-format and import tests, seeded through the models (as Wekan's own server code
 * writes these documents) and the REST routes: two lists, two swimlanes, labels, cards with people, dates, labels
 * and custom field values, a checklist, comments, an attachment, a subtask, a dependency and a rule.
 */
import { uploadAttachment } from '../wekan-server/models/attachments';
import { addBoardLabel } from '../wekan-server/models/boards';
import { createChecklist } from '../wekan-server/models/checklists';
import { createComment } from '../wekan-server/models/comments';
import { createCustomField } from '../wekan-server/models/customFields';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { seedBoard, seedMember, type ServerHarness, startHarness, type TestUser } from './fixtures';

export interface RichBoard {
	h: ServerHarness;
	/** A site admin who is an active member of the board. */
	admin: TestUser;
	/** The board's owner (an active admin of the board, not a site admin). */
	owner: TestUser;
	/** A read-only member. */
	reader: TestUser;
	/** Logged in, not a member. */
	stranger: TestUser;
	/** A site admin who is not a member. */
	outsideAdmin: TestUser;
	boardId: string;
	swimlaneId: string;
	otherSwimlaneId: string;
	todoId: string;
	doneId: string;
	labels: { bug: string; feature: string };
	fields: { priority: string; size: string; due: string };
	cards: { fix: CardDoc; ship: CardDoc; sub: CardDoc; archived: CardDoc };
	checklistId: string;
	attachmentId: string;
}

export const T0 = new Date('2026-03-01T10:00:00.000Z');

/** A user through the users model with a login token; no password (no test here logs in), which keeps it quick. */
export function tokenUser(h: ServerHarness, username: string, isAdmin = false): TestUser {
	const user = h.wekan.createUser({ username, email: `${username}@example.com`, isAdmin });
	const { token } = h.wekan.issueToken(user._id);
	return { id: user._id, token, username, password: '' };
}

export async function richBoard(): Promise<RichBoard> {
	const h = await startHarness();
	const w = h.wekan;
	const admin = tokenUser(h, 'ada', true);
	const owner = tokenUser(h, 'owen');
	const reader = tokenUser(h, 'rita');
	const stranger = tokenUser(h, 'sam');
	const outsideAdmin = tokenUser(h, 'otto', true);
	const { boardId, swimlaneId } = seedBoard(h, owner, 'Dev Board');
	seedMember(h, boardId, admin, 'normal');
	seedMember(h, boardId, reader, 'readonly');
	w.db.boards.update(boardId, { $set: { description: 'The team board' } });
	const otherSwimlaneId = w.createSwimlane(boardId, 'Ops', 1)._id;
	const todoId = w.createList(boardId, 'Todo', '', 0)._id;
	const doneId = w.createList(boardId, 'Done', '', 1)._id;
	addBoardLabel(w, w.db.boards.findOne(boardId) as never, 'bug', 'red');
	addBoardLabel(w, w.db.boards.findOne(boardId) as never, 'feature', 'green');
	const board = w.db.boards.findOne(boardId);
	const labelId = (name: string) => (board?.labels ?? []).find((label) => label.name === name)?._id as string;
	const labels = { bug: labelId('bug'), feature: labelId('feature') };
	const priority = createCustomField(w, boardId, {
		name: 'Priority',
		type: 'dropdown',
		settings: {
			dropdownItems: [
				{ _id: 'hi', name: 'High' },
				{ _id: 'lo', name: 'Low' },
			],
		},
	} as never)._id;
	const size = createCustomField(w, boardId, { name: 'Size', type: 'number' } as never)._id;
	const due = createCustomField(w, boardId, { name: 'Deadline', type: 'date' } as never)._id;
	const fix = w.createCard({
		title: 'Fix login',
		description: 'Users cannot log in',
		boardId,
		listId: todoId,
		swimlaneId,
		userId: owner.id,
		sort: 1,
		members: [owner.id, reader.id],
		assignees: [admin.id],
		labelIds: [labels.bug],
		requestedBy: 'support',
		dueAt: T0,
		startAt: new Date('2026-02-20T08:30:00.000Z'),
		customFields: [
			{ _id: priority, value: 'hi' },
			{ _id: size, value: 3 },
			{ _id: due, value: new Date('2026-04-01T00:00:00.000Z') },
		],
	} as never);
	const ship = w.createCard({
		title: '=SUM(A1) ship it',
		boardId,
		listId: doneId,
		swimlaneId: otherSwimlaneId,
		userId: admin.id,
		sort: 2,
		labelIds: [labels.feature, labels.bug],
	} as never);
	const sub = w.createCard({
		title: 'Write the test',
		boardId,
		listId: todoId,
		swimlaneId,
		userId: owner.id,
		sort: 3,
		parentId: fix._id,
	} as never);
	const archived = w.createCard({
		title: 'Old idea',
		boardId,
		listId: todoId,
		swimlaneId,
		userId: owner.id,
		sort: 4,
		archived: true,
	} as never);
	const checklistId = createChecklist(w, { cardId: fix._id, title: 'Steps', items: ['Reproduce', 'Patch'] })._id;
	const patch = w.db.checklistItems.findOne({ checklistId, title: 'Patch' });
	w.db.checklistItems.update(patch?._id as string, { $set: { isFinished: true } });
	createComment(w, { boardId, cardId: fix._id, text: 'Seen on staging', userId: reader.id });
	createComment(w, { boardId, cardId: fix._id, text: 'Fixed in 1.2', userId: owner.id });
	w.db.cards.update(fix._id, { $set: { cardDependencies: [{ cardId: ship._id, type: 'blocks' }] } });
	const attachment = uploadAttachment(
		w,
		owner.id,
		{ boardId, swimlaneId, listId: todoId, cardId: fix._id },
		{ name: 'log.txt', type: 'text/plain', data: Buffer.from('stack trace') },
	);
	const rule = await h.call('POST', `/api/boards/${boardId}/rules`, {
		token: owner.token,
		body: {
			title: 'Label moved cards',
			trigger: { activityType: 'moveCard', listName: 'Done', swimlaneName: '*', boardId, desc: 'moved to Done' },
			action: { actionType: 'addLabel', labelId: labels.feature, desc: 'add feature' },
		},
	});
	if (rule.status !== 200) throw new Error(`rule: ${rule.status} ${rule.text}`);
	const fresh = (id: string) => w.db.cards.findOne(id) as CardDoc;
	return {
		h,
		admin,
		owner,
		reader,
		stranger,
		outsideAdmin,
		boardId,
		swimlaneId,
		otherSwimlaneId,
		todoId,
		doneId,
		labels,
		fields: { priority, size, due },
		cards: { fix: fresh(fix._id), ship: fresh(ship._id), sub: fresh(sub._id), archived: fresh(archived._id) },
		checklistId,
		attachmentId: attachment._id,
	};
}
