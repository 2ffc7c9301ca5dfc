import type { WekanResource } from '../operation';
import { addToCards } from './addToCards.operation';
import { create } from './create.operation';
import { getMany } from './getMany.operation';
import { removeFromCards } from './removeFromCards.operation';

export const label: WekanResource = {
	value: 'label',
	name: 'Label',
	operations: [create, getMany, addToCards, removeFromCards],
};
