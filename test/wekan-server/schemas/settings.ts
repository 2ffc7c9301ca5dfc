/**
 * The `settings` collection's schema (the one site Settings document): models/settings.js:22-380. At Wekan v11.07,
 * commit f5cc8e373.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

/** models/settings.js:204-208: accepted, although Wekan no longer reads a stored value (server/models/settings.js). */
export const CARDS_LOADING_VALUES = ['all', 'lazy'] as const;

export interface SettingsMailServer {
	username?: string;
	password?: string;
	host?: string;
	port?: string;
	enableTLS?: boolean;
	from?: string;
}

export interface SettingsDoc {
	_id: string;
	disableRegistration?: boolean;
	disableForgotPassword?: boolean;
	renderLinksAsPlainText?: boolean;
	alwaysShowCodeAsText?: boolean;
	disableActivities?: boolean;
	disableNotifications?: boolean;
	disableWatch?: boolean;
	enablePermanentDelete?: boolean;
	disableAllExport?: boolean;
	disableAllImport?: boolean;
	disableExportAvatars?: boolean;
	disableImportAvatars?: boolean;
	anonymizeExportUsers?: boolean;
	anonymizeImportUsers?: boolean;
	mailServer?: SettingsMailServer;
	productName?: string;
	themeColor?: string;
	themeCustomColors?: string[];
	displayAuthenticationMethod?: boolean;
	defaultAuthenticationMethod: string;
	spinnerName?: string;
	hideLogo?: boolean;
	hideCardCounterList?: boolean;
	cardsLoading?: (typeof CARDS_LOADING_VALUES)[number];
	hideBoardMemberList?: boolean;
	hideBoardActivitiesOnAllBoards?: boolean;
	customLoginLogoImageUrl?: string;
	customLoginLogoLinkUrl?: string;
	customHelpLinkUrl?: string;
	textBelowCustomLoginLogo?: string;
	automaticLinkedUrlSchemes?: string;
	customTopLeftCornerLogoImageUrl?: string;
	customTopLeftCornerLogoLinkUrl?: string;
	customTopLeftCornerLogoHeight?: string;
	oidcBtnText?: string;
	mailDomainName?: string;
	legalNotice?: string;
	customHeadEnabled?: boolean;
	customHeadMetaTags?: string;
	customHeadLinkTags?: string;
	customManifestEnabled?: boolean;
	customManifestContent?: string;
	customAssetLinksEnabled?: boolean;
	customAssetLinksContent?: string;
	accessibilityPageEnabled?: boolean;
	accessibilityTitle?: string;
	accessibilityContent?: string;
	supportPopupText?: string;
	supportPageEnabled?: boolean;
	supportPagePublic?: boolean;
	boardMembersFromSameOrgOnly?: boolean;
	boardMembersFromSameTeamOnly?: boolean;
	boardMembersFromSameOrgOrTeamOnly?: boolean;
	supportTitle?: string;
	supportPageText?: string;
	createdAt: Date;
	modifiedAt: Date;
}

const optionalString = (): Record<string, unknown> => ({ type: String, optional: true });
const optionalBoolean = (): Record<string, unknown> => ({ type: Boolean, optional: true });
/** The Admin Panel switches that are off unless turned on. */
const offByDefault = (): Record<string, unknown> => ({ type: Boolean, optional: true, defaultValue: false });

export function settingsSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			disableRegistration: offByDefault(),
			disableForgotPassword: offByDefault(),
			renderLinksAsPlainText: offByDefault(),
			alwaysShowCodeAsText: offByDefault(),
			// models/settings.js:51-71 (#5820)
			disableActivities: offByDefault(),
			disableNotifications: offByDefault(),
			disableWatch: offByDefault(),
			enablePermanentDelete: offByDefault(),
			disableAllExport: offByDefault(),
			disableAllImport: offByDefault(),
			disableExportAvatars: offByDefault(),
			disableImportAvatars: offByDefault(),
			anonymizeExportUsers: offByDefault(),
			anonymizeImportUsers: offByDefault(),
			// models/settings.js:126-153: every part optional, so the empty strings Wekan seeds it with
			// (server/models/settings.js:169-176) are removed before storing.
			mailServer: { type: Object, optional: true },
			'mailServer.username': optionalString(),
			'mailServer.password': optionalString(),
			'mailServer.host': optionalString(),
			// A string, not a number: a numeric port is converted to one.
			'mailServer.port': optionalString(),
			'mailServer.enableTLS': optionalBoolean(),
			'mailServer.from': optionalString(),
			productName: optionalString(),
			themeColor: optionalString(),
			themeCustomColors: { type: Array, optional: true },
			'themeCustomColors.$': optionalString(),
			displayAuthenticationMethod: optionalBoolean(),
			// models/settings.js:185-188: required and without a default.
			defaultAuthenticationMethod: { type: String, optional: false },
			spinnerName: optionalString(),
			hideLogo: optionalBoolean(),
			hideCardCounterList: optionalBoolean(),
			cardsLoading: { type: String, optional: true, allowedValues: [...CARDS_LOADING_VALUES] },
			hideBoardMemberList: optionalBoolean(),
			hideBoardActivitiesOnAllBoards: optionalBoolean(),
			customLoginLogoImageUrl: optionalString(),
			customLoginLogoLinkUrl: optionalString(),
			customHelpLinkUrl: optionalString(),
			textBelowCustomLoginLogo: optionalString(),
			automaticLinkedUrlSchemes: optionalString(),
			customTopLeftCornerLogoImageUrl: optionalString(),
			customTopLeftCornerLogoLinkUrl: optionalString(),
			customTopLeftCornerLogoHeight: optionalString(),
			oidcBtnText: optionalString(),
			mailDomainName: optionalString(),
			legalNotice: optionalString(),
			customHeadEnabled: optionalBoolean(),
			customHeadMetaTags: optionalString(),
			customHeadLinkTags: optionalString(),
			customManifestEnabled: optionalBoolean(),
			customManifestContent: optionalString(),
			customAssetLinksEnabled: optionalBoolean(),
			customAssetLinksContent: optionalString(),
			accessibilityPageEnabled: offByDefault(),
			accessibilityTitle: optionalString(),
			accessibilityContent: optionalString(),
			supportPopupText: optionalString(),
			supportPageEnabled: offByDefault(),
			supportPagePublic: offByDefault(),
			// models/settings.js:321-346 (#6116): the combined legacy switch is kept, and defaults, like the two new ones.
			boardMembersFromSameOrgOnly: offByDefault(),
			boardMembersFromSameTeamOnly: offByDefault(),
			boardMembersFromSameOrgOrTeamOnly: offByDefault(),
			supportTitle: optionalString(),
			supportPageText: optionalString(),
			createdAt: { type: Date, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
		}),
	);
}
