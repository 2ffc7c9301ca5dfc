import type { WekanResource } from '../operation';

export const board: WekanResource = {
	value: 'board',
	name: 'Board',
	operations: [],
};
