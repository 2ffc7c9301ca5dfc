/**
 * Card comments (wekan-api.md §2.8; server/models/cardComments.js). Style C: every failure is `{error}` with the
 * status `httpStatusForError` picks. There is no PUT.
 */
import { forbidden } from '../errors';
import { json, type Router } from '../http';
import { randomId } from '../ids';
import type { Wekan } from '../server';

export function registerCommentRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;
	const base = '/api/boards/:boardId/cards/:cardId/comments';

	router.get(base, 'C', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!store.cards.findOne((c) => c._id === cardId && c.boardId === boardId)) return json(404, { error: 'Card not found' });
		// Keys renamed on the way out: text → comment, userId → authorId.
		return store.comments
			.find((c) => c.cardId === cardId)
			.map((c) => ({ _id: c._id, comment: c.text, authorId: c.userId }));
	});

	router.get(`${base}/:commentId`, 'C', (ctx) => {
		const { boardId, cardId, commentId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return store.comments.findOne((c) => c._id === commentId && c.cardId === cardId && c.boardId === boardId);
	});

	router.post(base, 'C', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		const raw = ctx.body.comment;
		const text = typeof raw === 'string' ? raw.trim() : '';
		if (!text) return json(400, { error: 'Missing required parameter: comment' });
		const now = new Date();
		// The card is not checked; the author is always the token's user (authorId in the body is ignored).
		const comment = store.comments.insert({
			_id: randomId(),
			boardId,
			cardId,
			text,
			createdAt: now,
			modifiedAt: now,
			userId: ctx.userId!,
		});
		const card = store.cards.get(cardId);
		if (card) {
			wekan.webhooks.record({
				activityType: 'addComment',
				userId: ctx.userId!,
				boardId,
				cardId,
				commentId: comment._id,
				listId: card.listId,
				swimlaneId: card.swimlaneId,
				origin: 'rest',
			});
		}
		return { _id: comment._id };
	});

	router.delete(`${base}/:commentId`, 'C', (ctx) => {
		const { boardId, cardId, commentId } = ctx.params;
		const board = wekan.can.boardRead(ctx.userId, boardId);
		const comment = store.comments.findOne((c) => c._id === commentId && c.cardId === cardId && c.boardId === boardId);
		if (!comment) return json(404, { error: 'Comment not found' });
		if (comment.userId !== ctx.userId) {
			// Another user's comment: a board admin may remove it, unless the board restricts comment editing.
			const isBoardAdmin = board.members.some((m) => m.userId === ctx.userId && m.isActive && m.isAdmin);
			if (!isBoardAdmin || board.restrictCommentEditing === true) throw forbidden();
		}
		store.comments.remove(commentId);
		// The card's id, not the comment's.
		return { _id: cardId };
	});
}
