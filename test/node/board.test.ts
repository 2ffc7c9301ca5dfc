import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

const board = (operation: string, parameters = {}, credentialId?: string) => op('board', operation, parameters, credentialId);

describe('Board operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	describe('Create', () => {
		it('creates a board with permission and color and returns it read back', async () => {
			const result = await f.engine.run(board('create', { title: 'Roadmap', permission: 'public', color: 'midnight' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			const stored = f.server.wekan.store.boards.get(String(created._id))!;
			expect(stored).toMatchObject({ title: 'Roadmap', permission: 'public', color: 'midnight' });
			expect(created).toMatchObject({ _id: stored._id, title: 'Roadmap', permission: 'public', color: 'midnight' });
			expect(created.defaultSwimlaneId).toBe(f.server.wekan.defaultSwimlaneId(stored._id));
			expect(created.members).toEqual([expect.objectContaining({ userId: f.adminId, isAdmin: true })]);
			expect(f.server.wekan.requests('POST', '/api/boards')).toHaveLength(1);
		});

		it('rejects an unknown color before any request', async () => {
			const { result, requests } = await runCounting(f, board('create', { title: 'X', permission: 'private', color: 'rainbow' }));
			expect(expectFailure(result)).toContain('"rainbow" is not a Wekan board color');
			expect(requests).toBe(0);
		});

		it('rejects an empty title before any request', async () => {
			const { result, requests } = await runCounting(f, board('create', { title: '  ' }));
			expect(expectFailure(result)).toContain('Title is required');
			expect(requests).toBe(0);
		});
	});

	describe('Get', () => {
		it('gets a board by URL', async () => {
			const result = await f.engine.run(board('get', { boardId: rl(`${f.server.url}/b/${f.boardId}/engine-tests`, 'url'), simplify: false }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: f.boardId, title: 'Engine Tests', slug: 'engine-tests' });
		});

		it('fails for an unknown board', async () => {
			const result = await f.engine.run(board('get', { boardId: rl('NoSuchBoard123') }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoard123');
		});

		it('fails for a user who is not a member', async () => {
			const { credentialId } = normalUser(f, 'outsider');
			const result = await f.engine.run(board('get', { boardId: rl(f.boardId) }, credentialId));
			expect(expectFailure(result)).toContain('read access to the board');
		});

		it('rejects a malformed ID before any request', async () => {
			const { result, requests } = await runCounting(f, board('get', { boardId: rl('={{ "not an id!" }}') }));
			expect(expectFailure(result)).toContain('is not a Wekan ID');
			expect(requests).toBe(0);
		});
	});

	describe('Get Many', () => {
		it('lists the boards of the logged-in user, with a limit', async () => {
			const w = f.server.wekan;
			w.createBoard({ title: 'Mine A', ownerId: f.adminId });
			w.createBoard({ title: 'Mine B', ownerId: f.adminId });
			const all = await f.engine.run(board('getAll', { scope: 'mine', returnAll: true, simplify: false }));
			expect(all.error).toBeUndefined();
			const expected = w.store.boards
				.find((b) => b.members.some((m) => m.userId === f.adminId && m.isActive) && !b.archived && b.type === 'board')
				.map((b) => b.title);
			expect(all.json('Wekan').map((b) => b.title).sort()).toEqual(expected.sort());
			expect(all.json('Wekan')[0]).toEqual({ _id: expect.any(String), title: expect.any(String) });
			const limited = await f.engine.run(board('getAll', { scope: 'mine', returnAll: false, limit: 2 }));
			expect(limited.json('Wekan')).toHaveLength(2);
		});

		it('a normal user sees only their own boards', async () => {
			const { user, credentialId } = normalUser(f, 'member1', f.boardId);
			const result = await f.engine.run(board('getAll', { scope: 'mine', returnAll: true, simplify: false }, credentialId));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: f.boardId, title: 'Engine Tests' }]);
			expect(f.server.wekan.requests('GET', `/api/users/${user._id}/boards`).length).toBeGreaterThan(0);
		});

		it('lists public boards for a site admin, and refuses a normal user', async () => {
			const pub = f.server.wekan.createBoard({ title: 'Open Board', ownerId: f.adminId, permission: 'public' });
			const result = await f.engine.run(board('getAll', { scope: 'public', returnAll: true, simplify: false }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual(expect.arrayContaining([{ _id: pub._id, title: 'Open Board' }]));
			expect(result.json('Wekan').every((b) => f.server.wekan.store.boards.get(String(b._id))!.permission === 'public')).toBe(true);
			const { credentialId } = normalUser(f, 'member2', f.boardId);
			const denied = await f.engine.run(board('getAll', { scope: 'public', returnAll: true }, credentialId));
			expect(expectFailure(denied)).toContain('site admin');
		});

		it('rejects a limit of 0 before any request', async () => {
			const { result, requests } = await runCounting(f, board('getAll', { scope: 'mine', returnAll: false, limit: 0 }));
			expect(expectFailure(result)).toContain('Limit must be 1 or more');
			expect(requests).toBe(0);
		});
	});

	describe('Rename', () => {
		it('renames a board and returns it', async () => {
			const b = f.server.wekan.createBoard({ title: 'Old Name', ownerId: f.adminId });
			const result = await f.engine.run(board('rename', { boardId: rl(b._id), title: 'New Name' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: b._id, title: 'New Name' });
			expect(f.server.wekan.store.boards.get(b._id)!.title).toBe('New Name');
		});

		it('refuses a read-only member', async () => {
			const b = f.server.wekan.createBoard({ title: 'Read Only Here', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'reader', b._id, { isReadOnly: true });
			const result = await f.engine.run(board('rename', { boardId: rl(b._id), title: 'Hacked' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(f.server.wekan.store.boards.get(b._id)!.title).toBe('Read Only Here');
		});
	});

	describe('Copy', () => {
		it('copies a board with its lists and returns the copy', async () => {
			const w = f.server.wekan;
			const b = w.createBoard({ title: 'Template', ownerId: f.adminId });
			w.createList(b._id, 'Backlog');
			const result = await f.engine.run(board('copy', { boardId: rl(b._id), title: 'From Template' }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'From Template' });
			expect(copy._id).not.toBe(b._id);
			expect(w.store.lists.find((l) => l.boardId === copy._id).map((l) => l.title)).toEqual(['Backlog']);
			expect(w.requests('POST', `/api/boards/${b._id}/copy`)).toHaveLength(1);
		});

		it('fails clearly for an unknown board without trying to copy', async () => {
			const result = await f.engine.run(board('copy', { boardId: rl('NoSuchBoard456') }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoard456');
			expect(f.server.wekan.requests('POST', '/api/boards/NoSuchBoard456/copy')).toHaveLength(0);
		});

		it('refuses a normal member (not a board admin)', async () => {
			const b = f.server.wekan.createBoard({ title: 'Not Yours', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'copier', b._id);
			const before = f.server.wekan.store.boards.size;
			const result = await f.engine.run(board('copy', { boardId: rl(b._id) }, credentialId));
			expect(expectFailure(result)).toContain('needs a board admin');
			expect(f.server.wekan.store.boards.size).toBe(before);
		});
	});

	describe('Delete', () => {
		it('deletes a board with its lists', async () => {
			const w = f.server.wekan;
			const b = w.createBoard({ title: 'Doomed', ownerId: f.adminId });
			w.createList(b._id, 'L');
			const result = await f.engine.run(board('delete', { boardId: rl(b._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: b._id, deleted: true }]);
			expect(w.store.boards.get(b._id)).toBeUndefined();
			expect(w.store.lists.find((l) => l.boardId === b._id)).toHaveLength(0);
		});

		it('refuses a normal member', async () => {
			const b = f.server.wekan.createBoard({ title: 'Keep Me', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'deleter', b._id);
			const result = await f.engine.run(board('delete', { boardId: rl(b._id) }, credentialId));
			expect(expectFailure(result)).toContain('board admin');
			expect(f.server.wekan.store.boards.get(b._id)).toBeDefined();
		});
	});

	describe('Count Cards', () => {
		it('counts the open cards of a board', async () => {
			const w = f.server.wekan;
			const b = w.createBoard({ title: 'Counted', ownerId: f.adminId });
			const list = w.createList(b._id, 'L');
			const swimlaneId = w.defaultSwimlaneId(b._id)!;
			for (const title of ['a', 'b', 'c']) {
				await f.engine.run(
					op('card', 'create', { boardId: rl(b._id), listId: rl(list._id), swimlaneId: rl(swimlaneId), title }),
				);
			}
			w.store.cards.find((c) => c.boardId === b._id && c.title === 'c')[0].archived = true;
			const result = await f.engine.run(board('countCards', { boardId: rl(b._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId: b._id, cardCount: 2 }]);
		});

		it('fails for an unknown board', async () => {
			const result = await f.engine.run(board('countCards', { boardId: rl('NoSuchBoard789') }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoard789');
		});
	});
});
