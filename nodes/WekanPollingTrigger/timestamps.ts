/** Wekan's dates, as milliseconds for comparing and as ISO text for storing. */

/** Milliseconds since the epoch, or 0 for a missing or unreadable date. */
export function toMillis(value: unknown): number {
	const ms = value ? Date.parse(String(value)) : NaN;
	return Number.isFinite(ms) ? ms : 0;
}

/** The date as ISO text, or '' for a missing or unreadable date. */
export function toIso(value: unknown): string {
	const ms = toMillis(value);
	return ms ? new Date(ms).toISOString() : '';
}
