/**
 * The Wekan-compatible server: Wekan v11's REST API (wekan-api.md) over node:http, in memory.
 * Start it in-process with `startWekanServer()`, or from a shell with `npm run wekan-server -- --port 3000`.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Faults } from './faults';
import {
	expressErrorPage,
	json,
	meteorAppShell,
	parseBody,
	readBody,
	send,
	text,
	type Reply,
	type RequestContext,
	Router,
} from './http';
import { Accounts } from './accounts';
import { startupSettings } from './models/settings';
import { CONTROL_PATH, isLoopback, runControl } from './control';
import type { WriteContext } from './db/collection';
import { Database } from './db/database';
import { Permissions, type RoleFlag } from './permissions';
import type { BoardDoc } from './schemas/boards';
import type { CardDoc } from './schemas/cards';
import type { ListDoc } from './schemas/lists';
import type { SwimlaneDoc } from './schemas/swimlanes';
import type { UserDoc } from './schemas/users';
import {
	addBoardMember,
	createBoard,
	createCard,
	createList,
	createSwimlane,
	createUser,
	defaultSwimlaneId,
	type NewBoard,
	type NewCard,
	type NewUser,
	registerModels,
} from './models';
import { StatusError } from './errors';
import { Webhooks } from './webhooks';
import { registerAuthRoutes } from './routes/auth';
import { registerUserRoutes } from './routes/users';
import { registerSettingsRoutes } from './routes/settings';
import { registerBoardRoutes } from './routes/boards';
import { registerListRoutes } from './routes/lists';
import { registerSwimlaneRoutes } from './routes/swimlanes';
import { registerCardRoutes } from './routes/cards';
import { registerChecklistRoutes } from './routes/checklists';
import { registerCommentRoutes } from './routes/comments';
import { registerCustomFieldRoutes } from './routes/customFields';
import { registerIntegrationRoutes } from './routes/integrations';
import { registerAttachmentRoutes } from './routes/attachments';
import { registerRuleRoutes } from './routes/rules';
import { registerDependencyRoutes } from './routes/dependencies';
import { registerBoardExportRoutes } from './routes/boardExport';
import { registerBoardImportRoutes } from './routes/boardImport';
import { WekanUi } from './ui';

export interface WekanServerOptions {
	port?: number;
	host?: string;
	/** ROOT_URL: the base of card and board URLs in webhook texts. Defaults to the server's own URL. */
	rootUrl?: string;
	/** WITH_API; when off, /api answers 403 text/plain (v10.99+) or, with apiDisabledStyle 'redirect', 301 to /. */
	apiEnabled?: boolean;
	apiDisabledStyle?: 'forbidden' | 'redirect';
	/** ACCOUNTS_COMMON_LOGIN_EXPIRATION_IN_DAYS, in milliseconds. Expired tokens stop working. */
	tokenLifetimeMs?: number;
	/** REST_LOGIN_MAX_FAILURES / _FAILURE_WINDOW_SECONDS / _LOCKOUT_SECONDS; 0 means Wekan's default (accounts.ts). */
	loginThrottle?: { maxFailures: number; windowSeconds: number; lockoutSeconds: number };
	/** HTTP_FORWARDED_COUNT: how many proxies' X-Forwarded-For entries the login throttle trusts (0: none). */
	httpForwardedCount?: number;
	/** Accounts.config bcryptRounds, the cost of new password hashes (Meteor's default 10; tests use less). */
	bcryptRounds?: number;
	allowLoopbackWebhooks?: boolean;
	/** How long a JSON-typed attachment upload hangs before its 408 (Wekan reads a stream the JSON parser consumed). */
	attachmentStreamTimeoutMs?: number;
	/** Attachment size cap in bytes (Wekan: 64 MiB). */
	attachmentMaxBytes?: number;
	/** The control interface (control.ts) on loopback: MongoDB operations on the server's collections. Off by default. */
	control?: boolean;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	status: number;
	userId?: string;
	/** A fault the server injected into this request, if any. */
	fault?: string;
	/** When the request arrived and when it was answered (performance.now() milliseconds). */
	receivedAt: number;
	answeredAt?: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Everything the route modules share: the database, permission checks, accounts, activities, options. */
export class Wekan {
	readonly db = new Database();
	readonly can: Permissions;
	readonly accounts: Accounts;
	readonly webhooks: Webhooks;
	readonly faults = new Faults();
	readonly log: RequestLogEntry[] = [];
	readonly options: Required<Omit<WekanServerOptions, 'rootUrl' | 'port' | 'host'>>;
	readonly ui: WekanUi;
	baseUrl = '';
	rootUrl?: string;

	constructor(options: WekanServerOptions = {}) {
		this.options = {
			apiEnabled: options.apiEnabled ?? true,
			apiDisabledStyle: options.apiDisabledStyle ?? 'forbidden',
			tokenLifetimeMs: options.tokenLifetimeMs ?? 90 * DAY,
			loginThrottle: options.loginThrottle ?? { maxFailures: 10, windowSeconds: 60, lockoutSeconds: 60 },
			httpForwardedCount: options.httpForwardedCount ?? 0,
			bcryptRounds: options.bcryptRounds ?? 10,
			allowLoopbackWebhooks: options.allowLoopbackWebhooks ?? false,
			attachmentStreamTimeoutMs: options.attachmentStreamTimeoutMs ?? 30_000,
			attachmentMaxBytes: options.attachmentMaxBytes ?? 64 * 1024 * 1024,
			control: options.control ?? false,
		};
		this.rootUrl = options.rootUrl;
		this.can = new Permissions(this.db);
		this.accounts = new Accounts(this.db, () => this.options.tokenLifetimeMs);
		this.webhooks = new Webhooks(this, { allowLoopbackWebhooks: this.options.allowLoopbackWebhooks });
		registerModels(this);
		this.ui = new WekanUi(this);
		this.accounts.configure({ bcryptRounds: () => this.options.bcryptRounds, loginThrottle: this.options.loginThrottle });
	}

	// ---- seeding, as Wekan's server code creates these documents (see models/) ----------------------------

	createUser(input: NewUser): UserDoc {
		return createUser(this, input);
	}

	createBoard(input: NewBoard): BoardDoc {
		return createBoard(this, input);
	}

	createSwimlane(boardId: string, title: string, sort?: number): SwimlaneDoc {
		return createSwimlane(this, boardId, title, sort);
	}

	createList(boardId: string, title: string, swimlaneId?: string, sort?: number): ListDoc {
		return createList(this, boardId, title, swimlaneId, sort);
	}

	/** `context.userId`: the acting user of the Meteor method that creates it, which the hooks then see. */
	createCard(input: NewCard, context: WriteContext = {}): CardDoc {
		return createCard(this, input, context);
	}

	/** Adds a member to a board with role flags (or changes an existing member's flags). */
	addBoardMember(boardId: string, userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): void {
		addBoardMember(this, boardId, userId, flags);
	}

	defaultSwimlaneId(boardId: string): string | undefined {
		return defaultSwimlaneId(this, boardId);
	}

	// ---- tokens (accounts.ts) and login throttling ----------------------------------------------------------

	issueToken(userId: string): { token: string; tokenExpires: Date } {
		return this.accounts.issueToken(userId);
	}

	userIdForToken(token: string | undefined): string | undefined {
		return this.accounts.userIdForToken(token);
	}

	revokeToken(userId: string, token?: string): number {
		return this.accounts.revokeToken(userId, token);
	}

	/** Test hook: make a token expire now, as if its days had passed. */
	expireToken(token: string): void {
		this.accounts.ageToken(token);
	}

	/** Test hook: expire every token (a server whose login expiration elapsed for everyone). */
	expireAllTokens(): void {
		this.accounts.ageAllTokens();
	}

	/** The REST login throttle (accounts.ts): the seconds a client key must still wait, or 0. */
	loginLockout(clientKey: string): number {
		const gate = this.accounts.restLoginThrottle.check(clientKey, Date.now());
		return gate.blocked ? Math.ceil(gate.retryAfterMs / 1000) : 0;
	}

	recordLoginFailure(clientKey: string): void {
		this.accounts.restLoginThrottle.recordFailure(clientKey, Date.now());
	}

	clearLoginFailures(clientKey: string): void {
		this.accounts.restLoginThrottle.clear(clientKey);
	}

	// ---- test conveniences -------------------------------------------------------------------------------

	/** Reset to an empty server (between tests that share one instance). */
	reset(): void {
		this.db.clear();
		this.accounts.reset();
		startupSettings(this);
		this.log.length = 0;
		this.webhooks.reset();
		this.faults.clear();
	}

	/** Requests seen so far that match a method and a path test (a string prefix or a RegExp). */
	requests(method?: string, path?: string | RegExp): RequestLogEntry[] {
		return this.log.filter(
			(r) =>
				(!method || r.method === method) &&
				(!path || (typeof path === 'string' ? r.path === path : path.test(r.path))),
		);
	}
}

function buildRouter(wekan: Wekan): Router {
	const router = new Router();
	// Registration order matters where Express's first match wins (attachments, board attachments). Wekan registers
	// no method and path twice, so the card routes, which earlier modules of this server also claimed (cards/labels,
	// swimlane cards, user/cards), go first, after the export and import routes, which Wekan registers before any other
	// (models/export*.js and the import routes of server/models/boards.js, server/imports.js:71-108): they win the
	// paths the board attachments route and the board's POST routes would also match.
	registerBoardExportRoutes(router, wekan);
	registerBoardImportRoutes(router, wekan);
	registerCardRoutes(router, wekan);
	registerAuthRoutes(router, wekan);
	registerUserRoutes(router, wekan);
	registerSettingsRoutes(router, wekan);
	registerBoardRoutes(router, wekan);
	registerListRoutes(router, wekan);
	registerSwimlaneRoutes(router, wekan);
	registerChecklistRoutes(router, wekan);
	registerCommentRoutes(router, wekan);
	registerCustomFieldRoutes(router, wekan);
	registerIntegrationRoutes(router, wekan);
	registerAttachmentRoutes(router, wekan);
	registerRuleRoutes(router, wekan);
	registerDependencyRoutes(router, wekan);
	return router;
}

function bearerToken(req: http.IncomingMessage, query: Record<string, string>): string | undefined {
	const header = req.headers.authorization;
	const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
	if (match) return match[1].trim();
	return query.access_token || undefined;
}

export interface RunningWekanServer {
	wekan: Wekan;
	url: string;
	port: number;
	close(): Promise<void>;
}

export async function startWekanServer(options: WekanServerOptions = {}): Promise<RunningWekanServer> {
	const wekan = new Wekan(options);
	const router = buildRouter(wekan);
	const sockets = new Set<Socket>();

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://wekan.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const entry: RequestLogEntry = { method, path, status: 0, receivedAt: performance.now() };
		wekan.log.push(entry);
		const reply = (r: Reply) => {
			entry.status = r.status;
			entry.answeredAt = performance.now();
			send(res, r);
		};

		// The match function may count requests, so it is asked only when there is a latency to add.
		const delay = wekan.faults.latencyMs && wekan.faults.matches(method, path) ? wekan.faults.delayMs() : 0;
		if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
		const fault = wekan.faults.draw(method, path);
		if (fault) entry.fault = `${fault.kind}:${fault.phase}`;
		if (fault?.phase === 'before') {
			if (applyFault(fault.kind)) return;
		}

		let raw: Buffer;
		try {
			raw = await readBody(req, 50 * 1024 * 1024 + 1024);
		} catch (error) {
			reply(error instanceof StatusError ? json(error.status, error.body) : expressErrorPage(400));
			return;
		}
		const parsed = parseBody(req.headers['content-type'], raw);
		if ('status' in parsed) {
			reply(parsed as Reply);
			return;
		}

		if (path === CONTROL_PATH && method === 'POST' && wekan.options.control && isLoopback(req.socket.remoteAddress)) {
			reply(runControl(wekan.db, parsed.body));
			return;
		}

		if (path.startsWith('/api') && !wekan.options.apiEnabled) {
			if (wekan.options.apiDisabledStyle === 'redirect') {
				reply({ status: 301, body: undefined, headers: { Location: '/' } } as Reply);
			} else {
				// server/apiMiddleware.js:30-39
				reply(
					text(
						403,
						'WeKan API is disabled, so this address answers nothing.\n\n' +
							'Exports use it too - a board or card exported to PDF, Excel, JSON, .zip\n' +
							'or CSV is a download from /api/..., so with the API off none of them can\n' +
							'work. Set the environment variable WITH_API=true and restart WeKan.\n',
					),
				);
			}
			return;
		}

		const query = Object.fromEntries(url.searchParams);
		const token = bearerToken(req, query);
		let userId = wekan.userIdForToken(token);
		// The attachment routes also accept X-User-Id + X-Auth-Token.
		if (!userId && path.startsWith('/api/attachment') && req.headers['x-auth-token']) {
			const legacy = wekan.userIdForToken(String(req.headers['x-auth-token']));
			if (legacy && legacy === req.headers['x-user-id']) userId = legacy;
		}
		entry.userId = userId;

		const found = router.match(method, path);
		if (!found) {
			reply(meteorAppShell());
			return;
		}
		const ctx: RequestContext = {
			method,
			path,
			params: found.params,
			query,
			headers: req.headers,
			body: parsed.body,
			rawBody: raw,
			bodyConsumed: parsed.consumed,
			userId,
			token: userId ? token : undefined,
			clientIp: req.socket.remoteAddress ?? '',
		};
		const result = await router.dispatch(found.route, ctx);
		if (fault?.phase === 'after') {
			if (applyFault(fault.kind)) return;
		}
		reply(result);

		function applyFault(kind: string): boolean {
			switch (kind) {
				case 'drop':
					entry.status = -1;
					req.socket.destroy();
					return true;
				case 'rateLimit':
					reply(
						json(429, { error: 'too-many-requests', reason: 'Too many requests' }, {
							'Retry-After': String(wekan.faults.retryAfterSeconds),
						}),
					);
					return true;
				case 'error':
					reply(expressErrorPage(wekan.faults.errorStatus));
					return true;
				case 'html':
					reply(meteorAppShell());
					return true;
				case 'errorBody':
					reply(
						json(200, {
							isClientSafe: true,
							error: 'internal-server-error',
							reason: 'Injected failure',
							message: 'Injected failure [internal-server-error]',
							errorType: 'Meteor.Error',
							statusCode: 500,
						}),
					);
					return true;
			}
			return false;
		}
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			// A bug in the server itself: answer like Express would, and keep serving.
			if (!res.headersSent) send(res, expressErrorPage(500));
			process.stderr.write(`wekan-server: ${(error as Error).stack ?? String(error)}\n`);
		});
	});
	server.keepAliveTimeout = 30_000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const host = options.host ?? '127.0.0.1';
	wekan.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	return {
		wekan,
		url: wekan.baseUrl,
		port,
		close: async () => {
			await wekan.webhooks.settle();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
