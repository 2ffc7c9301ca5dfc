import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many attachments of a card',
	description: 'List the attachments of a card: ID, file name, type, size and whether it is an image',
	properties: [...cardParameters(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		item.limit([]);
		const scope = await cardScope(item, cardId);
		const result = await item.request<IDataObject>({
			method: 'GET',
			path: `/api/attachment/list/${seg(scope.boardId)}`,
			permission: 'board-read',
			notFound: `No board ${scope.boardId}`,
		});
		if (!Array.isArray(result.attachments)) throw item.fail('Wekan answered without a list of attachments');
		// Wekan's list route ignores its swimlane, list and card filters and returns the whole board's attachments.
		const ofCard = (result.attachments as IDataObject[]).filter((a) => a.cardId === cardId);
		return item.limit(ofCard);
	},
};
