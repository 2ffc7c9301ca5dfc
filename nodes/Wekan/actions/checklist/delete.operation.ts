import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import { checklistIdOf, checklistParameter, checklistPath } from './checklistRef';

export const deleteChecklist: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a checklist',
	description: 'Delete a checklist and all its items for good',
	properties: [...cardParameters(), checklistParameter],
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const scope = await cardScope(item, cardId);
		await item.request({
			method: 'DELETE',
			path: checklistPath(scope, checklistId),
			permission: 'board-read',
			notFound: `No checklist ${checklistId} on card ${cardId}`,
		});
		return { _id: checklistId, cardId, boardId: scope.boardId, deleted: true };
	},
};
