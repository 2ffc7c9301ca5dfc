import type { IDataObject } from 'n8n-workflow';
import { boardLocator, swimlaneLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { ItemContext } from '../itemContext';
import { seg } from '../../../shared/transport';
import { boardLists, listCardPath } from '../list/listRef';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator } from '../target';
import { boardSwimlanes, fetchSwimlane, swimlaneCards, swimlanePath } from './swimlaneRef';

/** What is on a board now that was not before, as `{_id, title, boardId}`. */
function added(before: IDataObject[], after: IDataObject[], boardId: string, except?: string): IDataObject[] {
	const known = new Set(before.map((d) => String(d._id)));
	return after
		.filter((d) => !known.has(String(d._id)) && d._id !== except)
		.map((d) => ({ _id: d._id, title: d.title, boardId }));
}

async function snapshot(item: ItemContext, boardId: string, toBoardId: string): Promise<{ swimlanes: IDataObject[]; lists: IDataObject[] }> {
	const [swimlanes, lists] = await Promise.all([boardSwimlanes(item, boardId), boardLists(item, toBoardId)]);
	return { swimlanes, lists };
}

/**
 * Wekan moves the swimlane's cards to the other board while the swimlane is still on this one, so its card hook
 * (server/models/cards.js:794-824, server/lib/cardBoardConsistency.js) puts each card in the target board's default
 * swimlane instead. Once the swimlane is there, its open cards are put back in it.
 */
async function backInSwimlane(item: ItemContext, cards: IDataObject[], swimlaneId: string, toBoardId: string): Promise<void> {
	const done: string[] = [];
	for (const card of cards) {
		const cardId = item.checkId(card._id, 'A card\'s ID');
		try {
			const now = await item.request<IDataObject>({ method: 'GET', path: `/api/cards/${seg(cardId)}`, permission: 'board-read' });
			if (now.boardId === toBoardId && now.swimlaneId !== swimlaneId) {
				await item.request({
					method: 'PUT',
					path: listCardPath(toBoardId, item.checkId(now.listId, 'The card\'s list ID'), cardId),
					body: { swimlaneId },
					permission: 'board-write',
				});
			}
		} catch (error) {
			throw item.fail(
				`Wekan moved swimlane ${swimlaneId} to board ${toBoardId}, but putting card ${cardId} back in it failed: ${(error as Error).message}`,
				`Do not run this item again. Wekan put the swimlane's cards in the board's default swimlane; ${done.length} of ${cards.length} are back. Move the others with Card > Move.`,
			);
		}
		done.push(cardId);
	}
}

/**
 * Within a board Wekan's move also moves each of the swimlane's cards into the first open list of its list's title
 * (models/swimlanes.js:336-362): another list where two lists of the board share a title, as lists of different
 * swimlanes may. Those cards are put back in their list (a list PUT puts a card on top) and then at their sort; the
 * card PUT writes no sort of 0 (server/models/cards.js:1339-1345), so such a card stays on top of its list.
 */
async function backInLists(item: ItemContext, boardId: string, swimlaneId: string, before: IDataObject[]): Promise<void> {
	const now = new Map((await swimlaneCards(item, boardId, swimlaneId)).map((c) => [String(c._id), c]));
	const displaced = before.filter((card) => {
		const current = now.get(String(card._id));
		return current !== undefined && current.listId !== card.listId;
	});
	let done = 0;
	for (const card of displaced) {
		const cardId = item.checkId(card._id, 'A card\'s ID');
		const listId = item.checkId(card.listId, 'The card\'s list ID');
		const wrongListId = item.checkId(now.get(cardId)?.listId, 'The card\'s list ID');
		try {
			await item.request({
				method: 'PUT',
				path: listCardPath(boardId, wrongListId, cardId),
				body: { listId },
				permission: 'board-write',
			});
			if (typeof card.sort === 'number' && card.sort !== 0) {
				await item.request({ method: 'PUT', path: listCardPath(boardId, listId, cardId), body: { sort: card.sort }, permission: 'board-write' });
			}
		} catch (error) {
			throw item.fail(
				`Wekan moved swimlane ${swimlaneId}, but putting card ${cardId} back in list ${listId} failed: ${(error as Error).message}`,
				`Do not run this item again. Wekan moved ${displaced.length} of the swimlane's cards into another list of the same title; ${done} are back. Move the others with Card > Move.`,
			);
		}
		done++;
	}
}

export const move: WekanOperation = {
	value: 'move',
	name: 'Move',
	action: 'Move a swimlane',
	description:
		'Move a swimlane to another position, or with its open cards to another board (needs Wekan 9.36 or later). Wekan\'s move also gives the target board a list for every list title of the source board it lacks (archived lists too), and may add a swimlane titled Default to the source board: the output lists what it made. Within a board it also moves the swimlane\'s cards into the first list of their list\'s title; the node puts the open ones back (archived ones stay where Wekan put them). On another board the cards keep only the labels that board has by the same name and the members who are members there, as in a list move.',
	properties: [
		boardLocator(),
		swimlaneLocator(),
		targetBoardLocator(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					...POSITION_PROPERTY,
					description: 'Where to place the swimlane, counting from 0 (the top). On another board, without it the swimlane goes below the others.',
				},
			],
		},
	],
	writes: () => [EVERYTHING],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const position = positionOf(item, item.collection('options').position);
		const targetBoardId = toBoardId ?? boardId;
		if (targetBoardId === boardId && position === undefined) {
			throw item.fail('Nothing to move', 'Choose a target board or a position.');
		}
		await fetchSwimlane(item, boardId, swimlaneId);
		// Wekan's move (models/swimlanes.js:302-376) runs even within a board: for every list of the board, archived
		// ones too, it finds an open list of the same title on the target board or makes one, and last it ensures the
		// source board's "<boardId>-default" swimlane (models/boards.js:1841-1903). What it made is read from the
		// boards before and after, and returned.
		const before = await snapshot(item, boardId, targetBoardId);
		const cards = await swimlaneCards(item, boardId, swimlaneId);
		// Without a position (only when moving to another board) Wekan's sort is the number of the target's open
		// swimlanes, which is not the end when their sorts have gaps: the swimlane is placed after the last one instead.
		const place = position ?? (await boardSwimlanes(item, targetBoardId)).length;
		await item.request({
			method: 'POST',
			path: `${swimlanePath(boardId, swimlaneId)}/move`,
			body: defined({ toBoardId, position: place }),
			// Within a board a repeat finds what the first move made and places the swimlane again. Moved to another
			// board, the swimlane is no longer on this one and a repeat would fail as "not found".
			idempotent: targetBoardId === boardId,
			permission: 'board-write',
			notFound: `No swimlane with ID ${swimlaneId} on board ${boardId}`,
		});
		if (targetBoardId !== boardId) await backInSwimlane(item, cards, swimlaneId, targetBoardId);
		else await backInLists(item, boardId, swimlaneId, cards);
		item.writesDone();
		const after = await snapshot(item, boardId, targetBoardId);
		const swimlane = await fetchSwimlane(item, targetBoardId, swimlaneId);
		return {
			...swimlane,
			createdLists: added(before.lists, after.lists, targetBoardId),
			createdSwimlanes: added(before.swimlanes, after.swimlanes, boardId, swimlaneId),
		};
	},
};
