import type { WekanResource } from '../operation';
import { copy } from './copy.operation';
import { countCards } from './countCards.operation';
import { create } from './create.operation';
import { deleteList } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { move } from './move.operation';
import { update } from './update.operation';

export const list: WekanResource = {
	value: 'list',
	name: 'List',
	operations: [create, get, getMany, update, deleteList, copy, move, countCards],
};
