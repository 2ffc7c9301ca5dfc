/**
 * Attachments (wekan-api.md §2.11; server/routes/attachmentApi.js, plus the older board route in boards.js).
 * The /api/attachment routes are Express `app.use` handlers: they match by prefix and answer
 * `{success:false, error}` with a real status. Not modelled: copy, move and the board-background routes.
 */
import { type AttachmentDoc } from '../model';
import { json, Reply, type RequestContext, type Router } from '../http';
import { randomId } from '../ids';
import type { Wekan } from '../server';

const fail = (status: number, error: string) => json(status, { success: false, error });

const isImage = (type: string) => /^image\//i.test(type);

/** Meteor-Files' link(): ROOT_URL/cdn/storage/<collection>/<id>/original/<id>.<ext>. */
export function attachmentLink(wekan: Wekan, attachment: AttachmentDoc): string {
	const root = (wekan.rootUrl ?? wekan.baseUrl).replace(/\/$/, '');
	const dot = attachment.name.lastIndexOf('.');
	const ext = dot > 0 ? attachment.name.slice(dot) : '';
	return `${root}/cdn/storage/attachments/${attachment._id}/original/${attachment._id}${ext}`;
}

/** The upload's activity; REST uploads and removals credit the uploader (no acting user outside a method). */
export function recordAttachmentActivity(
	wekan: Wekan,
	attachment: AttachmentDoc,
	activityType: 'addAttachment' | 'deleteAttachment',
	origin: 'rest' | 'ui',
	userId = attachment.userId,
): void {
	wekan.webhooks.record({
		activityType,
		userId,
		type: 'card',
		attachmentId: attachment._id,
		attachmentName: attachment.name,
		boardId: attachment.boardId,
		cardId: attachment.cardId,
		listId: attachment.listId,
		swimlaneId: attachment.swimlaneId,
		origin,
	});
}

export function registerAttachmentRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;

	/**
	 * The accounts-express middleware has already resolved a Bearer token, and server.ts resolves valid
	 * X-User-Id + X-Auth-Token pairs; what is left is the legacy path's Meteor.Error, sent as its message.
	 */
	const authenticate = (ctx: RequestContext): string | Reply => {
		if (ctx.userId) return ctx.userId;
		if (!ctx.headers['x-user-id'] || !ctx.headers['x-auth-token']) {
			return fail(401, 'Missing X-User-Id or X-Auth-Token headers [unauthorized]');
		}
		return fail(401, 'Invalid credentials [unauthorized]');
	};

	/** board.hasMember: an active member, whatever the role; site admins are not let in. */
	const isMember = (boardId: string, userId: string) =>
		!!store.boards.get(boardId)?.members.some((m) => m.userId === userId && m.isActive);

	/** checkBoardWriteAccess's rule: the role's write capability, or a site admin. */
	const mayWrite = (boardId: string, userId: string) => {
		try {
			wekan.can.boardWrite(userId, boardId);
			return true;
		} catch {
			return false;
		}
	};

	const summary = (a: AttachmentDoc) => ({
		attachmentId: a._id,
		fileName: a.name,
		fileSize: a.size,
		fileType: a.type,
		storageBackend: 'fs',
		boardId: a.boardId,
		swimlaneId: a.swimlaneId,
		listId: a.listId,
		cardId: a.cardId,
		createdAt: a.createdAt,
		isImage: isImage(a.type),
	});

	router.add(
		'POST',
		'/api/attachment/upload',
		'attachment',
		async (ctx) => {
			const userId = authenticate(ctx);
			if (typeof userId !== 'string') return userId;
			// The handler reads the request stream. When bodyParser.json or urlencoded already consumed it, no
			// 'end' event ever comes and the 30 s timer answers (wekan-api.md §2.11, the probable bug).
			if (ctx.bodyConsumed) {
				await new Promise((resolve) => setTimeout(resolve, wekan.options.attachmentStreamTimeoutMs).unref());
				return fail(408, 'Request timeout');
			}
			const maxBytes = wekan.options.attachmentMaxBytes;
			let data: Record<string, unknown>;
			try {
				data = JSON.parse(ctx.rawBody.toString('utf8'));
				if (data === null) throw new TypeError("Cannot destructure property 'boardId' of 'data' as it is null.");
			} catch (error) {
				return fail(500, (error as Error).message);
			}
			const { boardId, swimlaneId, listId, cardId, fileData, fileName, fileType } = data as Record<string, string | undefined>;
			if (!boardId || !swimlaneId || !listId || !cardId || !fileData || !fileName) {
				return fail(400, 'Missing required parameters');
			}
			if (typeof fileData !== 'string') return fail(400, 'Invalid fileData format');
			if (fileData.length > Math.ceil((maxBytes * 4) / 3) + 4) return fail(413, 'Attachment exceeds API upload limit');
			const card = store.cards.get(cardId);
			if (!card) return fail(404, 'Card not found');
			const board = store.boards.get(boardId);
			if (!board) return fail(404, 'Board not found');
			if (card.boardId !== boardId) return fail(400, 'Card does not belong to the specified board');
			if (card.swimlaneId !== swimlaneId) return fail(400, "Swimlane ID does not match the card's swimlane");
			if (card.listId !== listId) return fail(400, "List ID does not match the card's list");
			if (!mayWrite(boardId, userId)) return fail(403, 'You do not have permission to modify this card');
			if (!board.allowsAttachments) return fail(403, 'Attachments are not allowed on this board');
			const buffer = Buffer.from(fileData, 'base64');
			if (buffer.length > maxBytes) return fail(413, 'Attachment exceeds API upload limit');
			const attachment = store.attachments.insert({
				_id: randomId(),
				name: String(fileName),
				type: typeof fileType === 'string' && fileType ? fileType : 'application/octet-stream',
				size: buffer.length,
				data: buffer,
				boardId,
				swimlaneId,
				listId,
				cardId,
				userId,
				createdAt: new Date(),
			});
			recordAttachmentActivity(wekan, attachment, 'addAttachment', 'rest');
			return json(200, {
				success: true,
				attachmentId: attachment._id,
				fileName: attachment.name,
				fileSize: buffer.length,
				storageBackend: 'fs',
				message: 'Attachment uploaded successfully',
			});
		},
		{ prefix: true },
	);

	/** Download and info: the caller must be logged in and a member of the attachment's board. */
	const readableAttachment = (ctx: RequestContext) => {
		const userId = authenticate(ctx);
		if (typeof userId !== 'string') return userId;
		const attachment = store.attachments.get(ctx.params.attachmentId);
		if (!attachment) return fail(404, 'Attachment not found');
		if (!isMember(attachment.boardId, userId)) return fail(403, 'You do not have permission to access this attachment');
		return attachment;
	};

	router.add(
		'GET',
		'/api/attachment/download/:attachmentId',
		'attachment',
		(ctx) => {
			const attachment = readableAttachment(ctx);
			if (attachment instanceof Reply) return attachment;
			if (attachment.size > wekan.options.attachmentMaxBytes) return fail(413, 'Attachment exceeds API download limit');
			return json(200, {
				success: true,
				attachmentId: attachment._id,
				fileName: attachment.name,
				fileSize: attachment.size,
				fileType: attachment.type,
				base64Data: attachment.data.toString('base64'),
				storageBackend: 'fs',
			});
		},
		{ prefix: true },
	);

	router.add(
		'GET',
		'/api/attachment/info/:attachmentId',
		'attachment',
		(ctx) => {
			const attachment = readableAttachment(ctx);
			if (attachment instanceof Reply) return attachment;
			return json(200, {
				success: true,
				...summary(attachment),
				versions: [{ versionName: 'original', storage: 'fs', size: attachment.size, type: attachment.type }],
			});
		},
		{ prefix: true },
	);

	router.add(
		'DELETE',
		'/api/attachment/delete/:attachmentId',
		'attachment',
		(ctx) => {
			const userId = authenticate(ctx);
			if (typeof userId !== 'string') return userId;
			const attachment = store.attachments.get(ctx.params.attachmentId);
			if (!attachment) return fail(404, 'Attachment not found');
			if (!store.boards.get(attachment.boardId) || !mayWrite(attachment.boardId, userId)) {
				return fail(403, 'You do not have permission to delete this attachment');
			}
			recordAttachmentActivity(wekan, attachment, 'deleteAttachment', 'rest');
			store.attachments.remove(attachment._id);
			return json(200, {
				success: true,
				attachmentId: attachment._id,
				fileName: attachment.name,
				message: 'Attachment deleted successfully',
			});
		},
		{ prefix: true },
	);

	// Four registrations, but `app.use` matches by prefix, so the first one answers every variant with only
	// :boardId bound: the swimlane, list and card filters (and the card check) never apply.
	const list = (ctx: RequestContext) => {
		const userId = authenticate(ctx);
		if (typeof userId !== 'string') return userId;
		const { boardId, swimlaneId, listId, cardId } = ctx.params;
		if (!isMember(boardId, userId)) return fail(403, 'You do not have permission to access this board');
		if (cardId && cardId !== 'null') {
			const card = store.cards.get(cardId);
			if (!card || card.boardId !== boardId) return fail(404, 'Card not found or does not belong to the specified board');
		}
		const attachments = store.attachments
			.find(
				(a) =>
					a.boardId === boardId &&
					(!swimlaneId || swimlaneId === 'null' || a.swimlaneId === swimlaneId) &&
					(!listId || listId === 'null' || a.listId === listId) &&
					(!cardId || cardId === 'null' || a.cardId === cardId),
			)
			.map(summary);
		return json(200, { success: true, attachments, count: attachments.length });
	};
	router.add('GET', '/api/attachment/list/:boardId', 'attachment', list, { prefix: true });
	router.add('GET', '/api/attachment/list/:boardId/:swimlaneId', 'attachment', list, { prefix: true });
	router.add('GET', '/api/attachment/list/:boardId/:swimlaneId/:listId', 'attachment', list, { prefix: true });
	router.add('GET', '/api/attachment/list/:boardId/:swimlaneId/:listId/:cardId', 'attachment', list, { prefix: true });

	// The boards.js route is registered before attachmentApi.js's route of the same path, so its shape wins.
	router.get('/api/boards/:boardId/attachments', 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return store.attachments
			.find((a) => a.boardId === ctx.params.boardId)
			.map((a) => {
				const url = attachmentLink(wekan, a);
				return {
					attachmentId: a._id,
					attachmentName: a.name,
					attachmentType: a.type,
					url,
					urlDownload: `${url}?download=true&token=`,
					boardId: a.boardId,
					swimlaneId: a.swimlaneId,
					listId: a.listId,
					cardId: a.cardId,
				};
			});
	});
}
