/**
 * The export of one attachment (Exporter.build with an attachment id, models/exporter.js:148-262) and the .zip export
 * (models/server/ExporterZip.js), at Wekan v11.07 (commit f5cc8e373).
 *
 * The .zip route cannot answer with this archive in v11.07 (routes/boardExport.ts explains why); `boardZip` is the
 * archive ExporterZip builds once its archiver call works: `wekan.json`, the JSON export without the attachments'
 * bytes, and each attachment's file under `attachments/<id>-<name>`.
 */
import { posix } from 'node:path';
import JSZip from 'jszip';
import { ATTACHMENTS_STORAGE_PATH, attachmentBytes } from '../attachments';
import { buildBoardExport, type ExportScope } from '../exporter';
import type { Wekan } from '../../server';
import { isNotLinked } from './common';

/** computeStoragePaths with WRITABLE_PATH=/data (models/lib/attachmentStoragePath.js): what the export may read. */
const STORAGE_ROOTS = [ATTACHMENTS_STORAGE_PATH, '/data/files/avatars'];

/** isReadableStoredFilePath (models/exporter.js:82-86, GHSA-4mxf-m8pq-xc9p): a path inside Wekan's own storage. */
function isReadableStoredFilePath(path: unknown): boolean {
	if (typeof path !== 'string' || !path) return false;
	const resolved = posix.resolve(path);
	return STORAGE_ROOTS.some((root) => resolved === root || resolved.startsWith(`${root}/`));
}

/**
 * Exporter.build for one attachment: the board's attachment with that id (`{'meta.boardId', _id}`) as
 * `{_id, cardId, source, name, type, file}`, the file base64 or null when it cannot be read (a path outside the
 * storage, a missing file); `{}` when the board has no such attachment.
 */
export function exportAttachment(wekan: Wekan, boardId: string, attachmentId: string): Record<string, unknown> {
	const attachment = wekan.db.attachments.findOne({ 'meta.boardId': boardId, _id: attachmentId });
	if (!attachment) return {};
	const path = attachment.versions?.original?.path;
	const bytes = isReadableStoredFilePath(path) ? attachmentBytes(wekan, attachment) : undefined;
	return {
		_id: attachment._id,
		cardId: attachment.meta.cardId,
		source: attachment.meta.source,
		name: attachment.name,
		type: attachment.type,
		file: bytes ? bytes.toString('base64') : null,
	};
}

/** The archive's name (models/export.js:255-257): the title's safe characters, 80 at most. */
export function zipArchiveName(title: unknown): string {
	const name =
		String(title || 'export-board')
			.replace(/[^a-z0-9._-]+/gi, '-')
			.replace(/-+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 80) || 'export-board';
	return `${name}.zip`;
}

export interface ZipOptions {
	scope: ExportScope;
	fields: string[] | null;
	userLanguage?: string;
}

/**
 * ExporterZip.build (ExporterZip.js:39-98): `wekan.json` (buildStream with excludeAttachments), then the files of
 * _attachmentsToPack (:102-116): none when the selection leaves attachments out, the board's (`meta.boardId`) when
 * there is no scope, else those of the scope's cards. A file the store cannot read is left out.
 */
export async function boardZip(
	wekan: Wekan,
	boardId: string,
	options: ZipOptions,
): Promise<{ filename: string; buffer: Buffer }> {
	const { db } = wekan;
	const board = db.boards.findOne(boardId);
	const document = buildBoardExport(wekan, boardId, {
		excludeAttachments: true,
		scope: options.scope,
		fields: options.fields,
		userLanguage: options.userLanguage,
	});
	const zip = new JSZip();
	zip.file('wekan.json', JSON.stringify(document));
	const fields = options.fields && options.fields.length ? new Set(options.fields) : null;
	const { scope } = options;
	let attachments = [] as ReturnType<typeof db.attachments.find>;
	if (fields === null || fields.has('attachments')) {
		if (!(scope.swimlaneId || scope.listId || scope.cardId || scope.checklistId)) {
			attachments = db.attachments.find({ 'meta.boardId': boardId });
		} else {
			// Exporter._scopedCardSelector (models/exporter.js:129-141).
			let cards = db.cards.find({ boardId }).filter(isNotLinked);
			if (scope.cardId) cards = cards.filter((card) => card._id === scope.cardId);
			else if (scope.checklistId) {
				const checklist = db.checklists.findOne(scope.checklistId);
				cards = cards.filter((card) => card._id === (checklist ? checklist.cardId : '__no_such_card__'));
			} else {
				if (scope.swimlaneId) cards = cards.filter((card) => card.swimlaneId === scope.swimlaneId);
				if (scope.listId) cards = cards.filter((card) => card.listId === scope.listId);
			}
			const cardIds = new Set(cards.map((card) => card._id));
			attachments = db.attachments.find().filter((attachment) => cardIds.has(attachment.meta?.cardId as string));
		}
	}
	for (const attachment of attachments) {
		const bytes = attachmentBytes(wekan, attachment);
		if (!bytes) continue;
		const name = (attachment.name || attachment._id).replace(/[/\\]/g, '_');
		zip.file(`attachments/${attachment._id}-${name}`, bytes);
	}
	const buffer = await zip.generateAsync({
		type: 'nodebuffer',
		compression: 'DEFLATE',
		compressionOptions: { level: 6 },
	});
	return { filename: zipArchiveName(board?.title), buffer };
}
