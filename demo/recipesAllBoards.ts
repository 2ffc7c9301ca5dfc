/**
 * examples/recipe-any-board-new-card-add-board-admin.json: a Wekan Polling Trigger over all of the credential's
 * boards. People create cards on the seeded board and on a board made after the workflow was published; each card
 * gets the admin of its own board as member, and a board is watched from the first poll that finds it.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import type { CardDoc } from '../test/wekan-server/schemas/cards';
import { ensure, RunFailed } from './checks';
import type { Recipe, RecipeContext } from './recipes';
import { failureOf, ranPath } from './runs';
import { poll, POLLING_TRIGGER } from './triggers';

function card(ctx: RecipeContext, cardId: string): CardDoc {
	const found = ctx.wekan.db.cards.findOne(cardId);
	ensure(found, `card ${cardId} is gone`);
	return found;
}

function usernames(ctx: RecipeContext, ids: string[]): string {
	return ids.map((id) => ctx.wekan.db.users.findOne(id)?.username ?? id).join(', ') || 'nobody';
}

function boardTitle(ctx: RecipeContext, boardId: unknown): string {
	return ctx.wekan.db.boards.findOne(String(boardId))?.title ?? String(boardId);
}

async function runFromTrigger(ctx: RecipeContext, trigger: string, items: INodeExecutionData[]): Promise<string> {
	const result = await ctx.engine.runFromTrigger(ctx.workflow, trigger, items);
	const line = `ran ${ranPath(ctx.workflow, result)}`;
	const failure = failureOf(result);
	if (failure) throw new RunFailed(`${line}: ${failure}`);
	return line;
}

export const anyBoardNewCardAddBoardAdmin: Recipe = async (ctx) => {
	const { engine, wekan, seed, lines } = ctx;
	const node = ctx.workflow.nodes.find((n) => n.type === POLLING_TRIGGER);
	ensure(node, `the workflow has no ${POLLING_TRIGGER} node`);
	const trigger = node.name;
	ensure(node.parameters.boardScope === 'all', `the trigger watches '${String(node.parameters.boardScope ?? 'one')}' board(s), not all boards`);
	const ada = seed.adminId;
	const sam = seed.teammateId;
	const membersBefore = new Map(Object.values(seed.cards).map((id) => [id, card(ctx, id).members.join()]));

	// One Workflow object for all polls: it carries the trigger's state, as n8n's static data does.
	const workflow = engine.workflow(ctx.workflow);
	const baseline = await poll(engine, workflow, trigger);
	ensure(baseline.length === 0, `the first poll should only record the boards, but it emitted ${baseline.length} item(s)`);
	lines.push(`activated: the first poll recorded board 'Demo', the only board of the credential's user Ada (username admin), and emitted nothing`);

	// After publishing: sam makes a board and adds Ada, whose boards the trigger watches.
	const ops = wekan.createBoard({ title: 'Ops', ownerId: sam });
	wekan.addBoardMember(ops._id, ada);
	const opsSwimlane = wekan.defaultSwimlaneId(ops._id);
	ensure(opsSwimlane, "board 'Ops' has no swimlane");
	const inbox = wekan.ui.createList(sam, ops._id, 'Inbox', opsSwimlane);
	const onOps = (userId: string, title: string) => wekan.ui.createCard(userId, { boardId: ops._id, listId: inbox._id, swimlaneId: opsSwimlane, title });
	const kickOff = onOps(sam, 'Plan the kick-off');
	const onDemo = wekan.ui.createCard(sam, { boardId: seed.boardId, listId: seed.lists.todo, swimlaneId: seed.swimlaneId, title: 'Renew the TLS certificate' });
	lines.push(`sam created board 'Ops' (so sam is its admin), added Ada to it, created '${kickOff.title}' on it, and '${onDemo.title}' in Demo's To Do`);

	const readsOps = () => wekan.requests('GET', new RegExp(`^/api/boards/${ops._id}/`)).length;
	let items = await poll(engine, workflow, trigger);
	ensure(readsOps() > 0, "the next poll did not read board 'Ops', which Ada joined after the workflow was published");
	ensure(items.length === 1, `the poll emitted ${items.length} items, not one for '${onDemo.title}'`);
	let [item] = items.map((i) => i.json);
	ensure(item.event === 'cardCreated' && item.cardId === onDemo._id, `the poll emitted ${String(item.event)} for card ${String(item.cardId)}, not cardCreated for '${onDemo.title}'`);
	ensure(item.boardId === seed.boardId, `the item names board '${boardTitle(ctx, item.boardId)}', not 'Demo'`);
	lines.push(`the next poll emitted cardCreated for '${onDemo.title}' on board 'Demo', and recorded the new board 'Ops' (its '${kickOff.title}' counts as already there)`);
	lines.push(await runFromTrigger(ctx, trigger, items));
	ensure(card(ctx, onDemo._id).members.join() === ada, `'${onDemo.title}' has members ${usernames(ctx, card(ctx, onDemo._id).members)}, not Demo's admin Ada`);
	lines.push(`'${onDemo.title}' now has Demo's admin Ada as member`);

	const onNewBoard = onOps(ada, 'Book the venue');
	lines.push(`Ada created '${onNewBoard.title}' on board 'Ops'`);
	items = await poll(engine, workflow, trigger);
	ensure(items.length === 1, `the poll emitted ${items.length} items, not one for '${onNewBoard.title}' on the new board 'Ops'`);
	[item] = items.map((i) => i.json);
	ensure(item.event === 'cardCreated' && item.cardId === onNewBoard._id, `the poll emitted ${String(item.event)} for card ${String(item.cardId)}, not cardCreated for '${onNewBoard.title}'`);
	ensure(item.boardId === ops._id, `the item names board '${boardTitle(ctx, item.boardId)}', not 'Ops'`);
	lines.push(`the next poll emitted cardCreated for '${onNewBoard.title}' on board 'Ops'`);
	lines.push(await runFromTrigger(ctx, trigger, items));
	const added = card(ctx, onNewBoard._id).members;
	ensure(added.join() === sam, `'${onNewBoard.title}' has members ${usernames(ctx, added)}, not Ops's admin sam`);
	lines.push(`'${onNewBoard.title}' now has Ops's admin sam as member`);

	const idle = await poll(engine, workflow, trigger);
	ensure(idle.length === 0, `the workflow's own changes started it again: the poll emitted ${idle.length} item(s)`);
	ensure(!card(ctx, kickOff._id).members.length, `'${kickOff.title}', made before the trigger knew board 'Ops', should be untouched`);
	for (const [id, members] of membersBefore) ensure(card(ctx, id).members.join() === members, `the seeded card '${card(ctx, id).title}' changed members`);
	lines.push(`a last poll emitted nothing; '${kickOff.title}' and the seeded cards are untouched`);
};
