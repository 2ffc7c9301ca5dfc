import { createHash } from 'crypto';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { searchBoards, searchLists, searchSwimlanes } from '../shared/listSearch';
import { boardLocator } from '../shared/locators';
import { seg, wekanBaseUrl, wekanRequest } from '../shared/transport';
import { WEKAN_ID } from '../shared/wekanUrl';

const CARD_EVENTS = ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived', 'cardDueSoon', 'cardOverdue'];
const DEEP_EVENTS = ['commentAdded', 'checklistItemCompleted'];

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
 * Bounds on the stored state. A change to an open card outside the stored ones goes unreported, so the bound on
 * cards is well above the size of a busy board (about 2 MB of static data at 10,000 cards).
 */
const MAX_CARDS = 20_000;
const MAX_RECENT = 1000;
const MAX_KNOWN = 1000;
/**
 * Comments and checked items are found by a high-water mark on Wekan's own timestamps. Writes that become
 * visible slightly out of order are caught by also looking back this far, with the ids seen in that span
 * remembered so nothing is reported twice.
 */
const LOOKBACK_MS = 60_000;
/** A card created this close to the previous snapshot still counts as new (same-millisecond races). */
const NEW_CARD_SLACK_MS = 1000;

/** listId, swimlaneId, modifiedAt, field hashes, open due date, last due notice (`s|<due>` or `o|<due>`). */
type CardEntry = [string, string, string, string, string, string];

interface Watermark {
	w: number;
	ids: string[];
}

interface PollState extends IDataObject {
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

interface Snapshot {
	board?: IDataObject;
	lists: IDataObject[];
	swimlanes?: IDataObject[];
	cards?: IDataObject[];
	comments?: IDataObject[];
	checklistItems?: IDataObject[];
	checklists?: IDataObject[];
}

function time(value: unknown): number {
	const ms = value ? Date.parse(String(value)) : NaN;
	return Number.isFinite(ms) ? ms : 0;
}

function iso(value: unknown): string {
	const ms = time(value);
	return ms ? new Date(ms).toISOString() : '';
}

function hashFields(card: IDataObject): string {
	return TRACKED_FIELDS.map((field) =>
		createHash('sha1')
			.update(JSON.stringify(card[field] ?? null))
			.digest('hex')
			.slice(0, HASH_CHARS),
	).join('');
}

function changedFields(before: string, after: string): string[] {
	return TRACKED_FIELDS.filter(
		(_f, i) => before.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS) !== after.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS),
	);
}

function openDue(card: IDataObject): string {
	return card.dueComplete === true ? '' : iso(card.dueAt);
}

function entryOf(card: IDataObject, notice = ''): CardEntry {
	return [String(card.listId), String(card.swimlaneId ?? ''), iso(card.modifiedAt), hashFields(card), openDue(card), notice];
}

/** Keeps the newest `max` values of a list of ids (the list grows at its end). */
function bounded(ids: string[], max: number): string[] {
	return ids.length > max ? ids.slice(ids.length - max) : ids;
}

export class WekanPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wekan Polling Trigger',
		name: 'wekanPollingTrigger',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when cards, comments, checklists, lists or due dates change on a Wekan board, by polling',
		defaults: { name: 'Wekan Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wekanRestApi', required: true }],
		properties: [
			{
				displayName:
					'Works with any Wekan that n8n can reach, also on a private network. The first check only records the board; later checks report what changed since.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			boardLocator({ description: 'The board to watch' }),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['cardCreated'],
				options: [
					{ name: 'Card Archived', value: 'cardArchived', description: 'A card was moved to the archive' },
					{ name: 'Card Created', value: 'cardCreated' },
					{ name: 'Card Due Soon', value: 'cardDueSoon', description: 'An open card\'s due date is within the lead time' },
					{ name: 'Card Moved', value: 'cardMoved', description: 'A card changed list or swimlane' },
					{ name: 'Card Overdue', value: 'cardOverdue', description: 'An open card\'s due date has passed' },
					{ name: 'Card Updated', value: 'cardUpdated', description: 'Title, description, dates, labels, members, colour or custom fields changed' },
					{ name: 'Checklist Item Completed', value: 'checklistItemCompleted' },
					{ name: 'Comment Added', value: 'commentAdded' },
					{ name: 'List Created', value: 'listCreated' },
					{ name: 'Swimlane Created', value: 'swimlaneCreated' },
				],
			},
			{
				displayName: 'List Names or IDs',
				name: 'listIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLists', loadOptionsDependsOn: ['boardId.value'] },
				default: [],
				description:
					'Only cards in these lists (a move counts for its old and its new list); all lists when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Lead Time (Hours)',
				name: 'leadTimeHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 24,
				displayOptions: { show: { events: ['cardDueSoon'] } },
				description: 'How long before its due date a card counts as due soon',
			},
		],
	};

	methods = {
		listSearch: { searchBoards, searchLists, searchSwimlanes },
		loadOptions: {
			async getLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return (await searchLists.call(this)).results.map((r) => ({ name: r.name, value: r.value }));
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const boardId = String(this.getNodeParameter('boardId', undefined, { extractValue: true }) ?? '').trim();
		if (!WEKAN_ID.test(boardId)) throw new NodeOperationError(this.getNode(), 'Choose a board');
		const events = (this.getNodeParameter('events', []) as string[]).map(String);
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		const scope = new Set((this.getNodeParameter('listIds', []) as string[]).map(String).filter(Boolean));
		const leadMs = Number(this.getNodeParameter('leadTimeHours', 24)) * 3_600_000;
		const wants = (event: string) => events.includes(event);
		const needCards = CARD_EVENTS.some(wants);
		const needDeep = DEEP_EVENTS.some(wants);
		const inScope = (listId: unknown) => !scope.size || scope.has(String(listId));
		const base = await wekanBaseUrl.call(this);
		const boardPath = `/api/boards/${seg(boardId)}`;

		const fetchExport = async (): Promise<Snapshot> => {
			const data = (await wekanRequest.call(this, {
				method: 'GET',
				path: `${boardPath}/export`,
				qs: { attachments: 'false' },
				permission: 'board-read',
			})) as IDataObject;
			return {
				board: data,
				lists: ((data.lists as IDataObject[]) ?? []).filter((l) => l.archived !== true),
				swimlanes: ((data.swimlanes as IDataObject[]) ?? []).filter((s) => s.archived !== true),
				cards: (data.cards as IDataObject[]) ?? [],
				comments: (data.comments as IDataObject[]) ?? [],
				checklistItems: (data.checklistItems as IDataObject[]) ?? [],
				checklists: (data.checklists as IDataObject[]) ?? [],
			};
		};
		const fetchLists = async () =>
			(await wekanRequest.call(this, { method: 'GET', path: `${boardPath}/lists`, expect: 'array', permission: 'board-read' })) as IDataObject[];
		const fetchSwimlanes = async () =>
			(await wekanRequest.call(this, { method: 'GET', path: `${boardPath}/swimlanes`, expect: 'array', permission: 'board-read' })) as IDataObject[];
		const cardUrl = (slug: string, cardId: string) => `${base}/b/${boardId}/${slug || 'board'}/${cardId}`;

		if (this.getMode() === 'manual') {
			const snapshot = await fetchExport();
			const sample = latestSample(snapshot, events, scope, leadMs, boardId, (id) => cardUrl(String(snapshot.board?.slug ?? ''), id));
			return sample ? [this.helpers.returnJsonArray([sample])] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const config = JSON.stringify([boardId, [...events].sort(), [...scope].sort()]);
		const baseline = state.config !== config;

		// A snapshot is one consistent read, so a card moving between two lists is seen in exactly one of them.
		let snapshot: Snapshot;
		if (needDeep || (needCards && baseline)) {
			snapshot = await fetchExport();
		} else {
			snapshot = { lists: await fetchLists() };
			const stored = state.lists ?? {};
			const current = new Map(snapshot.lists.map((l) => [String(l._id), iso(l.cardsModifiedAt)]));
			// cardsModifiedAt changes on every card write in a list, including the old list of a move and deletions;
			// a list no card was ever written to has none. Wekan before v10.72 reports neither date, so every poll
			// has to look there.
			const supported = snapshot.lists.some((l) => l.modifiedAt !== undefined || l.cardsModifiedAt !== undefined);
			// Lists outside the scope count too: a card that moves in later must be known, to report where from.
			const dirty =
				!supported ||
				[...current].some(([id, marker]) => stored[id] !== marker) ||
				Object.keys(stored).some((id) => !current.has(id));
			if (needCards && dirty) snapshot = { ...(await fetchExport()), lists: snapshot.lists };
		}
		if (wants('swimlaneCreated') && !snapshot.swimlanes) snapshot.swimlanes = await fetchSwimlanes();

		const out: IDataObject[] = [];
		const next: PollState = { ...state, config };
		if (snapshot.board?.slug) next.slug = String(snapshot.board.slug);
		const slug = next.slug ?? '';
		const emit = (event: string, fields: IDataObject) => {
			if (!baseline && wants(event)) out.push({ event, boardId, ...fields });
		};

		// ---- lists and swimlanes -------------------------------------------------------------------------
		next.lists = Object.fromEntries(snapshot.lists.map((l) => [String(l._id), iso(l.cardsModifiedAt)]));
		const knownLists = new Set(state.knownLists ?? []);
		for (const list of snapshot.lists) {
			const id = String(list._id);
			if (!knownLists.has(id) && state.knownLists) emit('listCreated', { listId: id, list });
			knownLists.add(id);
		}
		next.knownLists = bounded([...knownLists], MAX_KNOWN);
		if (snapshot.swimlanes) {
			const known = new Set(state.knownSwimlanes ?? []);
			for (const swimlane of snapshot.swimlanes) {
				const id = String(swimlane._id);
				if (!known.has(id) && state.knownSwimlanes) emit('swimlaneCreated', { swimlaneId: id, swimlane });
				known.add(id);
			}
			next.knownSwimlanes = bounded([...known], MAX_KNOWN);
		}

		// ---- cards ---------------------------------------------------------------------------------------
		const cardsById = new Map((snapshot.cards ?? []).map((c) => [String(c._id), c]));
		if (snapshot.cards && needCards) {
			const before = baseline ? {} : (state.cards ?? {});
			const seenUntil = state.seenUntil ?? 0;
			const cards: Record<string, CardEntry> = {};
			const archived = new Set(baseline ? [] : (state.archived ?? []));
			const sorted = [...snapshot.cards].sort((a, b) => time(a.archivedAt) - time(b.archivedAt));
			for (const card of sorted) {
				const id = String(card._id);
				const prev = before[id];
				if (card.archived === true) {
					const common = { cardId: id, listId: card.listId, swimlaneId: card.swimlaneId, card, url: cardUrl(slug, id) };
					// A card made and archived between two polls existed all the same: both are reported.
					const bornArchived = !prev && !archived.has(id) && time(card.createdAt) >= seenUntil - NEW_CARD_SLACK_MS;
					if (bornArchived && inScope(card.listId)) emit('cardCreated', common);
					if ((prev && inScope(prev[0])) || (bornArchived && inScope(card.listId))) emit('cardArchived', common);
					if (prev || baseline || bornArchived) {
						archived.delete(id);
						archived.add(id);
					}
					continue;
				}
				const entry = entryOf(card, prev && prev[4] === openDue(card) ? prev[5] : '');
				cards[id] = entry;
				const common = { cardId: id, listId: card.listId, swimlaneId: card.swimlaneId, card, url: cardUrl(slug, id) };
				if (!prev) {
					// Unknown cards that are not new were restored, came from another board or fell out of the bounded state.
					const restored = archived.delete(id);
					if (!restored && time(card.createdAt) >= seenUntil - NEW_CARD_SLACK_MS && inScope(card.listId)) emit('cardCreated', common);
					continue;
				}
				if ((prev[0] !== entry[0] || prev[1] !== entry[1]) && (inScope(prev[0]) || inScope(entry[0]))) {
					emit('cardMoved', { ...common, oldListId: prev[0], oldSwimlaneId: prev[1] });
				}
				if (prev[2] !== entry[2] && inScope(entry[0])) {
					const changes = changedFields(prev[3], entry[3]);
					if (changes.length) emit('cardUpdated', { ...common, changes });
				}
			}
			next.cards = boundCards(cards, inScope);
			next.archived = bounded([...archived], MAX_RECENT);
			next.seenUntil = Math.max(
				seenUntil,
				...snapshot.cards.map((c) => Math.max(time(c.createdAt), time(c.modifiedAt))),
			);
		}

		// ---- due dates: from the stored cards, so an idle board costs no extra request --------------------
		if ((wants('cardDueSoon') || wants('cardOverdue')) && next.cards) {
			const now = Date.now();
			for (const [id, entry] of Object.entries(next.cards)) {
				const due = time(entry[4]);
				if (!due || !inScope(entry[0])) continue;
				let event = '';
				if (due <= now) {
					if (entry[5] !== `o|${entry[4]}`) event = 'cardOverdue';
				} else if (due - leadMs <= now && entry[5] !== `s|${entry[4]}` && entry[5] !== `o|${entry[4]}`) {
					event = 'cardDueSoon';
				}
				if (!event) continue;
				next.cards[id] = [...entry.slice(0, 5), `${event === 'cardOverdue' ? 'o' : 's'}|${entry[4]}`] as CardEntry;
				if (baseline || !wants(event)) continue;
				const card =
					cardsById.get(id) ??
					((await wekanRequest.call(this, { method: 'GET', path: `/api/cards/${seg(id)}`, permission: 'board-read' })) as IDataObject);
				emit(event, { cardId: id, listId: entry[0], swimlaneId: entry[1], dueAt: entry[4], card, url: cardUrl(slug, id) });
			}
		}

		// ---- comments and checklist items ----------------------------------------------------------------
		if (snapshot.comments && wants('commentAdded')) {
			next.comments = advance(baseline ? undefined : state.comments, snapshot.comments, (c) => time(c.createdAt), (c) => String(c._id), (comment) => {
				const card = cardsById.get(String(comment.cardId));
				if (!card || !inScope(card.listId)) return;
				emit('commentAdded', {
					cardId: comment.cardId,
					listId: card.listId,
					swimlaneId: card.swimlaneId,
					commentId: comment._id,
					comment,
					card,
					url: cardUrl(slug, String(card._id)),
				});
			});
		}
		if (snapshot.checklistItems && wants('checklistItemCompleted')) {
			const finished = snapshot.checklistItems.filter((i) => i.isFinished === true);
			const checklists = new Map((snapshot.checklists ?? []).map((c) => [String(c._id), c]));
			next.items = advance(
				baseline ? undefined : state.items,
				finished,
				(i) => time(i.modifiedAt),
				(i) => `${String(i._id)}@${iso(i.modifiedAt)}`,
				(item) => {
					const card = cardsById.get(String(item.cardId));
					if (!card || !inScope(card.listId)) return;
					emit('checklistItemCompleted', {
						cardId: item.cardId,
						listId: card.listId,
						swimlaneId: card.swimlaneId,
						checklistItem: item,
						checklist: checklists.get(String(item.checklistId)) ?? null,
						card,
						url: cardUrl(slug, String(card._id)),
					});
				},
			);
		}

		// Only now, with every request done, does the state move on: a failed poll is repeated in full.
		for (const key of Object.keys(state)) delete state[key];
		Object.assign(state, next);
		return out.length ? [this.helpers.returnJsonArray(out)] : null;
	}
}

/**
 * Reports documents newer than the watermark (minus the look-back) that were not reported before, and returns
 * the new watermark with the ids inside its look-back span.
 */
function advance(
	previous: Watermark | undefined,
	docs: IDataObject[],
	at: (doc: IDataObject) => number,
	key: (doc: IDataObject) => string,
	report: (doc: IDataObject) => void,
): Watermark {
	const seen = new Set(previous?.ids ?? []);
	const from = (previous?.w ?? 0) - LOOKBACK_MS;
	const sorted = [...docs].sort((a, b) => at(a) - at(b));
	if (previous) {
		for (const doc of sorted) if (at(doc) > from && !seen.has(key(doc))) report(doc);
	}
	const w = Math.max(previous?.w ?? 0, ...sorted.map(at));
	const ids = sorted.filter((d) => at(d) > w - LOOKBACK_MS).map(key);
	return { w, ids: bounded(ids, MAX_RECENT) };
}

/** Keeps at most MAX_CARDS cards: those in scope first, then the most recently changed. */
function boundCards(cards: Record<string, CardEntry>, inScope: (listId: string) => boolean): Record<string, CardEntry> {
	const entries = Object.entries(cards);
	if (entries.length <= MAX_CARDS) return cards;
	entries.sort((a, b) => Number(inScope(b[1][0])) - Number(inScope(a[1][0])) || time(b[1][2]) - time(a[1][2]));
	return Object.fromEntries(entries.slice(0, MAX_CARDS));
}

/** For a manual test: the newest thing on the board that one of the chosen events would report. */
function latestSample(
	snapshot: Snapshot,
	events: string[],
	scope: Set<string>,
	leadMs: number,
	boardId: string,
	cardUrl: (cardId: string) => string,
): IDataObject | undefined {
	const inScope = (listId: unknown) => !scope.size || scope.has(String(listId));
	const cards = snapshot.cards ?? [];
	const cardsById = new Map(cards.map((c) => [String(c._id), c]));
	const candidates: Array<{ at: number; item: IDataObject }> = [];
	const add = (at: number, event: string, fields: IDataObject) => candidates.push({ at, item: { event, boardId, ...fields } });
	const cardFields = (card: IDataObject) => ({
		cardId: card._id,
		listId: card.listId,
		swimlaneId: card.swimlaneId,
		card,
		url: cardUrl(String(card._id)),
	});
	const now = Date.now();
	for (const card of cards) {
		if (!inScope(card.listId)) continue;
		if (card.archived === true) {
			if (events.includes('cardArchived')) add(time(card.archivedAt ?? card.modifiedAt), 'cardArchived', cardFields(card));
			continue;
		}
		if (events.includes('cardCreated')) add(time(card.createdAt), 'cardCreated', cardFields(card));
		if (events.includes('cardUpdated')) add(time(card.modifiedAt), 'cardUpdated', { ...cardFields(card), changes: [] });
		if (events.includes('cardMoved')) add(time(card.modifiedAt), 'cardMoved', { ...cardFields(card), oldListId: null, oldSwimlaneId: null });
		const due = time(openDue(card));
		if (due && events.includes('cardOverdue') && due <= now) add(due, 'cardOverdue', { ...cardFields(card), dueAt: card.dueAt });
		if (due && events.includes('cardDueSoon') && due > now && due - leadMs <= now) add(due, 'cardDueSoon', { ...cardFields(card), dueAt: card.dueAt });
	}
	if (events.includes('commentAdded')) {
		for (const comment of snapshot.comments ?? []) {
			const card = cardsById.get(String(comment.cardId));
			if (card && inScope(card.listId)) add(time(comment.createdAt), 'commentAdded', { ...cardFields(card), commentId: comment._id, comment });
		}
	}
	if (events.includes('checklistItemCompleted')) {
		for (const item of snapshot.checklistItems ?? []) {
			const card = cardsById.get(String(item.cardId));
			if (item.isFinished === true && card && inScope(card.listId)) add(time(item.modifiedAt), 'checklistItemCompleted', { ...cardFields(card), checklistItem: item });
		}
	}
	if (events.includes('listCreated')) for (const list of snapshot.lists) add(time(list.createdAt), 'listCreated', { listId: list._id, list });
	if (events.includes('swimlaneCreated')) {
		for (const swimlane of snapshot.swimlanes ?? []) add(time(swimlane.createdAt), 'swimlaneCreated', { swimlaneId: swimlane._id, swimlane });
	}
	// On equal times the later document wins: the export lists documents in the order they were written.
	let latest: { at: number; item: IDataObject } | undefined;
	for (const candidate of candidates) if (!latest || candidate.at >= latest.at) latest = candidate;
	return latest?.item;
}
