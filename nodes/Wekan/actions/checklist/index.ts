import type { WekanResource } from '../operation';
import { create } from './create.operation';
import { deleteChecklist } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const checklist: WekanResource = {
	value: 'checklist',
	name: 'Checklist',
	operations: [create, get, getMany, deleteChecklist],
};
