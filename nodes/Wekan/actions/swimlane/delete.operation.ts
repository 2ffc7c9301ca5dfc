import type { IDataObject } from 'n8n-workflow';
import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import type { ItemContext } from '../itemContext';
import { boardLists, listCards, listPath } from '../list/listRef';
import type { WekanOperation } from '../operation';
import { fetchSwimlane, swimlanePath } from './swimlaneRef';

/**
 * The lists Wekan's swimlane remove hook deletes with all their cards, of every swimlane (server/models/swimlanes.js:
 * 67-83): the open lists of the swimlane and the shared ones (swimlane ''), when there are fewer than two of them.
 * The board's list route gives no swimlane, so each list is read.
 */
async function listsDeletedWith(item: ItemContext, boardId: string, swimlaneId: string): Promise<IDataObject[]> {
	const lists: IDataObject[] = [];
	for (const entry of await boardLists(item, boardId)) {
		const listId = item.checkId(entry._id, 'A list\'s ID');
		// The list route answers archived lists as not found: the hook leaves them alone too.
		const list = await item.request<IDataObject | undefined>({
			method: 'GET',
			path: listPath(boardId, listId),
			expect: 'any',
			permission: 'board-read',
		});
		if (list && list.archived !== true && (list.swimlaneId === swimlaneId || list.swimlaneId === '')) lists.push(list);
	}
	return lists.length < 2 ? lists : [];
}

export const deleteSwimlane: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a swimlane',
	description:
		'Delete a swimlane for good, with its cards. When fewer than two lists belong to it (or are shared by all swimlanes), Wekan deletes those lists with their cards instead, and leaves the swimlane\'s cards in other lists: the node refuses when that would delete open cards of other swimlanes.',
	properties: [boardLocator(), swimlaneLocator()],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		// Wekan answers a delete with success even for a swimlane that does not exist, so it is found first.
		const swimlane = await fetchSwimlane(item, boardId, swimlaneId);
		for (const list of await listsDeletedWith(item, boardId, swimlaneId)) {
			const listId = item.checkId(list._id, 'A list\'s ID');
			const others = (await listCards(item, boardId, listId)).filter((card) => card.swimlaneId !== swimlaneId);
			if (others.length) {
				throw item.fail(
					`Deleting swimlane ${swimlaneId} would delete list "${String(list.title)}" (${listId}) with ${others.length} open ${others.length === 1 ? 'card' : 'cards'} of other swimlanes`,
					'Wekan deletes the lists of a swimlane that has fewer than two, with all their cards. Move those cards to another list first, or give the swimlane a second list.',
				);
			}
		}
		await item.request({ method: 'DELETE', path: swimlanePath(boardId, swimlaneId), permission: 'board-write' });
		return { _id: swimlaneId, title: swimlane.title, boardId, deleted: true };
	},
};
