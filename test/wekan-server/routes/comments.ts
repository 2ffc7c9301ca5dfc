/**
 * Card comments over REST: server/models/cardComments.js:95-260, at Wekan v11.07. There is no PUT.
 *
 * Style C: each handler catches everything and answers `httpStatusForError(error)` with
 * `{error: extractErrorMessage(error)}` (server/lib/apiResponseHelpers.js:28-45, 75-90), which for the errors these
 * handlers meet is the statusCode the permission checks and assertCanMutateComment set, and the Meteor.Error's reason.
 */
import { json, type Router } from '../http';
import { assertCanMutateComment, commentCreation } from '../models/comments';
import type { CardCommentDoc } from '../schemas/cardComments';
import type { Wekan } from '../server';

/**
 * validateCommentBody (server/lib/apiResponseHelpers.js:101-108): `comment` must be a string that is not blank;
 * it is trimmed. `authorId` and every other key are not read.
 */
function validateCommentBody(
	body: Record<string, unknown>,
): { valid: true; comment: string } | { valid: false; error: string } {
	const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
	if (comment === '') return { valid: false, error: 'Missing required parameter: comment' };
	return { valid: true, comment };
}

export function registerCommentRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const base = '/api/boards/:boardId/cards/:cardId/comments';

	// server/models/cardComments.js:95-129: the card must be on the board; then every comment with its cardId
	// (whatever their boardId), in natural order, renamed to {_id, comment, authorId}.
	router.get(base, 'C', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		if (!db.cards.findOne({ _id: cardId, boardId })) return json(404, { error: 'Card not found' });
		return db.card_comments.find({ cardId }).map((comment) => ({
			_id: comment._id,
			comment: comment.text,
			authorId: comment.userId,
		}));
	});

	// server/models/cardComments.js:131-154: the whole document matched on id, card and board; no card check. No
	// match sends `data: undefined`: a 200 with no body and no Content-Type.
	router.get(`${base}/:commentId`, 'C', (ctx) => {
		const { boardId, cardId, commentId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.card_comments.findOne({ _id: commentId, cardId, boardId });
	});

	// server/models/cardComments.js:156-200.
	router.post(base, 'C', (ctx) => {
		const { boardId, cardId } = ctx.params;
		// checkBoardAccess only: a read-only member may comment here, a comment-only member may not (the check
		// refuses isCommentOnly, isNoComments and isWorker members).
		wekan.can.boardRead(ctx.userId, boardId);
		const validation = validateCommentBody(ctx.body);
		if (!validation.valid) return json(400, { error: validation.error });
		// A `.direct` insert (no hooks), authored by the caller (`authorId` in the body is ignored since 8.19). The
		// card is not checked: a comment on a card that does not exist, or is on another board, is stored all the
		// same.
		const id = db.card_comments.direct.insert({ userId: ctx.userId, text: validation.comment, cardId, boardId });
		// The response goes out first; then the handler records addComment itself, with the caller as the user
		// (commentCreation skips it when the card does not exist). Anything failing now cannot change the 200.
		try {
			const comment = db.card_comments.findOne({ _id: id, cardId, boardId }) as CardCommentDoc;
			commentCreation(wekan, ctx.userId, comment, {});
		} catch {
			// The catch's second sendJsonResult finds the headers sent; the client already has its answer.
		}
		return { _id: id };
	});

	// server/models/cardComments.js:202-260.
	router.delete(`${base}/:commentId`, 'C', (ctx) => {
		const { boardId, cardId, commentId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		const comment = db.card_comments.findOne({ _id: commentId, cardId, boardId });
		if (!comment) return json(404, { error: 'Comment not found' });
		// GHSA-pqr4-rxgp-hv2m (since 10.74): the author, or an active admin of the comment's board unless it sets
		// restrictCommentEditing; a site admin gets no exception. A refusal is a 403 {error: <reason>}.
		assertCanMutateComment(wekan, ctx.userId, comment);
		// A hooked removal: its hooks see no user, so their own check passes; deleteComment is recorded and one
		// activity of the comment (normally its addComment) is removed.
		db.card_comments.remove({ _id: commentId, cardId, boardId });
		// The answer names the card, not the comment.
		return { _id: cardId };
	});
}
