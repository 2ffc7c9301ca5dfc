/**
 * The site settings document (models/settings.js, server/models/settings.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerSettings(_wekan: Wekan): void {}
