import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { fetchComment } from './commentRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a comment',
	description:
		'Comment on a card as the credential\'s user. Wekan\'s REST route lets read-only members comment but refuses comment-only, no-comments and worker members; comments cannot be edited later.',
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
	writes: (item) => [`comments:${cardIdOf(item)}`],
	async run(item) {
		const cardId = cardIdOf(item);
		const text = item.string('text', 'Text');
		const scope = await cardScope(item, cardId);
		// Wekan before 8.19 takes the author from authorId; later versions ignore it and use the token's user.
		const authorId = await item.userId();
		// Wekan checks only its read access here (server/models/cardComments.js:160), not the comment capability.
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${scope.path}/comments`,
			body: { comment: text, authorId },
			permission: 'board-read',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		const commentId = String(created._id);
		return readBack(item, `Comment ${commentId}`, () => fetchComment(item, scope, commentId));
	},
};
