/** Parameters and value conversions several operations share. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from './itemContext';

/** Return All + Limit. Wekan's list routes return everything at once, so the limit is applied after the call. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/**
 * A date from a parameter or expression (an ISO string, epoch milliseconds, a JS Date or a Luxon DateTime) as the
 * ISO string Wekan stores.
 */
export function toIsoDate(item: ItemContext, value: unknown, label: string): string {
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (typeof value === 'number') date = new Date(value);
	else if (typeof value === 'string' && value.trim()) {
		date = /^\d+$/.test(value.trim()) ? new Date(Number(value)) : new Date(value);
	} else if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		date = new Date(String((value as { toISO: () => string }).toISO()));
	}
	if (!date || Number.isNaN(date.getTime())) {
		throw item.fail(`${label} is not a date: "${String(value).slice(0, 60)}"`, 'Use an ISO date such as 2026-12-31T17:00:00Z, or an n8n date.');
	}
	return date.toISOString();
}

/**
 * A list of ids from a multi-select, a comma-separated string or an array expression, each checked. `null` is
 * refused rather than read as "none": it is what an expression gives when it found nothing, and for members,
 * assignees or labels "none" would remove them all.
 */
export function toIdList(item: ItemContext, value: unknown, label: string): string[] {
	if (value === null) {
		throw item.fail(`${label} IDs are null`, 'The expression found nothing. To remove them all, give an empty list ([]) instead.');
	}
	const raw = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',').map((v) => v.trim()).filter(Boolean)
			: value === undefined
				? []
				: [value];
	return raw.map((id) => item.checkId(id, label));
}

/** Drops keys whose value is undefined, so they are not sent. */
export function defined(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

export const CARD_DATE_FIELDS = ['receivedAt', 'startAt', 'dueAt', 'endAt'] as const;

export const CARD_DATE_PROPERTIES: INodeProperties[] = [
	{ displayName: 'Due At', name: 'dueAt', type: 'dateTime', default: '', description: 'When the card is due' },
	{ displayName: 'End At', name: 'endAt', type: 'dateTime', default: '', description: 'When work on the card ended' },
	{ displayName: 'Received At', name: 'receivedAt', type: 'dateTime', default: '', description: 'When the request arrived' },
	{ displayName: 'Start At', name: 'startAt', type: 'dateTime', default: '', description: 'When work on the card starts' },
];
