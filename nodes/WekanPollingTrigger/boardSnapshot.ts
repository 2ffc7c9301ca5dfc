/**
 * The board as one poll sees it, and which requests that takes. The export is one consistent read of the whole
 * board, so a card moving between two lists is seen in exactly one of them; an idle board costs only its lists.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { seg, wekanRequest } from '../shared/transport';
import { CARD_EVENTS, DEEP_EVENTS, type PollSettings, wants, wantsAny } from './pollSettings';
import { toIso } from './timestamps';

export interface Snapshot {
	/** The board export; absent when only the lists were read. */
	board?: IDataObject;
	lists: IDataObject[];
	swimlanes?: IDataObject[];
	cards?: IDataObject[];
	comments?: IDataObject[];
	checklistItems?: IDataObject[];
	checklists?: IDataObject[];
}

function boardPath(boardId: string): string {
	return `/api/boards/${seg(boardId)}`;
}

/** The whole board in one request; archived lists and swimlanes are left out, archived cards are kept. */
export async function readBoardExport(this: IPollFunctions, boardId: string): Promise<Snapshot> {
	const data = (await wekanRequest.call(this, {
		method: 'GET',
		path: `${boardPath(boardId)}/export`,
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
}

async function readBoardChildren(this: IPollFunctions, boardId: string, kind: 'lists' | 'swimlanes'): Promise<IDataObject[]> {
	return (await wekanRequest.call(this, {
		method: 'GET',
		path: `${boardPath(boardId)}/${kind}`,
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
}

async function readCard(this: IPollFunctions, cardId: string): Promise<IDataObject> {
	return (await wekanRequest.call(this, { method: 'GET', path: `/api/cards/${seg(cardId)}`, permission: 'board-read' })) as IDataObject;
}

/** Per list, when a card in it was last written: what the next poll compares with. */
export function listMarkers(lists: IDataObject[]): Record<string, string> {
	return Object.fromEntries(lists.map((l) => [String(l._id), toIso(l.cardsModifiedAt)]));
}

/**
 * cardsModifiedAt changes on every card write in a list, including the old list of a move and deletions; a list
 * no card was ever written to has none. Wekan before v10.72 reports neither date, so every poll has to look there.
 * Lists outside the scope count too: a card that moves in later must be known, to report where from.
 */
function cardsMayHaveChanged(stored: Record<string, string>, lists: IDataObject[]): boolean {
	const supported = lists.some((l) => l.modifiedAt !== undefined || l.cardsModifiedAt !== undefined);
	if (!supported) return true;
	const current = new Map(Object.entries(listMarkers(lists)));
	return [...current].some(([id, marker]) => stored[id] !== marker) || Object.keys(stored).some((id) => !current.has(id));
}

/**
 * Reads what the chosen events need: the export when comments or checklist items are wanted or the cards need a
 * baseline, else the lists, and the export only when a list says its cards changed.
 */
export async function loadSnapshot(
	this: IPollFunctions,
	settings: PollSettings,
	baseline: boolean,
	storedLists: Record<string, string>,
): Promise<Snapshot> {
	const needCards = wantsAny(settings, CARD_EVENTS);
	let snapshot: Snapshot;
	if (wantsAny(settings, DEEP_EVENTS) || (needCards && baseline)) {
		snapshot = await readBoardExport.call(this, settings.boardId);
	} else {
		const lists = await readBoardChildren.call(this, settings.boardId, 'lists');
		snapshot = { lists };
		if (needCards && cardsMayHaveChanged(storedLists, lists)) snapshot = { ...(await readBoardExport.call(this, settings.boardId)), lists };
	}
	if (wants(settings, 'swimlaneCreated') && !snapshot.swimlanes) {
		snapshot.swimlanes = await readBoardChildren.call(this, settings.boardId, 'swimlanes');
	}
	return snapshot;
}

/** Reads the card of each due date event the snapshot had none for (an idle board is not read again). */
export async function readMissingCards(this: IPollFunctions, events: IDataObject[]): Promise<void> {
	for (const event of events) {
		if (event.cardId && event.card === undefined) event.card = await readCard.call(this, String(event.cardId));
	}
}
