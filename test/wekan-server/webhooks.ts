/**
 * Outgoing webhooks at Wekan v11.07 (commit f5cc8e373): the `outgoingWebhooks` Meteor method
 * (server/notifications/outgoing.js), which builds the one-way payload or the two-way body and posts it through the
 * SSRF-hardened fetch of server/lib/ssrfGuard.js; the input-time URL check of the REST routes
 * (models/lib/attachmentUrlValidation.js); the fire-and-forget wrapper (server/lib/webhookGuard.js); and the English
 * texts TAPi18n gives the activity descriptions (imports/i18n/data/en.i18n.json, interpolated as i18next does with
 * the `__name__` markers of imports/i18n/tap.js:78-82).
 *
 * The activity hook that decides which integrations hear an activity, and with which params, is in
 * models/activities.ts; it calls `Webhooks.call` the way server/models/activities.js:406-433 calls the method.
 */
import dns from 'node:dns';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { cloneValue } from './db/collection';
import { MeteorError } from './errors';
import { hasMember } from './models/boardMembers';
import { INTEGRATION_TWOWAY, type IntegrationDoc } from './schemas/integrations';
import type { Wekan } from './server';

// ---- the English activity texts ------------------------------------------------------------------------------

/** The `act-*` keys of imports/i18n/data/en.i18n.json (the only bundle the server loads at startup, tap.js:99-115). */
export const ACTIVITY_TEXTS: Readonly<Record<string, string>> = Object.freeze({
	'act-deleteCard': 'deleted card __card__ from list __list__ at swimlane __swimlane__ at board __board__',
	'act-removeBoard': 'deleted board __board__',
	'act-removeList': 'deleted list __list__ at board __board__',
	'act-removeSwimlane': 'deleted swimlane __swimlane__ at board __board__',
	'act-activity-notify': 'Activity Notification',
	'act-addAttachment':
		'added attachment __attachment__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-deleteAttachment':
		'deleted attachment __attachment__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addSubtask':
		'added subtask __subtask__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addLabel': 'Added label __label__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addedLabel':
		'Added label __label__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removeLabel':
		'Removed label __label__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removedLabel':
		'Removed label __label__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addChecklist':
		'added checklist __checklist__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addChecklistItem':
		'added checklist item __checklistItem__ to checklist __checklist__ at card ' +
		'__card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removeChecklist':
		'removed checklist __checklist__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removeChecklistItem':
		'removed checklist item __checklistItem__ from checklist __checkList__ at ' +
		'card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-checkedItem':
		'checked __checklistItem__ of checklist __checklist__ at card __card__ ' +
		'at list __list__ at swimlane __swimlane__ at board __board__',
	'act-uncheckedItem':
		'unchecked __checklistItem__ of checklist __checklist__ at card ' +
		'__card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-completeChecklist':
		'completed checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-uncompleteChecklist':
		'uncompleted checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addComment':
		'commented on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-editComment':
		'edited comment on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-deleteComment':
		'deleted comment on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-createBoard': 'created board __board__',
	'act-createSwimlane': 'created swimlane __swimlane__ to board __board__',
	'act-createCard': 'created card __card__ to list __list__ at swimlane __swimlane__ at board __board__',
	'act-createCustomField': 'created custom field __customField__ at board __board__',
	'act-deleteCustomField': 'deleted custom field __customField__ at board __board__',
	'act-setCustomField':
		'edited custom field __customField__: __customFieldValue__ at card ' +
		'__card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-createList': 'added list __list__ to board __board__',
	'act-addBoardMember': 'added member __member__ to board __board__',
	'act-archivedBoard': 'Board __board__ moved to Archive',
	'act-archivedCard': 'Card __card__ at list __list__ at swimlane __swimlane__ at board __board__ moved to Archive',
	'act-archivedList': 'List __list__ at swimlane __swimlane__ at board __board__ moved to Archive',
	'act-archivedSwimlane': 'Swimlane __swimlane__ at board __board__ moved to Archive',
	'act-importBoard': 'imported board __board__',
	'act-importCard': 'imported card  __card__ to list __list__ at swimlane __swimlane__ at board __board__',
	'act-importList': 'imported list __list__ to swimlane __swimlane__ at board __board__',
	'act-joinMember':
		'added member __member__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-moveCard':
		'moved card __card__ at board __board__ from list __oldList__ at ' +
		'swimlane __oldSwimlane__ to list __list__ at swimlane __swimlane__',
	'act-moveCardToOtherBoard':
		'moved card __card__ from list __oldList__ at swimlane __oldSwimlane__ at board ' +
		'__oldBoard__ to list __list__ at swimlane __swimlane__ at board __board__',
	'act-removeBoardMember': 'removed member __member__ from board __board__',
	'act-restoredCard': 'restored card __card__ to list __list__ at swimlane __swimlane__ at board __board__',
	'act-unjoinMember':
		'removed member __member__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-withBoardTitle': '__board__',
	'act-withCardTitle': '[__board__] __card__',
	'act-a-dueAt': 'modified due time to \nWhen: __timeValue__\nWhere: __card__\n previous due was __timeOldValue__',
	'act-a-endAt': 'modified ending time to __timeValue__ from (__timeOldValue__)',
	'act-a-startAt': 'modified starting time to __timeValue__ from (__timeOldValue__)',
	'act-a-receivedAt': 'modified received time to __timeValue__ from (__timeOldValue__)',
	'act-newDue': '__list__/__card__ has 1st due reminder [__board__]',
	'act-withDue': '__list__/__card__ due reminders [__board__]',
	'act-almostdue': 'was reminding the current due (__timeValue__) of __card__ is approaching',
	'act-pastdue': 'was reminding the current due (__timeValue__) of __card__ is past',
	'act-duenow': 'was reminding the current due (__timeValue__) of __card__ is now',
	'act-atUserComment':
		'mentioned you on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
});

/**
 * TAPi18n.__(key, params) in English (imports/i18n/tap.js:242-278 over i18next 26): a key without a text comes back
 * as itself; `__name__` takes the param's value when the params have that key ('' when its value is undefined or
 * null, else the value as a string), and stays as written when they have no such key (i18next's default
 * skipOnVariables). Values are not escaped (tap.js:81) nor interpolated again.
 */
export function translate(key: string, params: Record<string, unknown>): string {
	const text = ACTIVITY_TEXTS[key];
	if (text === undefined) return key;
	return text.replace(/__(.+?)__/g, (marker: string, name: string) => {
		const variable = name.trim();
		if (!Object.prototype.hasOwnProperty.call(params, variable)) return marker;
		const value = params[variable];
		return value === undefined || value === null ? '' : String(value);
	});
}

// ---- the SSRF guard --------------------------------------------------------------------------------------------

/** attachmentUrlValidation.js:20-38: the IPv4 ranges no server-side request may reach. */
const BLOCKED_V4_RANGES: ReadonlyArray<readonly [number, number]> = [
	['0.0.0.0', '0.255.255.255'],
	['10.0.0.0', '10.255.255.255'],
	['100.64.0.0', '100.127.255.255'],
	['127.0.0.0', '127.255.255.255'],
	['169.254.0.0', '169.254.255.255'],
	['172.16.0.0', '172.31.255.255'],
	['192.0.0.0', '192.0.0.255'],
	['192.0.2.0', '192.0.2.255'],
	['192.168.0.0', '192.168.255.255'],
	['198.18.0.0', '198.19.255.255'],
	['198.51.100.0', '198.51.100.255'],
	['203.0.113.0', '203.0.113.255'],
	['224.0.0.0', '239.255.255.255'],
	['240.0.0.0', '255.255.255.255'],
].map(([start, end]) => [v4Number(start) as number, v4Number(end) as number] as const);

/** attachmentUrlValidation.js:11-18: names refused before any DNS lookup. */
const BLOCKED_HOSTNAMES = new Set([
	'localhost',
	'localhost.localdomain',
	'ip6-localhost',
	'ip6-loopback',
	'0',
	'0.0.0.0',
]);
const LOOPBACK_HOSTNAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

function v4Number(ip: string): number | undefined {
	const parts = ip.split('.').map((part) => Number.parseInt(part, 10));
	if (parts.length !== 4 || parts.some((part) => Number.isNaN(part))) return undefined;
	return parts.reduce((acc, part) => (acc << 8) + part, 0) >>> 0;
}

function v4Blocked(ip: string): boolean {
	const value = v4Number(ip);
	// attachmentUrlValidation.js:48-54: what does not parse is blocked.
	if (value === undefined) return true;
	return BLOCKED_V4_RANGES.some(([start, end]) => value >= start && value <= end);
}

/** attachmentUrlValidation.js:86-135: any IPv6 notation as its 16 bytes, or undefined when it is not one. */
function v6Bytes(ip: string): number[] | undefined {
	let text = ip.split('%')[0].toLowerCase();
	if (text.includes('.')) {
		const colon = text.lastIndexOf(':');
		if (colon < 0) return undefined;
		const quad = text.slice(colon + 1).split('.');
		if (quad.length !== 4) return undefined;
		const octets = quad.map((part) => (/^\d{1,3}$/.test(part) ? Number.parseInt(part, 10) : Number.NaN));
		if (octets.some((octet) => Number.isNaN(octet) || octet > 255)) return undefined;
		const high = ((octets[0] << 8) | octets[1]).toString(16);
		const low = ((octets[2] << 8) | octets[3]).toString(16);
		text = `${text.slice(0, colon + 1)}${high}:${low}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groupsOf(halves[0]);
	const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
	let groups: string[];
	if (halves.length === 2) {
		const missing = 8 - head.length - tail.length;
		if (missing < 1) return undefined;
		groups = [...head, ...new Array<string>(missing).fill('0'), ...tail];
	} else {
		groups = head;
	}
	if (groups.length !== 8) return undefined;
	const bytes: number[] = [];
	for (const group of groups) {
		if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
		const value = Number.parseInt(group, 16);
		bytes.push((value >> 8) & 0xff, value & 0xff);
	}
	return bytes;
}

/** attachmentUrlValidation.js:145-208: every IPv4 address an IPv6 one can carry a packet to. */
function embeddedV4(bytes: number[]): string[] {
	const found: string[] = [];
	const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
	const v4At = (offset: number) => bytes.slice(offset, offset + 4).join('.');
	if (zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) found.push(v4At(12));
	if (zero(0, 12)) found.push(v4At(12));
	if (zero(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zero(10, 12)) found.push(v4At(12));
	if (bytes[0] === 0x20 && bytes[1] === 0x02) found.push(v4At(2));
	if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) {
		if (zero(4, 12)) found.push(v4At(12));
		else {
			const positions = [
				[4, 5, 6, 7],
				[5, 6, 7, 9],
				[6, 7, 9, 10],
				[7, 9, 10, 11],
				[9, 10, 11, 12],
				[12, 13, 14, 15],
			];
			for (const position of positions) found.push(position.map((i) => bytes[i]).join('.'));
		}
	}
	if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0x00 && bytes[3] === 0x00) {
		found.push(v4At(4));
		found.push([12, 13, 14, 15].map((i) => ~bytes[i] & 0xff).join('.'));
	}
	if ((bytes[8] === 0x00 || bytes[8] === 0x02) && bytes[9] === 0x00 && bytes[10] === 0x5e && bytes[11] === 0xfe) {
		found.push(v4At(12));
	}
	return found;
}

/** attachmentUrlValidation.js:210-242. */
function v6Blocked(ip: string): boolean {
	const bytes = v6Bytes(ip);
	if (!bytes) return true;
	if (embeddedV4(bytes).some(v4Blocked)) return true;
	if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0x0d && bytes[3] === 0xb8) return true;
	if (bytes[0] === 0xfc || bytes[0] === 0xfd) return true;
	if (bytes[0] === 0xfe && ((bytes[1] & 0xc0) === 0x80 || (bytes[1] & 0xc0) === 0xc0)) return true;
	return bytes[0] === 0xff;
}

/** A loopback address: what the server's allowLoopbackWebhooks option lets through (no Wekan counterpart). */
function isLoopbackAddress(ip: string): boolean {
	if (isIP(ip) === 4) return ip.startsWith('127.');
	const bytes = isIP(ip) === 6 ? v6Bytes(ip) : undefined;
	if (!bytes) return false;
	const loopbackV6 = bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1;
	const mapped =
		bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff && bytes[12] === 127;
	return loopbackV6 || mapped;
}

/**
 * isIpBlocked (attachmentUrlValidation.js:244-256): an address that is not an IP at all is blocked too. With the
 * server's allowLoopbackWebhooks option, loopback addresses pass, so tests can receive webhooks on 127.0.0.1.
 */
export function isIpBlocked(ip: string, allowLoopback = false): boolean {
	if (allowLoopback && isLoopbackAddress(ip)) return false;
	const version = isIP(ip);
	if (version === 4) return v4Blocked(ip);
	if (version === 6) return v6Blocked(ip);
	return true;
}

export type UrlValidation = { valid: true } | { valid: false; reason: string };

async function lookupAll(hostname: string): Promise<string[] | null> {
	try {
		const results = await dns.promises.lookup(hostname, { all: true });
		return results.map((result) => result.address);
	} catch {
		return null;
	}
}

/**
 * validateAttachmentUrl (attachmentUrlValidation.js:276-323), the input-time check of POST and PUT
 * .../integrations. It looks at `URL.hostname` as given, so an IPv6 literal keeps its brackets, is no IP to
 * `net.isIP`, and fails the DNS lookup: "Hostname did not resolve".
 */
export async function validateAttachmentUrl(urlString: unknown, allowLoopback = false): Promise<UrlValidation> {
	if (!urlString || typeof urlString !== 'string') return { valid: false, reason: 'Empty URL' };
	let parsed: URL;
	try {
		parsed = new URL(urlString);
	} catch {
		return { valid: false, reason: 'Invalid URL format' };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return { valid: false, reason: 'Only HTTP and HTTPS protocols are allowed' };
	}
	const hostname = parsed.hostname;
	if (!hostname) return { valid: false, reason: 'Missing hostname' };
	const lower = hostname.toLowerCase();
	const loopbackName = LOOPBACK_HOSTNAMES.has(lower) || lower.endsWith('.localhost');
	if ((BLOCKED_HOSTNAMES.has(lower) || lower.endsWith('.localhost')) && !(allowLoopback && loopbackName)) {
		return { valid: false, reason: 'Localhost is not allowed' };
	}
	if (isIP(lower))
		return isIpBlocked(lower, allowLoopback) ? { valid: false, reason: 'IP address is not allowed' } : { valid: true };
	const addresses = await lookupAll(lower);
	if (!addresses || addresses.length === 0) return { valid: false, reason: 'Hostname did not resolve' };
	if (addresses.some((address) => isIpBlocked(address, allowLoopback))) {
		return { valid: false, reason: 'Resolved IP address is not allowed' };
	}
	return { valid: true };
}

/**
 * The certificate(s) to trust for https webhooks (ssrfGuard.js:135-185): WEBHOOK_TLS_CA_CERT holds the PEM itself or
 * a path to it; unset or unreadable, the system trust store stays. Read once, as Wekan does.
 */
let webhookCa: string | null | undefined;
export function webhookCaCert(env: NodeJS.ProcessEnv = process.env): string | null {
	if (webhookCa !== undefined) return webhookCa;
	const value = (env.WEBHOOK_TLS_CA_CERT ?? '').trim();
	if (!value) webhookCa = null;
	else if (value.includes('-----BEGIN CERTIFICATE-----')) webhookCa = value;
	else {
		try {
			webhookCa = readFileSync(value, 'utf8');
		} catch {
			webhookCa = null;
		}
	}
	return webhookCa;
}

interface SafeResponse {
	status: number;
	text: string;
}

/** ssrfGuard.js:498-548 (validateAndResolve) and 93-127 (resolveAndPin): the one IP this hop may dial. */
async function resolveSafely(rawUrl: string, allowLoopback: boolean): Promise<{ parsed: URL; ip: string }> {
	let parsed: URL;
	try {
		parsed = new URL(rawUrl);
	} catch {
		throw new Error('SSRF_GUARD: Invalid URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new Error(`SSRF_GUARD: Protocol not allowed: ${parsed.protocol}`);
	}
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	if (isIP(host)) {
		if (isIpBlocked(host, allowLoopback)) throw new Error(`SSRF_GUARD: Blocked IP in URL: ${host}`);
		return { parsed, ip: host };
	}
	let addresses: string[];
	try {
		addresses = (await dns.promises.lookup(host, { all: true })).map((result) => result.address);
	} catch {
		throw new Error(`SSRF_GUARD: DNS resolution failed for: ${host}`);
	}
	if (!addresses.length) throw new Error(`SSRF_GUARD: No DNS records returned for: ${parsed.hostname}`);
	for (const address of addresses) {
		if (isIpBlocked(address, allowLoopback))
			throw new Error(`SSRF_GUARD: Blocked IP ${address} resolved for ${parsed.hostname}`);
	}
	// ssrfGuard.js:123-125: an IPv4 address is preferred for the pinned connection.
	return { parsed, ip: addresses.find((address) => isIP(address) === 4) ?? addresses[0] };
}

/**
 * fetchSafe (ssrfGuard.js:685-761) with maxRedirects 0, as outgoing.js:205-209 calls it: the connection goes to the
 * resolved IP with the original Host header (and SNI), the body is written without a Content-Length (so it goes
 * chunked), a redirect is refused, and there is no timeout.
 */
function fetchSafe(
	rawUrl: string,
	init: { headers: Record<string, string>; body: string },
	allowLoopback: boolean,
): Promise<SafeResponse> {
	return resolveSafely(rawUrl, allowLoopback).then(
		({ parsed, ip }) =>
			new Promise<SafeResponse>((resolve, reject) => {
				const secure = parsed.protocol === 'https:';
				const options: https.RequestOptions = {
					method: 'POST',
					hostname: ip,
					port: parsed.port ? Number.parseInt(parsed.port, 10) : secure ? 443 : 80,
					path: `${parsed.pathname}${parsed.search}`,
					headers: { ...init.headers, Host: parsed.host },
				};
				if (secure) {
					options.servername = parsed.hostname;
					const ca = webhookCaCert();
					if (ca) options.ca = ca;
				}
				const request = (secure ? https : http).request(options, (response) => {
					const status = response.statusCode ?? 0;
					if (status >= 300 && status < 400) {
						response.destroy();
						reject(new Error('SSRF_GUARD: Redirects are not allowed'));
						return;
					}
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('error', reject);
					response.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }));
				});
				request.on('error', reject);
				request.write(init.body);
				request.end();
			}),
	);
}

// ---- the outgoingWebhooks method ----------------------------------------------------------------------------------

/** outgoing.js:50-70: the params copied into the one-way payload, in this order; WEBHOOKS_ATTRIBUTES replaces them. */
export const DEFAULT_WEBHOOKS_ATTRIBUTES: readonly string[] = Object.freeze([
	'cardId',
	'listId',
	'oldListId',
	'boardId',
	'comment',
	'user',
	'username',
	'card',
	'commentId',
	'swimlaneId',
	'customField',
	'customFieldValue',
	'labelId',
	'label',
	'attachmentId',
]);

export function webhooksAttributes(env: NodeJS.ProcessEnv = process.env): readonly string[] {
	return env.WEBHOOKS_ATTRIBUTES ? env.WEBHOOKS_ATTRIBUTES.split(',') : DEFAULT_WEBHOOKS_ATTRIBUTES;
}

/** outgoing.js:119-135: the params whose value the text shows in double quotes. */
const QUOTED_PARAMS = [
	'card',
	'list',
	'oldList',
	'board',
	'oldBoard',
	'comment',
	'checklist',
	'swimlane',
	'oldSwimlane',
	'labelId',
	'label',
	'attachment',
	'attachmentId',
];

/**
 * outgoing.js:9-48: a comment a two-way webhook just wrote back is not sent out again. A lock lives 1 s after it is
 * set, 0.5 s when it was set again with the same text (an echo).
 */
class CommentLock {
	static readonly NULL = 0;
	static readonly NORMAL = 1;
	static readonly ECHO = 2;
	private readonly locks = new Map<string, unknown>();
	private readonly timers = new Map<string, NodeJS.Timeout>();

	has(id: string, value: unknown): number {
		if (!this.locks.has(id)) return CommentLock.NULL;
		return this.locks.get(id) === value ? CommentLock.ECHO : CommentLock.NORMAL;
	}

	set(id: string, value: unknown): void {
		const delay = this.has(id, value) === CommentLock.ECHO ? 500 : 1000;
		this.locks.set(id, value || 1);
		const previous = this.timers.get(id);
		if (previous) clearTimeout(previous);
		const timer = setTimeout(() => {
			this.locks.delete(id);
			this.timers.delete(id);
		}, delay);
		timer.unref();
		this.timers.set(id, timer);
	}

	clear(): void {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
		this.locks.clear();
	}
}

/** One POST the server made (or tried to make) to an integration's URL. */
export interface Delivery {
	integrationId: string;
	url: string;
	/** The headers outgoing.js:169-172 sets: Content-Type, and X-Wekan-Token when the integration has a token. */
	headers: Record<string, string>;
	/** The JSON text sent. */
	raw: string;
	body: Record<string, unknown>;
	twoWay: boolean;
	status?: number;
	/** The Meteor.Error the method threw (safeDeliver logs it and moves on). */
	error?: string;
}

export interface WebhookOptions {
	/** Not Wekan's: let loopback receivers through the SSRF guard, for tests on one machine. */
	allowLoopbackWebhooks: boolean;
}

type Params = Record<string, unknown>;

export class Webhooks {
	/** Every POST attempted, in the order the activities asked for them. */
	readonly deliveries: Delivery[] = [];
	private readonly pending = new Set<Promise<void>>();
	private readonly lock = new CommentLock();

	constructor(
		private readonly wekan: Wekan,
		private readonly options: WebhookOptions,
	) {}

	/** The REST routes' input-time URL check. */
	validateUrl(url: unknown): Promise<UrlValidation> {
		return validateAttachmentUrl(url, this.options.allowLoopbackWebhooks);
	}

	/** isIpBlocked, with this server's loopback allowance. */
	isBlocked(ip: string): boolean {
		return isIpBlocked(ip, this.options.allowLoopbackWebhooks);
	}

	/** Wait for the deliveries in flight (tests, and server close). */
	async settle(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	/** Forget the deliveries and comment locks (Wekan.reset). */
	reset(): void {
		this.deliveries.length = 0;
		this.lock.clear();
	}

	/**
	 * `Meteor.call('outgoingWebhooks', integration, description, params)` wrapped in safeDeliver and not awaited
	 * (server/models/activities.js:416-433, server/lib/webhookGuard.js:790-807): never throws, never waits.
	 * `invocationUserId` is the method's `this.userId`: the acting user inside a Meteor method, undefined in a REST
	 * handler. Meteor.call clones the arguments (EJSON.clone), so later changes to `params` do not reach it.
	 */
	call(integration: IntegrationDoc, description: string, params: Params, invocationUserId: string | undefined): void {
		let attempt: Promise<void>;
		try {
			attempt = this.outgoingWebhooks(cloneValue(integration), description, cloneValue(params), invocationUserId);
		} catch {
			return;
		}
		const tracked = attempt.catch(() => undefined);
		this.pending.add(tracked);
		void tracked.finally(() => this.pending.delete(tracked));
	}

	/**
	 * The method body (outgoing.js:109-238). Everything up to the POST runs at once, on the database as it is when
	 * the activity is inserted; Wekan awaits its reads, so it sees the same documents a moment later.
	 */
	private outgoingWebhooks(
		integration: IntegrationDoc,
		description: string,
		params: Params,
		invocationUserId: string | undefined,
	): Promise<void> {
		const { db } = this.wekan;
		// outgoing.js:110: without a method user (any REST write) nothing is sent.
		if (!invocationUserId) return Promise.resolve();
		const quoteParams: Params = { ...params };
		const clonedParams: Params = { ...params };
		for (const key of QUOTED_PARAMS) if (quoteParams[key]) quoteParams[key] = `"${String(params[key])}"`;
		// outgoing.js:137-141: the text is in the language of the activity's user, else the integration's creator.
		const textUserId = (params.userId as string | undefined) || integration.userId || invocationUserId;
		const user = typeof textUserId === 'string' ? db.users.findOne(textUserId) : undefined;
		if (!user) return Promise.resolve();
		// Only the English bundle is modelled: a user of another language gets the English text.
		const descriptionText = translate(description, quoteParams);
		// outgoing.js:151-152: a translation of "-" switches the hook off.
		if (descriptionText === '-') return Promise.resolve();
		const text = `${String(params.user)} ${descriptionText}\n${String(params.url)}`;
		const value: Params = { text };
		for (const key of webhooksAttributes()) if (params[key]) value[key] = params[key];
		value.description = description;
		const twoWay = integration.type === INTEGRATION_TWOWAY;
		const token = integration.token || '';
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (token) headers['X-Wekan-Token'] = token;
		// outgoing.js:174-185: a stored integration with this url on this board, whose board has the acting user as an
		// active member. A '_global' integration's board does not exist, so global webhooks never post.
		const stored = db.integrations.findOne({ url: integration.url, boardId: integration.boardId });
		if (!stored) return Promise.resolve();
		const board = db.boards.findOne(stored.boardId);
		if (!board || !hasMember(board, invocationUserId)) return Promise.resolve();
		if (twoWay) {
			// outgoing.js:189-199: a comment locked by a recent write-back is not sent again.
			const commentId = params.commentId as string | undefined;
			if (commentId) {
				if (this.lock.has(commentId, params.comment) !== CommentLock.NULL) return Promise.resolve();
				this.lock.set(commentId, params.comment);
			}
		}
		// outgoing.js:208: the two-way body is every param, with `description` first; a card description among the
		// params (activities.js:179-182) takes that key's value.
		const body: Params = twoWay ? { description, ...clonedParams } : value;
		const raw = JSON.stringify(body);
		const delivery: Delivery = {
			integrationId: integration._id,
			url: integration.url,
			headers,
			raw,
			body: JSON.parse(raw) as Params,
			twoWay,
		};
		this.deliveries.push(delivery);
		return fetchSafe(integration.url, { headers, body: raw }, this.options.allowLoopbackWebhooks).then(
			(response) => {
				delivery.status = response.status;
				if (response.status < 200 || response.status >= 300) {
					delivery.error = new MeteorError('error-invalid-webhook-response').message;
					return;
				}
				if (twoWay) this.writeBack(response.text, integration, delivery);
			},
			(error: Error) => {
				delivery.error = new MeteorError('invalid-webhook-url', `Webhook request failed: ${error.message}`).message;
			},
		);
	}

	/** outgoing.js:217-233 and responseFunc (71-107): a two-way webhook's JSON answer may rewrite the comment. */
	private writeBack(responseText: string, integration: IntegrationDoc, delivery: Delivery): void {
		let data: unknown = null;
		try {
			data = JSON.parse(responseText);
		} catch {
			data = null;
		}
		if (!data || typeof data !== 'object') return;
		try {
			const answer = data as Params;
			if (integration.type !== INTEGRATION_TWOWAY) return;
			// responseFunc: only comments of the integration's own board.
			if (answer.boardId !== integration.boardId) return;
			const { commentId, cardId, boardId, comment: newText } = answer;
			if (!cardId || !boardId || !newText || !commentId) return;
			const { db } = this.wekan;
			const comment = db.card_comments.findOne({ _id: commentId, cardId, boardId });
			const board = db.boards.findOne(boardId as string);
			const card = db.cards.findOne(cardId as string);
			if (!board || !card || !comment) return;
			this.lock.set(comment._id, newText);
			// CardComments.direct: no hooks, so no editComment activity; the schema still cleans the text.
			db.card_comments.direct.update(comment._id, { $set: { text: newText } });
		} catch {
			delivery.error = new MeteorError('error-process-data').message;
		}
	}
}
