/**
 * The site settings document (models/settings.js, server/models/settings.js).
 */
import { settingsSchema } from '../schemas/settings';
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerSettings(wekan: Wekan): void {
	wekan.db.settings.attachSchema(settingsSchema(wekan.db));
}
