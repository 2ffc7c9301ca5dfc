import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { WEBHOOK_EVENT_OPTIONS } from '../shared/activityTypes';
import { getBoardLists, getBoardSwimlanes } from '../shared/loadOptions';
import { searchBoards, searchLists, searchSwimlanes } from '../shared/listSearch';
import { boardLocator } from '../shared/locators';
import { simplifyDelivery } from '../shared/simplify';
import { wekanBaseUrl } from '../shared/transport';
import { simplifies, simplifyProperty } from '../shared/triggerParameters';
import { addFullCard, deliveryFilter, hasValidToken, isRepeat, isWanted, outputItem } from './delivery';
import { createRegistration, deleteRegistration, registrationExists } from './registration';

export class WekanTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wekan Trigger',
		name: 'wekanTrigger',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['trigger'],
		version: 1,
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
			simplifyProperty(
				'Simplified: the event, the IDs, the card\'s title and URL, the user and what the event is about (a comment, label or custom field), without Wekan\'s raw payload; the full card, when read, simplified too. Wekan sends no list, swimlane or label names.',
			),
		],
	};

	methods = {
		listSearch: { searchBoards, searchLists, searchSwimlanes },
		loadOptions: { getLists: getBoardLists, getSwimlanes: getBoardSwimlanes },
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
		if (!hasValidToken(this)) {
			this.getResponseObject().status(401).json({ error: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const filter = deliveryFilter(this);
		if (!isWanted(body, filter)) return { webhookResponse: 'ignored' };
		if (isRepeat(this, body, Date.now())) return { webhookResponse: 'duplicate' };

		const item = outputItem(body, filter.boardId);
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
