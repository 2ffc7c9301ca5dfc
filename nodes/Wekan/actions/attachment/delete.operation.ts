import { seg } from '../../../shared/transport';
import type { WekanOperation } from '../operation';
import { attachmentIdOf, attachmentIdParameter, attachmentRequest } from './attachmentRef';

export const deleteAttachment: WekanOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an attachment',
	description: 'Delete an attachment and its file for good. Needs write access to its board; Wekan v9.31 or later.',
	properties: [attachmentIdParameter],
	writes: (item) => [`attachment:${attachmentIdOf(item)}`],
	async run(item) {
		const attachmentId = attachmentIdOf(item);
		const result = await attachmentRequest(item, {
			method: 'DELETE',
			path: `/api/attachment/delete/${seg(attachmentId)}`,
			permission: 'board-write',
			notFound: `No attachment ${attachmentId}`,
		});
		return { attachmentId: result.attachmentId ?? attachmentId, fileName: result.fileName, deleted: true };
	},
};
