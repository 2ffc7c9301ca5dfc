import type { IDataObject, INodeProperties } from 'n8n-workflow';
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
	const raw = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
	const events = [...new Set(raw.map((e) => e.trim()).filter(Boolean))];
	if (!events.length) throw item.fail('Choose at least one event', 'Pick "All Events" to receive every activity.');
	const unknown = events.find((e) => !WEBHOOK_EVENT_VALUES.has(e));
	if (unknown !== undefined) {
		throw item.fail(`"${unknown.slice(0, 60)}" is not a Wekan webhook event`, 'Events look like act-createCard or act-a-dueAt; pick them from the list.');
	}
	return events.includes('all') ? ['all'] : events;
}

/** Compares what was sent with what Wekan stored (the token cannot be read back). */
export function unapplied(integration: IDataObject, sent: IDataObject): string[] {
	return Object.keys(sent).filter((key) => key !== 'token' && JSON.stringify(integration[key]) !== JSON.stringify(sent[key]));
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
