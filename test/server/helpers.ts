/**
 * Helpers for the Wekan-compatible server's own tests: a running server, users with tokens, raw HTTP calls.
 */
import { startWekanServer, type RunningWekanServer, type WekanServerOptions } from '../wekan-server/server';

export interface RawResponse {
	status: number;
	headers: Headers;
	/** The body as text ('' when empty). */
	text: string;
	/** The body parsed as JSON, or undefined when it is empty or not JSON. */
	json: any;
}

export interface TestUser {
	id: string;
	token: string;
	username: string;
	password: string;
}

export class ServerHarness {
	constructor(readonly server: RunningWekanServer) {}

	get wekan() {
		return this.server.wekan;
	}

	get url() {
		return this.server.url;
	}

	/** Any HTTP call. `body` objects are sent as JSON unless `form` is set. */
	async call(
		method: string,
		path: string,
		options: { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
	): Promise<RawResponse> {
		const headers: Record<string, string> = { ...options.headers };
		if (options.token) headers.Authorization = `Bearer ${options.token}`;
		let body: string | undefined;
		if (options.form) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(options.form).toString();
		} else if (options.body !== undefined) {
			headers['Content-Type'] ??= 'application/json';
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		}
		const response = await fetch(`${this.url}${path}`, { method, headers, body, redirect: 'manual' });
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/** Registers a user over REST (the first one becomes site admin) and logs in. */
	async user(username: string, password = `${username}-password`): Promise<TestUser> {
		const registered = await this.call('POST', '/users/register', {
			body: { username, email: `${username}@example.com`, password },
		});
		if (registered.status !== 200) throw new Error(`register ${username}: ${registered.status} ${registered.text}`);
		return { id: registered.json.id, token: registered.json.token, username, password };
	}

	/** A board owned by `owner`, with its default swimlane id. */
	async board(owner: TestUser, title = 'Board'): Promise<{ boardId: string; swimlaneId: string }> {
		const created = await this.call('POST', '/api/boards', { token: owner.token, body: { title, owner: owner.id } });
		if (created.status !== 200) throw new Error(`board: ${created.status} ${created.text}`);
		return { boardId: created.json._id, swimlaneId: created.json.defaultSwimlaneId };
	}

	/** Adds `user` to a board with a role (admin, normal, readonly, commentonly, ...), as the board's admin. */
	async addMember(admin: TestUser, boardId: string, user: TestUser, role = 'normal'): Promise<void> {
		const added = await this.call('POST', `/api/boards/${boardId}/members/${user.id}/add`, {
			token: admin.token,
			body: { action: 'add', role },
		});
		if (added.status !== 200) throw new Error(`add member: ${added.status} ${added.text}`);
	}

	close() {
		return this.server.close();
	}
}

/** A server for a test; bcrypt at its lowest cost (4) unless the test sets `bcryptRounds`, to keep tests quick. */
export async function startHarness(options: WekanServerOptions = {}): Promise<ServerHarness> {
	return new ServerHarness(await startWekanServer({ bcryptRounds: 4, ...options }));
}

/** Wekan's style-A error body: HTTP 200 with a serialised Meteor.Error. */
export function expectStyleA(response: RawResponse, statusCode: number) {
	expect(response.status).toBe(200);
	expect(response.json).toMatchObject({ errorType: 'Meteor.Error', statusCode });
}

/** Wekan's style-B error: Express's HTML page with the status. */
export function expectStyleB(response: RawResponse, status: number) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/text\/html/);
	expect(response.text).toContain('<pre>');
}

/** Style D: 200 with no body and no Content-Type. */
export function expectEmpty200(response: RawResponse) {
	expect(response.status).toBe(200);
	expect(response.text).toBe('');
	expect(response.headers.get('content-type')).toBeNull();
}

/** A user created through the users model (not over REST), with a login token; not a site admin unless asked. */
export function seedUser(harness: ServerHarness, username: string, options: { isAdmin?: boolean } = {}): TestUser {
	const password = `${username}-password`;
	const user = harness.wekan.createUser({ username, email: `${username}@example.com`, password, isAdmin: options.isAdmin ?? false });
	const { token } = harness.wekan.issueToken(user._id);
	return { id: user._id, token, username, password };
}
