import type { IDataObject } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { defined } from '../common';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import {
	optionalLocatorId,
	POSITION_PROPERTY,
	positionOf,
	targetBoardLocator,
	targetListLocator,
	targetSwimlaneLocator,
} from '../target';
import { checkPlace } from './cardFields';
import { cardPath, fetchCard } from './cardRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a card',
	description:
		'Copy a card with its checklists, comments, attachments and subtasks into a swimlane, on the same board or another one; returns the new card. On another board, labels are matched by name; members and assignees are kept as they are. Without a position, the copy keeps the card\'s sort value.',
	properties: [
		cardLocator(),
		boardLocator({ description: 'Needed only to pick the card from a list', required: false }),
		targetBoardLocator(),
		{ ...targetSwimlaneLocator('The swimlane the copy goes in (Wekan requires one)'), required: true },
		targetListLocator('The list the copy goes in. Leave empty for the card\'s own list; required with a target board.'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [{ ...POSITION_PROPERTY, description: 'Where to place the copy in its list, counting from 0 (the top)' }],
		},
	],
	writes(item) {
		const toListId = optionalLocatorId(item, 'toListId', 'Target List');
		return [`card:${item.locatorId('cardId', 'Card', 'card')}`, ...(toListId ? [`list:${toListId}`] : [])];
	},
	async run(item) {
		const cardId = item.locatorId('cardId', 'Card', 'card');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board');
		const toSwimlaneId = item.locatorId('toSwimlaneId', 'Target Swimlane');
		const toListId = optionalLocatorId(item, 'toListId', 'Target List');
		const position = positionOf(item, item.collection('options').position);
		if (toBoardId && !toListId) {
			// Wekan would keep the card's list id, which is not on another board.
			throw item.fail('Copying to a target board needs its list', 'Choose the Target List on the target board.');
		}
		const card = await fetchCard(item, cardId);
		if (card.archived === true) {
			throw item.fail(`Card ${cardId} is archived`, 'Wekan copies a card as it is, so the copy would be archived too and no list would show it. Unarchive the card first.');
		}
		// Wekan checks neither; a copy into a list or swimlane that is not on the board is made and then fails.
		await checkPlace(item, toBoardId ?? String(card.boardId), toListId ?? String(card.listId), [toSwimlaneId]);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${cardPath(card)}/copy`,
			body: defined({ toBoardId, toSwimlaneId, toListId, position }),
			permission: 'board-write',
			notFound: `No card with ID ${cardId}`,
		});
		const copyId = item.checkId(created._id, 'The copy\'s ID');
		return readBack(item, `The copy ${copyId} of card ${cardId}`, () => fetchCard(item, copyId));
	},
};
