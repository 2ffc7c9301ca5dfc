/**
 * POST /api/boards/:boardId/copy (server/models/boards.js:1272-1297) and Board.copy (models/boards.js:1065-1196)
 * with the Swimlane.copy, Card.copy, Checklist.copy and CardComment.copy it runs, at Wekan v11.07 (f5cc8e373).
 */
import { seedBoard, seedCard, seedList, seedTeamBoard, type ServerHarness, startHarness, type TestUser } from './fixtures';

describe('POST /api/boards/:boardId/copy', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let owner: TestUser;
	let normal: TestUser;
	let boardId: string;
	let swimlaneId: string;

	beforeEach(async () => {
		h = await startHarness();
		({ admin, owner, normal, boardId, swimlaneId } = seedTeamBoard(h, { normal: 'normal' }));
	});
	afterEach(() => h.close());

	const db = () => h.wekan.db;
	const copy = (user: TestUser | undefined, body: unknown = {}, id = boardId) =>
		h.call('POST', `/api/boards/${id}/copy`, { token: user?.token, body });

	describe('the answer and the board document', () => {
		it("answers the new board's id as a bare JSON string", async () => {
			const r = await copy(owner, { title: 'Dev copy' });
			expect(r.status).toBe(200);
			expect(r.text).toMatch(/^"[23456789A-HJ-NP-Za-km-z]{17}"$/);
			expect(db().boards.findOne(r.json)).toMatchObject({ title: 'Dev copy', slug: 'dev-copy' });
		});

		it('makes the title unique with the next [n] (Boards.uniqueTitle, models/boards.js:2415-2437)', async () => {
			const first = await copy(owner);
			const second = await copy(owner);
			expect(db().boards.findOne(first.json)!.title).toBe('Dev [1]');
			expect(db().boards.findOne(second.json)!.title).toBe('Dev [2]');
			// Board.copy makes even a given title unique again (models/boards.js:1070).
			const named = await copy(owner, { title: 'Dev [1]' });
			expect(db().boards.findOne(named.json)!.title).toBe('Dev [3]');
			const fresh = await copy(owner, { title: 'Fresh (v2)' });
			expect(db().boards.findOne(fresh.json)!.title).toBe('Fresh (v2)');
		});

		it('keeps members, labels (same ids), settings and the archived flag; new dates, sort and stars', async () => {
			await h.call('PUT', `/api/boards/${boardId}/labels`, {
				token: owner.token,
				body: { label: { name: 'bug', color: 'red' } },
			});
			db().boards.update(boardId, {
				$set: { color: 'pomegranate', allowsComments: false, archived: true, stars: 3 },
			});
			const source = db().boards.findOne(boardId)!;
			await new Promise((resolve) => setTimeout(resolve, 5));
			const r = await copy(owner, { title: 'Copy' });
			const copied = db().boards.findOne(r.json)!;
			expect(copied.members).toEqual(source.members);
			expect(copied.labels).toEqual(source.labels);
			expect(copied).toMatchObject({
				color: 'pomegranate',
				allowsComments: false,
				archived: true,
				stars: 0,
				permission: 'private',
			});
			expect(copied.createdAt.getTime()).toBeGreaterThan(source.createdAt.getTime());
			expect(copied.sort).toBe(
				Math.max(
					...db()
						.boards.find({ _id: { $ne: r.json } })
						.map((b) => b.sort),
				) + 1,
			);
			// Boards.after.insert (server/models/boards.js:668-676)
			expect(db().activities.find({ activityType: 'createBoard', boardId: r.json })).toHaveLength(1);
		});

		// models/boards.js:1073-1078, 1190-1195
		it('empties the watchers while copying and puts the source watchers back', async () => {
			db().boards.update(boardId, { $set: { watchers: [{ userId: owner.id, level: 'watching' }] } });
			const r = await copy(owner);
			expect(db().boards.findOne(r.json)!.watchers).toEqual([{ userId: owner.id, level: 'watching' }]);
		});

		// #4494
		it('points default-board settings that named the source at the copy, clearing their lists', async () => {
			const other = seedBoard(h, owner, 'Other').boardId;
			db().boards.update(boardId, {
				$set: {
					subtasksDefaultBoardId: boardId,
					subtasksDefaultListId: 'l1',
					dateSettingsDefaultBoardId: other,
					dateSettingsDefaultListId: 'l2',
				},
			});
			const r = await copy(owner);
			expect(db().boards.findOne(r.json)).toMatchObject({
				subtasksDefaultBoardId: r.json,
				subtasksDefaultListId: null,
				dateSettingsDefaultBoardId: other,
				dateSettingsDefaultListId: 'l2',
			});
		});

		it('does not add a site admin who copies a board he is not a member of', async () => {
			const r = await copy(admin);
			expect(r.status).toBe(200);
			expect(
				db()
					.boards.findOne(r.json)!
					.members.map((m) => m.userId),
			).toEqual([owner.id, normal.id]);
		});
	});

	describe('what is copied from the board', () => {
		// Swimlane.copy, models/swimlanes.js:148-196
		it('copies the live swimlanes in natural order, each to the end', async () => {
			const second = db().swimlanes.insert({ title: 'Second', boardId, sort: 5, color: 'red' });
			db().swimlanes.insert({ title: 'Gone', boardId, sort: 2, archived: true });
			const r = await copy(owner);
			const copies = db().swimlanes.find({ boardId: r.json });
			expect(copies.map((s) => [s.title, s.sort, s.type])).toEqual([
				['Default', 0, 'swimlane'],
				['Second', 1, 'swimlane'],
			]);
			expect(copies[1]).toMatchObject({ color: 'red', archived: false });
			expect(copies.map((s) => s._id)).not.toContain(second);
		});

		it('copies the live lists of each swimlane with their title, sort, colour and width only', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 2);
			db().lists.update(todo, { $set: { color: 'blue', width: 300, starred: true } });
			seedList(h, boardId, 'Old', swimlaneId, 1);
			db().lists.update({ title: 'Old' }, { $set: { archived: true } });
			const r = await copy(owner);
			const newSwimlane = db().swimlanes.findOne({ boardId: r.json })!;
			const lists = db().lists.find({ boardId: r.json });
			expect(lists).toEqual([
				expect.objectContaining({
					title: 'Todo',
					sort: 2,
					color: 'blue',
					width: 300,
					swimlaneId: newSwimlane._id,
					type: 'list',
					archived: false,
				}),
			]);
			// models/swimlanes.js:275-285 writes no `starred`, so the schema's default applies.
			expect(lists[0].starred).toBe(false);
		});

		// models/swimlanes.js:215-220
		it("copies lists without a swimlane into the copy of the source's default swimlane only", async () => {
			const second = db().swimlanes.insert({ title: 'Second', boardId, sort: 1 });
			const shared = seedList(h, boardId, 'Shared', '', 0);
			seedList(h, boardId, 'Mine', second, 1);
			seedCard(h, {
				title: 'in shared, default swimlane',
				boardId,
				listId: shared,
				swimlaneId,
				userId: owner.id,
			});
			// The cards schema requires a swimlane; older data without one is written to the database directly.
			const legacy = seedCard(h, {
				title: 'in shared, no swimlane',
				boardId,
				listId: shared,
				swimlaneId,
				userId: owner.id,
			});
			db().cards.raw.update(legacy, { $set: { swimlaneId: '' } });
			seedCard(h, {
				title: 'in shared, second swimlane',
				boardId,
				listId: shared,
				swimlaneId: second,
				userId: owner.id,
			});
			const r = await copy(owner);
			const [defaultCopy, secondCopy] = db().swimlanes.find({ boardId: r.json });
			expect(
				db()
					.lists.find({ swimlaneId: defaultCopy._id })
					.map((l) => l.title),
			).toEqual(['Shared']);
			expect(
				db()
					.lists.find({ swimlaneId: secondCopy._id })
					.map((l) => l.title),
			).toEqual(['Mine']);
			expect(
				db()
					.cards.find({ boardId: r.json })
					.map((c) => c.title)
					.sort(),
			).toEqual(['in shared, default swimlane', 'in shared, no swimlane']);
		});

		it('copies the live cards in sort order, numbered from 1, leaving archived cards behind', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			seedCard(h, {
				title: 'second',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 2,
				cardNumber: 8,
			});
			seedCard(h, {
				title: 'first',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 1,
				cardNumber: 9,
			});
			seedCard(h, {
				title: 'archived',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 0,
				archived: true,
			});
			const r = await copy(owner);
			const list = db().lists.findOne({ boardId: r.json })!;
			const cards = db().cards.find({ boardId: r.json });
			expect(cards.map((c) => [c.title, c.cardNumber, c.listId, c.userId])).toEqual([
				['first', 1, list._id, owner.id],
				['second', 2, list._id, owner.id],
			]);
			// Board.getNextCardNumber (models/boards.js:1946-2000): the copy's counter.
			expect(db().counters.findOne(`cardNumber-${r.json}`)).toEqual({ _id: `cardNumber-${r.json}`, next_val: 2 });
		});

		// #2970
		it('keeps named labels on the cards (same ids on the copied board) and drops unnamed ones', async () => {
			const bug = (
				await h.call('PUT', `/api/boards/${boardId}/labels`, {
					token: owner.token,
					body: { label: { name: 'bug', color: 'red' } },
				})
			).json;
			const blank = (
				await h.call('PUT', `/api/boards/${boardId}/labels`, {
					token: owner.token,
					body: { label: { color: 'blue' } },
				})
			).json;
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			seedCard(h, { title: 'c', boardId, listId: todo, swimlaneId, userId: owner.id, labelIds: [bug, blank] });
			const r = await copy(owner);
			expect(db().cards.findOne({ boardId: r.json })!.labelIds).toEqual([bug]);
			expect(db().boards.findOne(r.json)!.labels).toHaveLength(2);
		});

		// models/checklists.js:115-143
		it('copies checklists and items with .direct onto the new card and board', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			const card = seedCard(h, { title: 'c', boardId, listId: todo, swimlaneId, userId: owner.id });
			const checklist = db().checklists.insert({ cardId: card, boardId, title: 'Steps', sort: 0 });
			db().checklistItems.insert({
				checklistId: checklist,
				cardId: card,
				boardId,
				title: 'one',
				sort: 0,
				isFinished: true,
			});
			const r = await copy(owner);
			const newCard = db().cards.findOne({ boardId: r.json })!;
			const checklists = db().checklists.find({ cardId: newCard._id });
			expect(checklists).toEqual([expect.objectContaining({ title: 'Steps', boardId: r.json })]);
			expect(db().checklistItems.find({ checklistId: checklists[0]._id })).toEqual([
				expect.objectContaining({ title: 'one', isFinished: true, cardId: newCard._id, boardId: r.json }),
			]);
		});

		// models/cardComments.js:146-158
		it('copies comments onto the new card and board, keeping their author', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			const card = seedCard(h, { title: 'c', boardId, listId: todo, swimlaneId, userId: owner.id });
			db().card_comments.insert({ cardId: card, boardId, text: 'hello', userId: normal.id });
			const r = await copy(owner);
			const newCard = db().cards.findOne({ boardId: r.json })!;
			expect(db().card_comments.find({ cardId: newCard._id })).toEqual([
				expect.objectContaining({ text: 'hello', userId: normal.id, boardId: r.json }),
			]);
		});

		// models/cards.js:1036-1057
		it('copies every subtask of a copied card, wherever it lives, onto the copy as its subtask', async () => {
			const helper = seedBoard(h, owner, '^Subtasks^');
			const helperList = seedList(h, helper.boardId, 'L', helper.swimlaneId, 0);
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			const parent = seedCard(h, { title: 'parent', boardId, listId: todo, swimlaneId, userId: owner.id });
			const subtask = seedCard(h, {
				title: 'sub',
				boardId: helper.boardId,
				listId: helperList,
				swimlaneId: helper.swimlaneId,
				userId: owner.id,
				parentId: parent,
				cardNumber: 4,
			});
			db().checklists.insert({ cardId: subtask, boardId: helper.boardId, title: 'sub steps', sort: 0 });
			const r = await copy(owner);
			const newParent = db().cards.findOne({ boardId: r.json, title: 'parent' })!;
			const copiedSub = db().cards.findOne({ parentId: newParent._id })!;
			expect(copiedSub).toMatchObject({
				title: 'sub',
				boardId: r.json,
				listId: newParent.listId,
				swimlaneId: newParent.swimlaneId,
				cardNumber: 4,
			});
			expect(
				db()
					.checklists.find({ cardId: copiedSub._id })
					.map((c) => c.title),
			).toEqual(['sub steps']);
			expect(db().cards.findOne(subtask)!.parentId).toBe(parent);
		});

		it('copies a same-board subtask twice: as a card of its list, and as a subtask of the copy', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			const parent = seedCard(h, {
				title: 'parent',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 0,
			});
			seedCard(h, {
				title: 'child',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 1,
				parentId: parent,
			});
			const r = await copy(owner);
			const newParent = db().cards.findOne({ boardId: r.json, title: 'parent' })!;
			const children = db().cards.find({ boardId: r.json, title: 'child' });
			expect(children.map((c) => c.parentId).sort()).toEqual([newParent._id, parent].sort());
		});

		it('remaps card dependencies to the copies and drops those whose target was not copied (#3392)', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			const target = seedCard(h, {
				title: 'target',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 0,
			});
			const gone = seedCard(h, {
				title: 'gone',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 1,
				archived: true,
			});
			seedCard(h, {
				title: 'source',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				sort: 2,
				cardDependencies: [
					{ cardId: target, type: 'blocks', color: '#000000', icon: 'ban' },
					{ cardId: gone, type: 'nonsense' },
				],
			});
			const r = await copy(owner);
			const newTarget = db().cards.findOne({ boardId: r.json, title: 'target' })!;
			expect(db().cards.findOne({ boardId: r.json, title: 'source' })!.cardDependencies).toEqual([
				{ cardId: newTarget._id, type: 'blocks', color: '#000000', icon: 'ban' },
			]);
		});

		// models/boards.js:1125-1150, models/cards.js:862-909
		it("copies custom fields, re-keys the cards' values, and shares the source field with the copy", async () => {
			const field = db().customFields.insert({
				boardIds: [boardId],
				name: 'Points',
				type: 'number',
				settings: {},
				showOnCard: true,
			});
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			seedCard(h, {
				title: 'c',
				boardId,
				listId: todo,
				swimlaneId,
				userId: owner.id,
				customFields: [{ _id: field, value: 3 }],
			});
			const r = await copy(owner);
			const copies = db().customFields.find({ boardIds: r.json });
			// The source field now lists the copy too: Card.copy's addBoard ran before the definitions were copied.
			expect(db().customFields.findOne(field)!.boardIds).toEqual([boardId, r.json]);
			const copied = copies.find((f) => f._id !== field)!;
			expect(copied).toMatchObject({ boardIds: [r.json], name: 'Points', type: 'number', showOnCard: true });
			expect(db().cards.findOne({ boardId: r.json })!.customFields).toEqual([{ _id: copied._id, value: 3 }]);
		});

		// models/boards.js:1152-1188
		it('copies actions, triggers, rules pointing at their copies, and integrations', async () => {
			db().actions.insert({ boardId, actionType: 'archive', desc: 'archive it' });
			const action = db().actions.findOne({ boardId })!._id;
			db().triggers.insert({ boardId, activityType: 'moveCard', desc: 'when moved' });
			const trigger = db().triggers.findOne({ boardId })!._id;
			db().rules.insert({ boardId, title: 'Auto', triggerId: trigger, actionId: action });
			db().integrations.insert({
				boardId,
				url: 'https://hooks.example.com/x',
				token: 'secret',
				type: 'outgoing-webhooks',
				activities: ['all'],
				userId: owner.id,
			});
			const r = await copy(owner);
			const newAction = db().actions.findOne({ boardId: r.json })!;
			const newTrigger = db().triggers.findOne({ boardId: r.json })!;
			expect(newAction).toMatchObject({
				actionType: 'archive',
				desc: 'archive it',
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
			expect(newTrigger).toMatchObject({
				activityType: 'moveCard',
				createdAt: expect.any(Date),
				updatedAt: expect.any(Date),
			});
			expect(db().rules.find({ boardId: r.json })).toEqual([
				expect.objectContaining({ title: 'Auto', triggerId: newTrigger._id, actionId: newAction._id }),
			]);
			expect(db().integrations.find({ boardId: r.json })).toEqual([
				expect.objectContaining({ url: 'https://hooks.example.com/x', token: 'secret' }),
			]);
		});

		// models/cards.js:984-1028
		it('copies attachment records and bytes, and points the cover at the copied cover', async () => {
			const todo = seedList(h, boardId, 'Todo', swimlaneId, 0);
			const card = seedCard(h, { title: 'c', boardId, listId: todo, swimlaneId, userId: owner.id });
			db().attachments.raw.insert({
				_id: 'att1',
				name: 'a.png',
				type: 'image/png',
				size: 3,
				userId: owner.id,
				meta: { boardId, cardId: card, listId: todo, swimlaneId },
				versions: {
					original: { path: '/data/a.png', size: 3, type: 'image/png', extension: 'png', storage: 'fs' },
				},
			});
			db().files.set('att1', Buffer.from('abc'));
			db().cards.update(card, { $set: { coverId: 'att1' } });
			const r = await copy(owner);
			const newCard = db().cards.findOne({ boardId: r.json })!;
			const copies = db().attachments.find({ 'meta.cardId': newCard._id });
			expect(copies).toEqual([
				expect.objectContaining({
					name: 'a.png',
					userId: owner.id,
					meta: {
						boardId: r.json,
						cardId: newCard._id,
						listId: newCard.listId,
						swimlaneId: newCard.swimlaneId,
						source: 'copy',
						copyFrom: 'att1',
						copyStorage: 'fs',
					},
				}),
			]);
			expect(copies[0]._id).toMatch(/^[0-9a-f]{24}$/);
			expect(db().files.get(copies[0]._id)!.toString()).toBe('abc');
			expect(newCard.coverId).toBe(copies[0]._id);
		});
	});

	describe('refusals: every failure is 500 {error: <message>} (server/models/boards.js:1283-1296)', () => {
		it("refuses a non-admin member with the Meteor.Error's message, reason and code both", async () => {
			const r = await copy(normal);
			expect(r.status).toBe(500);
			expect(r.json).toEqual({ error: 'Forbidden [Forbidden]' });
		});

		it('has no login check: an anonymous caller is refused the same way', async () => {
			const r = await copy(undefined);
			expect(r.status).toBe(500);
			expect(r.json).toEqual({ error: 'Forbidden [Forbidden]' });
		});

		it("reads the members of a missing board: a TypeError's message", async () => {
			const r = await copy(owner, {}, 'nope');
			expect(r.status).toBe(500);
			expect(r.json).toEqual({ error: "Cannot read properties of undefined (reading 'members')" });
		});

		it('lets an inactive admin entry copy: the check reads isAdmin only (:1276)', async () => {
			const index = db()
				.boards.findOne(boardId)!
				.members.findIndex((m) => m.userId === owner.id);
			db().boards.direct.update(boardId, { $set: { [`members.${index}.isActive`]: false } });
			expect((await copy(owner)).status).toBe(200);
		});

		it('fails on a title that is not a string, which uniqueTitle cannot match', async () => {
			const before = db().boards.size;
			const r = await copy(owner, { title: 7 });
			expect(r.status).toBe(500);
			expect(r.json).toEqual({ error: 'title.match is not a function' });
			expect(db().boards.size).toBe(before);
		});
	});
});
