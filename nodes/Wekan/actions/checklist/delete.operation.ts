import type { NodeApiError } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import { checklistIdOf, checklistItems, checklistParameter, checklistPath, findChecklist, oneChecklistWrites } from './checklistRef';

export const deleteChecklist: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a checklist',
	description:
		'Delete a checklist and all its items for good. Wekan\'s own delete leaves the items behind, so they are deleted first, one request each.',
	properties: [...cardParameters(), checklistParameter],
	writes: oneChecklistWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const scope = await cardScope(item, cardId);
		const checklist = await findChecklist(item, scope, checklistId);
		const path = checklistPath(scope, checklistId);
		// Wekan's DELETE removes the checklist document alone (server/models/checklists.js:300-340): its items would
		// stay in the database, pointing at a checklist that no longer exists.
		const items = checklistItems(checklist);
		let deleted = 0;
		for (const entry of items) {
			try {
				await item.request({
					method: 'DELETE',
					path: `${path}/items/${seg(String(entry._id))}`,
					permission: 'board-read',
					notFound: `No item ${String(entry._id)} on checklist ${checklistId}`,
				});
			} catch (error) {
				// Gone already (deleted by someone else meanwhile): nothing left to do for it.
				if ((error as NodeApiError).httpCode === '404') continue;
				throw item.fail(
					`Deleted ${deleted} of the ${items.length} items of checklist ${checklistId}, then: ${(error as Error).message}`,
					'The checklist itself is still there. Run the item again to delete the rest.',
				);
			}
			deleted++;
		}
		await item.request({
			method: 'DELETE',
			path,
			permission: 'board-read',
			notFound: `No checklist ${checklistId} on card ${cardId}`,
		});
		return { _id: checklistId, cardId, boardId: scope.boardId, deleted: true, itemsDeleted: deleted };
	},
};
