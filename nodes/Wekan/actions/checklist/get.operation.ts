import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { readsOnly, type WekanOperation } from '../operation';
import { checklistIdOf, checklistParameter, findChecklist } from './checklistRef';

export const get: WekanOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a checklist',
	description: 'Get a checklist of a card with its items (title and whether each is checked)',
	properties: [...cardParameters(), checklistParameter],
	writes: readsOnly,
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		return findChecklist(item, await cardScope(item, cardId), checklistId);
	},
};
