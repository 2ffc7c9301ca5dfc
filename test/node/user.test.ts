import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { EngineHarness, rl, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, requestsSince } from './nodeTestKit';

const userOp = (operation: string, parameters: IDataObject = {}) =>
	wekanWorkflow({ resource: 'user', operation, ...parameters });

describe('User operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const db = () => f.server.wekan.db;

	/** POST /users/login as a client would; resolves to the HTTP status and body. */
	async function login(username: string, password: string): Promise<{ status: number; body: IDataObject }> {
		const response = await fetch(`${f.server.url}/users/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ username, password }),
		});
		return { status: response.status, body: (await response.json()) as IDataObject };
	}

	async function getUserWithToken(token: string): Promise<IDataObject> {
		const response = await fetch(`${f.server.url}/api/user`, { headers: { Authorization: `Bearer ${token}` } });
		return (await response.json()) as IDataObject;
	}

	function addUser(username: string, password = 'Us3r-Pa55word!', email = `${username}@example.com`) {
		return f.server.wekan.createUser({ username, email, password, isAdmin: false });
	}

	/** Resolves once a request matching `method path` has reached the server (before it is handled). */
	async function arrived(method: string, path: string, from: number): Promise<void> {
		while (!requestsSince(f, from).includes(`${method} ${path}`)) await new Promise((resolve) => setTimeout(resolve, 5));
	}

	const text = (error: IDataObject | undefined) => `${String(error?.message ?? '')} ${String(error?.description ?? '')}`;

	describe('Get Me', () => {
		it('returns the logged-in user with board memberships, without services', async () => {
			const result = await f.engine.run(userOp('getMe', { simplify: false }));
			expect(result.error).toBeUndefined();
			const items = result.items('Wekan');
			expect(items).toHaveLength(1);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			const me = items[0].json;
			expect(me).toMatchObject({ _id: f.adminId, username: 'admin', isAdmin: true });
			expect(me.boards).toEqual(expect.arrayContaining([expect.objectContaining({ boardId: f.boardId, isAdmin: true })]));
			expect(me).not.toHaveProperty('services');
		});
	});

	describe('Get', () => {
		it('gets a user by ID, without secrets', async () => {
			const bob = addUser('bob-get');
			const result = await f.engine.run(userOp('get', { userId: rl(bob._id), simplify: false }));
			expect(result.error).toBeUndefined();
			const [user] = result.json('Wekan');
			expect(user).toMatchObject({ _id: bob._id, username: 'bob-get' });
			// server/models/users.js:2031-2036
			expect(user).not.toHaveProperty('services');
			expect(user).not.toHaveProperty('sessionData');
		});

		it('gets a user by username', async () => {
			const carol = addUser('carol-get');
			const result = await f.engine.run(userOp('get', { userId: rl('carol-get', 'username') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: carol._id, username: 'carol-get' });
		});

		it('does not take a username that is another account\'s ID for that account', async () => {
			// Wekan tries the value as an id first (server/models/users.js:2042-2046).
			const dan = addUser('dan-get');
			const result = await f.engine.run(userOp('get', { userId: rl(dan._id, 'username') }));
			expect(expectFailure(result)).toContain(`No user "${dan._id}"`);
		});

		it('says no such user for an unknown ID (Wekan answers an empty object)', async () => {
			const result = await f.engine.run(userOp('get', { userId: rl('doesNotExist12345') }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No user "doesNotExist12345"');
		});

		it('rejects an invalid ID from an expression before any request', async () => {
			const before = f.server.wekan.requests(undefined, /^\/api\//).length;
			const result = await f.engine.run(userOp('get', { userId: rl('={{ "not an id!" }}') }));
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toMatch(/is not a Wekan ID/);
			expect(f.server.wekan.requests(undefined, /^\/api\//).length).toBe(before);
		});
	});

	describe('Get Many', () => {
		it('returns up to the limit, or all with Return All', async () => {
			addUser('many-1');
			addUser('many-2');
			addUser('many-3');
			const total = db().users.count();
			expect(total).toBeGreaterThanOrEqual(4);

			const limited = await f.engine.run(userOp('getAll', { returnAll: false, limit: 2 }));
			expect(limited.error).toBeUndefined();
			const two = limited.items('Wekan');
			expect(two).toHaveLength(2);
			expect(two.every((i) => typeof i.json._id === 'string' && typeof i.json.username === 'string')).toBe(true);
			expect(two.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);

			const all = await f.engine.run(userOp('getAll', { returnAll: true }));
			expect(all.error).toBeUndefined();
			const users = all.json('Wekan');
			expect(users).toHaveLength(total);
			expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'many-1', 'many-2', 'many-3']));

			const byDefault = await f.engine.run(userOp('getAll'));
			expect(byDefault.json('Wekan')).toHaveLength(Math.min(total, 50));
		});
	});

	describe('Create', () => {
		it('creates a user who can log in, and never outputs the password', async () => {
			const password = 'Cr3ate-Secret-Pw-77';
			const result = await f.engine.run(userOp('create', { username: 'dave-new', email: 'dave@example.com', password }));
			expect(result.error).toBeUndefined();
			const [user] = result.json('Wekan');
			expect(user).toMatchObject({ username: 'dave-new', isAdmin: false });
			expect(user._id).toEqual(expect.any(String));
			expect(user.emails).toEqual([expect.objectContaining({ address: 'dave@example.com' })]);
			expect(user).not.toHaveProperty('services');
			expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(password);

			expect(db().users.findOne({ username: 'dave-new' })?._id).toBe(user._id);
			expect((await login('dave-new', password)).status).toBe(200);
		});

		it('waits for the account Wekan creates after it has answered', async () => {
			// server/models/users.js:2249: Accounts.createUser is not awaited, so the answer is {"_id": {}} and the account
			// appears once the password is hashed. A costlier hash makes that take a while.
			const options = f.server.wekan.options;
			const rounds = options.bcryptRounds;
			options.bcryptRounds = 12;
			try {
				const from = f.server.wekan.log.length;
				const result = await f.engine.run(userOp('create', { username: 'slow-hash', email: 'slow@example.com', password: 'Sl0w-Hash-Pw' }));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan')[0]).toMatchObject({ username: 'slow-hash', _id: db().users.findOne({ username: 'slow-hash' })?._id });
				const reads = requestsSince(f, from).filter((r) => r === 'GET /api/users/slow-hash');
				expect(reads.length).toBeGreaterThan(1);
			} finally {
				options.bcryptRounds = rounds;
			}
		});

		it('refuses a username that is taken in any letter case, before creating anything', async () => {
			const erin = addUser('erin-taken');
			const from = f.server.wekan.log.length;
			const before = db().users.count();
			const result = await f.engine.run(userOp('create', { username: 'Erin-Taken', email: 'erin-other@example.com', password: 'Whatever-Pw-1' }));
			expect(expectFailure(result)).toContain(`Username "Erin-Taken" is taken by user "erin-taken" (${erin._id})`);
			expect(requestsSince(f, from)).not.toContain('POST /api/users/');
			expect(db().users.count()).toBe(before);
		});

		it('refuses an email address another account uses in any letter case, before creating anything', async () => {
			const fay = addUser('fay-mail');
			const from = f.server.wekan.log.length;
			const result = await f.engine.run(userOp('create', { username: 'fay-other', email: 'FAY-MAIL@example.com', password: 'Whatever-Pw-2' }));
			expect(expectFailure(result)).toContain(`Email "FAY-MAIL@example.com" is used by user "fay-mail" (${fay._id})`);
			expect(requestsSince(f, from)).not.toContain('POST /api/users/');
			expect(db().users.findOne({ username: 'fay-other' })).toBeUndefined();
		});

		it('never reports another account that took the username while the request was on its way', async () => {
			f.server.wekan.faults.set({ latencyMs: 300, match: (method, path) => method === 'POST' && path === '/api/users/' });
			try {
				const from = f.server.wekan.log.length;
				const run = f.engine.run(userOp('create', { username: 'gail-race', email: 'gail@example.com', password: 'Gail-Pa55word' }));
				await arrived('POST', '/api/users/', from);
				const other = addUser('gail-race', 'Other-Pa55word', 'someone-else@example.com');
				const result = await run;
				expect(expectFailure(result)).toContain(`the account of that name is another one (${other._id})`);
				expect(db().users.find({ username: 'gail-race' })).toHaveLength(1);
			} finally {
				f.server.wekan.faults.clear();
			}
		});

		it('says so when no account appears, as when Wekan silently refuses it', async () => {
			f.server.wekan.faults.set({ latencyMs: 300, match: (method, path) => method === 'POST' && path === '/api/users/' });
			try {
				const from = f.server.wekan.log.length;
				const run = f.engine.run(userOp('create', { username: 'hal-never', email: 'hal@example.com', password: 'Hal-Pa55word' }));
				await arrived('POST', '/api/users/', from);
				// The email is taken meanwhile: Wekan creates nothing and still answers {"_id": {}}.
				addUser('hal-first', 'Hal-Pa55word', 'HAL@example.com');
				const result = await run;
				expect(expectFailure(result)).toMatch(/Wekan did not create user "hal-never": no such account appeared within \d+ seconds/);
				expect(db().users.findOne({ username: 'hal-never' })).toBeUndefined();
			} finally {
				f.server.wekan.faults.clear();
			}
		}, 30_000);

		it('creates the accounts of several items in order, and refuses a username an earlier item took', async () => {
			const workflow = userOp('create', { username: '={{ $json.name }}', email: '={{ $json.name }}@example.com', password: 'Many-Pa55word' });
			const node = workflow.nodes[1];
			const items = ['ivy-one', 'ivy-two', 'IVY-ONE'].map((name) => ({ json: { name } }));
			const result = await f.engine.runNode({ ...workflow, nodes: [{ ...node, onError: 'continueRegularOutput' }] }, 'Wekan', items);
			const out = result.json('Wekan');
			expect(out.slice(0, 2).map((u) => u.username)).toEqual(['ivy-one', 'ivy-two']);
			expect(String(out[2].error)).toContain('Username "IVY-ONE" is taken by user "ivy-one"');
			expect(db().users.find({ username: { $in: ['ivy-one', 'ivy-two'] } })).toHaveLength(2);
		});

		it.each([
			['not-an-email', 'is not an email address Wekan accepts'],
			['jane@exa_mple.com', 'is not an email address Wekan accepts'],
			['={{ "" }}', 'Email is required'],
		])('checks the email %p before any request', async (email, message) => {
			const before = f.server.wekan.requests(undefined, /^\/api\//).length;
			const result = await f.engine.run(userOp('create', { username: 'frank', email, password: 'Pw-123456' }));
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toContain(message);
			expect(f.server.wekan.requests(undefined, /^\/api\//).length).toBe(before);
		});
	});

	describe('Register', () => {
		const setRegistration = (disabled: boolean) => db().settings.update({}, { $set: { disableRegistration: disabled } });
		afterEach(() => setRegistration(false));

		it('registers a user and leaves the token out by default', async () => {
			const result = await f.engine.run(userOp('register', { username: 'gina-reg', email: 'gina@example.com', password: 'Reg1ster-Pw!' }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			const gina = db().users.findOne({ username: 'gina-reg' });
			expect(out).toMatchObject({ _id: gina?._id, username: 'gina-reg', email: 'gina@example.com' });
			expect(out.tokenExpires).toEqual(expect.any(String));
			expect(out).not.toHaveProperty('token');
			expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain('Reg1ster-Pw!');
		});

		it('outputs a working token with Include Login Token', async () => {
			const result = await f.engine.run(
				userOp('register', { username: 'hank-reg', email: 'hank@example.com', password: 'Reg1ster-Pw-2!', includeToken: true }),
			);
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out.token).toEqual(expect.any(String));
			expect(await getUserWithToken(String(out.token))).toMatchObject({ _id: out._id, username: 'hank-reg' });
		});

		it('explains the 403 Wekan answers while sign-up is disabled', async () => {
			setRegistration(true);
			const before = db().users.count();
			const result = await f.engine.run(userOp('register', { username: 'ivy-reg', email: 'ivy@example.com', password: 'Reg1ster-Pw-3!' }));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
			expect(result.error?.message).toBe('Wekan refused the registration: sign-up is disabled in its Admin Panel');
			expect(db().users.count()).toBe(before);
		});

		it('says the username or email is taken when Wekan answers 400 with its ambiguous error', async () => {
			// server/apiAuthRoutes.js:311-320: the duplicate error has no statusCode, so it answers 400.
			addUser('jill-reg');
			const result = await f.engine.run(userOp('register', { username: 'JILL-REG', email: 'jill-new@example.com', password: 'Reg1ster-Pw-4!' }));
			expect(expectFailure(result)).toContain('Wekan refused the registration of "JILL-REG": the username or the email is taken');
			expect(db().users.findOne({ username: 'JILL-REG' })).toBeUndefined();
		});
	});

	describe('Disable Login and Enable Login', () => {
		it('ends the user\'s sessions and marks the login disabled; Wekan still takes the password over REST', async () => {
			const password = 'J4ck-Pa55word';
			const jack = addUser('jack-login', password);
			const session = await login('jack-login', password);
			expect(session.status).toBe(200);

			const disabled = await f.engine.run(userOp('disableLogin', { userId: rl(jack._id) }));
			expect(disabled.error).toBeUndefined();
			expect(disabled.json('Wekan')[0]).toMatchObject({ _id: jack._id, loginDisabled: true });
			expect(db().users.findOne(jack._id)?.loginDisabled).toBe(true);
			// The tokens are gone (server/models/users.js:2088) ...
			expect(await getUserWithToken(String(session.body.token))).toMatchObject({ statusCode: 401 });
			// ... but the REST login runs no validateLoginAttempt hook (server/apiAuthRoutes.js:26-30).
			expect((await login('jack-login', password)).status).toBe(200);

			const enabled = await f.engine.run(userOp('enableLogin', { userId: rl(jack._id) }));
			expect(enabled.error).toBeUndefined();
			expect(enabled.json('Wekan')[0]).toMatchObject({ _id: jack._id, loginDisabled: false });
			// :2090 unsets the field.
			expect(db().users.findOne(jack._id)).not.toHaveProperty('loginDisabled');
		});

		it('finds a user given by username, which Wekan\'s PUT does not (it answers an empty 200)', async () => {
			const kate = addUser('kate-login');
			const disabled = await f.engine.run(userOp('disableLogin', { userId: rl('kate-login', 'username') }));
			expect(disabled.error).toBeUndefined();
			expect(disabled.json('Wekan')[0]).toMatchObject({ _id: kate._id, loginDisabled: true });
			expect(f.server.wekan.requests('PUT', `/api/users/${kate._id}`)).toHaveLength(1);
			expect(f.server.wekan.requests('PUT', '/api/users/kate-login')).toHaveLength(0);

			const enabled = await f.engine.run(userOp('enableLogin', { userId: rl('kate-login', 'username') }));
			expect(enabled.error).toBeUndefined();
			expect(enabled.json('Wekan')[0]).toMatchObject({ _id: kate._id, loginDisabled: false });
			expect(db().users.findOne(kate._id)?.loginDisabled).toBeUndefined();
		});

		it('refuses to disable the credential\'s own user before any change', async () => {
			const from = f.server.wekan.log.length;
			const result = await f.engine.run(userOp('disableLogin', { userId: rl('admin', 'username') }));
			expect(expectFailure(result)).toContain('You cannot disable your own login');
			expect(requestsSince(f, from).filter((r) => r.startsWith('PUT '))).toEqual([]);
		});

		it('says no such user for an unknown user', async () => {
			const result = await f.engine.run(userOp('disableLogin', { userId: rl('nobody-here', 'username') }));
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('No user "nobody-here"');
		});
	});

	describe('Take Ownership', () => {
		it('hands the user\'s boards over to the admin and outputs them with the role taken over', async () => {
			const kim = addUser('kim-owner');
			const one = f.server.wekan.createBoard({ title: 'Kim One', ownerId: kim._id });
			const two = f.server.wekan.createBoard({ title: 'Kim Two', ownerId: kim._id });
			expect(one.members.some((m) => m.userId === f.adminId)).toBe(false);

			const result = await f.engine.run(userOp('takeOwnership', { userId: rl(kim._id) }));
			expect(result.error).toBeUndefined();
			const boards = result.items('Wekan');
			expect(boards.map((b) => b.json)).toEqual(
				expect.arrayContaining([
					{ _id: one._id, title: 'Kim One', role: 'admin', active: true },
					{ _id: two._id, title: 'Kim Two', role: 'admin', active: true },
				]),
			);
			expect(boards).toHaveLength(2);
			expect(boards.map((b) => b.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			for (const board of [one, two]) {
				const members = db().boards.findOne(board._id)!.members;
				expect(members.find((m) => m.userId === f.adminId)).toMatchObject({ isAdmin: true, isActive: true });
				expect(members.some((m) => m.userId === kim._id)).toBe(false);
			}
		});

		it('takes a user given by username', async () => {
			const lou = addUser('lou-owner');
			const board = f.server.wekan.createBoard({ title: 'Lou Board', ownerId: lou._id });
			const result = await f.engine.run(userOp('takeOwnership', { userId: rl('lou-owner', 'username') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: board._id, title: 'Lou Board', role: 'admin', active: true }]);
			expect(f.server.wekan.requests('PUT', '/api/users/lou-owner')).toHaveLength(0);
		});

		it('also takes boards where the user is a plain member, replacing the admin\'s own membership there', async () => {
			// server/models/users.js:2074-2083 with models/boards.js:2124-2129, 2157-2184.
			const max = addUser('max-member');
			const owner = addUser('max-boss');
			const board = f.server.wekan.createBoard({ title: 'Max Member Board', ownerId: owner._id });
			f.server.wekan.addBoardMember(board._id, max._id, { isCommentOnly: true });
			f.server.wekan.addBoardMember(board._id, f.adminId, { isAdmin: true });

			const result = await f.engine.run(userOp('takeOwnership', { userId: rl(max._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: board._id, title: 'Max Member Board', role: 'commentonly', active: true }]);
			const admins = db().boards.findOne(board._id)!.members.filter((m) => m.userId === f.adminId);
			// The entry taken over (max's, listed first) is comment-only; the admin's own is deactivated, without admin.
			expect(admins).toEqual([
				expect.objectContaining({ isActive: true, isAdmin: false, isCommentOnly: true }),
				expect.objectContaining({ isActive: false, isAdmin: false }),
			]);
		});

		it('refuses to take the credential\'s own boards before any change', async () => {
			const from = f.server.wekan.log.length;
			const result = await f.engine.run(userOp('takeOwnership', { userId: rl(f.adminId) }));
			expect(expectFailure(result)).toContain('You cannot take ownership of your own boards');
			expect(requestsSince(f, from).filter((r) => r.startsWith('PUT '))).toEqual([]);
		});

		it('says no such user for an unknown user', async () => {
			const result = await f.engine.run(userOp('takeOwnership', { userId: rl('ghostOwner000001') }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No user "ghostOwner000001"');
		});
	});

	describe('Delete', () => {
		it('deletes a user by ID, and Wekan takes them off their boards', async () => {
			const lee = addUser('lee-delete');
			f.server.wekan.addBoardMember(f.boardId, lee._id);
			const result = await f.engine.run(userOp('delete', { userId: rl(lee._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toEqual({ _id: lee._id, username: 'lee-delete', deleted: true });
			expect(db().users.findOne(lee._id)).toBeUndefined();
			// models/users.js:2423-2443
			expect(db().boards.findOne(f.boardId)!.members.some((m) => m.userId === lee._id)).toBe(false);
		});

		it('deletes a user by username', async () => {
			const mia = addUser('mia-delete');
			const result = await f.engine.run(userOp('delete', { userId: rl('mia-delete', 'username') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: mia._id, deleted: true });
			expect(db().users.findOne(mia._id)).toBeUndefined();
		});

		it('says no such user for an unknown user, and deletes nothing', async () => {
			const before = db().users.count();
			const deletes = f.server.wekan.requests('DELETE').length;
			const result = await f.engine.run(userOp('delete', { userId: rl('ghostUser0000001') }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No user "ghostUser0000001"');
			expect(f.server.wekan.requests('DELETE').length).toBe(deletes);
			expect(db().users.count()).toBe(before);
		});
	});

	describe('Create Token', () => {
		it('creates a token that works for GET /api/user', async () => {
			const nora = addUser('nora-token');
			const result = await f.engine.run(userOp('createToken', { userId: rl('nora-token', 'username') }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ userId: nora._id, username: 'nora-token' });
			expect(out.token).toEqual(expect.any(String));
			expect(await getUserWithToken(String(out.token))).toMatchObject({ _id: nora._id, username: 'nora-token' });
		});

		it('says no such user for an unknown user, without asking for a token', async () => {
			const before = f.server.wekan.requests('POST', /^\/api\/createtoken\//).length;
			const result = await f.engine.run(userOp('createToken', { userId: rl('ghostUser0000002') }));
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('No user "ghostUser0000002"');
			expect(f.server.wekan.requests('POST', /^\/api\/createtoken\//).length).toBe(before);
		});
	});

	describe('as a user who is not a site admin', () => {
		let engine: EngineHarness;
		beforeAll(() => {
			addUser('olga-normal', 'Olga-Pa55word');
			engine = new EngineHarness();
			engine.setCredential({ url: f.server.url, authentication: 'password', login: 'olga-normal', password: 'Olga-Pa55word' });
		});

		it('can still get itself', async () => {
			const result = await engine.run(userOp('getMe'));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ username: 'olga-normal', isAdmin: false });
		});

		it.each([
			['getAll', {}],
			['get', { userId: rl('admin', 'username') }],
			['create', { username: 'pete', email: 'pete@example.com', password: 'Pete-Pa55word' }],
			['disableLogin', { userId: rl('admin', 'username') }],
			['takeOwnership', { userId: rl('admin', 'username') }],
			['delete', { userId: rl('admin', 'username') }],
			['createToken', { userId: rl('admin', 'username') }],
		])('%s gets a clear site-admin error', async (operation, parameters) => {
			const users = db().users.count();
			const result = await engine.run(userOp(operation, parameters as IDataObject));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
			expect(text(result.error)).toMatch(/site admin/);
			expect(db().users.count()).toBe(users);
			expect(db().users.findOne(f.adminId)?.loginDisabled).toBeUndefined();
		});
	});

	it('leaves out the password hash and login tokens that Wekan before 10.92 sends with a user', async () => {
		// A stand-in for the user routes of Wekan 10.91, which answered the whole user document (no withoutSecrets).
		const stored = { _id: 'oldUser000000001', username: 'old-wekan', loginDisabled: false, services: { password: { bcrypt: '$2b$10$SecretHashValue' }, resume: { loginTokens: [{ hashedToken: 'SecretTokenHash=' }] } }, sessionData: { totalHits: 3 } };
		const old = http.createServer((req, res) => {
			const send = (body: unknown) => {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			req.resume();
			req.on('end', () => {
				if (req.url === '/users/login') return send({ id: 'oldAdmin00000001', token: 'old-session-token-1', tokenExpires: '2099-01-01T00:00:00.000Z' });
				if (req.url === `/api/users/${stored._id}` && req.method === 'GET') return send({ ...stored, boards: [] });
				if (req.url === `/api/users/${stored._id}` && req.method === 'PUT') return send({ ...stored, loginDisabled: true });
				res.writeHead(404);
				res.end();
			});
		});
		await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
		try {
			const engine = new EngineHarness();
			engine.setCredential({ url: `http://127.0.0.1:${(old.address() as AddressInfo).port}`, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			for (const operation of ['get', 'disableLogin']) {
				const result = await engine.run(userOp(operation, { userId: rl(stored._id), simplify: false }));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan')[0]).toMatchObject({ _id: stored._id, username: 'old-wekan' });
				expect(JSON.stringify(result.run)).not.toMatch(/SecretHashValue|SecretTokenHash|sessionData/);
			}
		} finally {
			await new Promise<void>((resolve) => old.close(() => resolve()));
		}
	});

	it('never puts the admin password or session token into a run', async () => {
		const result = await f.engine.run(userOp('getAll', { returnAll: true }));
		const serialised = JSON.stringify(result.run);
		expect(serialised).not.toContain(ADMIN_PASSWORD);
		expect(serialised).not.toContain(String(f.engine.storedCredential().sessionToken));
	});
});
