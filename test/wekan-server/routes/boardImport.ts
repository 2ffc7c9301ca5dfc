/**
 * The board import routes at Wekan v11.07 (commit f5cc8e373): POST /api/boards/import and POST
 * /api/boards/import/:source (server/models/boards.js:991-1053).
 *
 * Both are style A: any failure is caught and sent as `sendJsonResult(res, {code: 200, data: error})`, so a refusal
 * is a 200 whose body is the serialised error (a Meteor.Error's fields, a Match.Error's, `{}` for a TypeError,
 * `{error: <message>}` for collection2's circular validation error). Only the missing board of the first route is a
 * real 400. Both run the import as the caller (`DDP._CurrentMethodInvocation.withValue({userId})`), so the caller
 * becomes the new board's only active admin.
 */
import { unauthorized } from '../errors';
import type { Router } from '../http';
import { sendJsonResult } from '../http';
import { importBoard, importWekanBoard } from '../models/importers';
import type { Loose } from '../models/importers/shared';
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
}
