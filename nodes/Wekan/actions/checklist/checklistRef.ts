import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { CardScope } from '../cardScope';
import type { ItemContext } from '../itemContext';

export const checklistParameter: INodeProperties = {
	displayName: 'Checklist Name or ID',
	name: 'checklistId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCardChecklists', loadOptionsDependsOn: ['cardId.value'] },
	default: '',
	required: true,
	description:
		'The checklist of the card. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function checklistIdOf(item: ItemContext): string {
	return item.checkId(item.raw('checklistId', ''), 'Checklist');
}

/** `writes` of an operation on one checklist or its items (pipeline.ts): such items reach Wekan in input order. */
export function oneChecklistWrites(item: ItemContext): string[] {
	return [`checklist:${checklistIdOf(item)}`];
}

export function checklistPath(scope: CardScope, checklistId: string): string {
	return `${scope.path}/checklists/${seg(checklistId)}`;
}

/** The items of a checklist as Wekan's checklist route gives them: `{_id, title, isFinished}`, in insertion order. */
export function checklistItems(checklist: IDataObject): IDataObject[] {
	return Array.isArray(checklist.items) ? (checklist.items as IDataObject[]) : [];
}

/** A checklist with its items, known to exist (Wekan answers a missing one with an empty HTTP 500). */
export function fetchChecklist(item: ItemContext, scope: CardScope, checklistId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: checklistPath(scope, checklistId),
		permission: 'board-read',
		notFound: `No checklist ${checklistId} on card ${scope.cardId}`,
	});
}

/** The card's checklists, `{_id, title}` each, in the order they were added. */
export function listChecklists(item: ItemContext, scope: CardScope): Promise<IDataObject[]> {
	return item.request<IDataObject[]>({
		method: 'GET',
		path: `${scope.path}/checklists`,
		expect: 'array',
		permission: 'board-read',
		notFound: `No card ${scope.cardId} on board ${scope.boardId}`,
	});
}

/**
 * A checklist that may not exist. The card's checklists are listed first, since Wekan's empty 500 for a missing
 * checklist cannot be told apart from a server failure.
 */
export async function findChecklist(item: ItemContext, scope: CardScope, checklistId: string): Promise<IDataObject> {
	const checklists = await listChecklists(item, scope);
	if (!checklists.some((c) => c._id === checklistId)) {
		throw item.fail(
			`No checklist ${checklistId} on card ${scope.cardId}`,
			'The checklist was deleted, or belongs to another card. Pick it from the list of the card\'s checklists.',
		);
	}
	return fetchChecklist(item, scope, checklistId);
}
