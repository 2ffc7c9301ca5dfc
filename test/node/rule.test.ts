import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';

const rule = (operation: string, parameters = {}, credentialId?: string) => op('rule', operation, parameters, credentialId);

describe('Rule operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;

	function freshBoard(title: string) {
		const board = w().createBoard({ title, ownerId: f.adminId });
		const swimlaneId = w().defaultSwimlaneId(board._id)!;
		const todo = w().createList(board._id, 'To Do', swimlaneId, 0);
		const done = w().createList(board._id, 'Done', swimlaneId, 1);
		return { boardId: board._id, swimlaneId, todo: todo._id, done: done._id };
	}

	it('creates "moved to Done, then archive" from the guided fields, and Wekan runs it', async () => {
		const b = freshBoard('Rules Guided');
		const result = await f.engine.run(
			rule('create', {
				boardId: rl(b.boardId),
				title: '  Archive done cards ',
				triggerKind: 'cardMovedTo',
				triggerListId: rl(b.done, 'list'),
				actionKind: 'archive',
			}),
		);
		expect(result.error).toBeUndefined();
		const [created] = result.json('Wekan');
		expect(created).toMatchObject({
			title: 'Archive done cards',
			boardId: b.boardId,
			trigger: { activityType: 'moveCard', listName: 'Done', oldListName: '*', swimlaneName: '*', cardTitle: '*', userId: '*' },
			action: { actionType: 'archive' },
		});
		const stored = w().db.rules.findOne(String(created._id))!;
		expect(w().db.triggers.findOne(stored.triggerId)).toMatchObject({ boardId: b.boardId, listName: 'Done' });
		// A card moved to Done is archived by Wekan's rules engine.
		const card = w().createCard({ title: 'Ship it', boardId: b.boardId, listId: b.todo, swimlaneId: b.swimlaneId, userId: f.adminId });
		const moved = await f.engine.run(op('card', 'move', { cardId: rl(card._id), toListId: rl(b.done) }));
		expect(moved.error).toBeUndefined();
		expect(w().db.cards.findOne(card._id)).toMatchObject({ listId: b.done, archived: true });
	});

	it('adds a label picked by name when a card is created in any list', async () => {
		const b = freshBoard('Rules Label');
		w().db.boards.raw.update(b.boardId, { $push: { labels: { _id: 'lblUrg', name: 'Urgent', color: 'red' } } });
		const result = await f.engine.run(
			rule('create', { boardId: rl(b.boardId), triggerKind: 'cardCreated', actionKind: 'addLabel', actionLabelId: 'Urgent' }),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Wekan')[0]).toMatchObject({
			title: 'API rule',
			trigger: { activityType: 'createCard', listName: '*' },
			action: { actionType: 'addLabel', labelId: 'lblUrg' },
		});
		const created = await f.engine.run(
			op('card', 'create', { boardId: rl(b.boardId), listId: rl(b.todo), swimlaneId: rl(b.swimlaneId), title: 'New' }),
		);
		expect(created.error).toBeUndefined();
		expect(w().db.cards.findOne(String(created.json('Wekan')[0]._id))!.labelIds).toEqual(['lblUrg']);
	});

	it('takes raw JSON for a trigger and action the guided fields do not offer', async () => {
		const b = freshBoard('Rules JSON');
		const result = await f.engine.run(
			rule('create', {
				boardId: rl(b.boardId),
				title: 'Sort',
				definition: 'json',
				triggerJson: '{"activityType": "createCard", "_id": "ignored"}',
				actionJson: { actionType: 'setDate', dateField: 'startAt' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Wekan')[0]).toMatchObject({ action: { actionType: 'setDate', dateField: 'startAt' } });
		expect(result.json('Wekan')[0].trigger).not.toHaveProperty('_id');
	});

	it('refuses a missing label, an unknown list and bad JSON before any write', async () => {
		const b = freshBoard('Rules Invalid');
		const before = w().db.rules.find({ boardId: b.boardId }).length;
		const noLabel = await runCounting(f, rule('create', { boardId: rl(b.boardId), actionKind: 'addLabel', actionLabelId: '' }));
		expect(expectFailure(noLabel.result)).toContain('Action Label is required');
		expect(noLabel.requests).toBe(0);
		const badJson = await runCounting(f, rule('create', { boardId: rl(b.boardId), definition: 'json', triggerJson: '{"listName": "x"}' }));
		expect(expectFailure(badJson.result)).toContain('Trigger JSON needs an activityType');
		expect(badJson.requests).toBe(0);
		const from = w().log.length;
		const unknownList = await f.engine.run(
			rule('create', { boardId: rl(b.boardId), triggerKind: 'cardMovedTo', triggerListId: rl('Nowhere', 'id'), actionKind: 'archive' }),
		);
		expect(expectFailure(unknownList)).toContain('no list "Nowhere"');
		expect(requestsSince(f, from).filter((r) => r.startsWith('POST'))).toEqual([]);
		expect(w().db.rules.find({ boardId: b.boardId })).toHaveLength(before);
	});

	it('gets, lists, updates and deletes a rule', async () => {
		const b = freshBoard('Rules CRUD');
		const created = await f.engine.run(
			rule('create', { boardId: rl(b.boardId), title: 'One', triggerKind: 'cardArchived', actionKind: 'setColor', actionColor: 'navy' }),
		);
		const ruleId = String(created.json('Wekan')[0]._id);
		const got = await f.engine.run(rule('get', { boardId: rl(b.boardId), ruleId }));
		expect(got.json('Wekan')[0]).toMatchObject({ _id: ruleId, title: 'One', action: { actionType: 'setColor', selectedColor: 'navy' } });
		const all = await f.engine.run(rule('getAll', { boardId: rl(b.boardId), returnAll: true }));
		expect(all.json('Wekan').map((r) => r._id)).toEqual([ruleId]);

		const updated = await f.engine.run(
			rule('update', {
				boardId: rl(b.boardId),
				ruleId,
				title: 'Two',
				changeAction: true,
				actionKind: 'moveCardToTop',
				actionListId: rl(b.todo),
			}),
		);
		expect(updated.error).toBeUndefined();
		expect(updated.json('Wekan')[0]).toMatchObject({
			title: 'Two',
			trigger: { activityType: 'archivedCard' },
			action: { actionType: 'moveCardToTop', listName: 'To Do', swimlaneName: '*' },
		});
		const nothing = await runCounting(f, rule('update', { boardId: rl(b.boardId), ruleId }));
		expect(expectFailure(nothing.result)).toContain('Nothing to update');
		expect(nothing.requests).toBe(0);

		const deleted = await f.engine.run(rule('delete', { boardId: rl(b.boardId), ruleId }));
		expect(deleted.json('Wekan')[0]).toEqual({ _id: ruleId, boardId: b.boardId, deleted: true });
		expect(w().db.rules.findOne(ruleId)).toBeUndefined();
		expect(w().db.triggers.find({ boardId: b.boardId })).toHaveLength(0);
		const again = await f.engine.run(rule('get', { boardId: rl(b.boardId), ruleId }));
		expect(expectFailure(again)).toMatch(/Rule not found|No rule/);
	});

	it('refuses a read-only member Create, with the board-write hint', async () => {
		const b = freshBoard('Rules Denied');
		const { credentialId } = normalUser(f, 'rulereader', b.boardId, { isReadOnly: true });
		const result = await f.engine.run(
			rule('create', { boardId: rl(b.boardId), triggerKind: 'cardArchived', actionKind: 'archive' }, credentialId),
		);
		expect(expectFailure(result)).toMatch(/write access/i);
		expect(w().db.rules.find({ boardId: b.boardId })).toHaveLength(0);
	});

	it('sends one POST for each item, in input order', async () => {
		const b = freshBoard('Rules Many');
		const from = w().log.length;
		const workflow = rule('create', { boardId: rl(b.boardId), title: '={{ "R" + $json.n }}', triggerKind: 'cardArchived', actionKind: 'unarchive' });
		const result = await f.engine.runNode(workflow, 'Wekan', [1, 2, 3].map((n) => ({ json: { n } })));
		expect(result.error).toBeUndefined();
		expect(requestsSince(f, from).filter((r) => r.startsWith('POST'))).toHaveLength(3);
		expect(w().db.rules.find({ boardId: b.boardId }).map((r) => r.title)).toEqual(['R1', 'R2', 'R3']);
	});
});
