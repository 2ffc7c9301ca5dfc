/**
 * Secret hygiene: with a known password and a known API token, runs every operation (on real and unknown ids),
 * failures of every kind, session renewals and rejected logins, and asserts that neither the password, the token
 * nor a session token appears in any node output, error message, error description or log line.
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';
import { EngineHarness, type RunResult, type WorkflowJson, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { label, OPERATIONS, parametersFor } from './registryKit';

const TOKEN_USER_PASSWORD = 'T0ken-User-S3cret-Pa55';
const WRONG_PASSWORD = 'Wr0ng-But-S3cret-Pa55';

function continueOnFail(json: WorkflowJson): WorkflowJson {
	return { ...json, nodes: json.nodes.map((n) => (n.name === 'Wekan' ? { ...n, onError: 'continueRegularOutput' as const } : n)) };
}

describe('secrets never leak', () => {
	let f: Fixture;
	const lines: string[] = [];
	const runs: RunResult[] = [];
	const sessionTokens = new Set<string>();
	let apiToken = '';
	let previousLogger: unknown;
	const spies: jest.SpyInstance[] = [];

	beforeAll(async () => {
		// Everything n8n and the node log, at every level, and anything written to the console.
		const capture = (level: string) => (message: unknown, meta?: unknown) => {
			lines.push(`${level} ${String(message)} ${JSON.stringify(meta ?? {})}`);
		};
		const logger = {
			error: capture('error'),
			warn: capture('warn'),
			info: capture('info'),
			debug: capture('debug'),
			verbose: capture('verbose'),
			scoped: () => logger,
		};
		LoggerProxy.init(logger as never);
		previousLogger = Container.has(Logger) ? Container.get(Logger) : undefined;
		Container.set(Logger, logger as never);
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => lines.push(`console.${method} ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`)));
		}
		f = await startFixture({ allowLoopbackWebhooks: true });
	});

	afterAll(async () => {
		for (const spy of spies) spy.mockRestore();
		if (previousLogger) Container.set(Logger, previousLogger as never);
		await f.close();
	});

	const remember = (engine: EngineHarness) => {
		const stored = engine.storedCredential().sessionToken;
		if (stored) sessionTokens.add(String(stored));
	};

	it('runs every operation with a password credential, on known and unknown ids, under faults', async () => {
		const engine = new EngineHarness();
		engine.setCredential({ url: f.server.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
		const w = f.server.wekan;
		for (const c of OPERATIONS) {
			const unknown = parametersFor(c);
			runs.push(await engine.run(wekanWorkflow(unknown)));
			runs.push(await engine.run(continueOnFail(wekanWorkflow(unknown))));
			remember(engine);
		}
		// The same against a real board, with each kind of failure once, and a session that expires.
		const real = parametersFor(OPERATIONS.find((c) => label(c) === 'list create')!, { boardId: { __rl: true, mode: 'id', value: f.boardId }, title: 'Secret check' });
		const read = parametersFor(OPERATIONS.find((c) => label(c) === 'list getAll')!, { boardId: { __rl: true, mode: 'id', value: f.boardId } });
		for (const kind of ['error', 'rateLimit', 'drop', 'errorBody', 'html'] as const) {
			for (const phase of ['before', 'after'] as const) {
				w.faults.set({ retryAfterSeconds: 0 });
				w.faults.failNext(kind, { phase, times: 4, match: (_m, p) => p.startsWith('/api/') });
				runs.push(await engine.run(wekanWorkflow(real)));
				w.faults.failNext(kind, { phase, times: 4, match: (_m, p) => p.startsWith('/api/') });
				runs.push(await engine.run(wekanWorkflow(read)));
				w.faults.clear();
			}
		}
		w.expireAllTokens();
		runs.push(await engine.run(wekanWorkflow(read)));
		remember(engine);
		expect(sessionTokens.size).toBeGreaterThanOrEqual(2);
	}, 120_000);

	it('runs with a rejected password and with a known API token, valid and then revoked', async () => {
		const wrong = new EngineHarness();
		wrong.setCredential({ url: f.server.url, authentication: 'password', login: 'admin', password: WRONG_PASSWORD });
		runs.push(await wrong.run(wekanWorkflow({ resource: 'user', operation: 'getMe' })));

		const user = f.server.wekan.createUser({ username: 'secret-token', email: 'secret@example.com', password: TOKEN_USER_PASSWORD, isAdmin: true });
		apiToken = f.server.wekan.issueToken(user._id).token;
		const engine = new EngineHarness();
		engine.setCredential({ url: f.server.url, authentication: 'token', userId: user._id, token: apiToken });
		const sample = OPERATIONS.filter((_, i) => i % 3 === 0);
		for (const c of sample) runs.push(await engine.run(continueOnFail(wekanWorkflow(parametersFor(c)))));
		runs.push(await engine.run(wekanWorkflow({ resource: 'user', operation: 'createToken', userId: { __rl: true, mode: 'id', value: user._id } })));
		f.server.wekan.revokeToken(user._id);
		runs.push(await engine.run(wekanWorkflow({ resource: 'user', operation: 'getMe' })));
		expect(runs[runs.length - 1].error?.message).toBe('Wekan rejected the credential');
	});

	it('no password, API token or session token appears in any output, error, description or log line', () => {
		const secrets = [ADMIN_PASSWORD, TOKEN_USER_PASSWORD, WRONG_PASSWORD, apiToken, ...sessionTokens];
		expect(secrets.every((s) => s.length > 8)).toBe(true);
		expect(runs.length).toBeGreaterThan(150);
		expect(runs.some((r) => r.status === 'error')).toBe(true);
		// The node logs nothing itself; n8n's engine logs at debug level. Both are captured.
		expect(lines.length).toBeGreaterThan(0);
		const leaks: string[] = [];
		runs.forEach((run, i) => {
			const texts: IDataObject = {
				output: run.run.data.resultData.runData,
				error: run.error,
				message: run.error?.message,
				description: run.error?.description,
			};
			const serialised = JSON.stringify(texts);
			for (const secret of secrets) if (serialised.includes(secret)) leaks.push(`run ${i}: ${secret.slice(0, 3)}…`);
		});
		for (const line of lines) for (const secret of secrets) if (line.includes(secret)) leaks.push(`log: ${line.slice(0, 120)}`);
		expect(leaks).toEqual([]);
	});
});
