/**
 * One delivery from Wekan: whether it is ours (its token), whether it is wanted (events and filters), whether it
 * is a repeat, and the item the workflow gets.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { EVENT_OF_ACTIVITY } from '../shared/activityTypes';
import { seg, wekanRequest } from '../shared/transport';
import { type LocationFilter, locationFilter, nodeVersion } from '../shared/triggerParameters';
import { chosenActivities, registeredTokens } from './registration';

/** How long an identical delivery counts as a repeat, and how many recent deliveries are remembered. */
const DEDUPE_WINDOW_MS = 10_000;
const DEDUPE_MAX = 200;

interface DeliveryState extends IDataObject {
	/** Content hash of each recent delivery, with when it came. */
	recent?: Record<string, number>;
}

/** Compares two secrets in constant time; hashing first makes the lengths equal. */
function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * The board of the integration whose token the delivery carries ('' when the record predates boards), or undefined
 * when it carries none of this node's tokens. Every stored token is compared, so the time taken does not depend on
 * which one matched.
 */
export function tokenBoard(context: IWebhookFunctions): string | undefined {
	const headers = context.getHeaderData() as IDataObject;
	const given = typeof headers['x-wekan-token'] === 'string' ? (headers['x-wekan-token'] as string) : '';
	let board: string | undefined;
	for (const { token, boardId } of registeredTokens(context)) {
		if (sameSecret(given, token) && board === undefined) board = boardId;
	}
	return given ? board : undefined;
}

export interface DeliveryFilter {
	/** `act-...` activities, or `all`. */
	activities: string[];
	/** The board of the integration the delivery came through ('' for any). */
	boardId: string;
	location: LocationFilter;
	/** Version 1 names its events as Wekan does (act-createCard); version 2 as both triggers do (cardCreated). */
	wekanNames: boolean;
}

export function deliveryFilter(context: IWebhookFunctions, boardId: string): DeliveryFilter {
	return { activities: chosenActivities(context), boardId, location: locationFilter(context), wekanNames: nodeVersion(context) === 1 };
}

/**
 * The chosen activities on the integration's board; a move counts for its old and its new list. Wekan's payload has
 * no old swimlane, so a swimlane filter sees where the card is now.
 */
export function isWanted(body: IDataObject, filter: DeliveryFilter): boolean {
	const activity = String(body.description ?? '');
	const { lists, swimlanes } = filter.location;
	return (
		(filter.activities.includes('all') || filter.activities.includes(activity)) &&
		(!filter.boardId || !body.boardId || body.boardId === filter.boardId) &&
		(!lists.size || lists.has(String(body.listId)) || lists.has(String(body.oldListId))) &&
		(!swimlanes.size || swimlanes.has(String(body.swimlaneId)))
	);
}

/**
 * Whether the same delivery came within the dedupe window; a new one is remembered. Wekan sends no delivery id,
 * so a repeat is recognised by its content (a proxy that resends, or an integration copied in Wekan).
 */
export function isRepeat(context: IWebhookFunctions, body: IDataObject, now: number): boolean {
	const data = context.getWorkflowStaticData('node') as DeliveryState;
	const key = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
	const recent = Object.fromEntries(Object.entries(data.recent ?? {}).filter(([, at]) => now - at < DEDUPE_WINDOW_MS));
	if (recent[key] !== undefined) {
		data.recent = recent;
		return true;
	}
	recent[key] = now;
	const keys = Object.keys(recent);
	for (const old of keys.slice(0, Math.max(0, keys.length - DEDUPE_MAX))) delete recent[old];
	data.recent = recent;
	return false;
}

/**
 * Wekan's text is `<user> <what happened>\n<url>` (outgoing.js:154): the URL is its last line, and the description
 * itself may span lines (a due date change does).
 */
function splitText(raw: unknown): { text: string; url?: string } {
	const lines = String(raw ?? '').split('\n');
	const last = lines[lines.length - 1].trim();
	const url = /^https?:\/\/\S+$/.test(last) ? last : undefined;
	if (lines.length > 1 && (url || last === 'undefined' || last === '')) lines.pop();
	return { text: lines.join('\n').trim(), url };
}

/** The delivery with every field the workflow may look for, null where Wekan sent none, and the payload as `raw`. */
export function outputItem(body: IDataObject, boardId: string, wekanNames: boolean): IDataObject {
	const activity = String(body.description ?? '');
	const { text, url } = splitText(body.text);
	return {
		event: wekanNames ? activity : (EVENT_OF_ACTIVITY.get(activity) ?? activity),
		...(wekanNames ? {} : { activity }),
		boardId: body.boardId ?? (boardId || null),
		cardId: body.cardId ?? null,
		cardTitle: body.card ?? null,
		listId: body.listId ?? null,
		oldListId: body.oldListId ?? null,
		swimlaneId: body.swimlaneId ?? null,
		user: body.user ?? null,
		username: body.username ?? null,
		text,
		url: url ?? null,
		comment: body.comment ?? null,
		commentId: body.commentId ?? null,
		label: body.label ?? null,
		labelId: body.labelId ?? null,
		customField: body.customField ?? null,
		customFieldValue: body.customFieldValue ?? null,
		attachmentId: body.attachmentId ?? null,
		raw: body,
	};
}

/**
 * Adds the card to the item, read after the configured pause: Wekan can send the webhook before its write is
 * visible. A deleted card is a normal outcome of some events, so the item then gets `card: null` and why.
 */
export async function addFullCard(this: IWebhookFunctions, item: IDataObject, cardId: string): Promise<void> {
	await sleep(Number(this.getNodeParameter('cardDelayMs', 500)));
	try {
		item.card = (await wekanRequest.call(this, {
			method: 'GET',
			path: `/api/cards/${seg(cardId)}`,
			permission: 'board-read',
			notFound: `No card with ID ${cardId} (it may have been deleted)`,
		})) as IDataObject;
	} catch (error) {
		item.card = null;
		item.cardError = (error as Error).message;
	}
}
