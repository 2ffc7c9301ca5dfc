/**
 * Integrations, the boards' webhooks (models/integrations.js, server/models/integrations.js at Wekan v11.07): the
 * schema, and no collection hooks (Wekan registers none).
 */
import type { CustomValidatorContext } from 'simpl-schema';
import { integrationsSchema } from '../schemas/integrations';
import type { Wekan } from '../server';

/** Attaches the integrations schema. */
export function registerIntegrations(wekan: Wekan): void {
	const attached = integrationsSchema(wekan.db);
	if (wekan.options.allowLoopbackWebhooks) {
		// Not Wekan's: the server's allowLoopbackWebhooks option also lets a loopback url past the schema's literal
		// hostname check (models/integrations.js:63-95), as it does past the DNS-aware guard (webhooks.ts), so tests
		// can register a receiver on 127.0.0.1. Every other url meets Wekan's check unchanged.
		const definition = attached.schema.schema().url as { custom?: (this: CustomValidatorContext) => unknown };
		const check = definition.custom;
		attached.schema.extend({
			url: {
				custom(this: CustomValidatorContext) {
					if (typeof this.value === 'string' && isLoopbackUrl(this.value)) return undefined;
					return check?.call(this);
				},
			},
		});
	}
	wekan.db.integrations.attachSchema(attached);
}

function isLoopbackUrl(value: string): boolean {
	try {
		const host = new URL(value).hostname.toLowerCase();
		return /^127\./.test(host) || host === '[::1]' || host === 'localhost';
	} catch {
		return false;
	}
}
