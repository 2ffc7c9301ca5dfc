import type { WekanResource } from '../operation';
import { addAssignee } from './addAssignee.operation';
import { addMember } from './addMember.operation';
import { archive } from './archive.operation';
import { copy } from './copy.operation';
import { count } from './count.operation';
import { create } from './create.operation';
import { createMany } from './createMany.operation';
import { deleteCard } from './delete.operation';
import { deleteMany } from './deleteMany.operation';
import { findByCustomFieldValue } from './findByCustomFieldValue.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { move } from './move.operation';
import { removeAssignee } from './removeAssignee.operation';
import { removeMember } from './removeMember.operation';
import { setCustomFieldValue } from './setCustomFieldValue.operation';
import { unarchive } from './unarchive.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const card: WekanResource = {
	value: 'card',
	name: 'Card',
	operations: [
		create,
		createMany,
		get,
		getMany,
		update,
		upsert,
		move,
		copy,
		archive,
		unarchive,
		deleteCard,
		deleteMany,
		addMember,
		removeMember,
		addAssignee,
		removeAssignee,
		setCustomFieldValue,
		findByCustomFieldValue,
		count,
	],
};
