import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import { commentIdOf, commentParameter, commentPath, fetchComment } from './commentRef';

export const deleteComment: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a comment',
	description:
		'Delete a comment for good. Wekan lets its author delete it, and a board admin unless the board restricts comment editing; comment-only, no-comments and worker members not even their own.',
	properties: [...cardParameters(), commentParameter],
	writes: (item) => [`comment:${commentIdOf(item)}`],
	async run(item) {
		const cardId = cardIdOf(item);
		const commentId = commentIdOf(item);
		const scope = await cardScope(item, cardId);
		// Read first to know whose it is: Wekan answers both a refused role and another user's comment with 403.
		const comment = await fetchComment(item, scope, commentId);
		const own = comment.userId === (await item.userId());
		// Wekan answers with the card's id, not the comment's, so its answer is not used.
		await item.request({
			method: 'DELETE',
			path: commentPath(scope, commentId),
			permission: 'board-read',
			notFound: `No comment ${commentId} on card ${cardId}`,
			forbidden: own
				? undefined
				: `Comment ${commentId} is another user's: only its author may delete it, or a board admin when the board does not restrict comment editing`,
		});
		return { _id: commentId, cardId, boardId: scope.boardId, deleted: true };
	},
};
