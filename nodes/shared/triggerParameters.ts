/** Parameters both triggers read the same way. */
import type { IHookFunctions, INodeProperties, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { WEKAN_ID } from './wekanUrl';

/** The board the trigger watches, from its board locator (a pasted URL is already reduced to the id). */
export function watchedBoardId(context: IHookFunctions | IWebhookFunctions | IPollFunctions): string {
	const id = String(context.getNodeParameter('boardId', undefined, { extractValue: true }) ?? '').trim();
	if (!WEKAN_ID.test(id)) throw new NodeOperationError(context.getNode(), 'Choose a board');
	return id;
}

/** The values of a multi-options parameter; anything that is not a list counts as nothing chosen. */
export function multiOptionValues(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String).filter(Boolean) : [];
}

/** The triggers' Simplify switch; the fields are in `simplify.ts`. */
export function simplifyProperty(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: what,
	};
}

/** Whether the trigger's output is simplified. */
export function simplifies(context: IWebhookFunctions | IPollFunctions): boolean {
	const value = context.getNodeParameter('simplify', true);
	if (typeof value !== 'boolean') throw new NodeOperationError(context.getNode(), 'Simplify must be true or false');
	return value;
}
