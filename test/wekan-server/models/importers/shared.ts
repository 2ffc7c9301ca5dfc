/**
 * What Wekan's board importers share at v11.07 (commit f5cc8e373): the import method's user, JavaScript's ways of
 * walking the untrusted import document, Attachments.writeAsync (ostrio:files 3.0.1 server.js writeAsync with
 * Wekan's onAfterUpload, models/attachments.server.js:103-184), the placeholder usernames of the Wekan and Trello
 * creators, and the import security settings (models/lib/importExportSecurity.js).
 *
 * The REST import routes run the creators inside `DDP._CurrentMethodInvocation.withValue({userId})`
 * (server/models/boards.js:1003-1009, :1039-1042), so Meteor.userId() is the importer: the creators attribute to
 * them, collection2's autoValues see them, and so do the hooks of the few writes that are not `.direct`.
 */
import type { WriteContext } from '../../db/collection';
import { MeteorError } from '../../errors';
import { randomId } from '../../ids';
import type { AttachmentDoc, AttachmentMeta } from '../../schemas/attachments';
import type { Wekan } from '../../server';
import { ATTACHMENTS_STORAGE_PATH, DOWNLOAD_ROUTE } from '../attachments';

export type Loose = Record<string, unknown>;

/** The importing user, as the creators' Meteor.userId() and collection2 see them. */
export interface Importer {
	wekan: Wekan;
	userId: string;
	/** The write context of every import write: the method's user. */
	context: WriteContext;
}

export function importerOf(wekan: Wekan, userId: string): Importer {
	return { wekan, userId, context: { userId } };
}

// ---- the import document as JavaScript reads it ----------------------------------------------------------------

/** `for (const x of value)`: arrays and strings iterate; anything else throws the TypeError JavaScript throws. */
export function iterate(value: unknown, what: string): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') return [...value];
	throw new TypeError(`${what} is not iterable`);
}

/** `value.forEach(...)` / `value.map(...)`: only an array has them. */
export function arrayOf(value: unknown, what: string): unknown[] {
	if (Array.isArray(value)) return value;
	throw new TypeError(`Cannot read properties of ${value === null ? 'null' : typeof value} (reading '${what}')`);
}

/** `value.prop` on an import value: a TypeError on undefined or null, as JavaScript gives. */
export function prop(value: unknown, key: string): unknown {
	if (value === undefined || value === null) {
		throw new TypeError(`Cannot read properties of ${String(value)} (reading '${key}')`);
	}
	return (value as Loose)[key];
}

/** Meteor's insert stores no undefined field (ignoreUndefined); a copy without them. */
export function defined(doc: Loose): Loose {
	const out: Loose = {};
	for (const [key, value] of Object.entries(doc)) if (value !== undefined) out[key] = value;
	return out;
}

/** A deep copy of the JSON the request carried (EJSON.clone of a Meteor method's arguments). */
export function cloneJson<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** A date from an import value, as `new Date(value)` makes it (possibly invalid). */
export function dateOf(value: unknown): Date {
	return new Date(value as string);
}

// ---- Attachments.writeAsync -------------------------------------------------------------------------------------

/** FilesCollectionCore._getExt (core.js:134-143). */
function extensionOf(name: string): string {
	if (!name.includes('.')) return '';
	return (name.split('.').pop()?.split('?')[0] ?? '')
		.toLowerCase()
		.replace(/([^a-z0-9\-_.]+)/gi, '')
		.substring(0, 20);
}

export interface WriteOptions {
	fileName: string;
	type: string;
	userId: string | undefined;
	meta: AttachmentMeta;
}

/**
 * Attachments.writeAsync(buffer, opts, true): the bytes stored under a new Random.id, the record laid out by
 * _dataToSchema and inserted (the hooks run: an 'import' record records no activity, models/attachments.js:197-209),
 * then onAfterUpload marks each version as on the file system and stamps uploadedAtOstrio. Its file-name hardening
 * and exploit stripping are not modelled.
 */
export function writeAttachment(importer: Importer, buffer: Buffer, options: WriteOptions): AttachmentDoc {
	const { db } = importer.wekan;
	const id = randomId();
	const name = options.fileName;
	const extension = extensionOf(name);
	const extensionWithDot = extension ? `.${extension}` : '';
	const path = `${ATTACHMENTS_STORAGE_PATH}/${id}${extensionWithDot}`;
	const type = options.type;
	const record = {
		_id: id,
		name,
		extension,
		ext: extension,
		extensionWithDot: `.${extension}`,
		path,
		meta: options.meta,
		type,
		mime: type,
		'mime-type': type,
		size: buffer.length,
		userId: options.userId || null,
		versions: { original: { path, size: buffer.length, type, extension } },
		_downloadRoute: DOWNLOAD_ROUTE,
		_collectionName: 'attachments',
		isVideo: /^video\//i.test(type),
		isAudio: /^audio\//i.test(type),
		isImage: /^image\//i.test(type),
		isText: /^text\//i.test(type),
		isJSON: /^application\/json$/i.test(type),
		isPDF: /^application\/(x-)?pdf$/i.test(type),
		_storagePath: ATTACHMENTS_STORAGE_PATH,
	};
	db.files.set(id, buffer);
	db.attachments.insert(record, importer.context);
	const stored = db.attachments.findOne(id) as AttachmentDoc;
	const versions = Object.fromEntries(
		Object.entries(stored.versions).map(([versionName, version]) => [versionName, { ...version, storage: 'fs' }]),
	);
	db.attachments.update({ _id: id }, { $set: { versions, uploadedAtOstrio: new Date() } }, {}, importer.context);
	return db.attachments.findOne(id) as AttachmentDoc;
}

// ---- users ----------------------------------------------------------------------------------------------------

/** _uniquePlaceholderUsername (models/wekanCreator.js:1253-1263, trelloCreator.js:1037-1047). */
export function uniquePlaceholderUsername(importer: Importer, base: unknown): string {
	const name = String(base || '').trim() || 'imported';
	let candidate = name;
	let n = 0;
	while (importer.wekan.db.users.findOne({ username: candidate }, { fields: { _id: 1 } })) {
		n += 1;
		candidate = `${name}-${n}`;
	}
	return candidate;
}

// ---- Admin Panel import security (models/lib/importExportSecurity.js) ---------------------------------------------

export interface ImportSecurity {
	disableAllImport: boolean;
	disableImportAvatars: boolean;
	anonymizeImportUsers: boolean;
}

/** getImportExportSecuritySettings (:14-25): from the first settings document. */
export function importSecurity(wekan: Wekan): ImportSecurity {
	const settings = (wekan.db.settings.findOne({}) ?? {}) as Loose;
	return {
		disableAllImport: !!settings.disableAllImport,
		disableImportAvatars: !!settings.disableImportAvatars,
		anonymizeImportUsers: !!settings.anonymizeImportUsers,
	};
}

/** assertImportEnabled (:38-45). */
export function assertImportEnabled(wekan: Wekan): void {
	if (importSecurity(wekan).disableAllImport) {
		throw new MeteorError('import-disabled', 'Import is disabled by the administrator.');
	}
}

/** anonymizedUserWord (:49-58): TAPi18n's 'anonymized-user', "user" in English (the only language modelled). */
const ANONYMIZED_USER_WORD = 'user';

/** buildUserAnonymizationMap, anonymizeUserDoc, anonymizeBoardTextInPlace (:64-145), applied to the document. */
export function anonymizeUsersInPlace(board: Loose, users: Loose[]): void {
	const word = ANONYMIZED_USER_WORD;
	const initial = word.charAt(0).toUpperCase();
	const byId = new Map<string, string>();
	const byUsername = new Map<unknown, string>();
	users
		.filter((user) => user && user._id)
		.slice()
		.sort((a, b) => (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0))
		.forEach((user, index) => {
			const label = `${word}${index + 1}`;
			byId.set(String(user._id), label);
			if (user.username) byUsername.set(user.username, label);
		});
	for (const user of users) {
		if (!user || !user._id) continue;
		const label = byId.get(String(user._id));
		if (!label) continue;
		const n = label.slice(word.length);
		user.username = label;
		const profile = ((user.profile as Loose | undefined) ?? {}) as Loose;
		profile.fullname = label;
		profile.initials = `${initial}${n}`;
		delete profile.avatarUrl;
		delete profile.avatarFile;
		delete profile.avatarFileName;
		delete profile.avatarFileType;
		user.profile = profile;
	}
	const mentions = (text: unknown) =>
		typeof text !== 'string' || !text || byUsername.size === 0
			? text
			: text.replace(/(^|[^\w@])@([\w.-]+)/g, (full: string, pre: string, name: string) => {
					const replacement = byUsername.get(name);
					return replacement ? `${pre}@${replacement}` : full;
				});
	const identity = (value: unknown) =>
		typeof value === 'string' && byUsername.has(value) ? byUsername.get(value) : value;
	for (const card of (board.cards as Loose[] | undefined) ?? []) {
		if (!card) continue;
		card.title = mentions(card.title);
		card.description = mentions(card.description);
		card.requestedBy = identity(card.requestedBy);
		card.assignedBy = identity(card.assignedBy);
	}
	for (const comment of (board.comments as Loose[] | undefined) ?? []) {
		if (comment) comment.text = mentions(comment.text);
	}
}
