/**
 * Checklists and checklist items (models/checklists.js, models/checklistItems.js, server/models/checklists.js, server/models/checklistItems.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerChecklists(_wekan: Wekan): void {}
