/**
 * Recognises Wekan's failure shapes (HTTP 200 with a serialised error, Express HTML pages, `{error}` with a
 * status, empty 200s, the API gate) and turns each into an error that says what happened and what to do.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** The permission levels of Wekan's REST routes, used to say who may do what when Wekan answers 403. */
export type WekanPermission = 'login' | 'site-admin' | 'board-read' | 'board-write' | 'board-admin' | 'comment';

const PERMISSION_HINTS: Record<WekanPermission, string> = {
	login: 'Check the credential: Wekan did not recognise the login.',
	'site-admin': 'This operation needs a Wekan site admin (a user with Admin Panel rights). Use a credential of an admin user.',
	// server/authentication.js:50-56 (checkBoardAccess).
	'board-read':
		'This needs read access to the board: an active member who is not comment-only, worker or no-comments, or a site admin. Comment-only and worker members cannot use Wekan\'s read API.',
	// models/lib/boardRoleCapabilities.js:57-78, the `write` and `comment` columns.
	'board-write':
		'This needs write access to the board: a board admin, a normal member (also one who sees only assigned cards) or a no-comments member, or a site admin. Comment-only, worker and read-only members cannot change it.',
	'board-admin': 'This needs a board admin of this board (or a site admin). Ask a board admin to make this user an admin, or use their credential.',
	comment: 'This needs a board role that may comment (not no-comments, read-only or read-only on assigned cards).',
};

export type ResponseExpectation =
	/** A JSON object: a document or a write result. An empty 200 means "not found". */
	| 'object'
	/** A JSON array. */
	| 'array'
	/** A bare JSON string, such as the id Wekan returns for a new label or a board copy. */
	| 'string'
	/** Any JSON value (numbers, `{}`), checked only for Wekan's error shapes. */
	| 'any';

export interface ErrorContext {
	permission?: WekanPermission;
	/** The operation's words for "not found". */
	notFound?: string;
	/** The operation's words for a 403 that is not about the user's role. */
	forbidden?: string;
}

export interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export type Failure =
	| { kind: 'unauthorized'; status: number; reason: string }
	| { kind: 'rate-limited'; status: number; reason: string; retryAfterSeconds?: number }
	| { kind: 'transient'; status: number; reason: string }
	| { kind: 'final'; status: number; reason: string; description: string };

function header(headers: IDataObject, name: string): string {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return value === undefined ? '' : String(value);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeHtml(body: unknown): body is string {
	return typeof body === 'string' && /^\s*</.test(body);
}

/** The `<pre>` text of an Express error page, or a short cut of other text. */
function pageText(body: string): string {
	const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(body);
	if (pre) return pre[1].replace(/<br\s*\/?>/gi, ' ').trim().slice(0, 300);
	return body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

/** Wekan's serialised Meteor.Error, which it sends with HTTP 200 from many routes. */
function meteorError(body: unknown): { status: number; reason: string } | undefined {
	if (!isObject(body)) return undefined;
	if (body.errorType !== 'Meteor.Error' && !(typeof body.statusCode === 'number' && 'error' in body)) return undefined;
	const status =
		typeof body.statusCode === 'number' ? body.statusCode : typeof body.error === 'number' ? body.error : 500;
	const reason = String(body.reason ?? body.error ?? body.message ?? 'Unknown Wekan error');
	return { status, reason };
}

/**
 * What a style-A route (`catch (error) { sendJsonResult(res, { code: 200, data: error }) }`) answers for an error
 * that is not a Meteor.Error, as HTTP 200:
 * - check()'s Match.Error, serialised with its own fields (`errorType: 'Match.Error'`, `message: 'Match error: …'`);
 * - collection2's validation error, which is circular, so safeJsonStringify sends only `{"error": "<message> in
 *   <collection> <insertAsync|updateAsync>"}` (server/lib/apiResponseHelpers.js:57-64, collection2 main.js:748-753);
 * - any other object naming an `error` without the `_id` of a result, and the attachment routes' `success: false`.
 * No route's success shape is one of these.
 */
function refusalIn(body: unknown, context: ErrorContext): Failure | undefined {
	if (!isObject(body)) return undefined;
	if (body.errorType === 'Match.Error') {
		const text = String(body.message ?? '').replace(/^Match error:\s*/, '') || 'Match failed';
		return {
			kind: 'final',
			status: 400,
			reason: `Wekan rejected the request: ${text}`,
			description:
				'Wekan checks the fields of this request before doing anything, so nothing was changed. Check the field named in the message: it is missing, not allowed, or of the wrong type.',
		};
	}
	// The attachment routes' failure shape, {success: false, error}.
	if (body.success === false) return failureForStatus(400, wekanReason(body), context);
	if ('_id' in body) return undefined;
	if (typeof body.error === 'string' && Object.keys(body).length === 1) {
		return (
			schemaRefusal(body.error, 200) ?? {
				kind: 'final',
				status: 400,
				reason: `Wekan refused the request: ${body.error || 'invalid input'}`,
				description: 'Wekan reported an error with HTTP 200. Check the values named in the message and run the item again.',
			}
		);
	}
	if ('error' in body) return failureForStatus(400, wekanReason(body), context);
	return undefined;
}

/**
 * collection2's message for a write its schema refused: "<message> in <collection> <insertAsync|updateAsync>".
 * `status` is the HTTP status Wekan answered with; a refusal sent as 200 is reported as a 400.
 */
function schemaRefusal(text: unknown, status: number): Failure | undefined {
	if (typeof text !== 'string') return undefined;
	const schema = / in (\S+) (?:insert|update|upsert)(?:Async)?$/.exec(text);
	if (!schema) return undefined;
	const as200 = status < 300;
	return {
		kind: 'final',
		status: as200 ? 400 : status,
		reason: `Wekan refused the value: ${text.slice(0, schema.index) || 'invalid input'}`,
		description: `Wekan's ${schema[1]} schema rejected what was sent${as200 ? ' (Wekan reports this with HTTP 200 and an error body)' : ''}, so that change was not saved. Correct the value named in the message and run the item again.`,
	};
}

function wekanReason(body: unknown): string {
	if (isObject(body)) {
		const text = body.reason ?? body.error ?? body.message;
		if (text !== undefined && text !== null && text !== '') return String(text);
		return '';
	}
	if (typeof body === 'string') return looksLikeHtml(body) ? pageText(body) : String(body).slice(0, 300);
	return '';
}

/**
 * Decides whether a response is a success. Returns the failure when it is not.
 * `notFound` says, in the operation's words, what was missing ("No card with ID x").
 */
export function classifyResponse(
	response: FullResponse,
	expect: ResponseExpectation,
	context: ErrorContext,
): Failure | undefined {
	const { statusCode: status, body, headers } = response;
	const contentType = header(headers, 'content-type');
	const reason = wekanReason(body);

	if (status >= 200 && status < 300) {
		const styleA = meteorError(body);
		if (styleA) return failureForStatus(styleA.status, styleA.reason, context);
		const refused = refusalIn(body, context);
		if (refused) return refused;
		if (body === undefined || body === null || body === '') {
			if (expect === 'any') return undefined;
			return notFound(context, status);
		}
		if (looksLikeHtml(body) || (typeof body === 'string' && !/json/i.test(contentType))) {
			return {
				kind: 'final',
				status,
				reason: 'Wekan answered with a web page instead of JSON',
				description:
					'The server did not handle this API route. Either this Wekan version is older than the endpoint (the operation\'s notes say which version it needs), or the credential\'s URL points at something other than Wekan.',
			};
		}
		switch (expect) {
			case 'array':
				// The same caught TypeError on a missing document, from a route that answers a list otherwise.
				if (isObject(body) && Object.keys(body).length === 0) return notFound(context, status);
				if (!Array.isArray(body)) return unexpected(status, 'a list');
				return undefined;
			case 'object':
				if (!isObject(body)) return unexpected(status, 'an object');
				// A handler that caught a TypeError on a missing document serialises it as {}.
				if (Object.keys(body).length === 0) return notFound(context, status);
				return undefined;
			case 'string':
				if (typeof body !== 'string') return unexpected(status, 'an ID');
				return undefined;
			case 'any':
				return undefined;
		}
	}

	if (status >= 300 && status < 400) {
		return {
			kind: 'final',
			status,
			reason: 'The Wekan REST API is disabled on this server',
			description: 'Older Wekan versions redirect /api to the home page when WITH_API is off. An admin must start Wekan with WITH_API=true.',
		};
	}
	if (status === 403 && /text\/plain/i.test(contentType) && /api is disabled/i.test(String(body))) {
		return {
			kind: 'final',
			status,
			reason: 'The Wekan REST API is disabled on this server',
			description: 'An admin must start Wekan with WITH_API=true.',
		};
	}
	if (status === 429) {
		const retryAfter = Number(header(headers, 'retry-after'));
		return {
			kind: 'rate-limited',
			status,
			reason: reason || 'Too many requests',
			retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
		};
	}
	if (status === 502 || status === 503 || status === 504) {
		return { kind: 'transient', status, reason: reason || `HTTP ${status}` };
	}
	// The rules and dependencies routes send a refused write's error with its status (500 when it has none).
	if (status !== 401 && isObject(body)) {
		const refused = schemaRefusal(body.error, status);
		if (refused) return refused;
	}
	return failureForStatus(status, reason, context);
}

function unexpected(status: number, what: string): Failure {
	return {
		kind: 'final',
		status,
		reason: `Wekan answered with something other than ${what}`,
		description: 'The response did not have the shape this Wekan API route returns. Check that the credential points at a Wekan server of version 9.36 or later.',
	};
}

function notFound(context: { notFound?: string }, status: number): Failure {
	return {
		kind: 'final',
		status: status === 200 ? 404 : status,
		reason: context.notFound ?? 'Not found',
		description: 'Wekan found nothing with this ID. Check the ID, that the object is not archived or deleted, and that it belongs to the board (and list) given.',
	};
}

function failureForStatus(status: number, reason: string, context: ErrorContext): Failure {
	switch (status) {
		case 401:
			return { kind: 'unauthorized', status, reason: reason || 'Unauthorized' };
		case 403:
			return {
				kind: 'final',
				status,
				reason: context.forbidden ?? `Wekan refused: ${reason || 'Forbidden'}`,
				description: context.forbidden
					? 'Ask a Wekan admin whether this should be allowed.'
					: PERMISSION_HINTS[context.permission ?? 'board-read'],
			};
		case 404:
			return {
				kind: 'final',
				status,
				reason: context.notFound ? `${context.notFound}${reason && !/^(Error|Not Found)$/i.test(reason) ? ` (${reason})` : ''}` : reason || 'Not found',
				description: 'Check the IDs: Wekan found no such object, or it is not on the board or list given.',
			};
		case 400:
			return {
				kind: 'final',
				status,
				reason: `Wekan rejected the request: ${reason || 'Bad Request'}`,
				description: 'Wekan said the input is invalid. Check the values named in the message.',
			};
		case 408:
			return {
				kind: 'final',
				status,
				reason: `Wekan timed out reading the request${reason ? `: ${reason}` : ''}`,
				description: 'The request body did not reach Wekan in time. Try again; for large attachments check proxy limits.',
			};
		case 413:
			return {
				kind: 'final',
				status,
				reason: `Too large for Wekan${reason ? `: ${reason}` : ''}`,
				description: 'Wekan limits attachments to 64 MiB by default (an admin can lower it).',
			};
		case 500:
			return {
				kind: 'final',
				status,
				reason: `Wekan failed with an internal error${reason && reason !== 'Internal Server Error' ? `: ${reason}` : ''}`,
				description:
					context.notFound
						? `${context.notFound}? Wekan answers 500 when a card, checklist or custom field does not exist, or when a required field is missing.`
						: 'Wekan answers 500 when an object does not exist or a required field is missing. Check the IDs and required fields.',
			};
		default:
			return {
				kind: 'final',
				status,
				reason: `Wekan answered HTTP ${status}${reason ? `: ${reason}` : ''}`,
				description: 'See the Wekan server log for details.',
			};
	}
}

/**
 * An n8n error for a Wekan failure; carries only the status and Wekan's reason, never the request.
 * `repeatable` says whether the request was one that is retried (so a transient failure outlasted the retries).
 */
export function toNodeApiError(node: INode, failure: Failure, itemIndex?: number, repeatable = false): NodeApiError {
	const description =
		failure.kind === 'final'
			? failure.description
			: failure.kind === 'unauthorized'
				? 'Wekan did not accept the login even after logging in again. Check the credential (URL, user, password or token).'
				: failure.kind === 'rate-limited'
					? 'Wekan (or a proxy in front of it) is limiting requests. Try again later or process fewer items at once.'
					: repeatable
						? 'Wekan or a proxy in front of it is unavailable, also after several retries. Check that Wekan is running, then try again.'
						: 'Wekan or a proxy in front of it is unavailable. The request was not repeated because repeating it could create a duplicate.';
	const message = failure.kind === 'unauthorized' ? `Wekan rejected the credential: ${failure.reason}` : failure.reason;
	return new NodeApiError(node, { status: failure.status, reason: failure.reason } as JsonObject, {
		message,
		description,
		httpCode: String(failure.status),
		itemIndex,
	});
}
