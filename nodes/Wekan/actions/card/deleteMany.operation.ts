import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { bulkCardIds, MAX_BULK_CARDS } from './bulk';

export const deleteMany: WekanOperation = {
	value: 'deleteMany',
	name: 'Delete Many',
	action: 'Delete many cards',
	description: `Delete up to ${MAX_BULK_CARDS} cards of a board (archived ones too) for good in one request, with their checklists, comments, history and subtasks; Wekan leaves their attachments behind. Returns the deleted IDs and those not found on the board.`,
	properties: [
		boardLocator(),
		{
			displayName: 'Card IDs',
			name: 'cardIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'k2L3m4N5p6Q7r8S9t, a2B3c4D5e6F7g8H9j',
			description: `IDs of cards on the board, separated by commas, or an array from an expression (up to ${MAX_BULK_CARDS})`,
		},
	],
	writes: (item) => bulkCardIds(item).map((id) => `card:${id}`),
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const cardIds = bulkCardIds(item);
		const result = await item.request<IDataObject>({
			method: 'DELETE',
			path: `/api/boards/${seg(boardId)}/cards/bulk`,
			body: { cardIds },
			// A repeat after a lost answer would report the deleted cards as not found.
			idempotent: false,
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		const deleted = (result.deleted as string[] | undefined) ?? [];
		const notFound = (result.notFound as string[] | undefined) ?? [];
		return { boardId, deleted, notFound, deletedCount: deleted.length };
	},
};
