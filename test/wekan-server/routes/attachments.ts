/**
 * The attachment REST routes at Wekan v11.07 (commit f5cc8e373): server/routes/attachmentApi.js (the /api/attachment
 * handlers and the second /api/boards/:boardId/attachments) and server/models/boards.js:1525-1550 (the first one).
 *
 * The attachmentApi.js routes are `WebApp.handlers.use` handlers: they match every longer path too, check the method
 * themselves (another method goes on to the next handler, in the end Meteor's page), and answer
 * `{success: false, error}` with a real status. They come after `WebApp.handlers.use('/api', createAuthMiddleware())`
 * (attachmentApi.js:160), which sets req.userId again from a `Bearer ` header or the meteor_login_token cookie only
 * (accounts-express 1.0.0), so `?access_token=` does not authenticate them; X-User-Id with X-Auth-Token does.
 *
 * Uploads and copies end in `Attachments.insertAsync`, which ostrio:files 3.0.1 defines on the client only
 * (client.js:282; the server's FilesCollection has writeAsync, loadAsync and addFileAsync), so every request that
 * passes their checks fails with a TypeError, answered 500. Board backgrounds (upload-background,
 * download-background) are not modelled.
 */
import { MeteorError } from '../errors';
import { json, Reply, type RequestContext, type Router } from '../http';
import { memberCan } from '../permissions';
import { attachmentBytes, removeAttachments, storageNameOf } from '../models/attachments';
import { hasMember } from '../models/boardMembers';
import { cacheFindOne } from '../models/reactiveCache';
import type { AttachmentDoc } from '../schemas/attachments';
import type { BoardDoc } from '../schemas/boards';
import type { Wekan } from '../server';

/** sendErrorResponse (attachmentApi.js:127-135). */
const fail = (status: number, error: string) => json(status, { success: false, error });

/** attachmentApi.js:22-23. */
const HARD_MAX_API_UPLOAD_BODY_BYTES = 96 * 1024 * 1024;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What calling the server's missing FilesCollection#insertAsync throws (attachmentApi.js:306, 874). */
const insertAsyncMissing = () => new TypeError('Attachments.insertAsync is not a function');

/** createAuthMiddleware's token (accounts-express): a header starting exactly `Bearer `, else the login cookie. */
function endpointToken(ctx: RequestContext): string | undefined {
	const header = ctx.headers.authorization;
	if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice('Bearer '.length);
	const cookies = ctx.headers.cookie;
	if (typeof cookies !== 'string') return undefined;
	for (const pair of cookies.split(';')) {
		const trimmed = pair.trim();
		const eq = trimmed.indexOf('=');
		if (eq < 0 || trimmed.slice(0, eq) !== 'meteor_login_token') continue;
		const raw = trimmed.slice(eq + 1);
		try {
			return decodeURIComponent(raw);
		} catch {
			return raw;
		}
	}
	return undefined;
}

export function registerAttachmentRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const maxBytes = () => wekan.options.attachmentMaxBytes;

	/** req.userId after createAuthMiddleware: also what Meteor.userId() answers inside these handlers. */
	const endpointUserId = (ctx: RequestContext): string | undefined => {
		const token = endpointToken(ctx);
		return token ? wekan.accounts.userIdForToken(token) : undefined;
	};

	/**
	 * authenticateApiRequest (attachmentApi.js:96-124): the middleware's user, else the legacy X-User-Id +
	 * X-Auth-Token pair checked against the user's hashed login tokens. Trusted header login is off.
	 */
	const authenticate = (ctx: RequestContext): string => {
		const userId = endpointUserId(ctx);
		if (userId) return userId;
		const claimed = ctx.headers['x-user-id'];
		const token = ctx.headers['x-auth-token'];
		if (!claimed || !token) throw new MeteorError('unauthorized', 'Missing X-User-Id or X-Auth-Token headers');
		wekan.accounts.expireTokens();
		const user = db.users.findOne({
			_id: claimed,
			'services.resume.loginTokens.hashedToken': wekan.accounts.hashLoginToken(String(token)),
		});
		if (!user) throw new MeteorError('unauthorized', 'Invalid credentials');
		return String(claimed);
	};

	/** ReactiveCache.getBoard and getAttachment (imports/reactiveCache.js:77-80, 183-196). */
	const getBoard = (boardId: unknown): BoardDoc | undefined => cacheFindOne(db.boards, boardId);
	const getAttachment = (id: unknown): AttachmentDoc | undefined => cacheFindOne(db.attachments, id);

	/** An attachmentApi.js route: `WebApp.handlers.use`, which matches every longer path too. */
	const use = (method: string, path: string, handler: (ctx: RequestContext) => Reply | Promise<Reply>) =>
		router.add(method, path, 'attachment', handler, { prefix: true });

	/** A handler's own try/catch: what it throws is answered with this status and the error's message. */
	const failing =
		<A extends unknown[]>(status: number, run: (...args: A) => Reply | Promise<Reply>) =>
		async (...args: A): Promise<Reply> => {
			try {
				return await run(...args);
			} catch (error) {
				return fail(status, messageOf(error));
			}
		};

	/** The routes that authenticate first (a failure is a 401), then check and answer. */
	const authenticated = (run: (ctx: RequestContext, userId: string) => Reply) =>
		failing(401, (ctx: RequestContext) => run(ctx, authenticate(ctx)));

	/**
	 * The routes that read a JSON body: authenticate (401), then the body from the stream (the upload stops at
	 * HARD_MAX_API_UPLOAD_BODY_BYTES, attachmentApi.js:199-208), then the handler, whose errors (a body that is not
	 * JSON among them) are a 500.
	 */
	const withStreamedBody =
		(run: (data: Record<string, unknown>, userId: string) => Reply, options: { capped?: boolean } = {}) =>
		async (ctx: RequestContext): Promise<Reply> => {
			let userId: string;
			try {
				userId = authenticate(ctx);
			} catch (error) {
				return fail(401, messageOf(error));
			}
			if (options.capped && ctx.rawBody.length > HARD_MAX_API_UPLOAD_BODY_BYTES)
				return fail(413, 'Request payload exceeds server safety limit');
			const body = await readStream(ctx);
			if (typeof body !== 'string') return body;
			return failing(500, () => run(parsedFields(body), userId))();
		};

	/** userHasBoardWriteAccess (attachmentApi.js:141-157): the role's write capability, or a site admin. */
	const mayWrite = (board: BoardDoc | undefined, userId: string) =>
		!!board && !!userId && (memberCan(board.members, userId, 'write') || wekan.can.isSiteAdmin(userId));

	/**
	 * The request body, read from the stream (attachmentApi.js:182-211). bodyParser.json and urlencoded
	 * (server/apiMiddleware.js:14-15) run first on every path; when one of them consumed a non-empty body, no 'data' or
	 * 'end' comes any more and only the 30 s timer answers: 408. An empty body is not read by them.
	 */
	const readStream = async (ctx: RequestContext): Promise<string | Reply> => {
		if (ctx.bodyConsumed && ctx.rawBody.length > 0) {
			await new Promise((resolve) => setTimeout(resolve, wekan.options.attachmentStreamTimeoutMs).unref());
			return fail(408, 'Request timeout');
		}
		return ctx.rawBody.toString('utf8');
	};

	const parsedFields = (body: string): Record<string, unknown> => {
		const data: unknown = JSON.parse(body);
		if (data === null) throw new TypeError("Cannot destructure property 'boardId' of 'data' as it is null.");
		return data as Record<string, unknown>;
	};

	// attachmentApi.js:162-343: checks, then Attachments.insertAsync, which the server does not have.
	use(
		'POST',
		'/api/attachment/upload',
		withStreamedBody(
			(data, userId) => {
				const { boardId, swimlaneId, listId, cardId, fileData, fileName } = data;
				if (!boardId || !swimlaneId || !listId || !cardId || !fileData || !fileName) {
					return fail(400, 'Missing required parameters');
				}
				if (typeof fileData !== 'string') return fail(400, 'Invalid fileData format');
				if (fileData.length > Math.ceil((maxBytes() * 4) / 3) + 4)
					return fail(413, 'Attachment exceeds API upload limit');
				const card = db.cards.findOne(cardId as string);
				if (!card) return fail(404, 'Card not found');
				const board = getBoard(boardId);
				if (!board) return fail(404, 'Board not found');
				if (card.boardId !== boardId) return fail(400, 'Card does not belong to the specified board');
				if (card.swimlaneId !== swimlaneId) return fail(400, "Swimlane ID does not match the card's swimlane");
				if (card.listId !== listId) return fail(400, "List ID does not match the card's list");
				if (!mayWrite(board, userId)) return fail(403, 'You do not have permission to modify this card');
				if (!board.allowsAttachments) return fail(403, 'Attachments are not allowed on this board');
				// attachmentApi.js:273-283: no AttachmentStorageSettings document, so the file system.
				const buffer = Buffer.from(fileData, 'base64');
				if (buffer.length > maxBytes()) return fail(413, 'Attachment exceeds API upload limit');
				throw insertAsyncMissing();
			},
			{ capped: true },
		),
	);

	/** The attachment an info or download asks for, and the membership check (attachmentApi.js:566-578, 1095-1104). */
	const memberAttachment = (ctx: RequestContext, userId: string): AttachmentDoc | Reply => {
		const attachment = db.attachments.findOne(ctx.params.attachmentId);
		if (!attachment) return fail(404, 'Attachment not found');
		const board = getBoard(attachment.meta.boardId);
		if (!board || !hasMember(board, userId)) return fail(403, 'You do not have permission to access this attachment');
		return attachment;
	};

	// attachmentApi.js:550-641: the whole file as base64, from the store its original is recorded in.
	use(
		'GET',
		'/api/attachment/download/:attachmentId',
		authenticated((ctx, userId) => {
			const attachment = memberAttachment(ctx, userId);
			if (attachment instanceof Reply) return attachment;
			const bytes = attachmentBytes(wekan, attachment);
			if (!bytes) return fail(404, 'File not found in storage');
			const tooLarge = () => fail(413, 'Attachment exceeds API download limit');
			if (Number.isFinite(attachment.size) && attachment.size > maxBytes()) return tooLarge();
			if (bytes.length > maxBytes()) return tooLarge();
			return json(200, {
				success: true,
				attachmentId: ctx.params.attachmentId,
				fileName: attachment.name,
				fileSize: attachment.size,
				fileType: attachment.type,
				base64Data: bytes.toString('base64'),
				storageBackend: storageNameOf(attachment),
			});
		}),
	);

	/** An attachment as the list routes show it (attachmentApi.js:688-702); nothing writes uploadedAt: no createdAt. */
	const summary = (attachment: AttachmentDoc) => ({
		attachmentId: attachment._id,
		fileName: attachment.name,
		fileSize: attachment.size,
		fileType: attachment.type,
		storageBackend: storageNameOf(attachment),
		boardId: attachment.meta.boardId,
		swimlaneId: attachment.meta.swimlaneId,
		listId: attachment.meta.listId,
		cardId: attachment.meta.cardId,
		createdAt: (attachment as { uploadedAt?: unknown }).uploadedAt,
		isImage: attachment.isImage,
	});

	/**
	 * attachmentApi.js:644-715. Registered four times, but `use` matches by prefix, so the first registration answers
	 * every longer path with only boardId bound: the swimlane, list and card filters and the card check never apply.
	 */
	const listAttachments = authenticated((ctx, userId) => {
		const { boardId } = ctx.params;
		const board = getBoard(boardId);
		if (!board || !hasMember(board, userId)) return fail(403, 'You do not have permission to access this board');
		const attachments = db.attachments.find({ 'meta.boardId': boardId }).map(summary);
		return json(200, { success: true, attachments, count: attachments.length });
	});
	use('GET', '/api/attachment/list/:boardId', listAttachments);

	// server/models/boards.js:1525-1550, registered (server/imports.js:108) before attachmentApi.js (:309), so it
	// answers this exact path: style B (an async handler's rejection goes to Express's error page), board readers
	// (checkBoardAccess), and the url fields are '' because the server's records are plain documents without link().
	router.get('/api/boards/:boardId/attachments', 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return db.attachments.find({ 'meta.boardId': ctx.params.boardId }).map((attachment) => ({
			attachmentId: attachment._id,
			attachmentName: attachment.name,
			attachmentType: attachment.type,
			url: '',
			urlDownload: '',
			boardId: attachment.meta.boardId,
			swimlaneId: attachment.meta.swimlaneId,
			listId: attachment.meta.listId,
			cardId: attachment.meta.cardId,
		}));
	});

	// attachmentApi.js:717-745: the `use` twin of the route above, reached only by the longer paths it also matches;
	// it answers as the list route does.
	use('GET', '/api/boards/:boardId/attachments', listAttachments);

	/** The target checks copy and move share (attachmentApi.js:815-843, 955-986). */
	const targetProblem = (data: Record<string, unknown>, targetBoard: BoardDoc): Reply | undefined => {
		const targetCard =
			data.targetCardId === undefined || data.targetCardId === null || data.targetCardId === ''
				? undefined
				: db.cards.findOne(data.targetCardId as string);
		if (!targetCard) return fail(404, 'Target card not found');
		if (targetCard.boardId !== data.targetBoardId)
			return fail(400, 'Target card does not belong to the specified board');
		if (targetCard.swimlaneId !== data.targetSwimlaneId)
			return fail(400, "Target swimlane ID does not match the card's swimlane");
		if (targetCard.listId !== data.targetListId) return fail(400, "Target list ID does not match the card's list");
		if (!targetBoard.allowsAttachments) return fail(403, 'Attachments are not allowed on the target board');
		return undefined;
	};

	/**
	 * The checks copy and move begin with (attachmentApi.js:803-843, 961-986): the source attachment, the caller's
	 * access to its board (membership for a copy, write access for a move), write access to the target board, then
	 * the target card.
	 */
	const checkedTransfer = (
		data: Record<string, unknown>,
		userId: string,
		maySource: (board: BoardDoc | undefined) => boolean,
	): { source: AttachmentDoc } | Reply => {
		const source = getAttachment(data.attachmentId);
		if (!source) return fail(404, 'Source attachment not found');
		if (!maySource(getBoard(source.meta.boardId)))
			return fail(403, 'You do not have permission to access the source attachment');
		const targetBoard = getBoard(data.targetBoardId);
		if (!targetBoard || !mayWrite(targetBoard, userId))
			return fail(403, 'You do not have permission to modify the target card');
		return targetProblem(data, targetBoard) ?? { source };
	};

	// attachmentApi.js:748-923: the checks, then reading the source and Attachments.insertAsync, which fails.
	use(
		'POST',
		'/api/attachment/copy',
		withStreamedBody((data, userId) => {
			const checked = checkedTransfer(data, userId, (board) => !!board && hasMember(board, userId));
			if (checked instanceof Reply) return checked;
			const { source } = checked;
			const bytes = attachmentBytes(wekan, source);
			if (!bytes) return fail(404, 'Source file not found in storage');
			if (bytes.length > maxBytes()) return fail(413, 'Attachment exceeds API upload limit');
			throw insertAsyncMissing();
		}),
	);

	// attachmentApi.js:925-1037: write access on both boards, then the record's meta is rewritten in place.
	use(
		'POST',
		'/api/attachment/move',
		withStreamedBody((data, userId) => {
			const checked = checkedTransfer(data, userId, (board) => mayWrite(board, userId));
			if (checked instanceof Reply) return checked;
			const { source } = checked;
			// FilesCollection#updateAsync is the underlying collection's (core.js:288-290).
			db.attachments.update(data.attachmentId as string, {
				$set: {
					'meta.boardId': data.targetBoardId,
					'meta.swimlaneId': data.targetSwimlaneId,
					'meta.listId': data.targetListId,
					'meta.cardId': data.targetCardId,
					'meta.source': 'api-move',
					'meta.movedAt': new Date(),
				},
			});
			return json(200, {
				success: true,
				attachmentId: data.attachmentId,
				fileName: source.name,
				fileSize: source.size,
				sourceBoardId: source.meta.boardId,
				targetBoardId: data.targetBoardId,
				message: 'Attachment moved successfully',
			});
		}),
	);

	// attachmentApi.js:1039-1077: write access (or site admin), then FilesCollection#removeAsync. The deleteAttachment
	// activity credits Meteor.userId(), which behind createAuthMiddleware is the Bearer user and is null for the
	// X-User-Id path (then the uploader). The Meteor.call of the webhook still has no method user: nothing is posted.
	use(
		'DELETE',
		'/api/attachment/delete/:attachmentId',
		authenticated((ctx, userId) => {
			const attachment = db.attachments.findOne(ctx.params.attachmentId);
			if (!attachment) return fail(404, 'Attachment not found');
			const board = getBoard(attachment.meta.boardId);
			if (!mayWrite(board, userId)) return fail(403, 'You do not have permission to delete this attachment');
			removeAttachments(wekan, ctx.params.attachmentId, endpointUserId(ctx));
			return json(200, {
				success: true,
				attachmentId: ctx.params.attachmentId,
				fileName: attachment.name,
				message: 'Attachment deleted successfully',
			});
		}),
	);

	// attachmentApi.js:1079-1128: the record's fields and every version's storage, size and type.
	use(
		'GET',
		'/api/attachment/info/:attachmentId',
		authenticated((ctx, userId) => {
			const attachment = memberAttachment(ctx, userId);
			if (attachment instanceof Reply) return attachment;
			const versionsOf = attachment.versions as unknown as Record<
				string,
				{ storage?: string; size?: number; type?: string }
			>;
			const versions = Object.keys(versionsOf).map((versionName) => ({
				versionName,
				storage: versionsOf[versionName].storage,
				size: versionsOf[versionName].size,
				type: versionsOf[versionName].type,
			}));
			return json(200, { success: true, ...summary(attachment), versions });
		}),
	);
}
