/** Small parsers the route modules share, matching how Wekan's handlers read request values. */

/** Wekan's `"true"`/`"false"`-or-boolean flags. */
export function parseBool(value: unknown): boolean | undefined {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return undefined;
}

/** A value that may be an array or one string (Wekan accepts both for id lists). */
export function asIdArray(value: unknown): string[] | undefined {
	if (value === undefined) return undefined;
	if (Array.isArray(value)) return value.map(String);
	if (value === null || value === '') return [];
	return [String(value)];
}

/** Dates since v9.65: ISO string or epoch ms; `""`, `null` and `"null"` mean unset; anything else is skipped. */
export function parseDate(value: unknown): { set: Date } | { unset: true } | { skip: true } {
	if (value === '' || value === null || value === 'null') return { unset: true };
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
		const date = new Date(Number(value));
		return Number.isNaN(date.getTime()) ? { skip: true } : { set: date };
	}
	if (typeof value === 'string') {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? { skip: true } : { set: date };
	}
	return { skip: true };
}

export function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);
}
