import type { WekanResource } from '../operation';

export const webhook: WekanResource = {
	value: 'webhook',
	name: 'Webhook',
	operations: [],
};
