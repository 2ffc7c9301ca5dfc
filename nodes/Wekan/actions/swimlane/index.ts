import type { WekanResource } from '../operation';

export const swimlane: WekanResource = {
	value: 'swimlane',
	name: 'Swimlane',
	operations: [],
};
