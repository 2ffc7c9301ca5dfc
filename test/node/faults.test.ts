/**
 * Reliability under a slow or failing Wekan, for each operation family: every item ends as a correct result or
 * an error item naming the failure (Continue On Fail), a create is never sent twice, and every object a failed
 * run left on the server is one the user was told may exist.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { EngineHarness, rl, type WorkflowJson, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import type { FaultConfig } from '../wekan-server/faults';

const N = 5;

interface Family {
	name: string;
	parameters(f: Fixture): IDataObject;
	/** The input items, after making what they need on the server. */
	inputs(f: Fixture, tag: string): IDataObject[];
	/** Whether a successful output item is the right result for its input. */
	check(f: Fixture, out: IDataObject, input: IDataObject): void;
	/** For creates: the create request, and the objects on the server that carry the tag, with their titles. */
	creates?: { path: (f: Fixture) => string; made: (f: Fixture, tag: string) => Array<{ id: string; key: string }>; key: (input: IDataObject) => string };
}

const newLists = (f: Fixture, tag: string) =>
	Array.from({ length: N }, (_, i) => f.server.wekan.createList(f.boardId, `${tag} list ${i}`, f.swimlaneId, 10 + i)._id);
const newCards = (f: Fixture, tag: string, count: number) =>
	Array.from({ length: count }, (_, i) =>
		f.server.wekan.createCard({ title: `${tag} card ${i}`, boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId })._id,
	);

const FAMILIES: Family[] = [
	{
		name: 'create (list create)',
		parameters: (f) => ({ resource: 'list', operation: 'create', boardId: rl(f.boardId), title: '={{ $json.title }}' }),
		inputs: (_f, tag) => Array.from({ length: N }, (_, i) => ({ title: `${tag} new ${i}` })),
		check: (_f, out, input) => expect(out).toMatchObject({ title: input.title, _id: expect.any(String) }),
		creates: {
			path: (f) => `/api/boards/${f.boardId}/lists`,
			made: (f, tag) =>
				f.server.wekan.db.lists
					.find({ boardId: f.boardId })
					.filter((l) => l.title.startsWith(`${tag} new`))
					.map((l) => ({ id: l._id, key: l.title })),
			key: (input) => String(input.title),
		},
	},
	{
		name: 'read (list get)',
		parameters: (f) => ({ resource: 'list', operation: 'get', boardId: rl(f.boardId), listId: rl('={{ $json.id }}') }),
		inputs: (f, tag) => newLists(f, tag).map((id) => ({ id })),
		check: (_f, out, input) => expect(out._id).toBe(input.id),
	},
	{
		name: 'update (list update)',
		parameters: (f) => ({ resource: 'list', operation: 'update', boardId: rl(f.boardId), listId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
		inputs: (f, tag) => newLists(f, tag).map((id, i) => ({ id, title: `${tag} renamed ${i}` })),
		check: (f, out, input) => {
			expect(out).toMatchObject({ _id: input.id, title: input.title });
			expect(f.server.wekan.db.lists.findOne(String(input.id))?.title).toBe(input.title);
		},
	},
	{
		name: 'delete (list delete)',
		parameters: (f) => ({ resource: 'list', operation: 'delete', boardId: rl(f.boardId), listId: rl('={{ $json.id }}') }),
		inputs: (f, tag) => newLists(f, tag).map((id) => ({ id })),
		check: (f, out, input) => {
			expect(out).toMatchObject({ _id: input.id, deleted: true });
			// Wekan marks a deleted list, so a board admin can restore it.
			expect(f.server.wekan.db.lists.findOne(String(input.id))?.deletedAt).toBeDefined();
		},
	},
	{
		name: 'bulk (label add to cards)',
		parameters: (f) => ({ resource: 'label', operation: 'addToCards', boardId: rl(f.boardId), labelIds: '={{ [$json.label] }}', cardIds: '={{ $json.cards }}' }),
		inputs: (f, tag) => {
			const label = `lbl${tag.replace(/[^A-Za-z0-9]/g, '')}`;
			f.server.wekan.db.boards.raw.update(f.boardId, { $push: { labels: { _id: label, name: tag, color: 'green' } } });
			return Array.from({ length: N }, () => ({ label, cards: newCards(f, tag, 3) }));
		},
		check: (f, out, input) => {
			expect(out.notFound).toEqual([]);
			expect((out.updated as unknown[]).length).toBe(3);
			for (const id of input.cards as string[]) expect(f.server.wekan.db.cards.findOne(id)?.labelIds).toContain(input.label);
		},
	},
	{
		name: 'multi-request (card update: read, write, read back)',
		parameters: () => ({ resource: 'card', operation: 'update', cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
		inputs: (f, tag) => newCards(f, tag, N).map((id, i) => ({ id, title: `${tag} retitled ${i}` })),
		check: (f, out, input) => {
			expect(out).toMatchObject({ _id: input.id, title: input.title });
			expect(f.server.wekan.db.cards.findOne(String(input.id))?.title).toBe(input.title);
		},
	},
	{
		name: 'multi-request create (webhook create: create, configure, read back)',
		parameters: (f) => ({ resource: 'webhook', operation: 'create', boardId: rl(f.boardId), url: '={{ $json.url }}', options: { title: '={{ $json.title }}' } }),
		inputs: (_f, tag) => Array.from({ length: N }, (_, i) => ({ url: `http://127.0.0.1:9/hooks/${encodeURIComponent(tag)}/${i}`, title: `${tag} hook ${i}` })),
		check: (_f, out, input) => expect(out).toMatchObject({ url: input.url, title: input.title }),
		creates: {
			path: (f) => `/api/boards/${f.boardId}/integrations`,
			made: (f, tag) =>
				f.server.wekan.db.integrations
					.find({ boardId: f.boardId })
					.filter((w) => String(w.url).includes(`/${encodeURIComponent(tag)}/`))
					.map((w) => ({ id: w._id, key: String(w.url) })),
			key: (input) => String(input.url),
		},
	},
];

/** Only the API is disturbed; the login and the session check stay reliable. */
const api = (_method: string, path: string) => path.startsWith('/api/') && path !== '/api/user/cards';

interface Scenario {
	name: string;
	faults: FaultConfig;
	/** What an error item must say: the failure, by name. */
	failure?: RegExp;
}

const SCENARIOS: Scenario[] = [
	{ name: 'added latency', faults: { latencyMs: 40, match: api } },
	{ name: 'random 5xx before the handler', faults: { errorRate: 0.2, phase: 'before', seed: 11, match: api }, failure: /Service Unavailable|unavailable|503/i },
	{ name: 'random 5xx after the write', faults: { errorRate: 0.2, phase: 'after', seed: 12, match: api }, failure: /Service Unavailable|unavailable|503/i },
	{ name: '429 with Retry-After', faults: { rateLimitRate: 0.3, retryAfterSeconds: 0, seed: 23, match: api } },
	{ name: 'connections dropped before the write', faults: { dropRate: 0.2, phase: 'before', seed: 14, match: api }, failure: /Could not reach Wekan/ },
	{ name: 'connections dropped after the write', faults: { dropRate: 0.2, phase: 'after', seed: 15, match: api }, failure: /Could not reach Wekan/ },
	{ name: 'HTTP 200 with error bodies', faults: { errorBodyRate: 0.2, phase: 'before', seed: 16, match: api }, failure: /Injected failure/ },
];

/** What tells the user that an object may exist although the item failed. */
const TOLD_IT_MAY_EXIST = /not repeated|unknown whether|was created|exists in Wekan|duplicate/i;

const errorText = (json: IDataObject) => `${String(json.error ?? '')} ${String(json.message ?? '')}`;

function continueOnFail(json: WorkflowJson): WorkflowJson {
	return { ...json, nodes: json.nodes.map((n) => (n.name === 'Wekan' ? { ...n, onError: 'continueRegularOutput' as const } : n)) };
}

describe('faults, for each operation family', () => {
	let f: Fixture;
	let tagCount = 0;
	beforeAll(async () => {
		f = await startFixture({ allowLoopbackWebhooks: true });
	});
	afterAll(() => f.close());
	afterEach(() => f.server.wekan.faults.clear());

	async function engineLoggedIn(): Promise<EngineHarness> {
		const engine = new EngineHarness();
		engine.setCredential({ url: f.server.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
		expect((await engine.run(wekanWorkflow({ resource: 'user', operation: 'getMe' }))).status).toBe('success');
		return engine;
	}

	/** Runs a family's workflow on its inputs under the given faults, and checks every item and the server. */
	async function runUnder(family: Family, arm: () => void) {
		const tag = `F${++tagCount}x`;
		const inputs = family.inputs(f, tag);
		const engine = await engineLoggedIn();
		const mark = f.server.wekan.log.length;
		arm();
		const result = await engine.runNode(continueOnFail(wekanWorkflow(family.parameters(f))), 'Wekan', inputs.map((json): INodeExecutionData => ({ json })));
		f.server.wekan.faults.clear();
		expect(result.status).toBe('success');
		const out = result.items('Wekan');
		expect(out.map((i) => i.pairedItem)).toEqual(inputs.map((_, item) => ({ item })));
		const failed: number[] = [];
		out.forEach((item, i) => {
			if (item.json.error !== undefined) failed.push(i);
			else family.check(f, item.json, inputs[i]);
		});
		if (family.creates) {
			const posts = f.server.wekan.log.slice(mark).filter((r) => r.method === 'POST' && r.path === family.creates!.path(f));
			// A create refused with 429 or for want of a valid session did nothing; the others are one per item at most.
			expect(posts.filter((r) => r.status !== 429 && r.userId !== undefined).length).toBeLessThanOrEqual(inputs.length);
			const made = family.creates.made(f, tag);
			const byKey = new Map<string, string[]>();
			for (const m of made) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m.id]);
			inputs.forEach((input, i) => {
				const ids = byKey.get(family.creates!.key(input)) ?? [];
				// Never a duplicate.
				expect(ids.length).toBeLessThanOrEqual(1);
				const json = out[i].json;
				if (json.error === undefined) expect(ids).toEqual([json._id]);
				// A failed item whose object exists all the same says so.
				else if (ids.length) expect(errorText(json)).toMatch(TOLD_IT_MAY_EXIST);
			});
		}
		return { out, failed, logins: f.server.wekan.log.slice(mark).filter((r) => r.path === '/users/login').length };
	}

	describe.each(FAMILIES.map((family) => [family.name, family] as const))('%s', (_name, family) => {
		it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_s, scenario) => {
			const { out, failed } = await runUnder(family, () => f.server.wekan.faults.set(scenario.faults));
			if (!scenario.failure) expect(failed.map((i) => errorText(out[i].json))).toEqual([]);
			for (const i of failed) {
				expect(errorText(out[i].json)).toMatch(scenario.failure!);
			}
		}, 60_000);

		it('a session that expires in the middle of the run is renewed once, and every item succeeds', async () => {
			let seen = 0;
			const { failed, logins } = await runUnder(family, () =>
				f.server.wekan.faults.set({
					match: (method, path) => {
						if (api(method, path) && ++seen === 3) f.server.wekan.expireAllTokens();
						return false;
					},
				}),
			);
			expect(failed).toEqual([]);
			expect(logins).toBe(1);
		});
	});

	it('a token revoked in the middle of a run fails the remaining items with a clear error, and creates nothing more', async () => {
		const user = f.server.wekan.createUser({ username: 'rev-token', email: 'rev@example.com', password: 'Rev0ked-Pa55', isAdmin: true });
		f.server.wekan.addBoardMember(f.boardId, user._id, { isAdmin: true });
		const { token } = f.server.wekan.issueToken(user._id);
		const engine = new EngineHarness();
		engine.setCredential({ url: f.server.url, authentication: 'token', userId: user._id, token });
		const tag = `F${++tagCount}x`;
		const path = `/api/boards/${f.boardId}/lists`;
		let creates = 0;
		f.server.wekan.faults.set({
			match: (method, p) => {
				if (method === 'POST' && p === path && ++creates === 3) f.server.wekan.revokeToken(user._id);
				return false;
			},
		});
		const inputs = Array.from({ length: N }, (_, i) => ({ json: { title: `${tag} new ${i}` } }));
		const loginsBefore = f.server.wekan.requests('POST', '/users/login').length;
		const result = await engine.runNode(continueOnFail(wekanWorkflow(FAMILIES[0].parameters(f))), 'Wekan', inputs);
		const out = result.json('Wekan');
		expect(out[0].title).toBe(`${tag} new 0`);
		// Item 1's read-back may overlap item 2's create, and so meet the revoked token: then it says the list exists.
		if (out[1].error === undefined) expect(out[1].title).toBe(`${tag} new 1`);
		else expect(errorText(out[1])).toMatch(TOLD_IT_MAY_EXIST);
		for (const o of out.slice(2)) {
			expect(o.error).toBe('Wekan rejected the credential');
			expect(o.message).toMatch(/revoked/);
		}
		const made = f.server.wekan.db.lists.find({ boardId: f.boardId }).filter((l) => l.title.startsWith(tag));
		expect(made.map((l) => l.title).sort()).toEqual([`${tag} new 0`, `${tag} new 1`]);
		expect(f.server.wekan.requests('POST', '/users/login').length).toBe(loginsBefore);
	});

	it('without Continue On Fail, a failed create stops the run naming the item, and the items after it are not sent', async () => {
		const engine = await engineLoggedIn();
		const tag = `F${++tagCount}x`;
		const path = `/api/boards/${f.boardId}/lists`;
		let creates = 0;
		f.server.wekan.faults.failNext('drop', { phase: 'after', match: (m, p) => m === 'POST' && p === path && ++creates === 2 });
		const before = f.server.wekan.requests('POST', path).length;
		const result = await engine.runNode(wekanWorkflow(FAMILIES[0].parameters(f)), 'Wekan', Array.from({ length: N }, (_, i) => ({ json: { title: `${tag} new ${i}` } })));
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 1 } });
		expect(String(result.error?.description)).toMatch(/unknown whether Wekan made the change/);
		expect(f.server.wekan.requests('POST', path).length - before).toBe(2);
	});
});
