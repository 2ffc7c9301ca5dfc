import { searchTargetSwimlanes } from '../../nodes/shared/boardParts';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

const list = (operation: string, parameters = {}, credentialId?: string) => op('list', operation, parameters, credentialId);

describe('List operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;
	const freshBoard = (title: string) => {
		const board = w().createBoard({ title, ownerId: f.adminId });
		return { boardId: board._id, swimlaneId: w().defaultSwimlaneId(board._id)! };
	};
	const addCard = async (boardId: string, listId: string, swimlaneId: string, title: string) =>
		(await f.engine.run(op('card', 'create', { boardId: rl(boardId), listId: rl(listId), swimlaneId: rl(swimlaneId), title }))).json('Wekan')[0];

	describe('Create', () => {
		it('creates a list in the default swimlane and returns it', async () => {
			const { boardId, swimlaneId } = freshBoard('Create Lists');
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Backlog' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			expect(created).toMatchObject({ title: 'Backlog', boardId, swimlaneId, archived: false });
			expect(w().store.lists.get(String(created._id))).toMatchObject({ title: 'Backlog', boardId });
			expect(w().requests('POST', `/api/boards/${boardId}/lists`)).toHaveLength(1);
		});

		it('places the new list at a position', async () => {
			const { boardId } = freshBoard('Positioned Lists');
			const first = w().createList(boardId, 'First', undefined, 0);
			w().createList(boardId, 'Second', undefined, 1);
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Zero', options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			const created = w().store.lists.get(String(result.json('Wekan')[0]._id))!;
			expect(created.sort).toBeLessThan(first.sort!);
			expect(result.json('Wekan')[0].sort).toBe(created.sort);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Create Denied');
			const { credentialId } = normalUser(f, 'listreader', boardId, { isReadOnly: true });
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Nope' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().store.lists.find((l) => l.boardId === boardId)).toHaveLength(0);
		});

		it('rejects an empty title and a negative position before any request', async () => {
			const empty = await runCounting(f, list('create', { boardId: rl(f.boardId), title: ' ' }));
			expect(expectFailure(empty.result)).toContain('Title is required');
			expect(empty.requests).toBe(0);
			const negative = await runCounting(f, list('create', { boardId: rl(f.boardId), title: 'T', options: { position: '={{ -1 }}' } }));
			expect(expectFailure(negative.result)).toContain('Position must be a whole number of 0 or more');
			expect(negative.requests).toBe(0);
		});
	});

	describe('Get and Get Many', () => {
		it('gets a list with its full document', async () => {
			const result = await f.engine.run(list('get', { boardId: rl(f.boardId), listId: rl(f.todoListId), simplify: false }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: f.todoListId, title: 'To Do', boardId: f.boardId, wipLimit: { value: 1, enabled: false, soft: false } });
		});

		it('treats an unknown or deleted list as not found', async () => {
			const unknown = await f.engine.run(list('get', { boardId: rl(f.boardId), listId: rl('NoSuchList1') }));
			expect(expectFailure(unknown)).toContain(`No list with ID NoSuchList1 on board ${f.boardId}`);
			const { boardId } = freshBoard('Deleted List');
			const gone = w().createList(boardId, 'Gone');
			gone.deletedAt = new Date();
			const deleted = await f.engine.run(list('get', { boardId: rl(boardId), listId: rl(gone._id) }));
			expect(expectFailure(deleted)).toContain(`No list with ID ${gone._id}`);
		});

		it('lists the open lists of a board with a limit', async () => {
			const all = await f.engine.run(list('getAll', { boardId: rl(f.boardId), returnAll: true }));
			expect(all.error).toBeUndefined();
			expect(all.json('Wekan').map((l) => [l._id, l.title, l.boardId]).sort()).toEqual(
				[
					[f.todoListId, 'To Do', f.boardId],
					[f.doneListId, 'Done', f.boardId],
				].sort(),
			);
			const one = await f.engine.run(list('getAll', { boardId: rl(f.boardId), returnAll: false, limit: 1 }));
			expect(one.json('Wekan')).toHaveLength(1);
		});

		it('refuses a comment-only member', async () => {
			const { boardId } = freshBoard('Lists Hidden');
			const { credentialId } = normalUser(f, 'listcommenter', boardId, { isCommentOnly: true });
			const result = await f.engine.run(list('getAll', { boardId: rl(boardId), returnAll: true }, credentialId));
			expect(expectFailure(result)).toContain('read access');
		});
	});

	describe('Update', () => {
		it('updates title, color, star and part of the WIP limit', async () => {
			const { boardId } = freshBoard('Update Lists');
			const l = w().createList(boardId, 'Doing');
			l.wipLimit = { value: 3, enabled: false, soft: true };
			const result = await f.engine.run(
				list('update', {
					boardId: rl(boardId),
					listId: rl(l._id),
					updateFields: { title: 'In Progress', color: 'navy', starred: true, wipLimit: 5, wipLimitEnabled: true },
				}),
			);
			expect(result.error).toBeUndefined();
			const expected = { title: 'In Progress', color: 'navy', starred: true, wipLimit: { value: 5, enabled: true, soft: true } };
			expect(result.json('Wekan')[0]).toMatchObject(expected);
			expect(w().store.lists.get(l._id)).toMatchObject(expected);
		});

		it('accepts a #rrggbb color from an expression', async () => {
			const { boardId } = freshBoard('Hex Lists');
			const l = w().createList(boardId, 'Hex');
			const result = await f.engine.run(list('update', { boardId: rl(boardId), listId: rl(l._id), updateFields: { color: '={{ "#12ab9F" }}' } }));
			expect(result.error).toBeUndefined();
			expect(w().store.lists.get(l._id)!.color).toBe('#12ab9f');
		});

		it('rejects what Wekan cannot do before any request', async () => {
			const params = (updateFields: object) => list('update', { boardId: rl(f.boardId), listId: rl(f.todoListId), updateFields });
			const cases: Array<[object, string]> = [
				[{ title: ' ' }, 'Wekan cannot set an empty title'],
				[{ title: 'x'.repeat(1001) }, 'Wekan takes at most 1000'],
				[{ color: '={{ "" }}' }, 'Wekan cannot remove a list\'s color'],
				[{ color: '={{ "rainbow" }}' }, '"rainbow" is not a Wekan list color'],
				[{ wipLimit: '={{ 0 }}' }, 'WIP Limit must be a whole number of 1 or more'],
				[{}, 'Nothing to update'],
			];
			for (const [fields, message] of cases) {
				const { result, requests } = await runCounting(f, params(fields));
				expect(expectFailure(result)).toContain(message);
				expect(requests).toBe(0);
			}
			expect(w().store.lists.get(f.todoListId)!.title).toBe('To Do');
		});

		it('fails for an unknown list', async () => {
			const result = await f.engine.run(list('update', { boardId: rl(f.boardId), listId: rl('NoSuchList2'), updateFields: { title: 'X' } }));
			expect(expectFailure(result)).toContain('No list with ID NoSuchList2');
		});
	});

	describe('Delete', () => {
		it('deletes a list and its cards (Wekan marks them deleted)', async () => {
			const { boardId, swimlaneId } = freshBoard('Delete Lists');
			const l = w().createList(boardId, 'Trash');
			const card = await addCard(boardId, l._id, swimlaneId, 'c');
			const result = await f.engine.run(list('delete', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: l._id, title: 'Trash', boardId, deleted: true }]);
			expect(w().store.lists.get(l._id)!.deletedAt).toBeInstanceOf(Date);
			expect(w().store.cards.get(String(card._id))!.deletedAt).toBeInstanceOf(Date);
			const again = await f.engine.run(list('delete', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(expectFailure(again)).toContain(`No list with ID ${l._id}`);
			expect(w().requests('DELETE', `/api/boards/${boardId}/lists/${l._id}`)).toHaveLength(1);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Delete Denied');
			const l = w().createList(boardId, 'Stays');
			const { credentialId } = normalUser(f, 'listdeleter', boardId, { isReadOnly: true });
			const result = await f.engine.run(list('delete', { boardId: rl(boardId), listId: rl(l._id) }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().store.lists.get(l._id)!.deletedAt).toBeUndefined();
		});
	});

	describe('Copy', () => {
		it('copies a list with its cards to another board', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy From');
			const target = freshBoard('Copy To');
			const l = w().createList(boardId, 'Template');
			await addCard(boardId, l._id, swimlaneId, 'step 1');
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'Template', boardId: target.boardId, swimlaneId: target.swimlaneId });
			expect(w().store.cards.find((c) => c.listId === copy._id).map((c) => c.title)).toEqual(['step 1']);
			expect(w().store.cards.find((c) => c.listId === l._id)).toHaveLength(1);
		});

		it('copies within the board into a chosen swimlane', async () => {
			const { boardId } = freshBoard('Copy Here');
			const other = w().createSwimlane(boardId, 'Other');
			const l = w().createList(boardId, 'Orig');
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toSwimlaneId: rl(other._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Orig', boardId, swimlaneId: other._id });
		});

		it('refuses a user without write access to the target board', async () => {
			const { boardId } = freshBoard('Copy Src');
			const target = freshBoard('Copy Forbidden Target');
			const l = w().createList(boardId, 'Mine');
			const { credentialId } = normalUser(f, 'listcopier', boardId);
			const before = w().store.lists.size;
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }, credentialId));
			expectFailure(result);
			expect(w().store.lists.size).toBe(before);
		});
	});

	describe('Move', () => {
		it('moves a list to a position on its board', async () => {
			const { boardId } = freshBoard('Move Here');
			const a = w().createList(boardId, 'A', undefined, 0);
			w().createList(boardId, 'B', undefined, 1);
			const c = w().createList(boardId, 'C', undefined, 2);
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(c._id), options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			expect(w().store.lists.get(c._id)!.sort).toBeLessThan(a.sort!);
			expect(result.json('Wekan')[0]).toMatchObject({ _id: c._id, sort: w().store.lists.get(c._id)!.sort });
		});

		it('moves a list with its cards to another board', async () => {
			const { boardId, swimlaneId } = freshBoard('Move From');
			const target = freshBoard('Move To');
			const l = w().createList(boardId, 'Traveller');
			const card = await addCard(boardId, l._id, swimlaneId, 'bag');
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: l._id, boardId: target.boardId, swimlaneId: target.swimlaneId });
			expect(w().store.cards.get(String(card._id))).toMatchObject({ boardId: target.boardId, listId: l._id });
		});

		it('reports the list it merged into on another board', async () => {
			const { boardId, swimlaneId } = freshBoard('Merge From');
			const target = freshBoard('Merge To');
			const l = w().createList(boardId, 'Done');
			const existing = w().createList(target.boardId, 'Done');
			const card = await addCard(boardId, l._id, swimlaneId, 'finished');
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: existing._id, boardId: target.boardId, mergedFromListId: l._id });
			expect(w().store.cards.get(String(card._id))).toMatchObject({ listId: existing._id });
		});

		it('rejects a move with no target before any request', async () => {
			const { result, requests } = await runCounting(f, list('move', { boardId: rl(f.boardId), listId: rl(f.todoListId) }));
			expect(expectFailure(result)).toContain('Nothing to move');
			expect(requests).toBe(0);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Move Denied');
			const a = w().createList(boardId, 'A', undefined, 0);
			w().createList(boardId, 'B', undefined, 1);
			const { credentialId } = normalUser(f, 'listmover', boardId, { isReadOnly: true });
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(a._id), options: { position: 1 } }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().store.lists.get(a._id)!.sort).toBe(0);
		});
	});

	describe('Count Cards', () => {
		it('counts the open cards of a list', async () => {
			const { boardId, swimlaneId } = freshBoard('Count Lists');
			const l = w().createList(boardId, 'Counted');
			await addCard(boardId, l._id, swimlaneId, 'one');
			await addCard(boardId, l._id, swimlaneId, 'two');
			const result = await f.engine.run(list('countCards', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId, listId: l._id, cardCount: 2 }]);
		});

		it('fails for an unknown list instead of counting 0', async () => {
			const result = await f.engine.run(list('countCards', { boardId: rl(f.boardId), listId: rl('NoSuchList3') }));
			expect(expectFailure(result)).toContain('No list with ID NoSuchList3');
			expect(w().requests('GET', `/api/boards/${f.boardId}/lists/NoSuchList3/cards_count`)).toHaveLength(0);
		});
	});

	describe('Target swimlane picker', () => {
		it('shows the target board\'s swimlanes, or the board\'s own when no target is chosen', async () => {
			const source = freshBoard('Picker Source');
			const target = freshBoard('Picker Target');
			const extra = w().createSwimlane(target.boardId, 'Archive Lane');
			const toTarget = list('copy', { boardId: rl(source.boardId), toBoardId: rl(target.boardId) });
			const found = await searchTargetSwimlanes.call(f.engine.loadOptionsContext(toTarget, 'Wekan'), 'lane');
			expect(found.results).toEqual([{ name: 'Archive Lane', value: extra._id }]);
			const sameBoard = list('copy', { boardId: rl(source.boardId), toBoardId: rl('') });
			const own = await searchTargetSwimlanes.call(f.engine.loadOptionsContext(sameBoard, 'Wekan'));
			expect(own.results).toEqual([{ name: 'Default', value: source.swimlaneId }]);
		});
	});
});
