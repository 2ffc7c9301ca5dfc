/**
 * Event detection for one board: what a card, list, swimlane, comment or checklist item read this poll means
 * compared with the stored state. The functions change the working state of the poll and collect the events; the
 * poll (boardPoll.ts) decides what to read.
 */
import type { IDataObject } from 'n8n-workflow';
import { inScope, type PollSettings, wants } from './pollSettings';
import {
	bounded,
	type BoardState,
	cardEntry,
	type CardEntry,
	changedFields,
	dueNoticeFor,
	type KnownCard,
	MAX_KNOWN,
	MAX_RECENT,
	openDue,
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
/** A card created this close before a list's last full read still counts as new (same-millisecond races). */
const NEW_CARD_SLACK_MS = 1000;
/**
 * How long before the previous poll's Wekan time a card on a board first seen now still counts as made since: that
 * time is the Date header of the poll's first answer, to the second, a little after the poll began. The board was not
 * watched then, so a card counted in this span is reported once all the same.
 */
const FIRST_SIGHT_SLACK_MS = 2000;

export interface Watch extends PollSettings {
	boardId: string;
	/** The first poll of this board for these settings: the state is recorded, nothing is reported... */
	baseline: boolean;
	/**
	 * ...except, when the board appears after the trigger's own first poll, its open cards created after this Wekan
	 * time (the previous poll's), as Card Created.
	 */
	createdSince?: number;
}

/** One board's poll in progress: the state as it becomes, the events found, the full cards read. */
export class Work {
	readonly events: IDataObject[] = [];
	readonly cards: Record<string, CardEntry>;
	/** Recently archived cards, oldest first. */
	readonly archived: Set<string>;
	/** Full card documents read this poll, by id: the newest read of each. */
	readonly fresh = new Map<string, IDataObject>();
	/** The cards emitCreatedSince reported. */
	private readonly reportedSince = new Set<string>();

	constructor(
		readonly watch: Watch,
		readonly before: BoardState,
	) {
		this.cards = watch.baseline ? {} : { ...(before.cards ?? {}) };
		this.archived = new Set(watch.baseline ? [] : (before.archived ?? []));
	}

	/** Collects an event unless it was not chosen, or this is a baseline poll. */
	emit(event: string, fields: IDataObject): void {
		if (!this.watch.baseline && wants(this.watch, event)) this.events.push({ event, boardId: this.watch.boardId, ...fields });
	}

	/** In the baseline of a board found after the trigger's first poll: a card made since the previous poll, once. */
	emitCreatedSince(card: IDataObject, fields: IDataObject): void {
		const since = this.watch.createdSince;
		if (!this.watch.baseline || !since || !wants(this.watch, 'cardCreated') || this.reportedSince.has(String(card._id))) return;
		if (toMillis(card.createdAt) < since - FIRST_SIGHT_SLACK_MS || !this.scoped(card.listId, card.swimlaneId)) return;
		this.reportedSince.add(String(card._id));
		this.events.push({ event: 'cardCreated', boardId: this.watch.boardId, ...fields });
	}

	known(cardId: string): KnownCard | undefined {
		const entry = this.cards[cardId];
		return entry ? readEntry(entry) : undefined;
	}

	/** The known open cards of a list (linked cards aside: the export never has them). */
	knownIn(listId: string): string[] {
		return Object.entries(this.cards)
			.filter(([, e]) => e[0] === listId && e[6] !== 1)
			.map(([id]) => id);
	}

	scoped(listId: unknown, swimlaneId: unknown): boolean {
		return inScope(this.watch, listId, swimlaneId);
	}

	archivedIds(): string[] {
		return bounded([...this.archived], MAX_RECENT);
	}
}

/**
 * What one full card, read this poll, says happened since the state was stored: created, moved, updated,
 * archived or restored. `newSince` is Wekan's time from which a card not known before counts as created (the last
 * full read of the list it is in). A copy older than what is stored (read before a later write) is skipped.
 */
export function seeCard(work: Work, card: IDataObject, newSince: number): void {
	const id = String(card._id);
	const prev = work.known(id);
	if (card.boardId !== undefined && card.boardId !== work.watch.boardId) {
		// Moved to another board: it is that board's card now.
		delete work.cards[id];
		return;
	}
	if (prev && toMillis(card.modifiedAt) < toMillis(prev.modifiedAt)) return;
	work.fresh.set(id, card);
	const common = { cardId: id, listId: card.listId, swimlaneId: card.swimlaneId, card };
	const isNew = toMillis(card.createdAt) >= newSince - NEW_CARD_SLACK_MS;
	if (card.archived === true) {
		delete work.cards[id];
		// A card made and archived between two reads existed all the same: both are reported.
		const bornArchived = !prev && !work.archived.has(id) && isNew && !work.watch.baseline;
		if (bornArchived && work.scoped(card.listId, card.swimlaneId)) work.emit('cardCreated', common);
		if ((prev && !prev.linked && work.scoped(prev.listId, prev.swimlaneId)) || (bornArchived && work.scoped(card.listId, card.swimlaneId))) {
			work.emit('cardArchived', common);
		}
		if (prev || work.watch.baseline || bornArchived) {
			work.archived.delete(id);
			work.archived.add(id);
		}
		return;
	}
	const entry = cardEntry(card, prev && prev.openDue === openDue(card) ? prev.dueNotice : '');
	work.cards[id] = entry;
	const current = readEntry(entry);
	if (current.linked) return;
	if (work.watch.baseline) {
		work.emitCreatedSince(card, common);
		return;
	}
	if (!prev) {
		// Unknown cards that are not new came from another board or fell out of the bounded state.
		if (work.archived.delete(id)) {
			if (work.scoped(card.listId, card.swimlaneId)) work.emit('cardRestored', common);
		} else if (isNew && work.scoped(card.listId, card.swimlaneId)) {
			work.emit('cardCreated', common);
		}
		return;
	}
	const moved = prev.listId !== current.listId || prev.swimlaneId !== current.swimlaneId;
	if (moved && (work.scoped(prev.listId, prev.swimlaneId) || work.scoped(current.listId, current.swimlaneId))) {
		work.emit('cardMoved', { ...common, oldListId: prev.listId, oldSwimlaneId: prev.swimlaneId });
	}
	if (prev.modifiedAt !== current.modifiedAt && work.scoped(current.listId, current.swimlaneId)) {
		const changes = changedFields(prev.fieldHashes, current.fieldHashes);
		if (changes.length) work.emit('cardUpdated', { ...common, changes });
	}
}

/** A known card Wekan no longer has on this board. */
export function forgetCard(work: Work, cardId: string): void {
	delete work.cards[cardId];
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

export function detectNewLists(work: Work, lists: IDataObject[]): string[] {
	const known = work.watch.baseline ? undefined : work.before.knownLists;
	return recordNew(known, lists, (listId, list) => work.emit('listCreated', { listId, list }));
}

export function detectNewSwimlanes(work: Work, swimlanes: IDataObject[]): string[] {
	const known = work.watch.baseline ? undefined : work.before.knownSwimlanes;
	return recordNew(known, swimlanes, (swimlaneId, swimlane) => work.emit('swimlaneCreated', { swimlaneId, swimlane }));
}

/** Which due date event a stored card is up for now, if any: each kind is reported once per due date. */
function dueEvent(known: KnownCard, now: number, leadMs: number): 'cardDueSoon' | 'cardOverdue' | undefined {
	const due = toMillis(known.openDue);
	if (!due) return undefined;
	const overdueNotice = dueNoticeFor('cardOverdue', known.openDue);
	if (due <= now) return known.dueNotice !== overdueNotice ? 'cardOverdue' : undefined;
	const soonNotice = dueNoticeFor('cardDueSoon', known.openDue);
	if (due - leadMs <= now && known.dueNotice !== soonNotice && known.dueNotice !== overdueNotice) return 'cardDueSoon';
	return undefined;
}

/** The stored cards up for a due date notice now: found from the state, so an idle board costs no extra request. */
export function dueCandidates(work: Work, now: number): string[] {
	if (!(wants(work.watch, 'cardDueSoon') || wants(work.watch, 'cardOverdue'))) return [];
	return Object.entries(work.cards)
		.filter(([, entry]) => {
			const known = readEntry(entry);
			return !known.linked && work.scoped(known.listId, known.swimlaneId) && dueEvent(known, now, work.watch.leadMs) !== undefined;
		})
		.map(([id]) => id);
}

/** Reports a due date notice for a card whose current document was read this poll (its entry is up to date). */
export function detectDueDate(work: Work, cardId: string, now: number): void {
	const entry = work.cards[cardId];
	const card = work.fresh.get(cardId);
	if (!entry || !card) return;
	const known = readEntry(entry);
	if (!work.scoped(known.listId, known.swimlaneId)) return;
	const event = dueEvent(known, now, work.watch.leadMs);
	if (!event) return;
	work.cards[cardId] = withDueNotice(entry, dueNoticeFor(event, known.openDue));
	work.emit(event, {
		cardId,
		listId: known.listId,
		swimlaneId: known.swimlaneId,
		dueAt: known.openDue,
		card,
	});
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

function cardsById(cards: IDataObject[]): Map<string, IDataObject> {
	return new Map(cards.map((c) => [String(c._id), c]));
}

export function detectNewComments(work: Work, comments: IDataObject[], cards: IDataObject[]): Watermark {
	const byId = cardsById(cards);
	const { fresh, watermark } = advanceWatermark(
		work.watch.baseline ? undefined : work.before.comments,
		comments,
		(c) => toMillis(c.createdAt),
		(c) => String(c._id),
	);
	for (const comment of fresh) {
		const card = byId.get(String(comment.cardId));
		if (!card || !work.scoped(card.listId, card.swimlaneId)) continue;
		work.emit('commentAdded', {
			cardId: comment.cardId,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			commentId: comment._id,
			comment,
			card,
		});
	}
	return watermark;
}

/** Checked items; an item unchecked and checked again has a new modifiedAt, and so counts again. */
export function detectCheckedItems(work: Work, items: IDataObject[], checklists: IDataObject[], cards: IDataObject[]): Watermark {
	const byId = cardsById(cards);
	const checklistsById = new Map(checklists.map((c) => [String(c._id), c]));
	const { fresh, watermark } = advanceWatermark(
		work.watch.baseline ? undefined : work.before.items,
		items.filter((i) => i.isFinished === true),
		(i) => toMillis(i.modifiedAt),
		(i) => `${String(i._id)}@${toIso(i.modifiedAt)}`,
	);
	for (const item of fresh) {
		const card = byId.get(String(item.cardId));
		if (!card || !work.scoped(card.listId, card.swimlaneId)) continue;
		work.emit('checklistItemChecked', {
			cardId: item.cardId,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			checklistItem: item,
			checklist: checklistsById.get(String(item.checklistId)) ?? null,
			card,
		});
	}
	return watermark;
}
