import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope, createdNote, lines } from '../cardScope';
import type { WekanOperation } from '../operation';
import { fetchChecklist } from './checklistRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a checklist',
	description: 'Add a checklist to a card, optionally with its items, and return it with the items',
	properties: [
		...cardParameters(),
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'The checklist\'s title' },
		{
			displayName: 'Items',
			name: 'items',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The items to add, one per line, in order (or an array of titles from an expression). Empty lines are skipped.',
		},
	],
	async run(item) {
		const cardId = cardIdOf(item);
		const title = item.string('title', 'Title');
		const items = lines(item.raw('items', ''));
		const scope = await cardScope(item, cardId);
		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `${scope.path}/checklists`,
			// Always an array: Wekan reads a plain string as one item.
			body: { title, items },
			permission: 'comment',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		const checklistId = String(created._id);
		let checklist: IDataObject;
		try {
			checklist = await fetchChecklist(item, scope, checklistId);
		} catch (error) {
			throw item.fail(`Checklist ${checklistId} was created, but reading it back failed: ${(error as Error).message}`, createdNote('checklist'));
		}
		const got = ((checklist.items as IDataObject[]) ?? []).length;
		if (got !== items.length) {
			throw item.fail(
				`Checklist ${checklistId} was created with ${got} of ${items.length} items`,
				`${createdNote('checklist')} Add the missing items with Checklist Item > Create.`,
			);
		}
		return checklist;
	},
};
