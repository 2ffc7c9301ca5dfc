/**
 * The `checklistItems` collection's schema, at Wekan v11.07, commit f5cc8e373: models/checklistItems.js:12-82.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

export interface ChecklistItemDoc {
	_id: string;
	title: string;
	sort: number;
	isFinished: boolean;
	checklistId: string;
	cardId: string;
	/** Denormalized from the card by a before.insert hook (server/models/checklistItems.js:22-29), not the schema. */
	boardId?: string;
	createdAt: Date;
	modifiedAt: Date;
	/**
	 * Not in the schema: the before.insert hook of models/checklistItems.js:84-88 adds it after validation, so it is
	 * stored, but an update that sets it has it filtered out.
	 */
	userId?: string;
}

export function checklistItemsSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			// models/checklistItems.js:14-19: required, so a blank title (trimmed, then removed) is refused.
			title: { type: String },
			// models/checklistItems.js:20-25: required, with no default.
			sort: { type: Number },
			isFinished: { type: Boolean, defaultValue: false },
			checklistId: { type: String },
			cardId: { type: String },
			boardId: { type: String, optional: true },
			// models/checklistItems.js:56-69: marked optional, but the autoValue always gives it on insert.
			createdAt: { type: Date, optional: true, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
		}),
	);
}
