/**
 * The site settings document (models/settings.js, server/models/settings.js at Wekan v11.07): its schema, the
 * default document Wekan inserts at startup when there is none, and the fields the REST API reads and writes.
 */
import { settingsSchema, type SettingsDoc } from '../schemas/settings';
import type { Wekan } from '../server';

/** Attaches the schema and, as Meteor.startup does, creates the settings document. */
export function registerSettings(wekan: Wekan): void {
	wekan.db.settings.attachSchema(settingsSchema(wekan.db));
	startupSettings(wekan);
}

/**
 * server/models/settings.js:149-197: with no settings document, insert the default one. The mail sender's domain is
 * ROOT_URL's host (`//(?:www\.)?(.*)?`), which this server knows only when started with `rootUrl`; the REST API never
 * shows mailServer. DEFAULT_AUTHENTICATION_METHOD is not modelled, so the method is 'password'
 * (models/lib/authenticationMethod.js resolveDefaultAuthenticationMethod).
 */
export function startupSettings(wekan: Wekan): void {
	if (wekan.db.settings.findOne({})) return;
	const rootUrl = wekan.rootUrl ?? 'http://localhost';
	const domain = /\/\/(?:www\.)?(.*)?(?:\/)?/.exec(rootUrl)?.[1] ?? 'localhost';
	const now = new Date();
	wekan.db.settings.insert({
		disableRegistration: false,
		mailServer: {
			username: '',
			password: '',
			host: '',
			port: '',
			enableTLS: false,
			from: `Boards Support <support@${domain}>`,
		},
		createdAt: now,
		modifiedAt: now,
		displayAuthenticationMethod: true,
		defaultAuthenticationMethod: 'password',
	});
}

/**
 * REST_SETTINGS_FIELDS (server/models/settings.js:534-570): what GET and PUT /api/settings read and write. Not
 * mailServer (SMTP credentials), nor most switches of the document (disableActivities, enablePermanentDelete, ...).
 */
export const REST_SETTINGS_FIELDS = [
	'disableRegistration',
	'disableForgotPassword',
	'productName',
	'displayAuthenticationMethod',
	'defaultAuthenticationMethod',
	'spinnerName',
	'hideLogo',
	'hideCardCounterList',
	'hideBoardMemberList',
	'customLoginLogoImageUrl',
	'customLoginLogoLinkUrl',
	'customHelpLinkUrl',
	'textBelowCustomLoginLogo',
	'automaticLinkedUrlSchemes',
	'customTopLeftCornerLogoImageUrl',
	'customTopLeftCornerLogoLinkUrl',
	'customTopLeftCornerLogoHeight',
	'oidcBtnText',
	'mailDomainName',
	'legalNotice',
	'customHeadEnabled',
	'customHeadMetaTags',
	'customHeadLinkTags',
	'customManifestEnabled',
	'customManifestContent',
	'customAssetLinksEnabled',
	'customAssetLinksContent',
	'accessibilityPageEnabled',
	'accessibilityTitle',
	'accessibilityContent',
	'supportPopupText',
	'supportPageEnabled',
	'supportPagePublic',
	'supportTitle',
	'supportPageText',
] as const satisfies ReadonlyArray<keyof SettingsDoc>;

/** pickSettingsFields (server/models/settings.js:572-582): `_id` first, then each REST field the document has. */
export function pickSettingsFields(doc: SettingsDoc | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = { _id: doc?._id };
	if (doc) {
		for (const field of REST_SETTINGS_FIELDS) if (doc[field] !== undefined) out[field] = doc[field];
	}
	return out;
}
