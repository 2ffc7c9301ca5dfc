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
import { cardPath, fetchCard } from './cardRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a card',
	description:
		'Copy a card with its checklists, comments and attachments into a swimlane, on the same board or another one; returns the new card',
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
