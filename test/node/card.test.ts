import type { IDataObject } from 'n8n-workflow';
import { newMember } from '../wekan-server/permissions';
import type { CardDoc } from '../wekan-server/model';
import { EngineHarness, rl, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { type RecordingProxy, startRecordingProxy } from './recordingProxy';

const cardOp = (operation: string, parameters: IDataObject = {}) =>
	wekanWorkflow({ resource: 'card', operation, ...parameters });

describe('Card operations through the engine', () => {
	let f: Fixture;
	let memberId: string;
	let outsiderId: string;
	beforeAll(async () => {
		f = await startFixture();
		const member = f.server.wekan.createUser({ username: 'mona', email: 'mona@example.com', password: 'M0na-Pa55word' });
		memberId = member._id;
		f.server.wekan.store.boards.get(f.boardId)!.members.push(newMember(memberId));
		outsiderId = f.server.wekan.createUser({ username: 'otto', email: 'otto@example.com', password: 'Ott0-Pa55word' })._id;
	});
	afterAll(() => f.close());

	function addCard(title: string, fields: Partial<CardDoc> = {}): CardDoc {
		return f.server.wekan.store.newCard({
			title,
			boardId: f.boardId,
			listId: f.todoListId,
			swimlaneId: f.swimlaneId,
			userId: f.adminId,
			sort: f.server.wekan.cardsOfList(fields.listId ?? f.todoListId).length,
			...fields,
		});
	}

	const apiRequests = (method?: string) => f.server.wekan.requests(method, /^\/api\//).length;

	describe('Create', () => {
		let proxy: RecordingProxy;
		let engine: EngineHarness;
		beforeAll(async () => {
			proxy = await startRecordingProxy(f.server.url);
			engine = new EngineHarness();
			engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
		});
		afterAll(() => proxy.close());

		it('creates a card with members, assignees and dates, sends authorId, and outputs the card as stored', async () => {
			const dueAt = '2026-12-31T17:00:00.000Z';
			const startAt = '2026-12-01T09:00:00.000Z';
			const result = await engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Full card',
					additionalFields: {
						description: 'All the fields',
						members: [f.adminId, memberId],
						assignees: [memberId],
						dueAt,
						startAt,
					},
				}),
			);
			expect(result.error).toBeUndefined();
			const [card] = result.json('Wekan');
			expect(card).toMatchObject({
				title: 'Full card',
				description: 'All the fields',
				boardId: f.boardId,
				listId: f.todoListId,
				swimlaneId: f.swimlaneId,
				userId: f.adminId,
				members: [f.adminId, memberId],
				assignees: [memberId],
				dueAt,
				startAt,
				archived: false,
			});
			const stored = f.server.wekan.store.cards.get(String(card._id))!;
			expect(stored.title).toBe('Full card');
			expect(stored.dueAt?.toISOString()).toBe(dueAt);

			const post = proxy.requests.find((r) => r.method === 'POST' && r.path === `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`);
			expect(post?.body).toEqual({
				title: 'Full card',
				swimlaneId: f.swimlaneId,
				description: 'All the fields',
				members: [f.adminId, memberId],
				assignees: [memberId],
				dueAt,
				startAt,
				authorId: f.adminId,
			});
			expect(String(post?.headers['content-type'])).toMatch(/application\/json/);
		});

		it('reports what Wekan stored when it drops a non-member', async () => {
			const result = await engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Outsider card',
					additionalFields: { members: `${memberId}, ${outsiderId}` },
				}),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0].members).toEqual([memberId]);
		});

		it('requires a swimlane, before any request', async () => {
			const before = apiRequests();
			const cards = f.server.wekan.store.cards.size;
			const result = await f.engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl('={{ "" }}'),
					title: 'No swimlane',
				}),
			);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toBe('Swimlane is required');
			expect(apiRequests()).toBe(before);
			expect(f.server.wekan.store.cards.size).toBe(cards);
		});

		it('rejects a date that is not a date, before any request', async () => {
			const before = apiRequests();
			const result = await f.engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Bad date',
					additionalFields: { dueAt: '={{ "next tuesday-ish" }}' },
				}),
			);
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toMatch(/dueAt is not a date/);
			expect(apiRequests()).toBe(before);
		});
	});

	describe('Get', () => {
		it('gets a card by ID', async () => {
			const card = addCard('Get by id', { description: 'hello' });
			const result = await f.engine.run(cardOp('get', { cardId: rl(card._id), simplify: false }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, title: 'Get by id', description: 'hello', boardId: f.boardId });
		});

		it('gets a card by its pasted Wekan URL', async () => {
			const card = addCard('Get by url');
			const url = `${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`;
			const result = await f.engine.run(cardOp('get', { cardId: rl(url, 'url') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, title: 'Get by url' });
		});

		it('gets an archived card', async () => {
			const card = addCard('Archived one', { archived: true, archivedAt: new Date() });
			const result = await f.engine.run(cardOp('get', { cardId: rl(card._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, archived: true });
		});

		it('says no such card for an unknown ID', async () => {
			const result = await f.engine.run(cardOp('get', { cardId: rl('noSuchCard000001') }));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No card with ID noSuchCard000001');
		});

		it('rejects a URL that is not a card URL, before any request', async () => {
			const before = apiRequests();
			const result = await f.engine.run(cardOp('get', { cardId: rl(`={{ "${f.server.url}/b/${f.boardId}" }}`, 'url') }));
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toMatch(/is not a Wekan card URL/);
			expect(apiRequests()).toBe(before);
		});
	});

	describe('Get Many', () => {
		let board: string;
		let list1: string;
		let list2: string;
		let lane1: string;
		let lane2: string;
		beforeAll(() => {
			const wekan = f.server.wekan;
			const b = wekan.createBoard({ title: 'Many Cards', ownerId: f.adminId });
			board = b._id;
			lane1 = wekan.defaultSwimlaneId(board)!;
			lane2 = wekan.createSwimlane(board, 'Second lane')._id;
			list1 = wekan.createList(board, 'L1', lane1, 0)._id;
			list2 = wekan.createList(board, 'L2', lane1, 1)._id;
			const put = (title: string, listId: string, swimlaneId: string, extra: Partial<CardDoc> = {}) =>
				wekan.store.newCard({
					title,
					boardId: board,
					listId,
					swimlaneId,
					userId: f.adminId,
					sort: wekan.cardsOfList(listId).length,
					...extra,
				});
			put('a1', list1, lane1);
			put('a2', list1, lane2);
			put('a3', list1, lane1);
			put('a-archived', list1, lane1, { archived: true });
			put('b1', list2, lane2);
			put('b2', list2, lane1);
		});

		it('gets the open cards of a list, with board and list ids added', async () => {
			const result = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'list', listId: rl(list1), returnAll: true }));
			expect(result.error).toBeUndefined();
			const cards = result.json('Wekan');
			expect(cards.map((c) => c.title)).toEqual(['a1', 'a2', 'a3']);
			expect(cards.every((c) => c.boardId === board && c.listId === list1)).toBe(true);
		});

		it('gets the open cards of a swimlane', async () => {
			const result = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'swimlane', swimlaneId: rl(lane2), returnAll: true }));
			expect(result.error).toBeUndefined();
			const cards = result.json('Wekan');
			expect(cards.map((c) => c.title).sort()).toEqual(['a2', 'b1']);
			expect(cards.every((c) => c.boardId === board && c.swimlaneId === lane2)).toBe(true);
		});

		it('gets the cards of a whole board, up to the limit or all', async () => {
			const limited = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'board', returnAll: false, limit: 2 }));
			expect(limited.error).toBeUndefined();
			expect(limited.json('Wekan')).toHaveLength(2);

			const all = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'board', returnAll: true }));
			expect(all.error).toBeUndefined();
			const cards = all.json('Wekan');
			expect(cards.map((c) => c.title).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
			expect(cards.find((c) => c.title === 'b1')).toMatchObject({ boardId: board, listId: list2 });
			expect(all.items('Wekan').map((i) => i.pairedItem)).toEqual(cards.map(() => ({ item: 0 })));
		});

		it('stops reading lists once the limit is reached', async () => {
			const before = f.server.wekan.requests('GET', new RegExp(`^/api/boards/${board}/lists/[^/]+/cards$`)).length;
			const result = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'board', returnAll: false, limit: 2 }));
			expect(result.json('Wekan')).toHaveLength(2);
			expect(f.server.wekan.requests('GET', new RegExp(`^/api/boards/${board}/lists/[^/]+/cards$`)).length - before).toBe(1);
		});
	});

	describe('Update', () => {
		it('changes the fields and outputs the card as read back', async () => {
			const card = addCard('Before');
			const dueAt = '2027-01-15T12:00:00.000Z';
			const result = await f.engine.run(
				cardOp('update', {
					cardId: rl(card._id),
					updateFields: {
						title: 'After',
						description: 'Now described',
						color: 'crimson',
						dueAt,
						dueComplete: true,
						members: [memberId],
						assignees: [f.adminId, memberId],
					},
				}),
			);
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({
				_id: card._id,
				title: 'After',
				description: 'Now described',
				color: 'crimson',
				dueAt,
				dueComplete: true,
				members: [memberId],
				assignees: [f.adminId, memberId],
			});
			const stored = f.server.wekan.store.cards.get(card._id)!;
			expect(stored).toMatchObject({ title: 'After', description: 'Now described', color: 'crimson', dueComplete: true });
			expect(stored.dueAt?.toISOString()).toBe(dueAt);
		});

		it('clears members with an empty list', async () => {
			const card = addCard('Has members', { members: [memberId] });
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { members: [] } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0].members).toEqual([]);
			expect(f.server.wekan.store.cards.get(card._id)!.members).toEqual([]);
		});

		it('refuses an archived card and sends no PUT', async () => {
			const card = addCard('Archived card', { archived: true });
			const puts = f.server.wekan.requests('PUT').length;
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: 'Changed' } }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toContain(`Card ${card._id} is archived`);
			expect(f.server.wekan.requests('PUT').length).toBe(puts);
			expect(f.server.wekan.store.cards.get(card._id)!.title).toBe('Archived card');
		});

		it('refuses an empty title before any request', async () => {
			const card = addCard('Keep me');
			const before = apiRequests();
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: '   ' } }));
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toBe('Wekan cannot set an empty title');
			expect(apiRequests()).toBe(before);
			expect(f.server.wekan.store.cards.get(card._id)!.title).toBe('Keep me');
		});

		it('refuses an update without fields before any request', async () => {
			const card = addCard('Nothing to do');
			const before = apiRequests();
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: {} }));
			expect(result.error?.message).toBe('Nothing to update');
			expect(apiRequests()).toBe(before);
		});

		it('says no such card for an unknown card and sends no PUT', async () => {
			const puts = f.server.wekan.requests('PUT').length;
			const result = await f.engine.run(cardOp('update', { cardId: rl('noSuchCard000002'), updateFields: { title: 'X' } }));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No card with ID noSuchCard000002');
			expect(f.server.wekan.requests('PUT').length).toBe(puts);
		});
	});

	describe('Delete', () => {
		it('deletes a card given by URL', async () => {
			const card = addCard('Delete me');
			const result = await f.engine.run(cardOp('delete', { cardId: rl(`${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`, 'url') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toEqual({ _id: card._id, title: 'Delete me', boardId: f.boardId, listId: f.todoListId, deleted: true });
			expect(f.server.wekan.store.cards.get(card._id)).toBeUndefined();
		});

		it('says no such card for an unknown card and sends no DELETE', async () => {
			const deletes = f.server.wekan.requests('DELETE').length;
			const cards = f.server.wekan.store.cards.size;
			const result = await f.engine.run(cardOp('delete', { cardId: rl('noSuchCard000003') }));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No card with ID noSuchCard000003');
			expect(f.server.wekan.requests('DELETE').length).toBe(deletes);
			expect(f.server.wekan.store.cards.size).toBe(cards);
		});
	});
});
