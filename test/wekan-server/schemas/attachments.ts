/**
 * The `attachments` collection: the file records of the ostrio:files 3.0.1 FilesCollection 'attachments'
 * (models/attachments.js:46-128), at Wekan v11.07, commit f5cc8e373.
 *
 * No schema is attached, so this file exports none: ostrio:files keeps a default schema (core.js:13-97 of
 * veliovgroup/Meteor-Files v3.0.1) as `this.schema` (server.js:453-458) but never attaches it, and Wekan leaves doing
 * so as a to-do (models/attachments.js:24-25). Records are written by ostrio:files' `_dataToSchema` (core.js:168-201)
 * through its upload, writeAsync, loadAsync and addFile paths, then updated by Wekan's store strategies.
 *
 * What Wekan's REST routes read from a record: `_id`, `name`, `size`, `type`, `isImage`, `versions` (names, and each
 * version's `storage`, `size`, `type`), `meta.boardId/swimlaneId/listId/cardId` (server/routes/attachmentApi.js:
 * 575, 629-637, 690-705, 738-748, 1106-1125; server/models/boards.js:1525-1550), and `uploadedAt`, which nothing
 * writes: the upload time is stored as `uploadedAtOstrio` (models/attachments.server.js:183), so those routes'
 * `createdAt` is always undefined and drops out of the JSON.
 */

/** models/lib/fileStoreConstants.js:4-6. */
export type AttachmentStorageName = 'fs' | 'gridfs' | 's3';

export interface AttachmentVersion {
	/** core.js:184-189: the original version repeats the record's path, size, type and extension. */
	path: string;
	size: number;
	type: string;
	extension: string;
	/**
	 * Where the bytes are: set to 'fs' after upload (models/attachments.server.js:178-183), changed when a file is
	 * moved (models/lib/fileStoreStrategy.js:972). Records from before Wekan stored it have none.
	 */
	storage?: AttachmentStorageName;
	/** models/lib/fileStoreStrategy.js:378-381: a GridFS copy's file id. */
	meta?: { gridFsFileId?: string };
}

/**
 * The card an attachment belongs to: models/lib/attachmentMeta.js:29-47 for uploads from the card (a linked card's
 * attachment names the real card, with boardId and cardId only), server/routes/attachmentApi.js:295-303 for the
 * REST upload. ostrio:files makes it `{}` when the upload has none (server.js:1044-1046).
 */
export interface AttachmentMeta {
	boardId?: string;
	swimlaneId?: string;
	listId?: string;
	cardId?: string;
	/** Used by the namingFunction, which deletes it again on client uploads (models/attachments.js:56-58). */
	fileId?: string;
	/** 'api', 'api-background', 'import', 'copy', 'legacy', 'board-background'... when not a card upload. */
	source?: string;
	storageBackend?: AttachmentStorageName;
	/** Where onAfterUpload moves the file instead of the default store (models/attachments.server.js:186). */
	copyStorage?: AttachmentStorageName;
	[field: string]: unknown;
}

export interface AttachmentDoc {
	_id: string;
	/** The file name as uploaded, possibly corrected by onAfterUpload (models/attachments.server.js:147-152). */
	name: string;
	/** core.js:171-174: lower-cased extension without the dot; `ext` repeats it, `extensionWithDot` is '.' + it. */
	extension: string;
	ext: string;
	extensionWithDot: string;
	path: string;
	meta: AttachmentMeta;
	/** core.js:177-179: the MIME type, repeated as `mime` and `mime-type`. */
	type: string;
	mime: string;
	'mime-type': string;
	size: number;
	/** core.js:181: the uploader, or null. */
	userId: string | null;
	versions: Record<string, AttachmentVersion>;
	_downloadRoute: string;
	_collectionName: string;
	/** core.js:152-159: from the MIME type. */
	isVideo: boolean;
	isAudio: boolean;
	isImage: boolean;
	isText: boolean;
	isJSON: boolean;
	isPDF: boolean;
	_storagePath: string;
	/** In ostrio:files' default schema (core.js:78-81) but not written by _dataToSchema. */
	public?: boolean;
	/** The upload time, set by onAfterUpload (models/attachments.server.js:182-183). */
	uploadedAtOstrio?: Date;
}
