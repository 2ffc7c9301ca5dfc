import type { WekanResource } from '../operation';

export const attachment: WekanResource = {
	value: 'attachment',
	name: 'Attachment',
	operations: [],
};
