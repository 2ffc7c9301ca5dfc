/**
 * What the trigger remembers between polls (the node's static data): its shape, how a card is stored in it, the
 * bounds that keep it small, and how the state of version 1 (one board) is carried over.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { canonicalEvents } from './pollSettings';
import { toIso, toMillis } from './timestamps';

/**
 * Bounds on the stored state of one board. A change to an open card outside the stored ones goes unreported, so
 * the bound on cards is well above the size of a busy board (about 1.4 MB of static data at 10,000 cards).
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
/**
 * The tracked fields Wekan's list of a list's cards also returns (server/models/cards.js:998-1028); the others
 * (labels, members, colour, due complete, custom fields) only a full card shows.
 */
const LISTED_FIELDS = ['title', 'description', 'assignees', 'receivedAt', 'startAt', 'dueAt', 'endAt'];

/** An open card as stored: a tuple, so a board with thousands of cards keeps its state small. */
export type CardEntry =
	| [listId: string, swimlaneId: string, modifiedAt: string, fieldHashes: string, openDue: string, dueNotice: string]
	| [listId: string, swimlaneId: string, modifiedAt: string, fieldHashes: string, openDue: string, dueNotice: string, linked: 1];

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
	/** A linked card: Wekan's export leaves those out, so only its list of cards and the card itself show it. */
	linked: boolean;
}

/** A high-water mark on Wekan's timestamps, with the ids already reported inside the look-back span. */
export interface Watermark {
	w: number;
	ids: string[];
}

/**
 * Per list: its cardsModifiedAt as last read (what the next poll compares with), the same date at its last full
 * read (a card not known then and created after it is new), and how many cards it had at its last read.
 */
export type ListMark = [marker: string, fullMark: string, cards: number];

export interface BoardState extends IDataObject {
	slug?: string;
	lists?: Record<string, ListMark>;
	knownLists?: string[];
	knownSwimlanes?: string[];
	cards?: Record<string, CardEntry>;
	/** Recently archived cards, so a restored one is not taken for a new card. */
	archived?: string[];
	/** Lists a poll read only in part: a later poll reads them in full, oldest first. */
	owed?: string[];
	/** This Wekan ignores the export's list scope (before v10.92): a full read is the whole board. */
	unscoped?: boolean;
	comments?: Watermark;
	items?: Watermark;
}

export interface PollState extends IDataObject {
	/** The settings the boards' states were built for (see settingsKey). */
	config?: string;
	/**
	 * When the last poll began, by Wekan's clock (its Date header) where Wekan sent one, else by n8n's: a board
	 * found later reports the cards made on it since.
	 */
	at?: string;
	boards?: Record<string, BoardState>;
}

function hashValue(value: unknown): string {
	return createHash('sha1')
		.update(JSON.stringify(value ?? null))
		.digest('hex')
		.slice(0, HASH_CHARS);
}

function hashFields(card: IDataObject): string {
	return TRACKED_FIELDS.map((field) => hashValue(card[field])).join('');
}

/** The tracked fields whose hashes differ. */
export function changedFields(before: string, after: string): string[] {
	return TRACKED_FIELDS.filter(
		(_f, i) => before.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS) !== after.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS),
	);
}

/** Whether a card as Wekan lists it (a few fields) differs from the stored one in any field the list shows. */
export function listedFieldsDiffer(known: KnownCard, listed: IDataObject): boolean {
	if (String(listed.swimlaneId ?? '') !== known.swimlaneId) return true;
	return LISTED_FIELDS.some((field) => {
		const i = TRACKED_FIELDS.indexOf(field);
		return known.fieldHashes.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS) !== hashValue(listed[field]);
	});
}

/** The card's due date while it is not marked done, else ''. */
export function openDue(card: IDataObject): string {
	return card.dueComplete === true ? '' : toIso(card.dueAt);
}

export function cardEntry(card: IDataObject, dueNotice = ''): CardEntry {
	const entry: CardEntry = [String(card.listId), String(card.swimlaneId ?? ''), toIso(card.modifiedAt), hashFields(card), openDue(card), dueNotice];
	return card.linkedId ? [...entry, 1] : entry;
}

export function readEntry(entry: CardEntry): KnownCard {
	const [listId, swimlaneId, modifiedAt, fieldHashes, due, dueNotice] = entry;
	return { listId, swimlaneId, modifiedAt, fieldHashes, openDue: due, dueNotice, linked: entry[6] === 1 };
}

export function withDueNotice(entry: CardEntry, dueNotice: string): CardEntry {
	const next = [...entry] as CardEntry;
	next[5] = dueNotice;
	return next;
}

export function dueNoticeFor(event: 'cardDueSoon' | 'cardOverdue', due: string): string {
	return `${event === 'cardOverdue' ? 'o' : 's'}|${due}`;
}

/** Keeps the newest `max` values of a list of ids (the list grows at its end). */
export function bounded(ids: string[], max: number): string[] {
	return ids.length > max ? ids.slice(ids.length - max) : ids;
}

/** Keeps at most MAX_CARDS cards: those in scope first, then the most recently changed. */
export function boundCards(cards: Record<string, CardEntry>, inScope: (known: KnownCard) => boolean): Record<string, CardEntry> {
	const entries = Object.entries(cards);
	if (entries.length <= MAX_CARDS) return cards;
	entries.sort(([, a], [, b]) => {
		const [first, second] = [readEntry(a), readEntry(b)];
		return Number(inScope(second)) - Number(inScope(first)) || toMillis(second.modifiedAt) - toMillis(first.modifiedAt);
	});
	return Object.fromEntries(entries.slice(0, MAX_CARDS));
}

/** Replaces the stored state in place: n8n saves the static data object it handed out. */
export function replaceState(state: PollState, next: PollState): void {
	for (const key of Object.keys(state)) delete state[key];
	Object.assign(state, next);
}

/**
 * Version 1 kept one board's state at the top level, under a config of `[boardId, events, lists]`. When that
 * matches the current settings it becomes that board's state, so an upgrade does not start a new baseline.
 */
export function carriedOver(state: IDataObject, config: string): PollState | undefined {
	if (state.boards || typeof state.config !== 'string') return undefined;
	let old: unknown;
	try {
		old = JSON.parse(state.config);
	} catch {
		return undefined;
	}
	if (!Array.isArray(old) || old.length !== 3 || typeof old[0] !== 'string' || !Array.isArray(old[1]) || !Array.isArray(old[2])) {
		return undefined;
	}
	const events = canonicalEvents((old[1] as unknown[]).map(String)).events;
	const same = JSON.stringify([[...events].sort(), [...(old[2] as unknown[]).map(String)].sort(), []]);
	if (same !== config) return undefined;
	const cards = (state.cards ?? {}) as Record<string, CardEntry>;
	const counts = new Map<string, number>();
	for (const entry of Object.values(cards)) counts.set(entry[0], (counts.get(entry[0]) ?? 0) + 1);
	const lists = Object.fromEntries(
		Object.entries((state.lists ?? {}) as Record<string, string>).map(([id, marker]) => [id, [marker, marker, counts.get(id) ?? 0] as ListMark]),
	);
	const board: BoardState = { lists, cards };
	for (const key of ['slug', 'knownLists', 'knownSwimlanes', 'archived', 'comments', 'items'] as const) {
		if (state[key] !== undefined) (board as IDataObject)[key] = state[key];
	}
	return { config, boards: { [old[0]]: board } };
}
