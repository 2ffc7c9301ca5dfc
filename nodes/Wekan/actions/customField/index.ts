import type { WekanResource } from '../operation';

export const customField: WekanResource = {
	value: 'customField',
	name: 'Custom Field',
	operations: [],
};
