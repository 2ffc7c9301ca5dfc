import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INode,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';
import { searchBoards, searchLists, searchSwimlanes } from '../shared/listSearch';
import { WEBHOOK_EVENT_OPTIONS } from '../shared/activityTypes';
import { boardLocator } from '../shared/locators';
import { seg, wekanRequest } from '../shared/transport';
import { WEKAN_ID } from '../shared/wekanUrl';

/** How long an identical delivery counts as a repeat, and how many recent deliveries are remembered. */
const DEDUPE_WINDOW_MS = 10_000;
const DEDUPE_MAX = 200;

interface Registration {
	integrationId: string;
	token: string;
}

interface TriggerState extends IDataObject {
	/** One registration per webhook URL, so the test URL and the production URL never share an integration. */
	registrations?: Record<string, Registration>;
	recent?: Record<string, number>;
}

function state(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

function boardIdOf(context: IHookFunctions | IWebhookFunctions): string {
	const id = String(context.getNodeParameter('boardId', undefined, { extractValue: true }) ?? '').trim();
	if (!WEKAN_ID.test(id)) throw new NodeOperationError(context.getNode(), 'Choose a board');
	return id;
}

function integrationsPath(boardId: string, integrationId?: string): string {
	return `/api/boards/${seg(boardId)}/integrations${integrationId ? `/${seg(integrationId)}` : ''}`;
}

/** Compares two secrets in constant time; hashing first makes the lengths equal. */
function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The card or board URL: Wekan puts it only on the last line of `text`. */
function urlFromText(text: unknown): string | undefined {
	const last = String(text ?? '').trim().split('\n').pop() ?? '';
	return /^https?:\/\/\S+$/.test(last) ? last : undefined;
}

/** Errors from wekanRequest are already n8n errors; anything else is wrapped so n8n can show it. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

function multi(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String).filter(Boolean) : [];
}

export class WekanTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wekan Trigger',
		name: 'wekanTrigger',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when something happens on a Wekan board (outgoing webhook)',
		defaults: { name: 'Wekan Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wekanRestApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Wekan must be able to reach this n8n\'s webhook URL. Since v8.35 Wekan refuses private, loopback and LAN addresses (such as http://n8n:5678 or 192.168.x.x), sends nothing while notifications are off (Admin Panel > Features), and sends nothing for changes made through the REST API. The credential\'s user must be an admin of the board. If any of this applies, use the Wekan Polling Trigger instead.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			boardLocator({ description: 'The board to watch. The trigger registers an outgoing webhook on it.' }),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['act-createCard', 'act-moveCard'],
				description: 'The Wekan activities that start the workflow',
				options: WEBHOOK_EVENT_OPTIONS,
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'List Names or IDs',
						name: 'listIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getLists', loadOptionsDependsOn: ['boardId.value'] },
						default: [],
						description:
							'Only events on cards in these lists (a move counts for its old and its new list). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Swimlane Names or IDs',
						name: 'swimlaneIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getSwimlanes', loadOptionsDependsOn: ['boardId.value'] },
						default: [],
						description:
							'Only events in these swimlanes. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
			{
				displayName: 'Include Full Card',
				name: 'includeCard',
				type: 'boolean',
				default: false,
				description: 'Whether to read the card after the event and add it to the output (Wekan\'s payload is thin)',
			},
			{
				displayName: 'Delay Before Reading Card (Ms)',
				name: 'cardDelayMs',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10000 },
				default: 500,
				displayOptions: { show: { includeCard: [true] } },
				description: 'Wekan can send the webhook before its write is visible, so the card is read after this pause',
			},
		],
	};

	methods = {
		listSearch: { searchBoards, searchLists, searchSwimlanes },
		loadOptions: {
			async getLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return (await searchLists.call(this)).results.map((r) => ({ name: r.name, value: r.value }));
			},
			async getSwimlanes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return (await searchSwimlanes.call(this)).results.map((r) => ({ name: r.name, value: r.value }));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const boardId = boardIdOf(this);
				const data = state(this);
				const registrations = (data.registrations ??= {});
				const mine = registrations[url];
				const existing = (await wekanRequest.call(this, {
					method: 'GET',
					path: integrationsPath(boardId),
					expect: 'array',
					permission: 'board-read',
				})) as IDataObject[];
				const sameUrl = existing.filter((i) => i.url === url);
				const found = mine ? sameUrl.find((i) => i._id === mine.integrationId) : undefined;
				// Integrations for this URL that we hold no token for (a lost or copied state) can never be
				// verified, so they go: create() then makes one whose token we know.
				for (const stray of sameUrl) {
					if (stray === found) continue;
					await wekanRequest.call(this, {
						method: 'DELETE',
						path: integrationsPath(boardId, String(stray._id)),
						permission: 'board-admin',
					});
				}
				if (found) return true;
				delete registrations[url];
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const boardId = boardIdOf(this);
				const events = multi(this.getNodeParameter('events'));
				let created: IDataObject;
				try {
					created = (await wekanRequest.call(this, {
						method: 'POST',
						path: integrationsPath(boardId),
						body: { url },
						permission: 'board-admin',
					})) as IDataObject;
				} catch (error) {
					if (/invalid-webhook-url|not allowed|private|loopback/i.test(`${(error as Error).message} ${(error as NodeApiError).description ?? ''}`)) {
						throw new NodeOperationError(this.getNode(), `Wekan refused the webhook URL ${url}`, {
							description:
								'Wekan (v8.35 and later) does not send webhooks to private, loopback or LAN addresses. Give n8n a public URL (WEBHOOK_URL), or use the Wekan Polling Trigger.',
						});
					}
					throw asNodeError(this.getNode(), error);
				}
				const integrationId = String(created._id ?? '');
				if (!integrationId) return false;
				const token = randomBytes(32).toString('hex');
				const workflow = this.getWorkflow();
				try {
					await wekanRequest.call(this, {
						method: 'PUT',
						path: integrationsPath(boardId, integrationId),
						body: {
							title: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} / ${this.getNode().name}`,
							token,
							activities: events.includes('all') || events.length === 0 ? ['all'] : events,
							enabled: true,
						},
						permission: 'board-admin',
					});
				} catch (error) {
					// An integration without our token would post unverifiable deliveries: take it away again.
					await wekanRequest
						.call(this, { method: 'DELETE', path: integrationsPath(boardId, integrationId), permission: 'board-admin' })
						.catch((cleanup: Error) => this.logger.warn(`Wekan integration ${integrationId} could not be removed: ${cleanup.message}`));
					throw asNodeError(this.getNode(), error);
				}
				const data = state(this);
				(data.registrations ??= {})[url] = { integrationId, token };
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const data = state(this);
				const mine = data.registrations?.[url];
				if (!mine) return true;
				const boardId = boardIdOf(this);
				try {
					await wekanRequest.call(this, {
						method: 'DELETE',
						path: integrationsPath(boardId, mine.integrationId),
						permission: 'board-admin',
					});
				} catch (error) {
					// The registration stays in static data, so the next activation finds and removes it.
					this.logger.warn(`Could not remove Wekan integration ${mine.integrationId}: ${(error as Error).message}`);
					return false;
				}
				delete data.registrations![url];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = state(this);
		const headers = this.getHeaderData() as IDataObject;
		const given = typeof headers['x-wekan-token'] === 'string' ? (headers['x-wekan-token'] as string) : '';
		const tokens = Object.values(data.registrations ?? {}).map((r) => r.token);
		// Every stored token is compared, so the time taken does not depend on which one matched.
		const valid = tokens.reduce((ok, token) => sameSecret(given, token) || ok, false);
		if (!given || !valid) {
			const res = this.getResponseObject();
			res.status(401).json({ error: 'Unauthorized' });
			return { noWebhookResponse: true };
		}

		const body = (this.getBodyData() ?? {}) as IDataObject;
		const event = String(body.description ?? '');
		const events = multi(this.getNodeParameter('events'));
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const lists = multi(filters.listIds);
		const swimlanes = multi(filters.swimlaneIds);
		const boardId = boardIdOf(this);
		const wanted =
			(events.includes('all') || events.includes(event)) &&
			(!body.boardId || body.boardId === boardId) &&
			(!lists.length || lists.includes(String(body.listId)) || lists.includes(String(body.oldListId))) &&
			(!swimlanes.length || swimlanes.includes(String(body.swimlaneId)));
		if (!wanted) return { webhookResponse: 'ignored' };

		// Wekan sends no delivery id, so a repeat is recognised by its content (one activity reaching two
		// integrations for this URL, or a proxy that resends).
		const now = Date.now();
		const key = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
		const recent = Object.fromEntries(Object.entries(data.recent ?? {}).filter(([, at]) => now - at < DEDUPE_WINDOW_MS));
		if (recent[key] !== undefined) {
			data.recent = recent;
			return { webhookResponse: 'duplicate' };
		}
		recent[key] = now;
		const keys = Object.keys(recent);
		for (const old of keys.slice(0, Math.max(0, keys.length - DEDUPE_MAX))) delete recent[old];
		data.recent = recent;

		const item: IDataObject = {
			event,
			boardId: body.boardId ?? boardId,
			cardId: body.cardId ?? null,
			cardTitle: body.card ?? null,
			listId: body.listId ?? null,
			oldListId: body.oldListId ?? null,
			swimlaneId: body.swimlaneId ?? null,
			user: body.user ?? null,
			username: body.username ?? null,
			text: String(body.text ?? '').split('\n')[0],
			url: urlFromText(body.text) ?? null,
			comment: body.comment ?? null,
			commentId: body.commentId ?? null,
			label: body.label ?? null,
			labelId: body.labelId ?? null,
			customField: body.customField ?? null,
			customFieldValue: body.customFieldValue ?? null,
			attachmentId: body.attachmentId ?? null,
			raw: body,
		};

		const includeCard = this.getNodeParameter('includeCard', false) as boolean;
		if (!includeCard || !body.cardId) return { workflowData: [this.helpers.returnJsonArray([item])] };

		// Wekan waits for nobody (and older versions blocked the user's action), so answer before reading the card.
		this.getResponseObject().status(200).json({ message: 'Workflow was started' });
		await sleep(Number(this.getNodeParameter('cardDelayMs', 500)));
		try {
			item.card = (await wekanRequest.call(this, {
				method: 'GET',
				path: `/api/cards/${seg(String(body.cardId))}`,
				permission: 'board-read',
				notFound: `No card with ID ${String(body.cardId)} (it may have been deleted)`,
			})) as IDataObject;
		} catch (error) {
			// A deleted card is a normal outcome of some events; the workflow still runs and sees why.
			item.card = null;
			item.cardError = (error as Error).message;
		}
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
