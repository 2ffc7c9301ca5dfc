/**
 * The control interface's value format, EJSON's relaxed form as Wekan's end-to-end tests write MongoDB values:
 * dates arrive as `{"$date": "<ISO>"}` (or epoch milliseconds) and leave as ISO strings.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isDateWrapper(value: Record<string, unknown>): boolean {
	const keys = Object.keys(value);
	return keys.length === 1 && keys[0] === '$date';
}

function parseDate(raw: unknown): Date {
	const source =
		raw && typeof raw === 'object' && '$numberLong' in (raw as Record<string, unknown>)
			? Number((raw as Record<string, unknown>).$numberLong)
			: raw;
	const date = typeof source === 'number' || typeof source === 'string' ? new Date(source) : new Date(Number.NaN);
	if (Number.isNaN(date.getTime())) throw new TypeError(`not a date: ${JSON.stringify(raw)}`);
	return date;
}

/** EJSON in: `{"$date": ...}` becomes a Date, everywhere in the value. */
export function fromEJSON(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(fromEJSON);
	if (value && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		if (isDateWrapper(object)) return parseDate(object.$date);
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(object)) out[key] = fromEJSON(inner);
		return out;
	}
	return value;
}

/** Out: Dates as ISO strings, as the REST API itself serialises them. */
export function toEJSON(value: unknown): Json {
	return JSON.parse(JSON.stringify(value ?? null)) as Json;
}
