/**
 * Custom fields (models/customFields.js, server/models/customFields.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerCustomFields(_wekan: Wekan): void {}
