import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { normalizeComment } from './commentRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many comments',
	description: 'Get the comments of a card (text and author), in the order Wekan stores them',
	properties: [...cardParameters(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		item.limit([]);
		const scope = await cardScope(item, cardId);
		const comments = await item.request<IDataObject[]>({
			method: 'GET',
			path: `${scope.path}/comments`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		return item.limit(comments).map((c) => normalizeComment(c, scope));
	},
};
