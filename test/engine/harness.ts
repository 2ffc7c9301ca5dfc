/**
 * Runs our nodes through n8n-core's own execution machinery: `WorkflowExecute` for workflows (the JSON a user
 * imports into n8n), and n8n-core's load-options, poll, hook and webhook contexts for the rest, with a
 * credentials helper that logs in the way n8n does.
 */
import {
	ExecutionLifecycleHooks,
	HookContext,
	LoadOptionsContext,
	PollContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	IVersionedNodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import { WekanRestApi } from '../../credentials/WekanRestApi.credentials';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { TestCredentialsHelper } from './credentialsHelper';

export const PACKAGE = 'n8n-nodes-wekan';
export const CREDENTIAL_ID = 'wekanCred000001';

/** The few n8n-nodes-base nodes our example workflows use, as small stand-ins with the same type names. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when run by hand',
		defaults: { name: 'When clicking "Execute workflow"' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().length ? this.getInputData() : [{ json: {} }]];
	}
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: Array<Partial<INode> & Pick<INode, 'name' | 'type' | 'parameters'>>;
	connections: IConnections;
	settings?: IDataObject;
}

export class RunResult {
	constructor(readonly run: IRun) {}

	get status() {
		return this.run.status;
	}

	/** The workflow-level error, as a plain object (name, message, description, httpCode). */
	get error(): IDataObject | undefined {
		return this.run.data.resultData.error as unknown as IDataObject | undefined;
	}

	items(nodeName: string, output = 0): INodeExecutionData[] {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs?.length) throw new Error(`Node "${nodeName}" did not run`);
		return runs[runs.length - 1].data?.main?.[output] ?? [];
	}

	json(nodeName: string, output = 0): IDataObject[] {
		return this.items(nodeName, output).map((i) => i.json);
	}

	nodeError(nodeName: string): IDataObject | undefined {
		const runs = this.run.data.resultData.runData[nodeName];
		return runs?.[runs.length - 1]?.error as unknown as IDataObject | undefined;
	}
}

export class EngineHarness {
	readonly credentials = new TestCredentialsHelper({ wekanRestApi: new WekanRestApi() });
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[`${PACKAGE}.wekan`]: new Wekan(),
		'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	};
	readonly nodeTypes: INodeTypes = {
		getByName: (type) => this.types[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(this.types[type], version),
		getKnownTypes: () => ({}),
	};
	/**
	 * The address Wekan reaches this n8n at (n8n's WEBHOOK_URL): the base of the webhook URLs a trigger registers.
	 * Point it at a local receiver to get real deliveries.
	 */
	publicUrl = 'http://localhost:5678';
	private executions = 0;

	/** Registers another node type under its package type name (triggers, in their own tests). */
	addNodeType(type: string, node: INodeType): void {
		this.types[type] = node;
	}

	/** Stores a Wekan credential (n8n's database row) that workflow nodes refer to by CREDENTIAL_ID. */
	setCredential(data: ICredentialDataDecryptedObject, id = CREDENTIAL_ID): void {
		this.credentials.set(id, 'wekanRestApi', data);
	}

	storedCredential(id = CREDENTIAL_ID): ICredentialDataDecryptedObject {
		return this.credentials.stored.get(id)!.data;
	}

	additionalData(json?: WorkflowJson, mode: WorkflowExecuteMode = 'manual'): IWorkflowExecuteAdditionalData {
		const executionId = String(++this.executions);
		return {
			hooks: json
				? new ExecutionLifecycleHooks(mode, executionId, { id: json.id ?? 'wf1', name: json.name ?? 'Test', active: false, nodes: [], connections: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null } as never)
				: undefined,
			credentialsHelper: this.credentials,
			executionId,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: `${this.publicUrl}/webhook`,
			webhookTestBaseUrl: `${this.publicUrl}/webhook-test`,
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** A Workflow object from workflow JSON; node defaults are filled in as n8n does on import. */
	workflow(json: WorkflowJson, staticData: IDataObject = {}): Workflow {
		const nodes = json.nodes.map((node, index) => ({
			id: node.id ?? `node-${index}`,
			typeVersion: node.typeVersion ?? 1,
			position: node.position ?? [index * 200, 0],
			...node,
			credentials:
				node.credentials ??
				(node.type.startsWith(PACKAGE) ? { wekanRestApi: { id: CREDENTIAL_ID, name: 'Wekan' } } : undefined),
		})) as INode[];
		return new Workflow({
			id: json.id ?? 'wf1',
			name: json.name ?? 'Test',
			nodes,
			connections: json.connections,
			active: false,
			nodeTypes: this.nodeTypes,
			settings: { executionOrder: 'v1', ...(json.settings ?? {}) },
			staticData,
		});
	}

	/** Runs a workflow from its manual trigger, as "Execute workflow" in the editor does. */
	async run(json: WorkflowJson): Promise<RunResult> {
		const workflow = this.workflow(json);
		const run = await new WorkflowExecute(this.additionalData(json), 'manual').run({ workflow });
		return new RunResult(run);
	}

	/** Runs one node of a workflow on the given input items. */
	async runNode(json: WorkflowJson, nodeName: string, items: INodeExecutionData[]): Promise<RunResult> {
		return this.runFrom(json, nodeName, items, 'manual');
	}

	/**
	 * Runs a workflow the way n8n does when its trigger fires: the items a poll or a webhook call returned enter at
	 * the trigger node, which passes them on, and the nodes after it run.
	 */
	async runFromTrigger(json: WorkflowJson, triggerName: string, items: INodeExecutionData[]): Promise<RunResult> {
		const trigger = json.nodes.find((n) => n.name === triggerName);
		if (!trigger) throw new Error(`No node ${triggerName}`);
		const type = this.types[trigger.type] as INodeType | undefined;
		if (!type?.poll && !type?.webhook) throw new Error(`${triggerName} (${trigger.type}) is not a polling or webhook trigger`);
		return this.runFrom(json, triggerName, items, type.poll ? 'trigger' : 'webhook');
	}

	private async runFrom(json: WorkflowJson, nodeName: string, items: INodeExecutionData[], mode: WorkflowExecuteMode): Promise<RunResult> {
		const workflow = this.workflow(json);
		const node = workflow.getNode(nodeName);
		if (!node) throw new Error(`No node ${nodeName}`);
		const runExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
				nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
			},
		};
		const run = await new WorkflowExecute(this.additionalData(json, mode), mode, runExecutionData as never).processRunExecutionData(workflow);
		return new RunResult(run);
	}

	/** A load-options context for a node, as the editor uses for dropdowns and list searches. */
	loadOptionsContext(json: WorkflowJson, nodeName: string, path = 'parameters.boardId'): LoadOptionsContext {
		const workflow = this.workflow(json);
		const node = workflow.getNode(nodeName)!;
		const additionalData = { ...this.additionalData(), currentNodeParameters: node.parameters } as IWorkflowExecuteAdditionalData;
		return new LoadOptionsContext(workflow, node, additionalData, path);
	}

	pollContext(workflow: Workflow, nodeName: string, mode: WorkflowExecuteMode = 'trigger'): PollContext {
		return new PollContext(workflow, workflow.getNode(nodeName)!, this.additionalData(), mode, 'init');
	}

	hookContext(workflow: Workflow, nodeName: string, webhookDescription: never, isTest = false): HookContext {
		return new HookContext(workflow, workflow.getNode(nodeName)!, this.additionalData(), 'trigger', 'activate', {
			webhookDescription,
			isTest,
		} as never);
	}

	webhookContext(
		workflow: Workflow,
		nodeName: string,
		webhookDescription: never,
		request: IDataObject,
		response: IDataObject,
	): WebhookContext {
		const node = workflow.getNode(nodeName)!;
		const additionalData = { ...this.additionalData(), httpRequest: request, httpResponse: response } as unknown as IWorkflowExecuteAdditionalData;
		return new WebhookContext(workflow, node, additionalData, 'webhook', {
			webhookDescription,
			httpMethod: 'POST',
			path: 'webhook',
			node: nodeName,
			workflowId: workflow.id,
		} as never, [], null);
	}
}

/** A two-node workflow: manual trigger, then a Wekan node with the given parameters. */
export function wekanWorkflow(parameters: IDataObject, name = 'Wekan'): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{ name, type: `${PACKAGE}.wekan`, parameters: parameters as never },
		],
		connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}

/** A resource-locator value, as the editor stores it. */
export function rl(value: string, mode: 'id' | 'url' | 'list' | 'username' = 'id') {
	return { __rl: true, mode, value };
}
