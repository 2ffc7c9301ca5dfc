/**
 * The Wekan JSON board export: Exporter.buildStream (models/exporter.js:438-705), which GET
 * /api/boards/:boardId/export streams, with the scope and field selection of models/lib/exportFields.js and the
 * Admin Panel's import/export security settings (models/lib/importExportSecurity.js). At Wekan v11.07, commit
 * f5cc8e373.
 *
 * Each section is read from the raw collection with the selector Wekan uses, in natural order (MongoDB answers an
 * index-served `$in` in index order, which depends on the plan; natural order is what a collection scan gives).
 * Selectors on a large `$in` of card ids are evaluated here with a set, which matches the same documents.
 */
import { MeteorError } from '../errors';
import type { Collection } from '../db/collection';
import type { Wekan } from '../server';
import { exportBoardRules } from './rules';

type Raw = Record<string, unknown> & { _id: string };

/** CARD_EXPORT_FIELD_KEYS (models/lib/exportFields.js:25-42, 55): the sections of a card export. */
export const CARD_EXPORT_FIELD_KEYS = [
	'labels',
	'people',
	'board-info',
	'dates',
	'description',
	'custom-fields',
	'checklists',
	'subtasks',
	'comments',
	'attachments',
	'voting',
	'poker',
	'stickers',
	'locations',
	'dependencies',
	'sort',
];

/** BOARD_EXPORT_FIELD_KEYS (models/lib/exportFields.js:49-53, 61-64): what `?fields=` may name for a board. */
export const BOARD_EXPORT_FIELD_KEYS = ['card-details', 'board-header', 'activities', ...CARD_EXPORT_FIELD_KEYS];

export interface ExportScope {
	swimlaneId?: string;
	listId?: string;
	cardId?: string;
	checklistId?: string;
}

export interface ExportOptions {
	/** `?attachments=false` (#5870): the attachments' metadata without their base64 bytes. */
	excludeAttachments: boolean;
	scope: ExportScope;
	/** null: everything. */
	fields: string[] | null;
	/** The exporting user's language, for the anonymized user word. */
	userLanguage?: string;
}

/** parseExportFields (models/lib/exportFields.js:69-74): the known keys of a comma list, or null for all. */
export function parseExportFields(
	value: unknown,
	allowed: readonly string[] = BOARD_EXPORT_FIELD_KEYS,
): string[] | null {
	if (typeof value !== 'string' || !value.trim()) return null;
	const kept = value
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean)
		.filter((entry) => allowed.includes(entry));
	return kept.length > 0 ? kept : null;
}

/** parseExportScope (models/lib/exportFields.js:79-92): ids that look like Mongo ids only. */
export function parseExportScope(query: Record<string, unknown>): ExportScope {
	const scope: ExportScope = {};
	for (const key of ['swimlaneId', 'listId', 'cardId', 'checklistId'] as const) {
		const value = query[key];
		if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)) scope[key] = value;
	}
	return scope;
}

/** getImportExportSecuritySettings (models/lib/importExportSecurity.js:14-25): from the first settings document. */
function securitySettings(wekan: Wekan): {
	disableAllExport: boolean;
	disableExportAvatars: boolean;
	anonymizeExportUsers: boolean;
} {
	const settings = (wekan.db.settings.findOne({}) ?? {}) as Record<string, unknown>;
	return {
		disableAllExport: !!settings.disableAllExport,
		disableExportAvatars: !!settings.disableExportAvatars,
		anonymizeExportUsers: !!settings.anonymizeExportUsers,
	};
}

/** assertExportEnabled (models/lib/importExportSecurity.js:28-35). */
export function assertExportEnabled(wekan: Wekan): void {
	if (securitySettings(wekan).disableAllExport) {
		throw new MeteorError('export-disabled', 'Export is disabled by the administrator.');
	}
}

/**
 * anonymizedUserWord (models/lib/importExportSecurity.js:39-49): TAPi18n's 'anonymized-user'. Only English ("user",
 * imports/i18n/data/en.i18n.json:2031) is modelled; another language answers the English word.
 */
function anonymizedUserWord(_language: string | undefined): string {
	return 'user';
}

interface AnonymizationMap {
	byId: Map<string, { username: string; fullname: string; initials: string }>;
	byUsername: Map<string, string>;
}

/** buildUserAnonymizationMap (models/lib/importExportSecurity.js:56-82): labels in _id order. */
function buildUserAnonymizationMap(users: Raw[], word: string): AnonymizationMap {
	const initial = (word.charAt(0) || 'u').toUpperCase();
	const byId: AnonymizationMap['byId'] = new Map();
	const byUsername = new Map<string, string>();
	const sorted = users
		.filter((u) => u && u._id)
		.sort((a, b) => (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0));
	sorted.forEach((user, index) => {
		const n = index + 1;
		const label = `${word}${n}`;
		byId.set(String(user._id), { username: label, fullname: label, initials: `${initial}${n}` });
		if (user.username) byUsername.set(String(user.username), label);
	});
	return { byId, byUsername };
}

/** rewriteMentionsInText (models/lib/importExportSecurity.js:110-118). */
function rewriteMentions(text: unknown, byUsername: Map<string, string>): unknown {
	if (typeof text !== 'string' || !text || byUsername.size === 0) return text;
	return text.replace(/(^|[^\w@])@([\w.-]+)/g, (full: string, pre: string, name: string) => {
		const replacement = byUsername.get(name);
		return replacement ? `${pre}@${replacement}` : full;
	});
}

/** anonymizeIdentityValue (models/lib/importExportSecurity.js:122-127). */
function anonymizeIdentity(value: unknown, byUsername: Map<string, string>): unknown {
	return typeof value === 'string' && byUsername.has(value) ? byUsername.get(value) : value;
}

/** anonymizeUserDoc (models/lib/importExportSecurity.js:86-101). */
function anonymizeUser(user: Raw, map: AnonymizationMap): void {
	const labels = map.byId.get(String(user._id));
	if (!labels) return;
	user.username = labels.username;
	const profile = ((user.profile as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
	profile.fullname = labels.fullname;
	profile.initials = labels.initials;
	delete profile.avatarUrl;
	delete profile.avatarFile;
	delete profile.avatarFileName;
	delete profile.avatarFileType;
	user.profile = profile;
}

/** A raw document as the export writes it: a copy, without the fields the projection leaves out. */
function without(doc: object, ...fields: string[]): Raw {
	const copy = { ...(doc as Raw) };
	for (const field of fields) delete copy[field];
	return copy;
}

/** Documents of a collection whose `field` is one of `values` (a `{field: {$in: values}}` selector). */
function withValueIn<T extends { _id: string }>(
	collection: Collection<T>,
	field: string,
	values: Iterable<string>,
): T[] {
	const wanted = new Set(values);
	if (wanted.size === 0) return [];
	return collection.find().filter((doc) => wanted.has((doc as unknown as Raw)[field] as string));
}

/**
 * The document Exporter.buildStream writes, in its key order: `_format`, the board's own fields except `stars`,
 * then attachments, lists, swimlanes, customFields, cards, comments, activities, checklists, checklistItems,
 * subtaskItems, rules, triggers, actions and users. Throws what assertExportEnabled throws.
 */
export function buildBoardExport(wekan: Wekan, boardId: string, options: ExportOptions): Record<string, unknown> {
	const { db } = wekan;
	// models/exporter.js:439
	assertExportEnabled(wekan);
	const security = securitySettings(wekan);
	const fields = options.fields && options.fields.length > 0 ? new Set(options.fields) : null;
	const hasField = (key: string) => fields === null || fields.has(key);
	const scope = options.scope;
	const scoped = !!(scope.swimlaneId || scope.listId || scope.cardId || scope.checklistId);
	const userIds = new Set<unknown>();

	// _scopedCardSelector (models/exporter.js:129-141): the board's cards that are not linked cards, narrowed by
	// the scope; a checklist scope is the card holding it.
	const cardSelector: Record<string, unknown> = { boardId, linkedId: { $in: ['', null] } };
	if (scope.cardId) {
		cardSelector._id = scope.cardId;
	} else if (scope.checklistId) {
		const checklist = db.checklists.findOne(scope.checklistId);
		cardSelector._id = checklist ? checklist.cardId : '__no_such_card__';
	} else {
		if (scope.swimlaneId) cardSelector.swimlaneId = scope.swimlaneId;
		if (scope.listId) cardSelector.listId = scope.listId;
	}
	const cardDocs = db.cards.find(cardSelector) as unknown as Raw[];

	// models/exporter.js:467-500: with anonymization, every referenced user is known before any text is written.
	let anonMap: AnonymizationMap | undefined;
	if (security.anonymizeExportUsers) {
		const pre = new Set<string>();
		const board0 = db.boards.findOne(boardId);
		for (const member of board0?.members ?? []) pre.add(member.userId);
		const preCardIds: string[] = [];
		for (const card of db.cards.find({ boardId, linkedId: { $in: ['', null] } })) {
			preCardIds.push(card._id);
			if (card.userId) pre.add(card.userId);
			for (const id of card.members ?? []) pre.add(id);
			for (const id of card.requesters ?? []) pre.add(id);
			for (const id of card.assigners ?? []) pre.add(id);
		}
		for (const list of db.lists.find({ boardId }))
			if ((list as unknown as Raw).userId) pre.add((list as unknown as Raw).userId as string);
		for (const comment of withValueIn(db.card_comments, 'cardId', preCardIds))
			if (comment.userId) pre.add(comment.userId);
		const preCardSet = new Set(preCardIds);
		for (const activity of db.activities.find()) {
			if (activity.boardId !== boardId && !preCardSet.has(activity.cardId as string)) continue;
			if (activity.userId) pre.add(activity.userId);
			if (activity.memberId) pre.add(activity.memberId);
		}
		for (const checklist of withValueIn(db.checklists, 'cardId', preCardIds)) {
			const owner = (checklist as unknown as Raw).userId;
			if (owner) pre.add(owner as string);
		}
		const preUsers = withValueIn(db.users, '_id', pre).map((u) => ({ _id: u._id, username: u.username }) as Raw);
		anonMap = buildUserAnonymizationMap(preUsers, anonymizedUserWord(options.userLanguage));
	}
	const scopedCardIds = scoped ? cardDocs.map((card) => card._id) : null;

	// models/exporter.js:525-529: the board itself, without `stars`.
	const board = db.boards.findOne(boardId, { fields: { stars: 0 } }) as unknown as Raw | undefined;
	if (!board) throw new TypeError("Cannot read properties of undefined (reading 'members')");
	for (const member of (board.members as Array<{ userId: string }> | undefined) ?? []) userIds.add(member.userId);
	const result: Record<string, unknown> = { _format: 'wekan-board-1.0.0', ...board };

	// models/exporter.js:531-585: attachments by meta.boardId (or the scope's cards), with the file as base64 unless
	// excluded; a file whose bytes are missing is an empty string.
	const scopedCardSet = new Set(scopedCardIds ?? []);
	const attachmentDocs = !hasField('attachments')
		? []
		: scopedCardIds
			? db.attachments.find().filter((a) => scopedCardSet.has(a.meta?.cardId as string))
			: db.attachments.find({ 'meta.boardId': boardId });
	result.attachments = attachmentDocs.map((attachment) => {
		const head: Record<string, unknown> = {
			_id: attachment._id,
			cardId: attachment.meta?.cardId,
			source: attachment.meta?.source,
			name: attachment.name,
			type: attachment.type,
		};
		if (!options.excludeAttachments) head.file = db.files.get(attachment._id)?.toString('base64') ?? '';
		return head;
	});

	// models/exporter.js:587-608: a scoped export carries the lists and swimlanes its cards use (and the scope's own).
	let listSelector: Record<string, unknown> = { boardId };
	let swimlaneSelector: Record<string, unknown> = { boardId };
	if (scopedCardIds) {
		const listIds = [...new Set(cardDocs.map((c) => c.listId).filter(Boolean) as string[])];
		const swimlaneIds = [...new Set(cardDocs.map((c) => c.swimlaneId).filter(Boolean) as string[])];
		if (scope.listId) listIds.push(scope.listId);
		if (scope.swimlaneId) swimlaneIds.push(scope.swimlaneId);
		listSelector = { boardId, _id: { $in: [...new Set(listIds)] } };
		swimlaneSelector = { boardId, _id: { $in: [...new Set(swimlaneIds)] } };
	}
	result.lists = db.lists.find(listSelector).map((list) => {
		userIds.add((list as unknown as Raw).userId);
		return without(list, 'boardId');
	});
	result.swimlanes = db.swimlanes.find(swimlaneSelector).map((swimlane) => without(swimlane, 'boardId'));
	result.customFields = hasField('custom-fields')
		? db.customFields.find({ boardIds: boardId }).map((field) => without(field, 'boardIds'))
		: [];

	// models/exporter.js:610-617: the cards (members and owner counted as users; requesters and assigners not).
	const cardIds: string[] = [];
	result.cards = cardDocs.map((card) => {
		cardIds.push(card._id);
		userIds.add(card.userId);
		for (const id of (card.members as string[] | undefined) ?? []) userIds.add(id);
		const out = without(card, 'boardId');
		if (anonMap) {
			out.title = rewriteMentions(out.title, anonMap.byUsername);
			out.description = rewriteMentions(out.description, anonMap.byUsername);
			out.requestedBy = anonymizeIdentity(out.requestedBy, anonMap.byUsername);
			out.assignedBy = anonymizeIdentity(out.assignedBy, anonMap.byUsername);
		}
		return out;
	});
	const cardSet = new Set(cardIds);

	// models/exporter.js:619-625
	result.comments = hasField('comments')
		? withValueIn(db.card_comments, 'cardId', cardIds).map((comment) => {
				userIds.add(comment.userId);
				const out = without(comment, 'boardId');
				if (anonMap) out.text = rewriteMentions(out.text, anonMap.byUsername);
				return out;
			})
		: [];

	// models/exporter.js:626-634: the board's activities and its cards', or only the cards' in a scoped export.
	result.activities = hasField('activities')
		? db.activities
				.find()
				.filter((a) => (!scoped && a.boardId === boardId) || cardSet.has(a.cardId as string))
				.map((activity) => {
					userIds.add(activity.userId);
					return without(activity, 'boardId');
				})
		: [];

	// models/exporter.js:635-649: checklists, items and subtasks keep their boardId (no projection).
	const checklistDocs = !hasField('checklists')
		? []
		: scope.checklistId
			? db.checklists.find({ _id: scope.checklistId })
			: withValueIn(db.checklists, 'cardId', cardIds);
	result.checklists = checklistDocs.map((checklist) => {
		userIds.add((checklist as unknown as Raw).userId);
		return { ...checklist };
	});
	const itemDocs = !hasField('checklists')
		? []
		: scope.checklistId
			? db.checklistItems.find({ checklistId: scope.checklistId })
			: withValueIn(db.checklistItems, 'cardId', cardIds);
	result.checklistItems = itemDocs.map((item) => ({ ...item }));
	result.subtaskItems = hasField('subtasks')
		? withValueIn(db.cards, 'parentId', cardIds).map((card) => ({ ...card }))
		: [];

	// models/exporter.js:651-656: a scoped export has no rules; triggers and actions are the rules'.
	const rules = exportBoardRules(wekan, boardId, { scoped });
	result.rules = rules.rules;
	result.triggers = rules.triggers;
	result.actions = rules.actions;

	// models/exporter.js:658-702: the referenced users, with username, full name, initials and avatar URL only.
	const wantedUsers = [...userIds].filter((id): id is string => typeof id === 'string' && id !== '');
	result.users = withValueIn(db.users, '_id', wantedUsers).map((doc) => {
		const user: Raw = { _id: doc._id };
		if (doc.username !== undefined) user.username = doc.username;
		const profile = doc.profile as Record<string, unknown> | undefined;
		if (profile) {
			const picked: Record<string, unknown> = {};
			for (const key of ['fullname', 'initials', 'avatarUrl'])
				if (profile[key] !== undefined) picked[key] = profile[key];
			user.profile = picked;
		}
		const picked = user.profile as Record<string, unknown> | undefined;
		if (security.disableExportAvatars) {
			if (picked) delete picked.avatarUrl;
		} else if (picked && picked.avatarUrl) {
			// FlowRouter.url: the stored relative URL made absolute on ROOT_URL. The avatar file itself, which Wekan
			// embeds for local avatars, is not modelled (there is no avatars collection here).
			picked.avatarUrl = absoluteUrl(wekan, String(picked.avatarUrl));
		}
		if (anonMap) anonymizeUser(user, anonMap);
		return user;
	});
	return result;
}

/**
 * FlowRouter.url(path), which is Meteor.absoluteUrl of the path: ROOT_URL, a slash, the path without its leading
 * slashes. An avatar URL that is already absolute is prefixed all the same (the router treats it as a path).
 */
function absoluteUrl(wekan: Wekan, path: string): string {
	const root = (wekan.rootUrl ?? wekan.baseUrl).replace(/\/+$/, '');
	return `${root}/${path.replace(/^\/+/, '')}`;
}
