import { expectStyleA, type ServerHarness, startHarness } from './helpers';

describe('auth routes', () => {
	let h: ServerHarness;
	beforeEach(async () => {
		h = await startHarness({ loginThrottle: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 60 } });
	});
	afterEach(() => h.close());

	it('makes the first registered user a site admin and the second a normal user', async () => {
		const admin = await h.user('admin');
		const bob = await h.user('bob');
		expect(h.wekan.store.users.get(admin.id)?.isAdmin).toBe(true);
		expect(h.wekan.store.users.get(bob.id)?.isAdmin).toBe(false);
	});

	it('logs in with JSON by username or email and returns id, token and expiry', async () => {
		const admin = await h.user('admin', 'secret-pw');
		for (const body of [{ username: 'admin', password: 'secret-pw' }, { email: 'admin@example.com', password: 'secret-pw' }]) {
			const r = await h.call('POST', '/users/login', { body });
			expect(r.status).toBe(200);
			expect(r.headers.get('cache-control')).toBe('no-store');
			expect(r.json.id).toBe(admin.id);
			expect(typeof r.json.token).toBe('string');
			expect(new Date(r.json.tokenExpires).getTime()).toBeGreaterThan(Date.now() + 80 * 24 * 3600 * 1000);
		}
	});

	it('accepts a form-encoded login too', async () => {
		await h.user('admin', 'pw');
		const r = await h.call('POST', '/users/login', { form: { username: 'admin', password: 'pw' } });
		expect(r.status).toBe(200);
		expect(r.json.token).toBeTruthy();
	});

	it('answers login-failed with one message for a wrong password and an unknown user', async () => {
		await h.user('admin', 'pw');
		const wrong = await h.call('POST', '/users/login', { body: { username: 'admin', password: 'nope' } });
		const unknown = await h.call('POST', '/users/login', { body: { username: 'ghost', password: 'pw' } });
		for (const r of [wrong, unknown]) {
			expect(r.status).toBe(401);
			expect(r.json).toEqual({ error: 'login-failed', reason: 'Incorrect username, email address or password.' });
		}
	});

	it('rejects username and email together, and extra keys, with a Match error', async () => {
		await h.user('admin', 'pw');
		const both = await h.call('POST', '/users/login', { body: { username: 'admin', email: 'admin@example.com', password: 'pw' } });
		const extra = await h.call('POST', '/users/login', { body: { username: 'admin', password: 'pw', remember: true } });
		for (const r of [both, extra]) {
			expect(r.status).toBe(401);
			expect(r.json.error).toMatch(/^Match error/);
		}
	});

	it('throttles repeated failures with 429 and Retry-After', async () => {
		await h.user('admin', 'pw');
		for (let i = 0; i < 3; i++) await h.call('POST', '/users/login', { body: { username: 'admin', password: 'x' } });
		const locked = await h.call('POST', '/users/login', { body: { username: 'admin', password: 'pw' } });
		expect(locked.status).toBe(429);
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(locked.json.error).toBe('too-many-requests');
	});

	it('keeps older tokens valid after another login, and logout revokes only its own token', async () => {
		const admin = await h.user('admin', 'pw');
		const second = await h.call('POST', '/users/login', { body: { username: 'admin', password: 'pw' } });
		expect((await h.call('GET', '/api/user', { token: admin.token })).json._id).toBe(admin.id);
		const out = await h.call('POST', '/users/logout', { token: second.json.token, body: {} });
		expect(out.json).toEqual({ message: "You've been logged out!" });
		expectStyleA(await h.call('GET', '/api/user', { token: second.json.token }), 401);
		expect((await h.call('GET', '/api/user', { token: admin.token })).json._id).toBe(admin.id);
		const all = await h.call('POST', '/users/logout', { token: admin.token, body: { all: true } });
		expect(all.json).toEqual({ message: 'All login tokens have been invalidated.' });
		expectStyleA(await h.call('GET', '/api/user', { token: admin.token }), 401);
	});

	it('stops accepting an expired token', async () => {
		const admin = await h.user('admin');
		h.wekan.expireToken(admin.token);
		expectStyleA(await h.call('GET', '/api/user', { token: admin.token }), 401);
	});

	it('accepts the token as ?access_token= too', async () => {
		const admin = await h.user('admin');
		const r = await h.call('GET', `/api/user?access_token=${admin.token}`);
		expect(r.json._id).toBe(admin.id);
	});

	it('answers 403 with an empty body when registration is disabled', async () => {
		await h.user('admin');
		h.wekan.store.settings.disableRegistration = true;
		const r = await h.call('POST', '/users/register', { body: { username: 'late', password: 'pw' } });
		expect(r.status).toBe(403);
		expect(r.text).toBe('');
	});

	it('lets a site admin create and delete tokens for another user, and refuses others', async () => {
		const admin = await h.user('admin');
		const bob = await h.user('bob');
		const created = await h.call('POST', `/api/createtoken/${bob.id}`, { token: admin.token });
		expect(created.json).toEqual({ _id: bob.id, authToken: expect.any(String) });
		expect((await h.call('GET', '/api/user', { token: created.json.authToken })).json._id).toBe(bob.id);
		expectStyleA(await h.call('POST', `/api/createtoken/${admin.id}`, { token: bob.token }), 403);
		const deleted = await h.call('POST', '/api/deletetoken', { token: admin.token, body: { userId: bob.id } });
		expect(deleted.json.message).toMatch(/Delete all token/);
		expectStyleA(await h.call('GET', '/api/user', { token: created.json.authToken }), 401);
	});

	it('gates /api when the API is disabled but still allows login', async () => {
		await h.close();
		h = await startHarness({ apiEnabled: false });
		await h.user('admin', 'pw');
		const login = await h.call('POST', '/users/login', { body: { username: 'admin', password: 'pw' } });
		expect(login.status).toBe(200);
		const api = await h.call('GET', '/api/user', { token: login.json.token });
		expect(api.status).toBe(403);
		expect(api.headers.get('content-type')).toMatch(/text\/plain/);
		await h.close();
		h = await startHarness({ apiEnabled: false, apiDisabledStyle: 'redirect' });
		const old = await h.call('GET', '/api/user');
		expect(old.status).toBe(301);
		expect(old.headers.get('location')).toBe('/');
	});

	it('answers an unknown /api path with the HTML app shell and status 200', async () => {
		const r = await h.call('GET', '/api/no-such-route');
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/text\/html/);
	});

	it('answers malformed JSON with an HTML 400', async () => {
		const r = await h.call('POST', '/users/login', { body: '{"username":', headers: { 'Content-Type': 'application/json' } });
		expect(r.status).toBe(400);
		expect(r.text).toContain('<pre>Bad Request</pre>');
	});
});
