import type { WekanResource } from '../operation';

export const list: WekanResource = {
	value: 'list',
	name: 'List',
	operations: [],
};
