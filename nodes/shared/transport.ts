/**
 * The one way this package talks to Wekan. Every operation, dropdown and trigger goes through `wekanRequest`,
 * which owns the base URL, the session token (through n8n's credential pre-authentication), Wekan's failure
 * shapes, `Retry-After`, and the rule that only requests safe to repeat are ever repeated.
 */
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { displayUrl, normalizeBaseUrl } from './baseUrl';
import {
	classifyResponse,
	type Failure,
	type FullResponse,
	type ResponseExpectation,
	toNodeApiError,
	type WekanPermission,
} from './wekanErrors';

export const CREDENTIAL_TYPE = 'wekanRestApi';

export type WekanContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions
	| ITriggerFunctions;

export interface WekanRequest {
	method: IHttpRequestMethods;
	/** A path under the Wekan URL, e.g. `/api/boards/abc`. Ids in it must already be encoded. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	/** What a successful answer looks like; anything else is an error. Default: an object. */
	expect?: ResponseExpectation;
	/**
	 * Whether the request may be sent again after a network error or a 502/503/504. GET, PUT and DELETE are by
	 * default; POST is not, since a lost answer to a create says nothing about whether Wekan created it.
	 */
	idempotent?: boolean;
	/** The route's permission level, to explain a 403. */
	permission?: WekanPermission;
	/** The operation's words for "not found", e.g. `No card with ID x`. */
	notFound?: string;
	/** The operation's words for a 403 that is not about the user's board role. */
	forbidden?: string;
	/** Send the JSON body as text/plain (Wekan's attachment routes read the raw stream). */
	bodyAsText?: boolean;
	/**
	 * The answer is a file (an export): a successful answer is returned whole as a BinaryResponse, its body as
	 * bytes; a failure is decoded as text or JSON and judged like any other.
	 */
	binary?: boolean;
	/** Sees the headers of the successful answer (a trigger reads Wekan's clock from its Date header). */
	onHeaders?: (headers: IDataObject) => void;
	itemIndex?: number;
}

/** A successful answer of a `binary` request. */
export interface BinaryResponse {
	statusCode: number;
	headers: IDataObject;
	body: Buffer;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(body === undefined || body === null ? '' : JSON.stringify(body), 'utf8');
}

/** A binary request's answer as the error judging expects it: JSON when it parses, else text. */
function decodedForJudging(response: FullResponse): FullResponse {
	const text = toBuffer(response.body).toString('utf8');
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : '';
	} catch {
		// Not JSON: judged as text.
	}
	return { ...response, body };
}

/** How many times a retryable failure is tried again, and the longest Retry-After honoured. */
const MAX_RETRIES = 3;
const MAX_RETRY_AFTER_SECONDS = 30;
const BACKOFF_MS = [250, 1000, 3000];

const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

function networkCode(error: unknown): string | undefined {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause ?? error;
	const code = (cause as { code?: unknown }).code;
	if (typeof code === 'string') return code;
	if (/socket hang up/i.test(String((cause as { message?: unknown }).message))) return 'ECONNRESET';
	return undefined;
}

/**
 * The credential, read once per execution context: n8n decrypts it on every read. n8n's login writes the new session
 * into this same object (it is handed to n8n with each request), so later requests of the run see it.
 */
const credentialReads = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

function credentialsOf(context: WekanContext): Promise<ICredentialDataDecryptedObject> {
	let read = credentialReads.get(context);
	if (!read) {
		read = context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
		credentialReads.set(context, read);
		read.catch(() => credentialReads.delete(context));
	}
	return read;
}

/** Whether the credential holds a session already (n8n logs in on a request only without one). */
export async function hasSession(context: WekanContext): Promise<boolean> {
	try {
		const credentials = await credentialsOf(context);
		return typeof credentials.sessionToken === 'string' && credentials.sessionToken !== '';
	} catch {
		// The request itself reports what is wrong with the credential.
		return false;
	}
}

/** Hands n8n the credential already read, so it is not decrypted a second time for the request. */
function withCredential(context: WekanContext, data: ICredentialDataDecryptedObject): IAdditionalCredentialOptions {
	const details = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return { credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: CREDENTIAL_TYPE, data } };
}

/** The Wekan base URL of the credential, checked. */
export async function wekanBaseUrl(this: WekanContext): Promise<string> {
	const credentials = await credentialsOf(this);
	return checkedBaseUrl(this, credentials.url);
}

function checkedBaseUrl(context: WekanContext, url: unknown): string {
	const base = normalizeBaseUrl(url);
	if (!/^https?:\/\/[^/]+/i.test(base)) {
		throw new NodeOperationError(context.getNode(), 'The Wekan URL in the credential must start with http:// or https://', {
			description: 'Open the credential and enter the address you open Wekan at, e.g. https://wekan.example.com.',
		});
	}
	return base;
}

/** The renewal in progress per credential, so that items failing at the same time log in once between them. */
const renewals = new WeakMap<object, Promise<void>>();

function renewOnce(this: WekanContext, base: string, credentials: ICredentialDataDecryptedObject, itemIndex?: number): Promise<void> {
	let renewal = renewals.get(credentials);
	if (!renewal) {
		renewal = refreshSession.call(this, base, credentials, itemIndex).finally(() => renewals.delete(credentials));
		renewals.set(credentials, renewal);
	}
	return renewal;
}

/**
 * Makes n8n log in again. Wekan reports a bad token in some routes as HTTP 200 with an error body, which n8n's own
 * 401 handling cannot see; this asks a route that answers a real 401 for a bad token, so n8n refreshes the stored
 * session (once) and the caller can repeat its request.
 */
async function refreshSession(
	this: WekanContext,
	base: string,
	credentials: ICredentialDataDecryptedObject,
	itemIndex?: number,
): Promise<void> {
	try {
		await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			{
				method: 'GET',
				url: `${base}/api/user/cards`,
				// A date far ahead keeps the answer empty whatever cards the user has.
				qs: { due: 'true', from: '9999-12-31T00:00:00.000Z' },
				json: true,
				skipSslCertificateValidation: credentials.ignoreSslIssues === true,
			},
			withCredential(this, credentials),
		);
	} catch (error) {
		const status = Number((error as NodeApiError).httpCode ?? 0);
		if (status === 401) {
			throw new NodeApiError(this.getNode(), { status } as never, {
				message: 'Wekan rejected the credential',
				description:
					'Logging in again did not help. In Token mode the token or user ID is wrong or was revoked: ask a Wekan admin for a new one. Otherwise check the username and password.',
				httpCode: '401',
				itemIndex,
			});
		}
		throw new NodeApiError(this.getNode(), { status } as never, {
			message: 'Could not renew the Wekan session',
			description: (error as Error).message,
			httpCode: status ? String(status) : undefined,
			itemIndex,
		});
	}
}

export async function wekanRequest<T = unknown>(this: WekanContext, request: WekanRequest): Promise<T> {
	const credentials = await credentialsOf(this);
	const base = checkedBaseUrl(this, credentials.url);
	const ignoreSslIssues = credentials.ignoreSslIssues === true;
	const expect = request.expect ?? 'object';
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${base}${request.path}`,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		// Every status is judged here, where Wekan's shapes are known.
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		skipSslCertificateValidation: ignoreSslIssues,
	};
	if (request.binary) {
		options.json = false;
		options.encoding = 'arraybuffer';
		options.headers = { Accept: '*/*' };
	}
	if (request.body !== undefined) {
		if (request.bodyAsText) {
			options.body = JSON.stringify(request.body);
			options.headers = { ...options.headers, 'Content-Type': 'text/plain' };
		} else {
			options.body = request.body;
		}
	}

	let renewed = false;
	for (let attempt = 0; ; attempt++) {
		const sentWith = credentials.sessionToken;
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options },
				withCredential(this, credentials),
			)) as FullResponse;
		} catch (error) {
			const code = networkCode(error);
			if (code && TRANSIENT_NETWORK_CODES.has(code) && idempotent && attempt < MAX_RETRIES) {
				await sleep(BACKOFF_MS[attempt]);
				continue;
			}
			throw networkError(this, base, code, error, attempt > 0, idempotent, request.itemIndex);
		}
		if (request.binary && response.statusCode >= 200 && response.statusCode < 300) {
			return { statusCode: response.statusCode, headers: response.headers, body: toBuffer(response.body) } as T;
		}
		const failure: Failure | undefined = request.binary
			? (classifyResponse(decodedForJudging(response), 'any', request) ?? {
					kind: 'final',
					status: response.statusCode,
					reason: `Wekan answered HTTP ${response.statusCode}`,
					description: 'Wekan sent no file.',
				})
			: classifyResponse(response, expect, request);
		if (!failure) {
			request.onHeaders?.(response.headers ?? {});
			return response.body as T;
		}

		if (failure.kind === 'unauthorized' && !renewed) {
			renewed = true;
			// Another request of the run may have renewed the session since this one was sent: then just repeat.
			if (credentials.sessionToken === sentWith) await renewOnce.call(this, base, credentials, request.itemIndex);
			continue;
		}
		if (failure.kind === 'rate-limited' && attempt < MAX_RETRIES) {
			const waitSeconds = failure.retryAfterSeconds ?? BACKOFF_MS[attempt] / 1000;
			if (waitSeconds <= MAX_RETRY_AFTER_SECONDS) {
				await sleep(waitSeconds * 1000);
				continue;
			}
		}
		if (failure.kind === 'transient' && idempotent && attempt < MAX_RETRIES) {
			await sleep(BACKOFF_MS[attempt]);
			continue;
		}
		throw toNodeApiError(this.getNode(), failure, request.itemIndex, idempotent);
	}
}

function networkError(
	context: WekanContext,
	base: string,
	code: string | undefined,
	error: unknown,
	retried: boolean,
	idempotent: boolean,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	// Without a network code this is no connection failure of the request: mostly it is what the credential's
	// login threw (rejected password, throttled, not Wekan, unreachable), wrapped by n8n. Its message says what
	// to do, but n8n replaces a message that names a network code (ECONNREFUSED) with generic text: restore it.
	if (error instanceof NodeApiError && !code) {
		const cause = (error as { cause?: unknown }).cause;
		if (cause instanceof Error && !(cause instanceof NodeApiError) && cause.message) error.message = cause.message;
		return error;
	}
	const what = code ?? 'network error';
	const message = `Could not reach Wekan at ${displayUrl(base)} (${what})`;
	const nodeError = new NodeApiError(context.getNode(), { code: what } as never, {
		message,
		description: !idempotent
			? 'The connection failed before Wekan answered, so it is unknown whether Wekan made the change. The request was not repeated, to avoid a duplicate: check Wekan before running this item again.'
			: retried
				? 'The request was tried several times. Check that Wekan is running and that n8n can reach the URL.'
				: 'Check that Wekan is running and that n8n can reach the URL.',
		itemIndex,
	});
	// n8n swaps a message naming a network code for its generic text, which drops the URL and, for ECONNRESET,
	// advises retrying at once: wrong for a create whose outcome is unknown.
	nodeError.message = message;
	return nodeError;
}

/**
 * The id of the Wekan user the credential logs in as. A password login says who logged in; a token is asked of
 * Wekan (GET /api/user), and a User ID entered beside it must name the same user.
 */
export async function currentUserId(this: WekanContext): Promise<string> {
	const credentials = await credentialsOf(this);
	const tokenMode = credentials.authentication === 'token';
	if (!tokenMode && credentials.sessionUserId) return String(credentials.sessionUserId);
	const me = (await wekanRequest.call(this, { method: 'GET', path: '/api/user', permission: 'login' })) as IDataObject;
	if (typeof me._id !== 'string' || !me._id) {
		throw new NodeOperationError(this.getNode(), 'Wekan did not say which user the credential logs in as');
	}
	const given = tokenMode ? String(credentials.userId ?? '').trim() : '';
	if (given && given !== me._id) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's User ID (${given}) is not the user its token belongs to ("${String(me.username ?? '')}", ID ${me._id})`,
			{ description: 'Open the credential and correct the User ID, or leave it empty: it is then read from Wekan.' },
		);
	}
	return me._id;
}

/** Encodes an id for a path segment. */
export function seg(id: string): string {
	return encodeURIComponent(id);
}
