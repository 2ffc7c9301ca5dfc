import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';

export const deleteAttachment: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an attachment',
	description: 'Delete an attachment and its file for good',
	properties: [
		{
			displayName: 'Attachment ID',
			name: 'attachmentId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'a2B3c4D5e6F7g8H9j',
			description: 'The attachment\'s ID, e.g. the attachmentId from Attachment > Get Many',
		},
	],
	async run(item) {
		const attachmentId = item.checkId(item.raw('attachmentId', ''), 'Attachment ID');
		const result = await item.request<IDataObject>({
			method: 'DELETE',
			path: `/api/attachment/delete/${seg(attachmentId)}`,
			permission: 'board-write',
			notFound: `No attachment ${attachmentId}`,
		});
		return { attachmentId: result.attachmentId ?? attachmentId, fileName: result.fileName, deleted: true };
	},
};
