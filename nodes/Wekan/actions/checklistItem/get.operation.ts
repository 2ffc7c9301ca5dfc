import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { checklistIdOf, checklistParameter } from '../checklist/checklistRef';
import { readsOnly, type WekanOperation } from '../operation';
import { checklistItemIdOf, checklistItemParameter, fetchChecklistItem } from './itemRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a checklist item',
	description: 'Get one item of a checklist: its title, position and whether it is checked',
	properties: [...cardParameters(), checklistParameter, checklistItemParameter],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const itemId = checklistItemIdOf(item);
		return fetchChecklistItem(item, await cardScope(item, cardId), checklistId, itemId);
	},
};
