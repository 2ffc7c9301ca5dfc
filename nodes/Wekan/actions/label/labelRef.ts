import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { toIdList } from '../common';
import { bulkCardIds, MAX_BULK_CARDS } from '../card/bulk';
import type { ItemContext } from '../itemContext';

export const BULK_LABEL_PROPERTIES: INodeProperties[] = [
	boardLocator(),
	{
		displayName: 'Label Names or IDs',
		name: 'labelIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getBoardLabels', loadOptionsDependsOn: ['boardId.value'] },
		default: [],
		required: true,
		description:
			'Labels of the board. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Card IDs',
		name: 'cardIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'k2L3m4N5p6Q7r8S9t, a2B3c4D5e6F7g8H9j',
		description: `IDs of cards on the board, separated by commas, or an array from an expression (up to ${MAX_BULK_CARDS})`,
	},
];

/** Adds or removes labels on many cards in one request; the cards keep their other labels. */
export async function changeLabels(item: ItemContext, change: 'addLabelIds' | 'removeLabelIds'): Promise<IDataObject> {
	const boardId = item.locatorId('boardId', 'Board');
	const labelIds = [...new Set(toIdList(item, item.raw('labelIds'), 'Label'))];
	if (labelIds.length === 0) throw item.fail('Choose at least one label');
	const cardIds = bulkCardIds(item);
	const result = await item.request<IDataObject>({
		method: 'POST',
		path: `/api/boards/${seg(boardId)}/cards/labels`,
		body: { cardIds, [change]: labelIds },
		// The route merges, so sending it again leaves the same labels.
		idempotent: true,
		permission: 'board-write',
		notFound: `No board with ID ${boardId}`,
	});
	return { boardId, updated: result.updated ?? [], notFound: result.notFound ?? [] };
}
