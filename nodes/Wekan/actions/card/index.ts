import type { WekanResource } from '../operation';
import { create } from './create.operation';
import { deleteCard } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const card: WekanResource = {
	value: 'card',
	name: 'Card',
	operations: [create, get, getMany, update, deleteCard],
};
