import type { NodeApiError } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { fetchBoard } from './boardRef';

export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a board',
	description:
		'Copy a board with its swimlanes, lists, cards, checklists, labels and members (needs a board admin, Wekan 10.35 or later); returns the new board',
	properties: [
		boardLocator(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'The copy\'s title. Leave empty for Wekan\'s choice: the original title with a number, e.g. "Roadmap [1]".',
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const title = String(item.raw('title', '') ?? '').trim();
		// Wekan answers any failure of this route, "no such board" included, with a 500, so the board is read first.
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
			// This route answers every failure, a refusal included, with a 500 that carries only the reason.
			const { message, description } = error as NodeApiError;
			throw item.fail(
				`Wekan did not copy board ${boardId}: ${message}`,
				/forbidden|unauthorized/i.test(message)
					? 'Copying a board needs a board admin of it (or a site admin).'
					: `${description ?? ''} Copying boards works from Wekan 10.35 on.`.trim(),
			);
		}
		const copyId = item.checkId(newId, 'The copy\'s ID');
		return readBack(item, `The copy ${copyId} of board ${boardId}`, () => fetchBoard(item, copyId));
	},
};
