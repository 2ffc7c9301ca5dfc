/**
 * Bad input for every operation of the Wekan node, taken from the registry: required parameters missing, values
 * of the wrong type (given by expressions, as n8n's own checks would stop them in the editor), ids of the wrong
 * shape, malformed URLs in URL modes and oversized bulk lists. Each must be a clear NodeOperationError before
 * any request, never a crash of the run. And a web page where Wekan's JSON should be is a clear error too.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { rl, type RunResult, type WorkflowJson, wekanWorkflow } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { type Case, label, OPERATIONS, parametersFor, topLevel } from './registryKit';

const required = (c: Case) => topLevel(c.operation).filter((p) => p.required);

function continueOnFail(json: WorkflowJson): WorkflowJson {
	return { ...json, nodes: json.nodes.map((n) => (n.name === 'Wekan' ? { ...n, onError: 'continueRegularOutput' as const } : n)) };
}

describe('bad input, for every operation', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
		// Logged in once, so that any request a case makes is one of the operation's own.
		expect((await f.engine.run(wekanWorkflow({ resource: 'user', operation: 'getMe' }))).status).toBe('success');
	});
	afterAll(() => f.close());
	afterEach(() => f.server.wekan.faults.clear());

	it('covers every operation of the registry', () => {
		expect(OPERATIONS.length).toBeGreaterThan(60);
	});

	/** Runs the node with the parameters, and expects a clear input error and no request at all. */
	async function expectRejected(parameters: IDataObject, message?: RegExp): Promise<RunResult> {
		const mark = f.server.wekan.log.length;
		const result = await f.engine.run(wekanWorkflow(parameters));
		const sent = f.server.wekan.log.slice(mark).map((r) => `${r.method} ${r.path}`);
		expect({ sent, status: result.status }).toEqual({ sent: [], status: 'error' });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: expect.any(String) });
		expect(String(result.error?.message).length).toBeGreaterThan(5);
		expect(String(result.error?.message)).not.toMatch(/undefined|\[object Object\]|Cannot read|is not a function/);
		if (message) expect(String(result.error?.message)).toMatch(message);
		return result;
	}

	/** An empty value by expression: n8n itself refuses a required parameter left empty in the node. */
	const emptyFor = (property: INodeProperties) =>
		property.type === 'resourceLocator' ? rl('={{ "" }}') : property.type === 'multiOptions' ? '={{ [] }}' : '={{ "" }}';

	describe('required parameters missing', () => {
		it.each(OPERATIONS.filter((c) => required(c).length).map((c) => [label(c), c] as const))('%s', async (_l, c) => {
			const parameters: IDataObject = { resource: c.resource, operation: c.operation.value };
			for (const property of required(c)) parameters[property.name] = emptyFor(property) as never;
			await expectRejected(parameters);
		});
	});

	describe('each required parameter empty, the others given', () => {
		const cases = OPERATIONS.flatMap((c) => required(c).map((p) => [`${label(c)}: ${p.name}`, c, p] as const));
		it.each(cases)('%s', async (_l, c, property) => {
			await expectRejected(parametersFor(c, { [property.name]: emptyFor(property) as never }));
		});
	});

	describe('wrong types by expression', () => {
		const WRONG: Array<[string, string]> = [
			['an object', '={{ { "a": 1 } }}'],
			['null', '={{ null }}'],
			['an array of objects', '={{ [{ "a": 1 }] }}'],
		];
		const cases = OPERATIONS.flatMap((c) =>
			required(c)
				.filter((p) => p.type !== 'boolean' && p.type !== 'collection')
				.flatMap((p) => WRONG.map(([what, expression]) => [`${label(c)}: ${p.name} as ${what}`, c, p, expression] as const)),
		);
		it.each(cases)('%s', async (_l, c, property, expression) => {
			const value = property.type === 'resourceLocator' ? rl(expression) : expression;
			await expectRejected(parametersFor(c, { [property.name]: value as never }));
		});

		it.each(OPERATIONS.filter((c) => required(c).some((p) => p.type === 'resourceLocator')).map((c) => [label(c), c] as const))(
			'%s: a number where an ID is expected is taken as text, not a crash',
			async (_l, c) => {
				const property = required(c).find((p) => p.type === 'resourceLocator')!;
				const result = await f.engine.run(continueOnFail(wekanWorkflow(parametersFor(c, { [property.name]: rl('={{ 3.5 }}') }))));
				expect(result.status).toBe('success');
				expect(result.json('Wekan')[0]).toMatchObject({ error: expect.stringMatching(/is not a Wekan ID|is required|not a Wekan/) });
			},
		);
	});

	describe('ids of the wrong shape', () => {
		const BAD_IDS = ['has spaces in it', '../../api/users', 'a/b', 'x'.repeat(65), 'id?x=1'];
		const cases = OPERATIONS.flatMap((c) =>
			required(c)
				.filter((p) => p.type === 'resourceLocator')
				.flatMap((p) => BAD_IDS.map((id) => [`${label(c)}: ${p.name} = ${id.slice(0, 20)}`, c, p, id] as const)),
		);
		it.each(cases)('%s', async (_l, c, property, id) => {
			await expectRejected(parametersFor(c, { [property.name]: rl(`={{ ${JSON.stringify(id)} }}`) }), /is not a Wekan (ID|username)|is required/);
		});
	});

	describe('malformed URLs in URL modes', () => {
		const BAD_URLS = ['not a url', 'https://wekan.example.com/', 'https://wekan.example.com/b/', 'ftp://wekan.example.com/b/abc/name', 'https://wekan.example.com/b/bad id/name/x y'];
		const cases = OPERATIONS.flatMap((c) =>
			required(c)
				.filter((p) => p.type === 'resourceLocator' && p.modes?.some((m) => m.name === 'url'))
				.flatMap((p) => BAD_URLS.map((url) => [`${label(c)}: ${p.name} = ${url}`, c, p, url] as const)),
		);
		it.each(cases)('%s', async (_l, c, property, url) => {
			await expectRejected(parametersFor(c, { [property.name]: rl(`={{ ${JSON.stringify(url)} }}`, 'url') }), /is not a Wekan (board|card) URL/);
		});
	});

	describe('oversized bulk lists', () => {
		const bulk = OPERATIONS.filter((c) => topLevel(c.operation).some((p) => p.name === 'cardIds'));
		it('there are bulk operations', () => expect(bulk.length).toBeGreaterThanOrEqual(2));
		it.each(bulk.map((c) => [label(c), c] as const))('%s with 501 card IDs', async (_l, c) => {
			const ids = Array.from({ length: 501 }, (_, i) => `card${String(i).padStart(13, '0')}`);
			await expectRejected(parametersFor(c, { cardIds: `={{ ${JSON.stringify(ids)} }}` }), /at most 500/);
		});
		it.each(bulk.map((c) => [label(c), c] as const))('%s with 501 IDs as a comma-separated string', async (_l, c) => {
			const ids = Array.from({ length: 501 }, (_, i) => `card${String(i).padStart(13, '0')}`);
			await expectRejected(parametersFor(c, { cardIds: ids.join(',') }), /at most 500/);
		});
	});

	describe('with Continue On Fail, bad input is an error item, not a crash', () => {
		it.each(OPERATIONS.filter((c) => required(c).length).map((c) => [label(c), c] as const))('%s', async (_l, c) => {
			const mark = f.server.wekan.log.length;
			const parameters: IDataObject = { resource: c.resource, operation: c.operation.value };
			for (const property of required(c)) parameters[property.name] = emptyFor(property) as never;
			const result = await f.engine.run(continueOnFail(wekanWorkflow(parameters)));
			expect(result.status).toBe('success');
			const out = result.json('Wekan');
			expect(out).toHaveLength(1);
			expect(out[0]).toEqual(expect.objectContaining({ error: expect.any(String) }));
			expect(f.server.wekan.log.slice(mark)).toEqual([]);
		});
	});

	describe('a web page instead of JSON (HTTP 200 text/html) is a clear error', () => {
		const reads = OPERATIONS.filter((c) => ['get', 'getAll', 'getMe', 'getMany'].includes(c.operation.value));
		it.each(reads.map((c) => [label(c), c] as const))('%s', async (_l, c) => {
			f.server.wekan.faults.failNext('html', { times: 20, match: (_m, p) => p.startsWith('/api/') && p !== '/api/user/cards' });
			const result = await f.engine.run(wekanWorkflow(parametersFor(c)));
			expect(result.status).toBe('error');
			const text = `${String(result.error?.message)} ${String(result.error?.description)}`;
			// Either the page itself is named, or the input was refused before any request.
			expect(text).toMatch(/web page instead of JSON|not a Wekan|is required|must be/);
			expect(text).not.toMatch(/Unexpected token|\[object Object\]|Cannot read/);
		});
	});
});
