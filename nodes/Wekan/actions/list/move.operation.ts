import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { defaultSwimlaneId, fetchSwimlane } from '../swimlane/swimlaneRef';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator, targetSwimlaneLocator } from '../target';
import { boardLists, fetchList, listCardPath, listCards, listPath } from './listRef';

/** Puts cards of a list into a swimlane of its board (the card PUT's `swimlaneId`, server/models/cards.js:1534-1553). */
async function setCardsSwimlane(item: ItemContext, boardId: string, listId: string, cards: IDataObject[], swimlaneId: string): Promise<string[]> {
	const moved: string[] = [];
	for (const card of cards) {
		const cardId = item.checkId(card._id, 'A card\'s ID');
		if (card.swimlaneId !== swimlaneId) {
			await item.request({
				method: 'PUT',
				path: listCardPath(boardId, listId, cardId),
				body: { swimlaneId },
				permission: 'board-write',
				notFound: `No card with ID ${cardId} in list ${listId}`,
			});
		}
		moved.push(cardId);
	}
	return moved;
}

/** The cards of `cardIds` not in `swimlaneId` of the list, as read back. */
async function cardsNotIn(item: ItemContext, boardId: string, listId: string, cardIds: string[], swimlaneId: string): Promise<string[]> {
	const cards = await listCards(item, boardId, listId);
	const placed = new Set(cards.filter((c) => c.swimlaneId === swimlaneId).map((c) => String(c._id)));
	return cardIds.filter((id) => !placed.has(id));
}

/**
 * Within the board Wekan's list move only writes the list's sort and swimlane; its cards keep their swimlane, so
 * they would no longer show with it. Wekan's board view moves them along (client/components/swimlanes/swimlanes.js:
 * 97-124), and so does this.
 */
async function moveWithinBoard(
	item: ItemContext,
	boardId: string,
	listId: string,
	toSwimlaneId: string | undefined,
	position: number | undefined,
): Promise<IDataObject> {
	let cards: IDataObject[] = [];
	if (toSwimlaneId) {
		await fetchSwimlane(item, boardId, toSwimlaneId);
		cards = await listCards(item, boardId, listId);
	}
	await item.request({
		method: 'POST',
		path: `${listPath(boardId, listId)}/move`,
		body: defined({ toSwimlaneId, position }),
		// Within a board the move only sets the list's sort and swimlane: the same state when repeated.
		idempotent: true,
		permission: 'board-write',
		notFound: `No list with ID ${listId} on board ${boardId}`,
	});
	if (!toSwimlaneId) return fetchList(item, boardId, listId);
	const movedCardIds = await setCardsSwimlane(item, boardId, listId, cards, toSwimlaneId);
	const list = await fetchList(item, boardId, listId);
	const missed = await cardsNotIn(item, boardId, listId, movedCardIds, toSwimlaneId);
	if (list.swimlaneId !== toSwimlaneId || missed.length) {
		throw item.fail(
			`Wekan did not move all of list ${listId} to swimlane ${toSwimlaneId}`,
			missed.length ? `Cards not moved: ${missed.join(', ')}. Running this item again finishes the move.` : 'Running this item again finishes the move.',
		);
	}
	return { ...list, movedCardIds };
}

/**
 * Wekan's list move to another board (models/lists.js:318-361) leaves the list where it is and moves its open cards
 * into an open list of the same title on the target board, or into a new list there shown in every swimlane. The
 * cards' swimlane is not set (merged into a namesake, they get the list's own ID as their swimlane, :327-329), so
 * Wekan's card hook puts them in the target board's default swimlane (server/models/cards.js:794-824); with a
 * target swimlane it moves no card at all. So the node sends the move without a swimlane, then puts the list and
 * its cards in the target swimlane and deletes the emptied list Wekan leaves here.
 */
async function moveToBoard(
	item: ItemContext,
	boardId: string,
	list: IDataObject,
	toBoardId: string,
	toSwimlaneId: string | undefined,
	position: number | undefined,
): Promise<IDataObject> {
	const listId = String(list._id);
	const title = String(list.title);
	if (toSwimlaneId) await fetchSwimlane(item, toBoardId, toSwimlaneId);
	const before = await boardLists(item, toBoardId);
	const namesakeRef = before.find((l) => l.title === title);
	let swimlaneId: string;
	if (namesakeRef) {
		const namesake = await item.request<IDataObject>({ method: 'GET', path: listPath(toBoardId, String(namesakeRef._id)), permission: 'board-read' });
		const where = `Board ${toBoardId} has a list titled "${title.slice(0, 60)}" (${String(namesake._id)})`;
		if (namesake.deletedAt) {
			throw item.fail(`${where} that was deleted, and Wekan would move the cards into it`, 'Rename one of the lists, or restore or remove the deleted list in Wekan first.');
		}
		if (position !== undefined) {
			throw item.fail(`${where}: Wekan moves the cards into it, and that list keeps its place`, 'Leave Position empty, or rename one of the lists first.');
		}
		const ownSwimlane = typeof namesake.swimlaneId === 'string' && namesake.swimlaneId ? namesake.swimlaneId : undefined;
		if (ownSwimlane && toSwimlaneId && ownSwimlane !== toSwimlaneId) {
			throw item.fail(`${where} in another swimlane: Wekan moves the cards into it`, `Choose its swimlane ${ownSwimlane}, leave Target Swimlane empty, or rename one of the lists first.`);
		}
		swimlaneId = ownSwimlane ?? toSwimlaneId ?? (await defaultSwimlaneId(item, toBoardId));
	} else {
		swimlaneId = toSwimlaneId ?? (await defaultSwimlaneId(item, toBoardId));
	}
	const cards = await listCards(item, boardId, listId);

	await item.request({
		method: 'POST',
		path: `${listPath(boardId, listId)}/move`,
		body: { toBoardId },
		permission: 'board-write',
		notFound: `No list with ID ${listId} on board ${boardId}`,
	});

	let targetListId = namesakeRef ? String(namesakeRef._id) : undefined;
	const movedCardIds: string[] = [];
	const afterMove = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
		try {
			return await step();
		} catch (error) {
			throw item.fail(
				`Wekan moved the cards of list ${listId} to board ${toBoardId}${targetListId ? ` (list ${targetListId})` : ''}, but ${what} failed: ${(error as Error).message}`,
				`Do not run this item again. ${movedCardIds.length} of ${cards.length} cards were put in swimlane ${swimlaneId}; finish the move in Wekan (the other cards are in the target board's default swimlane, and list ${listId} may still be on board ${boardId}).`,
			);
		}
	};

	if (!targetListId) {
		const known = new Set(before.map((l) => String(l._id)));
		const made = await afterMove('finding the list it made', () => boardLists(item, toBoardId));
		const found = made.find((l) => l.title === title && !known.has(String(l._id)));
		if (!found) {
			throw item.fail(
				`Wekan answered the move of list ${listId}, but made no list titled "${title.slice(0, 60)}" on board ${toBoardId}`,
				'Do not run this item again: check both boards in Wekan.',
			);
		}
		targetListId = item.checkId(found._id, 'The new list\'s ID');
		const newListId = targetListId;
		await afterMove('putting the new list in its swimlane', () =>
			item.request({
				method: 'POST',
				path: `${listPath(toBoardId, newListId)}/move`,
				body: defined({ toSwimlaneId: swimlaneId, position }),
				idempotent: true,
				permission: 'board-write',
			}),
		);
	}
	const resultListId = targetListId;
	for (const card of cards) {
		const cardId = item.checkId(card._id, 'A card\'s ID');
		await afterMove(`putting card ${cardId} in swimlane ${swimlaneId}`, () =>
			item.request({
				method: 'PUT',
				path: listCardPath(toBoardId, resultListId, cardId),
				body: { swimlaneId },
				permission: 'board-write',
				notFound: `No card with ID ${cardId} in list ${resultListId}`,
			}),
		);
		movedCardIds.push(cardId);
	}
	const missed = await afterMove('reading the moved cards back', () => cardsNotIn(item, toBoardId, resultListId, movedCardIds, swimlaneId));
	if (missed.length) {
		throw item.fail(
			`Wekan did not move cards ${missed.join(', ')} of list ${listId} to list ${resultListId} on board ${toBoardId}`,
			'Do not run this item again. Move those cards with Card > Move; the list may still be on this board.',
		);
	}
	// Wekan leaves the emptied list behind; what is left in it (archived cards, which Wekan does not move, or cards
	// added meanwhile) decides whether it goes.
	const left = await afterMove('reading the list left on the source board', () => listCards(item, boardId, listId));
	if (left.length) {
		throw item.fail(
			`The cards of list ${listId} were moved to list ${resultListId} on board ${toBoardId}, but ${left.length} cards are in it now`,
			`Wekan left list ${listId} on board ${boardId} with cards added meanwhile, so it was not deleted. Do not run this item again.`,
		);
	}
	await afterMove(`deleting list ${listId}, which Wekan leaves behind`, () =>
		item.request({ method: 'DELETE', path: listPath(boardId, listId), permission: 'board-write' }),
	);
	item.writesDone();
	const result = await afterMove('reading the list back', () => fetchList(item, toBoardId, resultListId));
	return { ...result, movedFromListId: listId, movedFromBoardId: boardId, merged: namesakeRef !== undefined, movedCardIds };
}

export const move: WekanOperation = {
	value: 'move',
	name: 'Move',
	action: 'Move a list',
	description:
		'Move a list to another position or swimlane (with its cards), or with its open cards to another board (needs Wekan 9.36 or later). On another board the list gets a new ID, or a list there with the same title takes in the cards; the emptied list is deleted here, with the archived cards Wekan does not move (Wekan keeps them for restoring). Moved cards keep only the labels that board has by the same name and the members and watchers who are members there, and Wekan shares each custom field that board lacks with it.',
	properties: [
		boardLocator(),
		listLocator(),
		targetBoardLocator(),
		targetSwimlaneLocator(
			'The swimlane the list and its cards move to. Leave empty to keep it on the same board; on another board, the swimlane of a list there with the same title, else the target board\'s default swimlane (its first open one).',
		),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [{ ...POSITION_PROPERTY, description: 'Where to place the list, counting from 0 (the leftmost)' }],
		},
	],
	writes: () => [EVERYTHING],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const toSwimlaneId = optionalLocatorId(item, 'toSwimlaneId', 'Target Swimlane');
		const position = positionOf(item, item.collection('options').position);
		if (toBoardId === undefined && toSwimlaneId === undefined && position === undefined) {
			throw item.fail('Nothing to move', 'Choose a target board, a target swimlane or a position.');
		}
		const list = await fetchList(item, boardId, listId);
		if (toBoardId === undefined || toBoardId === boardId) return moveWithinBoard(item, boardId, listId, toSwimlaneId, position);
		return moveToBoard(item, boardId, list, toBoardId, toSwimlaneId, position);
	},
};
