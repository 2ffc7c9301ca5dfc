import type { IDataObject } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { EngineHarness, rl, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestsSince } from './nodeTestKit';
import { type RecordingProxy, startRecordingProxy } from './recordingProxy';

const cardOp = (operation: string, parameters: IDataObject = {}) =>
	wekanWorkflow({ resource: 'card', operation, ...parameters });

/**
 * A proxy that changes JSON request bodies on their way to the server: a stand-in for an older Wekan whose handler
 * does not read some of what the node sends. Records what it forwarded.
 */
async function startBodyRewritingProxy(target: string, rewrite: (method: string, path: string, body: unknown) => unknown) {
	const requests: Array<{ method: string; path: string; body: unknown }> = [];
	const upstream = new URL(target);
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const path = new URL(req.url ?? '/', 'http://x').pathname;
			let raw = Buffer.concat(chunks);
			let body: unknown;
			if (raw.length && /json/.test(String(req.headers['content-type']))) {
				body = rewrite(req.method ?? 'GET', path, JSON.parse(raw.toString('utf8')));
				raw = Buffer.from(JSON.stringify(body));
			}
			requests.push({ method: req.method ?? 'GET', path, body });
			const headers = { ...req.headers, host: upstream.host, 'content-length': String(raw.length) };
			const forward = http.request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			});
			forward.on('error', () => res.destroy());
			forward.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('Card operations through the engine', () => {
	let f: Fixture;
	let memberId: string;
	let outsiderId: string;
	beforeAll(async () => {
		f = await startFixture();
		const member = f.server.wekan.createUser({ username: 'mona', email: 'mona@example.com', password: 'M0na-Pa55word' });
		memberId = member._id;
		f.server.wekan.addBoardMember(f.boardId, memberId);
		outsiderId = f.server.wekan.createUser({ username: 'otto', email: 'otto@example.com', password: 'Ott0-Pa55word' })._id;
	});
	afterAll(() => f.close());

	function addCard(title: string, fields: Partial<CardDoc> = {}): CardDoc {
		const listId = fields.listId ?? f.todoListId;
		return f.server.wekan.createCard({
			title,
			boardId: f.boardId,
			listId,
			swimlaneId: f.swimlaneId,
			userId: f.adminId,
			sort: f.server.wekan.db.cards.count({ listId, archived: false }),
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
			const stored = f.server.wekan.db.cards.findOne(String(card._id))!;
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

		it('refuses a user who is not an active member of the board before creating anything, since Wekan would drop them', async () => {
			const cards = f.server.wekan.db.cards.count();
			const from = f.server.wekan.log.length;
			const result = await engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Outsider card',
					additionalFields: { members: `${memberId}, ${outsiderId}` },
				}),
			);
			expect(result.error?.message).toBe(`Member ${outsiderId} is not an active member of board ${f.boardId}`);
			expect(String(result.error?.description)).toContain('Board Member > Add');
			expect(requestsSince(f, from).filter((r) => r.startsWith('POST'))).toEqual([]);
			expect(f.server.wekan.db.cards.count()).toBe(cards);
		});

		it('refuses a list or swimlane that is not open on the board, before creating anything', async () => {
			const other = f.server.wekan.createBoard({ title: 'Elsewhere', ownerId: f.adminId });
			const otherList = f.server.wekan.createList(other._id, 'Not here')._id;
			const archivedLane = f.server.wekan.createSwimlane(f.boardId, 'Archived lane')._id;
			f.server.wekan.db.swimlanes.raw.update(archivedLane, { $set: { archived: true } });
			const cards = f.server.wekan.db.cards.count();
			const posts = f.server.wekan.requests('POST', /^\/api\//).length;
			const base = { boardId: rl(f.boardId), title: 'Lost card' };
			const wrongList = await f.engine.run(cardOp('create', { ...base, listId: rl(otherList), swimlaneId: rl(f.swimlaneId) }));
			expect(wrongList.error?.message).toBe(`List ${otherList} is not an open list of board ${f.boardId}`);
			expect(String(wrongList.error?.description)).toContain('no board would show it');
			const wrongLane = await f.engine.run(cardOp('create', { ...base, listId: rl(f.todoListId), swimlaneId: rl(archivedLane) }));
			expect(wrongLane.error?.message).toBe(`Swimlane ${archivedLane} is not an open swimlane of board ${f.boardId}`);
			expect(f.server.wekan.requests('POST', /^\/api\//).length).toBe(posts);
			expect(f.server.wekan.db.cards.count()).toBe(cards);
		});

		it('sets the dates a Wekan older than 9.65 drops from the create, with the PUT after it', async () => {
			// Wekan 9.36 to 9.64 read no dates in POST /api/boards/:boardId/lists/:listId/cards (server/models/cards.js
			// at v9.36); this proxy forwards the create without them, as such a Wekan would ignore them.
			const old = await startBodyRewritingProxy(f.server.url, (method, path, body) => {
				if (method !== 'POST' || !path.endsWith('/cards') || typeof body !== 'object' || body === null) return body;
				const { dueAt, startAt, ...rest } = body as IDataObject;
				return dueAt || startAt ? rest : body;
			});
			const oldEngine = new EngineHarness();
			oldEngine.setCredential({ url: old.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			const dueAt = '2027-03-01T08:00:00.000Z';
			const result = await oldEngine.run(
				cardOp('create', { boardId: rl(f.boardId), listId: rl(f.todoListId), swimlaneId: rl(f.swimlaneId), title: 'Dated on 9.36', additionalFields: { dueAt } }),
			);
			await old.close();
			expect(result.error).toBeUndefined();
			const [card] = result.json('Wekan');
			expect(card).toMatchObject({ title: 'Dated on 9.36', dueAt });
			expect(f.server.wekan.db.cards.findOne(String(card._id))!.dueAt?.toISOString()).toBe(dueAt);
			expect(old.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/api/')).map((r) => [r.method, r.body])).toEqual([
				['POST', { title: 'Dated on 9.36', swimlaneId: f.swimlaneId, authorId: f.adminId }],
				['PUT', { dueAt }],
			]);
		});

		it('requires a swimlane, before any request', async () => {
			const before = apiRequests();
			const cards = f.server.wekan.db.cards.count();
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
			expect(f.server.wekan.db.cards.count()).toBe(cards);
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
			expect(result.error?.message).toMatch(/Due At is not a date: "next tuesday-ish" \(not an ISO 8601 date\)/);
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
			const result = await f.engine.run(cardOp('get', { cardId: rl(card._id), simplify: false }));
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
				wekan.createCard({
					title,
					boardId: board,
					listId,
					swimlaneId,
					userId: f.adminId,
					sort: wekan.db.cards.count({ listId, archived: false }),
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
			const result = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'swimlane', swimlaneId: rl(lane2), returnAll: true, simplify: false }));
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

		it('says which fields Wekan\'s list routes return, and returns every field with Full Cards, in one request', async () => {
			const node = new Wekan().description.properties;
			const scope = node.find((p) => p.name === 'scope' && p.displayOptions?.show?.operation?.[0] === 'getAll' && p.displayOptions?.show?.resource?.[0] === 'card')!;
			expect(JSON.stringify(scope.options)).toContain('ID, title, description, swimlane, dates, assignees and sort');
			const reduced = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'list', listId: rl(list1), returnAll: true, simplify: false }));
			expect(Object.keys(reduced.json('Wekan')[0]).sort()).toEqual(
				['_id', 'assignees', 'boardId', 'description', 'listId', 'sort', 'swimlaneId', 'title'].sort(),
			);
			const from = f.server.wekan.log.length;
			const full = await f.engine.run(cardOp('getAll', { boardId: rl(board), scope: 'list', listId: rl(list1), returnAll: true, simplify: false, fullCards: true }));
			expect(full.json('Wekan').map((c) => c.title)).toEqual(['a1', 'a2', 'a3']);
			expect(full.json('Wekan')[0]).toMatchObject({ members: [], labelIds: [], userId: f.adminId, createdAt: expect.any(String), archived: false });
			expect(requestsSince(f, from).filter((r) => r.includes('/api/'))).toEqual([`GET /api/boards/${board}/export`]);
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
			const stored = f.server.wekan.db.cards.findOne(card._id)!;
			expect(stored).toMatchObject({ title: 'After', description: 'Now described', color: 'crimson', dueComplete: true });
			expect(stored.dueAt?.toISOString()).toBe(dueAt);
		});

		it('clears members with an empty list', async () => {
			const card = addCard('Has members', { members: [memberId] });
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { members: [] } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0].members).toEqual([]);
			expect(f.server.wekan.db.cards.findOne(card._id)!.members).toEqual([]);
		});

		it('refuses an archived card and sends no PUT', async () => {
			const card = addCard('Archived card', { archived: true });
			const puts = f.server.wekan.requests('PUT').length;
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: 'Changed' } }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toContain(`Card ${card._id} is archived`);
			expect(f.server.wekan.requests('PUT').length).toBe(puts);
			expect(f.server.wekan.db.cards.findOne(card._id)!.title).toBe('Archived card');
		});

		it('refuses an empty title before any request', async () => {
			const card = addCard('Keep me');
			const before = apiRequests();
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: '   ' } }));
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toBe('Title is empty');
			expect(result.error?.description).toBe('Wekan cannot make a title empty.');
			expect(apiRequests()).toBe(before);
			expect(f.server.wekan.db.cards.findOne(card._id)!.title).toBe('Keep me');
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

	describe('Requests per item', () => {
		const api = (from: number) => requestsSince(f, from).filter((r) => / \/api\//.test(r));
		const items = (n: number, json: (i: number) => IDataObject) => Array.from({ length: n }, (_, i) => ({ json: json(i) }));

		it('Get: one request per card; Simplify adds the board and its lists once per execution', async () => {
			const cards = [addCard('r1'), addCard('r2'), addCard('r3')];
			let from = f.server.wekan.log.length;
			const raw = await f.engine.runNode(cardOp('get', { cardId: rl('={{ $json.id }}'), simplify: false }), 'Wekan', items(3, (i) => ({ id: cards[i]._id })));
			expect(raw.error).toBeUndefined();
			expect(api(from)).toHaveLength(3);
			from = f.server.wekan.log.length;
			const simple = await f.engine.runNode(cardOp('get', { cardId: rl('={{ $json.id }}') }), 'Wekan', items(3, (i) => ({ id: cards[i]._id })));
			expect(simple.error).toBeUndefined();
			expect(api(from)).toHaveLength(3 + 2);
		});

		it('Create: the create and its read-back per card, and the board\'s lists and swimlanes once per execution', async () => {
			const from = f.server.wekan.log.length;
			const result = await f.engine.runNode(
				cardOp('create', { boardId: rl(f.boardId), listId: rl(f.todoListId), swimlaneId: rl(f.swimlaneId), title: '={{ $json.title }}' }),
				'Wekan',
				items(3, (i) => ({ title: `counted ${i}` })),
			);
			expect(result.error).toBeUndefined();
			const calls = api(from);
			expect(calls.filter((r) => r.startsWith('POST'))).toHaveLength(3);
			expect(calls.filter((r) => r.startsWith('GET /api/cards/'))).toHaveLength(3);
			expect(calls).toHaveLength(3 * 2 + 2);
		});

		it('Update: finding the card (its list), the PUT and the read-back per card', async () => {
			const cards = [addCard('u1'), addCard('u2'), addCard('u3')];
			const from = f.server.wekan.log.length;
			const result = await f.engine.runNode(
				cardOp('update', { cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
				'Wekan',
				items(3, (i) => ({ id: cards[i]._id, title: `updated ${i}` })),
			);
			expect(result.error).toBeUndefined();
			expect(api(from)).toHaveLength(3 * 3);
		});
	});

	describe('Dates', () => {
		const inZone = (timezone: string, parameters: IDataObject) => ({ ...cardOp('update', parameters), settings: { timezone } });

		it('reads a date without an offset, as n8n\'s date picker gives it, in the workflow\'s time zone', async () => {
			const card = addCard('Zoned');
			const berlin = await f.engine.run(inZone('Europe/Berlin', { cardId: rl(card._id), updateFields: { dueAt: '2026-12-31T17:00:00', startAt: '2026-07-01' } }));
			expect(berlin.error).toBeUndefined();
			expect(f.server.wekan.db.cards.findOne(card._id)!.dueAt?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
			expect(f.server.wekan.db.cards.findOne(card._id)!.startAt?.toISOString()).toBe('2026-06-30T22:00:00.000Z');
			const newYork = await f.engine.run(inZone('America/New_York', { cardId: rl(card._id), updateFields: { dueAt: '2026-12-31T17:00:00' } }));
			expect(newYork.error).toBeUndefined();
			expect(f.server.wekan.db.cards.findOne(card._id)!.dueAt?.toISOString()).toBe('2026-12-31T22:00:00.000Z');
			// An offset or a Z says which instant is meant, whatever the workflow's zone.
			const utc = await f.engine.run(inZone('America/New_York', { cardId: rl(card._id), updateFields: { dueAt: '2026-12-31T17:00:00+01:00' } }));
			expect(utc.error).toBeUndefined();
			expect(f.server.wekan.db.cards.findOne(card._id)!.dueAt?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
		});

		it('takes epoch seconds and milliseconds, as numbers or digits', async () => {
			const card = addCard('Epoch');
			for (const value of ['={{ 1764547200 }}', '1764547200', '={{ 1764547200000 }}', '1764547200000']) {
				const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { dueAt: value } }));
				expect(result.error).toBeUndefined();
				expect(f.server.wekan.db.cards.findOne(card._id)!.dueAt?.toISOString()).toBe('2025-12-01T00:00:00.000Z');
			}
		});

		it('refuses what could mean two instants or none, before any request', async () => {
			const card = addCard('Unclear');
			const cases: Array<[string, IDataObject, string]> = [
				['UTC', { dueAt: '={{ 86400 }}' }, 'an epoch number must be seconds (from 100000000) or milliseconds (from 100000000000) since 1970'],
				['UTC', { dueAt: '12/01/2026' }, 'not an ISO 8601 date'],
				['UTC', { dueAt: '2026-02-30' }, 'there is no such day or time'],
				['America/New_York', { dueAt: '2026-03-08T02:30:00' }, 'the clocks in America/New_York skip this time'],
				['America/New_York', { endAt: '2026-11-01T01:30:00' }, 'pass this time twice: add the UTC offset meant, -04:00 or -05:00'],
			];
			for (const [timezone, updateFields, why] of cases) {
				const before = apiRequests();
				const result = await f.engine.run(inZone(timezone, { cardId: rl(card._id), updateFields }));
				expect(result.error?.message).toContain(why);
				expect(String(result.error?.description)).toContain('workflow\'s time zone');
				expect(apiRequests()).toBe(before);
			}
		});
	});

	describe('Delete', () => {
		it('deletes a card given by URL', async () => {
			const card = addCard('Delete me');
			const result = await f.engine.run(cardOp('delete', { cardId: rl(`${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`, 'url') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toEqual({ _id: card._id, title: 'Delete me', boardId: f.boardId, listId: f.todoListId, deleted: true });
			expect(f.server.wekan.db.cards.findOne(card._id)).toBeUndefined();
		});

		it('says no such card for an unknown card and sends no DELETE', async () => {
			const deletes = f.server.wekan.requests('DELETE').length;
			const cards = f.server.wekan.db.cards.count();
			const result = await f.engine.run(cardOp('delete', { cardId: rl('noSuchCard000003') }));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No card with ID noSuchCard000003');
			expect(f.server.wekan.requests('DELETE').length).toBe(deletes);
			expect(f.server.wekan.db.cards.count()).toBe(cards);
		});
	});
});
