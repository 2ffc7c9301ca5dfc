import type { WekanResource } from '../operation';
import { addDropdownOptions } from './addDropdownOptions.operation';
import { create } from './create.operation';
import { deleteCustomField } from './delete.operation';
import { deleteDropdownOption } from './deleteDropdownOption.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';
import { updateDropdownOption } from './updateDropdownOption.operation';

export const customField: WekanResource = {
	value: 'customField',
	name: 'Custom Field',
	operations: [create, get, getMany, update, deleteCustomField, addDropdownOptions, updateDropdownOption, deleteDropdownOption],
};
