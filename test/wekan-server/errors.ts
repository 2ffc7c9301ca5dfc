/**
 * Wekan's error values and the four ways its REST handlers turn them into responses (wekan-api.md §1.6).
 */

/** Meteor.Error: `error` is a code or short name, `reason` the text; Wekan sets `statusCode` by hand on some. */
export class MeteorError extends Error {
	readonly isClientSafe = true;
	readonly errorType = 'Meteor.Error';

	constructor(
		readonly error: string | number,
		readonly reason?: string,
		readonly statusCode?: number,
	) {
		super(reason ? `${reason} [${error}]` : `[${error}]`);
	}

	/** What `JSON.stringify` makes of a Meteor.Error sent with `sendJsonResult` (style A). */
	toJSON(): Record<string, unknown> {
		const body: Record<string, unknown> = {
			isClientSafe: true,
			error: this.error,
			reason: this.reason,
			message: this.message,
			errorType: 'Meteor.Error',
		};
		if (this.statusCode !== undefined) body.statusCode = this.statusCode;
		return body;
	}
}

export const unauthorized = () => new MeteorError('Unauthorized', 'Unauthorized', 401);
export const forbidden = () => new MeteorError('Forbidden', 'Forbidden', 403);
export const notFound = (reason = 'Not found') => new MeteorError('not-found', reason, 404);
/** `throw new Meteor.Error(404, ...)`: numeric code, no statusCode, so Express answers 500 (style B). */
export const meteorNotFound = (reason: string) => new MeteorError(404, reason);
export const badRequest = (reason: string) => new MeteorError('bad-request', reason, 400);

/**
 * A thrown value that is not a Meteor.Error (a TypeError from reading a missing document, say).
 * Serialised by style A it becomes `{}`, as a plain Error's own enumerable keys are none.
 */
export class InternalError extends Error {
	toJSON(): Record<string, unknown> {
		return {};
	}
}

/** Explicit status with `{error}` (style C): the route picks both. */
export class StatusError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(typeof body === 'object' && body && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${status}`);
	}
}

export function statusOf(error: unknown): number | undefined {
	if (error instanceof MeteorError) return error.statusCode;
	if (error instanceof StatusError) return error.status;
	return undefined;
}
