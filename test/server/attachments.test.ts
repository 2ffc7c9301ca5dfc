import type { BoardDoc, CardDoc } from '../wekan-server/model';
import { newMember } from '../wekan-server/permissions';
import { expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

const HELLO = Buffer.from('hello, wekan').toString('base64');

describe('attachment routes', () => {
	let h: ServerHarness;
	let alice: TestUser;
	let reader: TestUser;
	let outsider: TestUser;
	let board: BoardDoc;
	let card: CardDoc;
	let other: CardDoc;

	beforeEach(async () => {
		h = await startHarness({ attachmentStreamTimeoutMs: 300, attachmentMaxBytes: 1024 });
		await h.user('admin');
		alice = await h.user('alice');
		reader = await h.user('reader');
		outsider = await h.user('outsider');
		board = h.wekan.createBoard({ title: 'Dev', ownerId: alice.id });
		board.members.push(newMember(reader.id, { isReadOnly: true }));
		const swimlaneId = h.wekan.defaultSwimlaneId(board._id)!;
		const todo = h.wekan.createList(board._id, 'To Do', swimlaneId, 0);
		const done = h.wekan.createList(board._id, 'Done', swimlaneId, 1);
		card = h.wekan.store.newCard({ title: 'Card', boardId: board._id, listId: todo._id, swimlaneId, userId: alice.id });
		other = h.wekan.store.newCard({ title: 'Other', boardId: board._id, listId: done._id, swimlaneId, userId: alice.id });
	});
	afterEach(() => h.close());

	const fields = (target: CardDoc = card, extra: Record<string, unknown> = {}) => ({
		boardId: target.boardId,
		swimlaneId: target.swimlaneId,
		listId: target.listId,
		cardId: target._id,
		fileName: 'hello.txt',
		fileType: 'text/plain',
		fileData: HELLO,
		...extra,
	});

	/** The working way: the same JSON sent as text/plain, so no body parser consumes the stream. */
	const upload = (body: unknown, user: TestUser | null = alice, headers: Record<string, string> = {}) =>
		h.call('POST', '/api/attachment/upload', {
			token: user?.token,
			body: typeof body === 'string' ? body : JSON.stringify(body),
			headers: { 'Content-Type': 'text/plain', ...headers },
		});

	it('uploads a text/plain JSON body and records an addAttachment activity', async () => {
		const r = await upload(fields());
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			success: true,
			attachmentId: expect.any(String),
			fileName: 'hello.txt',
			fileSize: 12,
			storageBackend: 'fs',
			message: 'Attachment uploaded successfully',
		});
		const stored = h.wekan.store.attachments.get(r.json.attachmentId)!;
		expect(stored.data.toString()).toBe('hello, wekan');
		expect(stored).toMatchObject({ cardId: card._id, listId: card.listId, userId: alice.id, type: 'text/plain' });
		const activity = h.wekan.store.activities.findOne((a) => a.activityType === 'addAttachment');
		expect(activity).toMatchObject({ attachmentId: stored._id, attachmentName: 'hello.txt', cardId: card._id, origin: 'rest' });
	});

	it('hangs on an application/json upload (the JSON parser consumed the stream) and answers 408', async () => {
		const started = Date.now();
		const r = await h.call('POST', '/api/attachment/upload', { token: alice.token, body: fields() });
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(r.status).toBe(408);
		expect(r.json).toEqual({ success: false, error: 'Request timeout' });
		expect(h.wekan.store.attachments.size).toBe(0);
	});

	it('accepts X-User-Id + X-Auth-Token and answers 401 without credentials', async () => {
		const legacy = await upload(fields(), null, { 'X-User-Id': alice.id, 'X-Auth-Token': alice.token });
		expect(legacy.json.success).toBe(true);
		const none = await upload(fields(), null);
		expect(none.status).toBe(401);
		expect(none.json).toEqual({ success: false, error: 'Missing X-User-Id or X-Auth-Token headers [unauthorized]' });
		const wrong = await upload(fields(), null, { 'X-User-Id': alice.id, 'X-Auth-Token': 'nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.json.error).toBe('Invalid credentials [unauthorized]');
		// Even a JSON-typed request fails at once when it is not authenticated.
		const jsonNone = await h.call('POST', '/api/attachment/upload', { body: fields() });
		expect(jsonNone.status).toBe(401);
	});

	it('checks the fields and that the ids match where the card really is', async () => {
		const cases: Array<[unknown, number, string]> = [
			[fields(card, { fileData: '' }), 400, 'Missing required parameters'],
			[fields(card, { cardId: 'nope' }), 404, 'Card not found'],
			[fields(card, { boardId: 'nope' }), 404, 'Board not found'],
			[fields(card, { swimlaneId: 'elsewhere' }), 400, "Swimlane ID does not match the card's swimlane"],
			[fields(card, { listId: other.listId }), 400, "List ID does not match the card's list"],
			[fields(card, { fileData: 42 }), 400, 'Invalid fileData format'],
		];
		for (const [body, status, error] of cases) {
			const r = await upload(body);
			expect([r.status, r.json]).toEqual([status, { success: false, error }]);
		}
		const notJson = await upload('{oops');
		expect(notJson.status).toBe(500);
		expect(notJson.json.success).toBe(false);
		expect(h.wekan.store.attachments.size).toBe(0);
	});

	it('needs write access and a board that allows attachments, and caps the size with 413', async () => {
		const readOnly = await upload(fields(), reader);
		expect([readOnly.status, readOnly.json.error]).toEqual([403, 'You do not have permission to modify this card']);
		expect((await upload(fields(), outsider)).status).toBe(403);
		const big = await upload(fields(card, { fileData: Buffer.alloc(1025).toString('base64') }));
		expect([big.status, big.json]).toEqual([413, { success: false, error: 'Attachment exceeds API upload limit' }]);
		board.allowsAttachments = false;
		const off = await upload(fields());
		expect([off.status, off.json.error]).toEqual([403, 'Attachments are not allowed on this board']);
	});

	it('downloads as base64 and shows info with versions to any active member', async () => {
		const id = (await upload(fields())).json.attachmentId;
		const download = await h.call('GET', `/api/attachment/download/${id}`, { token: reader.token });
		expect(download.json).toEqual({
			success: true,
			attachmentId: id,
			fileName: 'hello.txt',
			fileSize: 12,
			fileType: 'text/plain',
			base64Data: HELLO,
			storageBackend: 'fs',
		});
		const info = await h.call('GET', `/api/attachment/info/${id}`, { headers: { 'X-User-Id': reader.id, 'X-Auth-Token': reader.token } });
		expect(info.json).toMatchObject({
			success: true,
			attachmentId: id,
			fileName: 'hello.txt',
			fileSize: 12,
			fileType: 'text/plain',
			storageBackend: 'fs',
			boardId: board._id,
			cardId: card._id,
			isImage: false,
			versions: [{ versionName: 'original', storage: 'fs', size: 12, type: 'text/plain' }],
		});
		const denied = await h.call('GET', `/api/attachment/download/${id}`, { token: outsider.token });
		expect([denied.status, denied.json.error]).toEqual([403, 'You do not have permission to access this attachment']);
		const missing = await h.call('GET', '/api/attachment/info/missing', { token: alice.token });
		expect([missing.status, missing.json]).toEqual([404, { success: false, error: 'Attachment not found' }]);
	});

	it('lists the whole board for every /list variant: the prefix route ignores the filters', async () => {
		const a = (await upload(fields(card))).json.attachmentId;
		const b = (await upload(fields(other, { fileName: 'pic.png', fileType: 'image/png' }))).json.attachmentId;
		const paths = [
			`/api/attachment/list/${board._id}`,
			`/api/attachment/list/${board._id}/${card.swimlaneId}`,
			`/api/attachment/list/${board._id}/${card.swimlaneId}/${card.listId}`,
			`/api/attachment/list/${board._id}/${card.swimlaneId}/${card.listId}/${card._id}`,
			`/api/attachment/list/${board._id}/x/y/not-a-card`,
		];
		for (const path of paths) {
			const r = await h.call('GET', path, { token: alice.token });
			expect(r.status).toBe(200);
			expect(r.json.success).toBe(true);
			expect(r.json.count).toBe(2);
			expect(r.json.attachments.map((x: { attachmentId: string }) => x.attachmentId).sort()).toEqual([a, b].sort());
		}
		const list = await h.call('GET', `/api/attachment/list/${board._id}`, { token: alice.token });
		expect(list.json.attachments.find((x: { attachmentId: string }) => x.attachmentId === b)).toMatchObject({
			fileName: 'pic.png',
			fileType: 'image/png',
			storageBackend: 'fs',
			boardId: board._id,
			swimlaneId: other.swimlaneId,
			listId: other.listId,
			cardId: other._id,
			isImage: true,
			createdAt: expect.any(String),
		});
		const denied = await h.call('GET', `/api/attachment/list/${board._id}`, { token: outsider.token });
		expect([denied.status, denied.json.error]).toEqual([403, 'You do not have permission to access this board']);
	});

	it('lists board attachments in the boards.js shape with style B errors', async () => {
		const id = (await upload(fields())).json.attachmentId;
		const r = await h.call('GET', `/api/boards/${board._id}/attachments`, { token: reader.token });
		const url = `${h.url}/cdn/storage/attachments/${id}/original/${id}.txt`;
		expect(r.json).toEqual([
			{
				attachmentId: id,
				attachmentName: 'hello.txt',
				attachmentType: 'text/plain',
				url,
				urlDownload: `${url}?download=true&token=`,
				boardId: board._id,
				swimlaneId: card.swimlaneId,
				listId: card.listId,
				cardId: card._id,
			},
		]);
		expectStyleB(await h.call('GET', `/api/boards/${board._id}/attachments`, { token: outsider.token }), 403);
		expectStyleB(await h.call('GET', `/api/boards/${board._id}/attachments`), 401);
	});

	it('deletes with write access and records deleteAttachment credited to the uploader', async () => {
		const id = (await upload(fields())).json.attachmentId;
		const denied = await h.call('DELETE', `/api/attachment/delete/${id}`, { token: reader.token });
		expect([denied.status, denied.json.error]).toEqual([403, 'You do not have permission to delete this attachment']);
		const r = await h.call('DELETE', `/api/attachment/delete/${id}`, { token: alice.token });
		expect(r.json).toEqual({ success: true, attachmentId: id, fileName: 'hello.txt', message: 'Attachment deleted successfully' });
		expect(h.wekan.store.attachments.get(id)).toBeUndefined();
		expect(h.wekan.store.activities.findOne((a) => a.activityType === 'deleteAttachment')).toMatchObject({
			attachmentId: id,
			userId: alice.id,
			origin: 'rest',
		});
		expect((await h.call('DELETE', `/api/attachment/delete/${id}`, { token: alice.token })).status).toBe(404);
	});
});
