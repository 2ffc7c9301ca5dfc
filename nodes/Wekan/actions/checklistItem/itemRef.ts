import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { CardScope } from '../cardScope';
import { checklistItems, checklistPath, findChecklist } from '../checklist/checklistRef';
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

/** `writes` of an operation that changes one checklist item (pipeline.ts). */
export function oneChecklistItemWrites(item: ItemContext): string[] {
	return [`checklistItem:${checklistItemIdOf(item)}`];
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

/** How many item reads run at once when the items' sort values are needed. */
const READS_AT_ONCE = 8;

/**
 * The sort value that puts a new item at a 0-based position among the checklist's items, or undefined for the end
 * (where Wekan itself puts an item sent without one: server/models/checklistItems.js:138-147). Wekan shows items by
 * ascending sort value, but its checklist route lists them without it, so each item is read for its value.
 */
export async function sortForPosition(
	item: ItemContext,
	scope: CardScope,
	checklistId: string,
	position: number,
): Promise<number | undefined> {
	const listed = checklistItems(await findChecklist(item, scope, checklistId));
	if (position >= listed.length) return undefined;
	const documents: IDataObject[] = [];
	for (let start = 0; start < listed.length; start += READS_AT_ONCE) {
		const batch = listed.slice(start, start + READS_AT_ONCE);
		documents.push(...(await Promise.all(batch.map((entry) => fetchChecklistItem(item, scope, checklistId, String(entry._id))))));
	}
	// Equal values keep the order Wekan lists them in.
	const ordered = documents
		.map((doc, index) => ({ doc, index, sort: Number(doc.sort) }))
		.map((entry) => ({ ...entry, sort: Number.isFinite(entry.sort) ? entry.sort : 0 }))
		.sort((a, b) => a.sort - b.sort || a.index - b.index);
	if (position === 0) return ordered[0].sort - 1;
	const before = ordered[position - 1];
	const after = ordered[position];
	if (before.sort === after.sort) {
		throw item.fail(
			`No sort value puts the item between "${String(before.doc.title)}" and "${String(after.doc.title)}"`,
			`Both have the sort value ${before.sort}, and Wekan's REST API cannot change an item's sort value. Put the item first or last, or drag the items apart in Wekan first.`,
		);
	}
	return (before.sort + after.sort) / 2;
}
