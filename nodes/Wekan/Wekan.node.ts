import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { getBoardLabels, searchTargetLists, searchTargetSwimlanes } from '../shared/boardParts';
import {
	getBoardCustomFields,
	getBoardWebhooks,
	getCardChecklists,
	getCardComments,
	getChecklistItems,
	getCustomFieldDropdownOptions,
} from '../shared/cardChildOptions';
import { getBoardMembers } from '../shared/loadOptions';
import { searchBoards, searchCards, searchLists, searchSwimlanes, searchUsers } from '../shared/listSearch';
import { BATCHING_PROPERTY, runOperation } from './actions/execute';
import { resources } from './actions';
import { buildProperties, findOperation } from './description';

export class Wekan implements INodeType {
	description: INodeTypeDescription = {
		// Not plain "Wekan": n8n's node panel lists its built-in Wekan node under that name, and two entries called
		// "Wekan" cannot be told apart.
		displayName: 'Wekan Kanban',
		name: 'wekan',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with Wekan boards, lists, swimlanes, cards, checklists, comments, custom fields, attachments, webhooks and users',
		defaults: { name: 'Wekan' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wekanRestApi', required: true }],
		properties: [...buildProperties(resources, 'card'), BATCHING_PROPERTY],
	};

	methods = {
		listSearch: { searchBoards, searchCards, searchLists, searchSwimlanes, searchTargetLists, searchTargetSwimlanes, searchUsers },
		loadOptions: {
			getBoardCustomFields,
			getBoardLabels,
			getBoardMembers,
			getBoardWebhooks,
			getCardChecklists,
			getCardComments,
			getChecklistItems,
			getCustomFieldDropdownOptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const definition = findOperation(resources, resource, operation);
		if (!definition) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
		}
		return runOperation.call(this, definition);
	}
}
