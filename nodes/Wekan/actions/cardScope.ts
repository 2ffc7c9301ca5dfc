/**
 * What the card-scoped resources (checklists, checklist items, comments, attachments) share: the card parameter,
 * and the card looked up so the board (and list and swimlane) need not be picked.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../shared/locators';
import { seg } from '../../shared/transport';
import { fetchCard } from './card/cardRef';
import type { ItemContext } from './itemContext';

/** The card, plus a board used only to pick the card from a list. */
export function cardParameters(): INodeProperties[] {
	return [
		cardLocator(),
		boardLocator({ description: 'Needed only to pick the card from a list; other lists show the card\'s own board when this is empty', required: false }),
	];
}

export interface CardScope {
	card: IDataObject;
	cardId: string;
	boardId: string;
	/** `/api/boards/<board>/cards/<card>`, the base of the checklist and comment routes. */
	path: string;
}

/** The card id from the card parameter; validated, no request made. */
export function cardIdOf(item: ItemContext): string {
	return item.locatorId('cardId', 'Card', 'card');
}

/** Finds the card wherever it is; its board is the one the card actually sits on. */
export async function cardScope(item: ItemContext, cardId: string): Promise<CardScope> {
	const card = await fetchCard(item, cardId);
	const boardId = String(card.boardId);
	return { card, cardId, boardId, path: `/api/boards/${seg(boardId)}/cards/${seg(cardId)}` };
}

/** A list parameter (one entry per line, or an array from an expression), trimmed. */
export function lines(value: unknown): string[] {
	const raw = Array.isArray(value)
		? value.map((v) => String(v ?? ''))
		: typeof value === 'string'
			? value.split(/\r?\n/)
			: typeof value === 'number'
				? [String(value)]
				: [];
	return raw.map((v) => v.trim()).filter(Boolean);
}

/** Why a created object should not be created again, for errors after the create step. */
export function createdNote(what: string): string {
	return `The ${what} exists in Wekan. Do not run this item again, or it will be created twice.`;
}
