/**
 * Rules, triggers and actions: the rules schema (models/rules.js:8-65) and the hooks of models/triggers.js:6-14 and
 * models/actions.js:6-14, which date the schemaless triggers and actions. At Wekan v11.07, commit f5cc8e373.
 */
import { rulesSchema } from '../schemas/rules';
import type { Wekan } from '../server';

/** Attaches the rules schema and registers the triggers' and actions' hooks. */
export function registerRules(wekan: Wekan): void {
	const { db } = wekan;
	db.rules.attachSchema(rulesSchema(db));

	// models/triggers.js:6-9
	db.triggers.before.insert((_userId, doc) => {
		const now = new Date();
		doc.createdAt = now;
		doc.updatedAt = now;
	});
	// models/triggers.js:11-14
	db.triggers.before.update((_userId, _doc, _fieldNames, modifier) => {
		modifier.$set = { ...((modifier.$set as Record<string, unknown> | undefined) ?? {}), updatedAt: new Date() };
	});

	// models/actions.js:6-9
	db.actions.before.insert((_userId, doc) => {
		const now = new Date();
		doc.createdAt = now;
		doc.modifiedAt = now;
	});
	// models/actions.js:11-14
	db.actions.before.update((_userId, _doc, _fieldNames, modifier) => {
		modifier.$set = { ...((modifier.$set as Record<string, unknown> | undefined) ?? {}), modifiedAt: new Date() };
	});
}
