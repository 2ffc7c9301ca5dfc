import type { NodeApiError } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { readBack } from '../readBack';
import { fetchBoard } from './boardRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a board',
	description:
		'Copy a board with its open swimlanes, lists and cards (and their checklists, comments and attachments), labels, members, custom fields, webhooks and rules; archived ones are left out. A custom field the cards use is also shared with the copy, so the copy shows it twice: its own, and the original\'s (a change to that one shows on both boards). Needs a board admin and Wekan 10.35 or later. Returns the new board.',
	properties: [
		boardLocator(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description:
				'The copy\'s title. Wekan keeps board titles unique across the whole Wekan: when any board already has this title, it adds a number, e.g. "Roadmap [2]". Leave empty for the original title with a number.',
		},
	],
	// The copy reads everything on the board, so earlier items' changes to it go first.
	writes: () => [EVERYTHING],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const title = String(item.raw('title', '') ?? '').trim();
		// This route answers every failure, "no such board" included, with a 500, so the board is read first.
		await fetchBoard(item, boardId);
		let newId: string;
		try {
			newId = await item.request<string>({
				method: 'POST',
				path: `/api/boards/${seg(boardId)}/copy`,
				body: title ? { title } : {},
				expect: 'string',
				permission: 'board-admin',
			});
		} catch (error) {
			// A refusal is a 500 {"error": "Forbidden [Forbidden]"} (server/models/boards.js:1272-1297).
			const { message, description } = error as NodeApiError;
			if (/forbidden/i.test(message)) {
				throw item.fail(`Wekan refused to copy board ${boardId}`, 'Copying a board needs a board admin of it (or a site admin).');
			}
			throw item.fail(
				`Wekan did not copy board ${boardId}: ${message}`,
				`${description ?? ''} Copying boards works from Wekan 10.35 on. Wekan may have made part of the copy before it failed: check the boards before running this item again.`.trim(),
			);
		}
		const copyId = item.checkId(newId, 'The copy\'s ID');
		return readBack(item, `The copy ${copyId} of board ${boardId}`, () => fetchBoard(item, copyId));
	},
};
