import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope, createdNote } from '../cardScope';
import { checklistIdOf, checklistParameter, checklistPath, oneChecklistWrites } from '../checklist/checklistRef';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { POSITION_PROPERTY, positionOf } from '../target';
import { fetchChecklistItem, sortForPosition } from './itemRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a checklist item',
	description: 'Add an item to a checklist of a card, at the end or at a given position',
	properties: [
		...cardParameters(),
		checklistParameter,
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The item\'s text; Wekan drops leading and trailing spaces',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					...POSITION_PROPERTY,
					description:
						'Where to put the item among the checklist\'s items, counting from 0 (the top). Without it, or past the end, the item goes last. Placing it reads every item of the checklist first (one request each).',
				},
			],
		},
	],
	writes: oneChecklistWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const title = item.string('title', 'Title').trim();
		const position = positionOf(item, item.collection('options').position);
		const scope = await cardScope(item, cardId);
		const body: IDataObject = { title };
		if (position !== undefined) {
			const sort = await sortForPosition(item, scope, checklistId, position);
			if (sort !== undefined) body.sort = sort;
		}
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${checklistPath(scope, checklistId)}/items`,
			body,
			// Wekan checks only read access here, unlike for a new checklist (server/models/checklistItems.js:130).
			permission: 'board-read',
			notFound: `No checklist ${checklistId} on card ${cardId}`,
		});
		const itemId = String(created._id);
		const stored = await readBack(item, `Checklist item ${itemId}`, () => fetchChecklistItem(item, scope, checklistId, itemId));
		if (body.sort !== undefined && stored.sort !== body.sort) {
			// Before v10.45 Wekan gave every item made over REST the sort value 0 (server/models/checklistItems.js:142 at v10.44).
			throw item.fail(
				`Checklist item ${itemId} was created, but not at position ${String(position)}: Wekan gave it the sort value ${String(stored.sort)}`,
				`${createdNote('item')} Wekan before v10.45 ignores the position of a new item; drag it into place in Wekan.`,
			);
		}
		return stored;
	},
};
