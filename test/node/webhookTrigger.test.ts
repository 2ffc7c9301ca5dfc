/**
 * The webhook trigger end to end: n8n-core's hook context registers the integrations on the Wekan-compatible
 * server, a user acts in the web UI, the server POSTs real webhooks to a local receiver (Wekan's one-way payload,
 * server/notifications/outgoing.js), and the receiver runs the trigger's webhook() in n8n-core's webhook context.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IWebhookResponseData, Workflow } from 'n8n-workflow';
import { WekanTrigger } from '../../nodes/WekanTrigger/WekanTrigger.node';
import { ACTIVITY_EVENTS, WEBHOOK_EVENT_OPTIONS } from '../../nodes/shared/activityTypes';
import { PACKAGE, rl } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import type { IntegrationDoc } from '../wekan-server/schemas/integrations';

const TYPE = `${PACKAGE}.wekanTrigger`;
const NODE = 'Wekan Trigger';
const trigger = new WekanTrigger();
const hookDescription = trigger.description.webhooks![0] as never;
const hooks = trigger.webhookMethods.default;

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
		f = await startFixture({ allowLoopbackWebhooks: true, bcryptRounds: 4 });
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

	const wekan = () => f.server.wekan;
	const ui = () => wekan().ui;
	const settle = () => wekan().webhooks.settle();

	/** A workflow with the trigger at version 2 (what a new node is), or at `typeVersion`. */
	const makeWorkflow = (parameters: IDataObject, webhookId = 'hook-1', staticData: IDataObject = {}, typeVersion = 2, credentialId?: string) =>
		f.engine.workflow(
			{
				nodes: [
					{
						name: NODE,
						type: TYPE,
						typeVersion,
						webhookId,
						parameters: { boardId: rl(f.boardId), ...parameters } as never,
						...(credentialId ? { credentials: { wekanRestApi: { id: credentialId, name: 'Other' } } } : {}),
					},
				],
				connections: {},
			},
			staticData,
		);

	const prefixOf = (workflow: Workflow, isTest: boolean) => `/${isTest ? 'webhook-test' : 'webhook'}/${workflow.getNode(NODE)!.webhookId}/`;
	/** What n8n does when a workflow is activated: checkExists, then create unless it exists. */
	const activate = async (workflow: Workflow, isTest = false) => {
		const ctx = f.engine.hookContext(workflow, NODE, hookDescription, isTest);
		if (!(await hooks.checkExists.call(ctx))) expect(await hooks.create.call(ctx)).toBe(true);
		active.set(prefixOf(workflow, isTest), workflow);
	};
	const deactivate = async (workflow: Workflow, isTest = false) => {
		const ctx = f.engine.hookContext(workflow, NODE, hookDescription, isTest);
		expect(await hooks.delete.call(ctx)).toBe(true);
		active.delete(prefixOf(workflow, isTest));
	};
	const integrations = (boardId = f.boardId): IntegrationDoc[] => wekan().db.integrations.find({ boardId });
	const emitted = () => received.filter((r) => r.result?.workflowData).map((r) => r.result!.workflowData![0][0].json);
	const requestsSince = (mark: number) => wekan().log.slice(mark).filter((r) => r.path !== '/users/login').map((r) => `${r.method} ${r.path}`);

	/** A board of the admin's with one list, for the tests that watch several boards. */
	const board = (title: string, ownerId = f.adminId) => {
		const b = wekan().createBoard({ title, ownerId });
		const swimlaneId = wekan().defaultSwimlaneId(b._id)!;
		const listId = wekan().createList(b._id, 'Todo', swimlaneId, 0)._id;
		return { boardId: b._id, swimlaneId, listId };
	};

	it('registers one integration with a secret token, the events and a title, checks what Wekan kept, and removes it again', async () => {
		const workflow = makeWorkflow({ events: ['cardCreated', 'cardMoved'] });
		const mark = wekan().log.length;
		await activate(workflow);
		expect(integrations()).toHaveLength(1);
		const [integration] = integrations();
		expect(integration).toMatchObject({
			url: `${receiverUrl}/webhook/hook-1/webhook`,
			activities: ['act-createCard', 'act-moveCard'],
			enabled: true,
			type: 'outgoing-webhooks',
			title: 'n8n: Test / Wekan Trigger',
		});
		expect(integration.token).toMatch(/^[0-9a-f]{64}$/);
		// POST stores the url alone (integrations.js:74-78); the rest is a PUT, and Wekan's answer to a PUT says
		// nothing about what it kept, so the integration is read back.
		const base = `/api/boards/${f.boardId}/integrations`;
		expect(requestsSince(mark)).toEqual([`GET ${base}`, `POST ${base}`, `PUT ${base}/${integration._id}`, `GET ${base}/${integration._id}`]);
		// Activating again (n8n restarts) finds it and makes no second one.
		await activate(workflow);
		expect(integrations()).toHaveLength(1);
		await deactivate(workflow);
		expect(integrations()).toHaveLength(0);
		expect(workflow.staticData['node:Wekan Trigger']).toEqual({ registrations: {} });
	});

	it('leaves no duplicate or orphan over repeated activation, lost state, changed events, and test plus production URLs', async () => {
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
		const firstId = integrations()[0]._id;
		const lost = makeWorkflow({ events: ['all'] }, 'hook-3');
		await activate(lost);
		expect(integrations()).toHaveLength(1);
		expect(integrations()[0]._id).not.toBe(firstId);
		// An integration someone deleted in Wekan is made again on the next activation.
		wekan().db.integrations.raw.remove({});
		await activate(lost);
		expect(integrations()).toHaveLength(1);
		// Other events on the same URL: a new integration with them, not a second one.
		const changed = makeWorkflow({ events: ['commentAdded'] }, 'hook-3', lost.staticData);
		await activate(changed);
		expect(integrations().map((i) => i.activities)).toEqual([['act-addComment']]);
		await deactivate(changed);
		expect(integrations()).toHaveLength(0);
	});

	it('turns real deliveries of UI actions into items named as the polling trigger names them', async () => {
		const workflow = makeWorkflow({ events: ['cardCreated', 'cardMoved', 'commentAdded', 'checklistItemChecked'], simplify: false });
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
		expect(items.map((i) => [i.event, i.activity])).toEqual([
			['cardCreated', 'act-createCard'],
			['cardMoved', 'act-moveCard'],
			['commentAdded', 'act-addComment'],
			['checklistItemChecked', 'act-checkedItem'],
		]);
		expect(items[0]).toMatchObject({
			boardId: f.boardId,
			cardId: card._id,
			cardTitle: 'Ship it',
			listId: f.todoListId,
			swimlaneId: f.swimlaneId,
			username: 'admin',
			text: expect.stringMatching(/created card "Ship it" to list "To Do" at swimlane "Default" at board "Engine Tests"$/),
			url: `${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`,
		});
		expect(items[0].raw).toMatchObject({ description: 'act-createCard', cardId: card._id });
		expect(items[1]).toMatchObject({ listId: f.doneListId, oldListId: f.todoListId });
		expect(items[2]).toMatchObject({ comment: 'Looks good' });
		expect(items[3]).toMatchObject({ cardId: card._id });
		await deactivate(workflow);
	});

	it('keeps a description that spans lines whole, without the URL line', async () => {
		const workflow = makeWorkflow({ events: ['cardDueDateChanged'], simplify: false });
		await activate(workflow);
		const card = ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Due' });
		ui().setCardDate(f.adminId, card._id, 'dueAt', new Date('2030-01-02T03:04:05Z'));
		await settle();
		const [due] = emitted();
		// en.i18n.json's act-a-dueAt is "modified due time to \nWhen: ...\nWhere: ...\n previous due was ...".
		expect(String(due.raw && (due.raw as IDataObject).text).split('\n').length).toBeGreaterThan(3);
		expect(due.text).toMatch(/modified due time to \nWhen: .+\nWhere: "Due"/);
		expect(due.text).not.toMatch(/http/);
		expect(due.url).toBe(`${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`);
		await deactivate(workflow);
	});

	it('filters by event, list and swimlane', async () => {
		const other = wekan().createSwimlane(f.boardId, 'Other');
		const workflow = makeWorkflow({ events: ['all'], filters: { listIds: [f.doneListId], swimlaneIds: [f.swimlaneId] } });
		await activate(workflow);
		const user = f.adminId;
		const inTodo = ui().createCard(user, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'A' });
		const inDoneOther = ui().createCard(user, { boardId: f.boardId, listId: f.doneListId, swimlaneId: other._id, title: 'B' });
		ui().moveCard(user, inTodo._id, { listId: f.doneListId });
		ui().addComment(user, inDoneOther._id, 'not this swimlane');
		await settle();
		expect(received).toHaveLength(4);
		expect(emitted().map((i) => [i.event, i.cardId])).toEqual([['cardMoved', inTodo._id]]);
		await deactivate(workflow);
		received = [];

		const onlyComments = makeWorkflow({ events: ['commentAdded'] }, 'hook-4');
		await activate(onlyComments);
		// An integration set to all activities (edited in Wekan) still yields only the chosen events.
		wekan().db.integrations.raw.update({ boardId: f.boardId }, { $set: { activities: ['all'] } });
		ui().editCardTitle(user, inTodo._id, 'A2');
		ui().addComment(user, inTodo._id, 'yes');
		await settle();
		expect(emitted().map((i) => i.event)).toEqual(['commentAdded']);
		await deactivate(onlyComments);
	});

	it('gets nothing for REST writes, for site admins who are not members, nor while notifications are off', async () => {
		const workflow = makeWorkflow({ events: ['all'] });
		await activate(workflow);
		// A REST write runs outside any Meteor method: outgoing.js:110 sends nothing.
		const token = wekan().issueToken(f.adminId).token;
		const response = await fetch(`${f.server.url}/api/boards/${f.boardId}/lists/${f.todoListId}/cards`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
			body: JSON.stringify({ title: 'Via REST', authorId: f.adminId, swimlaneId: f.swimlaneId }),
		});
		expect(response.status).toBe(200);
		// A site admin who is not a member of the board, acting in the UI: outgoing.js:185.
		const outsider = wekan().createUser({ username: 'siteadmin2', email: 'sa2@example.com', password: ADMIN_PASSWORD, isAdmin: true });
		ui().createCard(outsider._id, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'By an outsider' });
		// Admin Panel > Features, notifications off: activities.js:60-62 returns before the webhooks.
		wekan().db.settings.raw.update({}, { $set: { disableNotifications: true } });
		ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'While off' });
		wekan().db.settings.raw.update({}, { $set: { disableNotifications: false } });
		ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'In the UI' });
		await settle();
		expect(emitted().map((i) => i.cardTitle)).toEqual(['In the UI']);
		await deactivate(workflow);
	});

	it('answers 401 to a wrong or missing token and drops a repeated delivery', async () => {
		const workflow = makeWorkflow({ events: ['cardCreated'] });
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
		// A different activity with the same token starts one; one claiming another board does not.
		expect(await post({ 'X-Wekan-Token': token }, { ...real.body, card: 'Other', cardId: 'zzzzzzzzzzzzzzzzz' })).toBe(200);
		expect(await post({ 'X-Wekan-Token': token }, { ...real.body, boardId: 'someOtherBoard123', cardId: 'yyyyyyyyyyyyyyyyy' })).toBe(200);
		expect(emitted()).toHaveLength(1);
		const recent = (workflow.staticData['node:Wekan Trigger'] as IDataObject).recent as IDataObject;
		expect(Object.keys(recent)).toHaveLength(2);
		await deactivate(workflow);
	});

	it('adds the full card when asked, read after the delay', async () => {
		const workflow = makeWorkflow({ events: ['cardMoved', 'cardDeleted'], includeCard: true, cardDelayMs: 50, simplify: false });
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
		expect(deleted).toMatchObject({ event: 'cardDeleted', card: null });
		expect(String(deleted.cardError)).toMatch(/No card/i);
		await deactivate(workflow);
	});

	it('simplifies deliveries by default: the IDs, title, user and URL, without the raw payload or empty fields', async () => {
		const workflow = makeWorkflow({ events: ['cardCreated', 'commentAdded'] });
		await activate(workflow);
		const card = ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Plain' });
		ui().addComment(f.adminId, card._id, 'Noted');
		await settle();
		const [created, commented] = emitted();
		expect(created).toEqual({
			event: 'cardCreated',
			activity: 'act-createCard',
			boardId: f.boardId,
			cardId: card._id,
			cardTitle: 'Plain',
			listId: f.todoListId,
			swimlaneId: f.swimlaneId,
			user: expect.any(String),
			username: 'admin',
			url: `${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`,
		});
		expect(commented).toMatchObject({ event: 'commentAdded', cardId: card._id, comment: 'Noted', commentId: expect.any(String) });
		expect(commented).not.toHaveProperty('raw');
		expect(commented).not.toHaveProperty('label');
		await deactivate(workflow);
	});

	it('simplifies the full card too, with no request for names: Wekan\'s payload has none', async () => {
		const workflow = makeWorkflow({ events: ['cardMoved'], includeCard: true, cardDelayMs: 10 });
		await activate(workflow);
		const card = ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Moved full' });
		const mark = wekan().log.length;
		ui().moveCard(f.adminId, card._id, { listId: f.doneListId });
		await settle();
		const [moved] = emitted();
		expect(moved).toMatchObject({ event: 'cardMoved', listId: f.doneListId, oldListId: f.todoListId });
		expect(moved.card).toEqual(
			expect.objectContaining({ _id: card._id, title: 'Moved full', listId: f.doneListId, userId: f.adminId, members: [], url: moved.url }),
		);
		expect(Object.keys(moved.card as IDataObject)).not.toEqual(expect.arrayContaining(['listTitle']));
		expect(moved.card).not.toHaveProperty('cardNumber');
		expect(requestsSince(mark).filter((r) => r.startsWith('GET /api/'))).toEqual([`GET /api/cards/${card._id}`]);
		await deactivate(workflow);
	});

	it('keeps version 1 workflows as they were saved: Wekan\'s event names in and out', async () => {
		const workflow = makeWorkflow({ events: ['act-createCard'], simplify: false }, 'hook-v1', {}, 1);
		await activate(workflow);
		expect(integrations()[0].activities).toEqual(['act-createCard']);
		ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Old' });
		await settle();
		const [item] = emitted();
		expect(item.event).toBe('act-createCard');
		expect(item).not.toHaveProperty('activity');
		await deactivate(workflow);
		// Static data of the version that watched one board: { registrations: { <url>: { integrationId, token } } }.
		const legacy = makeWorkflow({ events: ['act-createCard'] }, 'hook-v1b', {}, 1);
		await activate(legacy);
		const state = legacy.staticData['node:Wekan Trigger'] as IDataObject;
		const url = `${receiverUrl}/webhook/hook-v1b/webhook`;
		const byBoard = (state.registrations as IDataObject)[url] as IDataObject;
		(state.registrations as IDataObject)[url] = byBoard[f.boardId];
		ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'Older' });
		await settle();
		expect(emitted().map((i) => i.cardTitle)).toEqual(['Old', 'Older']);
		await activate(legacy);
		expect(integrations()).toHaveLength(1);
		await deactivate(legacy);
		expect(integrations()).toHaveLength(0);
	});

	it('refuses an unknown event before any request', async () => {
		const workflow = makeWorkflow({ events: ['act-createCard'] });
		const ctx = f.engine.hookContext(workflow, NODE, hookDescription);
		const mark = wekan().log.length;
		await expect(hooks.checkExists.call(ctx)).rejects.toThrow('Unknown event: act-createCard');
		expect(wekan().log.length).toBe(mark);
	});

	it('names the same events with the same labels as the catalogue of Wekan activities', () => {
		const v2 = trigger.description.properties.find((p) => p.name === 'events' && p.displayOptions?.show?.['@version']?.[0] === 2)!;
		const names = (v2.options as Array<{ name: string; value: string }>).slice(1);
		expect(names.map((o) => o.value)).toEqual(ACTIVITY_EVENTS.map((e) => e.value));
		// Every activity the Webhook resource offers has a name here, and only those.
		expect(ACTIVITY_EVENTS.map((e) => `act-${e.activity}`).sort()).toEqual(
			WEBHOOK_EVENT_OPTIONS.map((o) => String(o.value)).filter((v) => v !== 'all').sort(),
		);
		expect(names.map((o) => o.name)).toEqual([...names.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
	});

	describe('several boards', () => {
		it('registers one integration per board, names the board of each delivery, and removes them all', async () => {
			const second = board('Second Board');
			const workflow = makeWorkflow({ boardScope: 'several', boardIds: [f.boardId, second.boardId], events: ['cardCreated'] }, 'hook-many');
			await activate(workflow);
			expect(integrations()).toHaveLength(1);
			expect(integrations(second.boardId)).toHaveLength(1);
			expect(integrations()[0].token).not.toBe(integrations(second.boardId)[0].token);
			ui().createCard(f.adminId, { boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, title: 'On one' });
			ui().createCard(f.adminId, { boardId: second.boardId, listId: second.listId, swimlaneId: second.swimlaneId, title: 'On two' });
			await settle();
			expect(emitted().map((i) => [i.boardId, i.cardTitle])).toEqual([
				[f.boardId, 'On one'],
				[second.boardId, 'On two'],
			]);
			// Dropping a board from the list removes its integration at the next activation.
			const fewer = makeWorkflow({ boardScope: 'several', boardIds: [second.boardId], events: ['cardCreated'] }, 'hook-many', workflow.staticData);
			await activate(fewer);
			expect(integrations()).toHaveLength(0);
			expect(integrations(second.boardId)).toHaveLength(1);
			await deactivate(fewer);
			expect(integrations(second.boardId)).toHaveLength(0);
		});

		it('removes every integration it made when one board refuses, and says which', async () => {
			const { credentialId, userId, password } = memberUser('carol');
			const own = board('Carol Own', userId);
			const notAdmin = board('Carol Member');
			wekan().addBoardMember(notAdmin.boardId, userId, { isAdmin: false });
			expect(password).toBeTruthy();
			const workflow = makeWorkflow(
				{ boardScope: 'several', boardIds: [own.boardId, notAdmin.boardId], events: ['cardCreated'] },
				'hook-partial',
				{},
				2,
				credentialId,
			);
			const ctx = f.engine.hookContext(workflow, NODE, hookDescription);
			expect(await hooks.checkExists.call(ctx)).toBe(false);
			await expect(hooks.create.call(ctx)).rejects.toMatchObject({ description: expect.stringMatching(/board admin/) });
			expect(integrations(own.boardId)).toHaveLength(0);
			expect(integrations(notAdmin.boardId)).toHaveLength(0);
			expect((workflow.staticData['node:Wekan Trigger'] as IDataObject).registrations).toEqual({});
		});

		it('watches all the boards where the user may add a webhook, as Wekan lists them at activation', async () => {
			const { credentialId, userId } = memberUser('dave');
			const mine = board('Dave One', userId);
			const alsoMine = board('Dave Two', userId);
			const notAdmin = board('Dave Member');
			wekan().addBoardMember(notAdmin.boardId, userId, { isAdmin: false });
			const workflow = makeWorkflow({ boardScope: 'all', events: ['cardCreated'] }, 'hook-all', {}, 2, credentialId);
			await activate(workflow);
			expect([mine, alsoMine, notAdmin].map((b) => integrations(b.boardId).length)).toEqual([1, 1, 0]);
			ui().createCard(userId, { boardId: alsoMine.boardId, listId: alsoMine.listId, swimlaneId: alsoMine.swimlaneId, title: 'Dave\'s' });
			await settle();
			expect(emitted().map((i) => [i.boardId, i.cardTitle])).toEqual([[alsoMine.boardId, 'Dave\'s']]);
			// A board the user makes later is watched from the next activation on.
			const later = board('Dave Three', userId);
			await activate(workflow);
			expect(integrations(later.boardId)).toHaveLength(1);
			await deactivate(workflow);
			expect([mine, alsoMine, later].map((b) => integrations(b.boardId).length)).toEqual([0, 0, 0]);
		});
	});

	/** A user who is no site admin, with a stored credential. */
	let users = 0;
	function memberUser(username: string) {
		const password = 'Us3r-Pa55word!';
		const user = wekan().createUser({ username, email: `${username}@example.com`, password, isAdmin: false });
		const credentialId = `cred-${username}-${++users}`;
		f.engine.setCredential({ url: f.server.url, authentication: 'password', login: username, password }, credentialId);
		return { userId: user._id, credentialId, password };
	}

	it('explains a refused webhook URL and points to the polling trigger', async () => {
		const strict = await startFixture({ bcryptRounds: 4 });
		strict.engine.addNodeType(TYPE, trigger);
		try {
			const workflow = strict.engine.workflow(
				{
					nodes: [{ name: NODE, type: TYPE, typeVersion: 2, webhookId: 'hook-9', parameters: { boardId: rl(strict.boardId), events: ['all'] } as never }],
					connections: {},
				},
				{},
			);
			const ctx = strict.engine.hookContext(workflow, NODE, hookDescription);
			expect(await hooks.checkExists.call(ctx)).toBe(false);
			await expect(hooks.create.call(ctx)).rejects.toMatchObject({
				message: expect.stringMatching(/refused the webhook URL/),
				description: expect.stringMatching(/Localhost is not allowed.*Polling Trigger/),
			});
			expect(strict.server.wekan.db.integrations.size).toBe(0);
		} finally {
			await strict.close();
		}
	});
});
