/**
 * The `card_comments` collection's schema, at Wekan v11.07, commit f5cc8e373: models/cardComments.js:72-143.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { authorOnInsertAutoValue, createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

export interface CardCommentDoc {
	_id: string;
	boardId: string;
	cardId: string;
	text: string;
	/** '' for a top-level comment, else the _id of the comment this one replies to. */
	parentId: string;
	createdAt: Date;
	modifiedAt: Date;
	/** The author. */
	userId: string;
}

export function cardCommentsSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			boardId: { type: String },
			cardId: { type: String },
			// models/cardComments.js:86-92: required, so a blank text (trimmed, then removed) is refused.
			text: { type: String },
			// models/cardComments.js:93-101: threaded replies; '' rather than absent for a top-level comment.
			parentId: { type: String, optional: true, defaultValue: '' },
			createdAt: { type: Date, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
			// models/cardComments.js:129-141: the author, taken from the acting user only when the insert leaves it out.
			userId: { type: String, autoValue: authorOnInsertAutoValue },
		}),
	);
}
