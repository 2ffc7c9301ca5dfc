import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeBaseUrl } from '../../nodes/shared/baseUrl';
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

	it('accepts a URL with a trailing slash, /api or a pasted board URL', async () => {
		for (const url of [`${f.server.url}/`, `${f.server.url}/api`, `${f.server.url}/api/`, `${f.server.url}/b/${f.boardId}/engine-tests`]) {
			const engine = new EngineHarness();
			engine.setCredential({ url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			const result = await engine.run(GET_ME);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: f.adminId });
		}
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
	])('%s -> %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
	});

	it('turns a missing value into an empty string', () => {
		expect(normalizeBaseUrl(undefined)).toBe('');
		expect(normalizeBaseUrl(null)).toBe('');
	});
});
