import type { WekanResource } from '../operation';
import { create } from './create.operation';
import { deleteChecklistItem } from './delete.operation';
import { get } from './get.operation';
import { update } from './update.operation';

export const checklistItem: WekanResource = {
	value: 'checklistItem',
	name: 'Checklist Item',
	operations: [create, get, update, deleteChecklistItem],
};
