import type { WekanResource } from '../operation';
import { create } from './create.operation';
import { deleteComment } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const comment: WekanResource = {
	value: 'comment',
	name: 'Comment',
	operations: [create, get, getMany, deleteComment],
};
