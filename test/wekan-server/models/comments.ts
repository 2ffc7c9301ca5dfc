/**
 * Card comments (models/cardComments.js, server/models/cardComments.js).
 */
import { cardCommentsSchema } from '../schemas/cardComments';
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerComments(wekan: Wekan): void {
	wekan.db.card_comments.attachSchema(cardCommentsSchema(wekan.db));
}
