import type { WekanResource } from '../operation';

export const label: WekanResource = {
	value: 'label',
	name: 'Label',
	operations: [],
};
