/**
 * Activities and what their insertion triggers, outgoing webhooks among it (models/activities.js, server/models/activities.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerActivities(_wekan: Wekan): void {}
