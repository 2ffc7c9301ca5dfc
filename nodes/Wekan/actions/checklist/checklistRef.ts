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

export function checklistPath(scope: CardScope, checklistId: string): string {
	return `${scope.path}/checklists/${seg(checklistId)}`;
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

/**
 * A checklist that may not exist. The card's checklists are listed first, since Wekan's empty 500 for a missing
 * checklist cannot be told apart from a server failure.
 */
export async function findChecklist(item: ItemContext, scope: CardScope, checklistId: string): Promise<IDataObject> {
	const checklists = await item.request<IDataObject[]>({
		method: 'GET',
		path: `${scope.path}/checklists`,
		expect: 'array',
		permission: 'board-read',
		notFound: `No card ${scope.cardId} on board ${scope.boardId}`,
	});
	if (!checklists.some((c) => c._id === checklistId)) {
		throw item.fail(
			`No checklist ${checklistId} on card ${scope.cardId}`,
			'The checklist was deleted, or belongs to another card. Pick it from the list of the card\'s checklists.',
		);
	}
	return fetchChecklist(item, scope, checklistId);
}
