import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope, createdNote } from '../cardScope';
import { checklistIdOf, checklistParameter, checklistPath } from '../checklist/checklistRef';
import type { WekanOperation } from '../operation';
import { fetchChecklistItem } from './itemRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a checklist item',
	description: 'Add an item to a checklist of a card, at the end or at a given position',
	properties: [
		...cardParameters(),
		checklistParameter,
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'The item\'s text' },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Position',
					name: 'sort',
					type: 'number',
					default: 0,
					description: 'Sort value of the item; items are shown by ascending value. Without it the item goes last.',
				},
			],
		},
	],
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const title = item.string('title', 'Title');
		const options = item.collection('options');
		const body: IDataObject = { title };
		if (options.sort !== undefined) {
			const sort = Number(options.sort);
			if (!Number.isFinite(sort)) throw item.fail('Position must be a number');
			body.sort = sort;
		}
		const scope = await cardScope(item, cardId);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${checklistPath(scope, checklistId)}/items`,
			body,
			permission: 'board-read',
			notFound: `No checklist ${checklistId} on card ${cardId}`,
		});
		const itemId = String(created._id);
		try {
			return await fetchChecklistItem(item, scope, checklistId, itemId);
		} catch (error) {
			throw item.fail(`Checklist item ${itemId} was created, but reading it back failed: ${(error as Error).message}`, createdNote('item'));
		}
	},
};
