/**
 * What each example workflow claims to do, checked against Wekan's state after it ran. A check returns the lines
 * of its report and throws a CheckFailed when Wekan does not show what the workflow says it did.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RunResult, WorkflowJson } from '../test/engine/harness';
import type { CardDoc } from '../test/wekan-server/schemas/cards';
import type { Wekan } from '../test/wekan-server/server';
import { type DemoSeed, SEED_CARDS } from './seed';

export class CheckFailed extends Error {}

/** A workflow run that stopped on an error; the message says where. */
export class RunFailed extends Error {}

export function ensure(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckFailed(message);
}

export interface CheckContext {
	/** The example as it ran, placeholders filled in. */
	workflow: WorkflowJson;
	result: RunResult;
	wekan: Wekan;
	/** The server's base URL, for checks through the REST API. */
	url: string;
	seed: DemoSeed;
}

export type Check = (ctx: CheckContext) => Promise<string[]> | string[];

const DAY = 24 * 60 * 60 * 1000;

function parameters(ctx: CheckContext, nodeName: string): IDataObject {
	const node = ctx.workflow.nodes.find((n) => n.name === nodeName);
	ensure(node, `the workflow has no node "${nodeName}"`);
	return node.parameters as IDataObject;
}

function cardsOfBoard(ctx: CheckContext): CardDoc[] {
	return ctx.wekan.db.cards.find({ boardId: ctx.seed.boardId });
}

function listTitle(ctx: CheckContext, listId: string): string {
	return ctx.wekan.db.lists.findOne(listId)?.title ?? listId;
}

function swimlaneTitle(ctx: CheckContext, swimlaneId: string): string {
	return ctx.wekan.db.swimlanes.findOne(swimlaneId)?.title ?? swimlaneId;
}

function usernames(ctx: CheckContext, ids: string[]): string {
	return ids.map((id) => ctx.wekan.db.users.findOne(id)?.username ?? id).join(' and ') || 'nobody';
}

function sameSet(a: string[], b: string[]): boolean {
	return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function quoted(titles: string[]): string {
	return titles.map((t) => `'${t}'`).join(', ');
}

/** Requests that changed something in Wekan (anything but reads and the credential's login). */
function writes(ctx: CheckContext) {
	return ctx.wekan.requests().filter((r) => r.method !== 'GET' && r.path !== '/users/login');
}

const createCardWithDueDateAndMembers: Check = (ctx) => {
	const { seed } = ctx;
	const title = String(parameters(ctx, 'Create card').title);
	const matching = cardsOfBoard(ctx).filter((c) => c.title === title);
	ensure(matching.length === 1, `expected one card '${title}' on board 'Demo', found ${matching.length}`);
	const card = matching[0];
	const output = ctx.result.json('Create card');
	ensure(output.length === 1 && output[0]._id === card._id, 'the Create card node should output the card it created');
	ensure(card.listId === seed.lists.todo, `the card is in list '${listTitle(ctx, card.listId)}', not 'To Do'`);
	ensure(card.swimlaneId === seed.swimlaneId, `the card is in swimlane '${swimlaneTitle(ctx, card.swimlaneId)}'`);
	ensure(card.userId === seed.adminId, 'the card\'s author should be the credential\'s user');
	ensure(String(card.description).startsWith('Collect the merged changes'), 'the card has no description');
	ensure(card.dueAt !== undefined, 'the card has no due date');
	const due = new Date(card.dueAt as Date | string);
	const daysAhead = (due.getTime() - Date.now()) / DAY;
	ensure(daysAhead > 6 && daysAhead < 8, `the due date ${due.toISOString()} is not about a week ahead`);
	ensure(sameSet(card.members, [seed.adminId, seed.teammateId]), `the card's members are ${usernames(ctx, card.members)}`);
	ensure(sameSet(card.assignees, [seed.teammateId]), `the card's assignees are ${usernames(ctx, card.assignees)}`);
	const seeded = Object.keys(seed.cards).length;
	ensure(cardsOfBoard(ctx).length === seeded + 1, 'the workflow should add exactly one card to the board');
	return [
		`created card '${card.title}' in list 'To Do', swimlane '${swimlaneTitle(ctx, card.swimlaneId)}' of board 'Demo'`,
		`due ${due.toISOString()} (a week from today); members ${usernames(ctx, card.members)}; assigned to ${usernames(ctx, card.assignees)}`,
	];
};

const listBoardCards: Check = (ctx) => {
	const open = cardsOfBoard(ctx).filter((c) => !c.archived);
	const details = ctx.result.json('Get card details');
	const listed = ctx.result.json('Get cards of board');
	ensure(sameSet(listed.map((c) => String(c._id)), open.map((c) => c._id)), `Get cards of board listed ${quoted(listed.map((c) => String(c.title)))}, Wekan has ${quoted(open.map((c) => c.title))}`);
	ensure(details.length === open.length, `Get card details output ${details.length} cards, the board has ${open.length} open cards`);
	for (const detail of details) {
		const card = ctx.wekan.db.cards.findOne(String(detail._id));
		ensure(card && !card.archived, `Get card details output a card that is not open on the board: '${String(detail.title)}'`);
		ensure(detail.title === card.title && detail.listId === card.listId && sameSet(detail.members as string[], card.members), `the details of '${card.title}' do not match Wekan`);
	}
	ensure(!details.some((c) => c.title === SEED_CARDS.archived), `the archived card '${SEED_CARDS.archived}' should be left out`);
	ensure(writes(ctx).length === 0, `the workflow should only read, but sent ${writes(ctx).map((r) => `${r.method} ${r.path}`).join(', ')}`);
	const byList = [ctx.seed.lists.todo, ctx.seed.lists.doing, ctx.seed.lists.done].map((listId) => {
		const titles = details.filter((c) => c.listId === listId).map((c) => String(c.title));
		return `${listTitle(ctx, listId)}: ${titles.length ? quoted(titles) : 'none'}`;
	});
	return [
		`listed the ${details.length} open cards of board 'Demo' with their details, the archived '${SEED_CARDS.archived}' left out; nothing changed`,
		byList.join('; '),
	];
};

const onboardUserWithToken: Check = async (ctx) => {
	const input = parameters(ctx, 'Create user');
	const username = String(input.username);
	const user = ctx.wekan.db.users.findOne({ username });
	ensure(user, `Wekan has no user '${username}'`);
	const email = user.emails?.[0]?.address;
	ensure(email === input.email, `the user's email is ${String(email)}, not ${String(input.email)}`);
	const login = await ctx.wekan.accounts.checkPassword(user, String(input.password));
	ensure(!login.error, 'the user cannot log in with the password from the workflow');
	ensure(!user.isAdmin, 'the new user should not be a site admin');
	const [token] = ctx.result.json('Create login token');
	ensure(token?.userId === user._id && token.username === username, 'Create login token should output the new user\'s id and username');
	ensure(typeof token.token === 'string' && token.token.length > 0, 'Create login token output no token');
	const response = await fetch(`${ctx.url}/api/user`, { headers: { Authorization: `Bearer ${token.token}` } });
	const me = (await response.json()) as IDataObject;
	ensure(response.status === 200 && me._id === user._id, `GET /api/user with the token answered ${response.status} for ${String(me.username)}`);
	return [
		`created user '${username}' (${String(input.email)}), who can log in with the workflow's password`,
		`created a login token for '${username}': GET /api/user with it answers as '${String(me.username)}'`,
	];
};

const updateCardAndReadBack: Check = (ctx) => {
	const [topTitle, otherTitle] = SEED_CARDS.todo;
	const card = ctx.wekan.db.cards.findOne(ctx.seed.cards[topTitle]);
	ensure(card, `the top card '${topTitle}' of 'To Do' is gone`);
	ensure(card.title === `${topTitle} (reviewed)`, `the top card's title is '${card.title}'`);
	ensure(/^Reviewed on \d{4}-\d{2}-\d{2}: ready to start\.$/.test(card.description), `the top card's description is '${card.description}'`);
	ensure(card.color === 'green', `the top card's color is ${String(card.color)}`);
	ensure(card.listId === ctx.seed.lists.todo && !card.archived, 'the top card should stay open in To Do');
	const other = ctx.wekan.db.cards.findOne(ctx.seed.cards[otherTitle]);
	ensure(other?.title === otherTitle && !other.color, `the second card '${otherTitle}' should be untouched`);
	ensure(cardsOfBoard(ctx).length === Object.keys(ctx.seed.cards).length, 'the workflow should not add or delete cards');
	const [readBack] = ctx.result.json('Read card back');
	ensure(readBack?._id === card._id, 'Read card back should output the updated card');
	ensure(readBack.title === card.title && readBack.description === card.description && readBack.color === card.color, 'the card read back does not match Wekan');
	return [
		`renamed the top card of 'To Do' from '${topTitle}' to '${card.title}'`,
		`set its color to ${card.color} and its description to '${card.description}'; read back, it matches Wekan`,
	];
};

/**
 * Create or Update must update the seeded "Weekly status" card of Doing in place (never add a second), and Get Many
 * must list that list's cards simplified, with the latest due date first, cards without one last, ties by position.
 */
const upsertWeeklyStatusCard: Check = (ctx) => {
	const { db } = ctx.wekan;
	const input = parameters(ctx, 'Create or update status card');
	const title = String(input.title);
	const listId = String((input.listId as IDataObject).value);
	const seededId = ctx.seed.cards[title];
	ensure(seededId, `the demo board has no card '${title}' for the workflow to find`);
	const matching = db.cards.find({ boardId: ctx.seed.boardId, title });
	ensure(matching.length === 1, `expected one card '${title}' on board 'Demo', found ${matching.length}: the card was duplicated, not updated`);
	const card = matching[0];
	ensure(card._id === seededId, `the card '${title}' is a new one (${card._id}), not the one that was there (${seededId})`);
	ensure(card.listId === listId && !card.archived, `the card '${title}' should stay open in '${listTitle(ctx, listId)}'`);
	ensure(db.cards.find({ boardId: ctx.seed.boardId }).length === Object.keys(ctx.seed.cards).length, 'the workflow should not add or delete cards');
	const posted = writes(ctx).filter((r) => r.method === 'POST');
	ensure(!posted.length, `the workflow should only update, but sent ${posted.map((r) => `${r.method} ${r.path}`).join(', ')}`);
	const runDate = /^Status on (\d{4}-\d{2}-\d{2}): on track\./.exec(card.description)?.[1];
	ensure(runDate && Math.abs(Date.parse(runDate) - Date.now()) < 2 * DAY, `the card's description is '${card.description}', not today's status`);
	ensure(card.color === 'yellow', `the card's color is ${String(card.color)}, not yellow`);
	const due = card.dueAt === undefined || card.dueAt === null ? undefined : new Date(card.dueAt as Date | string);
	// Friday of this week, in n8n's time zone: within six days either way, unlike the seeded week-old date.
	ensure(due && Math.abs(due.getTime() - Date.now()) < 6 * DAY, `the due date ${due?.toISOString()} is not this week's Friday`);
	const [upserted] = ctx.result.json('Create or update status card');
	ensure(upserted?._id === card._id && upserted.upsert === 'updated', `Create or update status card output ${String(upserted?.upsert)} card ${String(upserted?._id)}, not 'updated' ${card._id}`);

	const listed = ctx.result.json('Get cards, latest due first');
	const open = db.cards.find({ listId, archived: false });
	const time = (c: CardDoc) => (c.dueAt === undefined || c.dueAt === null ? undefined : new Date(c.dueAt as Date | string).getTime());
	// Due date descending, undated cards last, then position ascending.
	const expected = [...open].sort((a, b) => {
		const [ta, tb] = [time(a), time(b)];
		if (ta !== tb) return ta === undefined ? 1 : tb === undefined ? -1 : tb - ta;
		return a.sort - b.sort;
	});
	// The seed dates the cards so that neither Wekan's order nor an ascending sort gives the order asked for.
	const ids = (cards: Array<{ _id?: unknown }>) => cards.map((c) => String(c._id)).join();
	const byPosition = [...open].sort((a, b) => a.sort - b.sort);
	const ascending = [...expected.filter((c) => time(c) !== undefined).reverse(), ...expected.filter((c) => time(c) === undefined)];
	ensure(ids(expected) !== ids(byPosition) && ids(expected) !== ids(ascending), 'the list\'s dates cannot show whether Sort was applied');
	const titles = (cards: Array<{ title?: unknown }>) => quoted(cards.map((c) => String(c.title)));
	ensure(ids(listed) === ids(expected), `Get Many output ${titles(listed)}; latest due first is ${titles(expected)}`);
	const list = listTitle(ctx, listId);
	for (const item of listed) {
		const fields = Object.keys(item);
		ensure(fields.length <= 10, `Get Many output ${fields.length} fields for '${String(item.title)}', not a simplified card: ${fields.join(', ')}`);
		ensure(!('sort' in item) && !('description' in item), `Get Many output the raw card '${String(item.title)}': ${fields.join(', ')}`);
		ensure(item.listTitle === list, `Get Many gives '${String(item.title)}' the list title ${String(item.listTitle)}, not '${list}'`);
	}
	return [
		`updated the card '${title}' in list '${list}' in place (still one, same ID): '${card.description}', yellow, due ${due.toISOString()}`,
		`listed the ${listed.length} cards of '${list}' latest due first: ${titles(listed)}; simplified to ${Object.keys(listed[0] ?? {}).join(', ')}`,
	];
};

/** The check for each example, by file name in examples/. */
/** The rule exists as Wekan's rule editor stores it, and Wekan itself runs it when a person moves a card to Done. */
function provisionBoardRule(ctx: CheckContext): string[] {
	const { db } = ctx.wekan;
	const rules = db.rules.find({ boardId: ctx.seed.boardId });
	ensure(rules.length === 1, `the board has ${rules.length} rules, not 1`);
	const trigger = db.triggers.findOne(rules[0].triggerId) as IDataObject | undefined;
	const action = db.actions.findOne(rules[0].actionId) as IDataObject | undefined;
	ensure(trigger?.activityType === 'moveCard' && trigger.listName === 'Done', 'the rule\'s trigger is not "moved to Done"');
	ensure(action?.actionType === 'markCardComplete', 'the rule\'s action is not "mark complete"');
	const listed = ctx.result.items('List the board\'s rules').map((item) => item.json._id);
	ensure(listed.includes(rules[0]._id), 'Rule > Get Many did not list the new rule');
	const title = SEED_CARDS.todo[0];
	const cardId = ctx.seed.cards[title];
	ensure(db.cards.findOne(cardId)?.dueComplete !== true, `"${title}" was complete before anyone moved it`);
	// A teammate moves the card in the web UI; Wekan's rules engine, not n8n, marks it complete.
	ctx.wekan.ui.moveCard(ctx.seed.teammateId, cardId, { listId: ctx.seed.lists.done });
	const card = db.cards.findOne(cardId);
	ensure(card?.listId === ctx.seed.lists.done, `"${title}" is not in Done`);
	ensure(card.dueComplete === true, `Wekan's rule did not mark "${title}" complete`);
	return [
		`Wekan has the rule "${rules[0].title}": when a card is moved to Done, mark it complete`,
		`a teammate moved "${title}" to Done in the web UI: Wekan's own rule marked it complete`,
	];
}

export const checks: Record<string, Check> = {
	'create-card-with-due-date-and-members.json': createCardWithDueDateAndMembers,
	'list-board-cards.json': listBoardCards,
	'onboard-user-with-token.json': onboardUserWithToken,
	'provision-board-rule.json': provisionBoardRule,
	'update-card-and-read-back.json': updateCardAndReadBack,
	'upsert-weekly-status-card.json': upsertWeeklyStatusCard,
};
