import type { IDataObject, INodeProperties, NodeApiError } from 'n8n-workflow';
import { WEBHOOK_EVENT_VALUES } from '../../../shared/activityTypes';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';

export const webhookParameter: INodeProperties = {
	displayName: 'Webhook Name or ID',
	name: 'webhookId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getBoardWebhooks', loadOptionsDependsOn: ['boardId.value'] },
	default: '',
	required: true,
	description:
		'The webhook (Wekan "integration") of the board. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function webhookIdOf(item: ItemContext): string {
	return item.checkId(item.raw('webhookId', ''), 'Webhook');
}

/** `writes` of an operation that changes one webhook (pipeline.ts). */
export function oneWebhookWrites(item: ItemContext): string[] {
	return [`webhook:${webhookIdOf(item)}`];
}

export function webhookPath(boardId: string, webhookId?: string): string {
	return `/api/boards/${seg(boardId)}/integrations${webhookId ? `/${seg(webhookId)}` : ''}`;
}

/** Wekan's read routes leave the token out; this makes sure it never reaches the output either way. */
export function withoutToken(integration: IDataObject): IDataObject {
	const copy = { ...integration };
	delete copy.token;
	return copy;
}

export async function fetchWebhook(item: ItemContext, boardId: string, webhookId: string): Promise<IDataObject> {
	const integration = await item.request<IDataObject>({
		method: 'GET',
		path: webhookPath(boardId, webhookId),
		permission: 'board-read',
		notFound: `No webhook ${webhookId} on board ${boardId}`,
	});
	return withoutToken(integration);
}

/** The webhook URL, checked for the form Wekan accepts (it also refuses private and loopback hosts). */
export function webhookUrl(item: ItemContext, value: unknown): string {
	if (value !== undefined && value !== null && typeof value !== 'string') {
		throw item.fail('URL must be text', 'Give the full address, e.g. https://n8n.example.com/webhook/wekan.');
	}
	const text = (value ?? '').trim();
	if (!text) throw item.fail('URL is required');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw item.fail(`"${text.slice(0, 100)}" is not a URL`, 'Give the full address, e.g. https://n8n.example.com/webhook/wekan.');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw item.fail(`The webhook URL must start with http:// or https://, not ${url.protocol}`);
	}
	return text;
}

/** The chosen events as Wekan's `activities`; "all" alone when all events are chosen. */
export function webhookEvents(item: ItemContext, value: unknown): string[] {
	const entries: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	const notText = entries.find((e) => typeof e !== 'string');
	if (notText !== undefined) {
		throw item.fail(`Events must be event names, not ${JSON.stringify(notText)?.slice(0, 60) ?? String(notText)}`, 'Events look like act-createCard; pick them from the list.');
	}
	const raw = entries as string[];
	const events = [...new Set(raw.map((e) => e.trim()).filter(Boolean))];
	if (!events.length) throw item.fail('Choose at least one event', 'Pick "All Events" to receive every activity.');
	const unknown = events.find((e) => !WEBHOOK_EVENT_VALUES.has(e));
	if (unknown !== undefined) {
		throw item.fail(`"${unknown.slice(0, 60)}" is not a Wekan webhook event`, 'Events look like act-createCard or act-a-dueAt; pick them from the list.');
	}
	return events.includes('all') ? ['all'] : events;
}

/** A title as Wekan stores it: trimmed, and an empty one removes the title (its schema drops empty strings). */
export function webhookTitle(value: unknown): string {
	return String(value ?? '').trim();
}

/**
 * The secret token. Wekan trims it before storing it, so one with spaces around it would be sent in deliveries
 * without them and no longer match what the receiver expects: such a token is refused.
 */
export function webhookToken(item: ItemContext, value: unknown): string {
	const token = String(value ?? '');
	if (token !== token.trim()) {
		throw item.fail(
			'The secret token starts or ends with spaces',
			'Wekan cuts them off before storing it, so its deliveries would carry a different token than the one the receiver checks. Remove the spaces.',
		);
	}
	return token;
}

/** Compares what was sent with what Wekan stored (the token cannot be read back; an empty title is removed). */
export function unapplied(integration: IDataObject, sent: IDataObject): string[] {
	return Object.keys(sent).filter((key) => {
		if (key === 'token') return false;
		if (key === 'title' && sent.title === '') return integration.title !== undefined && integration.title !== '';
		return JSON.stringify(integration[key]) !== JSON.stringify(sent[key]);
	});
}

/**
 * Wekan's refusal of a webhook URL (HTTP 400 `invalid-webhook-url` with a reason, server/models/integrations.js:
 * 65-72 and 116-123, since v9.32), said with what it means for the user; any other error as it is.
 */
export function explainUrlRefusal(item: ItemContext, error: unknown, url: string): Error {
	if ((error as NodeApiError).httpCode !== '400') return error as Error;
	const reason = String((error as Error).message).replace(/^Wekan rejected the request: /, '');
	return item.fail(
		`Wekan refused the webhook URL ${url.slice(0, 100)}: ${reason}`,
		'Wekan accepts only http(s) URLs whose host resolves, from the Wekan server, to a public address: localhost, private, loopback, link-local and other reserved addresses are refused, and there is no allow-list. Give n8n a public webhook URL (WEBHOOK_URL).',
	);
}

export const TOKEN_PROPERTY: INodeProperties = {
	displayName: 'Secret Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'Wekan sends it unchanged in the X-Wekan-Token header of every delivery, so the receiver can check the sender (e.g. with Header Auth). It cannot be read back.',
};

export const TITLE_PROPERTY: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	description: 'A name for the webhook, shown in Wekan\'s board settings',
};
