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
import { hashPassword, hashToken, randomId, randomToken } from './ids';
import { newMember, Permissions } from './permissions';
import { type BoardDoc, type CardDoc, type ListDoc, slugify, Store, type SwimlaneDoc, type UserDoc } from './model';
import { StatusError } from './errors';
import { Webhooks } from './webhooks';
import { registerAuthRoutes } from './routes/auth';
import { registerUserRoutes } from './routes/users';
import { registerBoardRoutes } from './routes/boards';
import { registerListRoutes } from './routes/lists';
import { registerSwimlaneRoutes } from './routes/swimlanes';
import { registerCardRoutes } from './routes/cards';
import { registerChecklistRoutes } from './routes/checklists';
import { registerCommentRoutes } from './routes/comments';
import { registerCustomFieldRoutes } from './routes/customFields';
import { registerIntegrationRoutes } from './routes/integrations';
import { registerAttachmentRoutes } from './routes/attachments';
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
	/** REST_LOGIN_MAX_FAILURES / _FAILURE_WINDOW_SECONDS / _LOCKOUT_SECONDS; set maxFailures 0 to turn off. */
	loginThrottle?: { maxFailures: number; windowSeconds: number; lockoutSeconds: number };
	allowLoopbackWebhooks?: boolean;
	webhooksFromRest?: boolean;
	/** How long a JSON-typed attachment upload hangs before its 408 (Wekan reads a stream the JSON parser consumed). */
	attachmentStreamTimeoutMs?: number;
	/** Attachment size cap in bytes (Wekan: 64 MiB). */
	attachmentMaxBytes?: number;
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

/** Everything the route modules share: documents, permission checks, activities, options. */
export class Wekan {
	readonly store = new Store();
	readonly can: Permissions;
	readonly webhooks: Webhooks;
	readonly faults = new Faults();
	readonly log: RequestLogEntry[] = [];
	readonly options: Required<Omit<WekanServerOptions, 'rootUrl' | 'port' | 'host'>>;
	readonly ui: WekanUi;
	baseUrl = '';
	rootUrl?: string;
	private readonly tokens = new Map<string, { userId: string; expires: number }>();
	private readonly loginFailures = new Map<string, { times: number[]; lockedUntil: number }>();

	constructor(options: WekanServerOptions = {}) {
		this.options = {
			apiEnabled: options.apiEnabled ?? true,
			apiDisabledStyle: options.apiDisabledStyle ?? 'forbidden',
			tokenLifetimeMs: options.tokenLifetimeMs ?? 90 * DAY,
			loginThrottle: options.loginThrottle ?? { maxFailures: 10, windowSeconds: 60, lockoutSeconds: 60 },
			allowLoopbackWebhooks: options.allowLoopbackWebhooks ?? false,
			webhooksFromRest: options.webhooksFromRest ?? false,
			attachmentStreamTimeoutMs: options.attachmentStreamTimeoutMs ?? 30_000,
			attachmentMaxBytes: options.attachmentMaxBytes ?? 64 * 1024 * 1024,
		};
		this.rootUrl = options.rootUrl;
		this.can = new Permissions(this.store);
		this.webhooks = new Webhooks(this.store, {
			allowLoopbackWebhooks: this.options.allowLoopbackWebhooks,
			webhooksFromRest: this.options.webhooksFromRest,
			rootUrl: () => this.rootUrl ?? this.baseUrl,
		});
		this.ui = new WekanUi(this);
	}

	// ---- users and tokens -------------------------------------------------------------------------------

	createUser(input: { username?: string; email?: string; password?: string; fullname?: string; isAdmin?: boolean }): UserDoc {
		const now = new Date();
		const salt = randomId(8);
		const user: UserDoc = {
			_id: randomId(),
			username: input.username ?? (input.email ? input.email.split('@')[0] : randomId(8)),
			emails: input.email ? [{ address: input.email, verified: false }] : [],
			profile: { fullname: input.fullname, language: 'en' },
			// Wekan makes the first user a site admin.
			isAdmin: input.isAdmin ?? this.store.users.size === 0,
			loginDisabled: false,
			authenticationMethod: input.password === undefined ? 'ldap' : 'password',
			createdAt: now,
			modifiedAt: now,
			services: {
				password: input.password === undefined ? undefined : { salt, hash: hashPassword(input.password, salt) },
				resume: { loginTokens: [] },
			},
		};
		this.store.users.insert(user);
		this.createTemplatesBoard(user);
		return user;
	}

	/** Each user gets a hidden templates board, which the boards list leaves out (wekan #5582). */
	private createTemplatesBoard(user: UserDoc): void {
		const board = this.createBoard({ title: 'Templates', ownerId: user._id, type: 'template-container' });
		board.permission = 'private';
	}

	checkPassword(user: UserDoc, password: string): boolean {
		const stored = user.services.password;
		return !!stored && stored.hash === hashPassword(password, stored.salt);
	}

	/** Issues a resume token; every login adds one and none is replaced (wekan #1437). */
	issueToken(userId: string): { token: string; tokenExpires: Date } {
		const token = randomToken();
		const when = new Date();
		const hashed = hashToken(token);
		this.store.users.get(userId)?.services.resume.loginTokens.push({ hashedToken: hashed, when });
		const expires = when.getTime() + this.options.tokenLifetimeMs;
		this.tokens.set(hashed, { userId, expires });
		return { token, tokenExpires: new Date(expires) };
	}

	userIdForToken(token: string | undefined): string | undefined {
		if (!token) return undefined;
		const hashed = hashToken(token);
		const entry = this.tokens.get(hashed);
		if (!entry) return undefined;
		// The middleware does not check expiry; Meteor's expiry job deletes expired tokens, which then fail.
		if (entry.expires <= Date.now()) {
			this.revokeToken(entry.userId, token);
			return undefined;
		}
		return entry.userId;
	}

	revokeToken(userId: string, token?: string): number {
		const user = this.store.users.get(userId);
		const hashed = token === undefined ? undefined : hashToken(token);
		let removed = 0;
		for (const [key, entry] of this.tokens) {
			if (entry.userId === userId && (hashed === undefined || key === hashed)) {
				this.tokens.delete(key);
				removed++;
			}
		}
		if (user) {
			user.services.resume.loginTokens = user.services.resume.loginTokens.filter(
				(t) => hashed !== undefined && t.hashedToken !== hashed,
			);
		}
		return removed;
	}

	/** Test hook: make a token expire now, as if its 90 days had passed. */
	expireToken(token: string): void {
		const entry = this.tokens.get(hashToken(token));
		if (entry) entry.expires = Date.now() - 1;
	}

	/** Test hook: expire every token (a server whose login expiration elapsed for everyone). */
	expireAllTokens(): void {
		for (const entry of this.tokens.values()) entry.expires = Date.now() - 1;
	}

	/** Login throttling (since v10.59): true while the client is locked out; the seconds to wait otherwise 0. */
	loginLockout(ip: string): number {
		const state = this.loginFailures.get(ip);
		if (!state) return 0;
		const wait = state.lockedUntil - Date.now();
		return wait > 0 ? Math.ceil(wait / 1000) : 0;
	}

	recordLoginFailure(ip: string): void {
		const { maxFailures, windowSeconds, lockoutSeconds } = this.options.loginThrottle;
		if (!maxFailures) return;
		const now = Date.now();
		const state = this.loginFailures.get(ip) ?? { times: [], lockedUntil: 0 };
		state.times = state.times.filter((t) => now - t < windowSeconds * 1000);
		state.times.push(now);
		if (state.times.length >= maxFailures) {
			state.lockedUntil = now + lockoutSeconds * 1000;
			state.times = [];
		}
		this.loginFailures.set(ip, state);
	}

	clearLoginFailures(ip: string): void {
		this.loginFailures.delete(ip);
	}

	/** The user document as the API returns it: without `services` (and, since v10.92, `sessionData`). */
	publicUser(user: UserDoc): Record<string, unknown> {
		const { services: _services, ...rest } = user;
		return { ...rest, boards: this.membershipsOf(user._id) };
	}

	membershipsOf(userId: string): Array<Record<string, unknown>> {
		return this.store.boards
			.find((b) => b.members.some((m) => m.userId === userId))
			.map((b) => {
				const { userId: _u, ...flags } = b.members.find((m) => m.userId === userId)!;
				return { boardId: b._id, ...flags };
			});
	}

	findUserByIdOrName(idOrName: string): UserDoc | undefined {
		return this.store.users.get(idOrName) ?? this.store.users.findOne((u) => u.username === idOrName);
	}

	// ---- boards, lists, swimlanes -------------------------------------------------------------------------

	createBoard(input: { title: string; ownerId: string; permission?: 'public' | 'private'; color?: string; type?: string }): BoardDoc {
		const now = new Date();
		const board: BoardDoc = {
			_id: randomId(),
			title: input.title,
			slug: slugify(input.title),
			archived: false,
			createdAt: now,
			modifiedAt: now,
			permission: input.permission ?? 'private',
			color: input.color ?? 'belize',
			labels: [],
			members: [newMember(input.ownerId, { isAdmin: true })],
			type: input.type ?? 'board',
			sort: this.store.boards.size,
			allowsAttachments: true,
			allowsComments: true,
			allowsLabels: true,
			allowsChecklists: true,
			allowsDescriptionText: true,
			allowsCardNumber: false,
			allowsSubtasks: true,
			subtasksDefaultBoardId: null,
			subtasksDefaultListId: null,
			stars: 0,
			watchers: [],
			description: '',
		};
		this.store.boards.insert(board);
		this.createSwimlane(board._id, 'Default');
		return board;
	}

	defaultSwimlaneId(boardId: string): string | undefined {
		return this.store.swimlanes
			.find((s) => s.boardId === boardId && !s.archived)
			.sort((a, b) => a.sort - b.sort)[0]?._id;
	}

	createSwimlane(boardId: string, title: string, sort?: number): SwimlaneDoc {
		const now = new Date();
		const existing = this.store.swimlanes.find((s) => s.boardId === boardId);
		const swimlane: SwimlaneDoc = {
			_id: randomId(),
			title,
			archived: false,
			boardId,
			createdAt: now,
			sort: sort ?? (existing.length ? Math.max(...existing.map((s) => s.sort)) + 1 : 0),
			updatedAt: now,
			modifiedAt: now,
			type: 'swimlane',
		};
		return this.store.swimlanes.insert(swimlane);
	}

	createList(boardId: string, title: string, swimlaneId?: string, sort?: number): ListDoc {
		const now = new Date();
		const list: ListDoc = {
			_id: randomId(),
			title,
			starred: false,
			archived: false,
			boardId,
			swimlaneId: swimlaneId ?? this.defaultSwimlaneId(boardId) ?? '',
			createdAt: now,
			sort,
			updatedAt: now,
			modifiedAt: now,
			wipLimit: { value: 1, enabled: false, soft: false },
			type: 'list',
		};
		return this.store.lists.insert(list);
	}

	/** Cards of a list that the list-scoped routes show: not archived, sorted by `sort`. */
	cardsOfList(listId: string): CardDoc[] {
		return this.store.cards.find((c) => c.listId === listId && !c.archived).sort((a, b) => a.sort - b.sort);
	}

	/** Hard delete of a card with what hangs off it (checklists, items, comments, attachments, subcards). */
	deleteCardDeep(cardId: string): void {
		const card = this.store.cards.get(cardId);
		if (!card) return;
		this.store.cards.remove(cardId);
		this.store.checklists.removeWhere((c) => c.cardId === cardId);
		this.store.checklistItems.removeWhere((i) => i.cardId === cardId);
		this.store.comments.removeWhere((c) => c.cardId === cardId);
		this.store.attachments.removeWhere((a) => a.cardId === cardId);
		const list = this.store.lists.get(card.listId);
		if (list) list.cardsModifiedAt = new Date();
		for (const child of this.store.cards.find((c) => c.parentId === cardId)) this.deleteCardDeep(child._id);
	}

	// ---- test conveniences -------------------------------------------------------------------------------

	/** Reset to an empty server (between tests that share one instance). */
	reset(): void {
		for (const key of Object.keys(this.store) as Array<keyof Store>) {
			const value = this.store[key] as unknown;
			if (value && typeof value === 'object' && 'clear' in value && typeof (value as { clear: unknown }).clear === 'function') {
				(value as { clear: () => void }).clear();
			}
		}
		this.store.settings.disableNotifications = false;
		this.store.settings.disableRegistration = false;
		this.tokens.clear();
		this.loginFailures.clear();
		this.log.length = 0;
		this.webhooks.deliveries.length = 0;
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
	// Registration order matters where Express's first match wins (attachments, board attachments).
	registerAuthRoutes(router, wekan);
	registerUserRoutes(router, wekan);
	registerBoardRoutes(router, wekan);
	registerListRoutes(router, wekan);
	registerSwimlaneRoutes(router, wekan);
	registerCardRoutes(router, wekan);
	registerChecklistRoutes(router, wekan);
	registerCommentRoutes(router, wekan);
	registerCustomFieldRoutes(router, wekan);
	registerIntegrationRoutes(router, wekan);
	registerAttachmentRoutes(router, wekan);
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

		if (path.startsWith('/api') && !wekan.options.apiEnabled) {
			if (wekan.options.apiDisabledStyle === 'redirect') {
				reply({ status: 301, body: undefined, headers: { Location: '/' } } as Reply);
			} else {
				reply(text(403, 'WeKan API is disabled. Set WITH_API=true to enable it.'));
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
