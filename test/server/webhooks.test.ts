import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BoardDoc, CardDoc, ListDoc } from '../wekan-server/model';
import { newMember } from '../wekan-server/permissions';
import { type ServerHarness, startHarness, type TestUser } from './helpers';

interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	raw: string;
	body: Record<string, unknown>;
}

/** A real HTTP endpoint on loopback that records every webhook POST. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) });
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/wekan`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('outgoing webhooks', () => {
	let h: ServerHarness;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	let admin: TestUser;
	let alice: TestUser;
	let board: BoardDoc;
	let swimlaneId: string;
	let todo: ListDoc;
	let done: ListDoc;

	beforeEach(async () => {
		receiver = await startReceiver();
		h = await startHarness({ allowLoopbackWebhooks: true });
		admin = await h.user('admin');
		alice = await h.user('alice');
		h.wekan.store.users.get(alice.id)!.profile.fullname = 'Alice Doe';
		board = h.wekan.createBoard({ title: 'Dev Board', ownerId: alice.id });
		swimlaneId = h.wekan.defaultSwimlaneId(board._id)!;
		todo = h.wekan.createList(board._id, 'To Do', swimlaneId, 0);
		done = h.wekan.createList(board._id, 'Done', swimlaneId, 1);
	});
	afterEach(async () => {
		await h.close();
		await receiver.close();
	});

	/** Registers the receiver over REST, as the n8n trigger does: POST the url, then PUT title, token, activities. */
	async function register(settings: Record<string, unknown> = { token: 'shared-secret' }): Promise<string> {
		const created = await h.call('POST', `/api/boards/${board._id}/integrations`, { token: alice.token, body: { url: receiver.url } });
		expect(created.status).toBe(200);
		const id = created.json._id as string;
		const put = await h.call('PUT', `/api/boards/${board._id}/integrations/${id}`, { token: alice.token, body: { title: 'n8n', ...settings } });
		expect(put.json).toEqual({ _id: id });
		return id;
	}

	const createCard = (title = 'Fix bug'): CardDoc =>
		h.wekan.ui.createCard(alice.id, { boardId: board._id, listId: todo._id, swimlaneId, title, description: 'long text' });

	const settled = async () => {
		await h.wekan.webhooks.settle();
		return receiver.received;
	};

	it('delivers createCard from the UI: text first, truthy attributes in order, description last, token header, chunked', async () => {
		await register();
		const card = createCard();
		const [hook, ...rest] = await settled();
		expect(rest).toEqual([]);
		expect(hook.path).toBe('/webhook/wekan');
		expect(Object.keys(hook.body)).toEqual(['text', 'cardId', 'listId', 'boardId', 'user', 'username', 'card', 'swimlaneId', 'description']);
		expect(hook.body).toEqual({
			text: `Alice Doe created card "Fix bug" to list "To Do" at swimlane "Default" at board "Dev Board"\n${h.url}/b/${board._id}/dev-board/${card._id}`,
			cardId: card._id,
			listId: todo._id,
			boardId: board._id,
			user: 'Alice Doe',
			username: 'alice',
			card: 'Fix bug',
			swimlaneId,
			description: 'act-createCard',
		});
		expect(hook.raw.startsWith('{"text":')).toBe(true);
		expect(hook.headers['x-wekan-token']).toBe('shared-secret');
		expect(hook.headers['content-type']).toBe('application/json');
		expect(hook.headers['transfer-encoding']).toBe('chunked');
		expect(hook.headers['content-length']).toBeUndefined();
	});

	it('sends no X-Wekan-Token header when the integration has no token', async () => {
		await register({});
		createCard();
		const [hook] = await settled();
		expect(hook.headers['x-wekan-token']).toBeUndefined();
	});

	it('filters by the activities list', async () => {
		await register({ token: 't', activities: ['act-moveCard', 'act-addComment'] });
		const card = createCard();
		h.wekan.ui.editCardTitle(alice.id, card._id, 'Renamed');
		h.wekan.ui.moveCard(alice.id, card._id, { listId: done._id });
		h.wekan.ui.addComment(alice.id, card._id, 'Looks good');
		const received = await settled();
		// Deliveries are concurrent, so they may arrive in any order.
		expect(received.map((r) => r.body.description).sort()).toEqual(['act-addComment', 'act-moveCard']);
		const move = received.find((r) => r.body.description === 'act-moveCard')!;
		const comment = received.find((r) => r.body.description === 'act-addComment')!;
		expect(Object.keys(move.body)).toEqual(['text', 'cardId', 'listId', 'oldListId', 'boardId', 'user', 'username', 'card', 'swimlaneId', 'description']);
		expect(move.body).toMatchObject({ listId: done._id, oldListId: todo._id, card: 'Renamed' });
		expect(comment.body).toMatchObject({ comment: 'Looks good', commentId: expect.any(String), description: 'act-addComment' });
		expect(Object.keys(comment.body).indexOf('comment')).toBeLessThan(Object.keys(comment.body).indexOf('user'));
	});

	it('fires for the other UI actions with their own attributes', async () => {
		await register();
		board.labels.push({ _id: 'lbl123', name: '', color: 'red' });
		const field = await h.call('POST', `/api/boards/${board._id}/custom-fields`, {
			token: alice.token,
			body: { name: 'Points', type: 'number', settings: {} },
		});
		const card = createCard();
		h.wekan.ui.editCardTitle(alice.id, card._id, 'Fix the bug');
		h.wekan.ui.setCardDate(alice.id, card._id, 'dueAt', new Date('2030-01-01T00:00:00Z'));
		h.wekan.ui.addLabel(alice.id, card._id, 'lbl123');
		h.wekan.ui.setCustomField(alice.id, card._id, field.json._id, 5);
		const checklist = h.wekan.ui.addChecklist(alice.id, card._id, 'Steps');
		const item = h.wekan.ui.addChecklistItem(alice.id, checklist._id, 'One');
		h.wekan.ui.checkItem(alice.id, item._id);
		h.wekan.ui.uncheckItem(alice.id, item._id);
		const attachment = h.wekan.ui.addAttachment(alice.id, card._id, { name: 'a.txt', data: 'x' });
		h.wekan.ui.archiveCard(alice.id, card._id);
		h.wekan.ui.deleteCard(alice.id, card._id);
		const bodies = (await settled()).map((r) => r.body);
		// Recorded in this order; concurrent deliveries may arrive in another.
		expect(h.wekan.webhooks.deliveries.map((d) => d.body.description)).toEqual([
			'act-createCard',
			'act-a-changedTitle',
			'act-a-dueAt',
			'act-addedLabel',
			'act-setCustomField',
			'act-addChecklist',
			'act-addChecklistItem',
			'act-checkedItem',
			'act-completeChecklist',
			'act-uncheckedItem',
			'act-uncompleteChecklist',
			'act-addAttachment',
			'act-archivedCard',
			'act-deleteCard',
		]);
		expect(bodies).toHaveLength(14);
		const by = (d: string) => bodies.find((b) => b.description === d)!;
		// a-changedTitle carries a `value`, but only custom-field events put one in the payload.
		expect(by('act-a-changedTitle')).not.toHaveProperty('customFieldValue');
		expect(by('act-a-changedTitle').text).toMatch(/^Alice Doe act-a-changedTitle\n/);
		expect(by('act-a-dueAt')).not.toHaveProperty('timeValue');
		expect(by('act-addedLabel')).toMatchObject({ labelId: 'lbl123', label: 'red' });
		expect(by('act-setCustomField')).toMatchObject({ customField: 'Points', customFieldValue: 5 });
		expect(by('act-addAttachment')).toMatchObject({ attachmentId: attachment._id });
		expect(by('act-deleteCard')).toMatchObject({ cardId: card._id, card: 'Fix the bug', listId: todo._id });
		expect(h.wekan.store.cards.get(card._id)).toBeUndefined();
	});

	it('moves the card and its list timestamps, and logs moveCardBoard on the target board', async () => {
		const target = h.wekan.createBoard({ title: 'Target', ownerId: alice.id });
		const targetList = h.wekan.createList(target._id, 'Inbox');
		const card = createCard();
		const before = card.modifiedAt.getTime();
		await new Promise((r) => setTimeout(r, 5));
		h.wekan.ui.moveCard(alice.id, card._id, { boardId: target._id, listId: targetList._id, swimlaneId: h.wekan.defaultSwimlaneId(target._id) });
		expect(card.modifiedAt.getTime()).toBeGreaterThan(before);
		expect(targetList.cardsModifiedAt).toEqual(card.modifiedAt);
		expect(todo.cardsModifiedAt).toEqual(card.modifiedAt);
		expect(h.wekan.store.activities.findOne((a) => a.activityType === 'moveCardBoard')).toMatchObject({
			boardId: target._id,
			oldBoardId: board._id,
			oldSwimlaneId: swimlaneId,
			origin: 'ui',
		});
	});

	it('does not deliver for REST-originated writes', async () => {
		await register();
		const card = h.wekan.store.newCard({ title: 'Seed', boardId: board._id, listId: todo._id, swimlaneId, userId: alice.id });
		await h.call('POST', `/api/boards/${board._id}/custom-fields`, { token: alice.token, body: { name: 'F', type: 'text', settings: {} } });
		const upload = await h.call('POST', '/api/attachment/upload', {
			token: alice.token,
			headers: { 'Content-Type': 'text/plain' },
			body: JSON.stringify({ boardId: board._id, swimlaneId, listId: todo._id, cardId: card._id, fileName: 'a.txt', fileData: 'eA==' }),
		});
		expect(upload.json.success).toBe(true);
		expect(h.wekan.store.activities.find((a) => a.origin === 'rest').map((a) => a.activityType).sort()).toEqual(['addAttachment', 'createCustomField']);
		expect(await settled()).toEqual([]);
		expect(h.wekan.webhooks.deliveries).toEqual([]);
	});

	it('refuses a loopback URL at registration without the option', async () => {
		const strict = await startHarness();
		try {
			const owner = await strict.user('owner');
			const strictBoard = strict.wekan.createBoard({ title: 'B', ownerId: owner.id });
			const r = await strict.call('POST', `/api/boards/${strictBoard._id}/integrations`, { token: owner.token, body: { url: receiver.url } });
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'invalid-webhook-url', reason: expect.any(String) });
			expect(strict.wekan.store.integrations.size).toBe(0);
		} finally {
			await strict.close();
		}
	});

	it('sends nothing while notifications are disabled, nor for a disabled integration', async () => {
		const id = await register();
		h.wekan.store.settings.disableNotifications = true;
		createCard('Quiet');
		expect(await settled()).toEqual([]);
		h.wekan.store.settings.disableNotifications = false;
		await h.call('PUT', `/api/boards/${board._id}/integrations/${id}`, { token: alice.token, body: { enabled: false } });
		createCard('Still quiet');
		expect(await settled()).toEqual([]);
		await h.call('PUT', `/api/boards/${board._id}/integrations/${id}`, { token: alice.token, body: { enabled: true } });
		createCard('Heard');
		expect((await settled()).map((r) => r.body.card)).toEqual(['Heard']);
	});

	it('sends nothing when the actor is not a member of the board (a site admin acting from outside)', async () => {
		await register();
		expect(board.members.some((m) => m.userId === admin.id)).toBe(false);
		const card = h.wekan.ui.createCard(admin.id, { boardId: board._id, listId: todo._id, swimlaneId, title: 'By admin' });
		expect(h.wekan.store.activities.findOne((a) => a.cardId === card._id)).toMatchObject({ activityType: 'createCard', origin: 'ui' });
		expect(await settled()).toEqual([]);
		// Once a member, the same actor is heard.
		board.members.push(newMember(admin.id));
		h.wekan.ui.addComment(admin.id, card._id, 'hi');
		expect((await settled()).map((r) => r.body.description)).toEqual(['act-addComment']);
	});
});
