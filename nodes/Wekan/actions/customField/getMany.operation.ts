import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { returnAllOrLimit } from '../common';
import { readsOnly, type WekanOperation } from '../operation';
import { fetchField } from './fieldRef';

export const getMany: WekanOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many custom fields',
	description: 'Get the custom fields of a board (ID, name and type, or in full)',
	properties: [
		boardLocator(),
		...returnAllOrLimit(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Settings',
					name: 'includeSettings',
					type: 'boolean',
					default: false,
					description: 'Whether to return each field in full, with settings and flags (one more request per field)',
				},
			],
		},
	],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const options = item.collection('options');
		item.limit([]);
		const fields = await item.request<IDataObject[]>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}/custom-fields`,
			expect: 'array',
			permission: 'board-read',
			notFound: `No board ${boardId}`,
		});
		const chosen = item.limit(fields);
		if (options.includeSettings !== true) return chosen.map((f) => ({ ...f, boardId }));
		const full: IDataObject[] = [];
		for (const field of chosen) full.push(await fetchField(item, boardId, String(field._id)));
		return full;
	},
};
