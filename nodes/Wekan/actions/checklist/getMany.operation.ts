import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchChecklist } from './checklistRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many checklists',
	description: 'Get the checklists of a card, optionally each with its items',
	properties: [
		...cardParameters(),
		...returnAllOrLimit(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Items',
					name: 'includeItems',
					type: 'boolean',
					default: false,
					description: 'Whether to return each checklist in full with its items (one more request per checklist)',
				},
			],
		},
	],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		const options = item.collection('options');
		// Read before any request so a bad limit fails early.
		item.limit([]);
		const scope = await cardScope(item, cardId);
		const checklists = await item.request<IDataObject[]>({
			method: 'GET',
			path: `${scope.path}/checklists`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		const chosen = item.limit(checklists);
		if (options.includeItems !== true) {
			return chosen.map((c) => ({ _id: c._id, title: c.title, cardId, boardId: scope.boardId }));
		}
		const full: IDataObject[] = [];
		for (const checklist of chosen) full.push(await fetchChecklist(item, scope, String(checklist._id)));
		return full;
	},
};
