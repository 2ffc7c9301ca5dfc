/**
 * One board's poll: which Wekan routes it reads, and what it makes of them.
 *
 * GET .../lists comes first: per list, the newest change among its cards (archived ones included). An idle board
 * costs only that request. A list whose date moved is read:
 * - in full (the export scoped to the list, or the whole board's export when the board is small), when the cards of
 *   the changed lists are within the read budget;
 * - else through Wekan's list of its open cards, which shows titles, descriptions, dates, assignees and swimlanes:
 *   enough to find new, moved, archived and edited cards, each then read on its own. What that list cannot show
 *   (labels, members, colour, custom fields, a card made and archived between two polls) is found when a later poll
 *   reads the list in full, oldest first, within the budget.
 * Comments and checklist items change no date Wekan reports, so those events read the board's export every poll.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import {
	detectCheckedItems,
	detectDueDate,
	detectNewComments,
	detectNewLists,
	detectNewSwimlanes,
	dueCandidates,
	forgetCard,
	seeCard,
	type Watch,
	Work,
} from './detectEvents';
import { CARD_EVENTS, COMPLETE_EVENTS, DEEP_EVENTS, wants, wantsAny } from './pollSettings';
import { type BoardState, boundCards, listedFieldsDiffer, type ListMark } from './pollState';
import { toIso, toMillis } from './timestamps';
import { readCard, readExport, readListCards, readLists, readSwimlanes } from './wekanReads';

/** How many full card documents (about 1 KB each in Wekan's export) one poll of a board reads at most. */
export const READ_BUDGET_CARDS = 1500;
/** What Wekan's list of a list's cards costs, per card, against the budget (its few fields are about a fifth). */
const LISTED_COST = 0.2;

export interface BoardPoll {
	events: IDataObject[];
	state: BoardState;
	/**
	 * What the poll read that names things, for Simplify: the board's fields, its lists, and its swimlanes (all of
	 * them, or with `partial` those a list's export named).
	 */
	names: { board?: IDataObject; lists: IDataObject[]; swimlanes?: IDataObject[]; partial?: boolean };
}

function live(docs: unknown): IDataObject[] {
	return (Array.isArray(docs) ? (docs as IDataObject[]) : []).filter((d) => d.archived !== true);
}

function exportFields(watch: Watch): string[] {
	const fields = ['board-header'];
	if (wants(watch, 'commentAdded')) fields.push('comments');
	if (wants(watch, 'checklistItemChecked')) fields.push('checklists');
	return fields;
}

function countByList(cards: IDataObject[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const card of cards) counts.set(String(card.listId), (counts.get(String(card.listId)) ?? 0) + 1);
	return counts;
}

/** The newest Wekan time among cards: a card not known and created after it is new. */
function newestTime(cards: IDataObject[]): string {
	let newest = 0;
	for (const card of cards) newest = Math.max(newest, toMillis(card.createdAt), toMillis(card.modifiedAt));
	return newest ? new Date(newest).toISOString() : '';
}

export async function pollBoard(this: IPollFunctions, watch: Watch, before: BoardState, now: number): Promise<BoardPoll> {
	const work = new Work(watch, before);
	const state: BoardState = {};
	const marks = watch.baseline ? {} : (before.lists ?? {});
	const newSince = (listId: unknown) => toMillis(marks[String(listId)]?.[1]);
	const names: BoardPoll['names'] = { lists: [] };
	let exportCards: IDataObject[] | undefined;

	/** The board's own fields come with every export, scoped or not: its slug and labels. */
	const useExport = (data: IDataObject) => {
		names.board = data;
		if (data.slug !== undefined) state.slug = String(data.slug);
	};
	/** Reads the whole board's export and sees every card in it. */
	const readBoard = async (): Promise<IDataObject> => {
		const data = await readExport.call(this, watch.boardId, { fields: exportFields(watch) });
		useExport(data);
		names.swimlanes = live(data.swimlanes);
		names.partial = false;
		exportCards = (data.cards as IDataObject[]) ?? [];
		for (const card of exportCards) seeCard(work, card, newSince(card.listId));
		return data;
	};
	/** Reads the known cards a full read did not show: moved elsewhere, to another board, or deleted. */
	const readMissing = async (ids: Iterable<string>) => {
		for (const id of ids) {
			if (work.fresh.has(id)) continue;
			const card = await readCard.call(this, id);
			if (card) seeCard(work, card, newSince(card.listId));
			else forgetCard(work, id);
		}
	};

	if (wantsAny(watch, DEEP_EVENTS)) {
		// Only the export has comments and checklist items; it holds the lists, swimlanes and every card too.
		const knownBefore = Object.keys(work.cards);
		const data = await readBoard();
		names.lists = live(data.lists);
		await readMissing(knownBefore.filter((id) => work.cards[id]?.[6] !== 1));
		const cards = exportCards ?? [];
		const counts = countByList(cards);
		const seen = newestTime(cards);
		state.lists = Object.fromEntries(names.lists.map((l) => [String(l._id), ['', seen, counts.get(String(l._id)) ?? 0] as ListMark]));
		if (wants(watch, 'commentAdded')) state.comments = detectNewComments(work, (data.comments as IDataObject[]) ?? [], cards);
		if (wants(watch, 'checklistItemChecked')) {
			state.items = detectCheckedItems(work, (data.checklistItems as IDataObject[]) ?? [], (data.checklists as IDataObject[]) ?? [], cards);
		}
	} else {
		names.lists = await readLists.call(this, watch.boardId);
		if (wantsAny(watch, CARD_EVENTS)) {
			await readCards.call(this, work, state, names.lists, { readBoard, readMissing, useExport, names });
		} else {
			state.lists = Object.fromEntries(names.lists.map((l) => [String(l._id), [toIso(l.cardsModifiedAt), toIso(l.cardsModifiedAt), 0] as ListMark]));
		}
		if (wants(watch, 'swimlaneCreated') && (!names.swimlanes || names.partial)) {
			names.swimlanes = await readSwimlanes.call(this, watch.boardId);
			names.partial = false;
		}
	}

	// Due dates come after the cards: they read the entries just stored, and each card before it is reported.
	const due = dueCandidates(work, now);
	await readMissing(due);
	for (const id of due) detectDueDate(work, id, now);

	state.knownLists = detectNewLists(work, names.lists);
	if (names.swimlanes && !names.partial) state.knownSwimlanes = detectNewSwimlanes(work, names.swimlanes);
	else if (before.knownSwimlanes && !watch.baseline) state.knownSwimlanes = before.knownSwimlanes;
	if (wantsAny(watch, CARD_EVENTS) || wantsAny(watch, DEEP_EVENTS)) {
		state.cards = boundCards(work.cards, (k) => work.scoped(k.listId, k.swimlaneId));
		state.archived = work.archivedIds();
	}
	state.slug ??= before.slug;
	if (before.unscoped) state.unscoped ??= true;
	return { events: work.events, state, names };
}

/**
 * The card reads of a poll that has the lists' dates: what changed, read in full or in part within the budget, and
 * the lists owed a full read.
 */
async function readCards(
	this: IPollFunctions,
	work: Work,
	state: BoardState,
	lists: IDataObject[],
	reads: {
		readBoard: () => Promise<IDataObject>;
		readMissing: (ids: Iterable<string>) => Promise<void>;
		useExport: (data: IDataObject) => void;
		names: BoardPoll['names'];
	},
): Promise<void> {
	const { watch, before } = work;
	const { readBoard, readMissing, useExport } = reads;
	const marks = watch.baseline ? {} : (before.lists ?? {});
	const markerOf = new Map(lists.map((l) => [String(l._id), toIso(l.cardsModifiedAt)]));
	// Wekan before v10.72 reports no dates: every poll reads the whole board.
	const dated = !lists.length || lists.some((l) => l.modifiedAt !== undefined || l.cardsModifiedAt !== undefined);
	const knownBefore = Object.keys(work.cards).filter((id) => work.cards[id][6] !== 1);
	const units = (id: string) => Math.max(marks[id]?.[2] ?? 0, work.knownIn(id).length);

	const changed = [...markerOf].filter(([id, marker]) => (marks[id] ? marks[id][0] !== marker : marker !== '')).map(([id]) => id);
	const owed = watch.baseline ? [] : (before.owed ?? []).filter((id) => markerOf.has(id));
	const costAll = [...markerOf.keys()].reduce((sum, id) => sum + units(id), 0);
	const costChanged = changed.reduce((sum, id) => sum + units(id), 0);

	let boardWide = watch.baseline || !dated;
	const full = new Set<string>();
	if (!boardWide) {
		let remaining = READ_BUDGET_CARDS;
		if (costChanged <= READ_BUDGET_CARDS) {
			for (const id of changed) full.add(id);
			remaining -= costChanged;
		} else {
			remaining -= Math.ceil(costChanged * LISTED_COST);
		}
		// The oldest debt is paid in every poll (whatever its size when nothing else is read), so none waits forever.
		owed.forEach((id, i) => {
			if (full.has(id)) return;
			const cost = units(id);
			if (cost <= remaining || (i === 0 && (cost <= READ_BUDGET_CARDS || !changed.length))) {
				full.add(id);
				remaining -= cost;
			}
		});
		const reads = new Set([...full, ...changed]).size;
		boardWide = (costAll <= READ_BUDGET_CARDS && reads > 1) || (before.unscoped === true && full.size > 0);
	}
	const listed = boardWide ? [] : changed.filter((id) => !full.has(id));
	const counts = new Map<string, number>();
	const seenInLists = new Set<string>();
	let undated: string | undefined;

	if (boardWide) {
		const data = await readBoard();
		const cards = (data.cards as IDataObject[]) ?? [];
		for (const [id, n] of countByList(cards)) counts.set(id, n);
		if (!dated) undated = newestTime(cards);
		if (!watch.baseline) await readMissing(knownBefore.filter((id) => !work.fresh.has(id)));
	} else {
		for (const listId of full) {
			const data = await readExport.call(this, watch.boardId, { fields: ['board-header'], listId });
			const cards = (data.cards as IDataObject[]) ?? [];
			if (cards.some((c) => c.listId !== listId)) {
				// This Wekan ignored the scope (before v10.92) and sent the whole board: use it as that.
				state.unscoped = true;
				for (const card of cards) seeCard(work, card, toMillis(marks[String(card.listId)]?.[1]));
				for (const [id, n] of countByList(cards)) counts.set(id, n);
				for (const id of markerOf.keys()) full.add(id);
				break;
			}
			useExport(data);
			// A list's export has the swimlanes its cards are in: names enough for the events it finds.
			const names = (reads.names.swimlanes ??= []);
			reads.names.partial = true;
			for (const swimlane of live(data.swimlanes)) if (!names.some((s) => s._id === swimlane._id)) names.push(swimlane);
			for (const card of cards) seeCard(work, card, toMillis(marks[listId]?.[1]));
			counts.set(listId, cards.length);
		}
		const missing = knownBefore.filter((id) => full.has(readKnownList(work, before, id)) && !work.fresh.has(id));
		// A list's open cards as Wekan lists them: what is new, gone or visibly changed is read on its own.
		const candidates: string[] = [];
		for (const listId of listed) {
			const cards = await readListCards.call(this, watch.boardId, listId);
			counts.set(listId, Math.max(cards.length, units(listId)));
			const here = new Set<string>();
			for (const card of cards) {
				const id = String(card._id);
				here.add(id);
				seenInLists.add(id);
				const known = work.known(id);
				if (!known) candidates.push(id);
				else if (!known.linked && (known.listId !== listId || listedFieldsDiffer(known, card))) candidates.push(id);
			}
			for (const id of work.knownIn(listId)) if (!here.has(id)) candidates.push(id);
		}
		await readMissing([...missing.filter((id) => !seenInLists.has(id)), ...candidates]);
	}

	state.lists = {};
	for (const [id, marker] of markerOf) {
		// Without dates, the newest time in the export is what the next poll's new cards come after.
		if (boardWide || full.has(id)) state.lists[id] = [marker, undated ?? marker, counts.get(id) ?? 0];
		else if (listed.includes(id)) state.lists[id] = [marker, marks[id]?.[1] ?? '', counts.get(id) ?? 0];
		else state.lists[id] = marks[id] ?? [marker, marker, 0];
	}
	if (wantsAny(watch, COMPLETE_EVENTS) && !boardWide) {
		const stillOwed = [...owed, ...listed].filter((id, i, all) => !full.has(id) && all.indexOf(id) === i);
		if (stillOwed.length) state.owed = stillOwed;
	}
}

/** The list a card was in before this poll. */
function readKnownList(work: Work, before: BoardState, cardId: string): string {
	const entry = before.cards?.[cardId] ?? work.cards[cardId];
	return entry ? entry[0] : '';
}
