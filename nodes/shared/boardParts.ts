/**
 * Dropdowns and list searches for board labels and for where a list, swimlane or card is copied or moved to.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeParameterResourceLocator,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { chooseFirst, chosenIdIn } from './chosenIds';
import { seg, wekanRequest } from './transport';
import { parseWekanUrl, WEKAN_ID } from './wekanUrl';

/** The labels of the chosen board (or of the chosen card's board); a color-only label is shown by its color. */
export async function getBoardLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const boardId = await chosenOrCardBoardId.call(this);
	const board = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}`,
		permission: 'board-read',
	})) as IDataObject;
	return ((board.labels as IDataObject[] | undefined) ?? [])
		.map((l) => ({ name: l.name ? `${String(l.name)} (${String(l.color)})` : `(${String(l.color)})`, value: String(l._id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The board a card locator's card is on, for card operations where the board parameter may be left empty:
 * a pasted card URL carries it, otherwise the card is looked up.
 */
async function boardOfChosenCard(this: ILoadOptionsFunctions): Promise<string | undefined> {
	const value = this.getCurrentNodeParameter('cardId') as INodeParameterResourceLocator | string | undefined;
	const locator = typeof value === 'object' && value !== null ? value : { mode: 'id', value };
	const raw = String(locator.value ?? '').trim();
	const parsed = parseWekanUrl(raw);
	if (parsed) return parsed.boardId;
	if (!raw || !WEKAN_ID.test(raw)) return undefined;
	const card = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/cards/${seg(raw)}`,
		permission: 'board-read',
		notFound: `No card with ID ${raw}`,
	})) as IDataObject;
	return card.boardId ? String(card.boardId) : undefined;
}

/**
 * The board chosen above, else the chosen card's board: card operations leave the board optional, and a pasted card
 * URL already names it.
 */
export async function chosenOrCardBoardId(this: ILoadOptionsFunctions): Promise<string> {
	const boardId = chosenIdIn.call(this, 'boardId') ?? (await boardOfChosenCard.call(this));
	if (!boardId) throw chooseFirst.call(this, 'board');
	return boardId;
}

/** The target board, else the board chosen above, else the chosen card's board. */
async function targetBoardId(this: ILoadOptionsFunctions): Promise<string> {
	const boardId = chosenIdIn.call(this, 'toBoardId') ?? chosenIdIn.call(this, 'boardId') ?? (await boardOfChosenCard.call(this));
	if (!boardId) throw chooseFirst.call(this, 'board');
	return boardId;
}

async function targetChildren(this: ILoadOptionsFunctions, kind: 'lists' | 'swimlanes', filter?: string): Promise<INodeListSearchResult> {
	const boardId = await targetBoardId.call(this);
	const children = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/${kind}`,
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
	const needle = filter?.trim().toLowerCase();
	const results = children
		.map((s) => ({ name: String(s.title ?? s._id), value: String(s._id) }))
		.filter((s) => !needle || s.name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Swimlanes of the target board, or of the board itself when no target board is chosen. */
export async function searchTargetSwimlanes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return targetChildren.call(this, 'swimlanes', filter);
}

/** Lists of the target board, or of the board itself when no target board is chosen. */
export async function searchTargetLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return targetChildren.call(this, 'lists', filter);
}
