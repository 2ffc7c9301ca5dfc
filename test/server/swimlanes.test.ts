import { expectEmpty200, expectStyleA, expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

describe('swimlane routes', () => {
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

	const createSwimlane = async (title: string, body: Record<string, unknown> = {}, board = boardId) =>
		(await h.call('POST', `/api/boards/${board}/swimlanes`, { token: owner.token, body: { title, ...body } })).json._id as string;
	const createList = async (title: string, lane?: string, board = boardId) =>
		(await h.call('POST', `/api/boards/${board}/lists`, { token: owner.token, body: { title, swimlaneId: lane } })).json._id as string;

	describe('POST /api/boards/:boardId/swimlanes', () => {
		it('appends at max(sort)+1, honours a given sort, and records createSwimlane', async () => {
			h.wekan.store.swimlanes.get(swimlaneId)!.sort = 7;
			const r = await h.call('POST', `/api/boards/${boardId}/swimlanes`, { token: normal.token, body: { title: 'Ops' } });
			expect(r.json).toEqual({ _id: expect.any(String) });
			expect(h.wekan.store.swimlanes.get(r.json._id)).toMatchObject({ title: 'Ops', boardId, sort: 8, archived: false });
			const given = await createSwimlane('Top', { sort: '-2' });
			expect(h.wekan.store.swimlanes.get(given)!.sort).toBe(-2);
			const activity = h.wekan.store.activities.findOne((a) => a.activityType === 'createSwimlane' && a.swimlaneId === r.json._id);
			expect(activity).toMatchObject({ boardId, userId: normal.id, origin: 'rest' });
		});

		it('answers {} without a title, and style A permission errors', async () => {
			expect((await h.call('POST', `/api/boards/${boardId}/swimlanes`, { token: owner.token, body: {} })).json).toEqual({});
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/swimlanes`, { token: reader.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/swimlanes`, { token: commenter.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/swimlanes`, { token: stranger.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('POST', `/api/boards/${boardId}/swimlanes`, { body: { title: 'x' } }), 401);
			expect(h.wekan.store.swimlanes.find((s) => s.boardId === boardId)).toHaveLength(1);
		});
	});

	describe('GET swimlanes', () => {
		it('lists non-archived swimlanes as {_id,title}', async () => {
			const ops = await createSwimlane('Ops');
			const gone = await createSwimlane('Gone');
			h.wekan.store.swimlanes.get(gone)!.archived = true;
			const r = await h.call('GET', `/api/boards/${boardId}/swimlanes`, { token: reader.token });
			expect(r.json).toEqual([
				{ _id: swimlaneId, title: 'Default' },
				{ _id: ops, title: 'Ops' },
			]);
		});

		it('returns one swimlane document, and an empty 200 when missing or archived', async () => {
			const r = await h.call('GET', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { token: reader.token });
			expect(r.json).toMatchObject({ _id: swimlaneId, title: 'Default', archived: false, boardId, sort: 0, type: 'swimlane' });
			expect(r.json).toHaveProperty('createdAt');
			expect(r.json).toHaveProperty('modifiedAt');
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/swimlanes/nope`, { token: reader.token }));
			h.wekan.store.swimlanes.get(swimlaneId)!.archived = true;
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { token: reader.token }));
		});

		it('refuses comment-only members, strangers and anonymous callers in style A', async () => {
			for (const path of [`/api/boards/${boardId}/swimlanes`, `/api/boards/${boardId}/swimlanes/${swimlaneId}`]) {
				expectStyleA(await h.call('GET', path, { token: commenter.token }), 403);
				expectStyleA(await h.call('GET', path, { token: stranger.token }), 403);
				expectStyleA(await h.call('GET', path), 401);
			}
		});
	});

	describe('PUT /api/boards/:boardId/swimlanes/:swimlaneId', () => {
		it('changes only the title, without an activity', async () => {
			const before = h.wekan.store.activities.size;
			const r = await h.call('PUT', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, {
				token: normal.token,
				body: { title: 'Main', sort: 9, color: 'red' },
			});
			expect(r.json).toEqual({ _id: swimlaneId });
			expect(h.wekan.store.swimlanes.get(swimlaneId)).toMatchObject({ title: 'Main', sort: 0 });
			expect(h.wekan.store.swimlanes.get(swimlaneId)!.color).toBeUndefined();
			expect(h.wekan.store.activities.size).toBe(before);
		});

		it('answers a not-found Meteor error without statusCode, and style A permission errors', async () => {
			const r = await h.call('PUT', `/api/boards/${boardId}/swimlanes/nope`, { token: owner.token, body: { title: 'x' } });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ errorType: 'Meteor.Error', error: 'not-found', reason: 'Swimlane not found' });
			expect(r.json).not.toHaveProperty('statusCode');
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { token: reader.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { token: commenter.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { body: { title: 'x' } }), 401);
			expect(h.wekan.store.swimlanes.get(swimlaneId)!.title).toBe('Default');
		});
	});

	describe('DELETE /api/boards/:boardId/swimlanes/:swimlaneId', () => {
		it("removes only the swimlane's cards when two or more lists are in scope", async () => {
			const ops = await createSwimlane('Ops');
			const a = await createList('A', ops);
			const b = await createList('B', ops);
			const mine = h.wekan.store.newCard({ title: 'mine', boardId, listId: a, swimlaneId: ops, userId: owner.id });
			const theirs = h.wekan.store.newCard({ title: 'theirs', boardId, listId: b, swimlaneId, userId: owner.id });
			const r = await h.call('DELETE', `/api/boards/${boardId}/swimlanes/${ops}`, { token: normal.token });
			expect(r.json).toEqual({ _id: ops });
			expect(h.wekan.store.swimlanes.get(ops)).toBeUndefined();
			expect(h.wekan.store.cards.get(mine._id)).toBeUndefined();
			expect(h.wekan.store.cards.get(theirs._id)).toBeDefined();
			expect(h.wekan.store.lists.get(a)).toBeDefined();
			expect(h.wekan.store.lists.get(b)).toBeDefined();
			expect(h.wekan.store.activities.findOne((a2) => a2.activityType === 'removeSwimlane')).toMatchObject({ swimlaneId: ops });
		});

		it('removes the lists in scope, with all their cards, when fewer than two', async () => {
			const ops = await createSwimlane('Ops');
			const a = await createList('A', ops);
			const other = await createList('Other', swimlaneId);
			const inList = h.wekan.store.newCard({ title: 'x', boardId, listId: a, swimlaneId, userId: owner.id });
			const elsewhere = h.wekan.store.newCard({ title: 'y', boardId, listId: other, swimlaneId: ops, userId: owner.id });
			await h.call('DELETE', `/api/boards/${boardId}/swimlanes/${ops}`, { token: owner.token });
			expect(h.wekan.store.lists.get(a)).toBeUndefined();
			expect(h.wekan.store.cards.get(inList._id)).toBeUndefined();
			expect(h.wekan.store.lists.get(other)).toBeDefined();
			expect(h.wekan.store.cards.get(elsewhere._id)).toBeDefined();
		});

		it('refuses readers in style A and answers {_id} for an unknown swimlane', async () => {
			expectStyleA(await h.call('DELETE', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { token: reader.token }), 403);
			expectStyleA(await h.call('DELETE', `/api/boards/${boardId}/swimlanes/${swimlaneId}`, { token: commenter.token }), 403);
			expectStyleA(await h.call('DELETE', `/api/boards/${boardId}/swimlanes/${swimlaneId}`), 401);
			expect(h.wekan.store.swimlanes.get(swimlaneId)).toBeDefined();
			expect((await h.call('DELETE', `/api/boards/${boardId}/swimlanes/nope`, { token: owner.token })).json).toEqual({ _id: 'nope' });
		});
	});

	describe('GET /api/boards/:boardId/swimlanes/:swimlaneId/cards', () => {
		it('returns the non-archived cards of the swimlane, sorted, with the documented fields', async () => {
			const a = await createList('A');
			const due = new Date('2030-01-01T00:00:00Z');
			h.wekan.store.newCard({ title: 'second', boardId, listId: a, swimlaneId, userId: owner.id, sort: 2, dueAt: due });
			h.wekan.store.newCard({ title: 'first', boardId, listId: a, swimlaneId, userId: owner.id, sort: 1, assignees: [owner.id] });
			h.wekan.store.newCard({ title: 'archived', boardId, listId: a, swimlaneId, userId: owner.id, sort: 0, archived: true });
			const r = await h.call('GET', `/api/boards/${boardId}/swimlanes/${swimlaneId}/cards`, { token: reader.token });
			expect(r.json.map((c: { title: string }) => c.title)).toEqual(['first', 'second']);
			expect(Object.keys(r.json[0]).sort()).toEqual(['_id', 'assignees', 'description', 'listId', 'sort', 'title']);
			expect(r.json[0]).toMatchObject({ listId: a, assignees: [owner.id], description: '', sort: 1 });
			expect(r.json[1].dueAt).toBe(due.toISOString());
		});

		it('answers permission failures with HTML pages (style B)', async () => {
			expectStyleB(await h.call('GET', `/api/boards/${boardId}/swimlanes/${swimlaneId}/cards`, { token: commenter.token }), 403);
			expectStyleB(await h.call('GET', `/api/boards/${boardId}/swimlanes/${swimlaneId}/cards`), 401);
			expectStyleB(await h.call('GET', `/api/boards/nope/swimlanes/${swimlaneId}/cards`, { token: owner.token }), 404);
		});
	});

	describe('copy and move', () => {
		let other: { boardId: string; swimlaneId: string };
		beforeEach(async () => {
			other = await h.board(owner, 'Other');
		});

		it('deep-copies a swimlane with its lists and cards to another board at a position', async () => {
			const ops = await createSwimlane('Ops');
			const a = await createList('A', ops);
			h.wekan.store.newCard({ title: 'c', boardId, listId: a, swimlaneId: ops, userId: owner.id });
			const r = await h.call('POST', `/api/boards/${boardId}/swimlanes/${ops}/copy`, {
				token: owner.token,
				body: { toBoardId: other.boardId, position: 0, title: 'Ops copy' },
			});
			expect(r.json).toEqual({ _id: expect.any(String) });
			const copy = h.wekan.store.swimlanes.get(r.json._id)!;
			expect(copy).toMatchObject({ title: 'Ops copy', boardId: other.boardId });
			expect(copy.sort).toBeLessThan(h.wekan.store.swimlanes.get(other.swimlaneId)!.sort);
			const lists = h.wekan.store.lists.find((l) => l.boardId === other.boardId);
			expect(lists).toEqual([expect.objectContaining({ title: 'A', swimlaneId: copy._id })]);
			expect(h.wekan.store.cards.find((c) => c.boardId === other.boardId)).toEqual([
				expect.objectContaining({ title: 'c', listId: lists[0]._id, swimlaneId: copy._id }),
			]);
			expect(h.wekan.store.cards.find((c) => c.swimlaneId === ops)).toHaveLength(1);
		});

		it('copies within the board just below the original', async () => {
			const ops = await createSwimlane('Ops');
			const r = await h.call('POST', `/api/boards/${boardId}/swimlanes/${swimlaneId}/copy`, { token: owner.token, body: {} });
			const order = h.wekan.store.swimlanes
				.find((s) => s.boardId === boardId)
				.sort((x, y) => x.sort - y.sort)
				.map((s) => s._id);
			expect(order).toEqual([swimlaneId, r.json._id, ops]);
			expect(h.wekan.store.swimlanes.get(r.json._id)!.title).toBe('Default');
		});

		it('moves a swimlane with its lists and cards to another board', async () => {
			const ops = await createSwimlane('Ops');
			const a = await createList('A', ops);
			const card = h.wekan.store.newCard({ title: 'c', boardId, listId: a, swimlaneId: ops, userId: owner.id });
			const r = await h.call('POST', `/api/boards/${boardId}/swimlanes/${ops}/move`, { token: owner.token, body: { toBoardId: other.boardId } });
			expect(r.json).toEqual({ _id: ops });
			expect(h.wekan.store.swimlanes.get(ops)!.boardId).toBe(other.boardId);
			expect(h.wekan.store.lists.get(a)!.boardId).toBe(other.boardId);
			expect(h.wekan.store.cards.get(card._id)).toMatchObject({ boardId: other.boardId, listId: a, swimlaneId: ops });
		});

		it('repositions within the board with a 0-based position', async () => {
			const ops = await createSwimlane('Ops');
			await h.call('POST', `/api/boards/${boardId}/swimlanes/${ops}/move`, { token: owner.token, body: { position: 0 } });
			expect(h.wekan.store.swimlanes.get(ops)!.sort).toBeLessThan(h.wekan.store.swimlanes.get(swimlaneId)!.sort);
		});

		it('answers 404 {error} for an unknown swimlane and HTML pages for permission failures', async () => {
			const missing = await h.call('POST', `/api/boards/${boardId}/swimlanes/nope/move`, { token: owner.token, body: {} });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Swimlane not found' });
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/swimlanes/${swimlaneId}/copy`, { token: reader.token, body: {} }), 403);
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/swimlanes/${swimlaneId}/move`, { token: commenter.token, body: {} }), 403);
			expectStyleB(await h.call('POST', `/api/boards/${boardId}/swimlanes/${swimlaneId}/copy`, { body: {} }), 401);
			expectStyleB(
				await h.call('POST', `/api/boards/${boardId}/swimlanes/${swimlaneId}/move`, { token: normal.token, body: { toBoardId: other.boardId } }),
				403,
			);
			expect(h.wekan.store.swimlanes.get(swimlaneId)!.boardId).toBe(boardId);
		});
	});
});
