/**
 * Driving the Wekan triggers as a running n8n does: scheduled polls with the trigger's state kept between them,
 * and for the webhook trigger activation, an HTTP endpoint that Wekan's deliveries reach, and deactivation. What a
 * trigger emits runs the rest of the workflow through n8n-core (EngineHarness.runFromTrigger).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, Workflow } from 'n8n-workflow';
import { WekanPollingTrigger } from '../nodes/WekanPollingTrigger/WekanPollingTrigger.node';
import { WekanTrigger } from '../nodes/WekanTrigger/WekanTrigger.node';
import { type EngineHarness, PACKAGE, type RunResult, type WorkflowJson } from '../test/engine/harness';

export const POLLING_TRIGGER = `${PACKAGE}.wekanPollingTrigger`;
export const WEBHOOK_TRIGGER = `${PACKAGE}.wekanTrigger`;

const pollingTrigger = new WekanPollingTrigger();
const webhookTrigger = new WekanTrigger();
const hookDescription = webhookTrigger.description.webhooks![0] as never;

/** Makes both triggers known to the engine, so workflows that start with them can run. */
export function addTriggers(engine: EngineHarness): void {
	engine.addNodeType(POLLING_TRIGGER, pollingTrigger);
	engine.addNodeType(WEBHOOK_TRIGGER, webhookTrigger);
}

/**
 * One scheduled poll: the items the trigger emits (none on the first poll, which records the board). The
 * workflow object carries the trigger's state from one poll to the next, as n8n's static data does.
 */
export async function poll(engine: EngineHarness, workflow: Workflow, triggerName: string): Promise<INodeExecutionData[]> {
	const output = await pollingTrigger.poll.call(engine.pollContext(workflow, triggerName));
	return output?.[0] ?? [];
}

/** A workflow whose Wekan Trigger is registered in Wekan. */
export interface ActiveWebhook {
	json: WorkflowJson;
	triggerName: string;
	workflow: Workflow;
	/** The URL Wekan posts to. */
	url: string;
}

/** One request that reached the receiver. */
export interface Delivery {
	/** Wekan's activity, such as act-createCard. */
	event: string;
	/** The HTTP status the receiver answered. */
	status: number;
	/** The workflow run the delivery started, if the trigger emitted an item. */
	run?: RunResult;
	/** What the trigger answered when it started nothing ('ignored', 'duplicate'), or why handling failed. */
	note?: string;
}

/** The part of an Express response the trigger uses, over a plain node:http response. */
function expressResponse(res: http.ServerResponse) {
	const response = {
		status(code: number) {
			res.statusCode = code;
			return response;
		},
		json(body: unknown) {
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(body));
			return response;
		},
		send(body?: unknown) {
			res.end(body === undefined ? undefined : String(body));
			return response;
		},
		end() {
			res.end();
			return response;
		},
	};
	return response;
}

async function readJson(req: http.IncomingMessage): Promise<IDataObject> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? (JSON.parse(text) as IDataObject) : {};
}

/**
 * Stands in for n8n's webhook endpoint: a local HTTP server that the engine's public URL points at. It activates
 * and deactivates workflows through n8n-core's hook context, hands each request for an active webhook URL to the
 * trigger's webhook() in n8n-core's webhook context, answers Wekan, and runs the workflow on what the trigger
 * emitted.
 */
export class WebhookReceiver {
	readonly deliveries: Delivery[] = [];
	private readonly active = new Map<string, ActiveWebhook>();
	private readonly handling = new Set<Promise<void>>();

	private constructor(
		private readonly engine: EngineHarness,
		private readonly server: http.Server,
	) {
		server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
			const handled = this.handle(req, res);
			this.handling.add(handled);
			void handled.finally(() => this.handling.delete(handled));
		});
	}

	/** Listens on a free local port and makes it the engine's public URL. */
	static async start(engine: EngineHarness): Promise<WebhookReceiver> {
		const server = http.createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		engine.publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return new WebhookReceiver(engine, server);
	}

	/** What n8n does when a workflow is activated: checkExists, then create unless the webhook exists. */
	async activate(json: WorkflowJson, triggerName: string): Promise<ActiveWebhook> {
		const workflow = this.engine.workflow(json);
		const context = this.engine.hookContext(workflow, triggerName, hookDescription);
		const methods = webhookTrigger.webhookMethods.default;
		if (!(await methods.checkExists.call(context)) && !(await methods.create.call(context))) {
			throw new Error(`${triggerName} could not register its webhook in Wekan`);
		}
		const hook = { json, triggerName, workflow, url: context.getNodeWebhookUrl('default') as string };
		this.active.set(new URL(hook.url).pathname, hook);
		return hook;
	}

	/** What n8n does when the workflow is deactivated: the trigger removes its webhook from Wekan. */
	async deactivate(hook: ActiveWebhook): Promise<void> {
		this.active.delete(new URL(hook.url).pathname);
		const context = this.engine.hookContext(hook.workflow, hook.triggerName, hookDescription);
		if (!(await webhookTrigger.webhookMethods.default.delete.call(context))) {
			throw new Error(`${hook.triggerName} could not remove its webhook from Wekan`);
		}
	}

	/** Waits until every request received so far is answered and the workflow runs it started have finished. */
	async idle(): Promise<void> {
		while (this.handling.size) await Promise.all([...this.handling]);
	}

	async close(): Promise<void> {
		await this.idle();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const body = await readJson(req);
		const delivery: Delivery = { event: String(body.description ?? ''), status: 404 };
		this.deliveries.push(delivery);
		const hook = this.active.get(new URL(req.url ?? '/', 'http://receiver').pathname);
		if (!hook) {
			res.statusCode = 404;
			res.end();
			return;
		}
		const response = expressResponse(res);
		const request = { body, headers: req.headers, query: {}, params: {}, method: req.method, url: req.url };
		try {
			const context = this.engine.webhookContext(hook.workflow, hook.triggerName, hookDescription, request, response as never);
			const result = await webhookTrigger.webhook.call(context);
			// Answered already when the trigger replies itself (a 401, or before it reads the full card).
			if (!res.writableEnded) response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
			delivery.status = res.statusCode;
			const items = result.workflowData?.[0];
			if (!items) {
				delivery.note = result.webhookResponse === undefined ? 'started nothing' : String(result.webhookResponse);
				return;
			}
			delivery.run = await this.engine.runFromTrigger(hook.json, hook.triggerName, items);
		} catch (error) {
			if (!res.writableEnded) response.status(500).json({ message: (error as Error).message });
			delivery.status = res.statusCode;
			delivery.note = (error as Error).message;
		}
	}
}
