/**
 * Attachments at Wekan v11.07 (commit f5cc8e373): the ostrio:files 3.0.1 FilesCollection 'attachments'
 * (models/attachments.js, models/attachments.server.js), its records in `db.attachments` (no schema attached) and the
 * file contents in `db.files`, with the store-strategy behaviour Wekan's routes rely on
 * (models/lib/fileStoreStrategy.js, models/lib/attachmentStoreStrategy.js).
 *
 * A file gets here the way the web UI uploads it: the HTTP transport of ostrio:files (client/lib/
 * attachmentUploadConfig.js:25-36), whose last chunk inserts the record from an Express handler, outside any Meteor
 * method. The REST upload cannot (routes/attachments.ts).
 */
import { randomBytes } from 'node:crypto';
import { MeteorError } from '../errors';
import type { ActivityDoc } from '../schemas/activities';
import type { AttachmentDoc, AttachmentMeta, AttachmentStorageName } from '../schemas/attachments';
import type { CardDoc } from '../schemas/cards';
import type { Wekan } from '../server';

/** models/attachments.server.js:61-66 with WRITABLE_PATH=/data, as Wekan's Docker image runs. */
export const ATTACHMENTS_STORAGE_PATH = '/data/files/attachments';
/** ostrio:files' default downloadRoute (server.js:175). */
export const DOWNLOAD_ROUTE = '/cdn/storage';

/** A Mongo ObjectId as a hex string (bson's ObjectId().toString()): what Wekan names uploaded files with. */
export function objectIdHex(): string {
	const time = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	return `${time}${randomBytes(8).toString('hex')}`;
}

/** buildAttachmentAddedActivity (models/attachments.js:10-24). */
function addedActivity(doc: AttachmentDoc): Omit<ActivityDoc, '_id'> {
	const meta = doc.meta ?? {};
	return {
		userId: doc.userId ?? undefined,
		type: 'card',
		activityType: 'addAttachment',
		attachmentId: doc._id,
		attachmentName: doc.name,
		boardId: meta.boardId,
		cardId: meta.cardId,
		listId: meta.listId,
		swimlaneId: meta.swimlaneId,
	};
}

export function registerAttachments(wekan: Wekan): void {
	const { db } = wekan;
	// models/attachments.js:197-209, #5905: each new record but an import's records an addAttachment activity, in the
	// context of the insert (Activities.insertAsync not awaited, its failure logged).
	db.attachments.after.insert((userId, doc) => {
		if (doc.meta && doc.meta.source === 'import') return;
		try {
			db.activities.insert(addedActivity(doc), { userId });
		} catch {
			// Logged by Wekan.
		}
	});
}

// ---- store strategies ----------------------------------------------------------------------------------------------

/**
 * FileStoreStrategyFactory.getFileStrategy's choice (fileStoreStrategy.js:101-145): the version's recorded storage;
 * without one, GridFS for an import or a GridFS copy, else the file system. A cloud store that is not configured
 * (none is, here) falls back to the file system.
 */
export function storageNameOf(attachment: AttachmentDoc, versionName = 'original'): AttachmentStorageName {
	const version = (attachment.versions ?? {})[versionName];
	let storage: string | undefined = version?.storage;
	if (!storage) {
		storage = attachment.meta?.source === 'import' || version?.meta?.gridFsFileId ? 'gridfs' : 'fs';
	}
	return storage === 'gridfs' ? 'gridfs' : 'fs';
}

/** strategy.getReadStream(): the bytes, or undefined when the store has no file (fileStoreStrategy.js:517-523). */
export function attachmentBytes(wekan: Wekan, attachment: AttachmentDoc): Buffer | undefined {
	return wekan.db.files.get(attachment._id);
}

// ---- ostrio:files ------------------------------------------------------------------------------------------------

/** FilesCollectionCore._getFileName (core.js:119-125). */
function fileNameOf(name: string): string {
	return name.length > 0
		? name
				.replace(/^\.\.+/, '')
				.replace(/\.{2,}/g, '.')
				.replace(/\//g, '')
		: '';
}

/** FilesCollectionCore._getExt (core.js:134-143). */
function extensionOf(name: string): string {
	if (!name.includes('.')) return '';
	return (name.split('.').pop()?.split('?')[0] ?? '')
		.toLowerCase()
		.replace(/([^a-z0-9\-_.]+)/gi, '')
		.substring(0, 20);
}

/** FilesCollectionCore._updateFileTypes (core.js:152-159). */
function fileTypes(type: string) {
	return {
		isVideo: /^video\//i.test(type),
		isAudio: /^audio\//i.test(type),
		isImage: /^image\//i.test(type),
		isText: /^text\//i.test(type),
		isJSON: /^application\/json$/i.test(type),
		isPDF: /^application\/(x-)?pdf$/i.test(type),
	};
}

/** Wekan's onBeforeUpload name sanitizing (models/attachments.js:87-110). */
function sanitizedUploadName(name: string): string {
	let safe = name.split(/[\\/]/).pop() ?? '';
	safe = safe.replace(/\0/g, '');
	let previous: string;
	do {
		previous = safe;
		safe = safe.replace(/\.\.[\\/]/g, '');
	} while (safe !== previous);
	safe = safe.replace(/^\.\.$/g, '').trim();
	if (!safe || safe === '.' || safe === '..') return 'unnamed';
	return safe;
}

export interface UploadedFile {
	/** The name as the browser gives it. */
	name: string;
	/** The browser's File.type; '' when it does not know the type. */
	type?: string;
	data: Buffer | string;
}

/**
 * The card's upload meta (models/lib/attachmentMeta.js:3-22): a linked card's attachment belongs to the real card
 * (its boardId and cardId only).
 */
export function attachmentMetaOf(wekan: Wekan, card: CardDoc): AttachmentMeta {
	if (card.type === 'cardType-linkedCard') {
		const real = card.linkedId ? wekan.db.cards.findOne(card.linkedId) : undefined;
		return { ...(real ? { boardId: real.boardId } : {}), cardId: card.linkedId };
	}
	return { boardId: card.boardId, swimlaneId: card.swimlaneId, listId: card.listId, cardId: card._id };
}

/**
 * A file uploaded over ostrio:files' HTTP transport, the web UI's way (client/components/cards/attachments.js:
 * 440-470): the client sends {size, type, name, meta, ext, extension, extensionWithDot, mime, mime-type} (upload.js:
 * 230-281), `_prepareUpload` (server.js:1017-1093) completes it as `_dataToSchema` (core.js:168-201) lays a record
 * out, Wekan's onBeforeUpload refuses SVG, `_finishUpload` (server.js:1110-1140) inserts it with the server's type,
 * and Wekan's onAfterUpload (models/attachments.server.js:103-184) marks the original as stored on the file system
 * and stamps uploadedAtOstrio. Its filename hardening and exploit stripping are not modelled.
 *
 * The insert runs in the HTTP handler, not in a Meteor method, so `context.userId` is normally undefined; the record
 * still names the uploader (from the upload's session).
 */
export function uploadAttachment(
	wekan: Wekan,
	uploaderId: string | null,
	meta: AttachmentMeta,
	file: UploadedFile,
	context: { userId?: string } = {},
): AttachmentDoc {
	const { db } = wekan;
	const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data;
	const browserType = file.type ?? '';
	const id = objectIdHex();
	// client/lib/attachmentUploadConfig.js:25-36: the file id is stamped into meta for the namingFunction.
	const uploadMeta: AttachmentMeta = { ...meta, fileId: id };
	let name = fileNameOf(file.name);
	const extension = extensionOf(name);
	// models/attachments.js:87-127: onBeforeUpload runs on the laid-out record and may rename it; SVG is refused.
	const sanitized = sanitizedUploadName(name);
	if (sanitized !== name) name = sanitized;
	if (name.toLowerCase().endsWith('.svg') || browserType === 'image/svg+xml') {
		throw new MeteorError(
			403,
			'SVG files are not allowed for attachments due to security ' +
				'reasons. Please use PNG, JPG, GIF, or other safe formats.',
		);
	}
	// _finishUpload: the server's mime type for `type`; mime and mime-type keep the browser's.
	const record = fileRecord({
		id,
		name,
		extension,
		type: browserType || 'application/octet-stream',
		mime: browserType,
		meta: uploadMeta,
		userId: uploaderId || null,
		size: data.length,
	});
	return storeFile(wekan, record, data, context);
}

/**
 * A file record as ostrio:files' `_dataToSchema` (core.js:168-201) lays it out, for an upload's `_finishUpload` and
 * for `addFile` (server.js:1381-1466) alike: the stored file is named by the file id alone
 * (models/attachments.js:51-82).
 */
function fileRecord(file: {
	id: string;
	name: string;
	/** The extension of the name as it was laid out (before onBeforeUpload may rename it). */
	extension: string;
	type: string;
	mime: string;
	meta: AttachmentMeta;
	userId: string | null;
	size: number;
}): Record<string, unknown> {
	const { extension } = file;
	const path = `${ATTACHMENTS_STORAGE_PATH}/${file.id}${extension ? `.${extension}` : ''}`;
	return {
		size: file.size,
		type: file.type,
		name: file.name,
		meta: file.meta,
		ext: extension,
		extension,
		extensionWithDot: `.${extension}`,
		mime: file.mime,
		'mime-type': file.mime,
		_id: file.id,
		userId: file.userId,
		path,
		versions: { original: { path, size: file.size, type: file.mime, extension } },
		_downloadRoute: DOWNLOAD_ROUTE,
		_collectionName: 'attachments',
		...fileTypes(file.type),
		_storagePath: ATTACHMENTS_STORAGE_PATH,
		public: false,
	};
}

/**
 * The bytes written, the record inserted, then Wekan's onAfterUpload (models/attachments.server.js:103-184): the
 * versions marked as stored on the file system, and uploadedAtOstrio stamped.
 */
function storeFile(
	wekan: Wekan,
	record: Record<string, unknown>,
	data: Buffer,
	context: { userId?: string },
): AttachmentDoc {
	const { db } = wekan;
	const id = record._id as string;
	db.files.set(id, data);
	db.attachments.insert(record, context);
	const stored = db.attachments.findOne(id) as AttachmentDoc;
	const versions = Object.fromEntries(
		Object.entries(stored.versions).map(([versionName, version]) => [versionName, { ...version, storage: 'fs' }]),
	);
	db.attachments.update({ _id: id }, { $set: { versions, uploadedAtOstrio: new Date() } }, {}, context);
	return db.attachments.findOne(id) as AttachmentDoc;
}

/**
 * copyFile (models/lib/fileStoreStrategy.js:1086-1171), as Card.copy calls it: each version of the source whose bytes
 * are there becomes a new file on the file system, added with `addFile` under a new ObjectId (a source whose bytes
 * are gone is skipped), on the new card, `meta.source` 'copy', `meta.copyFrom` the source and `meta.copyStorage`
 * the source's store, owned by the source's uploader (set again after the insert). Wekan adds the record when the
 * copy stream ends, after Card.copy has moved on (which is why Card.copy polls for the cover's copy); here it is
 * there at once. The name sanitising of the copy is not modelled.
 */
export function copyFile(wekan: Wekan, source: AttachmentDoc, newCardId: string): void {
	const { db } = wekan;
	const newCard = db.cards.findOne(newCardId);
	const bytes = attachmentBytes(wekan, source);
	for (const versionName of Object.keys(source.versions ?? {})) {
		if (!bytes) continue;
		const meta: AttachmentMeta = {
			boardId: newCard?.boardId,
			cardId: newCardId,
			listId: newCard?.listId,
			swimlaneId: newCard?.swimlaneId,
			source: 'copy',
			copyFrom: source._id,
			copyStorage: storageNameOf(source, versionName),
		};
		const record = fileRecord({
			id: objectIdHex(),
			name: source.name,
			extension: extensionOf(source.name ?? ''),
			type: source.type,
			mime: source.type,
			meta,
			userId: source.userId ?? null,
			size: bytes.length,
		});
		const copy = storeFile(wekan, record, Buffer.from(bytes), {});
		db.attachments.update({ _id: copy._id }, { $set: { userId: source.userId } });
	}
}

/**
 * FilesCollection.removeAsync (server.js:1630-1660) with Wekan's onAfterRemove (models/attachments.server.js:222-235):
 * the records go first, then each version's store strategy records a deleteAttachment activity
 * (attachmentStoreStrategy.js:22-37, 89-93) crediting the acting user, else the uploader (#5504), and the files are
 * unlinked. Returns how many records matched.
 */
export function removeAttachments(
	wekan: Wekan,
	selector: string | Record<string, unknown>,
	actingUserId: string | undefined,
	context: { userId?: string } = {},
): number {
	const { db } = wekan;
	const docs = db.attachments.find(selector);
	if (!docs.length) return 0;
	db.attachments.remove(selector, context);
	for (const doc of docs) {
		if (!doc.versions) continue;
		for (const _versionName of Object.keys(doc.versions)) {
			// The activity document is built at once (a record without meta throws here, as in Wekan); its insert is
			// not awaited and its failure only logged.
			const activity = {
				userId: actingUserId || doc.userId || undefined,
				type: 'card',
				activityType: 'deleteAttachment',
				attachmentId: doc._id,
				attachmentName: doc.name,
				boardId: doc.meta.boardId,
				cardId: doc.meta.cardId,
				listId: doc.meta.listId,
				swimlaneId: doc.meta.swimlaneId,
			};
			try {
				db.activities.insert(activity, context);
			} catch {
				// Logged by Wekan.
			}
		}
	}
	for (const doc of docs) db.files.delete(doc._id);
	return docs.length;
}
