import { newMember } from '../wekan-server/permissions';
import { expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

describe('checklist routes', () => {
	let h: ServerHarness;
	let owner: TestUser;
	let normal: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let outsider: TestUser;
	let boardId: string;
	let cardId: string;
	let base: string;

	const store = () => h.wekan.store;
	const activities = (type: string) => store().activities.find((a) => a.activityType === type);

	const addChecklist = async (body: Record<string, unknown> = { title: 'Steps' }, token = owner.token) => {
		const r = await h.call('POST', base, { token, body });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};
	const addItem = async (checklistId: string, body: Record<string, unknown>, token = owner.token) => {
		const r = await h.call('POST', `${base}/${checklistId}/items`, { token, body });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};

	beforeEach(async () => {
		h = await startHarness();
		await h.user('siteadmin');
		owner = await h.user('owner');
		normal = await h.user('normal');
		reader = await h.user('reader');
		commenter = await h.user('commenter');
		outsider = await h.user('outsider');
		const board = h.wekan.createBoard({ title: 'Checklists', ownerId: owner.id });
		board.members.push(newMember(normal.id), newMember(reader.id, { isReadOnly: true }), newMember(commenter.id, { isCommentOnly: true }));
		boardId = board._id;
		const swimlaneId = h.wekan.defaultSwimlaneId(boardId)!;
		const list = h.wekan.createList(boardId, 'Todo', swimlaneId);
		cardId = store().newCard({ title: 'Card', boardId, listId: list._id, swimlaneId, userId: owner.id })._id;
		base = `/api/boards/${boardId}/cards/${cardId}/checklists`;
	});
	afterEach(() => h.close());

	describe('POST checklist', () => {
		it('creates a checklist with sort 0 and items from an array, recording the inserts', async () => {
			await addChecklist({ title: 'First' });
			const id = await addChecklist({ title: 'Second', items: ['a', 'b', 'c'] });
			expect(store().checklists.get(id)).toMatchObject({ title: 'Second', cardId, boardId, sort: 0 });
			const items = store().checklistItems.find((i) => i.checklistId === id).sort((a, b) => a.sort - b.sort);
			expect(items.map((i) => [i.title, i.sort, i.isFinished])).toEqual([['a', 0, false], ['b', 1, false], ['c', 2, false]]);
			expect(activities('addChecklist')).toHaveLength(2);
			expect(activities('addChecklist')[1]).toMatchObject({ checklistId: id, cardId, boardId, userId: owner.id, origin: 'rest' });
			expect(activities('addChecklistItem')).toHaveLength(3);
		});

		it('accepts a single string as items, and "" as none', async () => {
			const one = await addChecklist({ title: 'One', items: 'only' });
			expect(store().checklistItems.find((i) => i.checklistId === one).map((i) => i.title)).toEqual(['only']);
			const none = await addChecklist({ title: 'None', items: '' });
			expect(store().checklistItems.find((i) => i.checklistId === none)).toEqual([]);
		});

		it('needs board-read and the comment capability: read-only and comment-only members each lack one', async () => {
			await addChecklist({ title: 'By member' }, normal.token);
			expectStyleB(await h.call('POST', base, { token: reader.token, body: { title: 'x' } }), 403);
			expectStyleB(await h.call('POST', base, { token: commenter.token, body: { title: 'x' } }), 403);
			expectStyleB(await h.call('POST', base, { token: outsider.token, body: { title: 'x' } }), 403);
			expectStyleB(await h.call('POST', base, { body: { title: 'x' } }), 401);
			expect(store().checklists.size).toBe(1);
		});

		it('answers 404 {error} when the card is not on the board', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/cards/nope/checklists`, { token: owner.token, body: { title: 'x' } });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'Card not found or does not belong to the specified board' });
		});
	});

	describe('GET checklists', () => {
		it('lists {_id, title} of the card\'s checklists', async () => {
			const id = await addChecklist({ title: 'Steps' });
			const r = await h.call('GET', base, { token: reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([{ _id: id, title: 'Steps' }]);
		});

		it('returns one checklist with its items as {_id, title, isFinished}', async () => {
			const id = await addChecklist({ title: 'Steps', items: ['a'] });
			const r = await h.call('GET', `${base}/${id}`, { token: reader.token });
			expect(r.json).toEqual({
				_id: id,
				cardId,
				boardId,
				title: 'Steps',
				sort: 0,
				createdAt: expect.any(String),
				modifiedAt: expect.any(String),
				items: [{ _id: expect.any(String), title: 'a', isFinished: false }],
			});
		});

		it('answers a missing checklist with a 500 and an empty body, a missing card with 404 {error}', async () => {
			const missing = await h.call('GET', `${base}/nope`, { token: owner.token });
			expect(missing.status).toBe(500);
			expect(missing.text).toBe('');
			const noCard = await h.call('GET', `/api/boards/${boardId}/cards/nope/checklists`, { token: owner.token });
			expect(noCard.status).toBe(404);
			expect(noCard.json.error).toMatch(/Card not found/);
		});

		it('refuses comment-only members, outsiders and anonymous callers with HTML pages', async () => {
			const id = await addChecklist();
			expectStyleB(await h.call('GET', base, { token: commenter.token }), 403);
			expectStyleB(await h.call('GET', `${base}/${id}`, { token: outsider.token }), 403);
			expectStyleB(await h.call('GET', base), 401);
		});
	});

	describe('DELETE checklist', () => {
		it('deletes the checklist and its items', async () => {
			const id = await addChecklist({ title: 'Steps', items: ['a', 'b'] });
			const r = await h.call('DELETE', `${base}/${id}`, { token: reader.token });
			expect(r.json).toEqual({ _id: id });
			expect(store().checklists.size + store().checklistItems.size).toBe(0);
		});

		it('answers 404 {error} for a missing checklist and HTML for permission failures', async () => {
			const r = await h.call('DELETE', `${base}/nope`, { token: owner.token });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'Checklist not found or does not belong to the specified card' });
			const id = await addChecklist();
			expectStyleB(await h.call('DELETE', `${base}/${id}`, { token: commenter.token }), 403);
			expectStyleB(await h.call('DELETE', `${base}/${id}`), 401);
		});
	});

	describe('items', () => {
		it('appends an item after the last one, or at an explicit sort, and records addChecklistItem', async () => {
			const cl = await addChecklist({ title: 'Steps', items: ['a', 'b'] });
			const c = await addItem(cl, { title: 'c' });
			expect(store().checklistItems.get(c)).toMatchObject({ title: 'c', sort: 2, isFinished: false, checklistId: cl, cardId, boardId });
			const d = await addItem(cl, { title: 'd', sort: 10 });
			expect(store().checklistItems.get(d)!.sort).toBe(10);
			const e = await addItem(cl, { title: 'e' });
			expect(store().checklistItems.get(e)!.sort).toBe(11);
			expect(activities('addChecklistItem').at(-1)).toMatchObject({ checklistItemId: e, checklistId: cl, origin: 'rest' });
		});

		it('starts an empty checklist at sort 0', async () => {
			const cl = await addChecklist();
			expect(store().checklistItems.get(await addItem(cl, { title: 'first' }))!.sort).toBe(0);
		});

		it('returns the item document', async () => {
			const cl = await addChecklist();
			const item = await addItem(cl, { title: 'x' });
			const r = await h.call('GET', `${base}/${cl}/items/${item}`, { token: reader.token });
			expect(r.json).toEqual({
				_id: item,
				title: 'x',
				sort: 0,
				isFinished: false,
				checklistId: cl,
				cardId,
				boardId,
				createdAt: expect.any(String),
				modifiedAt: expect.any(String),
			});
		});

		it('updates isFinished (boolean or string) and title without recording activities', async () => {
			const cl = await addChecklist();
			const item = await addItem(cl, { title: 'x' });
			const before = store().activities.size;
			const r = await h.call('PUT', `${base}/${cl}/items/${item}`, { token: reader.token, body: { isFinished: 'TRUE', title: 'renamed' } });
			expect(r.json).toEqual({ _id: item });
			expect(store().checklistItems.get(item)).toMatchObject({ isFinished: true, title: 'renamed' });
			await h.call('PUT', `${base}/${cl}/items/${item}`, { token: owner.token, body: { isFinished: false } });
			expect(store().checklistItems.get(item)!.isFinished).toBe(false);
			await h.call('PUT', `${base}/${cl}/items/${item}`, { token: owner.token, body: { isFinished: 'yes' } });
			expect(store().checklistItems.get(item)!.isFinished).toBe(false);
			expect(store().activities.size).toBe(before);
		});

		it('sets finishedAt on the checklist when every item is finished, and clears it again', async () => {
			const cl = await addChecklist({ title: 'Steps', items: ['a', 'b'] });
			const [a, b] = store().checklistItems.find((i) => i.checklistId === cl).map((i) => i._id);
			await h.call('PUT', `${base}/${cl}/items/${a}`, { token: owner.token, body: { isFinished: true } });
			expect(store().checklists.get(cl)!.finishedAt).toBeUndefined();
			await h.call('PUT', `${base}/${cl}/items/${b}`, { token: owner.token, body: { isFinished: 'true' } });
			expect(store().checklists.get(cl)!.finishedAt).toBeInstanceOf(Date);
			const got = await h.call('GET', `${base}/${cl}`, { token: owner.token });
			expect(got.json.finishedAt).toEqual(expect.any(String));
			await addItem(cl, { title: 'c' });
			expect(store().checklists.get(cl)!.finishedAt).toBeUndefined();
		});

		it('deletes an item', async () => {
			const cl = await addChecklist();
			const item = await addItem(cl, { title: 'x' });
			const r = await h.call('DELETE', `${base}/${cl}/items/${item}`, { token: reader.token });
			expect(r.json).toEqual({ _id: item });
			expect(store().checklistItems.get(item)).toBeUndefined();
		});

		it('answers 404 with an empty body for a missing item, a wrong checklist or a missing checklist', async () => {
			const cl = await addChecklist();
			const other = await addChecklist({ title: 'Other' });
			const item = await addItem(cl, { title: 'x' });
			const misses = [
				await h.call('GET', `${base}/${cl}/items/nope`, { token: owner.token }),
				await h.call('GET', `${base}/${other}/items/${item}`, { token: owner.token }),
				await h.call('PUT', `${base}/${cl}/items/nope`, { token: owner.token, body: { title: 'y' } }),
				await h.call('DELETE', `${base}/${other}/items/${item}`, { token: owner.token }),
				await h.call('POST', `${base}/nope/items`, { token: owner.token, body: { title: 'y' } }),
			];
			for (const r of misses) {
				expect(r.status).toBe(404);
				expect(r.text).toBe('');
			}
			expect(store().checklistItems.get(item)).toBeDefined();
		});

		it('needs board-read: comment-only members, outsiders and anonymous callers get HTML errors', async () => {
			const cl = await addChecklist();
			const item = await addItem(cl, { title: 'x' });
			expectStyleB(await h.call('GET', `${base}/${cl}/items/${item}`, { token: commenter.token }), 403);
			expectStyleB(await h.call('POST', `${base}/${cl}/items`, { token: outsider.token, body: { title: 'y' } }), 403);
			expectStyleB(await h.call('PUT', `${base}/${cl}/items/${item}`, { token: commenter.token, body: { title: 'y' } }), 403);
			expectStyleB(await h.call('DELETE', `${base}/${cl}/items/${item}`), 401);
		});
	});
});
