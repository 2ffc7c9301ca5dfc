import { expectEmpty200, expectStyleA, expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

describe('list routes', () => {
	let h: ServerHarness;
	let owner: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let normal: TestUser;
	let stranger: TestUser;
	let boardId: string;
	let swimlaneId: string;

	beforeEach(async () => {
		h = await startHarness();
		await h.user('admin');
		owner = await h.user('owner');
		reader = await h.user('reader');
		commenter = await h.user('commenter');
		normal = await h.user('normal');
		stranger = await h.user('stranger');
		({ boardId, swimlaneId } = await h.board(owner, 'Dev'));
		await h.addMember(owner, boardId, reader, 'readonly');
		await h.addMember(owner, boardId, commenter, 'commentonly');
		await h.addMember(owner, boardId, normal, 'normal');
	});
	afterEach(() => h.close());

	const createList = async (title: string, board = boardId, user = owner) =>
		(await h.call('POST', `/api/boards/${board}/lists`, { token: user.token, body: { title } })).json._id as string;

	describe('POST /api/boards/:boardId/lists', () => {
		it('creates a list in the default swimlane with no sort, and records createList', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/lists`, { token: normal.token, body: { title: 'Todo' } });
			expect(r.json).toEqual({ _id: expect.any(String) });
			const list = h.wekan.store.lists.get(r.json._id)!;
			expect(list).toMatchObject({ title: 'Todo', boardId, swimlaneId, archived: false });
			expect(list.sort).toBeUndefined();
			const activity = h.wekan.store.activities.findOne((a) => a.activityType === 'createList');
			expect(activity).toMatchObject({ listId: r.json._id, boardId, userId: normal.id, origin: 'rest' });
		});

		it('takes a swimlaneId from the body', async () => {
			const other = await h.call('POST', `/api/boards/${boardId}/swimlanes`, { token: owner.token, body: { title: 'Ops' } });
			const id = (await h.call('POST', `/api/boards/${boardId}/lists`, { token: owner.token, body: { title: 'X', swimlaneId: other.json._id } })).json._id;
			expect(h.wekan.store.lists.get(id)!.swimlaneId).toBe(other.json._id);
		});

		it('answers {} without a title, and style A permission errors', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/lists`, { token: owner.token, body: {} });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({});
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/lists`, { token: reader.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/lists`, { token: commenter.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/lists`, { token: stranger.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/lists`, { body: { title: 'x' } }), 401);
			expect(h.wekan.store.lists.find((l) => l.boardId === boardId)).toEqual([]);
		});
	});

	describe('GET lists', () => {
		it('returns only _id, title, modifiedAt and cardsModifiedAt of non-archived lists', async () => {
			const a = await createList('A');
			const b = await createList('B');
			h.wekan.store.lists.get(b)!.archived = true;
			h.wekan.store.newCard({ title: 'c', boardId, listId: a, swimlaneId, userId: owner.id });
			const r = await h.call('GET', `/api/boards/${boardId}/lists`, { token: reader.token });
			expect(r.json).toEqual([{ _id: a, title: 'A', modifiedAt: expect.any(String), cardsModifiedAt: expect.any(String) }]);
		});

		it('returns the full list document, and an empty 200 for archived or unknown lists', async () => {
			const a = await createList('A');
			const r = await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: reader.token });
			expect(r.json).toMatchObject({
				_id: a, title: 'A', starred: false, archived: false, boardId, swimlaneId, type: 'list',
				wipLimit: { value: 1, enabled: false, soft: false },
			});
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/lists/nope`, { token: reader.token }));
			h.wekan.store.lists.get(a)!.archived = true;
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: reader.token }));
		});

		it('refuses comment-only members, strangers and anonymous callers in style A', async () => {
			const a = await createList('A');
			for (const path of [`/api/boards/${boardId}/lists`, `/api/boards/${boardId}/lists/${a}`]) {
				expectStyleA(await h.call('GET', path, { token: commenter.token }), 403);
				expectStyleA(await h.call('GET', path, { token: stranger.token }), 403);
				expectStyleA(await h.call('GET', path), 401);
			}
			expectStyleA(await h.call('GET', '/api/boards/nope/lists', { token: owner.token }), 404);
		});
	});

	describe('PUT /api/boards/:boardId/lists/:listId', () => {
		it('updates title, colour, starred and wipLimit without recording an activity', async () => {
			const a = await createList('A');
			const before = h.wekan.store.activities.size;
			const r = await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, {
				token: normal.token,
				body: { title: 'Doing', color: 'crimson', starred: 'true', wipLimit: { value: 3, enabled: true } },
			});
			expect(r.json).toEqual({ _id: a });
			expect(h.wekan.store.lists.get(a)).toMatchObject({
				title: 'Doing', color: 'crimson', starred: true, wipLimit: { value: 3, enabled: true, soft: false },
			});
			expect(h.wekan.store.activities.size).toBe(before);
			await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { token: normal.token, body: { color: '#A1b2C3' } });
			expect(h.wekan.store.lists.get(a)!.color).toBe('#a1b2c3');
		});

		it('answers 400 {error} for a bad colour or a title over 1000 characters', async () => {
			const a = await createList('A');
			const color = await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { token: owner.token, body: { color: 'beige' } });
			expect(color.status).toBe(400);
			expect(color.json.error).toEqual(expect.any(String));
			const long = await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { token: owner.token, body: { title: 'x'.repeat(1001) } });
			expect(long.status).toBe(400);
			expect(h.wekan.store.lists.get(a)!.title).toBe('A');
		});

		it("answers 404 {error:'List not found'} and 404 {message:'Error'} when nothing is recognised", async () => {
			const a = await createList('A');
			const missing = await h.call('PUT', `/api/boards/${boardId}/lists/nope`, { token: owner.token, body: { title: 'x' } });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'List not found' });
			const nothing = await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { token: owner.token, body: { sort: 4 } });
			expect(nothing.status).toBe(404);
			expect(nothing.json).toEqual({ message: 'Error' });
			expect(h.wekan.store.lists.get(a)!.sort).toBeUndefined();
		});

		it('refuses read-only and comment-only members in style A', async () => {
			const a = await createList('A');
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { token: reader.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { token: commenter.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { body: { title: 'x' } }), 401);
		});
	});

	describe('DELETE /api/boards/:boardId/lists/:listId', () => {
		it('soft-deletes the list and its cards, which GET still shows', async () => {
			const a = await createList('A');
			const card = h.wekan.store.newCard({ title: 'c', boardId, listId: a, swimlaneId, userId: owner.id });
			const r = await h.call('DELETE', `/api/boards/${boardId}/lists/${a}`, { token: normal.token });
			expect(r.json).toEqual({ _id: a });
			expect(h.wekan.store.lists.get(a)!.deletedAt).toBeInstanceOf(Date);
			expect(h.wekan.store.cards.get(card._id)!.deletedAt).toBeInstanceOf(Date);
			expect((await h.call('GET', `/api/boards/${boardId}/lists`, { token: owner.token })).json.map((l: { _id: string }) => l._id)).toEqual([a]);
			expect((await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: owner.token })).json._id).toBe(a);
		});

		it('answers {_id} for an unknown list and refuses readers in style A', async () => {
			expect((await h.call('DELETE', `/api/boards/${boardId}/lists/nope`, { token: owner.token })).json).toEqual({ _id: 'nope' });
			const a = await createList('A');
			expectStyleA(await h.call('DELETE', `/api/boards/${boardId}/lists/${a}`, { token: reader.token }), 403);
			expectStyleA(await h.call('DELETE', `/api/boards/${boardId}/lists/${a}`, { token: commenter.token }), 403);
			expect(h.wekan.store.lists.get(a)!.deletedAt).toBeUndefined();
		});
	});

	describe('copy and move', () => {
		let other: { boardId: string; swimlaneId: string };
		beforeEach(async () => {
			other = await h.board(owner, 'Other');
		});

		it('deep-copies a list with its cards to another board at a 0-based position', async () => {
			const a = await createList('A');
			const first = await createList('First', other.boardId);
			const second = await createList('Second', other.boardId);
			await h.call('POST', `/api/boards/${other.boardId}/lists/${first}/move`, { token: owner.token, body: { position: 0 } });
			await h.call('POST', `/api/boards/${other.boardId}/lists/${second}/move`, { token: owner.token, body: { position: 1 } });
			h.wekan.store.newCard({ title: 'c1', boardId, listId: a, swimlaneId, userId: owner.id, sort: 0 });
			const r = await h.call('POST', `/api/boards/${boardId}/lists/${a}/copy`, {
				token: owner.token,
				body: { toBoardId: other.boardId, position: 1 },
			});
			expect(r.json).toEqual({ _id: expect.any(String) });
			const copy = h.wekan.store.lists.get(r.json._id)!;
			expect(copy).toMatchObject({ title: 'A', boardId: other.boardId, swimlaneId: other.swimlaneId });
			const cards = h.wekan.store.cards.find((c) => c.listId === copy._id);
			expect(cards).toEqual([expect.objectContaining({ title: 'c1', boardId: other.boardId, swimlaneId: other.swimlaneId })]);
			const order = h.wekan.store.lists
				.find((l) => l.boardId === other.boardId)
				.sort((x, y) => (x.sort ?? 0) - (y.sort ?? 0))
				.map((l) => l.title);
			expect(order).toEqual(['First', 'A', 'Second']);
			expect(h.wekan.store.cards.find((c) => c.listId === a)).toHaveLength(1);
		});

		it('moves within the board by repositioning', async () => {
			const a = await createList('A');
			const b = await createList('B');
			await h.call('POST', `/api/boards/${boardId}/lists/${a}/move`, { token: owner.token, body: { position: 0 } });
			const r = await h.call('POST', `/api/boards/${boardId}/lists/${b}/move`, { token: owner.token, body: { position: 0 } });
			expect(r.json).toEqual({ _id: b });
			expect(h.wekan.store.lists.get(b)!.sort!).toBeLessThan(h.wekan.store.lists.get(a)!.sort!);
		});

		it('moves to another board, merging into a same-titled list there', async () => {
			const a = await createList('Todo');
			const target = await createList('Todo', other.boardId);
			const card = h.wekan.store.newCard({ title: 'c', boardId, listId: a, swimlaneId, userId: owner.id });
			const r = await h.call('POST', `/api/boards/${boardId}/lists/${a}/move`, { token: owner.token, body: { toBoardId: other.boardId } });
			expect(r.json).toEqual({ _id: a });
			expect(h.wekan.store.cards.get(card._id)).toMatchObject({ boardId: other.boardId, listId: target, swimlaneId: other.swimlaneId });
			expect(h.wekan.store.lists.get(a)).toBeUndefined();
		});

		it('moves to another board without a same-titled list by moving the list itself', async () => {
			const a = await createList('Solo');
			const card = h.wekan.store.newCard({ title: 'c', boardId, listId: a, swimlaneId, userId: owner.id });
			await h.call('POST', `/api/boards/${boardId}/lists/${a}/move`, { token: owner.token, body: { toBoardId: other.boardId } });
			expect(h.wekan.store.lists.get(a)).toMatchObject({ boardId: other.boardId, swimlaneId: other.swimlaneId });
			expect(h.wekan.store.cards.get(card._id)).toMatchObject({ boardId: other.boardId, listId: a });
		});

		it('answers 404 {error} for an unknown list and HTML pages for permission failures (style B)', async () => {
			const missing = await h.call('POST', `/api/boards/${boardId}/lists/nope/copy`, { token: owner.token, body: {} });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'List not found' });
			const a = await createList('A');
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/lists/${a}/copy`, { token: reader.token, body: {} }), 403);
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/lists/${a}/move`, { token: commenter.token, body: {} }), 403);
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/lists/${a}/move`, { body: {} }), 401);
			// Write access on the target board is needed too.
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/lists/${a}/copy`, { token: normal.token, body: { toBoardId: other.boardId } }), 403);
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/lists/${a}/move`, { token: normal.token, body: { toBoardId: 'nope' } }), 404);
			expect(h.wekan.store.lists.get(a)!.boardId).toBe(boardId);
		});
	});
});
