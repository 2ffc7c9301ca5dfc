import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { readsOnly, type WekanOperation } from '../operation';

export const getCardSettings: WekanOperation = {
	value: 'getCardSettings',
	name: 'Get Card Settings',
	action: 'Get the card settings of a board',
	description:
		'Get which card fields a board shows on opened cards and minicards, and its card aging. A key the board never set is missing from the answer (Wekan then uses its default). Needs read access; Wekan v9.36 or later.',
	properties: [boardLocator()],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const settings = await item.request({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/cardSettings`,
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
		});
		return { boardId, ...settings };
	},
};
