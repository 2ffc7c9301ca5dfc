/**
 * POST /users/login, /users/logout, /users/register and the token middleware, against Wekan v11.07
 * (server/apiAuthRoutes.js, models/lib/apiLogout.js, server/lib/loginAttemptThrottle.js,
 * server/lib/loginTimingDefense.js, server/apiMiddleware.js) and Meteor's accounts-base / accounts-password.
 */
import bcrypt from 'bcryptjs';
import { createHash } from 'node:crypto';
import { expectStyleA, type RawResponse, type ServerHarness, startHarness } from './fixtures';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const LOGIN_FAILED = { error: 'login-failed', reason: 'Incorrect username, email address or password.' };
const DAY = 24 * 60 * 60 * 1000;

function tokensOf(h: ServerHarness, userId: string): Array<{ when: Date; hashedToken: string }> {
	const services = h.wekan.db.users.findOne(userId)?.services as { resume?: { loginTokens?: [] } } | undefined;
	return services?.resume?.loginTokens ?? [];
}

/** The body and headers of the catch blocks of server/apiAuthRoutes.js: Content-Type only. */
function expectAuthFailure(r: RawResponse, status: number, body: unknown) {
	expect(r.status).toBe(status);
	expect(r.json).toEqual(body);
	expect(r.headers.get('content-type')).toBe('application/json');
	expect(r.headers.get('cache-control')).toBeNull();
}

const login = (h: ServerHarness, body: unknown, headers?: Record<string, string>) =>
	h.call('POST', '/users/login', { body, headers });

describe('POST /users/login', () => {
	let h: ServerHarness;
	beforeEach(async () => {
		h = await startHarness({ loginThrottle: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 60 } });
	});
	afterEach(() => h.close());

	it('logs in by username or by email and answers {id, token, tokenExpires} with sendJsonResult (apiAuthRoutes.js:157-175)', async () => {
		const admin = await h.user('admin', 'secret-pw');
		for (const body of [
			{ username: 'admin', password: 'secret-pw' },
			{ email: 'admin@example.com', password: 'secret-pw' },
		]) {
			const before = Date.now();
			const r = await login(h, body);
			expect(r.status).toBe(200);
			// server/apiMiddleware.js:102-103, :119
			expect(r.headers.get('cache-control')).toBe('no-store');
			expect(r.headers.get('pragma')).toBe('no-cache');
			expect(r.headers.get('content-type')).toBe('application/json');
			expect(Object.keys(r.json)).toEqual(['id', 'token', 'tokenExpires']);
			expect(r.json.id).toBe(admin.id);
			expect(r.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			// Accounts._tokenExpiration: when + loginExpirationInDays (90, server/accounts-common.js:5-7)
			const expires = new Date(r.json.tokenExpires).getTime();
			expect(expires).toBeGreaterThanOrEqual(before + 90 * DAY - 1000);
			expect(expires).toBeLessThanOrEqual(Date.now() + 90 * DAY + 1000);
		}
	});

	it('stores only the sha256 of each new token, with its date, beside the older ones (accounts-base _insertLoginToken)', async () => {
		const admin = await h.user('admin', 'pw');
		const modifiedBefore = h.wekan.db.users.findOne(admin.id)!.modifiedAt;
		const r = await login(h, { username: 'admin', password: 'pw' });
		const tokens = tokensOf(h, admin.id);
		// One from the registration, one from this login: none is replaced (wekan #1437).
		expect(tokens).toHaveLength(2);
		expect(tokens[1]).toEqual({
			when: expect.any(Date),
			hashedToken: createHash('sha256').update(r.json.token).digest('base64'),
		});
		expect(Object.keys(tokens[1])).toEqual(['when', 'hashedToken']);
		expect(JSON.stringify(h.wekan.db.users.findOne(admin.id))).not.toContain(r.json.token);
		// The $addToSet goes through Meteor.users, so collection2 sets modifiedAt (models/users.js modifiedAt autoValue).
		expect(h.wekan.db.users.findOne(admin.id)!.modifiedAt.getTime()).toBeGreaterThanOrEqual(modifiedBefore.getTime());
		expect((await h.call('GET', '/api/user', { token: r.json.token })).json._id).toBe(admin.id);
		expect((await h.call('GET', '/api/user', { token: admin.token })).json._id).toBe(admin.id);
	});

	it('accepts a form-encoded login (bodyParser.urlencoded, server/apiMiddleware.js:14)', async () => {
		await h.user('admin', 'pw');
		const r = await h.call('POST', '/users/login', { form: { username: 'admin', password: 'pw' } });
		expect(r.status).toBe(200);
		expect(r.json.token).toBeTruthy();
	});

	it('answers one 401 for a wrong password, an unknown username or email, and a user without a local password (apiAuthRoutes.js:41-51, :122-137)', async () => {
		await h.user('admin', 'pw');
		h.wekan.createUser({ username: 'ldapuser', email: 'ldap@example.com' });
		for (const body of [
			{ username: 'admin', password: 'nope' },
			{ username: 'ghost', password: 'pw' },
			{ email: 'ghost@example.com', password: 'pw' },
			{ username: 'ldapuser', password: 'pw' },
		]) {
			expectAuthFailure(await login(h, body), 401, LOGIN_FAILED);
			h.wekan.clearLoginFailures('127.0.0.1');
		}
	});

	it('matches the username and the email exactly, case included (apiAuthRoutes.js:107, :114)', async () => {
		await h.user('admin', 'pw');
		expectAuthFailure(await login(h, { username: 'Admin', password: 'pw' }), 401, LOGIN_FAILED);
		expectAuthFailure(await login(h, { email: 'ADMIN@example.com', password: 'pw' }), 401, LOGIN_FAILED);
	});

	it('refuses a body check() rejects with 401 and the Match error as both error and reason (apiAuthRoutes.js:100-115, :176-188)', async () => {
		await h.user('admin', 'pw');
		const cases: Array<[unknown, string]> = [
			// A truthy email picks the email pattern, which has no username key.
			[{ username: 'admin', email: 'admin@example.com', password: 'pw' }, 'Match error: Unknown key in field username'],
			// An empty email picks the username pattern, which has no email key.
			[{ email: '', username: 'admin', password: 'pw' }, 'Match error: Unknown key in field email'],
			[{ username: 'admin', password: 'pw', remember: true }, 'Match error: Unknown key in field remember'],
			[{ username: 'admin' }, "Match error: Missing key 'password'"],
			[{}, "Match error: Missing key 'username'"],
			[{ email: 'admin@example.com' }, "Match error: Missing key 'password'"],
			[{ username: 5, password: 'pw' }, 'Match error: Expected string, got number in field username'],
			[{ username: 'admin', password: null }, 'Match error: Expected string, got null in field password'],
			// code: Match.Optional(NonEmptyString): a Where whose inner check() message keeps its own prefix.
			[{ username: 'admin', password: 'pw', code: '' }, 'Match error: Failed Match.Where validation in field code'],
			[
				{ username: 'admin', password: 'pw', code: 7 },
				'Match error: Match error: Expected string, got number in field code',
			],
		];
		for (const [body, message] of cases) {
			expectAuthFailure(await login(h, body), 401, { error: message, reason: message });
		}
		const repeated = await h.call('POST', '/users/login', {
			body: 'username=admin&username=admin&password=pw',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expectAuthFailure(repeated, 401, {
			error: 'Match error: Expected string, got object in field username',
			reason: 'Match error: Expected string, got object in field username',
		});
	});

	it('takes a 2FA code and ignores it: Wekan has no accounts-2fa, so _check2faEnabled is undefined (apiAuthRoutes.js:139-155)', async () => {
		const admin = await h.user('admin', 'pw');
		const r = await login(h, { username: 'admin', password: 'pw', code: '123456' });
		expect(r.status).toBe(200);
		expect(r.json.id).toBe(admin.id);
	});

	it('logs in a user whose login is disabled: no validateLoginAttempt hook runs on the REST path (apiAuthRoutes.js:26-30; authentication.js:101-104)', async () => {
		const admin = await h.user('admin', 'pw');
		const bob = await h.user('bob', 'bob-pw');
		const disabled = await h.call('PUT', `/api/users/${bob.id}`, {
			token: admin.token,
			body: { action: 'disableLogin' },
		});
		expect(disabled.json.loginDisabled).toBe(true);
		// disableLogin removed bob's tokens ...
		expectStyleA(await h.call('GET', '/api/user', { token: bob.token }), 401);
		// ... but his password still logs him in.
		const r = await login(h, { username: 'bob', password: 'bob-pw' });
		expect(r.status).toBe(200);
		expect((await h.call('GET', '/api/user', { token: r.json.token })).json._id).toBe(bob.id);
	});

	it('logs in an LDAP-method user who still has a local password: the #4419 guard is a validateLoginAttempt hook (authentication.js:106-129)', async () => {
		const user = h.wekan.createUser({ username: 'migrated', email: 'm@example.com', password: 'old-pw' });
		h.wekan.db.users.update(user._id, { $set: { authenticationMethod: 'ldap' } });
		expect((await login(h, { username: 'migrated', password: 'old-pw' })).status).toBe(200);
	});

	it('checks a bcrypt hash of the SHA-256 hex written by another server and re-hashes it at its own cost afterwards (accounts-password checkPasswordAsync)', async () => {
		const hash = bcrypt.hashSync(sha256Hex('Wekan-pw'), 6);
		h.wekan.db.users.raw.insert({
			_id: 'seeded',
			username: 'seeded',
			services: { password: { bcrypt: hash } },
			authenticationMethod: 'password',
		});
		const r = await login(h, { username: 'seeded', password: 'Wekan-pw' });
		expect(r.status).toBe(200);
		await h.wekan.accounts.settle();
		const rehashed = (h.wekan.db.users.findOne('seeded')!.services as { password: { bcrypt: string } }).password.bcrypt;
		expect(rehashed).not.toBe(hash);
		expect(rehashed.split('$')[2]).toBe('04');
		expect(bcrypt.compareSync(sha256Hex('Wekan-pw'), rehashed)).toBe(true);
		expect((await login(h, { username: 'seeded', password: 'Wekan-pw' })).status).toBe(200);
		expectAuthFailure(await login(h, { username: 'seeded', password: 'wekan-pw' }), 401, LOGIN_FAILED);
	});

	it('logs in a user seeded through the control interface with a Meteor-made cost-10 hash (accounts-password: bcrypt of the SHA-256 hex)', async () => {
		await h.close();
		h = await startHarness({ control: true, bcryptRounds: 10 });
		const hash = bcrypt.hashSync(sha256Hex('Seeded-pw'), 10);
		const seeded = await h.call('POST', '/__control', {
			body: {
				ops: [
					{
						collection: 'users',
						method: 'insertOne',
						doc: {
							_id: 'ctl',
							username: 'ctl',
							emails: [{ address: 'ctl@example.com', verified: true }],
							services: { password: { bcrypt: hash } },
						},
					},
				],
			},
		});
		expect(seeded.status).toBe(200);
		const r = await login(h, { email: 'ctl@example.com', password: 'Seeded-pw' });
		expect(r.status).toBe(200);
		expect(r.json.id).toBe('ctl');
		await h.wekan.accounts.settle();
		// Same cost, so no re-hash.
		expect((h.wekan.db.users.findOne('ctl')!.services as { password: { bcrypt: string } }).password.bcrypt).toBe(hash);
	});

	it('answers the CORS preflights with an empty sendJsonResult (apiAuthRoutes.js:66-68, :199-201, :248-250)', async () => {
		for (const path of ['/users/login', '/users/logout', '/users/register']) {
			const r = await h.call('OPTIONS', path);
			expect(r.status).toBe(200);
			expect(r.text).toBe('');
			expect(r.headers.get('cache-control')).toBe('no-store');
		}
	});

	it('locks a client out after maxFailures failures: 429 with Retry-After, even for the right password (loginAttemptThrottle.js:35-61; apiAuthRoutes.js:76-96)', async () => {
		await h.user('admin', 'pw');
		for (let i = 0; i < 3; i++)
			expectAuthFailure(await login(h, { username: 'admin', password: 'x' }), 401, LOGIN_FAILED);
		const locked = await login(h, { username: 'admin', password: 'pw' });
		expect(locked.status).toBe(429);
		expect(locked.json).toEqual({
			error: 'too-many-requests',
			reason: 'Too many failed login attempts. Try again later.',
		});
		const retryAfter = Number(locked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(55);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(h.wekan.loginLockout('127.0.0.1')).toBeGreaterThan(55);
	});

	it('counts only failed credentials: check() errors never count, and a success clears the count (apiAuthRoutes.js:122-137, :165-167)', async () => {
		await h.user('admin', 'pw');
		for (let i = 0; i < 5; i++) expect((await login(h, { username: 'admin' })).status).toBe(401);
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < 2; i++) expect((await login(h, { username: 'admin', password: 'x' })).status).toBe(401);
			expect((await login(h, { username: 'admin', password: 'pw' })).status).toBe(200);
		}
	});

	it('keys the throttle by the socket address and trusts X-Forwarded-For only with HTTP_FORWARDED_COUNT (loginAttemptThrottle.js:87-99)', async () => {
		await h.user('admin', 'pw');
		for (let i = 0; i < 3; i++)
			await login(h, { username: 'admin', password: 'x' }, { 'X-Forwarded-For': `10.0.0.${i}` });
		expect((await login(h, { username: 'admin', password: 'pw' }, { 'X-Forwarded-For': '10.0.0.9' })).status).toBe(429);
		await h.close();
		h = await startHarness({
			httpForwardedCount: 1,
			loginThrottle: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 60 },
		});
		await h.user('admin', 'pw');
		const proxied = (ip: string) => ({ 'X-Forwarded-For': `203.0.113.7, ${ip}` });
		for (let i = 0; i < 3; i++) await login(h, { username: 'admin', password: 'x' }, proxied('10.0.0.1'));
		expect((await login(h, { username: 'admin', password: 'pw' }, proxied('10.0.0.1'))).status).toBe(429);
		expect((await login(h, { username: 'admin', password: 'pw' }, proxied('10.0.0.2'))).status).toBe(200);
		expect((await login(h, { username: 'admin', password: 'pw' })).status).toBe(200);
	});

	it('cannot switch the throttle off: 0 means the default of 10 failures (apiAuthRoutes.js:31-39; loginAttemptThrottle.js:27-31)', async () => {
		await h.close();
		h = await startHarness({ loginThrottle: { maxFailures: 0, windowSeconds: 0, lockoutSeconds: 0 } });
		await h.user('admin', 'pw');
		for (let i = 0; i < 9; i++) expect((await login(h, { username: 'admin', password: 'x' })).status).toBe(401);
		expect((await login(h, { username: 'admin', password: 'pw' })).status).toBe(200);
		for (let i = 0; i < 10; i++) await login(h, { username: 'admin', password: 'x' });
		expect((await login(h, { username: 'admin', password: 'pw' })).status).toBe(429);
	});
});

describe('POST /users/logout', () => {
	let h: ServerHarness;
	beforeEach(async () => {
		h = await startHarness();
	});
	afterEach(() => h.close());

	it('revokes only the token it was called with (apiLogout.js:73-78; apiAuthRoutes.js:224-232)', async () => {
		const admin = await h.user('admin', 'pw');
		const second = await login(h, { username: 'admin', password: 'pw' });
		const out = await h.call('POST', '/users/logout', { token: second.json.token, body: {} });
		expect(out.status).toBe(200);
		expect(out.json).toEqual({ message: "You've been logged out!" });
		expect(out.headers.get('cache-control')).toBe('no-store');
		expectStyleA(await h.call('GET', '/api/user', { token: second.json.token }), 401);
		expect((await h.call('GET', '/api/user', { token: admin.token })).json._id).toBe(admin.id);
		expect(tokensOf(h, admin.id)).toHaveLength(1);
	});

	it('revokes every token for all = true, 1, or "true"/"1"/"yes" in any case and spacing (apiLogout.js:30-39, :54-62)', async () => {
		const admin = await h.user('admin', 'pw');
		for (const all of [true, 1, 'true', ' YES ', '1']) {
			const { json: fresh } = await login(h, { username: 'admin', password: 'pw' });
			await login(h, { username: 'admin', password: 'pw' });
			const r = await h.call('POST', '/users/logout', { token: fresh.token, body: { all } });
			expect(r.json).toEqual({ message: 'All login tokens have been invalidated.' });
			expect(tokensOf(h, admin.id)).toEqual([]);
		}
		const { json: fresh } = await login(h, { username: 'admin', password: 'pw' });
		await login(h, { username: 'admin', password: 'pw' });
		for (const all of [false, 'no', 2]) {
			const { json: again } = await login(h, { username: 'admin', password: 'pw' });
			const r = await h.call('POST', '/users/logout', { token: again.token, body: { all } });
			expect(r.json).toEqual({ message: "You've been logged out!" });
		}
		expect(tokensOf(h, admin.id)).toHaveLength(2);
		expect((await h.call('GET', '/api/user', { token: fresh.token })).json._id).toBe(admin.id);
	});

	it('takes the token from ?access_token= as well (server/apiMiddleware.js:57-60)', async () => {
		const admin = await h.user('admin', 'pw');
		const r = await h.call('POST', `/users/logout?access_token=${admin.token}`, { body: {} });
		expect(r.json).toEqual({ message: "You've been logged out!" });
		expect(tokensOf(h, admin.id)).toEqual([]);
	});

	it('answers 401 through sendJsonResult without a valid token (apiLogout.js:42-51)', async () => {
		for (const token of [undefined, 'not-a-token']) {
			const r = await h.call('POST', '/users/logout', { token, body: {} });
			expect(r.status).toBe(401);
			expect(r.json).toEqual({
				error: 'unauthorized',
				reason: 'You must be logged in to log out. Send your token as an Authorization: Bearer header.',
			});
			expect(r.headers.get('cache-control')).toBe('no-store');
		}
	});
});

describe('POST /users/register', () => {
	let h: ServerHarness;
	beforeEach(async () => {
		h = await startHarness();
	});
	afterEach(() => h.close());

	it('creates the account as Accounts.createUser does and logs it in (apiAuthRoutes.js:283-310)', async () => {
		const r = await h.call('POST', '/users/register', {
			body: { username: 'ann', email: 'ann@example.com', password: 'Ann-pw' },
		});
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(['token', 'tokenExpires', 'id']);
		expect(r.headers.get('cache-control')).toBe('no-store');
		const user = h.wekan.db.users.findOne(r.json.id)!;
		expect(Object.keys(user)[0]).toBe('_id');
		expect(user).toMatchObject({
			username: 'ann',
			emails: [{ address: 'ann@example.com', verified: false }],
			// server/models/users.js:1530-1533: the first account is site admin.
			isAdmin: true,
			// models/users.js:981-988 default; profile autoValue :294-308 with the profile defaults.
			authenticationMethod: 'password',
			profile: { boardView: 'board-view-swimlanes', listSortBy: '-modifiedAt', cardZoom: 1 },
			sessionData: {},
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
		});
		expect(user.createdThroughApi).toBeUndefined();
		// accounts-password: bcrypt (at the server's cost) of the SHA-256 hex of the password.
		const stored = (user.services as { password: { bcrypt: string } }).password.bcrypt;
		expect(stored.split('$')[2]).toBe('04');
		expect(bcrypt.compareSync(sha256Hex('Ann-pw'), stored)).toBe(true);
		expect(tokensOf(h, r.json.id)).toHaveLength(1);
		// No templates board at sign-up any more (server/models/users.js:1915-1919, #2339/#5850).
		expect(h.wekan.db.boards.find()).toEqual([]);
		const bob = await h.user('bob');
		expect(h.wekan.db.users.findOne(bob.id)!.isAdmin).toBe(false);
	});

	it('hashes at the bcryptRounds the server is configured with (Accounts._bcryptRounds, default 10)', async () => {
		await h.close();
		h = await startHarness({ bcryptRounds: 10 });
		const r = await h.call('POST', '/users/register', { body: { username: 'ann', password: 'pw' } });
		const stored = (h.wekan.db.users.findOne(r.json.id)!.services as { password: { bcrypt: string } }).password.bcrypt;
		expect(stored.startsWith('$2b$10$')).toBe(true);
	});

	it('registers with a username or an email alone; an empty one is not passed on (apiAuthRoutes.js:290-292)', async () => {
		const byEmail = await h.call('POST', '/users/register', { body: { email: 'only@example.com', password: 'pw' } });
		expect(byEmail.status).toBe(200);
		expect(h.wekan.db.users.findOne(byEmail.json.id)!.username).toBeUndefined();
		const byName = await h.call('POST', '/users/register', { body: { username: 'solo', email: '', password: 'pw' } });
		expect(h.wekan.db.users.findOne(byName.json.id)!.emails).toBeUndefined();
		const neither = await h.call('POST', '/users/register', { body: { username: '', password: 'pw' } });
		expectAuthFailure(neither, 400, { error: 400, reason: 'Need to set a username or email' });
	});

	it('registers an account without a password for an empty one: check() takes "", and createUser hashes only a truthy password', async () => {
		const r = await h.call('POST', '/users/register', { body: { username: 'blank', password: '' } });
		expect(r.status).toBe(200);
		expect(h.wekan.db.users.findOne(r.json.id)!.services).toEqual({ resume: { loginTokens: [expect.any(Object)] } });
		expect((await h.call('GET', '/api/user', { token: r.json.token })).json.username).toBe('blank');
		expectAuthFailure(await login(h, { username: 'blank', password: '' }), 401, LOGIN_FAILED);
	});

	it('answers 403 with no body when registration is disabled, for the very first account too (apiAuthRoutes.js:253-281)', async () => {
		h.wekan.db.settings.update({}, { $set: { disableRegistration: true } });
		const r = await h.call('POST', '/users/register', { body: { username: 'first', password: 'pw' } });
		expect(r.status).toBe(403);
		expect(r.text).toBe('');
		expect(r.headers.get('content-type')).toBeNull();
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(h.wekan.db.users.count()).toBe(0);
	});

	it('answers 400 for a body check() rejects (apiAuthRoutes.js:284-288, :311-320)', async () => {
		const cases: Array<[unknown, string]> = [
			[{ username: 'ann' }, "Match error: Missing key 'password'"],
			[{ username: 'ann', password: 'pw', fullname: 'Ann' }, 'Match error: Unknown key in field fullname'],
			[{ username: 7, password: 'pw' }, 'Match error: Expected string, got number in field username'],
		];
		for (const [body, message] of cases) {
			expectAuthFailure(await h.call('POST', '/users/register', { body }), 400, { error: message, reason: message });
		}
		expect(h.wekan.db.users.count()).toBe(0);
	});

	it('refuses a username or email taken in any case with the ambiguous 403 Meteor.Error, as status 400 (accounts-base _checkForCaseInsensitiveDuplicates, _handleError)', async () => {
		await h.user('ann');
		const ambiguous = { error: 403, reason: 'Something went wrong. Please check your credentials.' };
		expectAuthFailure(
			await h.call('POST', '/users/register', { body: { username: 'ANN', password: 'pw' } }),
			400,
			ambiguous,
		);
		expectAuthFailure(
			await h.call('POST', '/users/register', {
				body: { username: 'other', email: 'Ann@Example.com', password: 'pw' },
			}),
			400,
			ambiguous,
		);
		expect(h.wekan.db.users.count()).toBe(1);
	});

	it("answers collection2's refusal of an invalid email with its message (models/users.js:252-258)", async () => {
		const message = 'Address must be a valid email address (emails.0.address) in users insertAsync';
		expectAuthFailure(
			await h.call('POST', '/users/register', { body: { username: 'x', email: 'not-an-email', password: 'pw' } }),
			400,
			{
				error: message,
				reason: message,
			},
		);
		expect(h.wekan.db.users.count()).toBe(0);
	});
});

describe('tokens and the /api gate', () => {
	let h: ServerHarness;
	beforeEach(async () => {
		h = await startHarness();
	});
	afterEach(() => h.close());

	it("stops accepting a token past the login expiration, which Meteor's expiry job then removes (accounts-base _expireTokens)", async () => {
		const admin = await h.user('admin');
		const other = await login(h, { username: 'admin', password: admin.password });
		h.wekan.expireToken(admin.token);
		expectStyleA(await h.call('GET', '/api/user', { token: admin.token }), 401);
		expect(tokensOf(h, admin.id)).toHaveLength(1);
		expect((await h.call('GET', '/api/user', { token: other.json.token })).json._id).toBe(admin.id);
	});

	it('accepts the token as ?access_token= too (server/apiMiddleware.js:57-60)', async () => {
		const admin = await h.user('admin');
		expect((await h.call('GET', `/api/user?access_token=${admin.token}`)).json._id).toBe(admin.id);
	});

	it("closes /api but not /users/login when the API is off, with Wekan's sentence (server/apiMiddleware.js:20-40)", async () => {
		await h.close();
		h = await startHarness({ apiEnabled: false });
		await h.user('admin', 'pw');
		const r = await login(h, { username: 'admin', password: 'pw' });
		expect(r.status).toBe(200);
		const api = await h.call('GET', '/api/user', { token: r.json.token });
		expect(api.status).toBe(403);
		expect(api.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(api.text).toMatch(/^WeKan API is disabled, so this address answers nothing\.\n\n/);
		expect(api.text).toContain('Set the environment variable WITH_API=true and restart WeKan.\n');
	});

	it('answers an unknown /api path with the HTML app shell and status 200', async () => {
		const r = await h.call('GET', '/api/no-such-route');
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/text\/html/);
	});

	it("answers malformed JSON with Express's HTML 400 (body-parser)", async () => {
		const r = await h.call('POST', '/users/login', {
			body: '{"username":',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(r.status).toBe(400);
		expect(r.text).toContain('<pre>Bad Request</pre>');
	});
});
