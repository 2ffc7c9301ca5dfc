import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope, createdNote } from '../cardScope';
import type { WekanOperation } from '../operation';
import { fetchComment } from './commentRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a comment',
	description: 'Comment on a card as the credential\'s user. Wekan cannot edit comments later.',
	properties: [
		...cardParameters(),
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'The comment (Markdown); leading and trailing spaces are dropped by Wekan',
		},
	],
	async run(item) {
		const cardId = cardIdOf(item);
		const text = item.string('text', 'Text');
		const scope = await cardScope(item, cardId);
		// Wekan before 8.19 requires authorId; later versions ignore it and use the token's user.
		const authorId = await item.userId();
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${scope.path}/comments`,
			body: { comment: text, authorId },
			permission: 'board-read',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		const commentId = String(created._id);
		try {
			return await fetchComment(item, scope, commentId);
		} catch (error) {
			throw item.fail(`Comment ${commentId} was created, but reading it back failed: ${(error as Error).message}`, createdNote('comment'));
		}
	},
};
