import type { IDataObject } from 'n8n-workflow';
import { EngineHarness, rl, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';

const userOp = (operation: string, parameters: IDataObject = {}) =>
	wekanWorkflow({ resource: 'user', operation, ...parameters });

describe('User operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

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

	function addUser(username: string, password = 'Us3r-Pa55word!') {
		return f.server.wekan.createUser({ username, email: `${username}@example.com`, password, isAdmin: false });
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
		it('gets a user by ID', async () => {
			const bob = addUser('bob-get');
			const result = await f.engine.run(userOp('get', { userId: rl(bob._id) }));
			expect(result.error).toBeUndefined();
			const [user] = result.json('Wekan');
			expect(user).toMatchObject({ _id: bob._id, username: 'bob-get' });
			expect(user).not.toHaveProperty('services');
		});

		it('gets a user by username', async () => {
			const carol = addUser('carol-get');
			const result = await f.engine.run(userOp('get', { userId: rl('carol-get', 'username') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: carol._id, username: 'carol-get' });
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
			const total = f.server.wekan.store.users.size;
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
			const result = await f.engine.run(
				userOp('create', { username: 'dave-new', email: 'dave@example.com', password }),
			);
			expect(result.error).toBeUndefined();
			const [user] = result.json('Wekan');
			expect(user).toMatchObject({ username: 'dave-new', isAdmin: false });
			expect(user._id).toEqual(expect.any(String));
			expect(user.emails).toEqual([expect.objectContaining({ address: 'dave@example.com' })]);
			expect(user).not.toHaveProperty('services');
			expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(password);

			const stored = f.server.wekan.store.users.findOne((u) => u.username === 'dave-new');
			expect(stored?._id).toBe(user._id);
			expect((await login('dave-new', password)).status).toBe(200);
		});

		it('says so when the username is taken, and creates nobody', async () => {
			addUser('erin-taken');
			const before = f.server.wekan.store.users.size;
			const result = await f.engine.run(
				userOp('create', { username: 'erin-other', email: 'erin-taken@example.com', password: 'Whatever-Pw-1' }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('Wekan did not create user "erin-other"');
			expect(f.server.wekan.store.users.size).toBe(before);
		});

		it('checks the email before any request', async () => {
			const before = f.server.wekan.requests(undefined, /^\/api\//).length;
			const result = await f.engine.run(userOp('create', { username: 'frank', email: 'not-an-email', password: 'Pw-123456' }));
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toMatch(/is not an email address/);
			expect(f.server.wekan.requests(undefined, /^\/api\//).length).toBe(before);
		});
	});

	describe('Register', () => {
		afterEach(() => {
			f.server.wekan.store.settings.disableRegistration = false;
		});

		it('registers a user and leaves the token out by default', async () => {
			const result = await f.engine.run(
				userOp('register', { username: 'gina-reg', email: 'gina@example.com', password: 'Reg1ster-Pw!' }),
			);
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			const gina = f.server.wekan.store.users.findOne((u) => u.username === 'gina-reg');
			expect(out).toMatchObject({ _id: gina?._id, username: 'gina-reg', email: 'gina@example.com' });
			expect(out.tokenExpires).toEqual(expect.any(String));
			expect(out).not.toHaveProperty('token');
			expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain('Reg1ster-Pw!');
		});

		it('outputs a working token with Include Login Token', async () => {
			const result = await f.engine.run(
				userOp('register', {
					username: 'hank-reg',
					email: 'hank@example.com',
					password: 'Reg1ster-Pw-2!',
					includeToken: true,
				}),
			);
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out.token).toEqual(expect.any(String));
			const me = await getUserWithToken(String(out.token));
			expect(me).toMatchObject({ _id: out._id, username: 'hank-reg' });
		});

		it('explains a 403 when sign-up is disabled', async () => {
			f.server.wekan.store.settings.disableRegistration = true;
			const before = f.server.wekan.store.users.size;
			const result = await f.engine.run(
				userOp('register', { username: 'ivy-reg', email: 'ivy@example.com', password: 'Reg1ster-Pw-3!' }),
			);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
			expect(result.error?.message).toMatch(/sign-up is disabled/);
			expect(f.server.wekan.store.users.size).toBe(before);
		});
	});

	describe('Disable Login and Enable Login', () => {
		it('stops a user from logging in, and lets them in again', async () => {
			const password = 'J4ck-Pa55word';
			const jack = addUser('jack-login', password);
			const session = await login('jack-login', password);
			expect(session.status).toBe(200);

			const disabled = await f.engine.run(userOp('disableLogin', { userId: rl(jack._id) }));
			expect(disabled.error).toBeUndefined();
			expect(disabled.json('Wekan')[0]).toMatchObject({ _id: jack._id, loginDisabled: true });
			expect(await login('jack-login', password)).toMatchObject({ status: 401, body: { error: 'login-failed' } });
			// Disabling also ends the user's sessions.
			expect(await getUserWithToken(String(session.body.token))).toMatchObject({ statusCode: 401 });

			const enabled = await f.engine.run(userOp('enableLogin', { userId: rl('jack-login', 'username') }));
			expect(enabled.error).toBeUndefined();
			expect(enabled.json('Wekan')[0]).toMatchObject({ _id: jack._id, loginDisabled: false });
			expect((await login('jack-login', password)).status).toBe(200);
		});

		it('says no such user for an unknown user', async () => {
			const result = await f.engine.run(userOp('disableLogin', { userId: rl('nobody-here', 'username') }));
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('No user "nobody-here"');
		});
	});

	describe('Take Ownership', () => {
		it('makes the admin a board admin of the user\'s boards and outputs them', async () => {
			const kim = addUser('kim-owner');
			const one = f.server.wekan.createBoard({ title: 'Kim One', ownerId: kim._id });
			const two = f.server.wekan.createBoard({ title: 'Kim Two', ownerId: kim._id });
			expect(one.members.some((m) => m.userId === f.adminId)).toBe(false);

			const result = await f.engine.run(userOp('takeOwnership', { userId: rl(kim._id) }));
			expect(result.error).toBeUndefined();
			const boards = result.items('Wekan');
			expect(boards.map((b) => b.json)).toEqual(
				expect.arrayContaining([{ _id: one._id, title: 'Kim One' }, { _id: two._id, title: 'Kim Two' }]),
			);
			expect(boards).toHaveLength(2);
			expect(boards.map((b) => b.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			for (const board of [one, two]) {
				expect(board.members.find((m) => m.userId === f.adminId)).toMatchObject({ isAdmin: true, isActive: true });
			}
		});

		it('says no such user for an unknown user', async () => {
			const result = await f.engine.run(userOp('takeOwnership', { userId: rl('ghostOwner000001') }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No user "ghostOwner000001"');
		});
	});

	describe('Delete', () => {
		it('deletes a user by ID', async () => {
			const lee = addUser('lee-delete');
			const result = await f.engine.run(userOp('delete', { userId: rl(lee._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toEqual({ _id: lee._id, username: 'lee-delete', deleted: true });
			expect(f.server.wekan.store.users.get(lee._id)).toBeUndefined();
		});

		it('deletes a user by username', async () => {
			const mia = addUser('mia-delete');
			const result = await f.engine.run(userOp('delete', { userId: rl('mia-delete', 'username') }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: mia._id, deleted: true });
			expect(f.server.wekan.store.users.get(mia._id)).toBeUndefined();
		});

		it('says no such user for an unknown user, and deletes nothing', async () => {
			const before = f.server.wekan.store.users.size;
			const deletes = f.server.wekan.requests('DELETE').length;
			const result = await f.engine.run(userOp('delete', { userId: rl('ghostUser0000001') }));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(result.error?.message).toContain('No user "ghostUser0000001"');
			expect(f.server.wekan.requests('DELETE').length).toBe(deletes);
			expect(f.server.wekan.store.users.size).toBe(before);
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
			['delete', { userId: rl('admin', 'username') }],
			['createToken', { userId: rl('admin', 'username') }],
		])('%s gets a clear site-admin error', async (operation, parameters) => {
			const users = f.server.wekan.store.users.size;
			const result = await engine.run(userOp(operation, parameters as IDataObject));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
			expect(text(result.error)).toMatch(/site admin/);
			expect(f.server.wekan.store.users.size).toBe(users);
			expect(f.server.wekan.store.users.get(f.adminId)?.loginDisabled).toBe(false);
		});
	});

	it('never puts the admin password or session token into a run', async () => {
		const result = await f.engine.run(userOp('getAll', { returnAll: true }));
		const serialised = JSON.stringify(result.run);
		expect(serialised).not.toContain(ADMIN_PASSWORD);
		expect(serialised).not.toContain(String(f.engine.storedCredential().sessionToken));
	});
});
