import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { CardScope } from '../cardScope';
import { checklistPath } from '../checklist/checklistRef';
import type { ItemContext } from '../itemContext';

export const checklistItemParameter: INodeProperties = {
	displayName: 'Checklist Item Name or ID',
	name: 'checklistItemId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getChecklistItems', loadOptionsDependsOn: ['cardId.value', 'checklistId'] },
	default: '',
	required: true,
	description:
		'The item of the checklist. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function checklistItemIdOf(item: ItemContext): string {
	return item.checkId(item.raw('checklistItemId', ''), 'Checklist Item');
}

export function checklistItemPath(scope: CardScope, checklistId: string, itemId: string): string {
	return `${checklistPath(scope, checklistId)}/items/${seg(itemId)}`;
}

/** The item document; Wekan answers an item that is not on this checklist and card with an empty 404. */
export function fetchChecklistItem(item: ItemContext, scope: CardScope, checklistId: string, itemId: string): Promise<IDataObject> {
	return item.request<IDataObject>({
		method: 'GET',
		path: checklistItemPath(scope, checklistId, itemId),
		permission: 'board-read',
		notFound: `No item ${itemId} on checklist ${checklistId} of card ${scope.cardId}`,
	});
}
