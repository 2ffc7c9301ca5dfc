/**
 * The example workflows that start with a trigger ("recipes"). Each is run the way an active workflow runs in n8n:
 * a person acts in Wekan's web UI, the trigger notices (by polling, or by Wekan's webhook), the rest of the workflow
 * runs on what it emitted, and Wekan's state is checked after each step. A recipe adds its report lines to
 * `lines` as it goes, so a failure shows how far it got.
 */
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { ensure } from './checks';
import { exportImportRecipes } from './exportImportRecipes';
import { card, type Recipe, type RecipeContext, runFromTrigger, triggerName } from './recipeKit';
import { reportRun } from './runs';
import { anyBoardNewCardAddBoardAdmin } from './recipesAllBoards';
import { SEED_CARDS } from './seed';
import { poll, POLLING_TRIGGER, WEBHOOK_TRIGGER, WebhookReceiver } from './triggers';

function listTitle(ctx: RecipeContext, listId: unknown): string {
	return ctx.wekan.db.lists.findOne(String(listId))?.title ?? String(listId);
}

function username(ctx: RecipeContext, userId: string): string {
	return ctx.wekan.db.users.findOne(userId)?.username ?? userId;
}

// ---- examples/recipe-card-moved-to-done-mark-complete.json ------------------------------------------------

const cardMovedToDoneMarkComplete: Recipe = async (ctx) => {
	const { engine, wekan, seed, lines } = ctx;
	const trigger = triggerName(ctx, POLLING_TRIGGER);
	const scope = (ctx.workflow.nodes.find((n) => n.name === trigger) as INode).parameters.listIds as string[];
	ensure(scope.length === 1 && scope[0] === seed.lists.done, `the trigger watches ${scope.map((l) => `'${listTitle(ctx, l)}'`).join(', ') || 'every list'}, not just 'Done'`);
	// One Workflow object for all polls: it carries the trigger's state, as n8n's static data does.
	const workflow = engine.workflow(ctx.workflow);
	const baseline = await poll(engine, workflow, trigger);
	ensure(baseline.length === 0, `the first poll should only record the board, but it emitted ${baseline.length} item(s)`);
	lines.push(`activated: the first poll recorded board 'Demo' and emitted nothing`);

	const title = SEED_CARDS.doing[0];
	const cardId = seed.cards[title];
	const moveAndPoll = async (to: string) => {
		const from = card(ctx, cardId).listId;
		wekan.ui.moveCard(seed.teammateId, cardId, { listId: to });
		const items = await poll(engine, workflow, trigger);
		const [item] = items.map((i) => i.json);
		ensure(items.length === 1, `after the move the poll emitted ${items.length} items, not one`);
		ensure(item.event === 'cardMoved' && item.cardId === cardId, `the poll emitted ${String(item.event)} for card ${String(item.cardId)}`);
		ensure(item.oldListId === from && item.listId === to, `the poll reported a move from '${listTitle(ctx, item.oldListId)}' to '${listTitle(ctx, item.listId)}'`);
		lines.push(`sam moved '${title}' from ${listTitle(ctx, from)} to ${listTitle(ctx, to)} in Wekan's web UI; the next poll emitted cardMoved`);
		lines.push(await runFromTrigger(ctx, trigger, items));
	};

	await moveAndPoll(seed.lists.done);
	let moved = card(ctx, cardId);
	ensure(moved.listId === seed.lists.done, `'${title}' should stay in Done`);
	ensure(moved.dueComplete === true, `'${title}' is in Done but not marked complete`);
	ensure(moved.color === 'green', `'${title}' is in Done but its color is ${String(moved.color)}, not green`);
	lines.push(`'${title}' is now marked complete and green`);

	await moveAndPoll(seed.lists.doing);
	moved = card(ctx, cardId);
	ensure(moved.dueComplete === false, `'${title}' left Done but is still marked complete`);
	ensure(moved.color === 'white', `'${title}' left Done but its color is ${String(moved.color)}, not white`);
	lines.push(`'${title}' is open again (not complete) and white`);

	const untouched = card(ctx, seed.cards[SEED_CARDS.done[0]]);
	ensure(!untouched.color && !untouched.dueComplete, `'${untouched.title}', which did not move, should be untouched`);
};

// ---- examples/recipe-new-card-assign-creator.json ---------------------------------------------------------

const newCardAssignCreator: Recipe = async (ctx) => {
	const { engine, wekan, seed, lines } = ctx;
	const trigger = triggerName(ctx, WEBHOOK_TRIGGER);
	const integrations = () => wekan.db.integrations.find({ boardId: seed.boardId });
	const receiver = await WebhookReceiver.start(engine);
	try {
		const hook = await receiver.activate(ctx.workflow, trigger);
		const [integration, ...more] = integrations();
		ensure(integration && !more.length, `activating should register one integration on board 'Demo', found ${integrations().length}`);
		ensure(integration.url === hook.url, `the integration posts to ${integration.url}, not the trigger's URL ${hook.url}`);
		ensure(integration.activities.join() === 'act-createCard', `the integration sends ${integration.activities.join(', ')}, not just act-createCard`);
		const title = integration.title ?? '';
		ensure(title.startsWith('n8n: '), `the integration's title '${title}' does not say it is n8n's`);
		lines.push(`activated: Wekan has a new integration '${title.split(' / ').pop()}' that posts act-createCard to ${hook.url}`);

		const base = { boardId: seed.boardId, swimlaneId: seed.swimlaneId };
		const created = wekan.ui.createCard(seed.teammateId, { ...base, listId: seed.lists.todo, title: 'Plan the sprint review' });
		const elsewhere = wekan.ui.createCard(seed.teammateId, { ...base, listId: seed.lists.doing, title: 'Order new laptops' });
		lines.push(`sam created '${created.title}' in To Do and '${elsewhere.title}' in Doing in Wekan's web UI`);
		await wekan.webhooks.settle();
		await receiver.idle();

		const { deliveries } = receiver;
		ensure(deliveries.length === 2, `Wekan should post both new cards to n8n, the receiver got ${deliveries.length} request(s)`);
		ensure(deliveries.every((d) => d.status === 200), `the webhook answered ${deliveries.map((d) => `${d.status}${d.note ? ` (${d.note})` : ''}`).join(', ')}`);
		const started = deliveries.filter((d) => d.run);
		ensure(started.length === 1, `the trigger started ${started.length} runs, not one for the card in To Do`);
		ensure(deliveries.some((d) => d.note === 'ignored'), 'the trigger should ignore the card created in Doing');
		lines.push(`Wekan posted both to the webhook (answered ${deliveries.map((d) => d.status).join(', ')}); the trigger ignored the card in Doing`);
		lines.push(reportRun(ctx.workflow, started[0].run!));

		const assigned = card(ctx, created._id);
		ensure(assigned.assignees.join() === seed.teammateId, `'${created.title}' is assigned to ${assigned.assignees.map((id) => username(ctx, id)).join(', ') || 'nobody'}, not its creator sam`);
		ensure(assigned.color === 'sky', `'${created.title}' has color ${String(assigned.color)}, not sky`);
		ensure(!card(ctx, elsewhere._id).assignees.length, `'${elsewhere.title}' in Doing should not be assigned`);
		lines.push(`'${created.title}' is now assigned to its creator ${username(ctx, created.userId)} and sky blue; '${elsewhere.title}' is untouched`);

		await receiver.deactivate(hook);
		ensure(integrations().length === 0, 'deactivating should remove the integration from Wekan');
		lines.push('deactivated: the integration is gone from Wekan');
	} finally {
		await receiver.close();
	}
};

/** The recipe for each example that starts with a trigger, by file name in examples/. */
export const recipes: Record<string, Recipe> = {
	'recipe-any-board-new-card-add-board-admin.json': anyBoardNewCardAddBoardAdmin,
	'recipe-card-moved-to-done-mark-complete.json': cardMovedToDoneMarkComplete,
	'recipe-new-card-assign-creator.json': newCardAssignCreator,
	...exportImportRecipes,
};
