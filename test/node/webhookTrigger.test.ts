/**
 * The webhook trigger end to end: n8n-core's hook context registers the integration on the Wekan-compatible
 * server, a user acts in the web UI, the server POSTs real webhooks to a local receiver, and the receiver runs
 * the trigger's webhook() in n8n-core's webhook context for each delivery.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IWebhookResponseData, Workflow } from 'n8n-workflow';
import { WekanTrigger } from '../../nodes/WekanTrigger/WekanTrigger.node';
import { PACKAGE, rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';

const TYPE = `${PACKAGE}.wekanTrigger`;
const NODE = 'Wekan Trigger';
const trigger = new WekanTrigger();
const hookDescription = trigger.description.webhooks![0] as never;

interface Received {
	path: string;
	headers: IDataObject;
	body: IDataObject;
	status: number;
	result?: IWebhookResponseData;
}

describe('Wekan Trigger (webhook)', () => {
	let f: Fixture;
	let receiver: http.Server;
	let receiverUrl: string;
	let received: Received[] = [];
	/** The active workflows by webhook path prefix, as n8n routes a request to its workflow. */
	const active = new Map<string, Workflow>();

	const deliver = async (path: string, headers: IDataObject, body: IDataObject): Promise<Received> => {
		const workflow = [...active].find(([prefix]) => path.startsWith(prefix))?.[1];
		const entry: Received = { path, headers, body, status: 200 };
		if (!workflow) {
			entry.status = 404;
			return entry;
		}
		const response = {
			statusCode: 200,
			sent: false,
			status(code: number) {
				entry.status = code;
				return response;
			},
			json() {
				response.sent = true;
				return response;
			},
			send() {
				response.sent = true;
				return response;
			},
			end() {
				response.sent = true;
				return response;
			},
		};
		const request = { body, headers, query: {}, params: {}, method: 'POST', url: path };
		const context = f.engine.webhookContext(workflow, NODE, hookDescription, request, response as never);
		entry.result = await trigger.webhook.call(context);
		return entry;
	};

	beforeAll(async () => {
		f = await startFixture({ allowLoopbackWebhooks: true });
		f.engine.addNodeType(TYPE, trigger);
		receiver = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				const body = text ? (JSON.parse(text) as IDataObject) : {};
				deliver(req.url ?? '/', req.headers as IDataObject, body).then(
					(entry) => {
						received.push(entry);
						res.statusCode = entry.status;
						res.end();
					},
					(error: Error) => {
						res.statusCode = 500;
						res.end(error.message);
					},
				);
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
		// n8n's public webhook URLs point at the receiver, as WEBHOOK_URL would point at n8n.
		const additionalData = f.engine.additionalData.bind(f.engine);
		f.engine.additionalData = (...args) =>
			({ ...additionalData(...args), webhookBaseUrl: `${receiverUrl}/webhook`, webhookTestBaseUrl: `${receiverUrl}/webhook-test` }) as never;
	});

	afterAll(async () => {
		await f.close();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});

	beforeEach(() => {
		received = [];
	});

	const makeWorkflow = (parameters: IDataObject, webhookId = 'hook-1', staticData: IDataObject = {}) =>
		f.engine.workflow(
			{ nodes: [{ name: NODE, type: TYPE, webhookId, parameters: { boardId: rl(f.boardId), ...parameters } as never }], connections: {} },
			staticData,
		);

	/** What n8n does when a workflow is activated: checkExists, then create unless it exists. */
	const activate = async (workflow: Workflow, isTest = false) => {
		const ctx = f.engine.hookContext(workflow, NODE, hookDescription, isTest);
		if (!(await trigger.webhookMethods.default.checkExists.call(ctx))) {
			expect(await trigger.webhookMethods.default.create.call(ctx)).toBe(true);
		}
		const prefix = `/${isTest ? 'webhook-test' : 'webhook'}/${workflow.getNode(NODE)!.webhookId}/`;
		active.set(prefix, workflow);
	};
	const deactivate = async (workflow: Workflow, isTest = false) => {
		const ctx = f.engine.hookContext(workflow, NODE, hookDescription, isTest);
		expect(await trigger.webhookMethods.default.delete.call(ctx)).toBe(true);
		active.delete(`/${isTest ? 'webhook-test' : 'webhook'}/${workflow.getNode(NODE)!.webhookId}/`);
	};
	const integrations = () => f.server.wekan.store.integrations.find((i) => i.boardId === f.boardId);
	const emitted = () => received.filter((r) => r.result?.workflowData).map((r) => r.result!.workflowData![0][0].json);
	const ui = () => f.server.wekan.ui;
	const settle = () => f.server.wekan.webhooks.settle();

	it('registers one integration with a secret token, the events and a title, and removes it again', async () => {
		const workflow = makeWorkflow({ events: ['act-createCard', 'act-moveCard'] });
		await activate(workflow);
		expect(integrations()).toHaveLength(1);
		const [integration] = integrations();
		expect(integration.url).toBe(`${receiverUrl}/webhook/hook-1/webhook`);
		expect(integration.activities).toEqual(['act-createCard', 'act-moveCard']);
		expect(integration.title).toMatch(/^n8n: /);
		expect(integration.token).toMatch(/^[0-9a-f]{64}$/);
		// Activating again (n8n restarts) finds it and makes no second one.
		await activate(workflow);
		expect(integrations()).toHaveLength(1);
		await deactivate(workflow);
		expect(integrations()).toHaveLength(0);
		expect(workflow.staticData['node:Wekan Trigger']).toEqual({ registrations: {} });
	});

	it('leaves no duplicate or orphan over repeated activation, lost state, and test plus production URLs', async () => {
		const staticData: IDataObject = {};
		for (let round = 0; round < 3; round++) {
			const workflow = makeWorkflow({ events: ['all'] }, 'hook-2', staticData);
			await activate(workflow);
			await activate(workflow, true);
			const urls = integrations().map((i) => i.url).sort();
			expect(urls).toEqual([`${receiverUrl}/webhook-test/hook-2/webhook`, `${receiverUrl}/webhook/hook-2/webhook`]);
			expect(integrations().every((i) => i.activities.join() === 'all')).toBe(true);
			await deactivate(workflow, true);
			await deactivate(workflow);
			expect(integrations()).toHaveLength(0);
		}
		// A registration whose static data was lost (say, a workflow imported again): the stray integration for
		// the same URL is replaced, because its token is unknown.
		const first = makeWorkflow({ events: ['all'] }, 'hook-3');
		await activate(first);
		const lost = makeWorkflow({ events: ['all'] }, 'hook-3');
		await activate(lost);
		expect(integrations()).toHaveLength(1);
		expect(integrations()[0]._id).not.toBe(Object.values((first.staticData['node:Wekan Trigger'] as IDataObject).registrations as IDataObject)[0]);
		await deactivate(lost);
		expect(integrations()).toHaveLength(0);
		// An integration someone deleted in Wekan is made again on the next activation.
		await activate(lost);
		f.server.wekan.store.integrations.removeWhere(() => true);
		await activate(lost);
		expect(integrations()).toHaveLength(1);
		await deactivate(lost);
		expect(integrations()).toHaveLength(0);
	});

	it('turns real deliveries of UI actions into items: card created and moved, comment, checked item', async () => {
		const workflow = makeWorkflow({ events: ['act-createCard', 'act-moveCard', 'act-addComment', 'act-checkedItem'], simplify: false });
		await activate(workflow);
		const user = f.adminId;
		const card = ui().createCard(user, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Ship it' });
		ui().moveCard(user, card._id, { listId: f.doneListId });
		ui().addComment(user, card._id, 'Looks good');
		const checklist = ui().addChecklist(user, card._id, 'Steps');
		const item = ui().addChecklistItem(user, checklist._id, 'Test');
		ui().checkItem(user, item._id);
		await settle();
		// Wekan posts only the chosen activities (not addChecklist, addChecklistItem, completeChecklist).
		expect(received.map((r) => r.body.description)).toEqual(['act-createCard', 'act-moveCard', 'act-addComment', 'act-checkedItem']);
		expect(received.every((r) => r.status === 200)).toBe(true);
		const items = emitted();
		expect(items.map((i) => i.event)).toEqual(['act-createCard', 'act-moveCard', 'act-addComment', 'act-checkedItem']);
		expect(items[0]).toMatchObject({
			boardId: f.boardId,
			cardId: card._id,
			cardTitle: 'Ship it',
			listId: f.todoListId,
			swimlaneId: f.swimlaneId,
			username: 'admin',
			url: `${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`,
		});
		expect(items[0].text).toMatch(/created card "Ship it"/);
		expect(items[0].raw).toMatchObject({ description: 'act-createCard', cardId: card._id });
		expect(items[1]).toMatchObject({ listId: f.doneListId, oldListId: f.todoListId });
		expect(items[2]).toMatchObject({ comment: 'Looks good' });
		expect(items[3]).toMatchObject({ cardId: card._id });
		await deactivate(workflow);
	});

	it('filters by event, list and swimlane', async () => {
		const other = f.server.wekan.createSwimlane(f.boardId, 'Other');
		const workflow = makeWorkflow({ events: ['all'], filters: { listIds: [f.doneListId], swimlaneIds: [f.swimlaneId] } });
		await activate(workflow);
		const user = f.adminId;
		const inTodo = ui().createCard(user, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'A' });
		const inDoneOther = ui().createCard(user, { boardId: f.boardId, listId: f.doneListId, swimlaneId: other._id, title: 'B' });
		ui().moveCard(user, inTodo._id, { listId: f.doneListId });
		ui().addComment(user, inDoneOther._id, 'not this swimlane');
		await settle();
		expect(received).toHaveLength(4);
		expect(emitted().map((i) => [i.event, i.cardId])).toEqual([['act-moveCard', inTodo._id]]);
		await deactivate(workflow);
		received = [];

		const onlyComments = makeWorkflow({ events: ['act-addComment'] }, 'hook-4');
		await activate(onlyComments);
		// An integration set to all activities (edited in Wekan) still yields only the chosen events.
		integrations()[0].activities = ['all'];
		ui().editCardTitle(user, inTodo._id, 'A2');
		ui().addComment(user, inTodo._id, 'yes');
		await settle();
		expect(emitted().map((i) => i.event)).toEqual(['act-addComment']);
		await deactivate(onlyComments);
	});

	it('answers 401 to a wrong or missing token and drops a repeated delivery', async () => {
		const workflow = makeWorkflow({ events: ['act-createCard'] });
		await activate(workflow);
		ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Real' });
		await settle();
		expect(emitted()).toHaveLength(1);
		const [real] = received;
		const token = String(real.headers['x-wekan-token']);
		expect(token).toHaveLength(64);

		const post = async (headers: Record<string, string>, body: IDataObject) => {
			const response = await fetch(`${receiverUrl}${real.path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body: JSON.stringify(body),
			});
			return response.status;
		};
		received = [];
		expect(await post({}, real.body)).toBe(401);
		expect(await post({ 'X-Wekan-Token': 'x'.repeat(64) }, real.body)).toBe(401);
		expect(await post({ 'X-Wekan-Token': token.slice(0, 63) }, real.body)).toBe(401);
		expect(await post({ 'X-Wekan-Token': `${token}0` }, real.body)).toBe(401);
		expect(received.every((r) => r.status === 401 && r.result?.noWebhookResponse && !r.result.workflowData)).toBe(true);

		// The same delivery again, within the window: acknowledged, no second execution.
		expect(await post({ 'X-Wekan-Token': token }, real.body)).toBe(200);
		expect(emitted()).toHaveLength(0);
		// A different activity with the same token starts one.
		expect(await post({ 'X-Wekan-Token': token }, { ...real.body, card: 'Other', cardId: 'zzzzzzzzzzzzzzzzz' })).toBe(200);
		expect(emitted()).toHaveLength(1);
		const recent = (workflow.staticData['node:Wekan Trigger'] as IDataObject).recent as IDataObject;
		expect(Object.keys(recent)).toHaveLength(2);
		await deactivate(workflow);
	});

	it('adds the full card when asked, read after the delay', async () => {
		const workflow = makeWorkflow({ events: ['act-moveCard', 'act-deleteCard'], includeCard: true, cardDelayMs: 50, simplify: false });
		await activate(workflow);
		const card = ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Full' });
		ui().moveCard(f.adminId, card._id, { listId: f.doneListId });
		await settle();
		const [moved] = emitted();
		expect(moved.card).toMatchObject({ _id: card._id, title: 'Full', listId: f.doneListId, labelIds: [], cardNumber: expect.any(Number) });
		// The deleted card cannot be read: the item says why and still runs.
		ui().deleteCard(f.adminId, card._id);
		await settle();
		const deleted = emitted()[1];
		expect(deleted).toMatchObject({ event: 'act-deleteCard', card: null });
		expect(String(deleted.cardError)).toMatch(/not found|No card/i);
		await deactivate(workflow);
	});

	it('simplifies deliveries by default: the IDs, title, user and URL, without the raw payload or empty fields', async () => {
		const workflow = makeWorkflow({ events: ['act-createCard', 'act-addComment'] });
		await activate(workflow);
		const card = ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Plain' });
		ui().addComment(f.adminId, card._id, 'Noted');
		await settle();
		const [created, commented] = emitted();
		expect(created).toEqual({
			event: 'act-createCard',
			boardId: f.boardId,
			cardId: card._id,
			cardTitle: 'Plain',
			listId: f.todoListId,
			swimlaneId: f.swimlaneId,
			user: expect.any(String),
			username: 'admin',
			url: `${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`,
		});
		expect(commented).toMatchObject({ event: 'act-addComment', cardId: card._id, comment: 'Noted', commentId: expect.any(String) });
		expect(commented).not.toHaveProperty('raw');
		expect(commented).not.toHaveProperty('label');
		await deactivate(workflow);
	});

	it('simplifies the full card too, with no request for names: Wekan\'s payload has none', async () => {
		const workflow = makeWorkflow({ events: ['act-moveCard'], includeCard: true, cardDelayMs: 10 });
		await activate(workflow);
		const card = ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Moved full' });
		const mark = f.server.wekan.log.length;
		ui().moveCard(f.adminId, card._id, { listId: f.doneListId });
		await settle();
		const [moved] = emitted();
		expect(moved).toMatchObject({ event: 'act-moveCard', listId: f.doneListId, oldListId: f.todoListId });
		expect(moved.card).toEqual(
			expect.objectContaining({ _id: card._id, title: 'Moved full', listId: f.doneListId, userId: f.adminId, archived: false, url: moved.url }),
		);
		expect(Object.keys(moved.card as IDataObject)).not.toEqual(expect.arrayContaining(['listTitle']));
		expect(moved.card).not.toHaveProperty('cardNumber');
		const reads = f.server.wekan.log.slice(mark).filter((r) => r.method === 'GET' && r.path.startsWith('/api/'));
		expect(reads.map((r) => r.path)).toEqual([`/api/cards/${card._id}`]);
		await deactivate(workflow);
	});

	it('explains a refused webhook URL and points to the polling trigger', async () => {
		const strict = await startFixture();
		strict.engine.addNodeType(TYPE, trigger);
		try {
			const workflow = strict.engine.workflow(
				{ nodes: [{ name: NODE, type: TYPE, webhookId: 'hook-9', parameters: { boardId: rl(strict.boardId), events: ['all'] } as never }], connections: {} },
				{},
			);
			const ctx = strict.engine.hookContext(workflow, NODE, hookDescription);
			expect(await trigger.webhookMethods.default.checkExists.call(ctx)).toBe(false);
			await expect(trigger.webhookMethods.default.create.call(ctx)).rejects.toMatchObject({
				message: expect.stringMatching(/refused the webhook URL/),
				description: expect.stringMatching(/Polling Trigger/),
			});
			expect(strict.server.wekan.store.integrations.size).toBe(0);
		} finally {
			await strict.close();
		}
	});
});
