/**
 * Seeding for the hooks group's tests (integrations, webhooks, attachments, UI actions): users, boards, lists and
 * cards made through the models, the way Wekan's own server code creates them, and a webhook receiver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBoard, createCard, createList } from '../wekan-server/models';
import type { RoleFlag } from '../wekan-server/permissions';
import type { BoardDoc } from '../wekan-server/schemas/boards';
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { ListDoc } from '../wekan-server/schemas/lists';
import type { ServerHarness, TestUser } from './helpers';

/** A user created by the users model, with a login token. */
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

export interface SeededBoard {
	board: BoardDoc;
	boardId: string;
	swimlaneId: string;
	todo: ListDoc;
	done: ListDoc;
	card: CardDoc;
}

/** A board owned by `owner` with two lists and a card in the first. */
export function seedBoard(h: ServerHarness, owner: TestUser, title = 'Dev Board'): SeededBoard {
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

/** A card made by the cards model (the Wekan class's seeding methods still return the old document types). */
export function seedCard(h: ServerHarness, input: Parameters<typeof createCard>[1]): CardDoc {
	return createCard(h.wekan, input);
}

export function addMember(
	h: ServerHarness,
	boardId: string,
	user: TestUser,
	flags: Partial<Record<RoleFlag, boolean>> = {},
): void {
	h.wekan.addBoardMember(boardId, user.id, flags);
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
