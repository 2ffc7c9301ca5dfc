import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { CARD_AGING_DAYS, CARD_SETTING_OPTIONS, CARD_SETTINGS } from './cardSettings';

export const updateCardSettings: WekanOperation = {
	value: 'updateCardSettings',
	name: 'Update Card Settings',
	action: 'Update the card settings of a board',
	description:
		'Turn card fields on or off for a board\'s opened cards and minicards, and set card aging. Settings not given keep their values. Needs write access; Wekan v9.36 or later.',
	properties: [
		boardLocator(),
		{
			displayName: 'Settings',
			name: 'settings',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			options: CARD_SETTING_OPTIONS,
		},
	],
	writes: (item) => [`board:${item.locatorId('boardId', 'Board')}`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const settings = item.collection('settings');
		const body: IDataObject = {};
		for (const [key, value] of Object.entries(settings)) {
			if (CARD_SETTINGS.some((s) => s.key === key)) {
				if (typeof value !== 'boolean') throw item.fail(`Setting ${key} must be true or false`);
				body[key] = value;
			} else if (CARD_AGING_DAYS.some((s) => s.key === key)) {
				// Wekan silently skips a value that is not a whole number of 0 or more.
				const days = typeof value === 'string' && value.trim() ? Number(value) : value;
				if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
					throw item.fail(`Setting ${key} must be a whole number of days, 0 or more`);
				}
				body[key] = days;
			} else {
				throw item.fail(`"${key}" is not a card setting Wekan's API changes`);
			}
		}
		if (!Object.keys(body).length) throw item.fail('Nothing to update', 'Add at least one setting.');
		const answer = await item.request({
			method: 'PUT',
			path: `/api/boards/${seg(boardId)}/cardSettings`,
			body,
			permission: 'board-write',
			notFound: `No board with ID ${boardId}`,
		});
		const unapplied = Object.keys(body).filter((key) => answer[key] !== body[key]);
		if (unapplied.length) throw item.fail(`Wekan did not apply these card settings: ${unapplied.join(', ')}`);
		return { boardId, ...answer };
	},
};
