/**
 * The rules engine against Wekan v11.07: what the Activities.after.insert hook runs (server/models/activities.js:29-36)
 * for an activity, server/rulesHelper.js (buildMatchingFieldsMap, findMatchingRules, executeRules, performAction),
 * server/triggersDef.js and the models/lib helpers (ruleCardTitleFilter, ruleActionResolve, relativeDateOffset).
 * The engine is called directly with activity documents shaped as Wekan's hooks write them (models/cards.js:3283-3556).
 */
import type { WriteContext } from '../wekan-server/db/collection';
import { createCard } from '../wekan-server/models/cards';
import {
	cardTitleMatchList,
	executeRules,
	findMatchingRules,
	MAX_RULE_DEPTH,
	normalizeTriggerDoc,
	relativeDateOffset,
	runRules,
} from '../wekan-server/models/rules';
import type { ActivityDoc } from '../wekan-server/schemas/activities';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { Wekan } from '../wekan-server/server';
import { startHarness } from './fixtures';

type Fields = Record<string, unknown>;

interface World {
	w: Wekan;
	ann: string;
	bob: string;
	boardId: string;
	swimlaneId: string;
	todo: string;
	done: string;
	card: (title?: string, extra?: Partial<CardDoc>) => CardDoc;
	otherBoardId: string;
}

function world(): World {
	const w = new Wekan();
	// ann is the first user there is.
	const ann = w.createUser({ username: 'ann', email: 'ann@example.com', password: 'p' })._id;
	const bob = w.createUser({ username: 'bob', email: 'bob@example.com', password: 'p' })._id;
	const board = w.createBoard({ title: 'Board', ownerId: ann });
	w.addBoardMember(board._id, bob);
	const swimlaneId = w.defaultSwimlaneId(board._id) as string;
	const todo = w.createList(board._id, 'To Do', swimlaneId, 0)._id;
	const done = w.createList(board._id, 'Done', swimlaneId, 1)._id;
	let sort = 0;
	const card = (title = 'Card', extra: Partial<CardDoc> = {}) =>
		createCard(w, { title, boardId: board._id, listId: todo, swimlaneId, userId: ann, sort: sort++, ...extra });
	const other = w.createBoard({ title: 'Other', ownerId: ann });
	w.createList(other._id, 'Elsewhere', w.defaultSwimlaneId(other._id), 0);
	return { w, ann, bob, boardId: board._id, swimlaneId, todo, done, card, otherBoardId: other._id };
}

/** A rule as POST /api/boards/:boardId/rules stores it (server/models/rules.js:156-165). */
function addRule(w: Wekan, boardId: string, trigger: Fields, action: Fields, title = 'R'): string {
	const triggerId = w.db.triggers.insert({ ...normalizeTriggerDoc(trigger), boardId });
	const actionId = w.db.actions.insert({ ...action, boardId });
	return w.db.rules.insert({ title, triggerId, actionId, boardId });
}

/** createCard's activity (models/cards.js:3543-3556), with the hook's userId (none for a REST write). */
function createCardActivity(x: World, card: CardDoc, userId?: string): ActivityDoc {
	const list = x.w.db.lists.findOne(card.listId);
	const swimlane = x.w.db.swimlanes.findOne(card.swimlaneId);
	return {
		_id: `act-${card._id}`,
		...(userId ? { userId } : {}),
		activityType: 'createCard',
		boardId: card.boardId,
		listName: list?.title,
		listId: card.listId,
		cardId: card._id,
		cardTitle: card.title,
		swimlaneName: swimlane?.title,
		swimlaneId: card.swimlaneId,
	};
}

const ARCHIVE = { actionType: 'archive' };
const fresh = (x: World, id: string) => x.w.db.cards.findOne(id) as CardDoc;

describe('matching (server/rulesHelper.js:98-168, server/triggersDef.js)', () => {
	let x: World;
	beforeEach(() => {
		x = world();
	});

	it('a REST-made rule fires for an activity without a userId: its userId is "*" (#2674, v9.97)', async () => {
		const h = await startHarness();
		try {
			const w = h.wekan;
			const owner = w.createUser({ username: 'owner', email: 'o@example.com', password: 'p' });
			const { token } = w.issueToken(owner._id);
			const board = w.createBoard({ title: 'B', ownerId: owner._id });
			const swimlaneId = w.defaultSwimlaneId(board._id) as string;
			const listId = w.createList(board._id, 'To Do', swimlaneId, 0)._id;
			const created = await h.call('POST', `/api/boards/${board._id}/rules`, {
				token,
				body: { trigger: { activityType: 'createCard', listName: 'To Do' }, action: ARCHIVE },
			});
			expect(created.status).toBe(200);
			const card = createCard(w, { title: 'C', boardId: board._id, listId, swimlaneId, userId: owner._id });
			runRules(w, {
				_id: 'a',
				activityType: 'createCard',
				boardId: board._id,
				listName: 'To Do',
				listId,
				cardId: card._id,
				cardTitle: 'C',
				swimlaneName: 'Default',
				swimlaneId,
			});
			expect(w.db.cards.findOne(card._id)!.archived).toBe(true);
		} finally {
			await h.close();
		}
	});

	it("a trigger naming a user fires for that user's activities only, not for one without a userId", () => {
		addRule(x.w, x.boardId, { activityType: 'createCard', userId: x.bob }, ARCHIVE);
		const card = x.card();
		runRules(x.w, createCardActivity(x, card));
		runRules(x.w, createCardActivity(x, card, x.ann));
		expect(fresh(x, card._id).archived).toBe(false);
		runRules(x.w, createCardActivity(x, card, x.bob));
		expect(fresh(x, card._id).archived).toBe(true);
	});

	it('a trigger stored without a matching field (null in the $in also matches a missing field, #6491) fires for any value', () => {
		const triggerId = x.w.db.triggers.insert({ activityType: 'createCard', boardId: x.boardId });
		const actionId = x.w.db.actions.insert({ ...ARCHIVE, boardId: x.boardId });
		x.w.db.rules.insert({ title: 'legacy', triggerId, actionId, boardId: x.boardId });
		const card = x.card();
		runRules(x.w, createCardActivity(x, card, x.ann));
		expect(fresh(x, card._id).archived).toBe(true);
	});

	it('a specific value must equal the activity\'s: listName "Done" does not fire for a card created in "To Do"', () => {
		addRule(x.w, x.boardId, { activityType: 'createCard', listName: 'Done' }, ARCHIVE);
		const card = x.card();
		runRules(x.w, createCardActivity(x, card));
		expect(fresh(x, card._id).archived).toBe(false);
		expect(findMatchingRules(x.w, { ...createCardActivity(x, card), listName: 'Done' })).toHaveLength(1);
	});

	it("another board's trigger does not fire; a trigger whose boardId is '*' fires on every board", () => {
		addRule(x.w, x.otherBoardId, { activityType: 'createCard' }, ARCHIVE);
		const card = x.card();
		runRules(x.w, createCardActivity(x, card));
		expect(fresh(x, card._id).archived).toBe(false);
		const triggerId = x.w.db.triggers.insert({ ...normalizeTriggerDoc({ activityType: 'createCard' }), boardId: '*' });
		const actionId = x.w.db.actions.insert(ARCHIVE);
		x.w.db.rules.insert({ title: 'any board', triggerId, actionId, boardId: x.otherBoardId });
		runRules(x.w, createCardActivity(x, card));
		expect(fresh(x, card._id).archived).toBe(true);
	});

	it('cardTitle matches the whole title, any ASCII word of it, "*" and null (#2345, models/lib/ruleCardTitleFilter.js:45-55)', () => {
		expect(cardTitleMatchList('Fix the Café-bug')).toEqual(['Fix', 'the', 'Caf', 'bug', 'Fix the Café-bug', '*', null]);
		expect(cardTitleMatchList(undefined)).toEqual(['*', null]);
		const card = x.card('Fix the Café-bug');
		const activity = createCardActivity(x, card);
		for (const [filter, fires] of [
			['bug', true],
			['Caf', true],
			['Café', false],
			['Fix the Café-bug', true],
			['the Café', false],
			['*', true],
		] as const) {
			x.w.db.rules.clear();
			x.w.db.triggers.clear();
			addRule(x.w, x.boardId, { activityType: 'createCard', cardTitle: filter }, ARCHIVE);
			expect([filter, findMatchingRules(x.w, activity).length]).toEqual([filter, fires ? 1 : 0]);
		}
	});

	it("archivedCard carries no cardTitle: the title is the card's (server/rulesHelper.js:135-144)", () => {
		addRule(x.w, x.boardId, { activityType: 'archivedCard', cardTitle: 'Urgent' }, { actionType: 'unarchive' });
		const card = x.card('Urgent', { archived: true });
		const activity = { _id: 'a', activityType: 'archivedCard', boardId: x.boardId, listId: x.todo, cardId: card._id };
		runRules(x.w, activity);
		expect(fresh(x, card._id).archived).toBe(false);
	});

	it("oldListName is the title of the activity's oldListId (server/rulesHelper.js:124-128)", () => {
		addRule(x.w, x.boardId, { activityType: 'moveCard', oldListName: 'To Do' }, ARCHIVE);
		const card = x.card('Moved', { listId: x.done });
		const moved = (oldListId: string) => ({
			_id: 'a',
			activityType: 'moveCard',
			oldListId,
			listName: 'Done',
			listId: x.done,
			boardId: x.boardId,
			cardId: card._id,
			cardTitle: 'Moved',
			swimlaneName: 'Default',
			swimlaneId: x.swimlaneId,
			oldSwimlaneId: x.swimlaneId,
		});
		runRules(x.w, moved(x.done));
		expect(fresh(x, card._id).archived).toBe(false);
		runRules(x.w, moved(x.todo));
		expect(fresh(x, card._id).archived).toBe(true);
	});

	it('activity types TriggersDef does not list (addComment, a-dueAt) match nothing; a trigger without a rule neither', () => {
		const card = x.card();
		x.w.db.triggers.insert({ activityType: 'addComment', boardId: x.boardId });
		expect(
			findMatchingRules(x.w, { _id: 'a', activityType: 'addComment', boardId: x.boardId, cardId: card._id }),
		).toEqual([]);
		x.w.db.triggers.insert({ ...normalizeTriggerDoc({ activityType: 'createCard' }), boardId: x.boardId });
		expect(findMatchingRules(x.w, createCardActivity(x, card))).toEqual([]);
	});

	it('what an action throws ends the run: later rules do not run; the hook swallows it (server/models/activities.js:31-35)', () => {
		addRule(
			x.w,
			x.boardId,
			{ activityType: 'createCard' },
			{ actionType: 'setColor', selectedColor: 'no-such-color' },
			'first',
		);
		addRule(x.w, x.boardId, { activityType: 'createCard' }, ARCHIVE, 'second');
		const card = x.card();
		expect(() => executeRules(x.w, createCardActivity(x, card))).toThrow(
			'no-such-color is not an allowed value in cards updateAsync',
		);
		expect(fresh(x, card._id).archived).toBe(false);
		expect(() => runRules(x.w, createCardActivity(x, card))).not.toThrow();
		expect(fresh(x, card._id).archived).toBe(false);
	});

	it('rules run in the natural order of their triggers', () => {
		addRule(x.w, x.boardId, { activityType: 'createCard' }, { actionType: 'setColor', selectedColor: 'red' });
		addRule(x.w, x.boardId, { activityType: 'createCard' }, { actionType: 'setColor', selectedColor: 'blue' });
		const card = x.card();
		runRules(x.w, createCardActivity(x, card));
		expect(fresh(x, card._id).color).toBe('blue');
	});

	it(`stops a cycle of rules at depth ${MAX_RULE_DEPTH} (Wekan's asynchronous hooks would go on for ever)`, () => {
		// The activities model's own hook runs the rules (server/models/activities.js:29-36), and the action's checklist
		// insert records addChecklist (server/models/checklists.js:106-122), which that hook sees again: nothing in
		// server/rulesHelper.js bounds the cycle.
		addRule(x.w, x.boardId, { activityType: 'addChecklist' }, { actionType: 'addChecklist', checklistName: 'again' });
		const card = x.card();
		x.w.db.checklists.insert({ title: 'first', cardId: card._id, sort: 0 });
		expect(x.w.db.checklists.find({ cardId: card._id })).toHaveLength(1 + MAX_RULE_DEPTH);
	});
});

describe('actions (server/rulesHelper.js:169-622)', () => {
	let x: World;
	let card: CardDoc;
	const clearRules = () => {
		for (const collection of [x.w.db.rules, x.w.db.triggers, x.w.db.actions]) collection.clear();
	};
	/** One rule, on createCard, with this action; then the card's createCard activity. */
	const run = (action: Fields, activity?: Partial<ActivityDoc>, context: WriteContext = {}) => {
		clearRules();
		addRule(x.w, x.boardId, { activityType: 'createCard' }, action);
		runRules(x.w, { ...createCardActivity(x, card), ...activity } as ActivityDoc, context);
		return fresh(x, card._id);
	};
	const strictRun = (action: Fields, context: WriteContext = {}) => {
		clearRules();
		addRule(x.w, x.boardId, { activityType: 'createCard' }, action);
		executeRules(x.w, createCardActivity(x, card), context);
	};

	beforeEach(() => {
		x = world();
		x.card('first');
		x.card('second');
		card = x.card('third');
	});

	describe('moveCardToTop / moveCardToBottom (lines 179-267)', () => {
		it("'*' is the card's own list: above the lowest sort (-1) or below the highest (+1)", () => {
			expect(run({ actionType: 'moveCardToTop', listName: '*', swimlaneName: '*', boardId: x.boardId }).sort).toBe(-1);
			// Now the sorts are 0, 1 and -1.
			expect(run({ actionType: 'moveCardToBottom', listName: '*', swimlaneName: '*', boardId: x.boardId }).sort).toBe(
				2,
			);
		});

		it('a list named on the board: the card moves there, sort -1 (top) or 1 (bottom) in an empty list', () => {
			const moved = run({ actionType: 'moveCardToBottom', listName: 'Done', swimlaneName: '*', boardId: x.boardId });
			expect(moved).toMatchObject({ listId: x.done, swimlaneId: x.swimlaneId, sort: 1 });
		});

		it("a list that is not found falls back to the card's own list and swimlane (#6472)", () => {
			const moved = run({ actionType: 'moveCardToTop', listName: 'Nope', swimlaneName: 'Nope', boardId: x.boardId });
			expect(moved).toMatchObject({ listId: x.todo, swimlaneId: x.swimlaneId, sort: -1 });
		});

		it("across boards (a wizard-made action): '*' finds the list and swimlane of the same titles on the action's board", () => {
			const otherTodo = x.w.createList(x.otherBoardId, 'To Do', x.w.defaultSwimlaneId(x.otherBoardId), 0)._id;
			clearRules();
			const triggerId = x.w.db.triggers.insert({
				...normalizeTriggerDoc({ activityType: 'createCard' }),
				boardId: x.boardId,
			});
			const actionId = x.w.db.actions.insert({
				actionType: 'moveCardToTop',
				listName: '*',
				swimlaneName: '*',
				boardId: x.otherBoardId,
			});
			x.w.db.rules.insert({ title: 'away', triggerId, actionId, boardId: x.boardId });
			executeRules(x.w, createCardActivity(x, card));
			expect(fresh(x, card._id)).toMatchObject({
				boardId: x.otherBoardId,
				listId: otherTodo,
				swimlaneId: x.w.defaultSwimlaneId(x.otherBoardId),
				sort: -1,
				cardDependencies: [],
			});
		});

		it("moves as the activity's user when it has one, else in the insert's context (withUserId, lines 37-42)", () => {
			const seen: Array<string | undefined> = [];
			x.w.db.cards.after.update((userId) => void seen.push(userId));
			const action = { actionType: 'moveCardToBottom', listName: 'Done', swimlaneName: '*', boardId: x.boardId };
			run(action, { userId: x.ann });
			run(action, {}, { userId: x.bob });
			expect(seen.slice(0, 2)).toEqual([x.ann, x.bob]);
			// Other actions write in the insert's context only.
			seen.length = 0;
			run(ARCHIVE, { userId: x.ann });
			expect(seen).toEqual([undefined]);
		});
	});

	it('archive archives the card and its subtasks; unarchive restores (lines 394-403)', () => {
		const child = x.card('child', { parentId: card._id });
		expect(run(ARCHIVE)).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
		expect(fresh(x, child._id).archived).toBe(true);
		expect(run({ actionType: 'unarchive' }).archived).toBe(false);
	});

	it("setColor stores the colour, and 'white' as null (Card.setColor, models/cards.js:2938-2943)", () => {
		expect(run({ actionType: 'setColor', selectedColor: 'red' }).color).toBe('red');
		expect(run({ actionType: 'setColor', selectedColor: 'white' }).color).toBeNull();
	});

	it('addLabel and removeLabel add and pull the label id', () => {
		expect(run({ actionType: 'addLabel', labelId: 'L1' }).labelIds).toEqual(['L1']);
		expect(run({ actionType: 'removeLabel', labelId: 'L1' }).labelIds).toEqual([]);
	});

	it("addMember adds the user to the card's MEMBERS (the later assignMember wins, models/cards.js:2945-2947)", () => {
		const after = run({ actionType: 'addMember', username: 'bob' });
		expect(after.members).toEqual([x.bob]);
		expect(after.assignees).toEqual([]);
	});

	it('addMember without a username adds the first user there is ({username: undefined} is {})', () => {
		expect(run({ actionType: 'addMember' }).members).toEqual([x.ann]);
	});

	it("removeMember '*' pulls the card's ASSIGNEES from its members: members who are not assignees stay (#2674)", () => {
		x.w.db.cards.update(card._id, { $set: { members: [x.ann, x.bob], assignees: [x.bob] } });
		expect(run({ actionType: 'removeMember', username: '*' })).toMatchObject({ members: [x.ann], assignees: [x.bob] });
		expect(run({ actionType: 'removeMember', username: 'ann' }).members).toEqual([]);
	});

	it('checkAll and uncheckAll set every item of the named checklist; checkItem finds no item (it looks up checkListId)', () => {
		const checklistId = x.w.db.checklists.insert({ title: 'QA', cardId: card._id, sort: 0 });
		const itemId = x.w.db.checklistItems.insert({ title: 'one', checklistId, cardId: card._id, sort: 0 });
		x.w.db.checklistItems.insert({ title: 'two', checklistId, cardId: card._id, sort: 1 });
		run({ actionType: 'checkAll', checklistName: 'QA' });
		expect(x.w.db.checklistItems.find({ checklistId }).map((i) => i.isFinished)).toEqual([true, true]);
		run({ actionType: 'uncheckItem', checklistName: 'QA', checkItemName: 'one' });
		expect(x.w.db.checklistItems.findOne(itemId)!.isFinished).toBe(true);
		run({ actionType: 'uncheckAll', checklistName: 'QA' });
		expect(x.w.db.checklistItems.find({ checklistId }).map((i) => i.isFinished)).toEqual([false, false]);
	});

	it("{username} is the activity's user, {boardname} its board's title", () => {
		run({ actionType: 'addChecklist', checklistName: '{username}@{boardname}' }, { userId: x.bob });
		expect(x.w.db.checklists.find({ cardId: card._id }).map((c) => c.title)).toEqual(['bob@Board']);
	});

	it('addChecklist substitutes {variables}; removeChecklist removes only that title with sort 0', () => {
		run({ actionType: 'addChecklist', checklistName: '{cardTitle} in {listname} ({unknown})' });
		expect(x.w.db.checklists.find({ cardId: card._id }).map((c) => c.title)).toEqual(['third in To Do ({unknown})']);
		x.w.db.checklists.insert({ title: 'Old', cardId: card._id, sort: 0 });
		x.w.db.checklists.insert({ title: 'Old', cardId: card._id, sort: 1 });
		run({ actionType: 'removeChecklist', checklistName: 'Old' });
		expect(x.w.db.checklists.find({ cardId: card._id }).map((c) => [c.title, c.sort])).toEqual([
			['third in To Do ({unknown})', 0],
			['Old', 1],
		]);
	});

	it('addChecklistWithItems splits on commas (the schema trims); without items it throws after the checklist', () => {
		run({ actionType: 'addChecklistWithItems', checklistName: 'Steps', checklistItems: 'a, b ,c' });
		const [steps] = x.w.db.checklists.find({ cardId: card._id });
		expect(x.w.db.checklistItems.find({ checklistId: steps._id }).map((i) => [i.title, i.sort])).toEqual([
			['a', 0],
			['b', 1],
			['c', 2],
		]);
		expect(() => strictRun({ actionType: 'addChecklistWithItems', checklistName: 'Empty' })).toThrow(TypeError);
		expect(x.w.db.checklists.find({ cardId: card._id, title: 'Empty' })).toHaveLength(1);
	});

	it('addSwimlane adds a swimlane to the activity board with sort 0', () => {
		run({ actionType: 'addSwimlane', swimlaneName: 'From {boardname}' });
		expect(x.w.db.swimlanes.find({ boardId: x.boardId, title: 'From Board' })).toEqual([
			expect.objectContaining({ sort: 0, boardId: x.boardId }),
		]);
	});

	it('createCard fails without an acting user (the insert names no userId: "User ID is required"), works with one', () => {
		const action = {
			actionType: 'createCard',
			cardName: 'Follow-up of {cardname}',
			listName: 'Done',
			swimlaneName: 'Nope',
		};
		expect(() => strictRun(action)).toThrow('User ID is required in cards insertAsync');
		strictRun(action, { userId: x.bob });
		expect(x.w.db.cards.find({ title: 'Follow-up of third' })).toEqual([
			expect.objectContaining({ listId: x.done, swimlaneId: x.swimlaneId, boardId: x.boardId, userId: x.bob, sort: 0 }),
		]);
	});

	it('createCard runs without a card (a board-level action, line 174); card actions do not', () => {
		// The triggers name the card 'third': the created card's own createCard activity (models/cards.js:3541-3555),
		// which the activities hook runs the rules for again, matches neither, so the rules do not fire for it.
		addRule(
			x.w,
			x.boardId,
			{ activityType: 'createCard', cardTitle: 'third' },
			{ actionType: 'createCard', cardName: 'New', listName: 'To Do' },
		);
		addRule(x.w, x.boardId, { activityType: 'createCard', cardTitle: 'third' }, ARCHIVE);
		executeRules(x.w, { ...createCardActivity(x, card), cardId: 'gone' }, { userId: x.ann });
		expect(x.w.db.cards.find({ title: 'New' })).toHaveLength(1);
		expect(fresh(x, card._id).archived).toBe(false);
	});

	it('linkCard inserts a linked copy on the action board: type cardType-linkedCard, linkedId the source, no labels', () => {
		x.w.db.cards.update(card._id, { $set: { labelIds: ['L1'] } });
		// The REST route stores the rule's board as the action's boardId; the web UI's wizard stores the board chosen.
		clearRules();
		const triggerId = x.w.db.triggers.insert({
			...normalizeTriggerDoc({ activityType: 'createCard' }),
			boardId: x.boardId,
		});
		const actionId = x.w.db.actions.insert({
			actionType: 'linkCard',
			boardId: x.otherBoardId,
			listName: 'Elsewhere',
			swimlaneName: 'Nope',
		});
		x.w.db.rules.insert({ title: 'link', triggerId, actionId, boardId: x.boardId });
		executeRules(x.w, createCardActivity(x, card));
		const [link] = x.w.db.cards.find({ boardId: x.otherBoardId, title: 'third' });
		expect(link).toMatchObject({
			type: 'cardType-linkedCard',
			linkedId: card._id,
			listId: x.w.db.lists.findOne({ boardId: x.otherBoardId })!._id,
			swimlaneId: x.w.defaultSwimlaneId(x.otherBoardId),
			createdAt: expect.any(Date),
		});
		expect(link.labelIds).toEqual([]);
	});

	it('markCardComplete / markCardIncomplete set dueComplete', () => {
		expect(run({ actionType: 'markCardComplete' }).dueComplete).toBe(true);
		expect(run({ actionType: 'markCardIncomplete' }).dueComplete).toBe(false);
	});

	it('setDate sets an unset date only; updateDate always; removeDate unsets', () => {
		const past = new Date('2020-01-01T00:00:00Z');
		x.w.db.cards.update(card._id, { $set: { dueAt: past } });
		const set = run({ actionType: 'setDate', dateField: 'dueAt' });
		expect(set.dueAt).toEqual(past);
		expect(run({ actionType: 'setDate', dateField: 'startAt' }).startAt).toBeInstanceOf(Date);
		expect(run({ actionType: 'updateDate', dateField: 'dueAt' }).dueAt!.getTime()).toBeGreaterThan(past.getTime());
		expect(run({ actionType: 'removeDate', dateField: 'dueAt' })).not.toHaveProperty('dueAt');
	});

	it('setDateRelative: now plus `days` of `unit` (days when absent), models/lib/relativeDateOffset.js', () => {
		const base = new Date('2026-01-31T12:00:00Z');
		expect(relativeDateOffset(base, '2', undefined).toISOString()).toBe('2026-02-02T12:00:00.000Z');
		expect(relativeDateOffset(base, -1, 'weeks').toISOString()).toBe('2026-01-24T12:00:00.000Z');
		expect(relativeDateOffset(base, 'x', 'hours').toISOString()).toBe(base.toISOString());
		const before = Date.now();
		const due = run({ actionType: 'setDateRelative', dateField: 'dueAt', days: 3, unit: 'days' }).dueAt!;
		expect(due.getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000 - 1000);
		expect(due.getTime() - before).toBeLessThan(3 * 86_400_000 + 60_000);
	});

	it("sortList renumbers the list's cards in the card's swimlane 0, 1, 2... by the field (name: lower case)", () => {
		x.w.db.cards.update({ title: 'first' }, { $set: { title: 'b' } });
		x.w.db.cards.update({ title: 'second' }, { $set: { title: 'C' } });
		x.w.db.cards.update(card._id, { $set: { title: 'a' } });
		card = fresh(x, card._id);
		run({ actionType: 'sortList', sortField: 'name' });
		expect(x.w.db.cards.find({ listId: x.todo }, { sort: { sort: 1 } }).map((c) => [c.title, c.sort])).toEqual([
			['a', 0],
			['b', 1],
			['C', 2],
		]);
	});

	it('moveAllCardsInList moves every live card of fromListName to listName', () => {
		run({ actionType: 'moveAllCardsInList', fromListName: 'To Do', listName: 'Done' });
		expect(x.w.db.cards.find({ listId: x.todo })).toEqual([]);
		expect(x.w.db.cards.find({ listId: x.done })).toHaveLength(3);
	});

	it('sendEmail sends nothing here and changes nothing', () => {
		const before = fresh(x, card._id);
		expect(run({ actionType: 'sendEmail', emailTo: 'a@example.com', emailSubject: 's', emailMsg: 'm' })).toEqual(
			before,
		);
	});

	it('a card action for an activity whose card is gone does nothing', () => {
		addRule(x.w, x.boardId, { activityType: 'createCard' }, ARCHIVE);
		expect(() => executeRules(x.w, { ...createCardActivity(x, card), cardId: 'gone' })).not.toThrow();
	});
});
