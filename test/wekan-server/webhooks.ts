/**
 * Activities and outgoing webhooks (wekan-api.md §4): which writes record an activity, which activities reach
 * which integrations, the one-way payload, the SSRF guard, and fire-and-forget delivery.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { randomId } from './ids';
import type { ActivityDoc, BoardDoc, IntegrationDoc, Store } from './model';

/** The default WEBHOOKS_ATTRIBUTES, in the order Wekan copies them into the payload. */
export const WEBHOOK_ATTRIBUTES = [
	'cardId',
	'listId',
	'oldListId',
	'boardId',
	'comment',
	'user',
	'username',
	'card',
	'commentId',
	'swimlaneId',
	'customField',
	'customFieldValue',
	'labelId',
	'label',
	'attachmentId',
] as const;

/** English texts of the activities (Wekan's i18n keys `act-<type>`); events without one show the raw key. */
const TEXTS: Record<string, string> = {
	'act-createCard': 'created card __card__ to list __list__ at swimlane __swimlane__ at board __board__',
	'act-moveCard': 'moved card __card__ at board __board__ from list __oldList__ at swimlane __oldSwimlane__ to list __list__ at swimlane __swimlane__',
	'act-archivedCard': 'Card __card__ at list __list__ at swimlane __swimlane__ at board __board__ moved to Archive',
	'act-restoredCard': 'restored card __card__ to list __list__ at swimlane __swimlane__ at board __board__',
	'act-deleteCard': 'deleted card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addComment': 'commented on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-editComment': 'edited comment on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-deleteComment': 'deleted comment on card __card__: __comment__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addedLabel': 'Added label __label__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removedLabel': 'Removed label __label__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-joinMember': 'added member __member__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-unjoinMember': 'removed member __member__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-joinAssignee': 'added assignee __assignee__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-unjoinAssignee': 'removed assignee __assignee__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addAttachment': 'added attachment __attachment__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-deleteAttachment': 'deleted attachment __attachment__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addChecklist': 'added checklist __checklist__ to card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removeChecklist': 'removed checklist __checklist__ from card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-completeChecklist': 'completed checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-uncompleteChecklist': 'uncompleted checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-addChecklistItem': 'added checklist item __checklistItem__ to checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-removedChecklistItem': 'removed a checklist item from checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-checkedItem': 'checked __checklistItem__ of checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-uncheckedItem': 'unchecked __checklistItem__ of checklist __checklist__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-createCustomField': 'created custom field __customField__ at board __board__',
	'act-setCustomField': 'set custom field __customField__ to __customFieldValue__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-unsetCustomField': 'unset custom field __customField__ at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
	'act-createList': 'added list __list__ to board __board__',
	'act-archivedList': 'List __list__ at swimlane __swimlane__ at board __board__ moved to Archive',
	'act-createSwimlane': 'created swimlane __swimlane__ to board __board__',
	'act-archivedSwimlane': 'Swimlane __swimlane__ at board __board__ moved to Archive',
	'act-createBoard': 'created board __board__',
	'act-addBoardMember': 'added member __member__ to board __board__',
	'act-removeBoardMember': 'removed member __member__ from board __board__',
	'act-a-dueAt': 'modified due time to be __timeValue__ was (__timeOldValue__) at __card__',
	'act-a-startAt': 'modified start time to be __timeValue__ was (__timeOldValue__) at __card__',
	'act-a-endAt': 'modified ending time to be __timeValue__ was (__timeOldValue__) at __card__',
	'act-a-receivedAt': 'modified received time to be __timeValue__ was (__timeOldValue__) at __card__',
};

export interface Delivery {
	integrationId: string;
	url: string;
	headers: Record<string, string>;
	body: Record<string, unknown>;
	status?: number;
	error?: string;
}

export interface WebhookOptions {
	/** Wekan refuses loopback and private targets; tests on one machine need loopback. */
	allowLoopbackWebhooks: boolean;
	/** Whether REST writes fire webhooks. Wekan's REST handlers run without a method userId, so by default no. */
	webhooksFromRest: boolean;
	rootUrl: () => string;
}

const PRIVATE_V4: Array<[string, number]> = [
	['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
	['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
	['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

function v4ToInt(ip: string): number {
	return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function isLoopback(ip: string): boolean {
	return ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1';
}

function isPrivateAddress(ip: string): boolean {
	const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
	if (isIP(mapped) === 4) {
		const value = v4ToInt(mapped);
		return PRIVATE_V4.some(([base, bits]) => {
			const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
			return (value & mask) === (v4ToInt(base) & mask);
		});
	}
	const lower = mapped.toLowerCase();
	return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith('ff');
}

export class Webhooks {
	readonly deliveries: Delivery[] = [];
	private readonly pending = new Set<Promise<void>>();

	constructor(
		private readonly store: Store,
		private readonly options: WebhookOptions,
	) {}

	/** validateAttachmentUrl / the SSRF guard: null when the URL may be stored, else the reason. */
	async validateUrl(raw: unknown): Promise<string | null> {
		if (typeof raw !== 'string' || !raw) return 'URL is required';
		let url: URL;
		try {
			url = new URL(raw);
		} catch {
			return 'Invalid URL';
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http and https URLs are allowed';
		const host = url.hostname.replace(/^\[|\]$/g, '');
		const loopbackName = host === 'localhost' || host.endsWith('.localhost');
		let addresses: string[];
		if (isIP(host)) addresses = [host];
		else {
			try {
				addresses = (await lookup(host, { all: true })).map((a) => a.address);
			} catch {
				return 'Host could not be resolved';
			}
		}
		for (const address of addresses) {
			if (this.options.allowLoopbackWebhooks && isLoopback(address)) continue;
			if (isPrivateAddress(address)) return 'Private, loopback and link-local addresses are not allowed';
		}
		if (loopbackName && !this.options.allowLoopbackWebhooks) return 'localhost is not allowed';
		return null;
	}

	/** Records an activity (the Activities collection insert) and runs the outgoing-webhook hook on it. */
	record(activity: Omit<ActivityDoc, '_id' | 'createdAt'>): ActivityDoc {
		const doc = this.store.activities.insert({ _id: randomId(), createdAt: new Date(), ...activity } as ActivityDoc);
		this.afterActivity(doc);
		return doc;
	}

	/** Wait for deliveries in flight (tests). */
	async settle(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	private afterActivity(activity: ActivityDoc): void {
		// activities.js: notifications off returns before the webhook code.
		if (this.store.settings.disableNotifications) return;
		// outgoingWebhooks posts only when the method has a userId; REST handlers have none.
		if (activity.origin === 'rest' && !this.options.webhooksFromRest) return;
		const board = this.store.boards.get(activity.boardId);
		if (!board) return;
		const description = `act-${activity.activityType}`;
		const integrations = this.store.integrations.find(
			(i) =>
				(i.boardId === board._id || i.boardId === '_global') &&
				i.enabled &&
				(i.activities.includes(description) || i.activities.includes('all')),
		);
		if (!integrations.length) return;
		// The actor must be a member of the board (outgoing.js).
		if (!board.members.some((m) => m.userId === activity.userId)) return;
		const body = this.payload(activity, board, description);
		for (const integration of integrations) this.deliver(integration, body);
	}

	private payload(activity: ActivityDoc, board: BoardDoc, description: string): Record<string, unknown> {
		const actor = this.store.users.get(activity.userId);
		const card = activity.cardId ? this.store.cards.get(activity.cardId as string) : undefined;
		const list = this.store.lists.get((activity.listId as string) ?? card?.listId);
		const oldList = activity.oldListId ? this.store.lists.get(activity.oldListId as string) : undefined;
		const swimlane = this.store.swimlanes.get((activity.swimlaneId as string) ?? card?.swimlaneId);
		const oldSwimlane = activity.oldSwimlaneId ? this.store.swimlanes.get(activity.oldSwimlaneId as string) : undefined;
		const comment = activity.commentId ? this.store.comments.get(activity.commentId as string) : undefined;
		const label = activity.labelId ? board.labels.find((l) => l._id === activity.labelId) : undefined;
		const customField = activity.customFieldId ? this.store.customFields.get(activity.customFieldId as string) : undefined;
		const checklist = activity.checklistId ? this.store.checklists.get(activity.checklistId as string) : undefined;
		const item = activity.checklistItemId ? this.store.checklistItems.get(activity.checklistItemId as string) : undefined;
		const member = activity.memberId ? this.store.users.get(activity.memberId as string) : undefined;
		const attachment = activity.attachmentId ? this.store.attachments.get(activity.attachmentId as string) : undefined;
		const root = this.options.rootUrl().replace(/\/$/, '');
		const url = card
			? `${root}/b/${board._id}/${board.slug}/${card._id}`
			: `${root}/b/${board._id}/${board.slug}`;
		const params: Record<string, unknown> = {
			user: actor?.profile.fullname || actor?.username,
			username: actor?.username,
			board: board.title,
			boardId: board._id,
			card: card?.title ?? activity.cardTitle,
			cardId: activity.cardId,
			list: list?.title,
			listId: list?._id,
			oldList: oldList?.title,
			oldListId: oldList?._id,
			swimlane: swimlane?.title,
			swimlaneId: swimlane?._id,
			oldSwimlane: oldSwimlane?.title,
			oldSwimlaneId: oldSwimlane?._id,
			comment: comment?.text ?? activity.commentText,
			commentId: activity.commentId,
			label: label ? label.name || label.color : undefined,
			labelId: activity.labelId,
			customField: customField?.name,
			// Only custom-field activities carry it; a-changedTitle's `value` must not leak in.
			customFieldValue: activity.customFieldId ? activity.value : undefined,
			checklist: checklist?.title,
			checklistItem: item?.title,
			member: member?.username,
			assignee: member?.username,
			attachment: attachment?.name,
			attachmentId: activity.attachmentId,
			timeValue: activity.timeValue,
			timeOldValue: activity.timeOldValue,
		};
		const template = TEXTS[description];
		const phrase = template
			? template.replace(/__(\w+)__/g, (_m, key: string) => (params[key] === undefined ? '' : `"${String(params[key])}"`))
			: description;
		const body: Record<string, unknown> = { text: `${params.user} ${phrase}\n${url}` };
		for (const key of WEBHOOK_ATTRIBUTES) if (params[key]) body[key] = params[key];
		body.description = description;
		return body;
	}

	private deliver(integration: IntegrationDoc, body: Record<string, unknown>): void {
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (integration.token) headers['X-Wekan-Token'] = integration.token;
		const delivery: Delivery = { integrationId: integration._id, url: integration.url, headers, body };
		this.deliveries.push(delivery);
		const attempt = this.send(integration.url, headers, JSON.stringify(body)).then(
			(status) => {
				delivery.status = status;
			},
			(error: Error) => {
				delivery.error = error.message;
			},
		);
		this.pending.add(attempt);
		void attempt.finally(() => this.pending.delete(attempt));
	}

	/** fetchSafe: re-validates at delivery, no redirects, no retry, no client timeout; chunked body. */
	private async send(rawUrl: string, headers: Record<string, string>, payload: string): Promise<number> {
		const refused = await this.validateUrl(rawUrl);
		if (refused) throw new Error(`webhook refused: ${refused}`);
		const url = new URL(rawUrl);
		const client = url.protocol === 'https:' ? https : http;
		return new Promise((resolve, reject) => {
			// Credentials in the URL are dropped: only host, path and query are used.
			const request = client.request(
				{
					protocol: url.protocol,
					hostname: url.hostname.replace(/^\[|\]$/g, ''),
					port: url.port,
					path: `${url.pathname}${url.search}`,
					method: 'POST',
					headers: { ...headers, 'Transfer-Encoding': 'chunked' },
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
				},
			);
			request.on('error', reject);
			request.write(payload);
			request.end();
		});
	}
}
