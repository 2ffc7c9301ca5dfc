import type { WekanResource } from '../operation';
import { add } from './add.operation';
import { changeRole } from './changeRole.operation';
import { getMany } from './getMany.operation';
import { remove } from './remove.operation';

export const boardMember: WekanResource = {
	value: 'boardMember',
	name: 'Board Member',
	operations: [getMany, add, changeRole, remove],
};
