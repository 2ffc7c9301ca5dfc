/**
 * Custom fields (models/customFields.js, server/models/customFields.js).
 */
import { customFieldsSchema } from '../schemas/customFields';
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerCustomFields(wekan: Wekan): void {
	wekan.db.customFields.attachSchema(customFieldsSchema(wekan.db));
}
