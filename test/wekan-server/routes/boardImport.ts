/**
 * The board import routes at Wekan v11.07 (commit f5cc8e373): POST /api/boards/import and POST
 * /api/boards/import/:source (server/models/boards.js:991-1053).
 *
 * Both are style A: any failure is caught and sent as `sendJsonResult(res, {code: 200, data: error})`, so a refusal
 * is a 200 whose body is the serialised error (a Meteor.Error's fields, a Match.Error's, `{}` for a TypeError,
 * `{error: <message>}` for collection2's circular validation error). Only the missing board of the first route is a
 * real 400. Both run the import as the caller (`DDP._CurrentMethodInvocation.withValue({userId})`), so the caller
 * becomes the new board's only active admin.
 *
 * And POST /api/import/zip (models/importZip.js:97-211): a .zip export, imported INTO an existing board.
 */
import JSZip from 'jszip';
import { unauthorized } from '../errors';
import type { RequestContext, Router } from '../http';
import { json, Reply, sendJsonResult, text } from '../http';
import { parseExportFields, parseExportScope } from '../models/exporter';
import { boardIsVisibleBy } from '../models/boards';
import { importBoard, importWekanBoard } from '../models/importers';
import { pruneImportDocument, ScopedImporter } from '../models/importers/scoped';
import { importSecurity, type Loose } from '../models/importers/shared';
import type { UserDoc } from '../schemas/users';
import type { Wekan } from '../server';

export function registerBoardImportRoutes(router: Router, wekan: Wekan): void {
	/** The membersMapping a body carries: any object (an array too), else none. */
	const additionalData = (body: unknown): { membersMapping?: unknown } => {
		const mapping = (body as Loose | null | undefined)?.membersMapping;
		return mapping && typeof mapping === 'object' ? { membersMapping: mapping } : {};
	};

	// server/models/boards.js:991-1016: a Wekan export under `board`, through WekanCreator directly, which is not the
	// importBoard method: the Admin Panel's "disable all import" does not stop it.
	router.post('/api/boards/import', 'A', (ctx) => {
		// Authentication.checkLoggedIn
		if (ctx.userId === undefined) throw unauthorized();
		const board = (ctx.body as Loose | undefined)?.board;
		if (!board || typeof board !== 'object') return sendJsonResult(400, { error: 'Missing board export object' });
		const boardId = importWekanBoard(wekan, ctx.userId, board as Loose, additionalData(ctx.body));
		return sendJsonResult(200, { _id: boardId });
	});

	// server/models/boards.js:1031-1052: the export of `:source` as the body, or under `board`, through the importBoard
	// method.
	router.post('/api/boards/import/:source', 'A', async (ctx) => {
		if (ctx.userId === undefined) throw unauthorized();
		const body = (ctx.body ?? {}) as Loose;
		const board = body.board !== undefined ? body.board : body;
		const boardId = await importBoard(wekan, ctx.userId, board, additionalData(body), ctx.params.source);
		return sendJsonResult(200, { _id: boardId });
	});

	/** importZip's answers (models/importZip.js:98-101): JSON with its own Content-Type, no cache headers. */
	const answer = (status: number, data: unknown) =>
		new Reply(status, JSON.stringify(data), { 'Content-Type': 'application/json; charset=utf-8' });

	// models/importZip.js:97-211, in safeRoute: the .zip as the request body, `?boardId=` the board to import into
	// (`?swimlaneId`, `listId` or `cardId` beside which), `?fields=` what to bring in.
	router.post('/api/import/zip', 'B', async (ctx) => {
		try {
			return await importZip(ctx);
		} catch {
			return text(500, 'Internal server error');
		}
	});

	async function importZip(ctx: RequestContext): Promise<Reply> {
		const { db } = wekan;
		let user: UserDoc | undefined;
		const loginToken = ctx.query.authToken;
		if (loginToken) {
			if (String(loginToken).length > 10000) return answer(400, { error: 'Bad request' });
			const id = wekan.userIdForToken(loginToken);
			user = id === undefined ? undefined : db.users.findOne(id);
			if (!user) return answer(401, { error: 'Invalid token' });
		} else {
			if (ctx.userId === undefined) return answer(401, { error: 'Unauthorized' });
			user = db.users.findOne({ _id: ctx.userId });
		}
		const boardId = ctx.query.boardId;
		const board = boardId ? db.boards.findOne(boardId) : undefined;
		if (!board) return answer(404, { error: 'Not found' });
		// :134-140: importing writes, so an active member; `user._id` of a user that is gone throws (safeRoute's 500).
		const importerId = (user as UserDoc)._id;
		if (!boardIsVisibleBy(board, user) || !board.members.some((m) => m.userId === importerId && m.isActive)) {
			return answer(403, { error: 'Forbidden' });
		}
		if (importSecurity(wekan).disableAllImport) return answer(403, { error: 'Import is disabled' });
		// :49-84: the body is streamed to a file. A JSON or form body was already read by the body parser, and
		// Wekan then waits for a stream that has ended, never answering; this server gives up after the attachment
		// stream timeout, as its attachment upload does.
		if (ctx.bodyConsumed && ctx.rawBody.length > 0) {
			await new Promise((resolve) => setTimeout(resolve, wekan.options.attachmentStreamTimeoutMs).unref());
			return json(408, { error: 'Request timeout' });
		}
		try {
			// :154-167: the archive's central directory, its wekan.json (anywhere in it) as the document.
			const zip = await JSZip.loadAsync(ctx.rawBody);
			const files = Object.values(zip.files).filter((entry) => !entry.dir);
			const documentEntry = files.find((entry) => /(^|\/)wekan\.json$/.test(entry.name));
			if (!documentEntry) return answer(400, { error: 'import-not-wekan-export' });
			const doc = JSON.parse(await documentEntry.async('string')) as Loose;
			if (doc._format && doc._format !== 'wekan-board-1.0.0') return answer(400, { error: 'invalid-format' });
			const fields = parseExportFields(ctx.query.fields);
			pruneImportDocument(doc, fields);
			// :176-184: `attachments/<id>-<name>`, the id before the first dash.
			const bytesById = new Map<string, Buffer>();
			for (const entry of files) {
				const match = /(?:^|\/)attachments\/([^/]+)$/.exec(entry.name);
				if (!match) continue;
				const dash = match[1].indexOf('-');
				bytesById.set(dash === -1 ? match[1] : match[1].slice(0, dash), await entry.async('nodebuffer'));
			}
			const counts = new ScopedImporter(wekan, { boardId, ...parseExportScope(ctx.query) }, doc, {
				userId: importerId,
				fields,
				attachmentBytes: (attachment) => bytesById.get(attachment._id as string) ?? null,
			}).run();
			return answer(200, { ok: true, counts });
		} catch {
			return answer(500, { error: 'import-failed' });
		}
	}
}
