import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { customFieldIdOf, customFieldParameter, fetchField, fieldPath, oneFieldWrites } from './fieldRef';

export const deleteCustomField: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a custom field',
	description:
		'Delete a custom field for good; its values are removed from every card. A field shared with other boards is deleted there too, so that needs an option.',
	properties: [
		boardLocator(),
		customFieldParameter,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Delete From Every Board',
					name: 'deleteFromAllBoards',
					type: 'boolean',
					default: false,
					description:
						'Whether to delete a field that other boards share too (Wekan shares a field with the board a card is copied or moved to). Wekan\'s REST API cannot take the field off one board only: it deletes it, and its values, on all of them.',
				},
			],
		},
	],
	writes: oneFieldWrites,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const fieldId = customFieldIdOf(item);
		const everyBoard = item.collection('options').deleteFromAllBoards === true;
		// Wekan answers a delete of a missing field with success, so the field is found first.
		const field = await fetchField(item, boardId, fieldId);
		const boardIds = Array.isArray(field.boardIds) ? field.boardIds.map(String) : [boardId];
		const others = boardIds.filter((id) => id !== boardId);
		// The DELETE removes the document, and the hook pulls its values from the cards of every board in boardIds
		// (server/models/customFields.js:91-102, 305-316); Wekan's web UI would only take this board off the field.
		if (others.length && !everyBoard) {
			throw item.fail(
				`Custom field "${String(field.name)}" is shared with ${others.length} other board${others.length === 1 ? '' : 's'} (${others.join(', ')})`,
				'Wekan\'s REST API would delete it, and its values, on those boards too. To take it off this board only, delete it in this board\'s Custom Fields in Wekan. To delete it everywhere, turn on Delete From Every Board.',
			);
		}
		await item.request({ method: 'DELETE', path: fieldPath(boardId, fieldId), permission: 'board-write' });
		return { _id: fieldId, name: field.name, type: field.type, boardId, boardIds, deleted: true };
	},
};
