import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { toIdList } from '../common';
import { boardForLookups } from '../board/boardRef';
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
		description: `IDs of cards on the board, separated by commas, or an array from an expression (up to ${MAX_BULK_CARDS}). Cards that are archived or not on the board are returned under notFound.`,
	},
];

/** The labels chosen, checked, without repeats. */
function labelIdsOf(item: ItemContext): string[] {
	const labelIds = [...new Set(toIdList(item, item.raw('labelIds'), 'Label'))];
	if (labelIds.length === 0) throw item.fail('Choose at least one label');
	return labelIds;
}

/** `writes` of the bulk label operations: the cards, and the board's labels, which are read to check the labels. */
export function bulkLabelWrites(item: ItemContext): string[] {
	const boardId = item.locatorId('boardId', 'Board');
	return [`board:${boardId}:labels`, ...bulkCardIds(item).map((id) => `card:${id}`)];
}

/**
 * Adds or removes labels on many cards in one request; the cards keep their other labels. Wekan checks only the
 * labels added (server/models/cards.js:1855-1864) and removes an unknown label from no card without a word, so
 * both are checked against the board first.
 */
export async function changeLabels(item: ItemContext, change: 'addLabelIds' | 'removeLabelIds'): Promise<IDataObject> {
	const boardId = item.locatorId('boardId', 'Board');
	const labelIds = labelIdsOf(item);
	const cardIds = bulkCardIds(item);
	const board = await boardForLookups(item, boardId);
	const known = new Set(((board.labels as IDataObject[] | undefined) ?? []).map((l) => String(l._id)));
	const unknown = labelIds.filter((id) => !known.has(id));
	if (unknown.length) {
		throw item.fail(
			`${unknown.length === 1 ? 'Label' : 'Labels'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not on this board`,
			`Board ${boardId} has the labels ${[...known].join(', ') || '(none)'}. Pick them from the list, or create the label first.`,
		);
	}
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
