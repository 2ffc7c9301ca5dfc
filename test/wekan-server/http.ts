/**
 * A small router shaped like Wekan's Express stack: body parsers on every path, the /api gate, Bearer parsing,
 * then route handlers that answer in one of Wekan's error styles (wekan-api.md §1.1, §1.6).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SchemaValidationError } from './db/schema';
import { MeteorError, StatusError } from './errors';

/**
 * 'statusData': `catch (error) { sendJsonResult(res, { code: error.statusCode || 500, data: error }) }`, the style of
 * the rules and dependencies routes (server/models/rules.js, server/models/dependencies.js): the error's statusCode
 * (else 500) with the serialised error as the body.
 */
export type ErrorStyle = 'A' | 'B' | 'C' | 'attachment' | 'statusData';

export interface RequestContext {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: Record<string, unknown>;
	/** The body as it arrived; the attachment upload reads it itself, as Wekan's handler reads the stream. */
	rawBody: Buffer;
	/** True when a body parser consumed the stream (JSON or form), so a handler reading the raw stream would hang. */
	bodyConsumed: boolean;
	userId?: string;
	/** The plain token of this request, for logout. */
	token?: string;
	clientIp: string;
}

/** An explicit response; a handler may also return plain data (sent as 200 JSON) or undefined (empty 200). */
export class Reply {
	constructor(
		readonly status: number,
		readonly body: string | Buffer | undefined,
		readonly headers: Record<string, string> = {},
	) {}
}

export const json = (status: number, data: unknown, headers: Record<string, string> = {}) =>
	new Reply(status, data === undefined ? undefined : JSON.stringify(data), {
		'Content-Type': 'application/json',
		...headers,
	});
export const empty = (status: number) => new Reply(status, undefined);

/**
 * safeJsonStringify (server/lib/apiResponseHelpers.js:57-64): JSON.stringify, or `{"error": <message>}` when the
 * value cannot be serialised (collection2's circular ValidationError, #5804).
 */
export function safeJsonStringify(data: unknown): string {
	try {
		return JSON.stringify(data);
	} catch {
		const value = data as { reason?: unknown; message?: unknown; error?: unknown } | null | undefined;
		const message = typeof data === 'string' ? data : (value?.reason || value?.message || value?.error);
		return JSON.stringify({ error: typeof message === 'string' && message ? message : String(data) });
	}
}

/**
 * sendJsonResult (server/apiMiddleware.js:96-124): Cache-Control no-store and Pragma no-cache on every answer, the
 * status, and a JSON body with its Content-Type only when there is data.
 */
export function sendJsonResult(code = 200, data?: unknown): Reply {
	const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
	if (data === undefined) return new Reply(code, undefined, headers);
	return new Reply(code, safeJsonStringify(data), { ...headers, 'Content-Type': 'application/json' });
}
export const text = (status: number, body: string) => new Reply(status, body, { 'Content-Type': 'text/plain; charset=utf-8' });

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	408: 'Request Timeout',
	413: 'Payload Too Large',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

/** Express 5's default error page in production (finalhandler). */
export function expressErrorPage(status: number): Reply {
	const message = STATUS_TEXT[status] ?? 'Error';
	const page =
		'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
		`<pre>${message}</pre>\n</body>\n</html>\n`;
	return new Reply(status, page, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': "default-src 'none'",
		'X-Content-Type-Options': 'nosniff',
	});
}

/** What Meteor's web app answers for any path no route claims: its HTML shell, status 200. */
export function meteorAppShell(): Reply {
	return new Reply(
		200,
		'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>WeKan</title>\n</head>\n<body>\n</body>\n</html>\n',
		{ 'Content-Type': 'text/html; charset=utf-8' },
	);
}

/** Turns an error that escaped a handler into the response its route's style gives. */
export function replyForError(style: ErrorStyle, error: unknown): Reply {
	if (error instanceof StatusError) return json(error.status, error.body);
	switch (style) {
		case 'A':
			// catch (error) { sendJsonResult(res, { code: 200, data: error }) }
			// collection2's validation error is circular, so safeJsonStringify falls back to {error: <message>}
			// (server/lib/apiResponseHelpers.js:28-45, :57-64).
			if (error instanceof SchemaValidationError) return json(200, { error: error.message });
			return json(200, error instanceof MeteorError ? error.toJSON() : {});
		case 'B': {
			const status = error instanceof MeteorError ? error.statusCode : undefined;
			return expressErrorPage(status && status >= 400 && status < 600 ? status : 500);
		}
		case 'C': {
			const status = (error instanceof MeteorError && error.statusCode) || 500;
			const reason = error instanceof MeteorError ? (error.reason ?? String(error.error)) : (error as Error).message;
			return json(status, { error: reason });
		}
		case 'statusData': {
			// res.statusCode = error.statusCode || 500 (server/apiMiddleware.js:108). The body is safeJsonStringify of the
			// error (server/lib/apiResponseHelpers.js:57-64): a Meteor.Error's fields, `{}` for a TypeError, and for
			// collection2's circular ValidationError the fallback {error: <message>}.
			const code = (error as { statusCode?: unknown } | null)?.statusCode;
			const status = typeof code === 'number' && code ? code : 500;
			const headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
			if (error instanceof SchemaValidationError) return json(status, { error: error.message }, headers);
			return json(status, error, headers);
		}
		case 'attachment': {
			const status = (error instanceof MeteorError && error.statusCode) || 500;
			const reason = error instanceof MeteorError ? (error.reason ?? String(error.error)) : (error as Error).message;
			return json(status, { success: false, error: reason });
		}
	}
}

export type Handler = (ctx: RequestContext) => unknown | Promise<unknown>;

interface Route {
	method: string;
	segments: string[];
	style: ErrorStyle;
	handler: Handler;
	/** Express `app.use` prefix matching: the route also claims every longer path (wekan-api.md §2.11). */
	prefix: boolean;
}

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, style: ErrorStyle, handler: Handler, options: { prefix?: boolean } = {}) {
		this.routes.push({
			method,
			segments: pattern.split('/').filter(Boolean),
			style,
			handler,
			prefix: options.prefix ?? false,
		});
	}

	get(pattern: string, style: ErrorStyle, handler: Handler) {
		this.add('GET', pattern, style, handler);
	}
	post(pattern: string, style: ErrorStyle, handler: Handler) {
		this.add('POST', pattern, style, handler);
	}
	put(pattern: string, style: ErrorStyle, handler: Handler) {
		this.add('PUT', pattern, style, handler);
	}
	delete(pattern: string, style: ErrorStyle, handler: Handler) {
		this.add('DELETE', pattern, style, handler);
	}

	/** First registered route wins, as in Express. */
	match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
		const parts = path.split('/').filter(Boolean);
		for (const route of this.routes) {
			if (route.method !== method) continue;
			if (route.prefix ? parts.length < route.segments.length : parts.length !== route.segments.length) continue;
			const params: Record<string, string> = {};
			let ok = true;
			for (let i = 0; i < route.segments.length; i++) {
				const segment = route.segments[i];
				if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(parts[i]);
				else if (segment !== parts[i]) {
					ok = false;
					break;
				}
			}
			if (ok) return { route, params };
		}
		return undefined;
	}

	async dispatch(route: Route, ctx: RequestContext): Promise<Reply> {
		try {
			const result = await route.handler(ctx);
			if (result instanceof Reply) return result;
			// sendJsonResult({ code: 200, data }) with data undefined writes no body and no Content-Type (style D).
			return sendJsonResult(200, result);
		} catch (error) {
			// Style A is sendJsonResult(res, { code: 200, data: error }): its headers, and whatever JSON.stringify makes
			// of the error (a Match.Error's own fields, `{}` for a TypeError, `{error}` for a circular one).
			if (route.style === 'A' && !(error instanceof StatusError)) return sendJsonResult(200, error);
			return replyForError(route.style, error);
		}
	}
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new StatusError(413, { error: 'request entity too large' }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * bodyParser.json and bodyParser.urlencoded({ extended: false }): JSON when the type says so, flat strings
 * for forms (repeated keys become arrays), nothing otherwise. Malformed JSON is Express's 400 page.
 */
export function parseBody(
	contentType: string | undefined,
	raw: Buffer,
): { body: Record<string, unknown>; consumed: boolean } | Reply {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || type.endsWith('+json')) {
		if (raw.length === 0) return { body: {}, consumed: true };
		try {
			const parsed = JSON.parse(raw.toString('utf8'));
			// body-parser's strict mode accepts only objects and arrays.
			if (parsed === null || typeof parsed !== 'object') return expressErrorPage(400);
			return { body: parsed as Record<string, unknown>, consumed: true };
		} catch {
			return expressErrorPage(400);
		}
	}
	if (type === 'application/x-www-form-urlencoded') {
		const body: Record<string, unknown> = {};
		for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
			const existing = body[key];
			if (existing === undefined) body[key] = value;
			else if (Array.isArray(existing)) existing.push(value);
			else body[key] = [existing, value];
		}
		return { body, consumed: true };
	}
	return { body: {}, consumed: false };
}

export function send(res: ServerResponse, reply: Reply): void {
	if (res.headersSent || res.destroyed) return;
	const headers: Record<string, string | number> = { ...reply.headers };
	if (reply.body !== undefined) headers['Content-Length'] = Buffer.byteLength(reply.body);
	else headers['Content-Length'] = 0;
	res.writeHead(reply.status, headers);
	res.end(reply.body);
}
