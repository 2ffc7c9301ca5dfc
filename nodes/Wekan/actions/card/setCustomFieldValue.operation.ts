import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { cardParameters } from '../cardScope';
import { customFieldParameter } from '../customField/fieldRef';
import type { WekanOperation } from '../operation';
import { cardPath, oneCardWrites } from './cardRef';
import { mergeCustomFields, putCard, verifiedCard, writableCard } from './cardWrite';
import { customFieldValueProperty, fieldValue } from './customFieldValue';

export const setCustomFieldValue: WekanOperation = {
	value: 'setCustomFieldValue',
	name: 'Set Custom Field Value',
	action: 'Set a custom field value of a card',
	description:
		'Set or clear the value of one of the board\'s custom fields on a card, also when the card does not have the field yet; returns the card as read back',
	properties: [
		...cardParameters(),
		{ ...customFieldParameter, description: `${String(customFieldParameter.description)} Choose the board above to list its fields.` },
		customFieldValueProperty,
	],
	writes: oneCardWrites,
	async run(item) {
		const cardId = item.locatorId('cardId', 'Card', 'card');
		const fieldId = item.checkId(item.raw('customFieldId', ''), 'Custom Field');
		const raw = item.raw('value', '');
		const card = await writableCard(item, cardId);
		const { value } = await fieldValue(item, String(card.boardId), fieldId, raw);
		const onCard = ((card.customFields as IDataObject[] | undefined) ?? []).some((f) => f._id === fieldId);
		if (onCard) {
			// The field route changes just this value, leaving concurrent edits of other fields alone.
			await item.request({
				method: 'POST',
				path: `${cardPath(card)}/customFields/${seg(fieldId)}`,
				body: { value: value as IDataObject },
				idempotent: true,
				permission: 'board-write',
				notFound: `No card with ID ${cardId}`,
			});
		} else {
			// Wekan's field route silently ignores a field the card does not have yet; the whole array is written instead.
			await putCard(item, card, { customFields: mergeCustomFields(card, [{ _id: fieldId, value: value as IDataObject }]) });
		}
		return verifiedCard(item, cardId, { customFields: [{ _id: fieldId, value: value as IDataObject }] });
	},
};
