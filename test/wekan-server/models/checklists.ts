/**
 * Checklists and checklist items (models/checklists.js, models/checklistItems.js, server/models/checklists.js, server/models/checklistItems.js).
 */
import { checklistsSchema } from '../schemas/checklists';
import { checklistItemsSchema } from '../schemas/checklistItems';
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerChecklists(wekan: Wekan): void {
	wekan.db.checklists.attachSchema(checklistsSchema(wekan.db));
	wekan.db.checklistItems.attachSchema(checklistItemsSchema(wekan.db));
}
