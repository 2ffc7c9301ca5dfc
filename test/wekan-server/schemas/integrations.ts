/**
 * The `integrations` collection's schema (outgoing webhooks), at Wekan v11.07, commit f5cc8e373:
 * models/integrations.js:11-144, and the constants of models/integrations.js:145-152.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import type { CustomValidatorContext } from 'simpl-schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

/** models/integrations.js:145-152 (Integrations.Const). */
export const INTEGRATION_GLOBAL_WEBHOOK_ID = '_global';
export const INTEGRATION_ONEWAY = 'outgoing-webhooks';
export const INTEGRATION_TWOWAY = 'bidirectional-webhooks';
export const INTEGRATION_WEBHOOK_TYPES: readonly string[] = Object.freeze([INTEGRATION_ONEWAY, INTEGRATION_TWOWAY]);

export interface IntegrationDoc {
	_id: string;
	enabled: boolean;
	title?: string;
	type: string;
	activities: string[];
	url: string;
	token?: string;
	/** A board's _id, or '_global' for a webhook that hears every board. */
	boardId: string;
	createdAt: Date;
	modifiedAt: Date;
	userId: string;
}

/**
 * models/integrations.js:74-87: hostnames the url check refuses. The check sees only the literal hostname, so a
 * public name resolving to a private address passes; the server's DNS-aware checks are elsewhere.
 */
const BLOCKED_HOSTNAMES: readonly RegExp[] = [
	/^127\./,
	/^10\./,
	/^172\.(1[6-9]|2\d|3[01])\./,
	/^192\.168\./,
	/^0\./,
	/^::1$/,
	/^fe80:/,
	/^fc00:/,
	/^fd00:/,
	/^localhost$/i,
	/\.local$/i,
	/^169\.254\./,
];

/** models/integrations.js:63-95: the url's custom validator; its error types have no message, see the tests. */
function checkWebhookUrl(this: CustomValidatorContext): string | undefined {
	let url: URL;
	try {
		url = new URL(this.value as string);
	} catch {
		return 'invalidUrl';
	}
	if (!['http:', 'https:'].includes(url.protocol)) return 'invalidProtocol';
	const hostname = url.hostname.toLowerCase();
	if (BLOCKED_HOSTNAMES.some((pattern) => pattern.test(hostname))) return 'privateAddress';
	return undefined;
}

export function integrationsSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			enabled: { type: Boolean, defaultValue: true },
			title: { type: String, optional: true },
			// models/integrations.js:27-33: defaulted, but any string is accepted.
			type: { type: String, defaultValue: INTEGRATION_ONEWAY },
			// models/integrations.js:34-43: required with a default, so an insert without it hears every activity.
			activities: { type: Array, defaultValue: ['all'] },
			'activities.$': { type: String },
			url: { type: String, custom: checkWebhookUrl },
			token: { type: String, optional: true },
			boardId: { type: String },
			createdAt: { type: Date, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
			// models/integrations.js:137-142: required, with no autoValue: the writer must name the creator.
			userId: { type: String },
		}),
	);
}
