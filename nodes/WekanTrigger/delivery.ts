/**
 * One delivery from Wekan: whether it is ours (its token), whether it is wanted (events and filters), whether it
 * is a repeat, and the item the workflow gets.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { seg, wekanRequest } from '../shared/transport';
import { multiOptionValues, watchedBoardId } from '../shared/triggerParameters';
import { registeredTokens } from './registration';

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

/** Whether the delivery carries the token of one of this node's integrations. */
export function hasValidToken(context: IWebhookFunctions): boolean {
	const headers = context.getHeaderData() as IDataObject;
	const given = typeof headers['x-wekan-token'] === 'string' ? (headers['x-wekan-token'] as string) : '';
	// Every stored token is compared, so the time taken does not depend on which one matched.
	const valid = registeredTokens(context).reduce((ok, token) => sameSecret(given, token) || ok, false);
	return Boolean(given) && valid;
}

export interface DeliveryFilter {
	boardId: string;
	/** Activity names (`act-...`), or `all`. */
	events: string[];
	/** Empty: any list. */
	lists: string[];
	/** Empty: any swimlane. */
	swimlanes: string[];
}

export function deliveryFilter(context: IWebhookFunctions): DeliveryFilter {
	const events = multiOptionValues(context.getNodeParameter('events'));
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const lists = multiOptionValues(filters.listIds);
	const swimlanes = multiOptionValues(filters.swimlaneIds);
	return { boardId: watchedBoardId(context), events, lists, swimlanes };
}

/** The chosen events on the watched board; a move counts for its old and its new list. */
export function isWanted(body: IDataObject, filter: DeliveryFilter): boolean {
	const event = String(body.description ?? '');
	return (
		(filter.events.includes('all') || filter.events.includes(event)) &&
		(!body.boardId || body.boardId === filter.boardId) &&
		(!filter.lists.length || filter.lists.includes(String(body.listId)) || filter.lists.includes(String(body.oldListId))) &&
		(!filter.swimlanes.length || filter.swimlanes.includes(String(body.swimlaneId)))
	);
}

/**
 * Whether the same delivery came within the dedupe window; a new one is remembered. Wekan sends no delivery id,
 * so a repeat is recognised by its content (one activity reaching two integrations for this URL, or a proxy that
 * resends).
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

/** The card or board URL: Wekan puts it only on the last line of `text`. */
function urlFromText(text: unknown): string | undefined {
	const last = String(text ?? '').trim().split('\n').pop() ?? '';
	return /^https?:\/\/\S+$/.test(last) ? last : undefined;
}

/** The delivery with every field the workflow may look for, null where Wekan sent none, and the payload as `raw`. */
export function outputItem(body: IDataObject, boardId: string): IDataObject {
	return {
		event: String(body.description ?? ''),
		boardId: body.boardId ?? boardId,
		cardId: body.cardId ?? null,
		cardTitle: body.card ?? null,
		listId: body.listId ?? null,
		oldListId: body.oldListId ?? null,
		swimlaneId: body.swimlaneId ?? null,
		user: body.user ?? null,
		username: body.username ?? null,
		text: String(body.text ?? '').split('\n')[0],
		url: urlFromText(body.text) ?? null,
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
