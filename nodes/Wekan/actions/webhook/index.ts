import type { WekanResource } from '../operation';
import { addEvents } from './addEvents.operation';
import { create } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { removeEvents } from './removeEvents.operation';
import { update } from './update.operation';

export const webhook: WekanResource = {
	value: 'webhook',
	name: 'Webhook',
	operations: [create, get, getMany, update, deleteWebhook, addEvents, removeEvents],
};
