import { seg } from '../../../shared/transport';
import { OutputItems, readsOnly, type WekanOperation } from '../operation';
import { attachmentIdOf, attachmentIdParameter, attachmentRequest } from './attachmentRef';

export const download: WekanOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download an attachment',
	description:
		'Download an attachment into a binary property, with its name, type and size in the JSON. Any active member of its board may; Wekan v9.31 or later.',
	properties: [
		attachmentIdParameter,
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
		const attachmentId = attachmentIdOf(item);
		const property = item.string('binaryPropertyName', 'Put Output File in Field').trim();
		// The whole file comes base64-encoded in a JSON answer, 64 MiB at most (server/routes/attachmentApi.js:551-645).
		const result = await attachmentRequest(item, {
			method: 'GET',
			path: `/api/attachment/download/${seg(attachmentId)}`,
			notFound: `No attachment ${attachmentId}`,
			// Board.hasMember: any active member, whatever the role; a site admin who is not one is refused.
			forbidden: `Only active members of the board of attachment ${attachmentId} may download it (a Wekan site admin who is not a member may not)`,
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
