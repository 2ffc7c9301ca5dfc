/**
 * The web-UI actions (ui.ts) as the writes Wekan v11.07's client makes, each in the acting user's Meteor method, so
 * every collection hook sees that user (collection-hooks' userId). The hooks that turn these writes into activities
 * belong to each model; here a probe hook records which user each write carried.
 */
import { seedCardDoc, type SeededBoard, seedMember, seedUser, seedWorkBoard, type ServerHarness, startHarness, type TestUser } from './fixtures';

describe('web-UI actions (ui.ts)', () => {
	let h: ServerHarness;
	let alice: TestUser;
	let bob: TestUser;
	let seeded: SeededBoard;
	let boardId: string;
	/** [collection, operation, userId] of every hooked write. */
	const writes: Array<[string, string, string | undefined]> = [];

	beforeAll(async () => {
		h = await startHarness();
		const { db } = h.wekan;
		for (const collection of [
			db.cards,
			db.card_comments,
			db.checklists,
			db.checklistItems,
			db.lists,
			db.swimlanes,
			db.attachments,
			db.customFields,
		]) {
			const name = collection.name;
			collection.after.insert((userId) => void writes.push([name, 'insert', userId]));
			collection.after.update((userId) => void writes.push([name, 'update', userId]));
			collection.after.remove((userId) => void writes.push([name, 'remove', userId]));
		}
	});
	afterAll(() => h.close());

	beforeEach(() => {
		h.wekan.reset();
		seedUser(h, 'admin', { isAdmin: true });
		alice = seedUser(h, 'alice');
		bob = seedUser(h, 'bob');
		seeded = seedWorkBoard(h, alice);
		boardId = seeded.boardId;
		seedMember(h, boardId, bob);
		writes.length = 0;
	});

	const card = () => h.wekan.db.cards.findOne(seeded.card._id)!;

	it(
		'creates a card as the list form does: at the end, next ' +
			'card number, the actor as author (listBody.js:159-244)',
		() => {
			const created = h.wekan.ui.createCard(bob.id, {
				boardId,
				listId: seeded.todo._id,
				swimlaneId: seeded.swimlaneId,
				title: 'New',
			});
			expect(created).toMatchObject({
				title: 'New',
				boardId,
				listId: seeded.todo._id,
				swimlaneId: seeded.swimlaneId,
				userId: bob.id,
				sort: 1,
				type: 'cardType-card',
				members: [],
				labelIds: [],
				customFields: [],
				linkedId: '',
				archived: false,
			});
			expect(writes).toEqual([['cards', 'insert', bob.id]]);
		},
	);

	it('edits the title, description and dates with $set, and clears a date with $unset (models/cards.js)', () => {
		h.wekan.ui.editCardTitle(bob.id, seeded.card._id, 'Renamed');
		h.wekan.ui.editCardDescription(bob.id, seeded.card._id, 'Some text');
		const due = new Date('2030-01-01T00:00:00Z');
		h.wekan.ui.setCardDate(bob.id, seeded.card._id, 'dueAt', due);
		expect(card()).toMatchObject({ title: 'Renamed', description: 'Some text', dueAt: due });
		h.wekan.ui.setCardDate(bob.id, seeded.card._id, 'dueAt', null);
		expect(card()).not.toHaveProperty('dueAt');
		expect(writes).toEqual(Array(4).fill(['cards', 'update', bob.id]));
	});

	it('moves within the board writing only what changes, nothing when nothing does (cardMoveModifier.js)', () => {
		h.wekan.ui.moveCard(bob.id, seeded.card._id, { listId: seeded.todo._id });
		expect(writes).toEqual([]);
		h.wekan.ui.moveCard(bob.id, seeded.card._id, { listId: seeded.done._id, sort: 3 });
		expect(card()).toMatchObject({ listId: seeded.done._id, sort: 3, boardId });
		expect(writes).toEqual([['cards', 'update', bob.id]]);
	});

	it(
		'moves to another board: labels by name, new card number, ' +
			'members who are not there dropped, dependencies cleared',
		() => {
			const target = seedWorkBoard(h, alice, 'Target');
			h.wekan.db.cards.update(target.card._id, { $set: { cardNumber: 4 } });
			h.wekan.db.boards.update(boardId, {
				$set: {
					labels: [
						{ _id: 'l1', name: 'bug', color: 'red' },
						{ _id: 'l2', name: 'ui', color: 'blue' },
					],
				},
			});
			h.wekan.db.boards.update(target.boardId, { $set: { labels: [{ _id: 't1', name: 'bug', color: 'green' }] } });
			h.wekan.db.cards.update(seeded.card._id, { $set: { labelIds: ['l1', 'l2'], members: [alice.id, bob.id] } });
			const fieldId = h.wekan.db.customFields.insert({
				boardIds: [boardId],
				name: 'Points',
				type: 'number',
				settings: {},
			});
			h.wekan.db.cards.update(seeded.card._id, { $set: { customFields: [{ _id: fieldId, value: 3 }] } });
			writes.length = 0;
			h.wekan.ui.moveCard(bob.id, seeded.card._id, {
				boardId: target.boardId,
				swimlaneId: target.swimlaneId,
				listId: target.todo._id,
			});
			expect(card()).toMatchObject({
				boardId: target.boardId,
				listId: target.todo._id,
				swimlaneId: target.swimlaneId,
				labelIds: ['t1'],
				members: [alice.id],
				customFields: [{ _id: fieldId, value: 3 }],
				cardDependencies: [],
				cardNumber: 5,
			});
			// The field is shared with the new board (Card.mapCustomFieldsToBoard, models/cards.js:862-909).
			expect(h.wekan.db.customFields.findOne(fieldId)?.boardIds).toEqual([boardId, target.boardId]);
			expect(writes).toEqual([
				['customFields', 'update', bob.id],
				['cards', 'update', bob.id],
			]);
		},
	);

	it(
		'archives a card with its subtasks and restores it; a card ' +
			'others link to is not deleted (cardDetails.js:2412-2430)',
		() => {
			const sub = seedCardDoc(h, {
				title: 'Sub',
				boardId,
				listId: seeded.todo._id,
				swimlaneId: seeded.swimlaneId,
				userId: alice.id,
				parentId: seeded.card._id,
			});
			h.wekan.ui.archiveCard(bob.id, seeded.card._id);
			expect(card()).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
			expect(h.wekan.db.cards.findOne(sub._id)?.archived).toBe(true);
			h.wekan.ui.restoreCard(bob.id, seeded.card._id);
			expect([card().archived, h.wekan.db.cards.findOne(sub._id)?.archived]).toEqual([false, false]);
			seedCardDoc(h, {
				title: 'Link',
				boardId,
				listId: seeded.done._id,
				swimlaneId: seeded.swimlaneId,
				userId: alice.id,
				type: 'cardType-linkedCard',
				linkedId: seeded.card._id,
			});
			h.wekan.ui.deleteCard(bob.id, seeded.card._id);
			expect(card()).toBeDefined();
			h.wekan.ui.deleteCard(bob.id, sub._id);
			expect(h.wekan.db.cards.findOne(sub._id)).toBeUndefined();
			expect(writes.at(-1)).toEqual(['cards', 'remove', bob.id]);
		},
	);

	it(
		'adds and removes labels, members and assignees with ' +
			'$addToSet and $pull, and sets a custom field the card has',
		() => {
			const { ui } = h.wekan;
			ui.addLabel(bob.id, seeded.card._id, 'l1');
			ui.joinMember(bob.id, seeded.card._id, bob.id);
			ui.joinAssignee(bob.id, seeded.card._id, alice.id);
			ui.joinMember(bob.id, seeded.card._id, bob.id);
			expect(card()).toMatchObject({ labelIds: ['l1'], members: [bob.id], assignees: [alice.id] });
			ui.removeLabel(bob.id, seeded.card._id, 'l1');
			ui.unjoinMember(bob.id, seeded.card._id, bob.id);
			ui.unjoinAssignee(bob.id, seeded.card._id, alice.id);
			expect(card()).toMatchObject({ labelIds: [], members: [], assignees: [] });
			const fieldId = h.wekan.db.customFields.insert({
				boardIds: [boardId],
				name: 'Points',
				type: 'number',
				settings: {},
			});
			ui.setCustomField(bob.id, seeded.card._id, fieldId, 5);
			expect(card().customFields).toEqual([]);
			ui.addCustomField(bob.id, seeded.card._id, fieldId);
			ui.setCustomField(bob.id, seeded.card._id, fieldId, 5);
			expect(card().customFields).toEqual([{ _id: fieldId, value: 5 }]);
		},
	);

	it('comments as the comment form does, on the real card of a linked one, and edits and removes them', () => {
		const link = seedCardDoc(h, {
			title: 'Link',
			boardId,
			listId: seeded.done._id,
			swimlaneId: seeded.swimlaneId,
			userId: alice.id,
			type: 'cardType-linkedCard',
			linkedId: seeded.card._id,
		});
		const comment = h.wekan.ui.addComment(bob.id, link._id, 'Looks good');
		expect(comment).toMatchObject({
			text: 'Looks good',
			cardId: seeded.card._id,
			boardId,
			parentId: '',
			userId: bob.id,
		});
		h.wekan.ui.editComment(bob.id, comment._id, '  ');
		expect(h.wekan.db.card_comments.findOne(comment._id)?.text).toBe('Looks good');
		h.wekan.ui.editComment(bob.id, comment._id, 'Better');
		expect(h.wekan.db.card_comments.findOne(comment._id)?.text).toBe('Better');
		h.wekan.ui.deleteComment(bob.id, comment._id);
		expect(h.wekan.db.card_comments.findOne(comment._id)).toBeUndefined();
		expect(writes.filter(([name]) => name === 'card_comments')).toEqual([
			['card_comments', 'insert', bob.id],
			['card_comments', 'update', bob.id],
			['card_comments', 'remove', bob.id],
		]);
	});

	it('adds checklists and items at the end and checks them (checklists.js, checklistItems.js:94-99)', () => {
		const checklist = h.wekan.ui.addChecklist(bob.id, seeded.card._id, 'Steps');
		const second = h.wekan.ui.addChecklist(bob.id, seeded.card._id, 'More');
		expect([checklist.sort, second.sort]).toEqual([0, 1]);
		const one = h.wekan.ui.addChecklistItem(bob.id, checklist._id, 'One');
		const two = h.wekan.ui.addChecklistItem(bob.id, checklist._id, 'Two');
		expect([one, two].map((i) => [i.sort, i.cardId, i.isFinished])).toEqual([
			[0, seeded.card._id, false],
			[1, seeded.card._id, false],
		]);
		expect(h.wekan.ui.checkItem(bob.id, one._id).isFinished).toBe(true);
		expect(h.wekan.ui.uncheckItem(bob.id, one._id).isFinished).toBe(false);
		h.wekan.ui.deleteChecklist(bob.id, second._id);
		expect(h.wekan.db.checklists.findOne(second._id)).toBeUndefined();
		expect(writes.every(([, , userId]) => userId === bob.id)).toBe(true);
	});

	it(
		'creates lists after the last one of the swimlane ' +
			'(createListAfter) and swimlanes after the last one; archives them',
		() => {
			const list = h.wekan.ui.createList(bob.id, boardId, 'Review');
			expect(list).toMatchObject({ title: 'Review', boardId, swimlaneId: seeded.swimlaneId, sort: 2, type: 'list' });
			// The board's Default swimlane has no sort (POST /api/boards inserts it without one, server/models/boards.js:
			// 953-956), so calculateIndexData's base after it is NaN and the form stores `base || 0`
			// (client/lib/utils.js:832-841, client/components/swimlanes/swimlaneHeader.js:141-160).
			const swimlane = h.wekan.ui.createSwimlane(bob.id, boardId, 'Second');
			expect(swimlane).toMatchObject({ title: 'Second', boardId, sort: 0, type: 'swimlane' });
			expect(h.wekan.ui.archiveList(bob.id, list._id)).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
			// #2292: a swimlane takes its cards into the archive with it.
			h.wekan.ui.archiveSwimlane(bob.id, seeded.swimlaneId);
			expect([h.wekan.db.swimlanes.findOne(seeded.swimlaneId)?.archived, card().archived]).toEqual([true, true]);
			expect(writes.every(([, , userId]) => userId === bob.id)).toBe(true);
		},
	);

	it('uploads outside any method (no user on the record insert), deletes inside one, and handles the cover', () => {
		const picture = h.wekan.ui.addAttachment(bob.id, seeded.card._id, {
			name: 'pic.png',
			type: 'image/png',
			data: 'png',
		});
		expect(picture.userId).toBe(bob.id);
		expect(card().coverId).toBe(picture._id);
		expect(writes.filter(([name]) => name === 'attachments')).toEqual([
			['attachments', 'insert', undefined],
			['attachments', 'update', undefined],
		]);
		writes.length = 0;
		h.wekan.ui.deleteAttachment(alice.id, picture._id);
		expect(card()).not.toHaveProperty('coverId');
		expect(h.wekan.db.attachments.findOne(picture._id)).toBeUndefined();
		expect(writes).toEqual([
			['cards', 'update', alice.id],
			['attachments', 'remove', alice.id],
		]);
	});
});
