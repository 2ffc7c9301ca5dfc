/**
 * Writing to a card. Wekan's card writes are pinned to the card's board and list, skip archived cards, and still
 * answer success when nothing matched, so every write starts from the card as it is and ends by reading it back.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { cardPath, fetchCard } from './cardRef';

/** The card, refused when archived: Wekan's PUT would match nothing and still answer success. */
export async function writableCard(item: ItemContext, cardId: string): Promise<IDataObject> {
	const card = await fetchCard(item, cardId);
	if (card.archived === true) {
		throw item.fail(`Card ${cardId} is archived`, 'Wekan does not change archived cards. Unarchive it first.');
	}
	return card;
}

export async function putCard(item: ItemContext, card: IDataObject, body: IDataObject): Promise<void> {
	await item.request({
		method: 'PUT',
		path: cardPath(card),
		body,
		permission: 'board-write',
		notFound: `No card with ID ${String(card._id)} on its board and list`,
	});
}

function sameValue(actual: unknown, expected: unknown): boolean {
	if (Array.isArray(expected)) {
		const have = Array.isArray(actual) ? actual.map(String) : [];
		return have.length === expected.length && expected.every((v) => have.includes(String(v)));
	}
	if (expected === '' || expected === null) return actual === undefined || actual === null || actual === '';
	if (typeof expected === 'number') return Number(actual) === expected;
	if (typeof expected === 'string' && /^\d{4}-\d\d-\d\dT/.test(expected) && actual) {
		return new Date(String(actual)).getTime() === new Date(expected).getTime();
	}
	return actual === expected;
}

/** Custom field values as the card holds them, compared one field at a time. */
function customFieldsApplied(card: IDataObject, expected: IDataObject[]): boolean {
	const have = (card.customFields as IDataObject[] | undefined) ?? [];
	return expected.every((e) => {
		const field = have.find((h) => h._id === e._id);
		return !!field && JSON.stringify(field.value ?? null) === JSON.stringify(e.value ?? null);
	});
}

/** The keys of `expected` the card does not show. */
export function unapplied(card: IDataObject, expected: IDataObject): string[] {
	return Object.entries(expected)
		.filter(([key, value]) =>
			key === 'customFields' ? !customFieldsApplied(card, value as IDataObject[]) : !sameValue(card[key], value),
		)
		.map(([key]) => key);
}

export const UNAPPLIED_HINT =
	'Wekan answered success, but the card read back does not show these values. Members and assignees must be active members of the card\'s board, and a parent card must be readable.';

/** Reads the card back and fails when a value Wekan accepted is not on it. */
export async function verifiedCard(item: ItemContext, cardId: string, expected: IDataObject): Promise<IDataObject> {
	item.writesDone();
	const after = await fetchCard(item, cardId);
	const missing = unapplied(after, expected);
	if (missing.length) throw item.fail(`Wekan did not apply ${missing.join(', ')} to card ${cardId}`, UNAPPLIED_HINT);
	return after;
}

/** One PUT, then the read-back check of what it should have changed (by default, the body itself). */
export async function writeCard(item: ItemContext, card: IDataObject, body: IDataObject, expected = body): Promise<IDataObject> {
	await putCard(item, card, body);
	return verifiedCard(item, String(card._id), expected);
}

/** A custom field array with the given values set, keeping the card's other fields (Wekan's PUT replaces it whole). */
export function mergeCustomFields(card: IDataObject, values: IDataObject[]): IDataObject[] {
	const merged: IDataObject[] = ((card.customFields as IDataObject[] | undefined) ?? []).map((f) => ({ _id: f._id, value: f.value ?? null }));
	for (const { _id, value } of values) {
		const existing = merged.find((f) => f._id === _id);
		if (existing) existing.value = value ?? null;
		else merged.push({ _id, value: value ?? null });
	}
	return merged;
}
