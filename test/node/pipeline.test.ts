/**
 * Pipelined items (nodes/Wekan/actions/pipeline.ts), under added latency with jitter so that requests sent together
 * reach the server's handlers in any order: what Wekan ends up with, the output, pairing and errors are those of a
 * run one item at a time, while requests of different items overlap.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { rl, type WorkflowJson } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import type { RequestLogEntry } from '../wekan-server/server';
import { Pipeline } from '../../nodes/Wekan/actions/pipeline';
import { newCard, op } from './nodeTestKit';

const itemsOf = (values: IDataObject[]): INodeExecutionData[] => values.map((json) => ({ json }));

function withOnError(json: WorkflowJson, onError: 'continueRegularOutput' | 'continueErrorOutput'): WorkflowJson {
	return { ...json, nodes: json.nodes.map((n) => (n.name === 'Wekan' ? { ...n, onError } : n)) };
}

/** The largest number of API requests the server was handling at the same moment. */
function peakConcurrency(entries: RequestLogEntry[]): number {
	const events = entries
		.filter((e) => e.path.startsWith('/api/') && e.answeredAt !== undefined)
		.flatMap((e) => [
			{ at: e.receivedAt, delta: 1 },
			{ at: e.answeredAt!, delta: -1 },
		])
		.sort((a, b) => a.at - b.at || a.delta - b.delta);
	let now = 0;
	let peak = 0;
	for (const event of events) peak = Math.max(peak, (now += event.delta));
	return peak;
}

describe('pipelined items', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
		// Log in once, so the runs below start from a stored session.
		await f.engine.run(op('user', 'getMe'));
	});
	afterAll(() => f.close());
	beforeEach(() => f.server.wekan.faults.set({ latencyMs: 15, latencyJitterMs: 25, seed: 7, match: (_m, p) => p.startsWith('/api/') }));
	afterEach(() => f.server.wekan.faults.clear());

	const since = (mark: number) => f.server.wekan.log.slice(mark);

	it('reads of different items overlap, and the output keeps the input order and pairing', async () => {
		const cards = Array.from({ length: 12 }, (_, i) => newCard(f, `read ${i}`));
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(op('card', 'get', { cardId: rl('={{ $json.id }}') }), 'Wekan', itemsOf(cards.map((c) => ({ id: c._id }))));
		expect(result.error).toBeUndefined();
		const out = result.items('Wekan');
		expect(out.map((i) => i.json.title)).toEqual(cards.map((c) => c.title));
		expect(out.map((i) => i.pairedItem)).toEqual(cards.map((_, item) => ({ item })));
		expect(peakConcurrency(since(mark))).toBeGreaterThan(1);
	});

	it('updates of different cards overlap; every card gets its own item\'s value', async () => {
		const cards = Array.from({ length: 10 }, (_, i) => newCard(f, `before ${i}`));
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(
			op('card', 'update', { cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
			'Wekan',
			itemsOf(cards.map((c, i) => ({ id: c._id, title: `after ${i}` }))),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Wekan').map((c) => c.title)).toEqual(cards.map((_, i) => `after ${i}`));
		for (const [i, card] of cards.entries()) expect(f.server.wekan.db.cards.findOne(card._id)!.title).toBe(`after ${i}`);
		const puts = since(mark).filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(cards.length);
		expect(peakConcurrency(puts)).toBeGreaterThan(1);
	});

	it('updates of one card reach Wekan in input order, each after the one before, and the last one wins', async () => {
		const card = newCard(f, 'v0');
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(
			op('card', 'update', { cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
			'Wekan',
			itemsOf(Array.from({ length: 8 }, (_, i) => ({ id: card._id, title: `v${i + 1}` }))),
		);
		expect(result.error).toBeUndefined();
		// Each item read the card back with its own change on it: no item overtook another.
		expect(result.json('Wekan').map((c) => c.title)).toEqual(Array.from({ length: 8 }, (_, i) => `v${i + 1}`));
		expect(f.server.wekan.db.cards.findOne(card._id)!.title).toBe('v8');
		const puts = since(mark).filter((r) => r.method === 'PUT');
		expect(peakConcurrency(puts)).toBe(1);
	});

	it('creates reach Wekan one at a time in input order, so the cards keep it, while read-backs overlap', async () => {
		const list = f.server.wekan.createList(f.boardId, `Ordered ${Date.now()}`, f.swimlaneId, 9);
		const mark = f.server.wekan.log.length;
		const titles = Array.from({ length: 10 }, (_, i) => `created ${i}`);
		const result = await f.engine.runNode(
			op('card', 'create', { boardId: rl(f.boardId), listId: rl(list._id), swimlaneId: rl(f.swimlaneId), title: '={{ $json.title }}' }),
			'Wekan',
			itemsOf(titles.map((title) => ({ title }))),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Wekan').map((c) => c.title)).toEqual(titles);
		const posts = since(mark).filter((r) => r.method === 'POST' && r.path.endsWith('/cards'));
		expect(posts).toHaveLength(titles.length);
		expect(peakConcurrency(posts)).toBe(1);
		// The list shows the cards in input order.
		expect(f.server.wekan.db.cards.find({ listId: list._id }, { sort: { sort: 1 } }).map((c) => c.title)).toEqual(titles);
	});

	it('without Continue on Fail: the first failing item is reported, and no later item writes once it failed', async () => {
		const cards = Array.from({ length: 10 }, (_, i) => newCard(f, `stop ${i}`));
		const ids = cards.map((c) => c._id);
		ids[4] = 'noSuchCard0000044';
		// The reads of items 5-9 are slow, so item 4 fails while they are still reading.
		const slow = new Set(cards.slice(5).map((c) => `/api/cards/${c._id}`));
		f.server.wekan.faults.set({ latencyMs: 150, match: (m, p) => m === 'GET' && slow.has(p) });
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(
			op('card', 'update', { cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
			'Wekan',
			itemsOf(ids.map((id, i) => ({ id, title: `stopped ${i}` }))),
		);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ context: { itemIndex: 4 } });
		expect(String(result.error?.message)).toContain('noSuchCard0000044');
		const titles = cards.map((c) => f.server.wekan.db.cards.findOne(c._id)!.title);
		expect(titles).toEqual([...[0, 1, 2, 3].map((i) => `stopped ${i}`), 'stop 4', ...[5, 6, 7, 8, 9].map((i) => `stop ${i}`)]);
		const puts = since(mark).filter((r) => r.method === 'PUT').map((r) => r.path.split('/').pop());
		expect(puts.sort()).toEqual(cards.slice(0, 4).map((c) => c._id).sort());
	});

	it('an earlier item still finishes its write when a later item fails before it', async () => {
		const slowCard = newCard(f, 'slow');
		f.server.wekan.faults.set({ latencyMs: 150, match: (m, p) => m === 'GET' && p === `/api/cards/${slowCard._id}` });
		const result = await f.engine.runNode(
			op('card', 'update', { cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }),
			'Wekan',
			itemsOf([{ id: slowCard._id, title: 'slow done' }, { id: 'noSuchCard0000055', title: 'x' }]),
		);
		expect(result.error).toMatchObject({ context: { itemIndex: 1 } });
		expect(f.server.wekan.db.cards.findOne(slowCard._id)!.title).toBe('slow done');
	});

	it('with Continue (regular output): every other item is written, the failing one is an error item in its place', async () => {
		const cards = Array.from({ length: 6 }, (_, i) => newCard(f, `cof ${i}`));
		const ids = cards.map((c) => c._id);
		ids[2] = 'noSuchCard0000022';
		const result = await f.engine.runNode(
			withOnError(op('card', 'update', { cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' } }), 'continueRegularOutput'),
			'Wekan',
			itemsOf(ids.map((id, i) => ({ id, title: `cof done ${i}` }))),
		);
		expect(result.error).toBeUndefined();
		const out = result.items('Wekan');
		expect(out.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(out[2].json).toEqual({ error: expect.stringContaining('noSuchCard0000022'), message: expect.stringContaining('Check the IDs') });
		for (const i of [0, 1, 3, 4, 5]) expect(f.server.wekan.db.cards.findOne(cards[i]._id)!.title).toBe(`cof done ${i}`);
	});

	it('with Continue (using error output): failed items leave by the error output, paired, with their details', async () => {
		const cards = Array.from({ length: 4 }, (_, i) => newCard(f, `eo ${i}`));
		const ids = cards.map((c) => c._id);
		ids[1] = 'noSuchCard0000011';
		const result = await f.engine.runNode(
			withOnError(op('card', 'get', { cardId: rl('={{ $json.id }}') }), 'continueErrorOutput'),
			'Wekan',
			itemsOf(ids.map((id) => ({ id }))),
		);
		expect(result.error).toBeUndefined();
		expect(result.items('Wekan', 0).map((i) => i.json.title)).toEqual(['eo 0', 'eo 2', 'eo 3']);
		expect(result.items('Wekan', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }]);
		const errors = result.items('Wekan', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		// The JSON n8n-core 1.x and 2.x both take for an error item: `{error, message}`, nothing else.
		expect(errors[0].json).toEqual({ error: expect.stringContaining('noSuchCard0000011'), message: expect.stringContaining('Check the IDs') });
	});

	it('with Continue (using error output) after another node: n8n adds the input item to the error item, as for its own nodes', async () => {
		const list = f.server.wekan.createList(f.boardId, `Error output ${Date.now()}`, f.swimlaneId, 20);
		const cards = Array.from({ length: 3 }, (_, i) =>
			f.server.wekan.createCard({ title: `eo2 ${i}`, boardId: f.boardId, listId: list._id, swimlaneId: f.swimlaneId, userId: f.adminId, sort: i }),
		);
		const read = withOnError(
			op('card', 'get', { cardId: rl("={{ $itemIndex === 1 ? 'noSuchCard0000012' : $json._id }}"), simplify: false }),
			'continueErrorOutput',
		).nodes[1];
		const workflow: WorkflowJson = {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				{ ...op('card', 'getAll', { boardId: rl(f.boardId), scope: 'list', listId: rl(list._id), returnAll: true }).nodes[1], name: 'List' },
				read,
			],
			connections: {
				Start: { main: [[{ node: 'List', type: 'main', index: 0 }]] },
				List: { main: [[{ node: 'Wekan', type: 'main', index: 0 }]] },
			},
		};
		const result = await f.engine.run(workflow);
		expect(result.error).toBeUndefined();
		const listed = result.json('List');
		expect(listed.map((c) => c._id)).toEqual(cards.map((c) => c._id));
		expect(result.items('Wekan', 0).map((i) => [i.pairedItem, i.json._id])).toEqual([
			[{ item: 0 }, cards[0]._id],
			[{ item: 2 }, cards[2]._id],
		]);
		const [failed, ...more] = result.items('Wekan', 1);
		expect(more).toEqual([]);
		expect(failed.pairedItem).toEqual({ item: 1 });
		// WorkflowExecute.handleNodeErrorOutput: the input item's fields, then the error's.
		expect(failed.json).toEqual({ ...listed[1], error: expect.stringContaining('noSuchCard0000012'), message: expect.stringContaining('Check the IDs') });
	});

	it('a board read for label lookups is made once per execution, not per item', async () => {
		const label = { _id: `lbl${Date.now()}`.slice(0, 17), name: 'Pipelined', color: 'green' };
		f.server.wekan.db.boards.raw.update(f.boardId, { $push: { labels: label } });
		const cards = Array.from({ length: 6 }, (_, i) => newCard(f, `label ${i}`));
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(
			op('card', 'update', { cardId: rl('={{ $json.id }}'), boardId: rl(f.boardId), updateFields: { labelIds: [label._id] } }),
			'Wekan',
			itemsOf(cards.map((c) => ({ id: c._id }))),
		);
		expect(result.error).toBeUndefined();
		expect(since(mark).filter((r) => r.method === 'GET' && r.path === `/api/boards/${f.boardId}`)).toHaveLength(1);
		for (const card of cards) expect(f.server.wekan.db.cards.findOne(card._id)!.labelIds).toEqual([label._id]);
	});

	it('One Item at a Time finishes each item before the next starts', async () => {
		const cards = Array.from({ length: 5 }, (_, i) => newCard(f, `serial ${i}`));
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(
			op('card', 'get', { cardId: rl('={{ $json.id }}'), simplify: false, batching: { oneAtATime: true } }),
			'Wekan',
			itemsOf(cards.map((c) => ({ id: c._id }))),
		);
		expect(result.error).toBeUndefined();
		expect(peakConcurrency(since(mark))).toBe(1);
	});

	it('Items in Flight runs that many items at once after the first, and keeps the input order and pairing', async () => {
		const cards = Array.from({ length: 12 }, (_, i) => newCard(f, `in flight ${i}`));
		const mark = f.server.wekan.log.length;
		const result = await f.engine.runNode(
			op('card', 'get', { cardId: rl('={{ $json.id }}'), simplify: false, batching: { itemsInFlight: 4 } }),
			'Wekan',
			itemsOf(cards.map((c) => ({ id: c._id }))),
		);
		expect(result.error).toBeUndefined();
		const out = result.items('Wekan');
		expect(out.map((i) => [i.pairedItem, i.json._id])).toEqual(cards.map((c, item) => [{ item }, c._id]));
		const reads = since(mark).filter((r) => r.path.startsWith('/api/cards/'));
		expect(reads).toHaveLength(cards.length);
		// The first item alone (its session serves the others), then up to four at once.
		expect(reads.slice(1).every((r) => r.receivedAt >= reads[0].answeredAt!)).toBe(true);
		const peak = peakConcurrency(reads);
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(4);
	});
});

describe('Pipeline: the order of items\' writes', () => {
	/** Whether a promise has settled after the microtasks queued so far have run. */
	async function settled(promise: Promise<unknown>): Promise<boolean> {
		let done = false;
		void promise.then(() => (done = true));
		for (let i = 0; i < 20; i++) await Promise.resolve();
		return done;
	}

	it('an item writing an object an earlier item writes starts when that one\'s writes are done, and says it released it', async () => {
		const pipeline = new Pipeline(2, false);
		await pipeline.start(0, ['card:a']);
		const second = pipeline.start(1, ['card:a']);
		expect(await settled(second)).toBe(false);
		expect(pipeline.writesDone(0)).toBe(true);
		expect(await settled(second)).toBe(true);
		// Nobody waits any more: a second call releases nothing.
		expect(pipeline.writesDone(0)).toBe(false);
	});

	it('writes done that no later item waits for release nothing', async () => {
		const pipeline = new Pipeline(2, false);
		await pipeline.start(0, ['card:a']);
		await pipeline.start(1, ['card:b']);
		expect(pipeline.writesDone(0)).toBe(false);
	});

	it('an item whose checks do not depend on earlier writes prepares at once, but its create waits for every earlier write', async () => {
		const pipeline = new Pipeline(2, false);
		await pipeline.start(0, ['list:a']);
		await pipeline.beforeRequest(0, true, false);
		pipeline.afterRequest();
		expect(await settled(pipeline.start(1, ['list:a'], true))).toBe(true);
		// Its reads go out while item 0 still writes ...
		expect(await settled(pipeline.beforeRequest(1, false, true))).toBe(true);
		// ... its create only once item 0 wrote everything.
		const create = pipeline.beforeRequest(1, true, false);
		expect(await settled(create)).toBe(false);
		expect(pipeline.writesDone(0)).toBe(true);
		expect(await settled(create)).toBe(true);
	});

	it('without a session the first request goes alone; with one, requests of several items go together', async () => {
		const withoutSession = new Pipeline(2, false);
		await withoutSession.beforeRequest(0, false, true, false);
		const second = withoutSession.beforeRequest(1, false, true, false);
		expect(await settled(second)).toBe(false);
		withoutSession.afterRequest();
		expect(await settled(second)).toBe(true);

		const withSession = new Pipeline(2, false);
		await withSession.beforeRequest(0, false, true, true);
		expect(await settled(withSession.beforeRequest(1, false, true, true))).toBe(true);
	});

	it('an item preparing ahead sends nothing once an earlier item failed', async () => {
		const pipeline = new Pipeline(2, false);
		await pipeline.start(0, ['list:a']);
		await pipeline.start(1, ['list:a'], true);
		const create = pipeline.beforeRequest(1, true, false);
		pipeline.finished(0, true);
		await expect(create).rejects.toThrow('Not sent: an earlier item failed');
	});
});
