/**
 * The `triggers` collection has no schema: models/triggers.js (1-54) creates it and never calls attachSchema, and
 * Wekan itself calls it "the schemaless `triggers` collection" (server/rulesButton.js:89). Nothing cleans or
 * validates a trigger: unknown keys, empty strings and untrimmed strings are stored as written. At Wekan v11.07,
 * commit f5cc8e373.
 */
import type { Database } from '../db/database';
import type { AttachedSchema } from '../db/schema';

/**
 * What Wekan writes, by convention only. The matching fields depend on activityType (server/rulesHelper.js);
 * '*' matches anything. createdAt and updatedAt come from the hooks of models/triggers.js:6-14, not a schema.
 */
export interface TriggerDoc {
	_id: string;
	activityType?: string;
	boardId?: string;
	desc?: string;
	createdAt?: Date;
	updatedAt?: Date;
	[field: string]: unknown;
}

/** No schema to attach: `undefined`, so the collection stores what it is given. */
export function triggersSchema(_db: Database): AttachedSchema | undefined {
	return undefined;
}
