import type { WekanResource } from '../operation';
import { add } from './add.operation';
import { getMany } from './getMany.operation';
import { remove } from './remove.operation';
import { update } from './update.operation';

export const cardDependency: WekanResource = {
	value: 'cardDependency',
	name: 'Card Dependency',
	operations: [add, getMany, update, remove],
};
