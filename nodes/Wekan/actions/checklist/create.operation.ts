import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope, createdNote, lines } from '../cardScope';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { checklistItems, fetchChecklist } from './checklistRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a checklist',
	description:
		'Add a checklist to a card, optionally with its items, and return it with the items. Wekan refuses read-only, comment-only, no-comments and worker members.',
	properties: [
		...cardParameters(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The checklist\'s title; Wekan drops leading and trailing spaces',
		},
		{
			displayName: 'Items',
			name: 'items',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description:
				'The items to add, one per line, in order (or an array of titles from an expression). Spaces around each are dropped, empty lines skipped.',
		},
	],
	writes: (item) => [`checklists:${cardIdOf(item)}`],
	async run(item) {
		const cardId = cardIdOf(item);
		const title = item.string('title', 'Title').trim();
		const items = lines(item.raw('items', ''));
		const scope = await cardScope(item, cardId);
		// Wekan checks both its read access (which refuses comment-only, no-comments and worker members) and the
		// comment capability (which refuses read-only ones): server/models/checklists.js:245-248.
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${scope.path}/checklists`,
			// Always an array: Wekan reads a plain string as one item.
			body: { title, items },
			permission: 'comment',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		const checklistId = String(created._id);
		const checklist = await readBack(item, `Checklist ${checklistId}`, () => fetchChecklist(item, scope, checklistId));
		const got = checklistItems(checklist).length;
		if (got !== items.length) {
			throw item.fail(
				`Checklist ${checklistId} was created with ${got} of ${items.length} items`,
				`${createdNote('checklist')} Add the missing items with Checklist Item > Create.`,
			);
		}
		return checklist;
	},
};
