import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

describe('webhook', () => {
	let f: Fixture;
	beforeAll(async () => {
		// Real Wekan refuses loopback URLs; the test server lets them through so no outside host is needed.
		f = await startFixture({ allowLoopbackWebhooks: true });
	});
	afterEach(() => f.server.wekan.faults.clear());
	afterAll(() => f.close());

	const URL = 'http://127.0.0.1:9/webhook/wekan';
	const webhook = (operation: string, parameters = {}, credentialId?: string) =>
		op('webhook', operation, { boardId: rl(f.boardId), ...parameters }, credentialId);
	const stored = (id: unknown) => f.server.wekan.db.integrations.findOne(String(id));

	async function create(parameters: Record<string, unknown> = {}) {
		const result = await f.engine.run(webhook('create', { url: URL, ...parameters }));
		expect(result.error).toBeUndefined();
		return result.json('Wekan')[0];
	}

	describe('Create', () => {
		it('creates a webhook with events, title and token (POST, then PUT) and never outputs the token', async () => {
			const out = await create({ events: ['act-createCard', 'act-moveCard'], options: { title: 'n8n', token: 's3cret-token' } });
			expect(out).toMatchObject({ url: URL, title: 'n8n', activities: ['act-createCard', 'act-moveCard'], enabled: true, boardId: f.boardId });
			expect(out).not.toHaveProperty('token');
			expect(JSON.stringify(out)).not.toContain('s3cret-token');
			expect(stored(out._id)).toMatchObject({ token: 's3cret-token', title: 'n8n', activities: ['act-createCard', 'act-moveCard'] });
			expect(f.server.wekan.requests('PUT', new RegExp(`/integrations/${String(out._id)}$`))).toHaveLength(1);
		});

		it('creates a webhook for all events with the POST alone', async () => {
			const out = await create();
			expect(out).toMatchObject({ activities: ['all'], url: URL });
			expect(f.server.wekan.requests('PUT', new RegExp(`/integrations/${String(out._id)}$`))).toHaveLength(0);
		});

		it('names the created webhook when setting its details fails, and does not create it again', async () => {
			const w = f.server.wekan;
			w.faults.failNext('errorBody', { match: (method, path) => method === 'PUT' && path.includes('/integrations/') });
			const before = w.db.integrations.count();
			const result = await f.engine.run(webhook('create', { url: URL, options: { title: 'Half' } }));
			const text = expectFailure(result);
			const created = w.db.integrations.find({ url: URL, title: { $exists: false } }).pop()!;
			expect(text).toContain(`Webhook ${created._id} (${URL}) was created on board ${f.boardId}, but setting its title failed`);
			expect(w.db.integrations.count()).toBe(before + 1);
		});

		it('does not repeat the POST when its answer is lost', async () => {
			const w = f.server.wekan;
			w.faults.failNext('drop', { match: (method, path) => method === 'POST' && path.endsWith('/integrations'), phase: 'after' });
			const posts = w.requests('POST', /\/integrations$/).length;
			const result = await f.engine.run(webhook('create', { url: 'http://127.0.0.1:9/once' }));
			expect(expectFailure(result)).toContain('unknown whether Wekan made the change');
			expect(w.requests('POST', /\/integrations$/).length - posts).toBe(1);
			expect(w.db.integrations.find({ url: 'http://127.0.0.1:9/once' })).toHaveLength(1);
		});

		it('explains Wekan refusing a private address, and creates nothing', async () => {
			const before = f.server.wekan.db.integrations.count();
			const result = await f.engine.run(webhook('create', { url: 'http://10.1.2.3/hook' }));
			const text = expectFailure(result);
			expect(text).toContain('Wekan refused the webhook URL http://10.1.2.3/hook: IP address is not allowed');
			expect(text).toContain('public address');
			expect(f.server.wekan.db.integrations.count()).toBe(before);
		});

		it('sends the title trimmed, as Wekan stores it, instead of reporting it as not applied', async () => {
			const out = await create({ options: { title: '  Padded  ' } });
			expect(out).toMatchObject({ title: 'Padded' });
		});

		it('refuses a secret token with spaces around it, which Wekan would cut off, before any request', async () => {
			const { result, requests } = await runCounting(f, webhook('create', { url: URL, options: { token: ' s3cret ' } }));
			expect(expectFailure(result)).toContain('The secret token starts or ends with spaces');
			expect(requests).toBe(0);
		});

		it('rejects a malformed URL and an unknown event before any request', async () => {
			for (const [parameters, message] of [
				[{ url: 'ftp://example.com/x' }, 'must start with http:// or https://'],
				[{ url: 'not a url' }, 'is not a URL'],
				[{ url: URL, events: ['act-nothing'] }, '"act-nothing" is not a Wekan webhook event'],
				[{ url: URL, events: [] }, 'Choose at least one event'],
			] as const) {
				const { result, requests } = await runCounting(f, webhook('create', parameters));
				expect(expectFailure(result)).toContain(message);
				expect(requests).toBe(0);
			}
		});

		it('is refused to a normal member (Wekan needs a board admin)', async () => {
			const { credentialId } = normalUser(f, 'wh-normal', f.boardId);
			const before = f.server.wekan.db.integrations.count();
			const result = await f.engine.run(webhook('create', { url: URL }, credentialId));
			expect(expectFailure(result)).toContain('board admin');
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(f.server.wekan.db.integrations.count()).toBe(before);
		});
	});

	describe('Get and Get Many', () => {
		it('gets a webhook without its token', async () => {
			const created = await create({ options: { token: 'hidden-1', title: 'G' } });
			const result = await f.engine.run(webhook('get', { webhookId: created._id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: created._id, title: 'G', url: URL });
			expect(result.json('Wekan')[0]).not.toHaveProperty('token');
		});

		it('says an unknown webhook is not found (Wekan answers an empty 200)', async () => {
			const result = await f.engine.run(webhook('get', { webhookId: 'NoWebhook000001' }));
			expect(expectFailure(result)).toContain(`No webhook NoWebhook000001 on board ${f.boardId}`);
		});

		it('lists the board\'s webhooks, with the limit applied', async () => {
			await create();
			const all = await f.engine.run(webhook('getAll', { returnAll: true }));
			expect(all.error).toBeUndefined();
			expect(all.json('Wekan')).toHaveLength(f.server.wekan.db.integrations.count({ boardId: f.boardId }));
			expect(JSON.stringify(all.json('Wekan'))).not.toContain('hidden-1');
			const one = await f.engine.run(webhook('getAll', { returnAll: false, limit: 1 }));
			expect(one.json('Wekan')).toHaveLength(1);
		});

		it('reports a style A permission error (HTTP 200 body) as an error for a comment-only member', async () => {
			const { credentialId } = normalUser(f, 'wh-commenter', f.boardId, { isCommentOnly: true });
			const result = await f.engine.run(webhook('getAll', { returnAll: true }, credentialId));
			expect(expectFailure(result)).toContain('read access');
			expect(result.error).toMatchObject({ httpCode: '403' });
		});
	});

	describe('Update', () => {
		it('changes events, title, token and enabled, and reads the result back', async () => {
			const created = await create();
			const result = await f.engine.run(
				webhook('update', {
					webhookId: created._id,
					updateFields: { events: ['act-addComment'], title: 'Comments', token: 'new-token', enabled: false },
				}),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ activities: ['act-addComment'], title: 'Comments', enabled: false });
			expect(result.json('Wekan')[0]).not.toHaveProperty('token');
			expect(stored(created._id)).toMatchObject({ token: 'new-token', enabled: false });
		});

		it('removes the title when given an empty one, as Wekan does, without reporting it as not applied', async () => {
			const created = await create({ options: { title: 'Named' } });
			const result = await f.engine.run(webhook('update', { webhookId: created._id, updateFields: { title: '' } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).not.toHaveProperty('title');
			expect(stored(created._id)).not.toHaveProperty('title');
		});

		it('sends a new URL alone first, so that Wekan refusing it changes nothing else', async () => {
			const created = await create({ options: { title: 'Keep' } });
			const result = await f.engine.run(
				webhook('update', { webhookId: created._id, updateFields: { url: 'http://10.9.9.9/x', title: 'Changed', enabled: false } }),
			);
			expect(expectFailure(result)).toContain('Wekan refused the webhook URL http://10.9.9.9/x: IP address is not allowed');
			// In one PUT, Wekan writes enabled and title before it checks the URL (server/models/integrations.js:100-123).
			expect(stored(created._id)).toMatchObject({ url: URL, title: 'Keep', enabled: true });
			const ok = await f.engine.run(
				webhook('update', { webhookId: created._id, updateFields: { url: 'http://127.0.0.1:9/moved', title: 'Changed' } }),
			);
			expect(ok.error).toBeUndefined();
			expect(stored(created._id)).toMatchObject({ url: 'http://127.0.0.1:9/moved', title: 'Changed' });
			// The create's title, the refused URL, then the URL and the title apart.
			expect(f.server.wekan.requests('PUT', new RegExp(`/integrations/${String(created._id)}$`))).toHaveLength(4);
		});

		it('fails for an unknown webhook instead of Wekan\'s silent success', async () => {
			const result = await f.engine.run(webhook('update', { webhookId: 'NoWebhook000002', updateFields: { title: 'x' } }));
			expect(expectFailure(result)).toContain('No webhook NoWebhook000002');
			expect(f.server.wekan.requests('PUT', /NoWebhook000002/)).toHaveLength(0);
		});

		it('rejects an update without fields before any request', async () => {
			const { result, requests } = await runCounting(f, webhook('update', { webhookId: 'AnyWebhook00001', updateFields: {} }));
			expect(expectFailure(result)).toContain('Nothing to update');
			expect(requests).toBe(0);
		});
	});

	describe('Delete', () => {
		it('deletes a webhook', async () => {
			const created = await create({ options: { title: 'Bye' } });
			const result = await f.engine.run(webhook('delete', { webhookId: created._id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: created._id, url: URL, title: 'Bye', boardId: f.boardId, deleted: true }]);
			expect(stored(created._id)).toBeUndefined();
		});

		it('fails for an unknown webhook', async () => {
			const result = await f.engine.run(webhook('delete', { webhookId: 'NoWebhook000003' }));
			expect(expectFailure(result)).toContain('No webhook NoWebhook000003');
			expect(f.server.wekan.requests('DELETE', /NoWebhook000003/)).toHaveLength(0);
		});
	});

	describe('Add Events and Remove Events', () => {
		it('adds events to those a webhook has, and removes some, keeping the others', async () => {
			const created = await create({ events: ['act-createCard'] });
			const added = await f.engine.run(webhook('addEvents', { webhookId: created._id, events: ['act-moveCard', 'act-createCard', 'act-addComment'] }));
			expect(added.error).toBeUndefined();
			expect(added.json('Wekan')[0]).toMatchObject({ _id: created._id, url: URL, activities: ['act-createCard', 'act-moveCard', 'act-addComment'] });
			expect(added.json('Wekan')[0]).not.toHaveProperty('token');
			const removed = await f.engine.run(webhook('removeEvents', { webhookId: created._id, events: ['act-createCard', 'act-archivedCard'] }));
			expect(removed.error).toBeUndefined();
			expect(removed.json('Wekan')[0]).toMatchObject({ activities: ['act-moveCard', 'act-addComment'] });
			expect(stored(created._id)!.activities).toEqual(['act-moveCard', 'act-addComment']);
			expect(f.server.wekan.requests('POST', new RegExp(`/integrations/${String(created._id)}/activities$`))).toHaveLength(1);
			expect(f.server.wekan.requests('DELETE', new RegExp(`/integrations/${String(created._id)}/activities$`))).toHaveLength(1);
		});

		it('refuses to add or remove single events on a webhook that receives all events, before writing', async () => {
			const created = await create();
			for (const operation of ['addEvents', 'removeEvents']) {
				const result = await f.engine.run(webhook(operation, { webhookId: created._id, events: ['act-createCard'] }));
				expect(expectFailure(result)).toContain(`Webhook ${String(created._id)} receives all events`);
			}
			expect(f.server.wekan.requests(undefined, new RegExp(`/integrations/${String(created._id)}/activities$`))).toHaveLength(0);
			expect(stored(created._id)!.activities).toEqual(['all']);
		});

		it('fails for an unknown webhook, and for no events, before writing', async () => {
			const unknown = await f.engine.run(webhook('addEvents', { webhookId: 'NoWebhook000004', events: ['act-createCard'] }));
			expect(expectFailure(unknown)).toContain('No webhook NoWebhook000004');
			const { result, requests } = await runCounting(f, webhook('removeEvents', { webhookId: 'NoWebhook000004', events: '={{ [] }}' }));
			expect(expectFailure(result)).toContain('Choose at least one event');
			expect(requests).toBe(0);
			expect(f.server.wekan.requests(undefined, /NoWebhook000004\/activities$/)).toHaveLength(0);
		});

		it('is refused to a normal member (Wekan needs a board admin)', async () => {
			const created = await create({ events: ['act-createCard'] });
			const { credentialId } = normalUser(f, 'wh-normal2', f.boardId);
			const result = await f.engine.run(webhook('addEvents', { webhookId: created._id, events: ['act-moveCard'] }, credentialId));
			expect(expectFailure(result)).toContain('board admin');
			expect(stored(created._id)!.activities).toEqual(['act-createCard']);
		});
	});

	describe('dropdown', () => {
		it('lists the board\'s webhooks by title and URL', async () => {
			const created = await create({ options: { title: 'Picker' } });
			const context = f.engine.loadOptionsContext(webhook('get'), 'Wekan', 'parameters.webhookId');
			const options = await new Wekan().methods.loadOptions.getBoardWebhooks.call(context);
			expect(options).toContainEqual({ name: `Picker (${URL})`, value: created._id });
		});
	});
});
