/**
 * The `checklists` collection's schema, at Wekan v11.07, commit f5cc8e373: models/checklists.js:17-112.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

export interface ChecklistDoc {
	_id: string;
	cardId: string;
	/** Denormalized from the card by a before.insert hook (server/models/checklists.js:76-83), not by the schema. */
	boardId?: string;
	title: string;
	finishedAt?: Date;
	createdAt: Date;
	modifiedAt: Date;
	sort: number;
	hideCheckedChecklistItems?: boolean;
	hideAllChecklistItems?: boolean;
	/** Unset means "follow the board's default"; true or false override it (models/checklists.js:97-110). */
	showChecklistAtMinicard?: boolean;
	/**
	 * Not in the schema: the before.insert hook of models/checklists.js:260-265 adds it after validation, so it is
	 * stored, but an update that sets it has it filtered out.
	 */
	userId?: string;
}

export function checklistsSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			cardId: { type: String },
			// models/checklists.js:25-35: optional here; the hooks fill it from the card.
			boardId: { type: String, optional: true },
			// models/checklists.js:36-42: required but defaulted, so a missing or blank title becomes 'Checklist'.
			title: { type: String, defaultValue: 'Checklist' },
			finishedAt: { type: Date, optional: true },
			createdAt: { type: Date, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
			// models/checklists.js:77-82: required, with no default.
			sort: { type: Number },
			hideCheckedChecklistItems: { type: Boolean, optional: true },
			hideAllChecklistItems: { type: Boolean, optional: true },
			// models/checklists.js:97-110: deliberately no default, so "not chosen" stays distinct from false.
			showChecklistAtMinicard: { type: Boolean, optional: true },
		}),
	);
}
