import type { WekanOperation } from '../operation';
import { BULK_LABEL_PROPERTIES, bulkLabelWrites, changeLabels } from './labelRef';

export const addToCards: WekanOperation = {
	value: 'addToCards',
	name: 'Add to Cards',
	action: 'Add labels to cards',
	description:
		'Add labels to up to 500 cards of a board in one request; the cards keep their other labels. Returns the updated cards and the IDs not found on the board.',
	properties: BULK_LABEL_PROPERTIES,
	writes: bulkLabelWrites,
	run: (item) => changeLabels(item, 'addLabelIds'),
};
