/**
 * The checklists and checklistItems collection hooks and model methods, as a web-UI write (a Meteor method, with a
 * userId) runs them: models/checklists.js, models/checklistItems.js, server/models/checklists.js:70-154,
 * server/models/checklistItems.js:17-92.
 */
import { MeteorError } from '../wekan-server/errors';
import { checklistItemsOf, copyChecklist, createChecklist, moveChecklist } from '../wekan-server/models/checklists';
import { type BoardFixture, boardFixture, resetChildren } from './fixtures';

describe('checklist hooks', () => {
	let f: BoardFixture;
	let userId: string;
	const db = () => f.h.wekan.db;
	const types = () =>
		db()
			.activities.find({})
			.map((a) => a.activityType);

	beforeAll(async () => {
		f = await boardFixture();
		userId = f.users.normal.id;
	});
	beforeEach(() => resetChildren(f));
	afterAll(() => f.h.close());

	const seed = (items: string[]) => {
		const checklist = createChecklist(f.h.wekan, { cardId: f.card._id, title: 'Steps', items }, { userId });
		db().activities.clear();
		return { checklist, items: checklistItemsOf(f.h.wekan, checklist._id) };
	};

	it('stores the acting user as userId on checklists and items (models/checklists.js:260-265, checklistItems.js:84-88)', () => {
		const { checklist, items } = seed(['a']);
		expect(checklist).toMatchObject({ userId, boardId: f.boardId, title: 'Steps', sort: 0 });
		expect(items[0]).toMatchObject({ userId, boardId: f.boardId, title: 'a', sort: 0, isFinished: false });
	});

	it('records addChecklist and addChecklistItem with the acting user', () => {
		createChecklist(f.h.wekan, { cardId: f.card._id, title: 'Steps', items: ['a'] }, { userId });
		expect(db().activities.find({})).toEqual([
			expect.objectContaining({ activityType: 'addChecklist', userId, checklistName: 'Steps' }),
			expect.objectContaining({ activityType: 'addChecklistItem', userId, checklistItemName: 'a' }),
		]);
	});

	it('records no activity for a checklist on a card that does not exist, and leaves boardId unset', () => {
		const id = db().checklists.insert({ cardId: 'ghost', sort: 0 }, { userId });
		expect(db().checklists.findOne(id)).not.toHaveProperty('boardId');
		expect(types()).toEqual([]);
	});

	it('checking the last item records checkedItem, then completeChecklist (server/models/checklistItems.js:53-56)', () => {
		const { items } = seed(['a', 'b']);
		db().checklistItems.update(items[0]._id, { $set: { isFinished: true } }, {}, { userId });
		expect(types()).toEqual(['checkedItem']);
		db().checklistItems.update(items[1]._id, { $set: { isFinished: true } }, {}, { userId });
		expect(types()).toEqual(['checkedItem', 'checkedItem', 'completeChecklist']);
		expect(db().activities.find({ activityType: 'completeChecklist' })[0]).toMatchObject({
			userId,
			checklistName: 'Steps',
			cardId: f.card._id,
			boardId: f.boardId,
			listId: f.listId,
			swimlaneId: f.swimlaneId,
		});
		expect(db().activities.find({ activityType: 'checkedItem' })[0]).toMatchObject({
			checklistItemId: items[0]._id,
			checklistItemName: 'a',
		});
	});

	it('unchecking an item of a finished checklist records uncompleteChecklist before uncheckedItem (58-60)', () => {
		const { items } = seed(['a']);
		db().checklistItems.update(items[0]._id, { $set: { isFinished: true } }, {}, { userId });
		db().activities.clear();
		db().checklistItems.update(items[0]._id, { $set: { isFinished: false } }, {}, { userId });
		expect(types()).toEqual(['uncompleteChecklist', 'uncheckedItem']);
	});

	it('any hooked update of an item counts, a rename too: a finished checklist is "uncompleted" and "completed" again', () => {
		const { items } = seed(['a']);
		db().checklistItems.update(items[0]._id, { $set: { isFinished: true } }, {}, { userId });
		db().activities.clear();
		db().checklistItems.update(items[0]._id, { $set: { title: 'renamed' } }, {}, { userId });
		expect(types()).toEqual(['uncompleteChecklist', 'checkedItem', 'completeChecklist']);
	});

	it('counts a checklist with hideAllChecklistItems as finished (models/checklistItems.js:180)', () => {
		const { checklist, items } = seed(['a', 'b']);
		db().checklists.update(checklist._id, { $set: { hideAllChecklistItems: true } }, {}, { userId });
		db().checklistItems.update(items[0]._id, { $set: { isFinished: false } }, {}, { userId });
		expect(types()).toEqual(['uncompleteChecklist', 'uncheckedItem', 'completeChecklist']);
	});

	it("moving an item or a checklist to another card takes that card's board (before.update hooks)", () => {
		const { checklist, items } = seed(['a']);
		db().checklistItems.update(items[0]._id, { $set: { cardId: f.otherCard._id } }, {}, { userId });
		expect(db().checklistItems.findOne(items[0]._id)).toMatchObject({
			cardId: f.otherCard._id,
			boardId: f.otherBoardId,
		});
		db().checklists.update(checklist._id, { $set: { cardId: f.otherCard._id } }, {}, { userId });
		expect(db().checklists.findOne(checklist._id)).toMatchObject({ cardId: f.otherCard._id, boardId: f.otherBoardId });
	});

	it("a hooked item removal drops the item's activities and records removedChecklistItem (66-92)", () => {
		const { checklist, items } = seed(['a', 'b']);
		db().checklistItems.update(items[0]._id, { $set: { isFinished: true } }, {}, { userId });
		db().checklistItems.remove(items[0]._id, { userId });
		expect(db().activities.find({})).toEqual([
			expect.objectContaining({
				activityType: 'removedChecklistItem',
				userId,
				checklistId: checklist._id,
				checklistItemId: items[0]._id,
				checklistItemName: 'a',
			}),
		]);
	});

	it('a hooked checklist removal drops every activity with its checklistId and records removeChecklist (124-154)', () => {
		const checklist = createChecklist(f.h.wekan, { cardId: f.card._id, items: ['a'] }, { userId });
		expect(db().activities.find({ checklistId: checklist._id })).toHaveLength(2);
		db().checklists.remove(checklist._id, { userId });
		expect(
			db()
				.activities.find({ checklistId: checklist._id })
				.map((a) => [a.activityType, a.userId]),
		).toEqual([['removeChecklist', userId]]);
	});

	it('copy() writes the checklist and its items with .direct onto another card: no activities, no userId (115-142)', () => {
		const { checklist } = seed(['a', 'b']);
		const copyId = copyChecklist(f.h.wekan, db().checklists.findOne(checklist._id)!, f.otherCard._id);
		const copy = db().checklists.findOne(copyId)!;
		expect(copy).toMatchObject({ title: 'Steps', cardId: f.otherCard._id, boardId: f.otherBoardId, sort: 0 });
		// userId is not in the schema, and a cleaned insert filters it out.
		expect(copy).not.toHaveProperty('userId');
		expect(checklistItemsOf(f.h.wekan, copyId).map((i) => [i.title, i.sort, i.cardId, i.boardId])).toEqual([
			['a', 0, f.otherCard._id, f.otherBoardId],
			['b', 1, f.otherCard._id, f.otherBoardId],
		]);
		expect(types()).toEqual([]);
	});
	it('moveChecklist (server/models/checklists.js:13-68) moves activities, items (hooked) and the checklist', () => {
		const checklist = createChecklist(f.h.wekan, { cardId: f.card._id, items: ['a'] }, { userId });
		f.h.wekan.addBoardMember(f.otherBoardId, userId);
		moveChecklist(f.h.wekan, userId, checklist._id, f.otherCard._id);
		expect(db().checklists.findOne(checklist._id)).toMatchObject({ cardId: f.otherCard._id, boardId: f.otherBoardId });
		expect(checklistItemsOf(f.h.wekan, checklist._id)[0]).toMatchObject({
			cardId: f.otherCard._id,
			boardId: f.otherBoardId,
		});
		// The item's hooked update records uncheckedItem, on the new card.
		expect(
			db()
				.activities.find({ checklistId: checklist._id })
				.map((a) => [a.activityType, a.cardId]),
		).toEqual([
			['addChecklist', f.otherCard._id],
			['addChecklistItem', f.otherCard._id],
			['uncheckedItem', f.otherCard._id],
		]);
		db().boards.direct.update(f.otherBoardId, { $pull: { members: { userId } } });
	});

	it('moveChecklist refuses a caller who is not an active member of both boards', () => {
		const checklist = createChecklist(f.h.wekan, { cardId: f.card._id, items: [] }, { userId });
		expect(() => moveChecklist(f.h.wekan, userId, checklist._id, f.otherCard._id)).toThrow(
			new MeteorError('not-authorized', 'Not authorized to move checklist to target card'),
		);
		expect(() => moveChecklist(f.h.wekan, undefined, checklist._id, f.otherCard._id)).toThrow(MeteorError);
		expect(() => moveChecklist(f.h.wekan, userId, 'nope', f.otherCard._id)).toThrow('Checklist not found');
		expect(db().checklists.findOne(checklist._id)!.cardId).toBe(f.card._id);
	});
});
