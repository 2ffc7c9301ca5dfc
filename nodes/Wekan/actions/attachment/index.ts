import type { WekanResource } from '../operation';
import { deleteAttachment } from './delete.operation';
import { download } from './download.operation';
import { getMany } from './getMany.operation';
import { upload } from './upload.operation';

export const attachment: WekanResource = {
	value: 'attachment',
	name: 'Attachment',
	operations: [upload, download, getMany, deleteAttachment],
};
