/**
 * The server tests' one fixture module: a running server and raw HTTP calls (the harness), users with login tokens,
 * and boards, lists, cards and members seeded through the models, as Wekan's own server code creates them, so each
 * test reaches only the routes it is about; plus a board with a member of every role, the card tests' board, and a
 * webhook receiver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBoard, createCard, createList } from '../wekan-server/models';
import type { RoleFlag } from '../wekan-server/permissions';
import type { BoardDoc } from '../wekan-server/schemas/boards';
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { ListDoc } from '../wekan-server/schemas/lists';
import { startWekanServer, type RunningWekanServer, type WekanServerOptions } from '../wekan-server/server';

// ---- the harness -----------------------------------------------------------------------------------------------

export interface RawResponse {
	status: number;
	headers: Headers;
	/** The body as text ('' when empty). */
	text: string;
	/** The body parsed as JSON, or undefined when it is empty or not JSON. */
	json: any;
}

export interface TestUser {
	id: string;
	token: string;
	username: string;
	password: string;
}

export class ServerHarness {
	constructor(readonly server: RunningWekanServer) {}

	get wekan() {
		return this.server.wekan;
	}

	get url() {
		return this.server.url;
	}

	/** Any HTTP call. `body` objects are sent as JSON unless `form` is set. */
	async call(
		method: string,
		path: string,
		options: { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
	): Promise<RawResponse> {
		const headers: Record<string, string> = { ...options.headers };
		if (options.token) headers.Authorization = `Bearer ${options.token}`;
		let body: string | undefined;
		if (options.form) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(options.form).toString();
		} else if (options.body !== undefined) {
			headers['Content-Type'] ??= 'application/json';
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		}
		const response = await fetch(`${this.url}${path}`, { method, headers, body, redirect: 'manual' });
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/** Registers a user over REST (the first one becomes site admin) and logs in. */
	async user(username: string, password = `${username}-password`): Promise<TestUser> {
		const registered = await this.call('POST', '/users/register', {
			body: { username, email: `${username}@example.com`, password },
		});
		if (registered.status !== 200) throw new Error(`register ${username}: ${registered.status} ${registered.text}`);
		return { id: registered.json.id, token: registered.json.token, username, password };
	}

	/** A board owned by `owner`, with its default swimlane id. */
	async board(owner: TestUser, title = 'Board'): Promise<{ boardId: string; swimlaneId: string }> {
		const created = await this.call('POST', '/api/boards', { token: owner.token, body: { title, owner: owner.id } });
		if (created.status !== 200) throw new Error(`board: ${created.status} ${created.text}`);
		return { boardId: created.json._id, swimlaneId: created.json.defaultSwimlaneId };
	}

	/** Adds `user` to a board with a role (admin, normal, readonly, commentonly, ...), as the board's admin. */
	async addMember(admin: TestUser, boardId: string, user: TestUser, role = 'normal'): Promise<void> {
		const added = await this.call('POST', `/api/boards/${boardId}/members/${user.id}/add`, {
			token: admin.token,
			body: { action: 'add', role },
		});
		if (added.status !== 200) throw new Error(`add member: ${added.status} ${added.text}`);
	}

	close() {
		return this.server.close();
	}
}

/** A server for a test; bcrypt at its lowest cost (4) unless the test sets `bcryptRounds`, to keep tests quick. */
export async function startHarness(options: WekanServerOptions = {}): Promise<ServerHarness> {
	return new ServerHarness(await startWekanServer({ bcryptRounds: 4, ...options }));
}

/** Wekan's style-A error body: HTTP 200 with a serialised Meteor.Error. */
export function expectStyleA(response: RawResponse, statusCode: number) {
	expect(response.status).toBe(200);
	expect(response.json).toMatchObject({ errorType: 'Meteor.Error', statusCode });
}

/** Wekan's style-B error: Express's HTML page with the status. */
export function expectStyleB(response: RawResponse, status: number) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/text\/html/);
	expect(response.text).toContain('<pre>');
}

/** Style D: 200 with no body and no Content-Type. */
export function expectEmpty200(response: RawResponse) {
	expect(response.status).toBe(200);
	expect(response.text).toBe('');
	expect(response.headers.get('content-type')).toBeNull();
}

/** JSON.stringify of a Meteor.Error: its fields, statusCode only when the thrower set one. */
export function meteorError(error: string | number, reason: string, statusCode?: number) {
	return {
		isClientSafe: true,
		error,
		reason,
		message: `${reason} [${error}]`,
		errorType: 'Meteor.Error',
		...(statusCode === undefined ? {} : { statusCode }),
	};
}

/**
 * The answer of a handler that catches everything into sendJsonResult (server/apiMiddleware.js:96-124): the status,
 * `Cache-Control: no-store`, a JSON body.
 */
export function expectStatusData(r: RawResponse, status: number, body: unknown) {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/application\/json/);
	expect(r.headers.get('cache-control')).toBe('no-store');
	expect(r.json).toEqual(body);
}

// ---- users, boards, members, lists, cards ----------------------------------------------------------------------

/**
 * A user created through the users model (not over REST), with a resume token; not a site admin unless asked
 * (`isAdmin` is always given, so Wekan's first-user-is-admin rule of onCreateUser never applies).
 */
export function seedUser(
	h: ServerHarness,
	username: string,
	options: { isAdmin?: boolean; fullname?: string } = {},
): TestUser {
	const password = `${username}-password`;
	const user = h.wekan.createUser({
		username,
		email: `${username}@example.com`,
		password,
		fullname: options.fullname,
		isAdmin: options.isAdmin ?? false,
	});
	const { token } = h.wekan.issueToken(user._id);
	return { id: user._id, token, username, password };
}

/** A board as POST /api/boards makes one, owned by `owner`, with its default swimlane. */
export function seedBoard(
	h: ServerHarness,
	owner: TestUser,
	title = 'Board',
	options: { permission?: 'public' | 'private' } = {},
): { boardId: string; swimlaneId: string; board: BoardDoc } {
	const boardId = h.wekan.createBoard({ title, ownerId: owner.id, permission: options.permission })._id;
	const swimlane = h.wekan.db.swimlanes.findOne({ boardId });
	return { boardId, swimlaneId: swimlane?._id ?? '', board: h.wekan.db.boards.findOne(boardId) as BoardDoc };
}

/** Role names to the member flags Wekan's role table reads (models/lib/boardRoleCapabilities.js:32-41). */
export const ROLE: Record<string, Partial<Record<RoleFlag, boolean>>> = {
	admin: { isAdmin: true },
	normal: {},
	readonly: { isReadOnly: true },
	commentonly: { isCommentOnly: true },
	nocomments: { isNoComments: true },
	worker: { isWorker: true },
	readassignedonly: { isReadAssignedOnly: true },
	normalassignedonly: { isNormalAssignedOnly: true },
	commentassignedonly: { isCommentAssignedOnly: true },
};

/** Adds a member with a role name of ROLE or the member flags themselves. */
export function seedMember(
	h: ServerHarness,
	boardId: string,
	user: TestUser,
	role: string | Partial<Record<RoleFlag, boolean>> = 'normal',
): void {
	h.wekan.addBoardMember(boardId, user.id, typeof role === 'string' ? ROLE[role] : role);
}

/** What seedTeamBoard makes: the users by name, and the board with its default swimlane. */
export type TeamBoard<Name extends string> = Record<'admin' | 'owner' | Name, TestUser> & {
	boardId: string;
	swimlaneId: string;
};

/**
 * The board tests' team: a site admin `admin`, the board's owner `owner`, then one user per entry of `members` in
 * its order, each added to the owner's board (title `title`) with that role of ROLE, or left off it for `null`. The
 * users are created first, then the board, then the memberships, in that order.
 */
export function seedTeamBoard<Name extends string>(
	h: ServerHarness,
	members: Record<Name, string | null>,
	title = 'Dev',
): TeamBoard<Name> {
	const users = {
		admin: seedUser(h, 'admin', { isAdmin: true }),
		owner: seedUser(h, 'owner'),
	} as Record<'admin' | 'owner' | Name, TestUser>;
	const entries = Object.entries(members) as Array<[Name, string | null]>;
	for (const [name] of entries) users[name] = seedUser(h, name);
	const { boardId, swimlaneId } = seedBoard(h, users.owner, title);
	for (const [name, role] of entries) if (role !== null) seedMember(h, boardId, users[name], role);
	return { ...users, boardId, swimlaneId };
}

/** A list on a board, inserted as Wekan's list insert does (through the schema). */
export function seedList(h: ServerHarness, boardId: string, title: string, swimlaneId = '', sort?: number): string {
	return h.wekan.db.lists.insert({ title, boardId, swimlaneId, ...(sort === undefined ? {} : { sort }) });
}

/** A card, through the cards schema. */
export function seedCard(
	h: ServerHarness,
	fields: { title: string; boardId: string; listId: string; swimlaneId: string; userId: string } & Record<
		string,
		unknown
	>,
): string {
	return h.wekan.db.cards.insert({ sort: 0, ...fields });
}

// ---- a board with two lists and a card; a webhook receiver ----------------------------------------------------

export interface SeededBoard {
	board: BoardDoc;
	boardId: string;
	swimlaneId: string;
	todo: ListDoc;
	done: ListDoc;
	card: CardDoc;
}

/** A board owned by `owner` with two lists and a card in the first. */
export function seedWorkBoard(h: ServerHarness, owner: TestUser, title = 'Dev Board'): SeededBoard {
	const board = createBoard(h.wekan, { title, ownerId: owner.id });
	const swimlaneId = h.wekan.defaultSwimlaneId(board._id) as string;
	const todo = createList(h.wekan, board._id, 'To Do', swimlaneId, 0);
	const done = createList(h.wekan, board._id, 'Done', swimlaneId, 1);
	const card = createCard(h.wekan, {
		title: 'Fix bug',
		boardId: board._id,
		listId: todo._id,
		swimlaneId,
		userId: owner.id,
	});
	return { board, boardId: board._id, swimlaneId, todo, done, card };
}

/** A card made by the cards model (Card insert with its hooks), as the stored document. */
export function seedCardDoc(h: ServerHarness, input: Parameters<typeof createCard>[1]): CardDoc {
	return createCard(h.wekan, input);
}

export interface Received {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	raw: string;
	body: Record<string, unknown>;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** What the next requests are answered with (status and body); 200 `ok` by default. */
	answer: (request: Received) => { status: number; body?: string; headers?: Record<string, string> };
	close(): Promise<void>;
}

/** A real HTTP endpoint on loopback that records every request. */
export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const receiver: Partial<Receiver> = { received, answer: () => ({ status: 200, body: 'ok' }) };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: Record<string, unknown> = {};
			try {
				body = JSON.parse(raw) as Record<string, unknown>;
			} catch {
				body = {};
			}
			const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body };
			received.push(request);
			const answer = (receiver as Receiver).answer(request);
			res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	receiver.url = `http://127.0.0.1:${port}/webhook/wekan`;
	receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return receiver as Receiver;
}

// ---- a board with a member of every role (checklists, comments, custom fields, rules, dependencies) ------------

export type MemberName =
	| 'owner'
	| 'normal'
	| 'readOnly'
	| 'commentOnly'
	| 'noComments'
	| 'worker'
	| 'normalAssignedOnly'
	| 'commentAssignedOnly'
	| 'readAssignedOnly'
	| 'inactive';

const ROLES: Record<Exclude<MemberName, 'owner' | 'inactive'>, Partial<Record<RoleFlag, boolean>>> = {
	normal: {},
	readOnly: { isReadOnly: true },
	commentOnly: { isCommentOnly: true },
	noComments: { isNoComments: true },
	worker: { isWorker: true },
	normalAssignedOnly: { isNormalAssignedOnly: true },
	commentAssignedOnly: { isCommentAssignedOnly: true },
	readAssignedOnly: { isReadAssignedOnly: true },
};

export interface BoardFixture {
	h: ServerHarness;
	users: Record<MemberName | 'siteAdmin' | 'outsider', TestUser>;
	boardId: string;
	swimlaneId: string;
	listId: string;
	card: CardDoc;
	/** Another board, owned by the same owner, with one card. */
	otherBoardId: string;
	otherCard: CardDoc;
	/** A further card on the board. */
	newCard(title?: string): CardDoc;
}

/** A caller of the every-role fixture. */
export type Who = keyof BoardFixture['users'];

/**
 * The fixture's callers by what server/authentication.js:51-77 lets them do (the role table of
 * models/lib/boardRoleCapabilities.js): checkBoardAccess passes read-only and assigned-only members and refuses
 * comment-only, no-comments members and workers; checkBoardWriteAccess needs the write capability.
 */
export const BOARD_READERS: readonly Who[] = [
	'owner',
	'normal',
	'readOnly',
	'normalAssignedOnly',
	'commentAssignedOnly',
	'readAssignedOnly',
	'siteAdmin',
];
export const BOARD_NON_READERS: readonly Who[] = ['commentOnly', 'noComments', 'worker', 'inactive', 'outsider'];
export const BOARD_WRITERS: readonly Who[] = ['owner', 'normal', 'noComments', 'normalAssignedOnly', 'siteAdmin'];
export const BOARD_NON_WRITERS: readonly Who[] = [
	'readOnly',
	'commentOnly',
	'worker',
	'commentAssignedOnly',
	'readAssignedOnly',
	'inactive',
	'outsider',
];

export async function boardFixture(): Promise<BoardFixture> {
	const h = await startHarness();
	const w = h.wekan;
	const siteAdmin = seedUser(h, 'siteadmin', { isAdmin: true });
	const owner = seedUser(h, 'owner');
	const outsider = seedUser(h, 'outsider');
	const board = w.createBoard({ title: 'Board', ownerId: owner.id });
	const members = {} as Record<MemberName, TestUser>;
	members.owner = owner;
	for (const [name, flags] of Object.entries(ROLES) as Array<
		[keyof typeof ROLES, Partial<Record<RoleFlag, boolean>>]
	>) {
		members[name] = seedUser(h, name);
		w.addBoardMember(board._id, members[name].id, flags);
	}
	members.inactive = seedUser(h, 'inactive');
	w.addBoardMember(board._id, members.inactive.id);
	w.db.boards.direct.update(
		{ _id: board._id, 'members.userId': members.inactive.id },
		{ $set: { 'members.$.isActive': false } },
	);
	const swimlaneId = w.defaultSwimlaneId(board._id) as string;
	const listId = w.createList(board._id, 'To Do', swimlaneId, 0)._id;
	const newCard = (title = 'Card') =>
		createCard(w, { title, boardId: board._id, listId, swimlaneId, userId: owner.id });
	const other = w.createBoard({ title: 'Other', ownerId: owner.id });
	const otherSwimlaneId = w.defaultSwimlaneId(other._id) as string;
	const otherListId = w.createList(other._id, 'Elsewhere', otherSwimlaneId, 0)._id;
	const otherCard = createCard(w, {
		title: 'Other card',
		boardId: other._id,
		listId: otherListId,
		swimlaneId: otherSwimlaneId,
		userId: owner.id,
	});
	return {
		h,
		users: { ...members, siteAdmin, outsider },
		boardId: board._id,
		swimlaneId,
		listId,
		card: newCard(),
		otherBoardId: other._id,
		otherCard,
		newCard,
	};
}

/** A call as one of the fixture's users (none for `undefined`); a GET sends no body. */
export function callAs(f: BoardFixture, method: string, path: string, who: Who | undefined, body?: unknown) {
	return f.h.call(method, path, { token: who ? f.users[who].token : undefined, body: method === 'GET' ? undefined : body });
}

/**
 * Empties the collections the child-document tests write (checklists, items, comments, custom fields, activities),
 * so one fixture can serve a whole file: users, boards, lists and cards stay.
 */
export function resetChildren(f: BoardFixture): void {
	const { db } = f.h.wekan;
	for (const collection of [db.checklists, db.checklistItems, db.card_comments, db.customFields, db.activities])
		collection.clear();
}

// ---- the card tests' board ---------------------------------------------------------------------------------

export interface CardFixture {
	admin: TestUser;
	owner: TestUser;
	normal: TestUser;
	reader: TestUser;
	commenter: TestUser;
	outsider: TestUser;
	boardId: string;
	swimlaneId: string;
	listId: string;
	list2Id: string;
	/** `/api/boards/<boardId>/lists/<listId>/cards` */
	listPath: string;
}

export function seedCardFixture(h: ServerHarness): CardFixture {
	const admin = seedUser(h, 'siteadmin', { isAdmin: true });
	const owner = seedUser(h, 'owner');
	const normal = seedUser(h, 'normal');
	const reader = seedUser(h, 'reader');
	const commenter = seedUser(h, 'commenter');
	const outsider = seedUser(h, 'outsider');
	const board = h.wekan.createBoard({ title: 'Cards', ownerId: owner.id });
	h.wekan.addBoardMember(board._id, normal.id);
	h.wekan.addBoardMember(board._id, reader.id, { isReadOnly: true });
	h.wekan.addBoardMember(board._id, commenter.id, { isCommentOnly: true });
	const swimlaneId = h.wekan.defaultSwimlaneId(board._id) as string;
	const listId = h.wekan.createList(board._id, 'Todo', swimlaneId, 0)._id;
	const list2Id = h.wekan.createList(board._id, 'Done', swimlaneId, 1)._id;
	return {
		admin,
		owner,
		normal,
		reader,
		commenter,
		outsider,
		boardId: board._id,
		swimlaneId,
		listId,
		list2Id,
		listPath: `/api/boards/${board._id}/lists/${listId}/cards`,
	};
}

/** A second board owned by `ownerId`, with its default swimlane and one list. */
export function seedOtherBoard(h: ServerHarness, ownerId: string, title = 'Other') {
	const board = h.wekan.createBoard({ title, ownerId });
	const swimlaneId = h.wekan.defaultSwimlaneId(board._id) as string;
	const listId = h.wekan.createList(board._id, 'Inbox', swimlaneId, 0)._id;
	return { boardId: board._id, swimlaneId, listId };
}

/** The stored card. */
export function cardOf(h: ServerHarness, id: string): CardDoc {
	const card = h.wekan.db.cards.findOne(id);
	if (!card) throw new Error(`no card ${id}`);
	return card;
}

/** Changes a stored card as a database write would, without hooks or schema. */
export function patchCard(h: ServerHarness, id: string, fields: Record<string, unknown>): void {
	h.wekan.db.cards.raw.update({ _id: id }, { $set: fields });
}

export function activitiesOf(h: ServerHarness, activityType: string, cardId?: string) {
	return h.wekan.db.activities.find(cardId === undefined ? { activityType } : { activityType, cardId });
}
