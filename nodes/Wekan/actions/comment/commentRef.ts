import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { CardScope } from '../cardScope';
import type { ItemContext } from '../itemContext';

export const commentParameter: INodeProperties = {
	displayName: 'Comment Name or ID',
	name: 'commentId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCardComments', loadOptionsDependsOn: ['cardId.value'] },
	default: '',
	required: true,
	description:
		'The comment, listed by the start of its text. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function commentIdOf(item: ItemContext): string {
	return item.checkId(item.raw('commentId', ''), 'Comment');
}

export function commentPath(scope: CardScope, commentId: string): string {
	return `${scope.path}/comments/${seg(commentId)}`;
}

/**
 * One shape for a comment. Wekan's list route says `comment` and `authorId` where the document says `text` and
 * `userId`; the output always uses the document's names.
 */
export function normalizeComment(raw: IDataObject, scope: CardScope): IDataObject {
	const { comment, authorId, text, userId, ...rest } = raw;
	return {
		...rest,
		_id: raw._id,
		boardId: raw.boardId ?? scope.boardId,
		cardId: raw.cardId ?? scope.cardId,
		text: text ?? comment,
		userId: userId ?? authorId,
	};
}

export async function fetchComment(item: ItemContext, scope: CardScope, commentId: string): Promise<IDataObject> {
	const comment = await item.request<IDataObject>({
		method: 'GET',
		path: commentPath(scope, commentId),
		permission: 'board-read',
		notFound: `No comment ${commentId} on card ${scope.cardId}`,
	});
	return normalizeComment(comment, scope);
}
