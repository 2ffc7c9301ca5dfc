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
	const freshBoard = (title: string) => {
		const board = w().createBoard({ title, ownerId: f.adminId });
		return { boardId: board._id, swimlaneId: w().defaultSwimlaneId(board._id)! };
	};
	const addCard = async (boardId: string, listId: string, swimlaneId: string, title: string) =>
		(await f.engine.run(op('card', 'create', { boardId: rl(boardId), listId: rl(listId), swimlaneId: rl(swimlaneId), title }))).json('Wekan')[0];

	describe('Create', () => {
		it('creates a swimlane below the others and returns it', async () => {
			const { boardId, swimlaneId } = freshBoard('Create Swimlanes');
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: 'Team B' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			expect(created).toMatchObject({ title: 'Team B', boardId, archived: false });
			expect(w().store.swimlanes.get(String(created._id))!.sort).toBeGreaterThan(w().store.swimlanes.get(swimlaneId)!.sort);
			expect(w().requests('POST', `/api/boards/${boardId}/swimlanes`)).toHaveLength(1);
		});

		it('places the new swimlane at a position', async () => {
			const { boardId, swimlaneId } = freshBoard('Positioned Swimlanes');
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: 'Top', options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			expect(w().store.swimlanes.get(String(result.json('Wekan')[0]._id))!.sort).toBeLessThan(w().store.swimlanes.get(swimlaneId)!.sort);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Create Denied');
			const { credentialId } = normalUser(f, 'laneReader', boardId, { isReadOnly: true });
			const result = await f.engine.run(swimlane('create', { boardId: rl(boardId), title: 'Nope' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().store.swimlanes.find((s) => s.boardId === boardId)).toHaveLength(1);
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
		it('renames a swimlane and returns it', async () => {
			const { boardId, swimlaneId } = freshBoard('Rename Lanes');
			const result = await f.engine.run(swimlane('rename', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), title: 'Ops' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: swimlaneId, title: 'Ops' });
			expect(w().store.swimlanes.get(swimlaneId)!.title).toBe('Ops');
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
			expect(w().store.swimlanes.get(swimlaneId)!.title).toBe('Default');
		});
	});

	describe('Delete', () => {
		it('deletes a swimlane and its cards', async () => {
			const { boardId, swimlaneId } = freshBoard('Delete Lanes');
			const doomed = w().createSwimlane(boardId, 'Doomed');
			// Lists shared by all swimlanes, as Wekan makes them; with two in scope only the swimlane's cards go.
			const a = w().createList(boardId, 'A', '');
			w().createList(boardId, 'B', '');
			const kept = await addCard(boardId, a._id, swimlaneId, 'kept');
			const lost = await addCard(boardId, a._id, doomed._id, 'lost');
			const result = await f.engine.run(swimlane('delete', { boardId: rl(boardId), swimlaneId: rl(doomed._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: doomed._id, title: 'Doomed', boardId, deleted: true }]);
			expect(w().store.swimlanes.get(doomed._id)).toBeUndefined();
			expect(w().store.cards.get(String(lost._id))).toBeUndefined();
			expect(w().store.cards.get(String(kept._id))).toBeDefined();
			expect(w().store.lists.get(a._id)).toBeDefined();
		});

		it('deletes the swimlane\'s only list with it, as Wekan does', async () => {
			const { boardId } = freshBoard('Delete Lane Lists');
			const lane = w().createSwimlane(boardId, 'Solo');
			const only = w().createList(boardId, 'Only', lane._id);
			const card = await addCard(boardId, only._id, lane._id, 'gone too');
			const result = await f.engine.run(swimlane('delete', { boardId: rl(boardId), swimlaneId: rl(lane._id) }));
			expect(result.error).toBeUndefined();
			expect(w().store.lists.get(only._id)).toBeUndefined();
			expect(w().store.cards.get(String(card._id))).toBeUndefined();
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
			expect(w().store.swimlanes.get(swimlaneId)).toBeDefined();
		});
	});

	describe('Copy', () => {
		it('copies a swimlane with its cards under a new title', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Lanes');
			const l = w().createList(boardId, 'L');
			await addCard(boardId, l._id, swimlaneId, 'task');
			const result = await f.engine.run(
				swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), options: { title: 'Sprint 2' } }),
			);
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'Sprint 2', boardId });
			expect(copy._id).not.toBe(swimlaneId);
			expect(w().store.cards.find((c) => c.swimlaneId === copy._id).map((c) => c.title)).toEqual(['task']);
		});

		it('copies onto another board', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Lane Src');
			const target = freshBoard('Copy Lane Dst');
			const result = await f.engine.run(swimlane('copy', { boardId: rl(boardId), swimlaneId: rl(swimlaneId), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Default', boardId: target.boardId });
		});

		it('fails for an unknown swimlane', async () => {
			const before = w().store.swimlanes.size;
			const result = await f.engine.run(swimlane('copy', { boardId: rl(f.boardId), swimlaneId: rl('NoSuchLane4') }));
			expect(expectFailure(result)).toContain('No swimlane with ID NoSuchLane4');
			expect(w().store.swimlanes.size).toBe(before);
		});
	});

	describe('Move', () => {
		it('moves a swimlane to the top', async () => {
			const { boardId, swimlaneId } = freshBoard('Move Lanes');
			const low = w().createSwimlane(boardId, 'Low');
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(low._id), options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			expect(w().store.swimlanes.get(low._id)!.sort).toBeLessThan(w().store.swimlanes.get(swimlaneId)!.sort);
			expect(result.json('Wekan')[0]).toMatchObject({ _id: low._id, sort: w().store.swimlanes.get(low._id)!.sort });
		});

		it('moves a swimlane with its cards to another board', async () => {
			const { boardId } = freshBoard('Move Lane Src');
			const target = freshBoard('Move Lane Dst');
			const lane = w().createSwimlane(boardId, 'Travelling');
			const l = w().createList(boardId, 'L', lane._id);
			const card = await addCard(boardId, l._id, lane._id, 'luggage');
			const result = await f.engine.run(swimlane('move', { boardId: rl(boardId), swimlaneId: rl(lane._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: lane._id, boardId: target.boardId });
			expect(w().store.cards.get(String(card._id))).toMatchObject({ boardId: target.boardId, swimlaneId: lane._id });
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
			expect(w().store.swimlanes.get(swimlaneId)!.sort).toBe(0);
		});
	});

	describe('Get Cards', () => {
		it('gets the open cards of a swimlane across lists, with a limit', async () => {
			const { boardId, swimlaneId } = freshBoard('Lane Cards');
			const a = w().createList(boardId, 'A');
			const b = w().createList(boardId, 'B');
			const one = await addCard(boardId, a._id, swimlaneId, 'one');
			const two = await addCard(boardId, b._id, swimlaneId, 'two');
			const other = w().createSwimlane(boardId, 'Other');
			await addCard(boardId, a._id, other._id, 'elsewhere');
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
