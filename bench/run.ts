/**
 * npm run bench: how close the Wekan node gets to the server's own speed, and how it compares with what users would
 * use instead. The Wekan-compatible server runs in a process of its own; every ratio is measured side by side in
 * the same rounds (this machine is noisy) and reported as a median. Writes bench/results.json.
 */
import './env';
import http from 'node:http';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';
import { WekanPollingTrigger } from '../nodes/WekanPollingTrigger/WekanPollingTrigger.node';
import { EngineHarness, PACKAGE, rl, type WorkflowJson, wekanWorkflow } from '../test/engine/harness';
import { BENCH_PASSWORD, type Rpc, startChild } from './child';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 150);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH_ITEMS = 120;
const BATCH_LATENCY_MS = 20;
const IN_FLIGHT = 8;
const BIG_LIST_CARDS = 10_000;
const POLL_LISTS = 50;
const POLL_CARDS_PER_LIST = 200;

type Op = 'get' | 'create' | 'update';
const OPS: Op[] = ['get', 'create', 'update'];

interface LogEntry {
	method: string;
	path: string;
	status: number;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const log = (line: string) => process.stdout.write(`${line}\n`);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await work();
	return { ms: performance.now() - started, value };
}

/** Where `npm run test:e2e` installs a real n8n (cached outside the repository); n8n-nodes-base comes with it. */
function builtinWekanPaths(): { node: string; credential: string } | undefined {
	const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	for (const host of ['host-2.x', 'host-1.x']) {
		const dist = join(cache, 'n8n-nodes-wekan-e2e', host, 'node_modules', 'n8n-nodes-base', 'dist');
		const node = join(dist, 'nodes', 'Wekan', 'Wekan.node.js');
		const credential = join(dist, 'credentials', 'WekanApi.credentials.js');
		if (existsSync(node) && existsSync(credential)) return { node, credential };
	}
	return undefined;
}

interface Setup {
	url: string;
	adminId: string;
	boardId: string;
	swimlaneId: string;
	listId: string;
	createListId: string;
	cardIds: string[];
}

/** The three ways of doing the same card work: a raw keep-alive HTTP client, our node, n8n's built-in node. */
class Contenders {
	readonly ours = new EngineHarness();
	readonly builtin?: EngineHarness;
	private raw!: AxiosInstance;
	private rawToken = '';

	constructor(
		readonly s: Setup,
		builtin?: { node: INodeType; credential: ICredentialType },
	) {
		this.ours.setCredential({ url: s.url, authentication: 'password', login: 'admin', password: BENCH_PASSWORD });
		if (builtin) {
			this.builtin = new EngineHarness();
			this.builtin.addNodeType('n8n-nodes-base.wekan', builtin.node);
			this.builtin.credentials.addType(builtin.credential);
			this.builtin.credentials.set('builtinCred01', 'wekanApi', { url: s.url, username: 'admin', password: BENCH_PASSWORD });
		}
	}

	async loginRaw(): Promise<void> {
		this.raw = axios.create({ baseURL: this.s.url, httpAgent: new http.Agent({ keepAlive: true }), headers: { Accept: 'application/json' } });
		const { data } = await this.raw.post('/users/login', { username: 'admin', password: BENCH_PASSWORD });
		this.rawToken = String(data.token);
		this.raw.defaults.headers.common.Authorization = `Bearer ${this.rawToken}`;
	}

	items(op: Op, tag: string, count = ITEMS) {
		return this.s.cardIds.slice(0, count).map((id, i) => ({ json: op === 'create' ? { title: `bench-create ${tag} ${i}` } : { id, title: `Card ${i} ${tag}` } }));
	}

	/** The calls our node makes for each item, made directly: the floor the node is measured against. */
	async runRaw(op: Op, tag: string): Promise<number> {
		const { boardId, listId, createListId, swimlaneId, adminId } = this.s;
		const items = this.items(op, tag);
		for (const { json } of items) {
			if (op === 'get') {
				await this.raw.get(`/api/cards/${json.id}`);
			} else if (op === 'create') {
				const { data } = await this.raw.post(`/api/boards/${boardId}/lists/${createListId}/cards`, { title: json.title, swimlaneId, authorId: adminId });
				await this.raw.get(`/api/cards/${data._id}`);
			} else {
				const { data: card } = await this.raw.get(`/api/cards/${json.id}`);
				await this.raw.put(`/api/boards/${card.boardId}/lists/${card.listId}/cards/${card._id}`, { title: json.title });
				await this.raw.get(`/api/cards/${json.id}`);
			}
		}
		return items.length;
	}

	oursWorkflow(op: Op, batching?: number): WorkflowJson {
		const { boardId, createListId, swimlaneId } = this.s;
		const extra = batching ? { batching: { itemsInFlight: batching } } : {};
		if (op === 'get') return wekanWorkflow({ resource: 'card', operation: 'get', cardId: rl('={{ $json.id }}'), simplify: false, ...extra });
		if (op === 'create') {
			return wekanWorkflow({ resource: 'card', operation: 'create', boardId: rl(boardId), listId: rl(createListId), swimlaneId: rl(swimlaneId), title: '={{ $json.title }}', ...extra });
		}
		return wekanWorkflow({ resource: 'card', operation: 'update', cardId: rl('={{ $json.id }}'), updateFields: { title: '={{ $json.title }}' }, ...extra });
	}

	builtinWorkflow(op: Op): WorkflowJson {
		const { boardId, listId, createListId, swimlaneId, adminId } = this.s;
		const parameters: IDataObject =
			op === 'get'
				? { resource: 'card', operation: 'get', boardId, listId, cardId: '={{ $json.id }}' }
				: op === 'create'
					? { resource: 'card', operation: 'create', boardId, listId: createListId, swimlaneId, authorId: adminId, title: '={{ $json.title }}', additionalFields: {} }
					: { resource: 'card', operation: 'update', boardId, listId, cardId: '={{ $json.id }}', updateFields: { title: '={{ $json.title }}' } };
		return {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				{ name: 'Wekan', type: 'n8n-nodes-base.wekan', parameters: parameters as never, credentials: { wekanApi: { id: 'builtinCred01', name: 'Wekan (built-in)' } } },
			],
			connections: { Start: { main: [[{ node: 'Wekan', type: 'main', index: 0 }]] } },
		};
	}

	async runEngine(engine: EngineHarness, workflow: WorkflowJson, items: Array<{ json: IDataObject }>): Promise<number> {
		const result = await engine.runNode(workflow, 'Wekan', items);
		if (result.status !== 'success') throw new Error(`workflow failed: ${String(result.error?.message)}`);
		const out = result.items('Wekan');
		if (out.length !== items.length || out.some((i) => i.json.error)) throw new Error('workflow gave wrong items');
		return out.length;
	}
}

async function main(): Promise<void> {
	const benchStarted = Date.now();
	log('Starting the Wekan-compatible server in its own process ...');
	const server = await startChild('server.child.ts');
	const results: IDataObject = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
	let memoryProbe: Rpc | undefined;
	try {
		const { url, adminId } = await server.call<{ url: string; adminId: string }>('info');
		const main = await server.call<{ boardId: string; swimlaneId: string; listIds: string[]; cardIds: string[] }>('board', { title: 'Bench', lists: 2, cards: Math.max(ITEMS, BATCH_ITEMS) });
		const setup: Setup = { url, adminId, boardId: main.boardId, swimlaneId: main.swimlaneId, listId: main.listIds[0], createListId: main.listIds[1], cardIds: main.cardIds };

		// ---- overhead and built-in node, side by side ---------------------------------------------------------
		const paths = builtinWekanPaths();
		let builtin: { node: INodeType; credential: ICredentialType } | undefined;
		if (paths) {
			// The built-in node is JavaScript from another install, loaded as n8n loads it.
			const nodeModule = require(paths.node) as { Wekan: new () => INodeType };
			const credentialModule = require(paths.credential) as { WekanApi: new () => ICredentialType };
			builtin = { node: new nodeModule.Wekan(), credential: new credentialModule.WekanApi() };
		}
		const c = new Contenders(setup, builtin);
		await c.loginRaw();
		const rates: Record<string, Record<Op, number[]>> = {
			raw: { get: [], create: [], update: [] },
			ours: { get: [], create: [], update: [] },
			builtin: { get: [], create: [], update: [] },
		};
		const requestsPerItem: Record<string, Record<Op, number>> = { ours: {} as Record<Op, number>, raw: {} as Record<Op, number>, builtin: {} as Record<Op, number> };
		let oursExecutions = 0;
		let oursLogins = 0;
		log(`Overhead: ${ITEMS} items per workflow, ${ROUNDS} rounds (plus a warm-up), Get / Create / Update card ...`);
		for (let r = -1; r < ROUNDS; r++) {
			for (const op of OPS) {
				const tag = `r${r}`;
				const contenders: Array<[string, () => Promise<number>]> = [
					['raw', () => c.runRaw(op, tag)],
					['ours', () => c.runEngine(c.ours, c.oursWorkflow(op), c.items(op, tag))],
				];
				if (c.builtin) contenders.push(['builtin', () => c.runEngine(c.builtin!, c.builtinWorkflow(op), c.items(op, tag))]);
				// Alternate who goes first, so neither always meets a warmer or a fuller server.
				if (r % 2) contenders.reverse();
				for (const [who, run] of contenders) {
					const mark = await server.call<number>('mark');
					const { ms, value } = await timed(run);
					const seen = await server.call<LogEntry[]>('since', mark);
					if (r >= 0) rates[who][op].push((value / ms) * 1000);
					const logins = seen.filter((e) => e.path === '/users/login').length;
					if (who === 'ours') {
						oursExecutions++;
						oursLogins += logins;
					}
					if (r === 0) requestsPerItem[who][op] = round((seen.length - logins) / value, 3);
				}
				if (op === 'create') await server.call('removeCardsTitled', 'bench-create');
			}
		}
		const overhead: IDataObject = {};
		const builtinRatio: IDataObject = {};
		const itemsPerSecond: IDataObject = {};
		for (const op of OPS) {
			const raw = median(rates.raw[op]);
			const ours = median(rates.ours[op]);
			itemsPerSecond[op] = { raw: round(raw, 0), ours: round(ours, 0), ...(c.builtin ? { builtin: round(median(rates.builtin[op]), 0) } : {}) };
			overhead[op] = round(ours / raw);
			if (c.builtin) builtinRatio[op] = round(ours / median(rates.builtin[op]));
		}
		results.items_per_workflow = ITEMS;
		results.rounds = ROUNDS;
		results.items_per_second = itemsPerSecond;
		results.overhead_ratio = overhead;
		results.requests_per_item = requestsPerItem.ours;
		results.requests_per_item_raw = requestsPerItem.raw;
		if (c.builtin) results.requests_per_item_builtin = requestsPerItem.builtin;
		// Logins of our credential: the warm-up's first execution logs in; every later one reuses the session.
		results.logins_per_run = { executions: oursExecutions, logins: oursLogins, per_execution: round(oursLogins / oursExecutions, 3) };
		results.builtin_ratio = c.builtin ? builtinRatio : 'skipped (n8n host not installed; run npm run test:e2e once)';

		// ---- batching ------------------------------------------------------------------------------------------
		log(`Batching: ${BATCH_ITEMS} items, ${BATCH_LATENCY_MS} ms added latency, 1 vs ${IN_FLIGHT} in flight ...`);
		await server.call('latency', BATCH_LATENCY_MS);
		const batching: IDataObject = {};
		for (const op of ['get', 'update'] as Op[]) {
			const items = c.items(op, 'batch', BATCH_ITEMS);
			const serial: number[] = [];
			const parallel: number[] = [];
			for (let r = 0; r < 3; r++) {
				serial.push((await timed(() => c.runEngine(c.ours, c.oursWorkflow(op), items))).ms);
				parallel.push((await timed(() => c.runEngine(c.ours, c.oursWorkflow(op, IN_FLIGHT), items))).ms);
			}
			batching[op] = { serial_ms: round(median(serial), 0), batched_ms: round(median(parallel), 0), speedup: round(median(serial) / median(parallel)) };
		}
		await server.call('latency', 0);
		results.batching = { items: BATCH_ITEMS, latency_ms: BATCH_LATENCY_MS, in_flight: IN_FLIGHT, ...batching };

		// ---- Get Many of 10,000 cards, in a process of its own ------------------------------------------------
		log(`Get Many: ${BIG_LIST_CARDS} cards, memory measured in a separate process ...`);
		const big = await server.call<{ boardId: string; listIds: string[] }>('board', { title: 'Big', lists: 2, cards: 0 });
		await server.call('fill', { boardId: big.boardId, listId: big.listIds[0], count: BIG_LIST_CARDS });
		await server.call('fill', { boardId: big.boardId, listId: big.listIds[1], count: 20 });
		memoryProbe = await startChild('getMany.child.ts', ['--expose-gc']);
		const probe = await memoryProbe.call<{ results: Array<{ ms: number; rssMb: number; heapMb: number; cards: number }>; baselineRssMb: number }>('measure', {
			url,
			password: BENCH_PASSWORD,
			boardId: big.boardId,
			listId: big.listIds[0],
			warmListId: big.listIds[1],
			runs: 3,
		});
		memoryProbe.stop();
		memoryProbe = undefined;
		if (probe.results.some((r) => r.cards !== BIG_LIST_CARDS)) throw new Error('Get Many returned the wrong number of cards');
		results.get_many_10k = {
			cards: BIG_LIST_CARDS,
			ms: round(median(probe.results.map((r) => r.ms)), 0),
			peak_rss_mb_above_baseline: round(Math.max(...probe.results.map((r) => r.rssMb)), 1),
			peak_heap_mb_above_baseline: round(Math.max(...probe.results.map((r) => r.heapMb)), 1),
			baseline_rss_mb: round(probe.baselineRssMb, 1),
		};

		// ---- polling trigger -----------------------------------------------------------------------------------
		log(`Polling trigger: ${POLL_LISTS} lists x ${POLL_CARDS_PER_LIST} cards ...`);
		const pollBoard = await server.call<{ boardId: string; cardIds: string[] }>('board', { title: 'Poll', lists: POLL_LISTS, cards: POLL_CARDS_PER_LIST });
		const triggerType = `${PACKAGE}.wekanPollingTrigger`;
		const trigger = new WekanPollingTrigger();
		c.ours.addNodeType(triggerType, trigger);
		const staticData: IDataObject = {};
		const workflow = c.ours.workflow(
			{
				nodes: [{ name: 'Poll', type: triggerType, parameters: { boardId: rl(pollBoard.boardId), events: ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived'] } as never }],
				connections: {},
			},
			staticData,
		);
		const pollOnce = async () => {
			const mark = await server.call<number>('mark');
			const { ms, value } = await timed(() => trigger.poll.call(c.ours.pollContext(workflow, 'Poll')));
			const seen = (await server.call<LogEntry[]>('since', mark)).filter((e) => e.path !== '/users/login');
			return { ms, requests: seen.length, events: value ? value[0].length : 0 };
		};
		const baseline = await pollOnce();
		const idle = [];
		for (let r = 0; r < 5; r++) idle.push(await pollOnce());
		const changed = [];
		const changeCount = Math.round(pollBoard.cardIds.length / 100);
		for (let r = 0; r < 3; r++) {
			const ids = pollBoard.cardIds.filter((_, i) => i % 100 === r * 7);
			await server.call('touch', { cardIds: ids.slice(0, changeCount), suffix: `v${r}` });
			changed.push(await pollOnce());
		}
		if (idle.some((p) => p.events !== 0) || changed.some((p) => p.events !== changeCount)) {
			throw new Error(`Polling trigger reported wrong events: idle ${idle.map((p) => p.events)}, changed ${changed.map((p) => p.events)}`);
		}
		results.poll = {
			board: `${POLL_LISTS} lists x ${POLL_CARDS_PER_LIST} cards`,
			baseline_ms: round(baseline.ms, 0),
			baseline_requests: baseline.requests,
			changed_cards: changeCount,
			changed_events: median(changed.map((p) => p.events)),
			state_kb: round(JSON.stringify(staticData).length / 1024, 0),
		};
		results.poll_idle_requests = median(idle.map((p) => p.requests));
		results.poll_ms = {
			idle: round(median(idle.map((p) => p.ms)), 1),
			changed_1_percent: round(median(changed.map((p) => p.ms)), 1),
		};
		results.poll_changed_requests = median(changed.map((p) => p.requests));
		results.bench_seconds = round((Date.now() - benchStarted) / 1000, 1);

		writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
		printTable(results);
		log(`\nWrote bench/results.json (${results.bench_seconds} s).`);
	} finally {
		memoryProbe?.stop();
		server.stop();
	}
}

function printTable(results: IDataObject): void {
	const ips = results.items_per_second as Record<Op, IDataObject>;
	const rpi = results.requests_per_item as Record<Op, number>;
	const overhead = results.overhead_ratio as Record<Op, number>;
	const builtinRatio = results.builtin_ratio;
	const rows: string[][] = [['figure', 'get', 'create', 'update', 'target']];
	rows.push(['items/s raw axios', ...OPS.map((op) => String(ips[op].raw)), '']);
	rows.push(['items/s Wekan node', ...OPS.map((op) => String(ips[op].ours)), '']);
	if (typeof builtinRatio === 'object') rows.push(['items/s built-in node', ...OPS.map((op) => String(ips[op].builtin)), '']);
	rows.push(['overhead_ratio', ...OPS.map((op) => String(overhead[op])), '>= 0.85']);
	if (typeof builtinRatio === 'object') {
		rows.push(['builtin_ratio', ...OPS.map((op) => String((builtinRatio as Record<Op, number>)[op])), '>= 1']);
		const b = results.requests_per_item_builtin as Record<Op, number>;
		rows.push(['requests/item built-in', ...OPS.map((op) => String(b[op])), '']);
	}
	rows.push(['requests_per_item', ...OPS.map((op) => String(rpi[op])), 'API minimum']);
	const batching = results.batching as Record<string, IDataObject>;
	rows.push([`batching x${String((results.batching as IDataObject).in_flight)} speed-up`, String(batching.get.speedup), '', String(batching.update.speedup), '>= 5']);
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	log('');
	for (const row of rows) log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
	log('');
	if (typeof builtinRatio !== 'object') log(`builtin_ratio: ${String(builtinRatio)}`);
	const logins = results.logins_per_run as IDataObject;
	const big = results.get_many_10k as IDataObject;
	const pollMs = results.poll_ms as IDataObject;
	log(`logins_per_run: ${String(logins.logins)} login(s) over ${String(logins.executions)} executions (target: 1 per credential per token lifetime)`);
	log(`get_many_10k: ${String(big.ms)} ms, peak ${String(big.peak_rss_mb_above_baseline)} MB RSS / ${String(big.peak_heap_mb_above_baseline)} MB heap above baseline (target < 150 MB)`);
	log(`poll (${String((results.poll as IDataObject).board)}): idle ${String(results.poll_idle_requests)} request(s), ${String(pollMs.idle)} ms; 1% changed ${String(results.poll_changed_requests)} request(s), ${String(pollMs.changed_1_percent)} ms`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
