/**
 * The `actions` collection has no schema: models/actions.js (1-22) creates it and never calls attachSchema, so
 * nothing cleans or validates an action: unknown keys, empty strings and untrimmed strings are stored as written.
 * At Wekan v11.07, commit f5cc8e373.
 */
import type { Database } from '../db/database';
import type { AttachedSchema } from '../db/schema';

/**
 * What Wekan writes, by convention only; the other fields depend on actionType (server/rulesHelper.js).
 * createdAt and modifiedAt come from the hooks of models/actions.js:6-14, not a schema.
 */
export interface ActionDoc {
	_id: string;
	actionType?: string;
	boardId?: string;
	desc?: string;
	createdAt?: Date;
	modifiedAt?: Date;
	[field: string]: unknown;
}

/** No schema to attach: `undefined`, so the collection stores what it is given. */
export function actionsSchema(_db: Database): AttachedSchema | undefined {
	return undefined;
}
