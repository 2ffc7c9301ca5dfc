/**
 * Cards (models/cards.js, server/models/cards.js).
 */
import { type CardDoc, cardsSchema } from '../schemas/cards';
import type { Wekan } from '../server';

export type NewCard = Partial<CardDoc> & Pick<CardDoc, 'title' | 'boardId' | 'listId' | 'swimlaneId' | 'userId'>;

/** Attaches the cards schema and registers the cards hooks. */
export function registerCards(wekan: Wekan): void {
	wekan.db.cards.attachSchema(cardsSchema(wekan.db));
}

export function createCard(wekan: Wekan, input: NewCard): CardDoc {
	const id = wekan.db.cards.insert({ archived: false, sort: 0, type: 'cardType-card', ...input });
	return wekan.db.cards.findOne(id) as CardDoc;
}
