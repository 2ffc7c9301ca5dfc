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

// ---- dates -----------------------------------------------------------------------------------------------

const DATE_HINT =
	'Use an ISO date such as 2026-12-31T17:00:00Z (a date or time without an offset is read in the workflow\'s time zone), an n8n date such as $now, or epoch seconds or milliseconds.';

/**
 * Epoch numbers: from 1e8 to 1e11 only seconds make sense (1973 to 5138; as milliseconds they would be days after
 * 1 January 1970), from 1e11 to 1e14 only milliseconds. Below, seconds and milliseconds both give dates in or
 * near 1970, so a smaller number is refused rather than guessed.
 */
const EPOCH_SECONDS_FROM = 1e8;
const EPOCH_MILLISECONDS_FROM = 1e11;
const EPOCH_MILLISECONDS_UNTIL = 1e14;

function epochMilliseconds(value: number): number | string {
	if (!Number.isFinite(value) || value < EPOCH_SECONDS_FROM || value >= EPOCH_MILLISECONDS_UNTIL) {
		return 'an epoch number must be seconds (from 100000000) or milliseconds (from 100000000000) since 1970';
	}
	return value < EPOCH_MILLISECONDS_FROM ? Math.round(value * 1000) : Math.round(value);
}

/** The zone's offset from UTC at an instant, in milliseconds (Intl knows the IANA zones; no library needed). */
function zoneOffset(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time (given as if it were UTC) names in a zone. A time the clocks skip, or one they pass
 * twice when they go back, names no single instant: that is refused.
 */
function wallTimeIn(timeZone: string, wallMs: number): number | string {
	const hours12 = 12 * 3600 * 1000;
	const offsets = new Set([zoneOffset(timeZone, wallMs - hours12), zoneOffset(timeZone, wallMs + hours12)]);
	const valid = [...offsets].filter((offset) => zoneOffset(timeZone, wallMs - offset) === offset);
	if (valid.length === 1) return wallMs - valid[0];
	if (!valid.length) return `the clocks in ${timeZone} skip this time`;
	const written = valid.map((offset) => {
		const minutes = Math.abs(offset) / 60000;
		const two = (n: number) => String(n).padStart(2, '0');
		return `${offset < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
	});
	return `the clocks in ${timeZone} pass this time twice: add the UTC offset meant, ${written.join(' or ')}`;
}

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** RFC 2822 and HTTP dates (mail headers, HTTP responses): they always carry their zone. */
const RFC_DATE = /^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:GMT|UTC|UT|Z|[+-]\d{4})$/i;

function isoMilliseconds(text: string, timeZone: string): number | string | undefined {
	const match = ISO_DATE.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
	const check = new Date(wall);
	if (
		check.getUTCFullYear() !== year ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		check.getUTCHours() !== hour ||
		check.getUTCMinutes() !== minute
	) {
		return 'there is no such day or time';
	}
	if (!zone) return wallTimeIn(timeZone, wall);
	if (zone.toUpperCase() === 'Z') return wall;
	const [, sign, hh, mm = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) as RegExpExecArray;
	return wall - (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm)) * 60 * 1000;
}

function isLuxonLike(value: unknown): value is { toMillis: () => number } {
	return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}

/**
 * A date from a parameter or expression as the ISO string Wekan stores: an ISO 8601 date (without an offset, in the
 * workflow's time zone, as n8n's date picker means it), an RFC 2822 date, a JS Date, a Luxon DateTime (what n8n's
 * expressions give) or epoch seconds or milliseconds, as a number or as digits. Anything else, or anything that could
 * mean two instants, is refused: Wekan would store a wrong date without a word.
 */
export function toIsoDate(item: ItemContext, value: unknown, label: string): string {
	const refuse = (why: string) => item.fail(`${label} is not a date: "${String(value).slice(0, 60)}" (${why})`, DATE_HINT);
	let ms: number | string | undefined;
	if (value instanceof Date) {
		ms = value.getTime();
	} else if (typeof value === 'number') {
		ms = epochMilliseconds(value);
	} else if (isLuxonLike(value)) {
		// A Luxon DateTime is one instant, whatever zone it shows.
		ms = value.toMillis();
	} else if (typeof value === 'string' && value.trim()) {
		const text = value.trim();
		if (/^\d+(\.\d+)?$/.test(text)) ms = epochMilliseconds(Number(text));
		else if (RFC_DATE.test(text)) ms = Date.parse(text);
		else ms = isoMilliseconds(text, item.fn.getTimezone()) ?? 'not an ISO 8601 date';
	} else {
		ms = 'not a date or a number';
	}
	if (typeof ms === 'string') throw refuse(ms);
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw refuse('out of range');
	return new Date(ms).toISOString();
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
	{
		displayName: 'Due At',
		name: 'dueAt',
		type: 'dateTime',
		default: '',
		description: 'When the card is due. A date or time without an offset is read in the workflow\'s time zone.',
	},
	{
		displayName: 'End At',
		name: 'endAt',
		type: 'dateTime',
		default: '',
		description: 'When work on the card ended. A date or time without an offset is read in the workflow\'s time zone.',
	},
	{
		displayName: 'Received At',
		name: 'receivedAt',
		type: 'dateTime',
		default: '',
		description: 'When the request arrived. A date or time without an offset is read in the workflow\'s time zone.',
	},
	{
		displayName: 'Start At',
		name: 'startAt',
		type: 'dateTime',
		default: '',
		description: 'When work on the card starts. A date or time without an offset is read in the workflow\'s time zone.',
	},
];

/** A card date's name as the node shows it, for messages. */
export function cardDateLabel(key: string): string {
	return CARD_DATE_PROPERTIES.find((p) => p.name === key)?.displayName ?? key;
}
