/**
 * The `boards` collection's schema: models/boards.js:69-1062, extended by `complexWatchable(Boards)`
 * (models/watchable.js:44-60, :101), which collection2 merges into the same schema. At Wekan v11.07, commit f5cc8e373.
 */
import type { AutoValueContext, CustomValidatorContext } from 'simpl-schema';
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, falseOnInsertAutoValue, nowOnEveryWriteAutoValue } from './autoValues';
import {
	BOARD_COLORS,
	LABEL_COLORS,
	paletteOrHexColor,
	TYPE_BOARD,
	TYPE_TEMPLATE_BOARD,
	TYPE_TEMPLATE_CONTAINER,
} from './constants';
import { boardSlug } from './slug';

export interface BoardMember {
	userId: string;
	isAdmin: boolean;
	isActive: boolean;
	isNoComments?: boolean;
	isCommentOnly?: boolean;
	isWorker?: boolean;
	isNormalAssignedOnly?: boolean;
	isCommentAssignedOnly?: boolean;
	isReadOnly?: boolean;
	isReadAssignedOnly?: boolean;
}

export interface BoardLabel {
	_id: string;
	name?: string;
	/** A LABEL_COLORS name or a `#rrggbb` hex. */
	color: string;
}

export interface BoardOrg {
	orgId: string;
	orgDisplayName: string;
	isActive: boolean;
}

export interface BoardTeam {
	teamId: string;
	teamDisplayName: string;
	isActive: boolean;
}

export interface BoardDomain {
	domain: string;
	isActive: boolean;
}

export interface BoardWatcher {
	userId: string;
	level: (typeof BOARD_WATCH_LEVELS)[number];
}

/** models/watchable.js:41; 'muted' is the level of anyone not listed (:42). */
export const BOARD_WATCH_LEVELS = ['watching', 'tracking', 'muted'] as const;

/** models/boards.js:988-994 */
export const PRESENT_PARENT_TASK_VALUES = [
	'prefix-with-full-path',
	'prefix-with-parent',
	'subtext-with-full-path',
	'subtext-with-parent',
	'no-parent',
] as const;

export const BOARD_TYPES = [TYPE_BOARD, TYPE_TEMPLATE_BOARD, TYPE_TEMPLATE_CONTAINER] as const;

export interface BoardDoc {
	_id: string;
	title: string;
	slug: string;
	archived: boolean;
	archivedAt?: Date;
	createdAt: Date;
	modifiedAt?: Date;
	stars: number;
	labels?: BoardLabel[];
	members: BoardMember[];
	permission: 'public' | 'private';
	orgs?: BoardOrg[];
	teams?: BoardTeam[];
	domains?: BoardDomain[];
	importUsernames?: string[];
	color: string;
	customThemeColors?: string[];
	backgroundImageURL?: string;
	backgroundImageId?: string;
	allowsCardCounterList: boolean;
	cardAging: boolean;
	showDependencies: boolean;
	cardAgingDays1: number;
	cardAgingDays2: number;
	cardAgingDays3: number;
	allowsBoardMemberList: boolean;
	description?: string;
	/** null, not absent, until someone picks one. */
	subtasksDefaultBoardId?: string | null;
	migrationVersion: number;
	subtasksDefaultListId?: string | null;
	dateSettingsDefaultBoardId?: string | null;
	dateSettingsDefaultListId?: string | null;
	allowsSubtasks: boolean;
	allowsSubtasksOnMinicard: boolean;
	allowsAttachments: boolean;
	allowsAttachmentsOnMinicard: boolean;
	allowsChecklists: boolean;
	allowsChecklistsOnMinicard: boolean;
	allowsCustomFields?: boolean;
	allowsCustomFieldsOnMinicard?: boolean;
	allowsChecklistCountBadgeOnMinicard: boolean;
	allowsComments: boolean;
	allowsDescriptionTitle: boolean;
	allowsDescriptionTitleOnMinicard: boolean;
	allowsDescriptionText: boolean;
	allowsDescriptionTextOnMinicard: boolean;
	allowsCoverAttachmentOnMinicard: boolean;
	allowsCoverAttachmentOnCard: boolean;
	allowsBadgeAttachmentOnMinicard: boolean;
	allowsAttachmentCountOnCard: boolean;
	allowsChecklistCountBadgeOnCard: boolean;
	allowsCardSortingByNumberOnMinicard: boolean;
	allowsCardNumber: boolean;
	allowsCardNumberOnMinicard: boolean;
	allowsActivities: boolean;
	allowsLabels: boolean;
	allowsLabelsOnMinicard: boolean;
	allowsCreator: boolean;
	allowsCreatorOnMinicard: boolean;
	allowsAssignee: boolean;
	allowsAssigneeOnMinicard: boolean;
	allowsMembers: boolean;
	allowsMembersOnMinicard: boolean;
	allowsRequestedBy: boolean;
	allowsRequestedByOnMinicard: boolean;
	allowsCardSortingByNumber: boolean;
	allowsShowLists: boolean;
	allowsAssignedBy: boolean;
	allowsAssignedByOnMinicard: boolean;
	allowsShowListsOnMinicard: boolean;
	allowsChecklistAtMinicard: boolean;
	allowsReceivedDate: boolean;
	restrictCommentEditing: boolean;
	allowsPersonalListWidth: boolean;
	autoWidth?: boolean;
	allowsReceivedDateOnMinicard: boolean;
	allowsStartDate: boolean;
	allowsStartDateOnMinicard: boolean;
	allowsEndDate: boolean;
	allowsEndDateOnMinicard: boolean;
	allowsDueDate: boolean;
	allowsDueDateOnMinicard: boolean;
	allowsDueComplete: boolean;
	allowsDueCompleteOnMinicard: boolean;
	presentParentTask?: (typeof PRESENT_PARENT_TASK_VALUES)[number];
	receivedAt?: Date;
	startAt?: Date;
	dueAt?: Date;
	endAt?: Date;
	spentTime?: number;
	isOvertime?: boolean;
	type: (typeof BOARD_TYPES)[number];
	sort: number;
	showActivities: boolean;
	watchers?: BoardWatcher[];
}

/** A Boolean field with a default, the shape of most of the board's display switches. */
function flag(defaultValue: boolean, optional = false): Record<string, unknown> {
	return optional ? { type: Boolean, optional: true, defaultValue } : { type: Boolean, defaultValue };
}

export function boardsSchema(_db: Database): AttachedSchema {
	const schema = new SimpleSchema({
		title: { type: String },
		// models/boards.js:83-94: recomputed from the title whenever a write sets the title and not the slug; a title
		// that slugifies to nothing (limax) gives 'board'.
		slug: {
			type: String,
			autoValue(this: AutoValueContext): unknown {
				const title = this.field('title');
				if (!title.isSet || this.isSet) return undefined;
				if (typeof title.value !== 'string') {
					// limax begins with text.replace(...), so anything but a string throws out of the write.
					throw new TypeError(
						title.value === null
							? "Cannot read properties of null (reading 'replace')"
							: 'text.replace is not a function',
					);
				}
				return boardSlug(title.value);
			},
		},
		archived: { type: Boolean, autoValue: falseOnInsertAutoValue },
		archivedAt: { type: Date, optional: true },
		createdAt: { type: Date, autoValue: createdAtAutoValue },
		modifiedAt: { type: Date, optional: true, autoValue: nowOnEveryWriteAutoValue },
		// models/boards.js:148-159: always 0 on insert, whatever the document says; updates keep what they set.
		stars: {
			type: Number,
			autoValue(this: AutoValueContext): unknown {
				return this.isInsert ? 0 : undefined;
			},
		},
		// models/boards.js:161-182: no default labels. The autoValue that gave a new board six colored, unnamed labels
		// is commented out in Wekan, so a board inserted without `labels` has no `labels` key at all.
		labels: { type: Array, optional: true },
		'labels.$': { type: Object },
		'labels.$._id': { type: String },
		'labels.$.name': { type: String, optional: true },
		// models/boards.js:217-223: a palette name or a #rrggbb hex (#5514), not an allowedValues list.
		'labels.$.color': { type: String, custom: paletteOrHexColor(LABEL_COLORS) },
		// models/boards.js:228-248: an insert without `members` gets the inserting user as the active admin. Outside a
		// Meteor method (REST handlers) collection2's userId is null, and the insert then fails validation on
		// members.0.userId, so REST code must send `members` itself.
		members: {
			type: Array,
			autoValue(this: AutoValueContext): unknown {
				if (!this.isInsert || this.isSet) return undefined;
				return [
					{
						userId: this.userId,
						isAdmin: true,
						isActive: true,
						isNoComments: false,
						isCommentOnly: false,
						isWorker: false,
					},
				];
			},
		},
		'members.$': { type: Object },
		'members.$.userId': { type: String },
		'members.$.isAdmin': { type: Boolean },
		'members.$.isActive': { type: Boolean },
		'members.$.isNoComments': { type: Boolean, optional: true },
		'members.$.isCommentOnly': { type: Boolean, optional: true },
		'members.$.isWorker': { type: Boolean, optional: true },
		'members.$.isNormalAssignedOnly': { type: Boolean, optional: true },
		'members.$.isCommentAssignedOnly': { type: Boolean, optional: true },
		'members.$.isReadOnly': { type: Boolean, optional: true },
		'members.$.isReadAssignedOnly': { type: Boolean, optional: true },
		// models/boards.js:319-325: required and without a default.
		permission: { type: String, allowedValues: ['public', 'private'] },
		orgs: { type: Array, optional: true },
		'orgs.$': { type: Object },
		'orgs.$.orgId': { type: String },
		'orgs.$.orgDisplayName': { type: String },
		'orgs.$.isActive': { type: Boolean },
		teams: { type: Array, optional: true },
		'teams.$': { type: Object },
		'teams.$.teamId': { type: String },
		'teams.$.teamDisplayName': { type: String },
		'teams.$.isActive': { type: Boolean },
		// models/boards.js:382-404 (#5850): email domains the board is shared with.
		domains: { type: Array, optional: true },
		'domains.$': { type: Object },
		'domains.$.domain': { type: String },
		'domains.$.isActive': { type: Boolean },
		// models/boards.js:405-418: stored as [] on insert.
		importUsernames: { type: Array, optional: true, defaultValue: [] },
		'importUsernames.$': { type: String },
		// models/boards.js:419-431: BOARD_COLORS only; an insert without a color gets the first, 'belize'.
		color: {
			type: String,
			allowedValues: [...BOARD_COLORS],
			autoValue(this: AutoValueContext): unknown {
				return this.isInsert && !this.isSet ? BOARD_COLORS[0] : undefined;
			},
		},
		customThemeColors: { type: Array, optional: true },
		// models/boards.js:442-449
		'customThemeColors.$': {
			type: String,
			custom(this: CustomValidatorContext): string | undefined {
				return /^#[0-9a-fA-F]{6}$/.test(String(this.value)) ? undefined : 'notAHexColor';
			},
		},
		backgroundImageURL: { type: String, optional: true },
		backgroundImageId: { type: String, optional: true },
		allowsCardCounterList: flag(false),
		cardAging: flag(false),
		showDependencies: flag(false),
		cardAgingDays1: { type: Number, defaultValue: 7 },
		cardAgingDays2: { type: Number, defaultValue: 14 },
		cardAgingDays3: { type: Number, defaultValue: 28 },
		allowsBoardMemberList: flag(false),
		description: { type: String, optional: true },
		// models/boards.js:519-560: these four default to null, which is stored.
		subtasksDefaultBoardId: { type: String, optional: true, defaultValue: null },
		// models/boards.js:527-539: 1 on insert unless set.
		migrationVersion: {
			type: Number,
			autoValue(this: AutoValueContext): unknown {
				return this.isInsert && !this.isSet ? 1 : undefined;
			},
		},
		subtasksDefaultListId: { type: String, optional: true, defaultValue: null },
		dateSettingsDefaultBoardId: { type: String, optional: true, defaultValue: null },
		dateSettingsDefaultListId: { type: String, optional: true, defaultValue: null },
		allowsSubtasks: flag(true),
		allowsSubtasksOnMinicard: flag(true),
		allowsAttachments: flag(true),
		allowsAttachmentsOnMinicard: flag(true),
		allowsChecklists: flag(true),
		allowsChecklistsOnMinicard: flag(true),
		allowsCustomFields: flag(true, true),
		allowsCustomFieldsOnMinicard: flag(false, true),
		allowsChecklistCountBadgeOnMinicard: flag(false),
		allowsComments: flag(true),
		allowsDescriptionTitle: flag(true),
		allowsDescriptionTitleOnMinicard: flag(true),
		allowsDescriptionText: flag(true),
		allowsDescriptionTextOnMinicard: flag(false),
		allowsCoverAttachmentOnMinicard: flag(true),
		allowsCoverAttachmentOnCard: flag(false),
		allowsBadgeAttachmentOnMinicard: flag(false),
		allowsAttachmentCountOnCard: flag(false),
		allowsChecklistCountBadgeOnCard: flag(false),
		allowsCardSortingByNumberOnMinicard: flag(false),
		allowsCardNumber: flag(false),
		allowsCardNumberOnMinicard: flag(false),
		allowsActivities: flag(true),
		allowsLabels: flag(true),
		allowsLabelsOnMinicard: flag(true),
		allowsCreator: flag(true),
		allowsCreatorOnMinicard: flag(false),
		allowsAssignee: flag(true),
		allowsAssigneeOnMinicard: flag(true),
		allowsMembers: flag(true),
		allowsMembersOnMinicard: flag(true),
		allowsRequestedBy: flag(true),
		allowsRequestedByOnMinicard: flag(true),
		allowsCardSortingByNumber: flag(true),
		allowsShowLists: flag(true),
		allowsAssignedBy: flag(true),
		allowsAssignedByOnMinicard: flag(true),
		allowsShowListsOnMinicard: flag(false),
		allowsChecklistAtMinicard: flag(false),
		allowsReceivedDate: flag(true),
		restrictCommentEditing: flag(false),
		allowsPersonalListWidth: flag(false),
		autoWidth: flag(false, true),
		allowsReceivedDateOnMinicard: flag(true),
		allowsStartDate: flag(true),
		allowsStartDateOnMinicard: flag(true),
		allowsEndDate: flag(true),
		allowsEndDateOnMinicard: flag(true),
		allowsDueDate: flag(true),
		allowsDueDateOnMinicard: flag(true),
		allowsDueComplete: flag(false),
		allowsDueCompleteOnMinicard: flag(false),
		presentParentTask: {
			type: String,
			allowedValues: [...PRESENT_PARENT_TASK_VALUES],
			optional: true,
			defaultValue: 'no-parent',
		},
		receivedAt: { type: Date, optional: true },
		startAt: { type: Date, optional: true },
		dueAt: { type: Date, optional: true },
		endAt: { type: Date, optional: true },
		spentTime: { type: Number, optional: true },
		isOvertime: flag(false, true),
		// models/boards.js:1041-1049
		type: { type: String, defaultValue: TYPE_BOARD, allowedValues: [...BOARD_TYPES] },
		// models/boards.js:1050-1056: -1 here; server/models/boards.js:641-649's before.insert hook then makes it one
		// more than the highest board sort.
		sort: { type: Number, defaultValue: -1 },
		showActivities: flag(false),
	});
	// models/watchable.js:44-60 via :101
	schema.extend(
		new SimpleSchema({
			watchers: { type: Array, optional: true },
			'watchers.$': { type: Object },
			'watchers.$.userId': { type: String },
			'watchers.$.level': { type: String, allowedValues: [...BOARD_WATCH_LEVELS] },
		}),
	);
	return new AttachedSchema(schema);
}
