/**
 * The example workflows that start with a trigger ("recipes"), inside a running n8n: imported through the public
 * API, activated, driven by a person acting in Wekan's web UI, and checked in Wekan after each step, with the same
 * claims demo/recipes.ts checks against n8n-core.
 */
import type { IntegrationDoc } from '../wekan-server/schemas/integrations';
import { SEED_CARDS } from '../../demo/seed';
import { prepareExample, withCredential, type PreparedExample } from './examples';
import type { Execution, N8n } from './n8n';
import { waitFor } from './processes';
import { anyBoardNewCardAddBoardAdmin } from './recipesAllBoards';
import { expect } from './report';
import { createCredential, EVERY_FIVE_SECONDS, waitForWebhookSecret } from './triggers';

const POLLING_TRIGGER = 'n8n-nodes-wekan.wekanPollingTrigger';

export type Recipe = (n8n: N8n, example: PreparedExample) => Promise<string[]>;

/** Workflows a recipe activated; deactivated after it, also when it failed, so no webhook is left registered. */
const activated = new Set<string>();

/** Creates the example in n8n through the public API with its own credential, and activates it. */
async function activate(n8n: N8n, example: PreparedExample, adjust: (w: PreparedExample['workflow']) => PreparedExample['workflow'] = (w) => w): Promise<string> {
	const credentialId = await createCredential(n8n, example.wekan, `Wekan for ${example.file}`);
	const workflow = adjust(withCredential(example.workflow, credentialId, `Wekan for ${example.file}`) as PreparedExample['workflow']);
	example.workflow = workflow;
	const created = (await n8n.api('POST', '/workflows', { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: { executionOrder: 'v1' } })) as { id: string };
	await n8n.api('POST', `/workflows/${created.id}/activate`);
	activated.add(created.id);
	return created.id;
}

function ranNodes(execution: Execution): string {
	return Object.keys(execution.data?.resultData.runData ?? {}).join(' → ');
}

async function nthExecution(n8n: N8n, workflowId: string, n: number): Promise<Execution> {
	const executions = (await n8n.waitForExecutions(workflowId, n, 30_000)).sort((a, b) => Number(a.id) - Number(b.id));
	const execution = executions[n - 1];
	expect(execution.status === 'success', `execution ${execution.id} ended with status ${execution.status}: ${JSON.stringify(execution.data?.resultData.error ?? {}).slice(0, 300)}`);
	return execution;
}

/** examples/recipe-new-card-assign-creator.json: a card created in To Do is assigned to its creator, by webhook. */
const newCardAssignCreator: Recipe = async (n8n, example) => {
	const { seed, server } = example.wekan;
	const wekan = server.wekan;
	const lines: string[] = [];
	const workflowId = await activate(n8n, example);
	const integrations = () => wekan.db.integrations.find({ boardId: seed.boardId });
	const integration = await waitFor<IntegrationDoc>('the integration', () => integrations().find((i) => !!i.token), 15_000);
	expect(integration.activities.join() === 'act-createCard', `the integration sends ${integration.activities.join(', ')}`);
	await waitForWebhookSecret(integration);
	lines.push(`activated: Wekan has integration '${integration.title}' → ${integration.url}`);

	const base = { boardId: seed.boardId, swimlaneId: seed.swimlaneId };
	const created = wekan.ui.createCard(seed.teammateId, { ...base, listId: seed.lists.todo, title: 'Plan the sprint review' });
	const elsewhere = wekan.ui.createCard(seed.teammateId, { ...base, listId: seed.lists.doing, title: 'Order new laptops' });
	await wekan.webhooks.settle();
	const answers = wekan.webhooks.deliveries.filter((d) => d.url === integration.url).map((d) => d.status);
	expect(answers.length === 2 && answers.every((s) => s === 200), `Wekan's deliveries got ${answers.join(', ')}`);
	lines.push(`sam created '${created.title}' in To Do and '${elsewhere.title}' in Doing in the UI; Wekan posted both (${answers.join(', ')})`);
	const execution = await nthExecution(n8n, workflowId, 1);
	lines.push(`execution ${execution.id} ran ${ranNodes(execution)}`);
	const card = await waitFor('the assignment', () => {
		const c = wekan.db.cards.findOne(created._id);
		return c?.assignees.length ? c : undefined;
	}, 10_000);
	expect(card.assignees.join() === seed.teammateId && card.color === 'sky', `'${card.title}' is assigned to ${card.assignees.join(', ')}, color ${String(card.color)}`);
	await new Promise((r) => setTimeout(r, 1000));
	expect((await n8n.executions(workflowId)).length === 1, 'the card in Doing ran the workflow too');
	expect(!wekan.db.cards.findOne(elsewhere._id)?.assignees.length, `'${elsewhere.title}' in Doing should not be assigned`);
	lines.push(`'${card.title}' is assigned to its creator sam and sky blue; '${elsewhere.title}' is untouched (one execution)`);

	await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
	await waitFor('the integration to go', () => integrations().length === 0, 15_000);
	lines.push('deactivated: the integration is gone from Wekan');
	return lines;
};

/** examples/recipe-card-moved-to-done-mark-complete.json: a card moved into Done is marked complete and green; moved out, reopened. */
const cardMovedToDoneMarkComplete: Recipe = async (n8n, example) => {
	const { seed, server } = example.wekan;
	const wekan = server.wekan;
	const lines: string[] = [];
	const exportPath = `/api/boards/${seed.boardId}/export`;
	// The example polls every minute; the test polls every 5 seconds so as not to wait minutes (see EVERY_FIVE_SECONDS).
	const workflowId = await activate(n8n, example, (w) => ({
		...w,
		nodes: w.nodes.map((n) => (n.type === POLLING_TRIGGER ? { ...n, parameters: { ...n.parameters, pollTimes: EVERY_FIVE_SECONDS } } : n)),
	}));
	await waitFor('the baseline poll', () => wekan.requests('GET', exportPath).length > 0, 20_000);
	lines.push('activated: the first poll recorded the board');
	const title = SEED_CARDS.doing[0];
	const cardId = seed.cards[title];

	wekan.ui.moveCard(seed.teammateId, cardId, { listId: seed.lists.done });
	let execution = await nthExecution(n8n, workflowId, 1);
	let card = wekan.db.cards.findOne(cardId)!;
	expect(card.dueComplete === true && card.color === 'green', `'${title}' in Done: dueComplete ${String(card.dueComplete)}, color ${String(card.color)}`);
	lines.push(`sam moved '${title}' to Done; execution ${execution.id} ran ${ranNodes(execution)}; the card is complete and green`);

	wekan.ui.moveCard(seed.teammateId, cardId, { listId: seed.lists.doing });
	execution = await nthExecution(n8n, workflowId, 2);
	card = wekan.db.cards.findOne(cardId)!;
	expect(card.dueComplete === false && card.color === 'white', `'${title}' back in Doing: dueComplete ${String(card.dueComplete)}, color ${String(card.color)}`);
	lines.push(`moved back to Doing; execution ${execution.id}: open again and white`);
	const untouched = wekan.db.cards.findOne(seed.cards[SEED_CARDS.done[0]])!;
	expect(!untouched.color && !untouched.dueComplete, `'${untouched.title}', which did not move, was changed`);

	await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
	return lines;
};

export const recipes: Record<string, Recipe> = {
	'recipe-any-board-new-card-add-board-admin.json': anyBoardNewCardAddBoardAdmin,
	'recipe-new-card-assign-creator.json': newCardAssignCreator,
	'recipe-card-moved-to-done-mark-complete.json': cardMovedToDoneMarkComplete,
};

/** Prepares the example (its own seeded Wekan, placeholders filled) and runs its recipe. */
export async function runRecipe(n8n: N8n, file: string, raw: PreparedExample['workflow'] | import('../engine/harness').WorkflowJson, n: number): Promise<string[]> {
	const recipe = recipes[file];
	if (!recipe) throw new Error(`no e2e recipe for ${file} in test/e2e/recipes.ts`);
	const example = await prepareExample(file, raw, 'e2eRx', n);
	try {
		return await recipe(n8n, example);
	} finally {
		for (const id of activated) await n8n.api('POST', `/workflows/${id}/deactivate`).catch(() => undefined);
		activated.clear();
	}
}
