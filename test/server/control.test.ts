/**
 * The control interface (control.ts): MongoDB operations on the collections over `POST /__control`, as Wekan's
 * end-to-end tests run them on Wekan's MongoDB (tests/playwright/helpers/db.js, helpers/mongo-runner.js): EJSON
 * values in (dates as `{"$date": ...}`), plain JSON out (dates as ISO strings), the last operation's result answered.
 * Off unless the server is started with `control`, and only for loopback callers; otherwise the path is an unknown
 * one, which Wekan answers with its app shell.
 */
import { createHash, randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { CONTROL_PATH, isLoopback } from '../wekan-server/control';
import { expectStyleA, type RawResponse, type ServerHarness, seedUser, startHarness } from './fixtures';

const control = (h: ServerHarness, ops: unknown[]): Promise<RawResponse> =>
	h.call('POST', CONTROL_PATH, { body: { ops } });

/** The last op's result, after checking the call succeeded. */
async function run(h: ServerHarness, ...ops: unknown[]): Promise<any> {
	const response = await control(h, ops);
	expect(response.status).toBe(200);
	return response.json;
}

function expectAppShell(response: RawResponse) {
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/text\/html/);
	expect(response.text).toContain('<title>WeKan</title>');
}

describe('off by default', () => {
	let h: ServerHarness;
	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(() => h.close());

	it('answers the path as Wekan answers any unknown path: the app shell, and nothing runs', async () => {
		const response = await control(h, [{ collection: 'users', method: 'deleteMany', filter: {} }]);
		expectAppShell(response);
		seedUser(h, 'still-here');
		expect(h.wekan.db.users.count({ username: 'still-here' })).toBe(1);
	});
});

describe('loopback only', () => {
	it('takes IPv4 loopback, IPv6 loopback and IPv4-mapped loopback addresses, nothing else', () => {
		for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
		for (const address of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '', undefined])
			expect(isLoopback(address)).toBe(false);
	});

	it('answers a caller on another interface with the app shell', async () => {
		const external = Object.values(networkInterfaces())
			.flat()
			.find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
		if (!external) return; // no other interface on this machine: the address check above is what is left to test
		const h = await startHarness({ control: true, host: '0.0.0.0' });
		try {
			const port = new URL(h.url).port;
			const response = await fetch(`http://${external.address}:${port}${CONTROL_PATH}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ ops: [{ method: 'collectionNames' }] }),
			});
			expect(response.status).toBe(200);
			expect(await response.text()).toContain('<title>WeKan</title>');
		} finally {
			await h.close();
		}
	});
});

describe('with control on', () => {
	let h: ServerHarness;
	beforeAll(async () => {
		h = await startHarness({ control: true });
	});
	afterAll(() => h.close());

	it('only POST runs operations; other methods on the path get the app shell', async () => {
		expectAppShell(await h.call('GET', CONTROL_PATH));
	});

	it('collectionNames lists the collections', async () => {
		const names = await run(h, { method: 'collectionNames' });
		expect(names).toEqual(expect.arrayContaining(['users', 'boards', 'lists', 'swimlanes', 'cards', 'activities']));
	});

	it('insertOne stores EJSON dates as dates; findOne answers them as ISO strings', async () => {
		const when = '2024-05-06T07:08:09.010Z';
		const inserted = await run(h, {
			collection: 'boards',
			method: 'insertOne',
			doc: { _id: 'ctl-board', title: 'Seeded', createdAt: { $date: when }, nested: [{ at: { $date: 0 } }] },
		});
		expect(inserted).toEqual({ acknowledged: true, insertedId: 'ctl-board' });
		const stored = h.wekan.db.boards.findOne('ctl-board') as unknown as Record<string, any>;
		expect(stored.createdAt).toBeInstanceOf(Date);
		expect(stored.createdAt.toISOString()).toBe(when);
		expect(stored.nested[0].at).toBeInstanceOf(Date);
		const found = await run(h, { collection: 'boards', method: 'findOne', filter: { _id: 'ctl-board' } });
		expect(found).toEqual({
			_id: 'ctl-board',
			title: 'Seeded',
			createdAt: when,
			nested: [{ at: '1970-01-01T00:00:00.000Z' }],
		});
	});

	it('writes are the database’s: no schema cleaning, no hooks (no activity, no default fields)', async () => {
		const activities = h.wekan.db.activities.count();
		await run(h, { collection: 'cards', method: 'insertOne', doc: { _id: 'ctl-card', title: 'Raw', unknownField: 1 } });
		expect(h.wekan.db.cards.findOne('ctl-card')).toEqual({ _id: 'ctl-card', title: 'Raw', unknownField: 1 });
		expect(h.wekan.db.activities.count()).toBe(activities);
	});

	it('find takes a filter with EJSON dates, projection, sort, skip and limit; findOne of nothing is null', async () => {
		await run(h, {
			collection: 'lists',
			method: 'insertMany',
			docs: [1, 2, 3, 4].map((n) => ({ _id: `ctl-l${n}`, boardId: 'ctl', title: `L${n}`, sort: n, at: { $date: n * 1000 } })),
		});
		const found = await run(h, {
			collection: 'lists',
			method: 'find',
			filter: { boardId: 'ctl', at: { $gte: { $date: 2000 } } },
			projection: { title: 1, at: 1 },
			sort: { sort: -1 },
			skip: 1,
			limit: 1,
		});
		expect(found).toEqual([{ _id: 'ctl-l3', title: 'L3', at: '1970-01-01T00:00:03.000Z' }]);
		expect(await run(h, { collection: 'lists', method: 'findOne', filter: { _id: 'none' } })).toBeNull();
		expect(await run(h, { collection: 'lists', method: 'countDocuments', filter: { boardId: 'ctl' } })).toBe(4);
	});

	it('insertMany answers the ids by index', async () => {
		const result = await run(h, {
			collection: 'swimlanes',
			method: 'insertMany',
			docs: [{ _id: 'ctl-s1', title: 'A' }, { title: 'B' }],
		});
		expect(result).toEqual({ acknowledged: true, insertedCount: 2, insertedIds: { 0: 'ctl-s1', 1: expect.any(String) } });
		expect(h.wekan.db.swimlanes.findOne(result.insertedIds[1])).toMatchObject({ title: 'B' });
	});

	it('updateOne, updateMany (with EJSON dates and upsert), deleteOne and deleteMany; the last op is answered', async () => {
		const seeded = [1, 2, 3].map((n) => ({ _id: `ctl-c${n}`, boardId: 'ctl', title: `C${n}` }));
		const one = await run(
			h,
			{ collection: 'card_comments', method: 'insertMany', docs: seeded },
			{
				collection: 'card_comments',
				method: 'updateOne',
				filter: { boardId: 'ctl' },
				update: { $set: { text: 'one', at: { $date: '2020-01-01T00:00:00Z' } } },
			},
		);
		expect(one).toEqual({ acknowledged: true, matchedCount: 1 });
		expect(h.wekan.db.card_comments.count({ boardId: 'ctl', at: new Date('2020-01-01T00:00:00Z') })).toBe(1);
		const many = await run(h, {
			collection: 'card_comments',
			method: 'updateMany',
			filter: { boardId: 'ctl' },
			update: { $set: { text: 'all' } },
		});
		expect(many).toEqual({ acknowledged: true, matchedCount: 3 });
		const upserted = await run(h, {
			collection: 'card_comments',
			method: 'updateOne',
			filter: { _id: 'ctl-new' },
			update: { $set: { boardId: 'ctl', text: 'upserted' } },
			options: { upsert: true },
		});
		expect(upserted.acknowledged).toBe(true);
		expect(h.wekan.db.card_comments.findOne('ctl-new')).toMatchObject({ boardId: 'ctl', text: 'upserted' });
		expect(await run(h, { collection: 'card_comments', method: 'deleteOne', filter: { boardId: 'ctl' } })).toEqual({
			acknowledged: true,
			deletedCount: 1,
		});
		expect(await run(h, { collection: 'card_comments', method: 'deleteMany', filter: { boardId: 'ctl' } })).toEqual({
			acknowledged: true,
			deletedCount: 3,
		});
	});

	it('answers 400 with a message for a body without ops, an unknown collection or method, or a bad date', async () => {
		const noOps = await h.call('POST', CONTROL_PATH, { body: { op: [] } });
		expect(noOps.status).toBe(400);
		expect(noOps.json.error).toMatch(/ops/);
		const unknownCollection = await control(h, [{ collection: 'nope', method: 'find' }]);
		expect(unknownCollection.status).toBe(400);
		expect(unknownCollection.json.error).toMatch(/unknown collection "nope"/);
		const unknownMethod = await control(h, [{ collection: 'users', method: 'aggregate' }]);
		expect(unknownMethod.status).toBe(400);
		expect(unknownMethod.json.error).toMatch(/unknown op method "aggregate"/);
		const badDate = await control(h, [{ collection: 'users', method: 'find', filter: { createdAt: { $date: 'x' } } }]);
		expect(badDate.status).toBe(400);
		expect(badDate.json.error).toMatch(/not a date/);
	});

	it('a user inserted with a hashed resume token can call the API with the raw token (helpers/db.js seedUser)', async () => {
		// tests/playwright/helpers/db.js createResumeToken: sha256 of the raw token, base64 (Accounts._hashLoginToken).
		const raw = randomBytes(24).toString('base64url');
		const hashed = createHash('sha256').update(raw).digest('base64');
		await run(h, {
			collection: 'users',
			method: 'insertOne',
			doc: {
				_id: 'ctl-user',
				createdAt: { $date: new Date().toISOString() },
				username: 'e2e_ctl',
				emails: [{ address: 'e2e_ctl@wekan-test.invalid', verified: true }],
				isAdmin: false,
				authenticationMethod: 'password',
				profile: { fullname: 'E2E Test User' },
				services: { resume: { loginTokens: [{ when: { $date: new Date().toISOString() }, hashedToken: hashed }] } },
			},
		});
		const me = await h.call('GET', '/api/user', { token: raw });
		expect(me.status).toBe(200);
		expect(me.json).toMatchObject({ _id: 'ctl-user', username: 'e2e_ctl' });
		expect(JSON.stringify(me.json)).not.toContain(hashed);
		// The hashed form itself is no token.
		expectStyleA(await h.call('GET', '/api/user', { token: hashed }), 401);
		// Removing the token through the control interface logs the user out.
		await run(h, {
			collection: 'users',
			method: 'updateOne',
			filter: { _id: 'ctl-user' },
			update: { $set: { 'services.resume.loginTokens': [] } },
		});
		expectStyleA(await h.call('GET', '/api/user', { token: raw }), 401);
	});
});
