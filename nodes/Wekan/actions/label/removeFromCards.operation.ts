import type { WekanOperation } from '../operation';
import { BULK_LABEL_PROPERTIES, bulkLabelWrites, changeLabels } from './labelRef';

export const removeFromCards: WekanOperation = {
	value: 'removeFromCards',
	name: 'Remove From Cards',
	action: 'Remove labels from cards',
	description:
		'Remove labels from up to 500 cards of a board in one request; other labels stay. Returns the updated cards and the IDs not found on the board.',
	properties: BULK_LABEL_PROPERTIES,
	writes: bulkLabelWrites,
	run: (item) => changeLabels(item, 'removeLabelIds'),
};
