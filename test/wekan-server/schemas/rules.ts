/**
 * The `rules` collection's schema: models/rules.js:8-65. At Wekan v11.07, commit f5cc8e373.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

/** models/rules.js:30-34: the manual-button metadata a button rule carries. */
export const RULE_BUTTON_TYPES = ['card', 'board'] as const;

export interface RuleDoc {
	_id: string;
	title: string;
	triggerId: string;
	actionId: string;
	boardId: string;
	buttonType?: (typeof RULE_BUTTON_TYPES)[number];
	buttonLabel?: string;
	createdAt?: Date;
	modifiedAt: Date;
}

export function rulesSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			// models/rules.js:10-25: all four required. There is no `description`: Rules.rename (models/rules.js:68-70)
			// $sets one, which is filtered out, leaving only modifiedAt to change.
			title: { type: String, optional: false },
			triggerId: { type: String, optional: false },
			actionId: { type: String, optional: false },
			boardId: { type: String, optional: false },
			buttonType: { type: String, optional: true, allowedValues: [...RULE_BUTTON_TYPES] },
			buttonLabel: { type: String, optional: true },
			// models/rules.js:39-52: optional, but set on insert and unset from updates like the others.
			createdAt: { type: Date, optional: true, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
		}),
	);
}
