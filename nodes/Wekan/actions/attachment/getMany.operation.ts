import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { attachmentRequest } from './attachmentRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many attachments of a card',
	description:
		'List the attachments of a card: ID, file name, type, size and whether it is an image (no upload date: Wekan has none to give). Wekan v9.31 or later.',
	properties: [...cardParameters(), ...returnAllOrLimit()],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		item.limit([]);
		const scope = await cardScope(item, cardId);
		const result = await attachmentRequest(item, {
			method: 'GET',
			path: `/api/attachment/list/${seg(scope.boardId)}`,
			notFound: `No board ${scope.boardId}`,
			forbidden: `Only active members of board ${scope.boardId} may list its attachments (a Wekan site admin who is not a member may not)`,
		});
		if (!Array.isArray(result.attachments)) throw item.fail('Wekan answered without a list of attachments');
		// The route answers the whole board's attachments for every longer path too: its swimlane, list and card
		// filters never apply (server/routes/attachmentApi.js:717-720: `use` handlers match longer paths too).
		const ofCard = (result.attachments as IDataObject[]).filter((a) => a.cardId === cardId);
		return item.limit(ofCard);
	},
};
