/**
 * The two triggers inside a running n8n, driven the way a user drives them: the workflow is created and
 * activated through n8n's public API, and the events are made in Wekan "by a person in the web UI" (the only writes
 * for which Wekan sends outgoing webhooks).
 */
import { randomUUID } from 'node:crypto';
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { IntegrationDoc } from '../wekan-server/schemas/integrations';
import type { Execution, N8n } from './n8n';
import { waitFor } from './processes';
import { expect, type Report } from './report';
import type { SeededWekan } from './wekan';

const TRIGGER = 'n8n-nodes-wekan.wekanTrigger';
const POLLING_TRIGGER = 'n8n-nodes-wekan.wekanPollingTrigger';

/** Creates an n8n credential for the Wekan server through the public API; returns its id. */
export async function createCredential(n8n: N8n, wekan: SeededWekan, name: string): Promise<string> {
	const body = { name, type: 'wekanRestApi', data: wekan.credential };
	try {
		return ((await n8n.api('POST', '/credentials', body)) as { id: string }).id;
	} catch (error) {
		// n8n 1.x's public API checks the data against a schema it derives from the credential's fields, and wrongly
		// requires the fields of the other authentication choice (userId, token). The editor's own endpoint does not.
		if (!/does not match .*schema/.test((error as Error).message)) throw error;
		return ((await n8n.rest('POST', '/rest/credentials', body)) as { data: { id: string } }).data.id;
	}
}

function outputOf(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	return (runs?.[runs.length - 1]?.data?.main?.[0] ?? []).map((i) => i.json);
}

function newestFirst(executions: Execution[]): Execution[] {
	return [...executions].sort((a, b) => Number(b.id) - Number(a.id));
}

/** In queue mode the worker, not the main process, must have run the execution. */
function ranOnWorker(n8n: N8n, executionId: string): boolean {
	return new RegExp(`execution ${executionId}\\b`).test(n8n.logText('worker'));
}

export interface TriggerScenario {
	n8n: N8n;
	wekan: SeededWekan;
	report: Report;
	/** "regular" or "queue": in queue mode each execution is also checked to have run on the worker. */
	mode: 'regular' | 'queue';
}

/**
 * Wekan Trigger: activation registers an integration in Wekan, a card made in the UI runs the workflow, a forged
 * delivery gets 401 and runs nothing, deactivation removes the integration.
 */
export async function webhookTriggerChecks({ n8n, wekan, report, mode }: TriggerScenario): Promise<void> {
	const { seed } = wekan;
	const { db } = wekan.server.wekan;
	const ui = wekan.server.wekan.ui;
	const webhookId = randomUUID();
	const webhookUrl = `${n8n.url}/webhook/${webhookId}/webhook`;
	let workflowId = '';
	let integration: IntegrationDoc | undefined;
	let card: CardDoc | undefined;

	const ok = await report.check(`[${mode}] a Wekan Trigger workflow, activated through n8n's public API, registers its integration in Wekan`, async () => {
		const credentialId = await createCredential(n8n, wekan, `Wekan (trigger, ${mode})`);
		const workflow = {
			name: `E2E Wekan Trigger (${mode})`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Wekan Trigger',
					type: TRIGGER,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: {
						boardId: { __rl: true, mode: 'id', value: seed.boardId },
						events: ['act-createCard', 'act-moveCard'],
					},
					credentials: { wekanRestApi: { id: credentialId, name: `Wekan (trigger, ${mode})` } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		workflowId = ((await n8n.api('POST', '/workflows', workflow)) as { id: string }).id;
		await n8n.api('POST', `/workflows/${workflowId}/activate`);
		// n8n answers the activation before the trigger has registered itself (and set its token), so give it a moment.
		integration = await waitFor('the integration', () => db.integrations.find({ boardId: seed.boardId, url: webhookUrl }).find((i) => !!i.token), 15_000).catch(() => undefined);
		const requests = wekan.server.wekan.log.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ');
		expect(integration, `Wekan has no integration for ${webhookUrl}; it has ${JSON.stringify(db.integrations.find().map((i) => i.url))}; requests: ${requests}`);
		expect(integration.enabled && integration.token, 'the integration is not enabled or has no token');
		expect(
			[...integration.activities].sort().join() === 'act-createCard,act-moveCard',
			`the integration listens to ${integration.activities.join(', ')}`,
		);
		await waitForWebhookSecret(integration);
		return [`integration ${integration._id} → ${webhookUrl}, events ${integration.activities.join(', ')}, with a secret token`];
	});
	if (!ok) return;

	await report.check(`[${mode}] a card created in Wekan's UI runs the workflow${mode === 'queue' ? ' on the worker' : ''}`, async () => {
		card = ui.createCard(seed.adminId, { boardId: seed.boardId, listId: seed.lists.todo, swimlaneId: seed.swimlaneId, title: `Made in the UI (${mode})` });
		await wekan.server.wekan.webhooks.settle();
		const delivery = wekan.server.wekan.webhooks.deliveries.filter((d) => d.url === webhookUrl).pop();
		expect(delivery?.status === 200, `Wekan's delivery to n8n got ${delivery?.status ?? delivery?.error ?? 'nothing'}`);
		const [execution] = newestFirst(await n8n.waitForExecutions(workflowId, 1));
		expect(execution.status === 'success', `the execution ended with status ${execution.status}`);
		const [item] = outputOf(execution, 'Wekan Trigger');
		expect(item?.event === 'act-createCard' && item.cardId === card._id, `the trigger output ${JSON.stringify(item)?.slice(0, 300)}`);
		if (mode === 'queue') expect(ranOnWorker(n8n, execution.id), `the worker's log does not mention execution ${execution.id}`);
		return [`Wekan delivered act-createCard (HTTP 200); execution ${execution.id} output event ${String(item.event)}, card '${String(item.cardTitle)}'${mode === 'queue' ? ', run by the worker' : ''}`];
	});

	await report.check(`[${mode}] moving the card in Wekan's UI runs it again`, async () => {
		expect(card, 'no card from the previous check');
		ui.moveCard(seed.adminId, card._id, { listId: seed.lists.doing });
		await wekan.server.wekan.webhooks.settle();
		const [execution] = newestFirst(await n8n.waitForExecutions(workflowId, 2));
		const [item] = outputOf(execution, 'Wekan Trigger');
		expect(item?.event === 'act-moveCard' && item.listId === seed.lists.doing && item.oldListId === seed.lists.todo, `the trigger output ${JSON.stringify(item)?.slice(0, 300)}`);
		return [`execution ${execution.id}: act-moveCard from 'To Do' to 'Doing'`];
	});

	await report.check(`[${mode}] a forged delivery is refused with 401 and runs nothing`, async () => {
		const before = (await n8n.executions(workflowId)).length;
		const body = JSON.stringify({ text: 'forged', description: 'act-createCard', boardId: seed.boardId, cardId: 'forged', card: 'Forged' });
		const answers: string[] = [];
		for (const headers of [{ 'X-Wekan-Token': 'not-the-token' }, {} as Record<string, string>]) {
			const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
			expect(res.status === 401, `a delivery ${headers['X-Wekan-Token'] ? 'with a wrong token' : 'without a token'} got ${res.status}`);
			answers.push(`${headers['X-Wekan-Token'] ? 'wrong X-Wekan-Token' : 'no X-Wekan-Token'}: ${res.status}`);
		}
		await new Promise((r) => setTimeout(r, 1500));
		const after = (await n8n.executions(workflowId)).length;
		expect(after === before, `${after - before} execution(s) ran`);
		return [`${answers.join(', ')}; no execution`];
	});

	await report.check(`[${mode}] deactivation removes the integration from Wekan`, async () => {
		await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
		// As with activation, n8n removes the webhook after it has answered.
		const gone = await waitFor('the integration to go', () => db.integrations.find({ url: webhookUrl }).length === 0, 15_000).catch(() => false);
		expect(gone, `Wekan still has ${db.integrations.find({ url: webhookUrl }).length} integration(s) for ${webhookUrl}`);
		const deliveries = wekan.server.wekan.webhooks.deliveries.length;
		ui.createCard(seed.adminId, { boardId: seed.boardId, listId: seed.lists.todo, swimlaneId: seed.swimlaneId, title: 'After deactivation' });
		await wekan.server.wekan.webhooks.settle();
		expect(wekan.server.wekan.webhooks.deliveries.length === deliveries, 'Wekan still delivered a webhook');
		return [`integration ${integration?._id} is gone; a new card delivers nothing`];
	});
}

/**
 * Poll times for a test that should not wait a minute per poll. n8n refuses a poll time under a minute (the seconds
 * field of its cron must be one number), but a trigger may have several poll times: one a minute at each of
 * 0, 5, ... 55 seconds is a poll every 5 seconds.
 */
export const EVERY_FIVE_SECONDS = { item: Array.from({ length: 12 }, (_, i) => ({ mode: 'custom', cronExpression: `${i * 5} * * * * *` })) };

/**
 * Wekan Polling Trigger: activated, it takes a baseline of the board (n8n polls once on activation); a card added
 * afterwards runs the workflow at the next scheduled poll.
 */
export async function pollingTriggerChecks({ n8n, wekan, report, mode }: TriggerScenario): Promise<void> {
	const { seed } = wekan;
	const log = wekan.server.wekan;
	const exportPath = `/api/boards/${seed.boardId}/export`;
	let workflowId = '';
	await report.check(`[${mode}] the Wekan Polling Trigger fires on a new card${mode === 'queue' ? ' (run on the worker)' : ''}`, async () => {
		const credentialId = await createCredential(n8n, wekan, `Wekan (polling, ${mode})`);
		const workflow = {
			name: `E2E Wekan Polling Trigger (${mode})`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Wekan Polling Trigger',
					type: POLLING_TRIGGER,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: EVERY_FIVE_SECONDS,
						boardId: { __rl: true, mode: 'id', value: seed.boardId },
						events: ['cardCreated'],
					},
					credentials: { wekanRestApi: { id: credentialId, name: `Wekan (polling, ${mode})` } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		workflowId = ((await n8n.api('POST', '/workflows', workflow)) as { id: string }).id;
		await n8n.api('POST', `/workflows/${workflowId}/activate`);
		// The first poll only records the board; a card made before it would count as already there.
		await waitFor('the baseline poll', () => log.requests('GET', exportPath).length > 0, 20_000);
		const card = log.ui.createCard(seed.adminId, {
			boardId: seed.boardId,
			listId: seed.lists.todo,
			swimlaneId: seed.swimlaneId,
			title: `Seen by polling (${mode})`,
		});
		const executions = await n8n.waitForExecutions(workflowId, 1, 30_000);
		const execution = executions.find((e) => outputOf(e, 'Wekan Polling Trigger').some((i) => i.cardId === card._id));
		expect(execution, `no execution output card ${card._id}; outputs: ${JSON.stringify(executions.map((e) => outputOf(e, 'Wekan Polling Trigger'))).slice(0, 400)}`);
		expect(execution.status === 'success', `the execution ended with status ${execution.status}`);
		const [item] = outputOf(execution, 'Wekan Polling Trigger').filter((i) => i.cardId === card._id);
		expect(item.event === 'cardCreated', `the trigger output event ${String(item.event)}`);
		if (mode === 'queue') expect(ranOnWorker(n8n, execution.id), `the worker's log does not mention execution ${execution.id}`);
		const polls = log.requests('GET', exportPath).length;
		return [`baseline, then execution ${execution.id} output cardCreated for '${card.title}' (${polls} polls so far)${mode === 'queue' ? ', run by the worker' : ''}`];
	});
	if (workflowId) await n8n.api('POST', `/workflows/${workflowId}/deactivate`).catch(() => undefined);
}

/**
 * Waits until n8n accepts the integration's secret. n8n stores what the trigger registered (its secret) only after
 * the activation, which its API answers earlier; until then every delivery is refused with 401. The probe is an
 * event the trigger does not listen to, so it starts no execution.
 */
export async function waitForWebhookSecret(integration: IntegrationDoc): Promise<void> {
	await waitFor(
		'n8n to accept the webhook secret',
		async () => {
			const response = await fetch(integration.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Wekan-Token': String(integration.token) },
				body: JSON.stringify({ description: 'act-e2eReadinessProbe', boardId: integration.boardId }),
			});
			return response.status === 200;
		},
		15_000,
	);
}
