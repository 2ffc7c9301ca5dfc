import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

const swimlane = (operation: string, parameters = {}, credentialId?: string) => op('swimlane', operation, parameters, credentialId);

describe('Swimlane operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;
	const stored = (id: string) => w().db.swimlanes.findOne(id);
	const freshBoard = (title: string) => {
		const board = w().createBoard({ title, ownerId: f.adminId });
		return { boardId: board._id, swimlaneId: w().defaultSwimlaneId(board._id)! };
	};
	const addCard = (boardId: string, listId: string, swimlaneId: string, title: string) =>
		w().createCard({ title, boardId, listId, swimlaneId, userId: f.adminId });
	/** The board's swimlanes by sort, as [title, sort]; a board made through the API has one without a sort. */
	const lanesOf = (boardId: string) =>
		w()
			.db.swimlanes.find({ boardId }, { sort: { sort: 1 } })
			.map((s) => [s.title, s.sort]);

	describe('Create', () => {
		it('creates a swimlane below the others and returns it', async () => {
			const { boardId } = freshBoard('Create Swimlanes');
			const second = w().createSwimlane(boardId, 'Second', 4);
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: ' Team B ' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			expect(created).toMatchObject({ title: 'Team B', boardId, archived: false });
			// server/models/swimlanes.js:171-202 with models/lib/swimlaneSort.js: max(sort) + 1.
			expect(stored(String(created._id))!.sort).toBe(second.sort! + 1);
			expect(w().requests('POST', `/api/boards/${boardId}/swimlanes`)).toHaveLength(1);
		});

		it('places the new swimlane by its sort, without Wekan\'s move and what it changes', async () => {
			const { boardId } = freshBoard('Positioned Swimlanes');
			w().createSwimlane(boardId, 'One', 1);
			w().createSwimlane(boardId, 'Two', 2);
			const archived = w().createList(boardId, 'Old List');
			w().db.lists.raw.update(archived._id, { $set: { archived: true } });
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: 'Between', options: { position: 2 } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Between', sort: 1.5 });
			expect(lanesOf(boardId)).toEqual([
				['Default', undefined],
				['One', 1],
				['Between', 1.5],
				['Two', 2],
			]);
			expect(w().requests('POST', /\/swimlanes\/[^/]+\/move$/)).toHaveLength(0);
			expect(w().db.lists.find({ boardId }).map((l) => l.title)).toEqual(['Old List']);
		});

		it('places a new swimlane at the top', async () => {
			const { boardId, swimlaneId } = freshBoard('Top Swimlane');
			w().db.swimlanes.raw.update(swimlaneId, { $set: { sort: 0 } });
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: 'Top', options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			expect(stored(String(result.json('Wekan')[0]._id))!.sort).toBe(-1);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Create Denied');
			const { credentialId } = normalUser(f, 'laneReader', boardId, { isReadOnly: true });
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: 'Nope' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().db.swimlanes.find({ boardId })).toHaveLength(1);
		});

		it('rejects an empty title before any request', async () => {
			const { result, requests } = await runCounting(f, swimlane('create', { boardId: rl(f.boardId), title: ' ' }));
			expect(expectFailure(result)).toContain('Title is required');
			expect(requests).toBe(0);
		});
	});

	describe('Get and Get Many', () => {
		it('gets a swimlane', async () => {
			const result = await f.engine.run(swimlane('get', { boardId: rl(f.boardId), swimlaneId: rl(f.swimlaneId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: f.swimlaneId, title: 'Default', boardId: f.boardId });
		});

		it('fails for an unknown swimlane (Wekan\'s empty answer)', async () => {
			const result = await f.engine.run(swimlane('get', { boardId: rl(f.boardId), swimlaneId: rl('NoSuchLane1') }));
			expect(expectFailure(result)).toContain(`No swimlane with ID NoSuchLane1 on board ${f.boardId}`);
		});

		it('lists the swimlanes of a board with a limit', async () => {
			const { boardId, swimlaneId } = freshBoard('Many Swimlanes');
			const second = w().createSwimlane(boardId, 'Second');
			const all = await f.engine.run(swimlane('getAll', { boardId: rl(boardId), returnAll: true }));
			expect(all.error).toBeUndefined();
			expect(all.json('Wekan')).toEqual([
				{ _id: swimlaneId, title: 'Default', boardId },
				{ _id: second._id, title: 'Second', boardId },
			]);
			const one = await f.engine.run(swimlane('getAll', { boardId: rl(boardId), returnAll: false, limit: 1 }));
			expect(one.json('Wekan')).toHaveLength(1);
		});

		it('refuses a worker, who cannot use the read API', async () => {
			const { boardId } = freshBoard('Lanes Hidden');
			const { credentialId } = normalUser(f, 'laneWorker', boardId, { isWorker: true });
			const result = await f.engine.run(swimlane('getAll', { boardId: rl(boardId), returnAll: true }, credentialId));
			expect(expectFailure(result)).toContain('read access');
		});
	});

	describe('Rename', () => {
		it('renames a swimlane and returns it as stored (trimmed)', async () => {
			const { boardId, swimlaneId } = freshBoard('Rename Lanes');
			const result = await f.engine.run(swimlane('rename', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), title: ' Ops ' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: swimlaneId, title: 'Ops' });
			expect(stored(swimlaneId)!.title).toBe('Ops');
		});

		it('fails clearly for an unknown swimlane without writing', async () => {
			const result = await f.engine.run(swimlane('rename', { boardId: rl(f.boardId), swimlaneId: rl('NoSuchLane2'), title: 'X' }));
			expect(expectFailure(result)).toContain('No swimlane with ID NoSuchLane2');
			expect(w().requests('PUT', `/api/boards/${f.boardId}/swimlanes/NoSuchLane2`)).toHaveLength(0);
		});

		it('refuses a read-only member', async () => {
			const { boardId, swimlaneId } = freshBoard('Rename Denied');
			const { credentialId } = normalUser(f, 'laneRenamer', boardId, { isReadOnly: true });
			const result = await f.engine.run(swimlane('rename', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), title: 'X' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(stored(swimlaneId)!.title).toBe('Default');
		});
	});

	describe('Delete', () => {
		it('deletes a swimlane and its cards', async () => {
			const { boardId, swimlaneId } = freshBoard('Delete Lanes');
			const doomed = w().createSwimlane(boardId, 'Doomed');
			// Lists shared by all swimlanes; with two in scope only the swimlane's cards go.
			const a = w().createList(boardId, 'A', '');
			w().createList(boardId, 'B', '');
			const kept = addCard(boardId, a._id, swimlaneId, 'kept');
			const lost = addCard(boardId, a._id, doomed._id, 'lost');
			const result = await f.engine.run(swimlane('delete', { boardId: rl(boardId), swimlaneId: rl(doomed._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: doomed._id, title: 'Doomed', boardId, deleted: true }]);
			expect(stored(doomed._id)).toBeUndefined();
			expect(w().db.cards.findOne(lost._id)).toBeUndefined();
			expect(w().db.cards.findOne(kept._id)).toBeDefined();
			expect(w().db.lists.findOne(a._id)).toBeDefined();
		});

		it('deletes the swimlane\'s only list with it, as Wekan does', async () => {
			const { boardId } = freshBoard('Delete Lane Lists');
			const lane = w().createSwimlane(boardId, 'Solo');
			const only = w().createList(boardId, 'Only', lane._id);
			const card = addCard(boardId, only._id, lane._id, 'gone too');
			const result = await f.engine.run(swimlane('delete', { boardId: rl(boardId), swimlaneId: rl(lane._id) }));
			expect(result.error).toBeUndefined();
			expect(w().db.lists.findOne(only._id)).toBeUndefined();
			expect(w().db.cards.findOne(card._id)).toBeUndefined();
		});

		it('refuses when Wekan would delete a shared list with cards of other swimlanes, before deleting anything', async () => {
			const { boardId, swimlaneId } = freshBoard('Delete Lane Shared');
			const doomed = w().createSwimlane(boardId, 'Doomed');
			// One list shared by all swimlanes: Wekan's hook would delete it with every card in it.
			const shared = w().createList(boardId, 'Shared', '');
			const other = addCard(boardId, shared._id, swimlaneId, 'not mine');
			const result = await f.engine.run(swimlane('delete', { boardId: rl(boardId), swimlaneId: rl(doomed._id) }));
			expect(expectFailure(result)).toContain(`would delete list "Shared" (${shared._id}) with 1 open card of other swimlanes`);
			expect(w().requests('DELETE', `/api/boards/${boardId}/swimlanes/${doomed._id}`)).toHaveLength(0);
			expect(stored(doomed._id)).toBeDefined();
			expect(w().db.cards.findOne(other._id)).toBeDefined();
		});

		it('fails for an unknown swimlane instead of answering success', async () => {
			const result = await f.engine.run(swimlane('delete', { boardId: rl(f.boardId), swimlaneId: rl('NoSuchLane3') }));
			expect(expectFailure(result)).toContain('No swimlane with ID NoSuchLane3');
			expect(w().requests('DELETE', `/api/boards/${f.boardId}/swimlanes/NoSuchLane3`)).toHaveLength(0);
		});

		it('refuses a read-only member', async () => {
			const { boardId, swimlaneId } = freshBoard('Delete Lane Denied');
			const { credentialId } = normalUser(f, 'laneDeleter', boardId, { isReadOnly: true });
			const result = await f.engine.run(swimlane('delete', { boardId: rl(boardId), swimlaneId: rl(swimlaneId) }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(stored(swimlaneId)).toBeDefined();
		});
	});

	describe('Copy', () => {
		it('copies a swimlane with its list and cards under a new title, as a new list', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Lanes');
			const l = w().createList(boardId, 'L');
			addCard(boardId, l._id, swimlaneId, 'task');
			const result = await f.engine.run(
				swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), options: { title: ' Sprint 2 ' } }),
			);
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'Sprint 2', boardId });
			expect(copy._id).not.toBe(swimlaneId);
			const copied = w().db.cards.find({ swimlaneId: String(copy._id) });
			expect(copied.map((c) => c.title)).toEqual(['task']);
			// models/swimlanes.js:272-297: a new list for the copy, even on the same board.
			expect(copied[0].listId).not.toBe(l._id);
			expect(w().db.lists.findOne(copied[0].listId)).toMatchObject({ title: 'L', swimlaneId: copy._id });
		});

		it('puts the copy below the others, also when their sorts have gaps', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Gaps');
			w().createSwimlane(boardId, 'Five', 5);
			w().createSwimlane(boardId, 'Ten', 10);
			const result = await f.engine.run(swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(swimlaneId) }));
			expect(result.error).toBeUndefined();
			// Wekan alone gives the copy the number of swimlanes (3) as its sort: between Default and Five.
			expect(result.json('Wekan')[0].sort).toBe(11);
		});

		it('copies onto another board at a position', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Lane Src');
			const target = freshBoard('Copy Lane Dst');
			w().db.swimlanes.raw.update(target.swimlaneId, { $set: { sort: 0 } });
			const result = await f.engine.run(
				swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), toBoardId: rl(target.boardId), options: { position: 0 } }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Default', boardId: target.boardId, sort: -1 });
		});

		it('copies only the lists of the swimlane, and onto another board makes the labels its cards use', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Lane Lists');
			const target = freshBoard('Copy Lane Lists Dst');
			const other = w().createSwimlane(boardId, 'Other');
			const own = w().createList(boardId, 'Own', swimlaneId);
			const foreign = w().createList(boardId, 'Foreign', other._id);
			w().db.boards.raw.update(boardId, { $set: { labels: [{ _id: 'lbl1', name: 'Bug', color: 'red' }] } });
			const kept = addCard(boardId, own._id, swimlaneId, 'kept');
			w().db.cards.raw.update(kept._id, { $set: { labelIds: ['lbl1'] } });
			addCard(boardId, foreign._id, swimlaneId, 'left behind');
			const result = await f.engine.run(
				swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), toBoardId: rl(target.boardId) }),
			);
			expect(result.error).toBeUndefined();
			const copyId = String(result.json('Wekan')[0]._id);
			expect(w().db.lists.find({ swimlaneId: copyId }).map((l) => l.title)).toEqual(['Own']);
			const copied = w().db.cards.find({ swimlaneId: copyId });
			expect(copied.map((c) => c.title)).toEqual(['kept']);
			const labels = w().db.boards.findOne(target.boardId)?.labels ?? [];
			expect(labels.map((l) => [l.name, l.color])).toEqual([['Bug', 'red']]);
			expect(copied[0].labelIds).toEqual([labels[0]._id]);
		});

		it('fails for an unknown or archived swimlane', async () => {
			const before = w().db.swimlanes.size;
			const result = await f.engine.run(swimlane('copy', { boardId: rl(f.boardId), swimlaneId: rl('NoSuchLane4') }));
			expect(expectFailure(result)).toContain('No swimlane with ID NoSuchLane4');
			const { boardId } = freshBoard('Copy Archived Lane');
			const shelved = w().createSwimlane(boardId, 'Shelved');
			w().db.swimlanes.raw.update(shelved._id, { $set: { archived: true } });
			const archived = await f.engine.run(swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(shelved._id) }));
			expect(expectFailure(archived)).toContain(`No swimlane with ID ${shelved._id}`);
			expect(w().db.swimlanes.size).toBe(before + 2);
		});
	});

	describe('Move', () => {
		it('moves a swimlane to the top, and returns what Wekan\'s move made besides', async () => {
			const { boardId, swimlaneId } = freshBoard('Move Lanes');
			w().db.swimlanes.raw.update(swimlaneId, { $set: { sort: 0 } });
			const low = w().createSwimlane(boardId, 'Low', 1);
			const shelved = w().createList(boardId, 'Shelved');
			w().db.lists.raw.update(shelved._id, { $set: { archived: true } });
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(low._id), options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			const [moved] = result.json('Wekan');
			expect(stored(low._id)!.sort).toBeLessThan(stored(swimlaneId)!.sort!);
			expect(moved).toMatchObject({ _id: low._id, sort: stored(low._id)!.sort });
			// models/swimlanes.js:339-367: an open namesake for the archived list; :374-375 with models/boards.js:1841-1903:
			// the board's "<boardId>-default" swimlane.
			const madeList = w().db.lists.findOne({ boardId, title: 'Shelved', archived: false })!;
			expect(moved.createdLists).toEqual([{ _id: madeList._id, title: 'Shelved', boardId }]);
			expect(moved.createdSwimlanes).toEqual([{ _id: `${boardId}-default`, title: 'Default', boardId }]);
		});

		it('keeps the cards of a swimlane moved within its board in their lists, also beside a list of the same title', async () => {
			const { boardId, swimlaneId } = freshBoard('Move Lane Twins');
			w().db.swimlanes.raw.update(swimlaneId, { $set: { sort: 0 } });
			const low = w().createSwimlane(boardId, 'Low', 1);
			const upper = w().createList(boardId, 'To Do', swimlaneId, 0);
			const lower = w().createList(boardId, 'To Do', low._id, 0);
			const card = addCard(boardId, lower._id, low._id, 'mine');
			const other = addCard(boardId, lower._id, low._id, 'second');
			w().db.cards.raw.update(card._id, { $set: { sort: 7 } });
			w().db.cards.raw.update(other._id, { $set: { sort: 3 } });
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(low._id), options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			// models/swimlanes.js:336-362 moved them into the first open "To Do"; the node puts them back where they were.
			expect(w().db.cards.findOne(card._id)).toMatchObject({ listId: lower._id, swimlaneId: low._id, sort: 7 });
			expect(w().db.cards.findOne(other._id)).toMatchObject({ listId: lower._id, swimlaneId: low._id, sort: 3 });
			expect(w().db.cards.find({ listId: upper._id })).toEqual([]);
		});

		it('moves a swimlane with its cards to another board, below its swimlanes', async () => {
			const { boardId } = freshBoard('Move Lane Src');
			const target = freshBoard('Move Lane Dst');
			w().createSwimlane(target.boardId, 'Far Down', 20);
			const lane = w().createSwimlane(boardId, 'Travelling');
			const l = w().createList(boardId, 'L', lane._id);
			const card = addCard(boardId, l._id, lane._id, 'luggage');
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(lane._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			const [moved] = result.json('Wekan');
			expect(moved).toMatchObject({ _id: lane._id, boardId: target.boardId, sort: 21 });
			const targetList = w().db.lists.findOne({ boardId: target.boardId, title: 'L' })!;
			expect(w().db.cards.findOne(card._id)).toMatchObject({ boardId: target.boardId, swimlaneId: lane._id, listId: targetList._id });
			expect(moved.createdLists).toEqual([{ _id: targetList._id, title: 'L', boardId: target.boardId }]);
			expect(w().db.lists.findOne(l._id)).toMatchObject({ boardId });
		});

		it('moves cards to another board with only the labels and members that board has', async () => {
			const { boardId } = freshBoard('Move Lane Labels Src');
			const target = freshBoard('Move Lane Labels Dst');
			const userId = normalUser(f, 'lanemovemember', boardId).user._id;
			w().db.boards.raw.update(boardId, {
				$set: { labels: [{ _id: 'srcBug', name: 'Bug', color: 'red' }, { _id: 'srcUx', name: 'UX', color: 'blue' }] },
			});
			w().db.boards.raw.update(target.boardId, { $set: { labels: [{ _id: 'dstBug', name: 'Bug', color: 'orange' }] } });
			const lane = w().createSwimlane(boardId, 'Tagged lane');
			const l = w().createList(boardId, 'L', lane._id);
			const card = addCard(boardId, l._id, lane._id, 'tagged');
			w().db.cards.raw.update(card._id, { $set: { labelIds: ['srcBug', 'srcUx'], members: [userId, f.adminId] } });
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(lane._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(w().db.cards.findOne(card._id)).toMatchObject({ boardId: target.boardId, labelIds: ['dstBug'], members: [f.adminId] });
		});

		it('rejects a move with no target before any request', async () => {
			const { result, requests } = await runCounting(f, swimlane('move', { boardId: rl(f.boardId), swimlaneId: rl(f.swimlaneId) }));
			expect(expectFailure(result)).toContain('Nothing to move');
			expect(requests).toBe(0);
		});

		it('refuses a read-only member', async () => {
			const { boardId, swimlaneId } = freshBoard('Move Lane Denied');
			w().createSwimlane(boardId, 'Other');
			const { credentialId } = normalUser(f, 'laneMover', boardId, { isReadOnly: true });
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), options: { position: 1 } }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(stored(swimlaneId)!.sort).toBeUndefined();
		});
	});

	describe('Get Cards', () => {
		it('gets the open cards of a swimlane across lists, with a limit', async () => {
			const { boardId, swimlaneId } = freshBoard('Lane Cards');
			const a = w().createList(boardId, 'A');
			const b = w().createList(boardId, 'B');
			const one = w().createCard({ title: 'one', boardId, listId: a._id, swimlaneId, userId: f.adminId, sort: 1 });
			const two = w().createCard({ title: 'two', boardId, listId: b._id, swimlaneId, userId: f.adminId, sort: 2 });
			const other = w().createSwimlane(boardId, 'Other');
			addCard(boardId, a._id, other._id, 'elsewhere');
			const result = await f.engine.run(swimlane('getCards', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), returnAll: true }));
			expect(result.error).toBeUndefined();
			const cards = result.json('Wekan');
			expect(cards.map((c) => [c._id, c.title, c.listId, c.boardId, c.swimlaneId])).toEqual([
				[one._id, 'one', a._id, boardId, swimlaneId],
				[two._id, 'two', b._id, boardId, swimlaneId],
			]);
			const limited = await f.engine.run(swimlane('getCards', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), returnAll: false, limit: 1 }));
			expect(limited.json('Wekan')).toHaveLength(1);
		});

		it('fails for an unknown swimlane instead of returning no cards', async () => {
			const result = await f.engine.run(swimlane('getCards', { boardId: rl(f.boardId), swimlaneId: rl('NoSuchLane5'), returnAll: true }));
			expect(expectFailure(result)).toContain('No swimlane with ID NoSuchLane5');
		});
	});
});
