/**
 * The `cards` collection's schema, at Wekan v11.07, commit f5cc8e373: models/cards.js:62-816, extended by
 * models/watchable.js:7-15 (simpleWatchable, applied to Cards at models/watchable.js:103; collection2 merges a second
 * attachSchema into the first).
 */
import type { Database } from '../db/database';
import { AttachedSchema, matchOneOf, SimpleSchema } from '../db/schema';
import type { AutoValueContext, CustomValidatorContext } from 'simpl-schema';
import { authorOnInsertAutoValue, createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';
import {
	CARD_COLORS,
	DEFAULT_DEPENDENCY_COLOR,
	DEFAULT_DEPENDENCY_ICON,
	DEFAULT_DEPENDENCY_TYPE,
	HEX_COLOR,
	TYPE_CARD,
} from './constants';

/** A value of a custom field on a card: whatever matched Match.OneOf(String, Number, Boolean, Date, [String]). */
export type CardCustomFieldValue = string | number | boolean | Date | string[] | null;

export interface CardCustomField {
	_id: string;
	/** null when written as null (the REST create, CustomFields.addToAllCards): '' replaces only a missing value. */
	value: CardCustomFieldValue;
}

export interface CardSticker {
	icon: string;
	name: string;
	highlight?: 'underline' | 'round';
	position: number;
}

export interface CardLocation {
	_id: string;
	name: string;
	address: string;
	latitude?: number;
	longitude?: number;
}

export interface CardDependency {
	cardId: string;
	type: string;
	color: string;
	icon: string;
}

export interface CardVote {
	question: string;
	positive?: string[];
	negative?: string[];
	/** null unless an end was set: the schema's default (models/cards.js:606-610). */
	end?: Date | null;
	public: boolean;
	allowNonBoardMembers: boolean;
}

export interface CardPoker {
	question?: boolean;
	one?: string[];
	two?: string[];
	three?: string[];
	five?: string[];
	eight?: string[];
	thirteen?: string[];
	twenty?: string[];
	forty?: string[];
	oneHundred?: string[];
	unsure?: string[];
	end?: Date;
	allowNonBoardMembers?: boolean;
	estimation?: number;
}

export interface CardDoc {
	_id: string;
	title: string;
	archived: boolean;
	archivedAt?: Date;
	deletedAt?: Date;
	deletedBy?: string;
	deleteBatchId?: string;
	parentId: string;
	listId: string;
	swimlaneId: string;
	boardId: string;
	coverId: string;
	color?: string;
	createdAt: Date;
	modifiedAt: Date;
	customFields: CardCustomField[];
	dateLastActivity: Date;
	description: string;
	requestedBy: string;
	assignedBy: string;
	labelIds: string[];
	members: string[];
	assignees: string[];
	requesters: string[];
	assigners: string[];
	receivedAt?: Date;
	startAt?: Date;
	dueAt?: Date;
	endAt?: Date;
	dueComplete: boolean;
	stickers: CardSticker[];
	locationName: string;
	locationAddress: string;
	locationLatitude?: number;
	locationLongitude?: number;
	locations: CardLocation[];
	spentTime: number;
	isOvertime: boolean;
	userId: string;
	sort: number;
	subtaskSort: number;
	type: string;
	linkedId: string;
	cardDependencies: CardDependency[];
	vote?: CardVote;
	poker?: CardPoker;
	targetId_gantt: string[];
	linkType_gantt: number[];
	linkId_gantt: string[];
	cardNumber: number;
	showActivities: boolean;
	showListOnMinicard: boolean;
	showChecklistAtMinicard: boolean;
	hideFinishedChecklistIfItemsAreHidden: boolean;
	/** models/watchable.js:8-14: user IDs. */
	watchers?: string[];
}

/** `{ type: Array, optional: true, defaultValue: [] }` with String items, the shape most card lists have. */
function stringList(): Record<string, unknown> {
	return { type: Array, optional: true, defaultValue: [] };
}

/** A poker answer list: optional, no default (models/cards.js:630-729). */
function pokerList(): Record<string, unknown> {
	return { type: Array, optional: true };
}

export function cardsSchema(_db: Database): AttachedSchema {
	const schema = new SimpleSchema({
		title: { type: String, optional: true, defaultValue: '' },
		// models/cards.js:72-84: false on an insert that leaves it out; updates untouched.
		archived: {
			type: Boolean,
			autoValue(this: AutoValueContext) {
				if (this.isInsert && !this.isSet) return false;
				return undefined;
			},
		},
		archivedAt: { type: Date, optional: true },
		// models/cards.js:92-108: soft delete. No null default: absent and null both mean "live".
		deletedAt: { type: Date, optional: true },
		deletedBy: { type: String, optional: true },
		deleteBatchId: { type: String, optional: true },
		parentId: { type: String, optional: true, defaultValue: '' },
		listId: { type: String, optional: true, defaultValue: '' },
		// models/cards.js:125-130: required with no default, unlike listId and boardId, which default to ''.
		swimlaneId: { type: String },
		boardId: { type: String, optional: true, defaultValue: '' },
		coverId: { type: String, optional: true, defaultValue: '' },
		// models/cards.js:150-161: a palette name or a '#rrggbb' hex, checked by a custom validator (#5514).
		color: {
			type: String,
			optional: true,
			custom(this: CustomValidatorContext) {
				const value = this.value;
				if (value === undefined || value === null || value === '') return undefined;
				if (CARD_COLORS.includes(value as string) || (typeof value === 'string' && HEX_COLOR.test(value))) {
					return undefined;
				}
				return 'notAllowed';
			},
		},
		createdAt: { type: Date, autoValue: createdAtAutoValue },
		modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
		customFields: { type: Array, optional: true, defaultValue: [] },
		'customFields.$': {
			type: new SimpleSchema({
				_id: { type: String, optional: true, defaultValue: '' },
				// models/cards.js:207-218: a Match pattern as the type: any value passes unconverted, but array items
				// still meet 'value.$' and become strings.
				value: {
					type: matchOneOf(String, Number, Boolean, Date, [String]),
					optional: true,
					defaultValue: '',
				},
				'value.$': { type: String, optional: true },
			}),
		},
		// models/cards.js:221-229: now on every insert and every update, whatever the write says.
		dateLastActivity: {
			type: Date,
			autoValue() {
				return new Date();
			},
		},
		description: { type: String, optional: true, defaultValue: '' },
		requestedBy: { type: String, optional: true, defaultValue: '' },
		assignedBy: { type: String, optional: true, defaultValue: '' },
		labelIds: stringList(),
		'labelIds.$': { type: String },
		members: stringList(),
		'members.$': { type: String },
		assignees: stringList(),
		'assignees.$': { type: String },
		requesters: stringList(),
		'requesters.$': { type: String },
		assigners: stringList(),
		'assigners.$': { type: String },
		receivedAt: { type: Date, optional: true },
		startAt: { type: Date, optional: true },
		dueAt: { type: Date, optional: true },
		endAt: { type: Date, optional: true },
		dueComplete: { type: Boolean, optional: true, defaultValue: false },
		stickers: { type: Array, optional: true, defaultValue: [] },
		'stickers.$': {
			type: new SimpleSchema({
				icon: { type: String, optional: true, defaultValue: '' },
				name: { type: String, optional: true, defaultValue: '' },
				// models/cards.js:372-381: the two Trello sticker packs that are drawn without color.
				highlight: { type: String, optional: true, allowedValues: ['underline', 'round'] },
				position: { type: Number, optional: true, defaultValue: 0 },
			}),
		},
		// models/cards.js:391-420: the legacy single location; `locations` below is the list.
		locationName: { type: String, optional: true, defaultValue: '' },
		locationAddress: { type: String, optional: true, defaultValue: '' },
		locationLatitude: { type: Number, optional: true },
		locationLongitude: { type: Number, optional: true },
		locations: { type: Array, optional: true, defaultValue: [] },
		'locations.$': {
			type: new SimpleSchema({
				// models/cards.js:434-439: required, with no default, so each entry must bring its own id.
				_id: { type: String },
				name: { type: String, optional: true, defaultValue: '' },
				address: { type: String, optional: true, defaultValue: '' },
				latitude: { type: Number, optional: true },
				longitude: { type: Number, optional: true },
			}),
		},
		spentTime: { type: Number, optional: true, defaultValue: 0 },
		isOvertime: { type: Boolean, defaultValue: false, optional: true },
		// models/cards.js:488-502: the author; Wekan's own comment says it should be called authorId.
		userId: { type: String, autoValue: authorOnInsertAutoValue },
		sort: { type: Number, defaultValue: 0, optional: true },
		subtaskSort: { type: Number, defaultValue: -1, optional: true },
		// models/cards.js:519-526: required with a default; its allowedValues are commented out, so any string goes.
		type: { type: String, defaultValue: TYPE_CARD },
		linkedId: { type: String, optional: true, defaultValue: '' },
		cardDependencies: { type: Array, optional: true, defaultValue: [] },
		'cardDependencies.$': {
			type: new SimpleSchema({
				cardId: { type: String },
				// models/cards.js:553-558: meant to be one of DEPENDENCY_TYPE_IDS, but the schema takes any string.
				type: { type: String, optional: true, defaultValue: DEFAULT_DEPENDENCY_TYPE },
				color: { type: String, optional: true, defaultValue: DEFAULT_DEPENDENCY_COLOR },
				icon: { type: String, optional: true, defaultValue: DEFAULT_DEPENDENCY_ICON },
			}),
		},
		// models/cards.js:573-618: the sub-keys without `optional` are required whenever a vote object is written.
		vote: { type: Object, optional: true },
		'vote.question': { type: String, defaultValue: '' },
		'vote.positive': stringList(),
		'vote.positive.$': { type: String },
		'vote.negative': stringList(),
		'vote.negative.$': { type: String },
		'vote.end': { type: Date, optional: true, defaultValue: null },
		'vote.public': { type: Boolean, defaultValue: false },
		'vote.allowNonBoardMembers': { type: Boolean, defaultValue: false },
		poker: { type: Object, optional: true },
		// models/cards.js:626-629: a Boolean, although it is called question.
		'poker.question': { type: Boolean, optional: true },
		'poker.one': pokerList(),
		'poker.one.$': { type: String },
		'poker.two': pokerList(),
		'poker.two.$': { type: String },
		'poker.three': pokerList(),
		'poker.three.$': { type: String },
		'poker.five': pokerList(),
		'poker.five.$': { type: String },
		'poker.eight': pokerList(),
		'poker.eight.$': { type: String },
		// models/cards.js:680-699: thirteen and twenty; there is no 'poker.twelve', which replayPoker
		// (models/cards.js:3235) sets and cleaning therefore drops.
		'poker.thirteen': pokerList(),
		'poker.thirteen.$': { type: String },
		'poker.twenty': pokerList(),
		'poker.twenty.$': { type: String },
		'poker.forty': pokerList(),
		'poker.forty.$': { type: String },
		'poker.oneHundred': pokerList(),
		'poker.oneHundred.$': { type: String },
		'poker.unsure': pokerList(),
		'poker.unsure.$': { type: String },
		'poker.end': { type: Date, optional: true },
		'poker.allowNonBoardMembers': { type: Boolean, optional: true },
		'poker.estimation': { type: Number, optional: true },
		targetId_gantt: stringList(),
		'targetId_gantt.$': { type: String },
		linkType_gantt: { type: Array, optional: true, defaultValue: [] },
		'linkType_gantt.$': { type: Number },
		linkId_gantt: stringList(),
		'linkId_gantt.$': { type: String },
		cardNumber: { type: Number, optional: true, defaultValue: 0 },
		// models/cards.js:787-790: required, unlike its neighbours, but defaulted.
		showActivities: { type: Boolean, defaultValue: false },
		showListOnMinicard: { type: Boolean, optional: true, defaultValue: false },
		showChecklistAtMinicard: { type: Boolean, optional: true, defaultValue: false },
		hideFinishedChecklistIfItemsAreHidden: { type: Boolean, optional: true, defaultValue: false },
	});
	schema.extend(
		new SimpleSchema({
			watchers: { type: Array, optional: true },
			'watchers.$': { type: String },
		}),
	);
	return new AttachedSchema(schema);
}
