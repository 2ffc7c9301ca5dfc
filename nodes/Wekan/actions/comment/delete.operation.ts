import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import { commentIdOf, commentParameter, commentPath } from './commentRef';

export const deleteComment: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a comment',
	description: 'Delete a comment for good. Only its author may, or a board admin unless the board restricts comment editing.',
	properties: [...cardParameters(), commentParameter],
	async run(item) {
		const cardId = cardIdOf(item);
		const commentId = commentIdOf(item);
		const scope = await cardScope(item, cardId);
		// Wekan answers with the card's id, not the comment's, so its answer is not used.
		await item.request({
			method: 'DELETE',
			path: commentPath(scope, commentId),
			permission: 'board-read',
			notFound: `No comment ${commentId} on card ${cardId}`,
			forbidden: `Only the author of comment ${commentId} may delete it, or a board admin when the board does not restrict comment editing`,
		});
		return { _id: commentId, cardId, boardId: scope.boardId, deleted: true };
	},
};
