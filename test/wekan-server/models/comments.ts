/**
 * Card comments: the schema, the collection hooks of models/cardComments.js and server/models/cardComments.js, the
 * edit/delete rule both the hooks and the REST DELETE apply (assertCanMutateComment), the addComment activity the
 * REST POST records itself, and seeding as the REST POST writes a comment.
 */
import type { WriteContext } from '../db/collection';
import { MeteorError } from '../errors';
import type { ActivityDoc } from '../schemas/activities';
import { type CardCommentDoc, cardCommentsSchema } from '../schemas/cardComments';
import type { Wekan } from '../server';
import { hasAdmin } from './boardMembers';

/**
 * canEditComment (models/cardComments.js:56-67): the author always; otherwise a board admin, unless the board
 * restricts comment editing.
 */
export function canEditComment(opts: {
	isAuthor: boolean;
	isBoardAdmin: boolean;
	restrictCommentEditing: boolean;
}): boolean {
	if (opts.isAuthor) return true;
	if (opts.restrictCommentEditing) return false;
	return opts.isBoardAdmin;
}

/**
 * assertCanMutateComment (models/cardComments.js:228-259). No user (server-internal code, and every hook a REST
 * write runs) passes. Otherwise the author passes, and anyone else must be an active admin of the comment's board
 * (board.hasAdmin, models/boards.js:1474-1480: a site admin who is not a board admin does not count) on a board that
 * does not set restrictCommentEditing. The refusal is a Meteor.Error with statusCode 403.
 */
export function assertCanMutateComment(wekan: Wekan, userId: string | undefined, doc: CardCommentDoc): void {
	if (!userId) return;
	const isAuthor = userId === doc.userId;
	if (isAuthor) return;
	const board = wekan.db.boards.findOne(doc.boardId);
	const isBoardAdmin = hasAdmin(board, userId);
	const restrictCommentEditing = !!board && !!board.restrictCommentEditing;
	if (!canEditComment({ isAuthor, isBoardAdmin, restrictCommentEditing })) {
		throw new MeteorError(
			'error-comment-edit-not-allowed',
			"You are not allowed to edit or delete another user's comment on this board.",
			403,
		);
	}
}

/**
 * commentCreation (server/models/cardComments.js:16-31): addComment, with the board of the comment (not of the card)
 * and the card's list and swimlane; nothing when the card does not exist.
 */
export function commentCreation(
	wekan: Wekan,
	userId: string | undefined,
	doc: CardCommentDoc,
	context: WriteContext,
): void {
	const card = wekan.db.cards.findOne(doc.cardId);
	if (!card) return;
	wekan.db.activities.insert(
		{
			userId,
			activityType: 'addComment',
			boardId: doc.boardId,
			cardId: doc.cardId,
			commentId: doc._id,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
		},
		context,
	);
}

/** Attaches the card_comments schema and registers its hooks. */
export function registerComments(wekan: Wekan): void {
	const { db } = wekan;
	db.card_comments.attachSchema(cardCommentsSchema(db));

	// models/cardComments.js:261-269: the edit/delete rule on every hooked update and removal.
	db.card_comments.before.update((userId, doc) => {
		assertCanMutateComment(wekan, userId, doc);
	});
	db.card_comments.before.remove((userId, doc) => {
		assertCanMutateComment(wekan, userId, doc);
	});

	// server/models/cardComments.js:42-44.
	db.card_comments.after.insert((userId, doc) => {
		commentCreation(wekan, userId, doc, { userId });
	});

	/** The comment activity both hooks insert (server/models/cardComments.js:50-62, 72-84), when the card exists. */
	const commentActivity = (userId: string | undefined, doc: CardCommentDoc, activityType: string) => {
		const card = db.cards.findOne(doc.cardId);
		if (!card) return;
		wekan.db.activities.insert(
			{
				userId,
				activityType,
				boardId: doc.boardId,
				cardId: doc.cardId,
				commentId: doc._id,
				commentText: doc.text,
				listId: card.listId,
				swimlaneId: card.swimlaneId,
			},
			{ userId },
		);
	};

	// server/models/cardComments.js:46-65: editComment with the new text, unless the card is gone.
	db.card_comments.after.update((userId, doc) => {
		commentActivity(userId, doc, 'editComment');
	});

	// server/models/cardComments.js:67-93: deleteComment with the text (when the card exists), then ONE activity of
	// the comment is removed: the first in natural order, normally its addComment. Errors are logged and swallowed.
	db.card_comments.before.remove((userId, doc) => {
		try {
			commentActivity(userId, doc, 'deleteComment');
			const activity = db.activities.findOne({ commentId: doc._id });
			if (activity) db.activities.remove(activity._id, { userId });
		} catch {
			// server/models/cardComments.js:90-92: console.error only.
		}
	});
}

// ---- model methods ------------------------------------------------------------------------------------------

/**
 * CardComment.copy(newCardId, newBoardId) (models/cardComments.js:146-158): the comment again on the new card, and on
 * the new board when one is given (#5166), the author kept, inserted through the hooks (so addComment is recorded).
 */
export function copyComment(
	wekan: Wekan,
	comment: CardCommentDoc,
	newCardId: string,
	newBoardId: string,
	context: WriteContext = {},
): string {
	const { _id: _oldId, ...fields } = comment;
	const copy: Record<string, unknown> = { ...fields, cardId: newCardId };
	if (newBoardId) copy.boardId = newBoardId;
	return wekan.db.card_comments.insert(copy, context);
}

// ---- seeding ------------------------------------------------------------------------------------------------

export interface NewComment {
	boardId: string;
	cardId: string;
	text: string;
	userId: string;
}

/**
 * A comment written as POST /api/boards/:boardId/cards/:cardId/comments writes it
 * (server/models/cardComments.js:174-193): a `.direct` insert (cleaned, no hooks), then addComment by the author.
 */
export function createComment(wekan: Wekan, input: NewComment): CardCommentDoc {
	const id = wekan.db.card_comments.direct.insert({
		userId: input.userId,
		text: input.text,
		cardId: input.cardId,
		boardId: input.boardId,
	});
	const comment = wekan.db.card_comments.findOne(id) as CardCommentDoc;
	commentCreation(wekan, input.userId, comment, {});
	return comment;
}
