import { newMember } from '../wekan-server/permissions';
import { expectEmpty200, expectStyleA, type ServerHarness, startHarness, type TestUser } from './helpers';

// A public address given as an IP literal, so the URL check needs no DNS.
const PUBLIC_URL = 'http://93.184.216.34/hook';

describe('integration routes', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let alice: TestUser;
	let bob: TestUser;
	let outsider: TestUser;
	let boardId: string;
	let base: string;

	beforeEach(async () => {
		h = await startHarness();
		admin = await h.user('admin');
		alice = await h.user('alice');
		bob = await h.user('bob');
		outsider = await h.user('outsider');
		const board = h.wekan.createBoard({ title: 'Dev', ownerId: alice.id });
		board.members.push(newMember(bob.id));
		boardId = board._id;
		base = `/api/boards/${boardId}/integrations`;
	});
	afterEach(() => h.close());

	const register = async (url = PUBLIC_URL, user = alice) => {
		const r = await h.call('POST', base, { token: user.token, body: { url } });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};

	it('creates an integration from the url alone, with the schema defaults', async () => {
		const created = await h.call('POST', base, {
			token: alice.token,
			body: { url: PUBLIC_URL, title: 'ignored', enabled: false, activities: ['act-createCard'], token: 's', type: 'bidirectional-webhooks' },
		});
		expect(Object.keys(created.json)).toEqual(['_id']);
		const one = await h.call('GET', `${base}/${created.json._id}`, { token: alice.token });
		expect(one.json).toMatchObject({
			_id: created.json._id,
			enabled: true,
			type: 'outgoing-webhooks',
			activities: ['all'],
			url: PUBLIC_URL,
			boardId,
			userId: alice.id,
		});
		expect(one.json).not.toHaveProperty('title');
		expect(one.json).not.toHaveProperty('token');
		expect(typeof one.json.createdAt).toBe('string');
	});

	it('hides the token from the list and from GET one', async () => {
		const id = await register();
		await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { token: 'secret', title: 'n8n' } });
		expect(h.wekan.store.integrations.get(id)?.token).toBe('secret');
		const list = await h.call('GET', base, { token: bob.token });
		expect(list.json).toHaveLength(1);
		expect(list.json[0]).toMatchObject({ _id: id, title: 'n8n' });
		expect(list.json[0]).not.toHaveProperty('token');
		const one = await h.call('GET', `${base}/${id}`, { token: bob.token });
		expect(one.json).not.toHaveProperty('token');
	});

	it('needs a board admin (or site admin) to write, and answers errors as HTTP 200 bodies', async () => {
		expectStyleA(await h.call('POST', base, { token: bob.token, body: { url: PUBLIC_URL } }), 403);
		expectStyleA(await h.call('POST', base, { body: { url: PUBLIC_URL } }), 401);
		expectStyleA(await h.call('GET', base, { token: outsider.token }), 403);
		const forbidden = await h.call('POST', base, { token: bob.token, body: { url: PUBLIC_URL } });
		expect(forbidden.json).toEqual({
			isClientSafe: true,
			error: 'Forbidden',
			reason: 'Forbidden',
			message: 'Forbidden [Forbidden]',
			errorType: 'Meteor.Error',
			statusCode: 403,
		});
		expect(h.wekan.store.integrations.size).toBe(0);
		// A site admin who is not a member passes the board-admin check.
		await register(PUBLIC_URL, admin);
		const id = await register();
		expectStyleA(await h.call('PUT', `${base}/${id}`, { token: bob.token, body: { title: 'x' } }), 403);
		expectStyleA(await h.call('DELETE', `${base}/${id}`, { token: bob.token }), 403);
		expectStyleA(await h.call('POST', `${base}/${id}/activities`, { token: bob.token, body: { activities: ['x'] } }), 403);
	});

	it('cannot create a global webhook: board _global does not exist', async () => {
		const r = await h.call('POST', '/api/boards/_global/integrations', { token: admin.token, body: { url: PUBLIC_URL } });
		expectStyleA(r, 404);
		expect(h.wekan.store.integrations.size).toBe(0);
	});

	it('refuses private, loopback and non-http URLs with 400 invalid-webhook-url', async () => {
		for (const url of ['http://127.0.0.1:5678/hook', 'http://localhost/hook', 'http://10.0.0.5/hook', 'http://169.254.169.254/', 'ftp://93.184.216.34/x', 'not a url']) {
			const r = await h.call('POST', base, { token: alice.token, body: { url } });
			expect(r.status).toBe(400);
			expect(r.json.error).toBe('invalid-webhook-url');
			expect(typeof r.json.reason).toBe('string');
		}
		expect((await h.call('POST', base, { token: alice.token, body: {} })).json.error).toBe('invalid-webhook-url');
		expect(h.wekan.store.integrations.size).toBe(0);
	});

	it('updates enabled, title, url, token and activities, but not type', async () => {
		const id = await register();
		const put = await h.call('PUT', `${base}/${id}`, {
			token: alice.token,
			body: { enabled: false, title: 'n8n', url: 'https://93.184.216.35/x', token: 't0k', activities: ['act-createCard'], type: 'bidirectional-webhooks' },
		});
		expect(put.json).toEqual({ _id: id });
		expect(h.wekan.store.integrations.get(id)).toMatchObject({
			enabled: false,
			title: 'n8n',
			url: 'https://93.184.216.35/x',
			token: 't0k',
			activities: ['act-createCard'],
			type: 'outgoing-webhooks',
		});
		await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { enabled: 'true' } });
		expect(h.wekan.store.integrations.get(id)?.enabled).toBe(true);
	});

	it('re-validates a new url; keys written before it stay written', async () => {
		const id = await register();
		const r = await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { title: 'first', url: 'http://192.168.1.10/x', token: 'never' } });
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('invalid-webhook-url');
		const stored = h.wekan.store.integrations.get(id)!;
		expect(stored.title).toBe('first');
		expect(stored.url).toBe(PUBLIC_URL);
		expect(stored.token).toBeUndefined();
	});

	it('adds and removes activities, answering {_id, activities}', async () => {
		const id = await register();
		await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { activities: ['act-createCard'] } });
		const added = await h.call('POST', `${base}/${id}/activities`, {
			token: alice.token,
			body: { activities: ['act-moveCard', 'act-createCard', 'act-addComment'] },
		});
		expect(added.json).toEqual({ _id: id, activities: ['act-createCard', 'act-moveCard', 'act-addComment'] });
		const removed = await h.call('DELETE', `${base}/${id}/activities`, { token: alice.token, body: { activities: ['act-createCard'] } });
		expect(removed.json).toEqual({ _id: id, activities: ['act-moveCard', 'act-addComment'] });

		// A form string is not an array: the database refuses it and the error serialises to {}.
		const form = await h.call('POST', `${base}/${id}/activities`, { token: alice.token, form: { activities: 'act-deleteCard' } });
		expect(form.status).toBe(200);
		expect(form.json).toEqual({});
		expect(h.wekan.store.integrations.get(id)?.activities).toEqual(['act-moveCard', 'act-addComment']);
	});

	it('answers an empty 200 for an unknown integration and deletes with {_id}', async () => {
		expectEmpty200(await h.call('GET', `${base}/missing`, { token: alice.token }));
		const id = await register();
		expect((await h.call('DELETE', `${base}/${id}`, { token: alice.token })).json).toEqual({ _id: id });
		expectEmpty200(await h.call('GET', `${base}/${id}`, { token: alice.token }));
		expect((await h.call('GET', base, { token: alice.token })).json).toEqual([]);
		// Deleting again still answers {_id}.
		expect((await h.call('DELETE', `${base}/${id}`, { token: alice.token })).json).toEqual({ _id: id });
	});

	it('does not show integrations of another board', async () => {
		const other = h.wekan.createBoard({ title: 'Other', ownerId: alice.id });
		const r = await h.call('POST', `/api/boards/${other._id}/integrations`, { token: alice.token, body: { url: PUBLIC_URL } });
		expect((await h.call('GET', base, { token: alice.token })).json).toEqual([]);
		expectEmpty200(await h.call('GET', `${base}/${r.json._id}`, { token: alice.token }));
	});
});
