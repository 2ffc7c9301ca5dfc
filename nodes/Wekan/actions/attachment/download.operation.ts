import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { OutputItems, readsOnly, type WekanOperation } from '../operation';

export const download: WekanOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download an attachment',
	description: 'Download an attachment into a binary property, with its name, type and size in the JSON',
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
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	],
	writes: readsOnly,
	async run(item) {
		const attachmentId = item.checkId(item.raw('attachmentId', ''), 'Attachment ID');
		const property = item.string('binaryPropertyName', 'Put Output File in Field').trim();
		const result = await item.request<IDataObject>({
			method: 'GET',
			path: `/api/attachment/download/${seg(attachmentId)}`,
			permission: 'board-read',
			notFound: `No attachment ${attachmentId}`,
		});
		if (typeof result.base64Data !== 'string') throw item.fail(`Wekan sent no file data for attachment ${attachmentId}`);
		const fileType = typeof result.fileType === 'string' && result.fileType ? result.fileType : 'application/octet-stream';
		const binary = await item.fn.helpers.prepareBinaryData(Buffer.from(result.base64Data, 'base64'), String(result.fileName ?? attachmentId), fileType);
		return new OutputItems([
			{
				json: {
					attachmentId: result.attachmentId ?? attachmentId,
					fileName: result.fileName,
					fileSize: result.fileSize,
					fileType,
					storageBackend: result.storageBackend,
				},
				binary: { [property]: binary },
			},
		]);
	},
};
