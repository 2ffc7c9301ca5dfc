/**
 * Integrations: board webhooks (models/integrations.js, server/models/integrations.js).
 */
import { integrationsSchema } from '../schemas/integrations';
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerIntegrations(wekan: Wekan): void {
	wekan.db.integrations.attachSchema(integrationsSchema(wekan.db));
}
