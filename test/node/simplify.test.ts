/**
 * Simplify on the node and Output on the AI tool, for card, board, list and user Get and Get Many: which fields
 * each returns, the names read once per board and execution, and how the tool is told apart from the node.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { runsAsTool } from '../../nodes/Wekan/actions/output';
import { SIMPLIFIED_FIELDS } from '../../nodes/shared/simplify';
import { rl, wekanWorkflow } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { cardUrl, expectFailure, normalUser, requestsSince, toolOp, TOOL_TYPE, wekanTool } from './nodeTestKit';

const wekanOp = (resource: string, operation: string, parameters: IDataObject = {}) => wekanWorkflow({ resource, operation, ...parameters });

describe('Simplify and the AI tool\'s Output', () => {
	let f: Fixture;
	let memberId: string;
	let laneB: string;
	const w = () => f.server.wekan;

	beforeAll(async () => {
		f = await startFixture();
		f.engine.addNodeType(TOOL_TYPE, wekanTool());
		memberId = w().createUser({ username: 'mona', email: 'mona@example.com', password: 'M0na-Pa55word', fullname: 'Mona Lisa' })._id;
		w().addBoardMember(f.boardId, memberId);
		w().db.boards.raw.update(f.boardId, { $set: { labels: [{ _id: 'lblRed', name: 'Urgent', color: 'red' }, { _id: 'lblBlu', name: 'Later', color: 'blue' }] } });
		laneB = w().createSwimlane(f.boardId, 'Lane B')._id;
	});
	afterAll(() => f.close());

	function addCard(title: string, fields: Partial<CardDoc> = {}): CardDoc {
		return w().createCard({ title, boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId, ...fields });
	}

	const dueAt = new Date('2031-03-04T05:06:07.000Z');

	describe('cards', () => {
		it('Get returns the most used fields by default, with list and label names and the Wekan URL', async () => {
			const card = addCard('Simple card', {
				description: 'Long text the simplified output leaves out',
				dueAt,
				members: [memberId],
				assignees: [f.adminId],
				labelIds: ['lblRed', 'lblGone'],
				swimlaneId: laneB,
			});
			const result = await f.engine.run(wekanOp('card', 'get', { cardId: rl(card._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([
				{
					_id: card._id,
					title: 'Simple card',
					url: cardUrl(f, card),
					boardId: f.boardId,
					listId: f.todoListId,
					listTitle: 'To Do',
					dueAt: dueAt.toISOString(),
					userId: f.adminId,
					members: [memberId],
					// A label id the board no longer has is left out.
					labels: ['Urgent'],
				},
			]);
			expect(Object.keys(result.json('Wekan')[0])).toEqual(SIMPLIFIED_FIELDS.card);
		});

		it('Get with Simplify off returns Wekan\'s card as it is', async () => {
			const card = addCard('Raw card', { description: 'kept', labelIds: ['lblRed'] });
			const result = await f.engine.run(wekanOp('card', 'get', { cardId: rl(card._id), simplify: false }));
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ _id: card._id, description: 'kept', labelIds: ['lblRed'], cardNumber: expect.any(Number), sort: 0 });
			expect(out).not.toHaveProperty('url');
			expect(out).not.toHaveProperty('listTitle');
			expect(out).not.toHaveProperty('labels');
		});

		it('reads the names once per board and execution, however many items', async () => {
			const cards = [addCard('n1'), addCard('n2', { labelIds: ['lblBlu'] }), addCard('n3', { listId: f.doneListId })];
			const mark = w().log.length;
			const result = await f.engine.runNode(
				wekanOp('card', 'get', { cardId: rl('={{ $json.id }}') }),
				'Wekan',
				cards.map((c) => ({ json: { id: c._id } })),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').map((c) => [c.title, c.listTitle, c.labels])).toEqual([
				['n1', 'To Do', []],
				['n2', 'To Do', ['Later']],
				['n3', 'Done', []],
			]);
			const board = `/api/boards/${f.boardId}`;
			// Items run pipelined, so their requests interleave; each name lookup is made once all the same.
			expect(requestsSince(f, mark).filter((r) => !r.includes('/users/login')).sort()).toEqual(
				[
					`GET /api/cards/${cards[0]._id}`,
					`GET ${board}`,
					`GET ${board}/lists`,
					`GET /api/cards/${cards[1]._id}`,
					`GET /api/cards/${cards[2]._id}`,
				].sort(),
			);
		});

		it('Get Many of a list keeps what Wekan\'s list route returns, and adds the names', async () => {
			const board = w().createBoard({ title: 'Names Board', ownerId: f.adminId });
			const lane = w().defaultSwimlaneId(board._id)!;
			const list = w().createList(board._id, 'Backlog', lane, 0);
			w().createCard({ title: 'b1', boardId: board._id, listId: list._id, swimlaneId: lane, userId: f.adminId, dueAt, members: [f.adminId] });
			const result = await f.engine.run(wekanOp('card', 'getAll', { boardId: rl(board._id), scope: 'list', listId: rl(list._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			const [card] = result.json('Wekan');
			expect(card).toEqual({
				_id: expect.any(String),
				title: 'b1',
				url: `${f.server.url}/b/${board._id}/names-board/${String(card._id)}`,
				boardId: board._id,
				listId: list._id,
				listTitle: 'Backlog',
				dueAt: dueAt.toISOString(),
			});
			// The list route has no members, labels or change dates: they are left out, not made up.
			expect(card).not.toHaveProperty('members');
		});

		it('Get Many of a whole board uses the lists it read for the names', async () => {
			addCard('whole board');
			const mark = w().log.length;
			const result = await f.engine.run(wekanOp('card', 'getAll', { boardId: rl(f.boardId), scope: 'board', returnAll: true }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').find((c) => c.title === 'whole board')).toMatchObject({ listTitle: 'To Do' });
			expect(requestsSince(f, mark).filter((r) => r.endsWith(`/api/boards/${f.boardId}/lists`))).toHaveLength(1);
		});

		it('My Cards reads each board\'s names once', async () => {
			const other = w().createBoard({ title: 'Other Mine', ownerId: f.adminId });
			const lane = w().defaultSwimlaneId(other._id)!;
			const list = w().createList(other._id, 'Elsewhere', lane, 0);
			w().createCard({ title: 'mine-1', boardId: other._id, listId: list._id, swimlaneId: lane, userId: f.adminId, members: [f.adminId] });
			w().createCard({ title: 'mine-2', boardId: other._id, listId: list._id, swimlaneId: lane, userId: f.adminId, members: [f.adminId] });
			addCard('mine-3', { members: [f.adminId] });
			const mark = w().log.length;
			const result = await f.engine.run(wekanOp('card', 'getAll', { scope: 'mine', returnAll: true }));
			expect(result.error).toBeUndefined();
			const titles = Object.fromEntries(result.json('Wekan').map((c) => [c.title, c.listTitle]));
			expect(titles).toMatchObject({ 'mine-1': 'Elsewhere', 'mine-2': 'Elsewhere', 'mine-3': 'To Do' });
			expect(requestsSince(f, mark).filter((r) => r === `GET /api/boards/${other._id}/lists`)).toHaveLength(1);
		});

		it('a failed name lookup fails the item, is not repeated for the next item, and says what failed', async () => {
			const cards = [addCard('f1'), addCard('f2')];
			const lists = `/api/boards/${f.boardId}/lists`;
			w().faults.failNext('errorBody', { match: (m, p) => m === 'GET' && p === lists });
			const mark = w().log.length;
			const workflow = wekanOp('card', 'get', { cardId: rl('={{ $json.id }}') });
			workflow.nodes[1].onError = 'continueRegularOutput';
			const result = await f.engine.runNode(workflow, 'Wekan', cards.map((c) => ({ json: { id: c._id } })));
			w().faults.clear();
			const out = result.json('Wekan');
			expect(out).toHaveLength(2);
			expect(out.every((o) => typeof o.error === 'string' && o.error.length > 5)).toBe(true);
			expect(requestsSince(f, mark).filter((r) => r === `GET ${lists}`)).toHaveLength(1);
		});

		it('refuses a Simplify that is not true or false, before any request', async () => {
			const card = addCard('bad simplify');
			const mark = w().log.length;
			const result = await f.engine.run(wekanOp('card', 'get', { cardId: rl(card._id), simplify: '={{ "yes" }}' }));
			expect(expectFailure(result)).toContain('Simplify must be true or false');
			expect(requestsSince(f, mark)).toEqual([]);
		});
	});

	describe('boards, lists and users', () => {
		it('Board Get: ID, title, URL, description, permission, dates, active members and label names', async () => {
			const gone = normalUser(f, 'gone', f.boardId);
			w().db.boards.raw.update({ _id: f.boardId, 'members.userId': gone.user._id }, { $set: { 'members.$.isActive': false } });
			const board = w().db.boards.findOne(f.boardId)!;
			const result = await f.engine.run(wekanOp('board', 'get', { boardId: rl(f.boardId) }));
			expect(result.json('Wekan')).toEqual([
				{
					_id: f.boardId,
					title: 'Engine Tests',
					url: `${f.server.url}/b/${f.boardId}/engine-tests`,
					// A board made by POST /api/boards has no description field (models/boards.js:512-518, no default).
					permission: 'private',
					archived: false,
					createdAt: board.createdAt.toISOString(),
					modifiedAt: expect.any(String),
					members: [f.adminId, memberId],
					labels: ['Urgent', 'Later'],
				},
			]);
			const raw = await f.engine.run(wekanOp('board', 'get', { boardId: rl(f.boardId), simplify: false }));
			expect(raw.json('Wekan')[0]).toMatchObject({ slug: 'engine-tests', labels: [{ _id: 'lblRed', name: 'Urgent', color: 'red' }, expect.anything()] });
		});

		it('Board Get Many: ID, title and URL; raw is Wekan\'s ID and title', async () => {
			const simple = await f.engine.run(wekanOp('board', 'getAll', { scope: 'mine', returnAll: true }));
			expect(simple.json('Wekan')).toContainEqual({ _id: f.boardId, title: 'Engine Tests', url: `${f.server.url}/b/${f.boardId}/board` });
			const raw = await f.engine.run(wekanOp('board', 'getAll', { scope: 'mine', returnAll: true, simplify: false }));
			expect(raw.json('Wekan')).toContainEqual({ _id: f.boardId, title: 'Engine Tests' });
		});

		it('List Get: the WIP limit as a number when it is on, null when off', async () => {
			w().db.lists.raw.update(f.doneListId, { $set: { wipLimit: { value: 4, enabled: true, soft: false } } });
			const list = w().db.lists.findOne(f.doneListId)!;
			const on = await f.engine.run(wekanOp('list', 'get', { boardId: rl(f.boardId), listId: rl(f.doneListId) }));
			expect(on.json('Wekan')).toEqual([
				{
					_id: f.doneListId,
					title: 'Done',
					boardId: f.boardId,
					swimlaneId: f.swimlaneId,
					sort: 1,
					wipLimit: 4,
					archived: false,
					createdAt: list.createdAt.toISOString(),
					modifiedAt: expect.any(String),
				},
			]);
			const off = await f.engine.run(wekanOp('list', 'get', { boardId: rl(f.boardId), listId: rl(f.todoListId) }));
			expect(off.json('Wekan')[0].wipLimit).toBeNull();
			const raw = await f.engine.run(wekanOp('list', 'get', { boardId: rl(f.boardId), listId: rl(f.doneListId), simplify: false }));
			expect(raw.json('Wekan')[0].wipLimit).toEqual({ value: 4, enabled: true, soft: false });
		});

		it('List Get Many: what Wekan\'s list route has, in Wekan\'s names', async () => {
			const result = await f.engine.run(wekanOp('list', 'getAll', { boardId: rl(f.boardId), returnAll: true }));
			expect(result.json('Wekan')).toContainEqual({ _id: f.todoListId, title: 'To Do', boardId: f.boardId, modifiedAt: expect.any(String) });
			const raw = await f.engine.run(wekanOp('list', 'getAll', { boardId: rl(f.boardId), returnAll: true, simplify: false }));
			expect(raw.json('Wekan').find((l) => l._id === f.todoListId)).toHaveProperty('cardsModifiedAt');
		});

		it('User Get, Get Many and Get Me: username, full name, first email, flags and board IDs', async () => {
			const get = await f.engine.run(wekanOp('user', 'get', { userId: rl(memberId) }));
			expect(get.json('Wekan')).toEqual([
				expect.objectContaining({ _id: memberId, username: 'mona', fullname: 'Mona Lisa', email: 'mona@example.com', boardIds: expect.arrayContaining([f.boardId]) }),
			]);
			expect(get.json('Wekan')[0]).not.toHaveProperty('emails');
			expect(get.json('Wekan')[0]).not.toHaveProperty('profile');
			const raw = await f.engine.run(wekanOp('user', 'get', { userId: rl(memberId), simplify: false }));
			expect(raw.json('Wekan')[0]).toMatchObject({ emails: [{ address: 'mona@example.com' }], profile: expect.objectContaining({ fullname: 'Mona Lisa' }) });

			const many = await f.engine.run(wekanOp('user', 'getAll', { returnAll: true }));
			expect(many.json('Wekan')).toContainEqual({ _id: memberId, username: 'mona' });

			const me = await f.engine.run(wekanOp('user', 'getMe'));
			expect(me.json('Wekan')[0]).toMatchObject({ _id: f.adminId, username: 'admin', email: 'admin@example.com', isAdmin: true });
			expect(me.json('Wekan')[0].boardIds).toContain(f.boardId);
			expect(me.json('Wekan')[0]).not.toHaveProperty('boards');
		});
	});

	describe('on the AI tool: Output', () => {
		const properties = new Wekan().description.properties;
		const named = (name: string) => properties.filter((p) => p.name === name);

		it('shows Simplify on the node and Output with its fields on the tool, for each Get and Get Many', () => {
			const operations = (list: INodeProperties[]) => list.flatMap((p) => p.displayOptions?.show?.operation ?? []).sort();
			for (const name of ['simplify', 'output', 'outputFields']) expect(operations(named(name))).toEqual(['get', 'get', 'get', 'get', 'getAll', 'getAll', 'getAll', 'getAll', 'getMe']);
			expect(named('simplify').every((p) => p.default === true && (p.displayOptions?.show?.['@tool'] as boolean[])[0] === false)).toBe(true);
			expect(named('simplify')[0].description).toBe('Whether to return a simplified version of the response instead of the raw data');
			const output = named('output').find((p) => p.displayOptions?.show?.resource?.[0] === 'card')!;
			expect(output.displayOptions?.show?.['@tool']).toEqual([true]);
			expect(output.default).toBe('simplified');
			expect(output.options?.map((o) => (o as { name: string }).name)).toEqual(['Raw', 'Selected Fields', 'Simplified']);
			expect(String((output.options![2] as { description: string }).description)).toMatch(/List Title.*Label Names/);
			expect(named('outputFields')[0].displayOptions?.show).toMatchObject({ '@tool': [true], output: ['fields'] });
			expect(named('outputFields')[0].description).toMatch(/ID is always included/);
		});

		it('keeps only the parameters each variant shows, as n8n does when it loads a workflow', () => {
			const parameters = { resource: 'card', operation: 'get', cardId: rl('abc'), output: 'raw', simplify: false };
			const node = f.engine.workflow(wekanOp('card', 'get', parameters)).getNode('Wekan')!.parameters;
			expect(node).toMatchObject({ simplify: false });
			expect(node).not.toHaveProperty('output');
			const tool = f.engine.workflow(toolOp('card', 'get', parameters)).getNode('Wekan')!.parameters;
			expect(tool).toMatchObject({ output: 'raw' });
			expect(tool).not.toHaveProperty('simplify');
		});

		it('is told apart by its type name, or by isToolExecution() where n8n runs tools that way', () => {
			const fake = (type: string, isToolExecution?: () => boolean) => ({ getNode: () => ({ type }), isToolExecution }) as never;
			expect(runsAsTool(fake('n8n-nodes-wekan.wekanTool'))).toBe(true);
			expect(runsAsTool(fake('n8n-nodes-wekan.wekan'))).toBe(false);
			expect(runsAsTool(fake('n8n-nodes-wekan.wekan', () => true))).toBe(true);
			expect(runsAsTool(fake('n8n-nodes-wekan.wekan', () => false))).toBe(false);
		});

		it('sends the simplified card by default, the raw one for Raw', async () => {
			const card = addCard('Tool card', { description: 'for the agent', labelIds: ['lblRed'] });
			const simplified = await f.engine.runNode(toolOp('card', 'get', { cardId: rl(card._id) }), 'Wekan', [{ json: {} }]);
			expect(simplified.error).toBeUndefined();
			expect(simplified.json('Wekan')[0]).toMatchObject({ _id: card._id, title: 'Tool card', labels: ['Urgent'], listTitle: 'To Do' });
			expect(simplified.json('Wekan')[0]).not.toHaveProperty('description');
			const raw = await f.engine.runNode(toolOp('card', 'get', { cardId: rl(card._id), output: 'raw' }), 'Wekan', [{ json: {} }]);
			expect(raw.json('Wekan')[0]).toMatchObject({ _id: card._id, description: 'for the agent', labelIds: ['lblRed'] });
			expect(raw.json('Wekan')[0]).not.toHaveProperty('url');
		});

		it('sends only the selected fields, and always the ID', async () => {
			const card = addCard('Picked', { description: 'only this' });
			const result = await f.engine.runNode(
				toolOp('card', 'get', { cardId: rl(card._id), output: 'fields', outputFields: ['description', 'listTitle', '_id'] }),
				'Wekan',
				[{ json: {} }],
			);
			expect(result.json('Wekan')).toEqual([{ _id: card._id, description: 'only this', listTitle: 'To Do' }]);
			const none = await f.engine.runNode(toolOp('user', 'getAll', { returnAll: true, output: 'fields', outputFields: [] }), 'Wekan', [{ json: {} }]);
			expect(none.json('Wekan').every((u) => Object.keys(u).join() === '_id')).toBe(true);
			const many = await f.engine.runNode(
				toolOp('board', 'getAll', { scope: 'mine', returnAll: true, output: 'fields', outputFields: ['title'] }),
				'Wekan',
				[{ json: {} }],
			);
			expect(many.json('Wekan')).toContainEqual({ _id: f.boardId, title: 'Engine Tests' });
		});

		it('refuses an unknown field before any request, naming the fields there are', async () => {
			const card = addCard('Unknown field');
			const mark = w().log.length;
			const result = await f.engine.runNode(
				toolOp('card', 'get', { cardId: rl(card._id), output: 'fields', outputFields: '={{ ["title", "password"] }}' }),
				'Wekan',
				[{ json: {} }],
			);
			const text = `${String(result.nodeError('Wekan')?.message)} ${String(result.nodeError('Wekan')?.description)}`;
			expect(text).toContain('"password" is not a card field');
			expect(text).toContain('listTitle');
			expect(requestsSince(f, mark)).toEqual([]);
		});
	});
});
