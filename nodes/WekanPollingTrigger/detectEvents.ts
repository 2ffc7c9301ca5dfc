/**
 * Event detection: pure functions from the state before a poll and the board snapshot to the events to report and
 * the state after. Each detector reads and writes only its own part of the state.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Snapshot } from './boardSnapshot';
import { CARD_EVENTS, inScope, type PollSettings, wants, wantsAny } from './pollSettings';
import {
	bounded,
	boundCards,
	cardEntry,
	type CardEntry,
	changedFields,
	dueNoticeFor,
	type KnownCard,
	MAX_KNOWN,
	MAX_RECENT,
	openDue,
	type PollState,
	readEntry,
	type Watermark,
	withDueNotice,
} from './pollState';
import { toIso, toMillis } from './timestamps';

/**
 * Comments and checked items are found by a high-water mark on Wekan's own timestamps. Writes that become
 * visible slightly out of order are caught by also looking back this far, with the ids seen in that span
 * remembered so nothing is reported twice.
 */
const LOOKBACK_MS = 60_000;
/** A card created this close to the previous snapshot still counts as new (same-millisecond races). */
const NEW_CARD_SLACK_MS = 1000;

export interface Watch extends PollSettings {
	/** The first poll for these settings: the state is recorded, nothing is reported. */
	baseline: boolean;
	cardUrl: (cardId: string) => string;
}

export interface Detected {
	events: IDataObject[];
	/** The parts of the state this detector keeps. */
	state: Partial<PollState>;
}

export type Detector = (before: PollState, snapshot: Snapshot, watch: Watch, now: number) => Detected;

function nothing(): Detected {
	return { events: [], state: {} };
}

/** Collects events, leaving out those not chosen, and all of them on a baseline poll. */
function collector(watch: Watch) {
	const events: IDataObject[] = [];
	const emit = (event: string, fields: IDataObject) => {
		if (!watch.baseline && wants(watch, event)) events.push({ event, boardId: watch.boardId, ...fields });
	};
	return { events, emit };
}

function cardsById(snapshot: Snapshot): Map<string, IDataObject> {
	return new Map((snapshot.cards ?? []).map((c) => [String(c._id), c]));
}

/** Adds the ids of `docs` to the known ones, reporting those not known before (nothing before the first record). */
function recordNew(known: string[] | undefined, docs: IDataObject[], report: (id: string, doc: IDataObject) => void): string[] {
	const ids = new Set(known ?? []);
	for (const doc of docs) {
		const id = String(doc._id);
		if (!ids.has(id) && known) report(id, doc);
		ids.add(id);
	}
	return bounded([...ids], MAX_KNOWN);
}

export function detectNewLists(before: PollState, snapshot: Snapshot, watch: Watch): Detected {
	const { events, emit } = collector(watch);
	const knownLists = recordNew(before.knownLists, snapshot.lists, (listId, list) => emit('listCreated', { listId, list }));
	return { events, state: { knownLists } };
}

export function detectNewSwimlanes(before: PollState, snapshot: Snapshot, watch: Watch): Detected {
	if (!snapshot.swimlanes) return nothing();
	const { events, emit } = collector(watch);
	const knownSwimlanes = recordNew(before.knownSwimlanes, snapshot.swimlanes, (swimlaneId, swimlane) =>
		emit('swimlaneCreated', { swimlaneId, swimlane }),
	);
	return { events, state: { knownSwimlanes } };
}

/** New, moved, updated and archived cards, by comparing each card of the snapshot with its stored entry. */
export function detectCardChanges(before: PollState, snapshot: Snapshot, watch: Watch): Detected {
	if (!snapshot.cards || !wantsAny(watch, CARD_EVENTS)) return nothing();
	const { events, emit } = collector(watch);
	const scoped = (listId: unknown) => inScope(watch, listId);
	const stored = watch.baseline ? {} : (before.cards ?? {});
	const seenUntil = before.seenUntil ?? 0;
	const isNew = (card: IDataObject) => toMillis(card.createdAt) >= seenUntil - NEW_CARD_SLACK_MS;
	const cards: Record<string, CardEntry> = {};
	const archived = new Set(watch.baseline ? [] : (before.archived ?? []));
	// Oldest archived first, so the bounded list of archived cards keeps the newest.
	const sorted = [...snapshot.cards].sort((a, b) => toMillis(a.archivedAt) - toMillis(b.archivedAt));
	for (const card of sorted) {
		const id = String(card._id);
		const prev: KnownCard | undefined = stored[id] ? readEntry(stored[id]) : undefined;
		const common = { cardId: id, listId: card.listId, swimlaneId: card.swimlaneId, card, url: watch.cardUrl(id) };
		if (card.archived === true) {
			// A card made and archived between two polls existed all the same: both are reported.
			const bornArchived = !prev && !archived.has(id) && isNew(card);
			if (bornArchived && scoped(card.listId)) emit('cardCreated', common);
			if ((prev && scoped(prev.listId)) || (bornArchived && scoped(card.listId))) emit('cardArchived', common);
			if (prev || watch.baseline || bornArchived) {
				archived.delete(id);
				archived.add(id);
			}
			continue;
		}
		const entry = cardEntry(card, prev && prev.openDue === openDue(card) ? prev.dueNotice : '');
		cards[id] = entry;
		if (!prev) {
			// Unknown cards that are not new were restored, came from another board or fell out of the bounded state.
			const restored = archived.delete(id);
			if (!restored && isNew(card) && scoped(card.listId)) emit('cardCreated', common);
			continue;
		}
		const current = readEntry(entry);
		if ((prev.listId !== current.listId || prev.swimlaneId !== current.swimlaneId) && (scoped(prev.listId) || scoped(current.listId))) {
			emit('cardMoved', { ...common, oldListId: prev.listId, oldSwimlaneId: prev.swimlaneId });
		}
		if (prev.modifiedAt !== current.modifiedAt && scoped(current.listId)) {
			const changes = changedFields(prev.fieldHashes, current.fieldHashes);
			if (changes.length) emit('cardUpdated', { ...common, changes });
		}
	}
	return {
		events,
		state: {
			cards: boundCards(cards, scoped),
			archived: bounded([...archived], MAX_RECENT),
			seenUntil: Math.max(seenUntil, ...snapshot.cards.map((c) => Math.max(toMillis(c.createdAt), toMillis(c.modifiedAt)))),
		},
	};
}

/** Which due date event a stored card is up for now, if any: each kind is reported once per due date. */
function dueEvent(known: KnownCard, now: number, leadMs: number): 'cardDueSoon' | 'cardOverdue' | undefined {
	const due = toMillis(known.openDue);
	const overdueNotice = dueNoticeFor('cardOverdue', known.openDue);
	if (due <= now) return known.dueNotice !== overdueNotice ? 'cardOverdue' : undefined;
	const soonNotice = dueNoticeFor('cardDueSoon', known.openDue);
	if (due - leadMs <= now && known.dueNotice !== soonNotice && known.dueNotice !== overdueNotice) return 'cardDueSoon';
	return undefined;
}

/**
 * Due soon and overdue, from the stored cards, so an idle board costs no extra request. An event for a card the
 * snapshot does not hold has no `card` yet: the poll reads it (readMissingCards).
 */
export function detectDueDates(before: PollState, snapshot: Snapshot, watch: Watch, now: number): Detected {
	if (!(wants(watch, 'cardDueSoon') || wants(watch, 'cardOverdue')) || !before.cards) return nothing();
	const { events, emit } = collector(watch);
	const snapshotCards = cardsById(snapshot);
	const cards = { ...before.cards };
	for (const [id, entry] of Object.entries(cards)) {
		const known = readEntry(entry);
		if (!toMillis(known.openDue) || !inScope(watch, known.listId)) continue;
		const event = dueEvent(known, now, watch.leadMs);
		if (!event) continue;
		cards[id] = withDueNotice(entry, dueNoticeFor(event, known.openDue));
		emit(event, {
			cardId: id,
			listId: known.listId,
			swimlaneId: known.swimlaneId,
			dueAt: known.openDue,
			card: snapshotCards.get(id),
			url: watch.cardUrl(id),
		});
	}
	return { events, state: { cards } };
}

/**
 * Documents newer than the watermark (minus the look-back) that were not reported before, and the new watermark
 * with the ids inside its look-back span. Without a previous watermark nothing is new.
 */
function advanceWatermark(
	previous: Watermark | undefined,
	docs: IDataObject[],
	at: (doc: IDataObject) => number,
	key: (doc: IDataObject) => string,
): { fresh: IDataObject[]; watermark: Watermark } {
	const seen = new Set(previous?.ids ?? []);
	const from = (previous?.w ?? 0) - LOOKBACK_MS;
	const sorted = [...docs].sort((a, b) => at(a) - at(b));
	const fresh = previous ? sorted.filter((doc) => at(doc) > from && !seen.has(key(doc))) : [];
	const w = Math.max(previous?.w ?? 0, ...sorted.map(at));
	const ids = sorted.filter((d) => at(d) > w - LOOKBACK_MS).map(key);
	return { fresh, watermark: { w, ids: bounded(ids, MAX_RECENT) } };
}

export function detectNewComments(before: PollState, snapshot: Snapshot, watch: Watch): Detected {
	if (!snapshot.comments || !wants(watch, 'commentAdded')) return nothing();
	const { events, emit } = collector(watch);
	const cards = cardsById(snapshot);
	const { fresh, watermark } = advanceWatermark(
		watch.baseline ? undefined : before.comments,
		snapshot.comments,
		(c) => toMillis(c.createdAt),
		(c) => String(c._id),
	);
	for (const comment of fresh) {
		const card = cards.get(String(comment.cardId));
		if (!card || !inScope(watch, card.listId)) continue;
		emit('commentAdded', {
			cardId: comment.cardId,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			commentId: comment._id,
			comment,
			card,
			url: watch.cardUrl(String(card._id)),
		});
	}
	return { events, state: { comments: watermark } };
}

/** Checked items; an item unchecked and checked again has a new modifiedAt, and so counts again. */
export function detectCompletedItems(before: PollState, snapshot: Snapshot, watch: Watch): Detected {
	if (!snapshot.checklistItems || !wants(watch, 'checklistItemCompleted')) return nothing();
	const { events, emit } = collector(watch);
	const cards = cardsById(snapshot);
	const checklists = new Map((snapshot.checklists ?? []).map((c) => [String(c._id), c]));
	const { fresh, watermark } = advanceWatermark(
		watch.baseline ? undefined : before.items,
		snapshot.checklistItems.filter((i) => i.isFinished === true),
		(i) => toMillis(i.modifiedAt),
		(i) => `${String(i._id)}@${toIso(i.modifiedAt)}`,
	);
	for (const item of fresh) {
		const card = cards.get(String(item.cardId));
		if (!card || !inScope(watch, card.listId)) continue;
		emit('checklistItemCompleted', {
			cardId: item.cardId,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			checklistItem: item,
			checklist: checklists.get(String(item.checklistId)) ?? null,
			card,
			url: watch.cardUrl(String(card._id)),
		});
	}
	return { events, state: { items: watermark } };
}

/** Every detector, in the order its events are reported. Due dates come after cards: they read the cards just stored. */
export const DETECTORS: Detector[] = [
	detectNewLists,
	detectNewSwimlanes,
	detectCardChanges,
	detectDueDates,
	detectNewComments,
	detectCompletedItems,
];
