import type { WekanResource } from '../operation';

export const checklist: WekanResource = {
	value: 'checklist',
	name: 'Checklist',
	operations: [],
};
