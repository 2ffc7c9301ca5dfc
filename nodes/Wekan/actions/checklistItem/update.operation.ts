import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import { checklistIdOf, checklistParameter } from '../checklist/checklistRef';
import type { WekanOperation } from '../operation';
import { checklistItemIdOf, checklistItemParameter, checklistItemPath, fetchChecklistItem, oneChecklistItemWrites } from './itemRef';

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a checklist item',
	description:
		'Rename a checklist item, or check or uncheck it. Wekan records no activity for it (board rules and the activity feed do not see it) and cannot move an item.',
	properties: [
		...cardParameters(),
		checklistParameter,
		checklistItemParameter,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Checked', name: 'isFinished', type: 'boolean', default: true, description: 'Whether the item is checked (done)' },
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description: 'The item\'s new text; Wekan drops leading and trailing spaces',
				},
			],
		},
	],
	writes: oneChecklistItemWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const checklistId = checklistIdOf(item);
		const itemId = checklistItemIdOf(item);
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		if (fields.title !== undefined) {
			// Wekan would store the trimmed title, or refuse a blank one with an HTML 500 after writing Checked.
			const title = String(fields.title).trim();
			if (!title) throw item.fail('The title cannot be empty', 'Leave "Title" out to keep the current one.');
			body.title = title;
		}
		if (fields.isFinished !== undefined) {
			if (typeof fields.isFinished !== 'boolean') throw item.fail('Checked must be true or false');
			body.isFinished = fields.isFinished;
		}
		if (Object.keys(body).length === 0) throw item.fail('Nothing to update', 'Add Title or Checked under Update Fields.');

		const scope = await cardScope(item, cardId);
		// The PUT reads only isFinished and title, each written directly, without the hooks that record
		// checkedItem, uncheckedItem and completeChecklist (server/models/checklistItems.js:209-220).
		await item.request({
			method: 'PUT',
			path: checklistItemPath(scope, checklistId, itemId),
			body,
			permission: 'board-read',
			notFound: `No item ${itemId} on checklist ${checklistId} of card ${cardId}`,
		});
		const updated = await fetchChecklistItem(item, scope, checklistId, itemId);
		const skipped = Object.keys(body).filter((key) => updated[key] !== body[key]);
		if (skipped.length) {
			throw item.fail(`Wekan did not apply ${skipped.join(' and ')} to checklist item ${itemId}`, 'Read the item again to see its current state.');
		}
		return updated;
	},
};
