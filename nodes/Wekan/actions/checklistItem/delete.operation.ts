import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { checklistIdOf, checklistParameter } from '../checklist/checklistRef';
import type { WekanOperation } from '../operation';
import { checklistItemIdOf, checklistItemParameter, checklistItemPath, oneChecklistItemWrites } from './itemRef';

export const deleteChecklistItem: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a checklist item',
	description: 'Delete an item from a checklist for good. Wekan records no activity for it, so board rules and the activity feed do not see it.',
	properties: [...cardParameters(), checklistParameter, checklistItemParameter],
	writes: oneChecklistItemWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const itemId = checklistItemIdOf(item);
		const scope = await cardScope(item, cardId);
		await item.request({
			method: 'DELETE',
			path: checklistItemPath(scope, checklistId, itemId),
			permission: 'board-read',
			notFound: `No item ${itemId} on checklist ${checklistId} of card ${cardId}`,
		});
		return { _id: itemId, checklistId, cardId, boardId: scope.boardId, deleted: true };
	},
};
