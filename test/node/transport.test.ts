import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { CREDENTIAL_ID, EngineHarness, rl, type RunResult, type WorkflowJson, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { MatchError } from '../wekan-server/accounts';
import { expectFailure, newCard, normalUser, op as userOp } from './nodeTestKit';
import { answerOf, type RecordedAnswer, type RecordedRequest, startRecordingProxy } from './recordingProxy';

const op = (resource: string, operation: string, parameters: IDataObject = {}) =>
	wekanWorkflow({ resource, operation, ...parameters });

const GET_ME = op('user', 'getMe');

/** A Wekan node that reads the card id of each input item from `$json.id`. */
const GET_CARD_PER_ITEM = op('card', 'get', { cardId: rl('={{ $json.id }}'), simplify: false });

const itemsOf = (values: IDataObject[]): INodeExecutionData[] => values.map((json) => ({ json }));

const failureText = (error: IDataObject | undefined) => `${String(error?.message ?? '')} ${String(error?.description ?? '')}`;

/** The same workflow with "On Error: Continue" on the Wekan node. */
function continueOnFail(json: WorkflowJson): WorkflowJson {
	return { ...json, nodes: json.nodes.map((n) => (n.name === 'Wekan' ? { ...n, onError: 'continueRegularOutput' as const } : n)) };
}

function adminEngine(f: Fixture): EngineHarness {
	const engine = new EngineHarness();
	engine.setCredential({ url: f.server.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
	return engine;
}

const createCard = (f: Fixture, title: string) =>
	op('card', 'create', {
		boardId: rl(f.boardId),
		listId: rl(f.todoListId),
		swimlaneId: rl(f.swimlaneId),
		title,
	});

/** Secrets that must never show up in anything a run produces. */
function expectNoSecrets(result: RunResult, secrets: string[]): void {
	const serialised = JSON.stringify(result.run);
	for (const secret of secrets) {
		expect(secret.length).toBeGreaterThan(5);
		expect(serialised).not.toContain(secret);
	}
}

describe('wekanRequest through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());
	afterEach(() => f.server.wekan.faults.clear());

	const logins = () => f.server.wekan.requests('POST', '/users/login').length;
	const cardsTitled = (title: string) => f.server.wekan.db.cards.find({ title });

	describe('sessions', () => {
		it('logs in once per credential across many items and several executions', async () => {
			const engine = adminEngine(f);
			const cards = [newCard(f, 's1'), newCard(f, 's2'), newCard(f, 's3'), newCard(f, 's4'), newCard(f, 's5')];
			const before = logins();
			const reads = f.server.wekan.requests('GET', /^\/api\/cards\//).length;
			for (let run = 0; run < 3; run++) {
				const result = await engine.runNode(GET_CARD_PER_ITEM, 'Wekan', itemsOf(cards.map((c) => ({ id: c._id }))));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan').map((c) => c.title)).toEqual(['s1', 's2', 's3', 's4', 's5']);
			}
			expect(f.server.wekan.requests('GET', /^\/api\/cards\//).length - reads).toBe(15);
			await engine.run(GET_ME);
			expect(logins() - before).toBe(1);
			expect(engine.credentials.preAuthentications.get(CREDENTIAL_ID)).toBe(1);
		});

		it('a second credential logs in on its own, once', async () => {
			const one = adminEngine(f);
			const two = adminEngine(f);
			const before = logins();
			await one.run(GET_ME);
			await two.run(GET_ME);
			await one.run(GET_ME);
			await two.run(GET_ME);
			expect(logins() - before).toBe(2);
		});

		/**
		 * Reads of several items run at once, so each read in flight when the session expired meets the expired token.
		 * Whatever their number, the session is renewed once (probe, login, probe) and every item's read succeeds
		 * after it; nothing is read with the new session before the login.
		 */
		function expectOneRenewal(seen: string[], read: string, items: number, statusShown = true): void {
			const login = seen.indexOf('POST /users/login 200');
			expect(seen.filter((r) => r === 'POST /users/login 200')).toHaveLength(1);
			expect(seen.slice(login - 1, login + 2)).toEqual(['GET /api/user/cards 401', 'POST /users/login 200', 'GET /api/user/cards 200']);
			const reads = seen.filter((r) => r === read || r.startsWith(`${read} `));
			if (statusShown) {
				expect(reads.filter((r) => r.endsWith(' 401')).length).toBeGreaterThanOrEqual(1);
				expect(reads.filter((r) => r.endsWith(' 200'))).toHaveLength(items);
			} else {
				// Each item reads once before the renewal or meets the expired token and reads once more after it.
				expect(reads.length).toBeGreaterThan(items);
				expect(reads.length).toBeLessThanOrEqual(2 * items);
			}
		}

		/** Expires every token on the server when the given request is about to be handled. */
		function expireTokensAt(method: string, path: RegExp, nth: number): void {
			let seen = 0;
			f.server.wekan.faults.set({
				match: (m, p) => {
					if (m === method && path.test(p) && ++seen === nth) f.server.wekan.expireAllTokens();
					return false;
				},
			});
		}

		it('renews a token that expired mid-run on a route answering 401 (card GET), once', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			const cards = [newCard(f, 'e1'), newCard(f, 'e2'), newCard(f, 'e3'), newCard(f, 'e4')];
			const before = logins();
			const oldToken = engine.storedCredential().sessionToken;
			expireTokensAt('GET', /^\/api\/cards\//, 2);
			const start = f.server.wekan.log.length;
			const result = await engine.runNode(GET_CARD_PER_ITEM, 'Wekan', itemsOf(cards.map((c) => ({ id: c._id }))));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').map((c) => c.title)).toEqual(['e1', 'e2', 'e3', 'e4']);
			expect(logins() - before).toBe(1);
			expect(engine.storedCredential().sessionToken).not.toBe(oldToken);
			const seen = f.server.wekan.log.slice(start).map((r) => `${r.method} ${r.path.replace(/\/api\/cards\/.*/, '/api/cards/:id')} ${r.status}`);
			expectOneRenewal(seen, 'GET /api/cards/:id', cards.length);
		});

		it('renews a token that expired mid-run on a route answering HTTP 200 with a 401 body (GET /api/user)', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			const before = logins();
			expireTokensAt('GET', /^\/api\/user$/, 2);
			const start = f.server.wekan.log.length;
			const result = await engine.runNode(GET_ME, 'Wekan', itemsOf([{}, {}, {}]));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toHaveLength(3);
			expect(result.json('Wekan').every((u) => u._id === f.adminId)).toBe(true);
			expect(logins() - before).toBe(1);
			const seen = f.server.wekan.log.slice(start).map((r) => `${r.method} ${r.path} ${r.status}`);
			// Wekan says "401" inside an HTTP 200 here; the probe of the session is what answers a real 401.
			expectOneRenewal(seen.map((r) => r.replace(/^(GET \/api\/user) 200$/, '$1')), 'GET /api/user', 3, false);
		});

		it('renews an expired token for a card create and creates the card once', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			const path = `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`;
			expireTokensAt('POST', new RegExp(`^${path}$`), 1);
			const before = logins();
			const result = await engine.run(createCard(f, 'Created after renewal'));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Created after renewal', userId: f.adminId });
			expect(logins() - before).toBe(1);
			expect(f.server.wekan.requests('POST', path).slice(-2).map((r) => r.status)).toEqual([401, 200]);
			expect(cardsTitled('Created after renewal')).toHaveLength(1);
		});

		it('renews a stored token the server has forgotten between executions', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			f.server.wekan.expireAllTokens();
			const before = logins();
			const result = await engine.run(GET_ME);
			expect(result.error).toBeUndefined();
			expect(logins() - before).toBe(1);
		});

		it('explains a password changed behind n8n\'s back when the session must be renewed', async () => {
			const engine = new EngineHarness();
			engine.setCredential({ url: f.server.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			await engine.run(GET_ME);
			engine.setCredential({ ...engine.storedCredential(), password: 'not-the-password-any-more' });
			f.server.wekan.expireAllTokens();
			const result = await engine.run(GET_ME);
			expect(result.status).toBe('error');
			expect(failureText(result.error)).toMatch(/rejected the username\/email or password/);
			expectNoSecrets(result, ['not-the-password-any-more', ADMIN_PASSWORD]);
		});
	});

	describe('token authentication', () => {
		let token: string;
		let userId: string;
		beforeAll(async () => {
			const user = f.server.wekan.createUser({ username: 'tina-token', email: 'tina@example.com', isAdmin: false });
			userId = user._id;
			const admin = (await (
				await fetch(`${f.server.url}/users/login`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
				})
			).json()) as IDataObject;
			const created = (await (
				await fetch(`${f.server.url}/api/createtoken/${userId}`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${String(admin.token)}` },
				})
			).json()) as IDataObject;
			token = String(created.authToken);
		});

		function tokenEngine(): EngineHarness {
			const engine = new EngineHarness();
			engine.setCredential({ url: f.server.url, authentication: 'token', userId, token });
			return engine;
		}

		it('works with a token from POST /api/createtoken and never logs in', async () => {
			const engine = tokenEngine();
			const before = logins();
			const result = await engine.run(GET_ME);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: userId, username: 'tina-token' });
			expect(logins()).toBe(before);
			expectNoSecrets(result, [token]);
		});

		it('gives a clear error for a revoked token, without logging in', async () => {
			const engine = tokenEngine();
			expect((await engine.run(GET_ME)).error).toBeUndefined();
			f.server.wekan.revokeToken(userId);
			const before = logins();
			const result = await engine.run(GET_ME);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			expect(result.error?.message).toBe('Wekan rejected the credential');
			expect(String(result.error?.description)).toMatch(/token or user ID is wrong or was revoked/);
			expect(logins()).toBe(before);
			expectNoSecrets(result, [token]);
		});
	});

	describe('rate limits and transient failures', () => {
		it('waits out a 429 Retry-After and retries', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			f.server.wekan.faults.set({ retryAfterSeconds: 1 });
			f.server.wekan.faults.failNext('rateLimit', { match: (m, p) => m === 'GET' && p === '/api/user' });
			const before = f.server.wekan.requests('GET', '/api/user').length;
			const started = Date.now();
			const result = await engine.run(GET_ME);
			expect(result.error).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThanOrEqual(950);
			const seen = f.server.wekan.requests('GET', '/api/user').slice(before);
			expect(seen.map((r) => r.status)).toEqual([429, 200]);
		});

		it('retries a POST after a 429, since Wekan refused it before doing anything', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			f.server.wekan.faults.set({ retryAfterSeconds: 0 });
			f.server.wekan.faults.failNext('rateLimit', { match: (m, p) => m === 'POST' && p.endsWith('/cards') });
			const result = await engine.run(createCard(f, 'After 429'));
			expect(result.error).toBeUndefined();
			expect(cardsTitled('After 429')).toHaveLength(1);
		});

		it('does not wait for a Retry-After longer than 30 seconds', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			f.server.wekan.faults.set({ retryAfterSeconds: 120 });
			f.server.wekan.faults.failNext('rateLimit', { match: (m, p) => m === 'GET' && p === '/api/user' });
			const before = f.server.wekan.requests('GET', '/api/user').length;
			const started = Date.now();
			const result = await engine.run(GET_ME);
			expect(Date.now() - started).toBeLessThan(5000);
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '429' });
			expect(f.server.wekan.requests('GET', '/api/user').length - before).toBe(1);
		});

		it('retries a GET answered 503', async () => {
			const engine = adminEngine(f);
			const card = newCard(f, 'Flaky read');
			f.server.wekan.faults.failNext('error', { match: (m, p) => m === 'GET' && p === `/api/cards/${card._id}` });
			const result = await engine.run(op('card', 'get', { cardId: rl(card._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id });
			expect(f.server.wekan.requests('GET', `/api/cards/${card._id}`).map((r) => r.status)).toEqual([503, 200]);
		});

		it('gives up on a GET after three retries', async () => {
			const engine = adminEngine(f);
			const card = newCard(f, 'Always down');
			f.server.wekan.faults.failNext('error', { times: 10, match: (m, p) => m === 'GET' && p === `/api/cards/${card._id}` });
			const result = await engine.run(op('card', 'get', { cardId: rl(card._id) }));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
			expect(String(result.error?.description)).toMatch(/after several retries/);
			expect(f.server.wekan.requests('GET', `/api/cards/${card._id}`)).toHaveLength(4);
		}, 15000);

		it('does not retry a card create answered 503, and makes no duplicate', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			const path = `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`;
			// Wekan created the card, then a proxy lost the answer and said 503.
			f.server.wekan.faults.failNext('error', { phase: 'after', match: (m, p) => m === 'POST' && p === path });
			const before = f.server.wekan.requests('POST', path).length;
			const result = await engine.run(createCard(f, 'Created once (503)'));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
			expect(String(result.error?.description)).toMatch(/not repeated/);
			expect(f.server.wekan.requests('POST', path).length - before).toBe(1);
			expect(cardsTitled('Created once (503)')).toHaveLength(1);
		});

		it('says the outcome is unknown when the connection drops during a card create, and does not retry', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			const path = `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`;
			f.server.wekan.faults.failNext('drop', { phase: 'after', match: (m, p) => m === 'POST' && p === path });
			const before = f.server.wekan.requests('POST', path).length;
			const result = await engine.run(createCard(f, 'Created once (drop)'));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError' });
			expect(String(result.error?.message)).toMatch(/Could not reach Wekan at http:\/\/127\.0\.0\.1:\d+ \(ECONNRESET\)/);
			expect(String(result.error?.description)).toMatch(/unknown whether Wekan made the change/);
			expect(String(result.error?.description)).toMatch(/not repeated/);
			expect(f.server.wekan.requests('POST', path).length - before).toBe(1);
			expect(cardsTitled('Created once (drop)')).toHaveLength(1);
		});

		it('retries a GET whose connection dropped', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			f.server.wekan.faults.failNext('drop', { match: (m, p) => m === 'GET' && p === '/api/user' });
			const before = f.server.wekan.requests('GET', '/api/user').length;
			const result = await engine.run(GET_ME);
			expect(result.error).toBeUndefined();
			expect(f.server.wekan.requests('GET', '/api/user').length - before).toBe(2);
		});

		it('treats HTTP 200 with a Meteor error body as an error, not a success', async () => {
			const engine = adminEngine(f);
			await engine.run(GET_ME);
			f.server.wekan.faults.failNext('errorBody', { match: (m, p) => m === 'GET' && p === '/api/user' });
			const result = await engine.run(GET_ME);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
			expect(result.error?.message).toMatch(/Injected failure/);
			expect(f.server.wekan.requests('GET', '/api/user').slice(-1)[0].fault).toBe('errorBody:before');
		});
	});

	describe('items and errors', () => {
		it('with Continue On Fail, gives an error item per failing item and goes on', async () => {
			const a = newCard(f, 'cof-a');
			const b = newCard(f, 'cof-b');
			const input = itemsOf([{ id: a._id }, { id: 'noSuchCard000009' }, { id: 'bad id!' }, { id: b._id }]);
			const result = await f.engine.runNode(continueOnFail(GET_CARD_PER_ITEM), 'Wekan', input);
			const out = result.items('Wekan');
			expect(out).toHaveLength(4);
			expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(out[0].json).toMatchObject({ _id: a._id, title: 'cof-a' });
			expect(out[1].json).toEqual({ error: expect.stringContaining('No card with ID noSuchCard000009'), message: expect.stringContaining('Check the IDs') });
			expect(out[2].json).toMatchObject({ error: expect.stringContaining('is not a Wekan ID') });
			expect(out[3].json).toMatchObject({ _id: b._id, title: 'cof-b' });
		});

		it('without Continue On Fail, fails the run naming the item', async () => {
			const a = newCard(f, 'stop-a');
			const input = itemsOf([{ id: a._id }, { id: 'noSuchCard000010' }, { id: a._id }]);
			const before = f.server.wekan.requests('GET', /^\/api\/cards\//).length;
			const result = await f.engine.runNode(GET_CARD_PER_ITEM, 'Wekan', input);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404', context: { itemIndex: 1 } });
			expect(result.error?.message).toContain('No card with ID noSuchCard000010');
			// Reads of later items may run ahead of a failing one, but the run stops there: at most one more read.
			expect(f.server.wekan.requests('GET', /^\/api\/cards\//).length - before).toBeLessThanOrEqual(3);
		});

		it.each([
			['a card ID with spaces', op('card', 'get', { cardId: rl('={{ "has spaces" }}') }), /"has spaces" is not a Wekan ID/],
			['a card ID with a slash', op('card', 'delete', { cardId: rl('={{ "abc/def" }}') }), /is not a Wekan ID/],
			['a board URL given as card URL', op('card', 'get', { cardId: rl('={{ "https://wekan.example.com/b/abc123/board" }}', 'url') }), /is not a Wekan card URL/],
			['a non-URL given as card URL', op('card', 'update', { cardId: rl('={{ "not a url" }}', 'url'), updateFields: { title: 'x' } }), /is not a Wekan card URL/],
			['a board URL that is not one', op('card', 'getAll', { boardId: rl('={{ "ftp://x/b/abc" }}', 'url'), scope: 'list', listId: rl('abc') }), /is not a Wekan board URL/],
			['an empty card ID', op('card', 'get', { cardId: rl('={{ "" }}') }), /Card is required/],
			['a bad member ID', op('card', 'create', { boardId: rl('b1'), listId: rl('l1'), swimlaneId: rl('s1'), title: 'x', additionalFields: { members: '={{ ["ok1", "no good"] }}' } }), /Member "no good" is not a Wekan ID/],
			['a user ID with spaces', op('user', 'delete', { userId: rl('={{ "a b" }}') }), /is not a Wekan ID/],
			['a username with a slash', op('user', 'get', { userId: rl('={{ "a/b" }}', 'username') }), /is not a Wekan username/],
		])('rejects %s with NodeOperationError before any request', async (_label, workflow, message) => {
			const engine = adminEngine(f);
			const before = f.server.wekan.log.length;
			const result = await engine.run(workflow);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(String(result.error?.message)).toMatch(message);
			expect(f.server.wekan.log.slice(before)).toEqual([]);
		});
	});

	it('never puts the password or the session token into a run, its errors or descriptions', async () => {
		const engine = adminEngine(f);
		const card = newCard(f, 'secret check');
		const runs: RunResult[] = [];
		runs.push(await engine.run(GET_ME));
		runs.push(await engine.run(op('card', 'get', { cardId: rl(card._id) })));
		runs.push(await engine.run(op('card', 'get', { cardId: rl('noSuchCard000011') })));
		runs.push(await engine.run(op('user', 'getAll', { returnAll: true })));
		f.server.wekan.faults.failNext('errorBody', { match: (m, p) => m === 'GET' && p === '/api/user' });
		runs.push(await engine.run(GET_ME));
		f.server.wekan.expireAllTokens();
		const firstToken = String(engine.storedCredential().sessionToken);
		runs.push(await engine.runNode(continueOnFail(GET_CARD_PER_ITEM), 'Wekan', itemsOf([{ id: card._id }, { id: 'noSuchCard000012' }])));
		f.server.wekan.faults.failNext('drop', { phase: 'after', match: (m, p) => m === 'POST' && p.endsWith('/cards') });
		runs.push(await engine.run(createCard(f, 'secret check drop')));
		expect(runs.map((r) => r.status)).toEqual(['success', 'success', 'error', 'success', 'error', 'success', 'error']);
		const sessionTokens = [firstToken, String(engine.storedCredential().sessionToken)];
		expect(sessionTokens[1]).not.toBe(firstToken);
		for (const result of runs) expectNoSecrets(result, [ADMIN_PASSWORD, ...sessionTokens]);
	});

	/**
	 * Each of Wekan's failure shapes, as the server answers it (status, headers and body taken from the server's own
	 * answer to a request that fails that way), given to an operation through a proxy: the node must report a
	 * failure that says what happened and what to do, never a success, and must not repeat a create.
	 */
	describe("Wekan's failure shapes", () => {
		let token: string;
		beforeAll(() => {
			token = f.server.wekan.issueToken(f.adminId).token;
		});

		/** Runs the workflow against a proxy that answers requests matching `method path` with `answer`. */
		async function runAnswered(workflow: WorkflowJson, method: string, path: string | RegExp, answer: RecordedAnswer) {
			const matches = (r: RecordedRequest) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path));
			const proxy = await startRecordingProxy(f.server.url, { answer: (r) => (matches(r) ? answer : undefined) });
			try {
				const engine = new EngineHarness();
				engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
				const result = await engine.run(workflow);
				return { result, answered: proxy.requests.filter(matches).length };
			} finally {
				await proxy.close();
			}
		}

		/** The server's answer to a list create without a title: HTTP 200 with collection2's refusal as `{error}`. */
		const schemaRefusal = () => answerOf(f.server.url, 'POST', `/api/boards/${f.boardId}/lists`, {}, token);

		it('takes a style-A schema refusal (HTTP 200 {"error": "… in lists insertAsync"}) as a failure, naming the value, and does not repeat the create', async () => {
			const answer = await schemaRefusal();
			expect(answer).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } });
			expect(JSON.parse(answer.body)).toEqual({ error: 'Title is required in lists insertAsync' });
			const lists = f.server.wekan.db.lists.find({ boardId: f.boardId }).length;
			const { result, answered } = await runAnswered(
				op('list', 'create', { boardId: rl(f.boardId), title: 'Refused list' }),
				'POST',
				`/api/boards/${f.boardId}/lists`,
				answer,
			);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400', message: 'Wekan refused the value: Title is required' });
			expect(String(result.error?.description)).toMatch(/lists schema rejected .* HTTP 200 .*not saved\. Correct the value/);
			expect(answered).toBe(1);
			expect(f.server.wekan.db.lists.find({ boardId: f.boardId })).toHaveLength(lists);
		});

		it.each([
			[
				'a list (board member add)',
				() => {
					// Someone not yet on the board, so the add is a POST (adding oneself would be refused before any request).
					const user = f.server.wekan.createUser({ username: 'sasha-shapes', email: 'sasha@example.com', isAdmin: false });
					return op('boardMember', 'add', { boardId: rl(f.boardId), userId: rl(user._id), role: 'normal' });
				},
				'POST',
				() => new RegExp(`^/api/boards/${f.boardId}/members/[^/]+/add$`),
			],
			[
				'an ID (label create)',
				() => op('label', 'create', { boardId: rl(f.boardId), name: 'Shapes', color: 'green' }),
				'PUT',
				() => `/api/boards/${f.boardId}/labels`,
			],
		])('takes HTTP 200 with only {"error"} as a failure where the success is %s', async (_what, workflow, method, path) => {
			const { result, answered } = await runAnswered(workflow(), method, path(), await schemaRefusal());
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'Wekan refused the value: Title is required' });
			expect(answered).toBeGreaterThanOrEqual(1);
		});

		it("takes a style-A Match.Error (HTTP 200, errorType 'Match.Error') as a failure where the success is any JSON (user create)", async () => {
			const answer: RecordedAnswer = {
				status: 200,
				headers: { 'cache-control': 'no-store', pragma: 'no-cache', 'content-type': 'application/json' },
				body: JSON.stringify(new MatchError('Expected string, got number in field username')),
			};
			expect(JSON.parse(answer.body)).toMatchObject({ errorType: 'Match.Error', message: 'Match error: Expected string, got number in field username' });
			const { result, answered } = await runAnswered(
				op('user', 'create', { username: 'shape-user', email: 'shape-user@example.com', password: 'Shape-Pa55word' }),
				'POST',
				'/api/users/',
				answer,
			);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400', message: 'Wekan rejected the request: Expected string, got number in field username' });
			expect(String(result.error?.description)).toMatch(/nothing was changed/);
			expect(answered).toBe(1);
		});

		it('names the refused value of a schema refusal sent with its status (style C: HTTP 500 {"error": "… in boards insertAsync"})', async () => {
			const answer = await answerOf(f.server.url, 'POST', '/api/boards', { title: 'Shapes', color: 'not-a-color' }, token);
			expect(answer.status).toBe(500);
			expect(JSON.parse(answer.body)).toEqual({ error: 'not-a-color is not an allowed value in boards insertAsync' });
			const { result, answered } = await runAnswered(op('board', 'create', { title: 'Shapes', color: 'belize' }), 'POST', '/api/boards', answer);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', message: 'Wekan refused the value: not-a-color is not an allowed value' });
			expect(String(result.error?.description)).toMatch(/boards schema rejected what was sent, so that change was not saved/);
			expect(answered).toBe(1);
		});

		it('explains a style-B failure (Express HTML page, HTTP 500) of a create without repeating it', async () => {
			const answer: RecordedAnswer = {
				status: 500,
				headers: { 'content-type': 'text/html; charset=utf-8' },
				body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Internal Server Error</pre>\n</body>\n</html>\n',
			};
			const path = `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`;
			const { result, answered } = await runAnswered(createCard(f, 'Refused card'), 'POST', path, answer);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', message: 'Wekan failed with an internal error' });
			expect(String(result.error?.description)).toMatch(/Wekan answers 500 when .* does not exist, or when a required field is missing/);
			expect(answered).toBe(1);
		});

		it('takes the empty HTTP 200 of sendJsonResult without data as "not found" where an object is expected', async () => {
			const answer: RecordedAnswer = { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body: '' };
			const card = newCard(f, 'Empty answer');
			const { result } = await runAnswered(op('card', 'get', { cardId: rl(card._id) }), 'GET', `/api/cards/${card._id}`, answer);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		});
	});

	describe('a 403 says which board roles may do it', () => {
		it.each([
			['comment-only', { isCommentOnly: true }],
			['worker', { isWorker: true }],
			['read-only', { isReadOnly: true }],
		] as const)('a %s member creating a list is told that only writing roles may', async (role, flags) => {
			const { credentialId } = normalUser(f, `w-${role}`, f.boardId, flags);
			const result = await f.engine.run(userOp('list', 'create', { boardId: rl(f.boardId), title: `By ${role}` }, credentialId));
			// models/lib/boardRoleCapabilities.js:57-78: write is for admins, normal (also assigned-only) and no-comments members.
			expect(expectFailure(result)).toContain(
				'a board admin, a normal member (also one who sees only assigned cards) or a no-comments member, or a site admin. Comment-only, worker and read-only members cannot change it.',
			);
			expect(result.error).toMatchObject({ httpCode: '403' });
		});
	});

	describe('when the REST API is disabled', () => {
		it.each([
			['403 text/plain (v10.99+)', 'forbidden' as const],
			['a 301 redirect to / (older versions)', 'redirect' as const],
		])('says so for %s', async (_label, style) => {
			const g = await startFixture({ apiEnabled: false, apiDisabledStyle: style });
			try {
				const result = await g.engine.run(GET_ME);
				expect(result.status).toBe('error');
				expect(result.error?.message).toBe('The Wekan REST API is disabled on this server');
				expect(String(result.error?.description)).toMatch(/WITH_API=true/);

				// Only the API is off: the login itself worked, once.
				expect(g.server.wekan.requests('POST', '/users/login').map((r) => r.status)).toEqual([200]);
				expect(g.server.wekan.requests('GET', '/api/user')).toHaveLength(1);
			} finally {
				await g.close();
			}
		});
	});
});
