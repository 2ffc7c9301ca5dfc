import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { seg } from '../../../shared/transport';

/**
 * Reads a card wherever it is (any list, archived too). Card writes are scoped to the card's board and list,
 * and Wekan answers them with success even when nothing matched, so writes start from the card as it is.
 */
export async function fetchCard(item: ItemContext, cardId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: `/api/cards/${seg(cardId)}`,
		permission: 'board-read',
		notFound: `No card with ID ${cardId}`,
	});
}

export function cardPath(card: IDataObject): string {
	return `/api/boards/${seg(String(card.boardId))}/lists/${seg(String(card.listId))}/cards/${seg(String(card._id))}`;
}

/** `writes` of an operation that changes one card (pipeline.ts): items on the same card go in input order. */
export function oneCardWrites(item: ItemContext): string[] {
	return [`card:${item.locatorId('cardId', 'Card', 'card')}`];
}
