import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';
import { createEmptyRunExecutionData } from 'n8n-workflow';
import { WekanRestApi } from '../../credentials/WekanRestApi.credentials';
import { displayUrl, normalizeBaseUrl } from '../../nodes/shared/baseUrl';
import { CREDENTIAL_ID, EngineHarness, wekanWorkflow } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';

const GET_ME = wekanWorkflow({ resource: 'user', operation: 'getMe' });

/** The message and description of a failed run, as one text to search. */
function failureText(error: Record<string, unknown> | undefined): string {
	return `${String(error?.message ?? '')} ${String(error?.description ?? '')}`;
}

async function listen(server: http.Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

const TEST_CREDENTIAL = 'wekanCredTest01';

/**
 * The credential's test as n8n's credentials tester runs it (packages/cli CredentialsTesterService.runRequestTest):
 * the test request as the routing of a temporary no-op node, sent by n8n-core's RoutingNode with the credential
 * (preAuthentication included, as n8n always runs it in a test), then the rules for an error status or a body.
 */
async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credential = new WekanRestApi();
	const engine = new EngineHarness();
	engine.setCredential(data, TEST_CREDENTIAL);
	const nodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'wekanRestApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credential.test.request }, default: '' }],
		},
	} as unknown as INodeType;
	engine.addNodeType('n8n-nodes-base.noOp', nodeType);
	const workflow = engine.workflow({
		nodes: [{ name: 'Temp-Node', type: 'n8n-nodes-base.noOp', parameters: {}, credentials: { wekanRestApi: { id: TEST_CREDENTIAL, name: 'Test' } } }],
		connections: {},
	});
	const node = workflow.getNode('Temp-Node')!;
	const decrypted = await engine.credentials.getDecrypted({}, { id: TEST_CREDENTIAL, name: 'Test' }, 'wekanRestApi');
	const context = new ExecuteContext(
		workflow,
		node,
		engine.additionalData(),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routing = new RoutingNode(context, nodeType, { id: TEST_CREDENTIAL, name: 'Test', type: 'wekanRestApi', data: decrypted });
	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		await workflow.expression.acquireIsolate();
		response = await routing.runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
		if (status !== undefined) {
			const rule = credential.test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
			if (rule) return { status: 'Error', message: String((rule.properties as IDataObject).message) };
			if (status < 199 || status > 299) return { status: 'Error', message: `Received HTTP status code: ${status}` };
		}
		return { status: 'Error', message: String((error as Error).message) };
	} finally {
		await workflow.expression.releaseIsolate();
	}
	for (const rule of credential.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const { key, value, message } = rule.properties as IDataObject;
		if (response?.[0]?.[0]?.json?.[String(key)] === value) return { status: 'Error', message: String(message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

describe('credential preAuthentication through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture({ loginThrottle: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 45 } });
	});
	afterAll(() => f.close());

	function engineWith(data: Record<string, unknown>): EngineHarness {
		const engine = new EngineHarness();
		engine.setCredential({ url: f.server.url, authentication: 'password', ...data });
		return engine;
	}

	it('logs in with the username and stores the session in the credential', async () => {
		const engine = engineWith({ login: 'admin', password: ADMIN_PASSWORD });
		const result = await engine.run(GET_ME);
		expect(result.error).toBeUndefined();
		expect(result.json('Wekan')[0]).toMatchObject({ _id: f.adminId, username: 'admin' });
		const stored = engine.storedCredential();
		expect(stored.sessionToken).toEqual(expect.any(String));
		expect(String(stored.sessionToken).length).toBeGreaterThan(10);
		expect(stored.sessionUserId).toBe(f.adminId);
		expect(new Date(String(stored.sessionExpiresAt)).getTime()).toBeGreaterThan(Date.now());
		expect(engine.credentials.preAuthentications.get(CREDENTIAL_ID)).toBe(1);
	});

	it('logs in by email when the login has an @', async () => {
		const engine = engineWith({ login: 'admin@example.com', password: ADMIN_PASSWORD });
		const result = await engine.run(GET_ME);
		expect(result.error).toBeUndefined();
		expect(result.json('Wekan')[0]).toMatchObject({ _id: f.adminId });
	});

	it('says the login was rejected for a wrong password, without sending the request', async () => {
		f.server.wekan.clearLoginFailures('127.0.0.1');
		const before = f.server.wekan.requests('GET', '/api/user').length;
		const engine = engineWith({ login: 'admin', password: 'wrong-password-123' });
		const result = await engine.run(GET_ME);
		expect(result.status).toBe('error');
		const text = failureText(result.error);
		expect(text).toMatch(/rejected the username\/email or password/);
		expect(text).not.toMatch(/Could not reach/);
		expect(JSON.stringify(result.run)).not.toContain('wrong-password-123');
		expect(f.server.wekan.requests('GET', '/api/user').length).toBe(before);
		expect(engine.storedCredential().sessionToken ?? '').toBe('');
	});

	it('says how long to wait when Wekan throttles logins (429 with Retry-After)', async () => {
		f.server.wekan.clearLoginFailures('127.0.0.1');
		const engine = engineWith({ login: 'admin', password: 'wrong-again-456' });
		for (let i = 0; i < 3; i++) await engine.run(GET_ME);
		const result = await engine.run(GET_ME);
		expect(result.status).toBe('error');
		const text = failureText(result.error);
		expect(text).toMatch(/locked logins/);
		expect(text).toMatch(/Wait \d+ seconds/);
		const logins = f.server.wekan.requests('POST', '/users/login');
		expect(logins[logins.length - 1].status).toBe(429);
		// The right password is locked out too until the wait is over.
		const good = await engineWith({ login: 'admin', password: ADMIN_PASSWORD }).run(GET_ME);
		expect(failureText(good.error)).toMatch(/Wait \d+ seconds/);
		f.server.wekan.clearLoginFailures('127.0.0.1');
		const after = await engineWith({ login: 'admin', password: ADMIN_PASSWORD }).run(GET_ME);
		expect(after.error).toBeUndefined();
	});

	it('says the URL is not Wekan\'s login API when it answers with a web page', async () => {
		const requests: string[] = [];
		const page = http.createServer((req, res) => {
			requests.push(`${req.method} ${req.url}`);
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end('<!DOCTYPE html><html><head><title>Welcome</title></head><body>Hello</body></html>');
		});
		const url = await listen(page);
		try {
			const engine = new EngineHarness();
			engine.setCredential({ url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			const result = await engine.run(GET_ME);
			expect(result.status).toBe('error');
			expect(failureText(result.error)).toMatch(/not Wekan's login API/);
			expect(requests).toEqual(['POST /users/login']);
			expect(JSON.stringify(result.run)).not.toContain(ADMIN_PASSWORD);
		} finally {
			await new Promise<void>((resolve) => page.close(() => resolve()));
		}
	});

	it('says the server could not be reached when nothing listens at the URL', async () => {
		const port = await closedPort();
		const engine = new EngineHarness();
		engine.setCredential({ url: `http://127.0.0.1:${port}`, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
		const result = await engine.run(GET_ME);
		expect(result.status).toBe('error');
		const text = failureText(result.error);
		expect(text).toMatch(/Could not reach Wekan at http:\/\/127\.0\.0\.1:\d+/);
		expect(text).toMatch(/ECONNREFUSED/);
		expect(JSON.stringify(result.run)).not.toContain(ADMIN_PASSWORD);
	});

	it('accepts a URL with a trailing slash, /api, a pasted board URL, a query or a fragment', async () => {
		const before = f.server.wekan.log.length;
		for (const url of [
			`${f.server.url}/`,
			`${f.server.url}/api`,
			`${f.server.url}/api/`,
			`${f.server.url}/b/${f.boardId}/engine-tests`,
			`${f.server.url}/?lang=de`,
			`${f.server.url}/b/${f.boardId}/engine-tests?view=swimlanes#top`,
			`${f.server.url}#/`,
		]) {
			const engine = new EngineHarness();
			engine.setCredential({ url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			const result = await engine.run(GET_ME);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: f.adminId });
		}
		// A query once ended up in front of the path: .../?lang=de/api/user.
		expect(f.server.wekan.log.slice(before).map((r) => r.path).filter((p) => !['/users/login', '/api/user'].includes(p))).toEqual([]);
	});

	it('keeps a user name and password in the URL out of its error messages', async () => {
		const port = await closedPort();
		const engine = new EngineHarness();
		engine.setCredential({ url: `http://proxyuser:Pr0xy-S3cret@127.0.0.1:${port}`, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
		const result = await engine.run(GET_ME);
		expect(failureText(result.error)).toMatch(/Could not reach Wekan at http:\/\/127\.0\.0\.1:\d+/);
		expect(JSON.stringify(result.run)).not.toContain('Pr0xy-S3cret');
	});
});

describe('Token mode', () => {
	let f: Fixture;
	let token = '';
	let userId = '';
	beforeAll(async () => {
		f = await startFixture();
		const user = f.server.wekan.createUser({ username: 'token-user', email: 'token@example.com', password: 'T0ken-Us3r-Pw', isAdmin: false });
		userId = user._id;
		token = f.server.wekan.issueToken(user._id).token;
	});
	afterAll(() => f.close());

	const BOARDS = wekanWorkflow({ resource: 'board', operation: 'getAll', scope: 'mine' });

	function engineWith(data: Record<string, unknown>): EngineHarness {
		const engine = new EngineHarness();
		engine.setCredential({ url: f.server.url, authentication: 'token', token, ...data });
		return engine;
	}

	it('needs no User ID: the node reads it from Wekan', async () => {
		const engine = engineWith({});
		const from = f.server.wekan.log.length;
		const result = await engine.run(BOARDS);
		expect(result.error).toBeUndefined();
		expect(f.server.wekan.log.slice(from).map((r) => `${r.method} ${r.path}`)).toContain(`GET /api/users/${userId}/boards`);
		expect(engine.storedCredential().sessionUserId).toBe(userId);
	});

	it('works with the right User ID', async () => {
		const result = await engineWith({ userId }).run(BOARDS);
		expect(result.error).toBeUndefined();
	});

	it('refuses a User ID that is not the token\'s user, when the run first uses the credential', async () => {
		const result = await engineWith({ userId: f.adminId }).run(BOARDS);
		expect(result.status).toBe('error');
		expect(failureText(result.error)).toContain(`The token belongs to Wekan user "token-user" (ID ${userId}), not to the User ID entered in the credential (${f.adminId})`);
		expect(f.server.wekan.requests('GET', `/api/users/${f.adminId}/boards`)).toHaveLength(0);
	});

	it('refuses a wrong User ID at run time also when the stored session skips the login', async () => {
		// A credential stored before the check: session filled in, User ID unchecked.
		const engine = engineWith({ userId: f.adminId, sessionToken: token, sessionUserId: f.adminId });
		const result = await engine.run(BOARDS);
		expect(result.status).toBe('error');
		expect(failureText(result.error)).toContain(`The credential's User ID (${f.adminId}) is not the user its token belongs to ("token-user", ID ${userId})`);
		expect(f.server.wekan.requests('GET', `/api/users/${f.adminId}/boards`)).toHaveLength(0);
	});

	describe('in the credential test', () => {
		it('passes with the token alone', async () => {
			expect(await testCredential({ url: f.server.url, authentication: 'token', token })).toEqual({ status: 'OK', message: 'Connection successful!' });
		});

		it('fails with a User ID of another user, saying whose token it is', async () => {
			const outcome = await testCredential({ url: f.server.url, authentication: 'token', token, userId: f.adminId });
			expect(outcome.status).toBe('Error');
			expect(outcome.message).toContain('The token belongs to Wekan user "token-user"');
		});

		it('fails with a revoked token', async () => {
			const revoked = f.server.wekan.issueToken(userId).token;
			f.server.wekan.revokeToken(userId, revoked);
			expect(await testCredential({ url: f.server.url, authentication: 'token', token: revoked })).toEqual({
				status: 'Error',
				message: 'Wekan did not accept the login token. In Token mode, check the token: an admin may have revoked it, or it expired.',
			});
		});

		it('passes with a password login and a URL with a query, a fragment or a board path', async () => {
			for (const url of [`${f.server.url}/?lang=de`, `${f.server.url}/b/${f.boardId}/engine-tests#x`, `${f.server.url}/api/`]) {
				const asked = f.server.wekan.requests('GET', '/api/user').length;
				expect(await testCredential({ url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ status: 'OK' });
				// The web app's page would pass too: the test must have reached the API route.
				expect(f.server.wekan.requests('GET', '/api/user')).toHaveLength(asked + 1);
			}
		});

		it('says so when the URL answers with a web page', async () => {
			const page = http.createServer((_req, res) => {
				res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
				res.end('<!DOCTYPE html><html><body>Hello</body></html>');
			});
			const url = await listen(page);
			try {
				const outcome = await testCredential({ url, authentication: 'token', token });
				expect(outcome).toEqual({ status: 'Error', message: expect.stringContaining('The URL answered with a web page, not Wekan\'s API') });
			} finally {
				await new Promise<void>((resolve) => page.close(() => resolve()));
			}
		});

		it('says the REST API is disabled when Wekan answers /api with 403 (server/apiMiddleware.js:20-43)', async () => {
			const closed = await startFixture({ apiEnabled: false });
			try {
				expect(await testCredential({ url: closed.server.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD })).toEqual({
					status: 'Error',
					message: 'The Wekan REST API is disabled on this server. An admin must start Wekan with WITH_API=true.',
				});
			} finally {
				await closed.close();
			}
		});

		it('fails with a wrong password, saying so', async () => {
			const outcome = await testCredential({ url: f.server.url, authentication: 'password', login: 'admin', password: 'Wr0ng-Pa55word' });
			expect(outcome.status).toBe('Error');
			expect(outcome.message).toMatch(/rejected the username\/email or password/);
		});
	});
});

describe('normalizeBaseUrl', () => {
	it.each([
		['https://wekan.example.com', 'https://wekan.example.com'],
		['https://wekan.example.com/', 'https://wekan.example.com'],
		['https://wekan.example.com///', 'https://wekan.example.com'],
		['  https://wekan.example.com/  ', 'https://wekan.example.com'],
		['https://wekan.example.com/api', 'https://wekan.example.com'],
		['https://wekan.example.com/api/', 'https://wekan.example.com'],
		['https://wekan.example.com/b/a2B3c4D5e6F7g8H9j/my-board', 'https://wekan.example.com'],
		['https://wekan.example.com/b/a2B3c4D5e6F7g8H9j/my-board/k2L3m4N5p6Q7r8S9t', 'https://wekan.example.com'],
		['https://example.com/wekan/', 'https://example.com/wekan'],
		['https://example.com/wekan/b/a2B3c4D5e6F7g8H9j/my-board', 'https://example.com/wekan'],
		['https://example.com/wekan/api', 'https://example.com/wekan'],
		['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
		['https://wekan.example.com/?lang=de', 'https://wekan.example.com'],
		['https://wekan.example.com/#/', 'https://wekan.example.com'],
		['https://example.com/wekan/?lang=de#top', 'https://example.com/wekan'],
		['https://example.com/wekan/b/a2B3c4D5e6F7g8H9j/my-board?view=lists', 'https://example.com/wekan'],
		['https://example.com/wekan/api?x=/b/y', 'https://example.com/wekan'],
		['https://b/wekan', 'https://b/wekan'],
		['https://b/b/a2B3c4D5e6F7g8H9j/x', 'https://b'],
	])('%s -> %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
	});

	it('turns a missing value into an empty string', () => {
		expect(normalizeBaseUrl(undefined)).toBe('');
		expect(normalizeBaseUrl(null)).toBe('');
	});

	it('is what the credential test\'s base URL expression computes', () => {
		const engine = new EngineHarness();
		const workflow = engine.workflow(wekanWorkflow({ resource: 'user', operation: 'getMe' }));
		const node = workflow.getNode('Wekan')!;
		const expression = String(new WekanRestApi().test.request.baseURL);
		for (const url of [
			'https://wekan.example.com/',
			' https://wekan.example.com/api/ ',
			'https://wekan.example.com/?lang=de',
			'https://example.com/wekan/b/a2B3c4D5e6F7g8H9j/my-board/k2L3m4N5p6Q7r8S9t?x=1#y',
			'https://example.com/wekan/api?x=/b/y',
			'https://b/b/a2B3c4D5e6F7g8H9j/x',
			'http://127.0.0.1:3000',
		]) {
			const computed = workflow.expression.getSimpleParameterValue(node, expression, 'internal', { $credentials: { url } } as never);
			expect([url, computed]).toEqual([url, normalizeBaseUrl(url)]);
		}
	});
});

describe('displayUrl', () => {
	it.each([
		['https://user:secret@wekan.example.com/x', 'https://wekan.example.com/x'],
		['https://token@wekan.example.com', 'https://wekan.example.com'],
		['https://wekan.example.com/a@b', 'https://wekan.example.com/a@b'],
	])('%s -> %s', (raw, expected) => {
		expect(displayUrl(raw)).toBe(expected);
	});
});
