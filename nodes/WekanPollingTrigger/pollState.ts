/**
 * What the trigger remembers between polls (the node's static data): its shape, how a card is stored in it, and
 * the bounds that keep it small.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { toIso, toMillis } from './timestamps';

/**
 * Bounds on the stored state. A change to an open card outside the stored ones goes unreported, so the bound on
 * cards is well above the size of a busy board (about 2 MB of static data at 10,000 cards).
 */
const MAX_CARDS = 20_000;
export const MAX_RECENT = 1000;
export const MAX_KNOWN = 1000;

/** Card fields whose change counts as "card updated"; each gets a short hash in the stored state. */
const TRACKED_FIELDS = [
	'title',
	'description',
	'labelIds',
	'members',
	'assignees',
	'color',
	'receivedAt',
	'startAt',
	'dueAt',
	'endAt',
	'dueComplete',
	'customFields',
];
const HASH_CHARS = 4;

/** An open card as stored: a tuple, so a board with thousands of cards keeps its state small. */
export type CardEntry = [
	listId: string,
	swimlaneId: string,
	modifiedAt: string,
	fieldHashes: string,
	openDue: string,
	dueNotice: string,
];

/** A stored card, read. */
export interface KnownCard {
	listId: string;
	swimlaneId: string;
	modifiedAt: string;
	fieldHashes: string;
	/** The due date while the card is not marked done, else ''. */
	openDue: string;
	/** The last due date notice reported: `s|<due>` (due soon) or `o|<due>` (overdue), else ''. */
	dueNotice: string;
}

/** A high-water mark on Wekan's timestamps, with the ids already reported inside the look-back span. */
export interface Watermark {
	w: number;
	ids: string[];
}

export interface PollState extends IDataObject {
	/** The settings this state was built for (see settingsKey). */
	config?: string;
	slug?: string;
	/** Per list, `cardsModifiedAt` as last read ('' where Wekan does not report it). */
	lists?: Record<string, string>;
	knownLists?: string[];
	knownSwimlanes?: string[];
	cards?: Record<string, CardEntry>;
	/** Recently archived cards, so a restored one is not taken for a new card. */
	archived?: string[];
	/** The newest Wekan timestamp in the last snapshot: Wekan's clock, not n8n's. */
	seenUntil?: number;
	comments?: Watermark;
	items?: Watermark;
}

function hashFields(card: IDataObject): string {
	return TRACKED_FIELDS.map((field) =>
		createHash('sha1')
			.update(JSON.stringify(card[field] ?? null))
			.digest('hex')
			.slice(0, HASH_CHARS),
	).join('');
}

/** The tracked fields whose hashes differ. */
export function changedFields(before: string, after: string): string[] {
	return TRACKED_FIELDS.filter(
		(_f, i) => before.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS) !== after.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS),
	);
}

/** The card's due date while it is not marked done, else ''. */
export function openDue(card: IDataObject): string {
	return card.dueComplete === true ? '' : toIso(card.dueAt);
}

export function cardEntry(card: IDataObject, dueNotice = ''): CardEntry {
	return [String(card.listId), String(card.swimlaneId ?? ''), toIso(card.modifiedAt), hashFields(card), openDue(card), dueNotice];
}

export function readEntry(entry: CardEntry): KnownCard {
	const [listId, swimlaneId, modifiedAt, fieldHashes, due, dueNotice] = entry;
	return { listId, swimlaneId, modifiedAt, fieldHashes, openDue: due, dueNotice };
}

export function withDueNotice(entry: CardEntry, dueNotice: string): CardEntry {
	return [...entry.slice(0, 5), dueNotice] as CardEntry;
}

export function dueNoticeFor(event: 'cardDueSoon' | 'cardOverdue', due: string): string {
	return `${event === 'cardOverdue' ? 'o' : 's'}|${due}`;
}

/** Keeps the newest `max` values of a list of ids (the list grows at its end). */
export function bounded(ids: string[], max: number): string[] {
	return ids.length > max ? ids.slice(ids.length - max) : ids;
}

/** Keeps at most MAX_CARDS cards: those in scope first, then the most recently changed. */
export function boundCards(cards: Record<string, CardEntry>, inScope: (listId: string) => boolean): Record<string, CardEntry> {
	const entries = Object.entries(cards);
	if (entries.length <= MAX_CARDS) return cards;
	entries.sort(([, a], [, b]) => {
		const [first, second] = [readEntry(a), readEntry(b)];
		return Number(inScope(second.listId)) - Number(inScope(first.listId)) || toMillis(second.modifiedAt) - toMillis(first.modifiedAt);
	});
	return Object.fromEntries(entries.slice(0, MAX_CARDS));
}

/** Replaces the stored state in place: n8n saves the static data object it handed out. */
export function replaceState(state: PollState, next: PollState): void {
	for (const key of Object.keys(state)) delete state[key];
	Object.assign(state, next);
}
