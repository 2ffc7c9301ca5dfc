/**
 * Card comments (models/cardComments.js, server/models/cardComments.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerComments(_wekan: Wekan): void {}
