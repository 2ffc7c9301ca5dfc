import type { WekanResource } from '../operation';

export const comment: WekanResource = {
	value: 'comment',
	name: 'Comment',
	operations: [],
};
