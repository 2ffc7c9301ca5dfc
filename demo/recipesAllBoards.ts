/**
 * examples/recipe-any-board-new-card-add-board-admin.json: a Wekan Polling Trigger over all of the credential's
 * boards. People create cards on the seeded board and on a board made after the workflow was published; each card
 * gets the admin of its own board as member. The poll that finds the new board reports the card made on it since the
 * poll before, and the board is watched from then on.
 */
import { ensure } from './checks';
import { card, type Recipe, type RecipeContext, runFromTrigger } from './recipeKit';
import { poll, POLLING_TRIGGER } from './triggers';

function usernames(ctx: RecipeContext, ids: string[]): string {
	return ids.map((id) => ctx.wekan.db.users.findOne(id)?.username ?? id).join(', ') || 'nobody';
}

function boardTitle(ctx: RecipeContext, boardId: unknown): string {
	return ctx.wekan.db.boards.findOne(String(boardId))?.title ?? String(boardId);
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
	const found = items.map((i) => i.json);
	const expected = new Map([
		[onDemo._id, seed.boardId],
		[kickOff._id, ops._id],
	]);
	ensure(
		found.length === 2 && found.every((i) => i.event === 'cardCreated' && expected.get(String(i.cardId)) === i.boardId),
		`the poll emitted ${found.map((i) => `${String(i.event)} for card ${String(i.cardId)} on '${boardTitle(ctx, i.boardId)}'`).join('; ') || 'nothing'}, not cardCreated for '${onDemo.title}' on 'Demo' and '${kickOff.title}' on 'Ops'`,
	);
	lines.push(
		`the next poll emitted cardCreated for '${onDemo.title}' on board 'Demo' and, finding the new board 'Ops', for '${kickOff.title}', made on it since the previous poll`,
	);
	lines.push(await runFromTrigger(ctx, trigger, items));
	ensure(card(ctx, onDemo._id).members.join() === ada, `'${onDemo.title}' has members ${usernames(ctx, card(ctx, onDemo._id).members)}, not Demo's admin Ada`);
	ensure(card(ctx, kickOff._id).members.join() === sam, `'${kickOff.title}' has members ${usernames(ctx, card(ctx, kickOff._id).members)}, not Ops's admin sam`);
	lines.push(`'${onDemo.title}' now has Demo's admin Ada as member, '${kickOff.title}' Ops's admin sam`);

	const onNewBoard = onOps(ada, 'Book the venue');
	lines.push(`Ada created '${onNewBoard.title}' on board 'Ops'`);
	items = await poll(engine, workflow, trigger);
	ensure(items.length === 1, `the poll emitted ${items.length} items, not one for '${onNewBoard.title}' on the new board 'Ops'`);
	const [item] = items.map((i) => i.json);
	ensure(item.event === 'cardCreated' && item.cardId === onNewBoard._id, `the poll emitted ${String(item.event)} for card ${String(item.cardId)}, not cardCreated for '${onNewBoard.title}'`);
	ensure(item.boardId === ops._id, `the item names board '${boardTitle(ctx, item.boardId)}', not 'Ops'`);
	lines.push(`the next poll emitted cardCreated for '${onNewBoard.title}' on board 'Ops'`);
	lines.push(await runFromTrigger(ctx, trigger, items));
	const added = card(ctx, onNewBoard._id).members;
	ensure(added.join() === sam, `'${onNewBoard.title}' has members ${usernames(ctx, added)}, not Ops's admin sam`);
	lines.push(`'${onNewBoard.title}' now has Ops's admin sam as member`);

	const idle = await poll(engine, workflow, trigger);
	ensure(idle.length === 0, `the workflow's own changes started it again: the poll emitted ${idle.length} item(s)`);
	ensure(card(ctx, kickOff._id).members.join() === sam, `'${kickOff.title}' changed members again: ${usernames(ctx, card(ctx, kickOff._id).members)}`);
	for (const [id, members] of membersBefore) ensure(card(ctx, id).members.join() === members, `the seeded card '${card(ctx, id).title}' changed members`);
	lines.push('a last poll emitted nothing; the seeded cards are untouched');
};
