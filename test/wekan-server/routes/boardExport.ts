/**
 * The board export routes other than the JSON one (which is in routes/boards.ts): models/export.js (the .zip, the
 * Kanboard and external-tool JSON, the attachment export, CSV/TSV), models/exportExcel.js, models/exportExcelCard.js
 * and models/exportPDF.js, at Wekan v11.07 (commit f5cc8e373).
 *
 * Every one of them is wrapped in safeRoute (server/apiMiddleware.js:137-155): anything that escapes the handler is
 * a plain-text 500 "Internal server error", or, when the headers are already out, that text appended to what was
 * sent. Each reads its own mix of authentication and answers its refusals in its own words; the differences are
 * Wekan's and are kept:
 *
 * - a public board is exported to anyone, without looking at any token;
 * - `?authToken=` (any logged-in user's resume token) is checked first; the `Authorization: Bearer` token (or
 *   `?access_token=`) only when there is none;
 * - through Bearer, the CSV, the Excel and the attachment exports look the user up with `isAdmin: true`, so only a
 *   site admin gets through (and only onto a board they are an active member of); everyone else must use
 *   `?authToken=`;
 * - the admin switch that disables exports (Settings.disableAllExport) is only asked by the exports that go through
 *   Exporter.build/buildStream: the JSON, the .zip and the attachment export.
 *
 * ImpersonatedUsers bookkeeping (an admin who impersonated someone leaves a record of each export) is not modelled.
 */
import type { RequestContext, Router } from '../http';
import { Reply, sendJsonResult, text } from '../http';
import { assertExportEnabled, CARD_EXPORT_FIELD_KEYS, parseExportFields, parseExportScope } from '../models/exporter';
import { boardIsVisibleBy } from '../models/boards';
import { attachmentDisposition, translate } from '../models/exportFormats/common';
import { csvExportLines } from '../models/exportFormats/csv';
import {
	excelBoardWorkbook,
	excelCardWorkbook,
	excelTableFilename,
	excelTableWorkbook,
} from '../models/exportFormats/excel';
import { buildExternalExport, buildKanboardExport, EXTERNAL_EXPORT_FORMATS } from '../models/exportFormats/external';
import { boardPdf, cardPdf } from '../models/exportFormats/pdf';
import { exportAttachment } from '../models/exportFormats/zip';
import type { UserDoc } from '../schemas/users';
import type { Wekan } from '../server';

/** What a handler writes when it answers with words of its own: a status, a body, and maybe a Content-Type. */
const plain = (status: number, body: string) => new Reply(status, body);
const textPlain = (status: number, body: string) => text(status, body);

/** safeRoute (server/apiMiddleware.js:137-155). */
function safeRoute(handler: (ctx: RequestContext) => Promise<Reply> | Reply) {
	return async (ctx: RequestContext): Promise<Reply> => {
		try {
			return await handler(ctx);
		} catch {
			return text(500, 'Internal server error');
		}
	};
}

/** The export's date format: `?dateFormat=` when it is one of the three, else the profile's (exportPDF.js:57-60). */
const DATE_FORMATS = ['YYYY-MM-DD', 'DD-MM-YYYY', 'MM-DD-YYYY'];

function exportLocale(query: Record<string, string>, user: UserDoc | undefined | null) {
	const timezone = typeof query.tz === 'string' && query.tz.length <= 64 ? query.tz : '';
	const requested = query.dateFormat;
	const dateFormat = DATE_FORMATS.includes(requested) ? requested : user?.profile?.dateFormat || 'YYYY-MM-DD';
	return { timezone, dateFormat };
}

export function registerBoardExportRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;

	/** The user a resume token belongs to (`services.resume.loginTokens.hashedToken`), or undefined. */
	const userOfToken = (token: string): UserDoc | undefined => {
		const id = wekan.userIdForToken(token);
		return id === undefined ? undefined : db.users.findOne(id);
	};
	const siteAdmin = (userId: string | undefined) =>
		userId === undefined ? undefined : db.users.findOne({ _id: userId, isAdmin: true });
	/** Exporter.canExport (models/exporter.js:871-874): Board.isVisibleBy. */
	const canExport = (boardId: string, user: UserDoc | undefined | null) => {
		const board = db.boards.findOne(boardId);
		return !!board && boardIsVisibleBy(board, user);
	};

	/**
	 * The authentication of models/export.js's JSON-answering routes (:207-265, :276-325, :329-381, :417-506): the
	 * user to export as, or the refusal as sendJsonResult writes it. `adminOnly`: the Bearer path looks the user up
	 * with `isAdmin: true` (the attachment export, :482).
	 */
	const jsonRouteUser = (
		ctx: RequestContext,
		adminOnly = false,
	): { user: UserDoc | undefined | null } | { refusal: Reply } => {
		const loginToken = ctx.query.authToken;
		if (loginToken) {
			if (loginToken.length > 10000) return { refusal: sendJsonResult(400, { error: 'Bad request' }) };
			const user = userOfToken(loginToken);
			if (!user) return { refusal: sendJsonResult(401, { error: 'Invalid token' }) };
			return { user };
		}
		// Authentication.checkLoggedIn; its Meteor.Error's statusCode and reason.
		if (ctx.userId === undefined) return { refusal: sendJsonResult(401, { error: 'Unauthorized' }) };
		return { user: adminOnly ? siteAdmin(ctx.userId) : db.users.findOne({ _id: ctx.userId }) };
	};

	// models/export.js:207-265: the .zip. ExporterZip.build (models/server/ExporterZip.js:39-98) begins with
	// `require('archiver')('zip', ...)`; Wekan v11.07 runs archiver 8, whose module is an object of classes
	// ({Archiver, ZipArchive, ...}, as server/methods/backup.js:12 imports it and models/server/createWorkbook.js:7-37
	// explains), so that call throws "archiver is not a function" before any header is written, and safeRoute answers
	// 500. Every export that gets past the permission check therefore fails; zip.ts keeps the archive it was meant
	// to write.
	router.get(
		'/api/boards/:boardId/exportZip',
		'B',
		safeRoute((ctx) => {
			const { boardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return sendJsonResult(404, { error: 'Not found' });
			let user: UserDoc | undefined | null = null;
			if (board.permission !== 'public') {
				const auth = jsonRouteUser(ctx);
				if ('refusal' in auth) return auth.refusal;
				user = auth.user;
			}
			if (!canExport(boardId, user)) return sendJsonResult(403, { error: 'Forbidden' });
			throw new TypeError('archiver is not a function');
		}),
	);

	// models/export.js:276-325: the Kanboard-shaped JSON.
	router.get(
		'/api/boards/:boardId/export/kanboard',
		'B',
		safeRoute((ctx) => {
			const { boardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return sendJsonResult(404, { error: 'Not found' });
			if (board.permission === 'public') return sendJsonResult(200, buildKanboardExport(wekan, boardId));
			const auth = jsonRouteUser(ctx);
			if ('refusal' in auth) return auth.refusal;
			if (!canExport(boardId, auth.user)) return sendJsonResult(403, { error: 'Forbidden' });
			return sendJsonResult(200, buildKanboardExport(wekan, boardId));
		}),
	);

	// models/export.js:329-395: one route per external format, each answering the format's JSON.
	for (const format of EXTERNAL_EXPORT_FORMATS) {
		router.get(
			`/api/boards/:boardId/export/${format}`,
			'B',
			safeRoute((ctx) => {
				const { boardId } = ctx.params;
				const board = db.boards.findOne(boardId);
				if (!board) return sendJsonResult(404, { error: 'Not found' });
				const respond = () =>
					sendJsonResult(
						200,
						buildExternalExport(wekan, boardId, format, parseExportFields(ctx.query.fields)),
					);
				if (board.permission === 'public') return respond();
				const auth = jsonRouteUser(ctx);
				if ('refusal' in auth) return auth.refusal;
				if (!canExport(boardId, auth.user)) return sendJsonResult(403, { error: 'Forbidden' });
				return respond();
			}),
		);
	}

	// models/export.js:417-506: one attachment as Exporter.build gives it (models/exporter.js:148-262).
	router.get(
		'/api/boards/:boardId/attachments/:attachmentId/export',
		'B',
		safeRoute((ctx) => {
			const { boardId, attachmentId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return sendJsonResult(404, { error: 'Not found' });
			if (board.permission !== 'public') {
				const auth = jsonRouteUser(ctx, true);
				if ('refusal' in auth) return auth.refusal;
				if (!canExport(boardId, auth.user)) return sendJsonResult(403, { error: 'Forbidden' });
			}
			// models/exporter.js:149: a disabled export throws out of build(), and safeRoute answers.
			assertExportEnabled(wekan);
			return sendJsonResult(200, exportAttachment(wekan, boardId, attachmentId));
		}),
	);

	// models/export.js:523-647: CSV, or TSV when `?delimiter=` is a tab. Written with res.writeHead and res.write, so
	// no Cache-Control and no Content-Disposition.
	router.get(
		'/api/boards/:boardId/export/csv',
		'B',
		safeRoute((ctx) => {
			const { boardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return plain(404, 'Board not found');
			let fields: string[] | null = null;
			if (board.permission !== 'public') {
				const loginToken = ctx.query.authToken;
				let user: UserDoc | undefined;
				if (loginToken) {
					if (loginToken.length > 10000) return plain(400, 'Invalid token');
					user = userOfToken(loginToken);
					if (!user) return textPlain(401, 'Invalid token');
				} else {
					if (ctx.userId === undefined) return sendJsonResult(401, { error: 'Unauthorized' });
					user = siteAdmin(ctx.userId);
				}
				// :605-607: the selection applies to a private board's export only.
				fields = parseExportFields(ctx.query.fields);
				if (!canExport(boardId, user)) return plain(403, 'Permission Error');
			}
			return csvReply(boardId, ctx.query.delimiter, fields);
		}),
	);

	/**
	 * The CSV response: the TSV has Content-Type text/tsv and no BOM; the CSV a UTF-8 BOM first. The lines go out as
	 * they are built, so a failure part way leaves them sent, followed by safeRoute's "Internal server error".
	 */
	function csvReply(boardId: string, delimiter: string | undefined, fields: string[] | null): Reply {
		const tsv = delimiter === '\t';
		const chunks: Buffer[] = tsv ? [] : [Buffer.from([0xef, 0xbb, 0xbf])];
		const headers = { 'Content-Type': tsv ? 'text/tsv' : 'text/csv; charset=utf-8' };
		try {
			for (const chunk of csvExportLines(wekan, boardId, delimiter, fields))
				chunks.push(Buffer.from(chunk, 'utf8'));
		} catch {
			chunks.push(Buffer.from('Internal server error', 'utf8'));
		}
		return new Reply(200, Buffer.concat(chunks), headers);
	}

	const xlsxReply = (file: { filename: string; buffer: Buffer }) =>
		new Reply(200, file.buffer, {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': attachmentDisposition(file.filename),
		});

	/**
	 * boardExcelExporter (models/exportExcel.js:25-41) and its build: the card blocks (ExporterExcelBoard, which
	 * answers its own failure "Export failed: <message>") unless `?fields=` is given without `card-details`, then the
	 * table (ExporterExcel), whose failure the caller answers.
	 */
	async function boardExcel(ctx: RequestContext, user: UserDoc | undefined | null, guarded: boolean): Promise<Reply> {
		const { boardId } = ctx.params;
		const fields = parseExportFields(ctx.query.fields);
		const { timezone, dateFormat } = exportLocale(ctx.query, user);
		const scope = parseExportScope(ctx.query);
		if (fields && !fields.includes('card-details')) {
			// ExporterExcel sets Content-Type and Content-Disposition before it builds anything, so a failure still
			// carries the disposition; writeHead's own Content-Type replaces the other.
			const disposition = attachmentDisposition(excelTableFilename(wekan, boardId, scope));
			try {
				return xlsxReply(await excelTableWorkbook(wekan, boardId, scope));
			} catch (error) {
				const message = guarded
					? `Excel export failed: ${error instanceof Error && error.message ? error.message : String(error)}`
					: 'Internal server error';
				return new Reply(500, message, {
					'Content-Type': 'text/plain; charset=utf-8',
					'Content-Disposition': disposition,
				});
			}
		}
		try {
			const file = await excelBoardWorkbook(wekan, boardId, { fields, dateFormat, timezone, scope });
			if (!file) return textPlain(404, 'Board not found');
			return xlsxReply(file);
		} catch (error) {
			return textPlain(500, `Export failed: ${(error as Error).message}`);
		}
	}

	// models/exportExcel.js:67-157
	router.get(
		'/api/boards/:boardId/exportExcel',
		'B',
		safeRoute(async (ctx) => {
			const { boardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			// :75-78: res.end without a status: 200, no Content-Type.
			if (!board) return plain(200, 'Board not found');
			if (board.permission === 'public') return boardExcel(ctx, null, false);
			const loginToken = ctx.query.authToken;
			let user: UserDoc | undefined;
			if (loginToken) {
				if (loginToken.length > 10000) return plain(200, 'Invalid token');
				user = userOfToken(loginToken);
				if (!user) return textPlain(401, 'Invalid token');
			} else {
				// Authentication.checkUserId (server/authentication.js:13-26): logged in and a site admin.
				if (ctx.userId === undefined) return textPlain(401, 'Unauthorized');
				user = siteAdmin(ctx.userId);
				if (!user) return textPlain(403, 'Unauthorized');
			}
			if (!canExport(boardId, user)) return plain(200, translate('user-can-not-export-excel'));
			return boardExcel(ctx, user, true);
		}),
	);

	/** The card export's sections: `?fields=` split on commas, the card keys kept (exportExcelCard.js:231-234). */
	const cardExcelFields = (value: string | undefined) =>
		value
			? value
					.split(',')
					.map((field) => field.trim())
					.filter((field) => CARD_EXPORT_FIELD_KEYS.includes(field))
			: null;

	async function cardExcel(ctx: RequestContext, user: UserDoc | undefined | null): Promise<Reply> {
		const { boardId, listId, cardId } = ctx.params;
		const { timezone, dateFormat } =
			user === null ? { timezone: '', dateFormat: 'YYYY-MM-DD' } : exportLocale(ctx.query, user);
		try {
			const file = await excelCardWorkbook(wekan, boardId, listId, cardId, {
				fields: cardExcelFields(ctx.query.fields),
				dateFormat,
				timezone,
			});
			if (!file) return textPlain(404, 'Card not found');
			return xlsxReply(file);
		} catch (error) {
			return textPlain(500, `Export failed: ${(error as Error).message}`);
		}
	}

	// models/exportExcelCard.js:190-334
	router.get(
		'/api/boards/:boardId/lists/:listId/cards/:cardId/exportExcel',
		'B',
		safeRoute(async (ctx) => {
			const { boardId, listId, cardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return textPlain(404, 'Board not found');
			// :207-227 (GHSA-6p5m-f9p2-wqm5): the card must be in that board and list, public boards included.
			if (!db.cards.findOne({ _id: cardId, boardId, listId })) return textPlain(404, 'Card not found');
			// :230-246: a public board's card export takes no date format or zone from the request.
			if (board.permission === 'public') return cardExcel(ctx, null);
			const loginToken = ctx.query.authToken;
			let user: UserDoc | undefined;
			if (loginToken) {
				if (loginToken.length > 10000) return textPlain(400, 'Invalid token');
				user = userOfToken(loginToken);
				if (!user) return textPlain(401, 'Invalid token');
			} else {
				if (ctx.userId === undefined) return textPlain(401, 'Unauthorized');
				user = siteAdmin(ctx.userId);
				if (!user) return textPlain(403, 'Unauthorized');
			}
			if (!canExport(boardId, user)) return plain(200, translate('user-can-not-export-card-to-excel'));
			return cardExcel(ctx, user);
		}),
	);

	const pdfReply = (file: { filename: string; buffer: Buffer } | undefined, missing: string) =>
		file
			? new Reply(200, file.buffer, {
					'Content-Type': 'application/pdf',
					'Content-Disposition': attachmentDisposition(file.filename),
				})
			: textPlain(404, missing);

	/** exportLocale and exportSelection (models/exportPDF.js:21-63). */
	const pdfOptions = (ctx: RequestContext, user: UserDoc | undefined | null) => ({
		...exportLocale(ctx.query, user),
		fields: parseExportFields(ctx.query.fields),
	});

	/** The card PDF's fields: parseExportFields over the card keys only (exportPDF.js:115, 167). */
	const cardPdfOptions = (ctx: RequestContext, user: UserDoc | undefined | null) => ({
		...exportLocale(ctx.query, user),
		fields: parseExportFields(ctx.query.fields, CARD_EXPORT_FIELD_KEYS),
	});

	/** The private-board authentication both PDF routes share (exportPDF.js:121-157, :215-241). */
	const pdfUser = (ctx: RequestContext): { user: UserDoc | undefined } | { refusal: Reply } => {
		const loginToken = ctx.query.authToken;
		if (loginToken) {
			if (loginToken.length > 10000) return { refusal: plain(200, 'Invalid token') };
			const user = userOfToken(loginToken);
			if (!user) return { refusal: textPlain(401, 'Invalid token') };
			return { user };
		}
		if (ctx.userId === undefined) return { refusal: textPlain(401, 'Unauthorized') };
		return { user: db.users.findOne({ _id: ctx.userId }) };
	};

	// models/exportPDF.js:89-182
	router.get(
		'/api/boards/:boardId/lists/:listId/cards/:cardId/exportPDF',
		'B',
		safeRoute(async (ctx) => {
			const { boardId, listId, cardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return plain(200, 'Board not found');
			if (board.permission === 'public') {
				return pdfReply(
					await cardPdf(wekan, boardId, listId, cardId, cardPdfOptions(ctx, null)),
					'Card not found',
				);
			}
			const auth = pdfUser(ctx);
			if ('refusal' in auth) return auth.refusal;
			if (!canExport(boardId, auth.user)) return plain(200, translate('user-can-not-export-card-to-pdf'));
			return pdfReply(
				await cardPdf(wekan, boardId, listId, cardId, cardPdfOptions(ctx, auth.user)),
				'Card not found',
			);
		}),
	);

	// models/exportPDF.js:193-253
	router.get(
		'/api/boards/:boardId/exportPDF',
		'B',
		safeRoute(async (ctx) => {
			const { boardId } = ctx.params;
			const board = db.boards.findOne(boardId);
			if (!board) return plain(200, 'Board not found');
			const scope = parseExportScope(ctx.query);
			if (board.permission === 'public') {
				return pdfReply(await boardPdf(wekan, boardId, { ...pdfOptions(ctx, null), scope }), 'Board not found');
			}
			const auth = pdfUser(ctx);
			if ('refusal' in auth) return auth.refusal;
			if (!canExport(boardId, auth.user)) return textPlain(403, 'Unauthorized');
			return pdfReply(
				await boardPdf(wekan, boardId, { ...pdfOptions(ctx, auth.user), scope }),
				'Board not found',
			);
		}),
	);
}
