import type { WekanResource } from '../operation';
import { create } from './create.operation';
import { deleteRule } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const rule: WekanResource = {
	value: 'rule',
	name: 'Rule',
	operations: [create, get, getMany, update, deleteRule],
};
