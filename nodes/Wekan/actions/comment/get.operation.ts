import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { readsOnly, type WekanOperation } from '../operation';
import { commentIdOf, commentParameter, fetchComment } from './commentRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a comment',
	description: 'Get one comment of a card: its text, author and dates',
	properties: [...cardParameters(), commentParameter],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		const commentId = commentIdOf(item);
		return fetchComment(item, await cardScope(item, cardId), commentId);
	},
};
