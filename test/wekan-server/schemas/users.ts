/**
 * The `users` collection's schema (Meteor.users): models/users.js:168-1025. At Wekan v11.07, commit f5cc8e373.
 */
import type { AutoValueContext, CustomValidatorContext } from 'simpl-schema';
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

/** The list sort orders a user may pick; the first is the default (models/users.js:151-159). */
export const ALLOWED_SORT_VALUES = ['-modifiedAt', 'modifiedAt', '-title', 'title', '-sort', 'sort'] as const;

/** All Boards page sort modes (#5799), models/users.js:163. */
export const ALLOWED_ALL_BOARDS_SORT_VALUES = ['custom', 'title-asc', 'title-desc'] as const;

/** models/users.js:713-720 */
export const BOARD_VIEWS = [
	'board-view-swimlanes',
	'board-view-lists',
	'board-view-cal',
	'board-view-gantt',
	'board-view-table',
	'board-view-stats',
] as const;

/** models/users.js:588: four values, although the field's own comment lists eleven map services. */
export const MAP_PROVIDERS = ['openstreetmap', 'google', 'bing', 'apple'] as const;

/** models/users.js:920 */
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD-MM-YYYY', 'MM-DD-YYYY'] as const;

export interface UserEmail {
	address: string;
	verified: boolean;
}

export interface UserOrg {
	orgId: string;
	orgDisplayName: string;
	isAdmin?: boolean;
}

export interface UserTeam {
	teamId: string;
	teamDisplayName: string;
}

export interface UserNotification {
	activity: string;
	read?: Date;
}

export interface UserStarredPage {
	url: string;
	title: string;
}

/** Blackbox maps, keyed by board (and list, swimlane or card) ids. */
type Blackbox = Record<string, unknown>;

export interface UserProfile {
	avatarUrl?: string;
	emailBuffer?: string[];
	fullname?: string;
	showDesktopDragHandles?: boolean;
	leftMenuCollapsed?: boolean;
	collapsedWorkspaces?: Blackbox;
	leftMenuWidth?: number;
	submitOnEnter?: boolean;
	openManyCardsAtOnce?: boolean;
	allBoardsThemeTiles?: boolean;
	globalThemeColor?: string;
	globalThemeCustomColors?: string[];
	uiFont?: string;
	uiFontSize?: string;
	uiTextColor?: string;
	uiTextBgColor?: string;
	dismissedAnnouncementVersion?: string;
	cardMaximized?: boolean;
	cardCollapsed?: boolean;
	showActivities?: boolean;
	customFieldsGrid?: boolean;
	trelloApiSaved?: boolean;
	hiddenMinicardLabelText?: boolean;
	initials?: string;
	boardWorkspacesTree?: Blackbox[];
	boardWorkspaceAssignments?: Blackbox;
	invitedBoards?: string[];
	language?: string;
	mapProvider?: (typeof MAP_PROVIDERS)[number];
	moveAndCopyDialog?: Blackbox;
	moveChecklistDialog?: Blackbox;
	copyChecklistDialog?: Blackbox;
	notifications?: UserNotification[];
	rescueCardDescription?: boolean;
	showCardsCountAt?: number;
	startDayOfWeek?: number;
	starredBoards?: string[];
	starredPages?: UserStarredPage[];
	defaultBoardId?: string;
	icode?: string;
	boardView?: (typeof BOARD_VIEWS)[number];
	listSortBy?: (typeof ALLOWED_SORT_VALUES)[number];
	allBoardsSortBy?: (typeof ALLOWED_ALL_BOARDS_SORT_VALUES)[number];
	templatesBoardId?: string;
	cardTemplatesSwimlaneId?: string;
	listTemplatesSwimlaneId?: string;
	boardTemplatesSwimlaneId?: string;
	sidebarWidth?: number;
	listWidths: Blackbox;
	listConstraints: Blackbox;
	autoWidthBoards: Blackbox;
	boardSortIndex?: Blackbox;
	fixedListWidthBoards: Blackbox;
	fixedListWidths: Blackbox;
	swimlaneHeights: Blackbox;
	collapsedLists: Blackbox;
	collapsedSwimlanes: Blackbox;
	collapsedCardSections: Blackbox;
	keyboardShortcuts: boolean;
	verticalScrollbars: boolean;
	showWeekOfYear: boolean;
	dateFormat?: (typeof DATE_FORMATS)[number];
	mobileMode?: boolean;
	cardZoom: number;
}

export interface UserDoc {
	_id: string;
	username?: string;
	orgs?: UserOrg[];
	teams?: UserTeam[];
	emails?: UserEmail[];
	createdAt: Date;
	modifiedAt: Date;
	profile?: UserProfile;
	services?: Blackbox;
	heartbeat?: Date;
	isAdmin?: boolean;
	createdThroughApi?: boolean;
	loginDisabled?: boolean;
	authenticationMethod: string;
	sessionData?: { totalHits?: number };
	importUsernames?: string[];
	lastConnectionDate?: Date;
}

/** models/users.js:427-429, :456-461, :474-477: a #rrggbb hex. */
function hexColor(skipEmpty: boolean): (this: CustomValidatorContext) => string | undefined {
	return function checkHex(this: CustomValidatorContext): string | undefined {
		const value = this.value;
		if (skipEmpty && (value === undefined || value === null || value === '')) return undefined;
		return /^#[0-9a-fA-F]{6}$/.test(String(value)) ? undefined : 'notAHexColor';
	};
}

const optionalString = { type: String, optional: true };
const optionalBoolean = { type: Boolean, optional: true };
const optionalNumber = { type: Number, optional: true };
const optionalBlackbox = { type: Object, optional: true, blackbox: true };
const blackboxMap = { type: Object, defaultValue: {}, blackbox: true };

export function usersSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			// models/users.js:170-185: an insert without a username takes it from profile.fullname, lower-cased with all
			// white space removed ('Ada Lovelace' gives 'adalovelace').
			username: {
				type: String,
				optional: true,
				autoValue(this: AutoValueContext): unknown {
					if (!this.isInsert || this.isSet) return undefined;
					const name = this.field('profile.fullname');
					if (!name.isSet) return undefined;
					if (typeof name.value !== 'string') {
						// Wekan calls name.value.toLowerCase(), which throws out of the insert for anything but a string.
						throw new TypeError(
							name.value === null
								? "Cannot read properties of null (reading 'toLowerCase')"
								: 'name.value.toLowerCase is not a function',
						);
					}
					return name.value.toLowerCase().replace(/\s/g, '');
				},
			},
			orgs: { type: Array, optional: true },
			'orgs.$': { type: Object },
			'orgs.$.orgId': { type: String },
			'orgs.$.orgDisplayName': { type: String },
			// models/users.js:208-219: a per-tenant admin flag, never the site-wide isAdmin.
			'orgs.$.isAdmin': optionalBoolean,
			teams: { type: Array, optional: true },
			'teams.$': { type: Object },
			'teams.$.teamId': { type: String },
			'teams.$.teamDisplayName': { type: String },
			emails: { type: Array, optional: true },
			'emails.$': { type: Object },
			// models/users.js:252-258: simpl-schema's permissive W3C email pattern.
			'emails.$.address': { type: String, regEx: SimpleSchema.RegEx.Email },
			'emails.$.verified': { type: Boolean },
			createdAt: { type: Date, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
			// models/users.js:294-308: an insert without a profile gets { boardView: 'board-view-swimlanes' } (and then
			// every profile default below); an insert with a profile keeps it without a boardView.
			profile: {
				type: Object,
				optional: true,
				autoValue(this: AutoValueContext): unknown {
					return this.isInsert && !this.isSet ? { boardView: 'board-view-swimlanes' } : undefined;
				},
			},
			'profile.avatarUrl': optionalString,
			'profile.emailBuffer': { type: Array, optional: true },
			'profile.emailBuffer.$': { type: String },
			'profile.fullname': optionalString,
			'profile.showDesktopDragHandles': optionalBoolean,
			'profile.leftMenuCollapsed': optionalBoolean,
			'profile.collapsedWorkspaces': optionalBlackbox,
			'profile.leftMenuWidth': optionalNumber,
			'profile.submitOnEnter': optionalBoolean,
			'profile.openManyCardsAtOnce': optionalBoolean,
			'profile.allBoardsThemeTiles': optionalBoolean,
			'profile.globalThemeColor': optionalString,
			'profile.globalThemeCustomColors': { type: Array, optional: true },
			'profile.globalThemeCustomColors.$': { type: String, custom: hexColor(false) },
			'profile.uiFont': optionalString,
			'profile.uiFontSize': optionalString,
			'profile.uiTextColor': { type: String, optional: true, custom: hexColor(true) },
			// models/users.js:463-478: a removed feature, kept so that $unset of it validates.
			'profile.uiTextBgColor': { type: String, optional: true, custom: hexColor(true) },
			'profile.dismissedAnnouncementVersion': optionalString,
			'profile.cardMaximized': optionalBoolean,
			'profile.cardCollapsed': optionalBoolean,
			'profile.showActivities': optionalBoolean,
			'profile.customFieldsGrid': optionalBoolean,
			'profile.trelloApiSaved': optionalBoolean,
			'profile.hiddenMinicardLabelText': optionalBoolean,
			'profile.initials': optionalString,
			'profile.boardWorkspacesTree': { type: Array, optional: true },
			'profile.boardWorkspacesTree.$': optionalBlackbox,
			'profile.boardWorkspaceAssignments': optionalBlackbox,
			'profile.invitedBoards': { type: Array, optional: true },
			'profile.invitedBoards.$': { type: String },
			'profile.language': optionalString,
			'profile.mapProvider': { type: String, optional: true, allowedValues: [...MAP_PROVIDERS] },
			'profile.moveAndCopyDialog': optionalBlackbox,
			'profile.moveChecklistDialog': optionalBlackbox,
			'profile.copyChecklistDialog': optionalBlackbox,
			'profile.notifications': { type: Array, optional: true },
			'profile.notifications.$': { type: Object },
			'profile.notifications.$.activity': { type: String },
			'profile.notifications.$.read': { type: Date, optional: true },
			'profile.rescueCardDescription': optionalBoolean,
			'profile.showCardsCountAt': optionalNumber,
			'profile.startDayOfWeek': optionalNumber,
			'profile.starredBoards': { type: Array, optional: true },
			'profile.starredBoards.$': { type: String },
			'profile.starredPages': { type: Array, optional: true },
			'profile.starredPages.$': { type: Object },
			'profile.starredPages.$.url': { type: String },
			'profile.starredPages.$.title': { type: String },
			'profile.defaultBoardId': optionalString,
			'profile.icode': optionalString,
			'profile.boardView': { type: String, optional: true, allowedValues: [...BOARD_VIEWS] },
			'profile.listSortBy': {
				type: String,
				optional: true,
				defaultValue: ALLOWED_SORT_VALUES[0],
				allowedValues: [...ALLOWED_SORT_VALUES],
			},
			'profile.allBoardsSortBy': {
				type: String,
				optional: true,
				defaultValue: 'custom',
				allowedValues: [...ALLOWED_ALL_BOARDS_SORT_VALUES],
			},
			// models/users.js:742-777: '' by default, and stored as '' (defaults come after empty strings are removed).
			'profile.templatesBoardId': { type: String, optional: true, defaultValue: '' },
			'profile.cardTemplatesSwimlaneId': { type: String, optional: true, defaultValue: '' },
			'profile.listTemplatesSwimlaneId': { type: String, optional: true, defaultValue: '' },
			'profile.boardTemplatesSwimlaneId': { type: String, optional: true, defaultValue: '' },
			'profile.sidebarWidth': optionalNumber,
			// models/users.js:786-892: per-board maps, {} by default whenever a profile is written whole.
			'profile.listWidths': blackboxMap,
			'profile.listConstraints': blackboxMap,
			'profile.autoWidthBoards': blackboxMap,
			'profile.boardSortIndex': { ...blackboxMap, optional: true },
			'profile.fixedListWidthBoards': blackboxMap,
			'profile.fixedListWidths': blackboxMap,
			'profile.swimlaneHeights': blackboxMap,
			'profile.collapsedLists': blackboxMap,
			'profile.collapsedSwimlanes': blackboxMap,
			'profile.collapsedCardSections': blackboxMap,
			'profile.keyboardShortcuts': { type: Boolean, defaultValue: false },
			'profile.verticalScrollbars': { type: Boolean, defaultValue: true },
			'profile.showWeekOfYear': { type: Boolean, defaultValue: true },
			'profile.dateFormat': {
				type: String,
				optional: true,
				allowedValues: [...DATE_FORMATS],
				defaultValue: 'YYYY-MM-DD',
			},
			// models/users.js:923-935 (#6419): deliberately no default, so phones auto-detect.
			'profile.mobileMode': optionalBoolean,
			'profile.cardZoom': { type: Number, defaultValue: 1.0, min: 0.5, max: 3.0 },
			services: optionalBlackbox,
			heartbeat: { type: Date, optional: true },
			isAdmin: optionalBoolean,
			createdThroughApi: optionalBoolean,
			loginDisabled: optionalBoolean,
			// models/users.js:981-988: required, 'password' unless given.
			authenticationMethod: { type: String, optional: false, defaultValue: 'password' },
			// models/users.js:989-1001: {} on an insert that does not set it.
			sessionData: {
				type: Object,
				optional: true,
				autoValue(this: AutoValueContext): unknown {
					return this.isInsert && !this.isSet ? {} : undefined;
				},
			},
			'sessionData.totalHits': optionalNumber,
			importUsernames: { type: Array, optional: true },
			'importUsernames.$': { type: String },
			lastConnectionDate: { type: Date, optional: true },
		}),
	);
}
