/**
 * The settings document Wekan v11.07 creates at startup (server/models/settings.js:149-197) and GET/PUT /api/settings
 * (server/models/settings.js:534-641).
 */
import { expectStyleA, type ServerHarness, startHarness, type TestUser } from './fixtures';

describe('settings', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let bob: TestUser;
	beforeEach(async () => {
		h = await startHarness({ rootUrl: 'https://www.boards.example.org/wekan' });
		admin = await h.user('admin');
		bob = await h.user('bob');
	});
	afterEach(() => h.close());

	it('exists from the start as Meteor.startup inserts it, through the schema (server/models/settings.js:163-184)', () => {
		const docs = h.wekan.db.settings.find();
		expect(docs).toHaveLength(1);
		expect(docs[0]).toMatchObject({
			disableRegistration: false,
			// The empty strings are removed by collection2; the sender takes ROOT_URL's host without "www.".
			mailServer: { enableTLS: false, from: 'Boards Support <support@boards.example.org/wekan>' },
			displayAuthenticationMethod: true,
			defaultAuthenticationMethod: 'password',
			// defaultValues of models/settings.js
			disableActivities: false,
			enablePermanentDelete: false,
		});
		expect(docs[0].mailServer).not.toHaveProperty('host');
	});

	it('GET answers _id and the REST fields the document has, never mailServer (:568-578, :595-603)', async () => {
		const r = await h.call('GET', '/api/settings', { token: admin.token });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			_id: h.wekan.db.settings.findOne({})!._id,
			disableRegistration: false,
			disableForgotPassword: false,
			displayAuthenticationMethod: true,
			defaultAuthenticationMethod: 'password',
			accessibilityPageEnabled: false,
			supportPageEnabled: false,
			supportPagePublic: false,
		});
		expect(Object.keys(r.json)[0]).toBe('_id');
	});

	it('PUT sets the REST fields it is given, ignores the others, and answers the fields (:618-641)', async () => {
		const r = await h.call('PUT', '/api/settings', {
			token: admin.token,
			body: {
				productName: 'Our Boards',
				hideLogo: true,
				mailServer: { host: 'smtp.evil.example' },
				disableActivities: true,
				bogus: 1,
			},
		});
		expect(r.json).toMatchObject({ productName: 'Our Boards', hideLogo: true });
		expect(r.json.mailServer).toBeUndefined();
		const doc = h.wekan.db.settings.findOne({})!;
		expect(doc.mailServer!.host).toBeUndefined();
		expect(doc.disableActivities).toBe(false);
	});

	it('PUT writes through collection2: strings converted, an empty string unset, a refused value fails the whole write (style A)', async () => {
		await h.call('PUT', '/api/settings', { token: admin.token, body: { productName: 'Name', hideLogo: 'true' } });
		expect(h.wekan.db.settings.findOne({})).toMatchObject({ productName: 'Name', hideLogo: true });
		const cleared = await h.call('PUT', '/api/settings', { token: admin.token, body: { productName: '' } });
		expect(cleared.json.productName).toBeUndefined();
		expect('productName' in h.wekan.db.settings.findOne({})!).toBe(false);
		const refused = await h.call('PUT', '/api/settings', {
			token: admin.token,
			body: { hideLogo: false, disableRegistration: 'maybe' },
		});
		expect(refused.status).toBe(200);
		expect(refused.json).toEqual({ error: 'Disable registration must be of type Boolean in settings updateAsync' });
		expect(h.wekan.db.settings.findOne({})!.hideLogo).toBe(true);
		// defaultAuthenticationMethod is required (models/settings.js:185-188): unsetting it is refused.
		const required = await h.call('PUT', '/api/settings', {
			token: admin.token,
			body: { defaultAuthenticationMethod: '' },
		});
		expect(required.json).toEqual({ error: 'Default authentication method is required in settings updateAsync' });
	});

	it('PUT with nothing to set writes nothing and answers the fields', async () => {
		const before = h.wekan.db.settings.findOne({})!.modifiedAt;
		const r = await h.call('PUT', '/api/settings', { token: admin.token, body: { unknown: true } });
		expect(r.json.disableRegistration).toBe(false);
		expect(h.wekan.db.settings.findOne({})!.modifiedAt).toEqual(before);
	});

	it('closes registration when PUT sets disableRegistration (server/apiAuthRoutes.js:253-281)', async () => {
		await h.call('PUT', '/api/settings', { token: admin.token, body: { disableRegistration: true } });
		const r = await h.call('POST', '/users/register', { body: { username: 'late', password: 'pw' } });
		expect(r.status).toBe(403);
		expect(r.text).toBe('');
		// An admin still creates accounts (onCreateUser's `from: 'admin'`, server/models/users.js:1675-1678).
		await h.call('POST', '/api/users', {
			token: admin.token,
			body: { username: 'late', email: 'late@example.com', password: 'pw' },
		});
		await h.wekan.accounts.settle();
		expect(h.wekan.db.users.findOne({ username: 'late' })).toBeDefined();
	});

	it('answers 404 for PUT and only {} for GET when there is no settings document', async () => {
		h.wekan.db.settings.raw.remove({});
		const put = await h.call('PUT', '/api/settings', { token: admin.token, body: { hideLogo: true } });
		expect(put.status).toBe(404);
		expect(put.json).toEqual({ error: 'Settings not found' });
		expect((await h.call('GET', '/api/settings', { token: admin.token })).json).toEqual({});
	});

	it('is for site admins only (authentication.js:13-26)', async () => {
		expectStyleA(await h.call('GET', '/api/settings', { token: bob.token }), 403);
		expectStyleA(await h.call('PUT', '/api/settings', { token: bob.token, body: { hideLogo: true } }), 403);
		expectStyleA(await h.call('GET', '/api/settings'), 401);
		expect(h.wekan.db.settings.findOne({})!.hideLogo).toBeUndefined();
	});

	it('is created again when the server is reset, as at a fresh start', () => {
		h.wekan.reset();
		expect(h.wekan.db.settings.find()).toHaveLength(1);
	});
});
