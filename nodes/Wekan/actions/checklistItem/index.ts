import type { WekanResource } from '../operation';

export const checklistItem: WekanResource = {
	value: 'checklistItem',
	name: 'Checklist Item',
	operations: [],
};
