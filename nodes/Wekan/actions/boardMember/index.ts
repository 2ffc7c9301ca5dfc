import type { WekanResource } from '../operation';

export const boardMember: WekanResource = {
	value: 'boardMember',
	name: 'Board Member',
	operations: [],
};
