/**
 * GET and PUT /api/settings (server/models/settings.js:595-641 at Wekan v11.07): the global Admin Panel settings, for
 * site admins only, style A. Only REST_SETTINGS_FIELDS are read or written (never mailServer).
 */
import { sendJsonResult, type Router } from '../http';
import { pickSettingsFields, REST_SETTINGS_FIELDS } from '../models/settings';
import type { Wekan } from '../server';

export function registerSettingsRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;

	router.get('/api/settings', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		return pickSettingsFields(db.settings.findOne({}));
	});

	router.put('/api/settings', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const setting = db.settings.findOne({});
		if (!setting) return sendJsonResult(404, { error: 'Settings not found' });
		const body = ctx.body ?? {};
		const $set: Record<string, unknown> = {};
		for (const field of REST_SETTINGS_FIELDS) if (body[field] !== undefined) $set[field] = body[field];
		// The write goes through collection2: values are converted to the field's type where they can be, an empty
		// string becomes `$unset`, and a value the schema refuses fails the whole write (answered in style A).
		if (Object.keys($set).length > 0) db.settings.update(setting._id, { $set });
		return pickSettingsFields(db.settings.findOne({}));
	});
}
