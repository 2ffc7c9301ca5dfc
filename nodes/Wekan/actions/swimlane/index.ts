import type { WekanResource } from '../operation';
import { copy } from './copy.operation';
import { create } from './create.operation';
import { deleteSwimlane } from './delete.operation';
import { get } from './get.operation';
import { getCards } from './getCards.operation';
import { getMany } from './getMany.operation';
import { move } from './move.operation';
import { rename } from './rename.operation';

export const swimlane: WekanResource = {
	value: 'swimlane',
	name: 'Swimlane',
	operations: [create, get, getMany, rename, deleteSwimlane, copy, move, getCards],
};
