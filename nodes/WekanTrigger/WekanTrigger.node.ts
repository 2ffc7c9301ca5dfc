import type {
	IDataObject,
	IHookFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ACTIVITY_EVENTS, WEBHOOK_EVENT_OPTIONS } from '../shared/activityTypes';
import { searchBoards } from '../shared/listSearch';
import { simplifyDelivery } from '../shared/simplify';
import { wekanBaseUrl } from '../shared/transport';
import {
	boardProperties,
	filtersProperty,
	getMyBoards,
	getWatchedLists,
	getWatchedSwimlanes,
	simplifies,
	simplifyProperty,
} from '../shared/triggerParameters';
import { addFullCard, deliveryFilter, isRepeat, isWanted, outputItem, tokenBoard } from './delivery';
import { createRegistration, deleteRegistration, registrationExists } from './registration';

/** Version 2's events: the names both triggers use, each posted by Wekan as its `act-<activity>`. */
const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Events', value: 'all', description: 'Every activity on the board' },
	...ACTIVITY_EVENTS.map((e) => ({ name: e.name, value: e.value, description: `Wekan activity act-${e.activity}` })),
];

export class WekanTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wekan Trigger',
		name: 'wekanTrigger',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['trigger'],
		// Version 2 names the events as the polling trigger does; version 1 keeps Wekan's names for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node panel shows this under the Wekan Kanban entry, which also holds the action node's operations.
		description: 'Work with Wekan boards and cards, and start workflows when something happens on a board (webhook)',
		defaults: { name: 'Wekan Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wekanRestApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Wekan must be able to reach this n8n\'s webhook URL: since v8.35 it refuses private, loopback and LAN addresses (such as http://n8n:5678 or 192.168.x.x). Wekan posts only changes people make in its web UI, as active members of the board: nothing for changes through the REST API (n8n\'s Wekan Kanban node included), and nothing while notifications are off (Admin Panel > Features). The credential\'s user must be an admin of each watched board (or a site admin). If any of this gets in the way, use the Wekan Polling Trigger.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...boardProperties({
				one: 'The board to watch. The trigger adds an outgoing webhook to it while the workflow is active.',
				all: 'Every board the user is a member of when the workflow is activated, where the user may add webhooks (a board admin, or any board for a site admin)',
			}),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['act-createCard', 'act-moveCard'],
				description: 'The Wekan activities that start the workflow',
				options: WEBHOOK_EVENT_OPTIONS,
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['cardCreated', 'cardMoved'],
				description: 'What starts the workflow. Wekan posts each of these as it happens.',
				options: EVENT_OPTIONS,
				displayOptions: { show: { '@version': [2] } },
			},
			filtersProperty(),
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
			simplifyProperty(
				'Simplified: the event, the IDs, the card\'s title and URL, the user and what the event is about (a comment, label or custom field), without Wekan\'s raw payload; the full card, when read, simplified too. Wekan sends no list, swimlane or label names.',
			),
		],
	};

	methods = {
		listSearch: { searchBoards },
		loadOptions: { getMyBoards, getWatchedLists, getWatchedSwimlanes },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createRegistration.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const boardId = tokenBoard(this);
		if (boardId === undefined) {
			this.getResponseObject().status(401).json({ error: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const filter = deliveryFilter(this, boardId);
		if (!isWanted(body, filter)) return { webhookResponse: 'ignored' };
		if (isRepeat(this, body, Date.now())) return { webhookResponse: 'duplicate' };

		const item = outputItem(body, boardId, filter.wekanNames);
		const simplify = simplifies(this);
		// The base URL is for the full card's URL; without the card nothing more is read.
		const output = async () => (simplify ? simplifyDelivery(item, item.card ? await wekanBaseUrl.call(this) : '') : item);
		const includeCard = this.getNodeParameter('includeCard', false) as boolean;
		if (!includeCard || !body.cardId) return { workflowData: [this.helpers.returnJsonArray([await output()])] };

		// Wekan waits for nobody (and older versions blocked the user's action), so answer before reading the card.
		this.getResponseObject().status(200).json({ message: 'Workflow was started' });
		await addFullCard.call(this, item, String(body.cardId));
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([await output()])] };
	}
}
