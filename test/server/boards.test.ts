import { expectEmpty200, expectStyleA, expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

describe('board routes', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let owner: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let normal: TestUser;
	let stranger: TestUser;
	let boardId: string;
	let swimlaneId: string;

	beforeEach(async () => {
		h = await startHarness();
		admin = await h.user('admin');
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

	const activities = (type: string) => h.wekan.store.activities.find((a) => a.activityType === type);

	describe('POST /api/boards', () => {
		it('creates a board owned by the caller with a default swimlane', async () => {
			const r = await h.call('POST', '/api/boards', { token: normal.token, body: { title: 'Mine' } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: expect.any(String), defaultSwimlaneId: expect.any(String) });
			const board = h.wekan.store.boards.get(r.json._id)!;
			expect(board.members).toEqual([expect.objectContaining({ userId: normal.id, isAdmin: true, isActive: true })]);
			expect(board.permission).toBe('private');
			expect(board.color).toBe('belize');
			expect(board.labels).toEqual([]);
			expect(h.wekan.store.swimlanes.get(r.json.defaultSwimlaneId)).toMatchObject({ boardId: r.json._id, title: 'Default' });
			expect(activities('createBoard').map((a) => a.boardId)).toContain(r.json._id);
		});

		it('takes owner, permission and colour from the body and ignores role flags', async () => {
			const r = await h.call('POST', '/api/boards', {
				token: normal.token,
				body: { title: 'Shared', owner: reader.id, permission: 'public', color: 'pomegranate', isAdmin: false, isCommentOnly: true },
			});
			const board = h.wekan.store.boards.get(r.json._id)!;
			expect(board.members).toEqual([expect.objectContaining({ userId: reader.id, isAdmin: true, isCommentOnly: false })]);
			expect(board.permission).toBe('public');
			expect(board.color).toBe('pomegranate');
		});

		it('answers {error} with a status: 401 without a token, 500 without a title', async () => {
			const anon = await h.call('POST', '/api/boards', { body: { title: 'x' } });
			expect(anon.status).toBe(401);
			expect(anon.json).toEqual({ error: 'Unauthorized' });
			const untitled = await h.call('POST', '/api/boards', { token: normal.token, body: {} });
			expect(untitled.status).toBe(500);
			expect(untitled.json).toEqual({ error: 'Title is required' });
			const badColor = await h.call('POST', '/api/boards', { token: normal.token, body: { title: 'x', color: 'chartreuse' } });
			expect(badColor.status).toBe(500);
			expect(badColor.json.error).toMatch(/Color/);
		});
	});

	describe('GET /api/users/:userId/boards', () => {
		it('lists active memberships on non-archived real boards, without the templates board', async () => {
			const r = await h.call('GET', `/api/users/${reader.id}/boards`, { token: reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([{ _id: boardId, title: 'Dev' }]);
			const own = await h.call('GET', `/api/users/${owner.id}/boards`, { token: owner.token });
			expect(own.json).toEqual([{ _id: boardId, title: 'Dev' }]);
		});

		it('hides archived boards, caret helper boards and inactive memberships', async () => {
			const helper = await h.board(owner, '^Subtasks^');
			const archived = await h.board(owner, 'Old');
			h.wekan.store.boards.get(archived.boardId)!.archived = true;
			await h.call('POST', `/api/boards/${boardId}/members/${reader.id}/remove`, { token: owner.token, body: { action: 'remove' } });
			expect((await h.call('GET', `/api/users/${owner.id}/boards`, { token: owner.token })).json).toEqual([
				{ _id: boardId, title: 'Dev' },
			]);
			expect(helper.boardId).toBeTruthy();
			expect((await h.call('GET', `/api/users/${reader.id}/boards`, { token: reader.token })).json).toEqual([]);
		});

		it('lets a site admin read anyone, and refuses other users (style A)', async () => {
			expect((await h.call('GET', `/api/users/${owner.id}/boards`, { token: admin.token })).json).toEqual([
				{ _id: boardId, title: 'Dev' },
			]);
			expectStyleA(await h.call('GET', `/api/users/${owner.id}/boards`, { token: stranger.token }), 403);
			expectStyleA(await h.call('GET', `/api/users/${owner.id}/boards`), 401);
		});
	});

	describe('GET /api/boards and /api/boards_count', () => {
		it('lists public boards only, for site admins', async () => {
			const pub = await h.call('POST', '/api/boards', { token: owner.token, body: { title: 'Open', permission: 'public' } });
			const r = await h.call('GET', '/api/boards', { token: admin.token });
			expect(r.json).toEqual([{ _id: pub.json._id, title: 'Open' }]);
			expectStyleA(await h.call('GET', '/api/boards', { token: owner.token }), 403);
			expectStyleA(await h.call('GET', '/api/boards'), 401);
		});

		it('counts private and public boards for site admins', async () => {
			await h.call('POST', '/api/boards', { token: owner.token, body: { title: 'Open', permission: 'public' } });
			const r = await h.call('GET', '/api/boards_count', { token: admin.token });
			const all = h.wekan.store.boards.find();
			expect(r.json).toEqual({ private: all.length - 1, public: 1 });
			expectStyleA(await h.call('GET', '/api/boards_count', { token: normal.token }), 403);
		});
	});

	describe('GET /api/boards/:boardId', () => {
		it('returns the board document with labels and members to readers', async () => {
			const r = await h.call('GET', `/api/boards/${boardId}`, { token: reader.token });
			expect(r.json).toMatchObject({ _id: boardId, title: 'Dev', slug: 'dev', permission: 'private', color: 'belize', labels: [], type: 'board' });
			expect(r.json.members).toHaveLength(4);
			expect(r.json.members[0]).toEqual({
				userId: owner.id, isAdmin: true, isActive: true, isNoComments: false, isCommentOnly: false, isWorker: false,
				isNormalAssignedOnly: false, isCommentAssignedOnly: false, isReadOnly: false, isReadAssignedOnly: false,
			});
		});

		it('refuses comment-only members, strangers and anonymous callers in style A, and 404s an unknown board', async () => {
			expectStyleA(await h.call('GET', `/api/boards/${boardId}`, { token: commenter.token }), 403);
			expectStyleA(await h.call('GET', `/api/boards/${boardId}`, { token: stranger.token }), 403);
			expectStyleA(await h.call('GET', `/api/boards/${boardId}`), 401);
			expectStyleA(await h.call('GET', '/api/boards/nope', { token: owner.token }), 404);
			expect((await h.call('GET', `/api/boards/${boardId}`, { token: admin.token })).json._id).toBe(boardId);
		});
	});

	describe('DELETE /api/boards/:boardId', () => {
		it('lets the board admin delete the board and everything on it', async () => {
			const list = await h.call('POST', `/api/boards/${boardId}/lists`, { token: owner.token, body: { title: 'L' } });
			h.wekan.store.newCard({ title: 'c', boardId, listId: list.json._id, swimlaneId, userId: owner.id });
			const r = await h.call('DELETE', `/api/boards/${boardId}`, { token: owner.token });
			expect(r.json).toEqual({ _id: boardId });
			expect(h.wekan.store.boards.get(boardId)).toBeUndefined();
			expect(h.wekan.store.lists.find((l) => l.boardId === boardId)).toEqual([]);
			expect(h.wekan.store.cards.find((c) => c.boardId === boardId)).toEqual([]);
			expect(h.wekan.store.swimlanes.find((s) => s.boardId === boardId)).toEqual([]);
		});

		it('refuses non-admins with 403 {error}, anonymous with 401, unknown with 404', async () => {
			const denied = await h.call('DELETE', `/api/boards/${boardId}`, { token: normal.token });
			expect(denied.status).toBe(403);
			expect(denied.json).toEqual({ error: 'Forbidden' });
			expect((await h.call('DELETE', `/api/boards/${boardId}`)).status).toBe(401);
			const missing = await h.call('DELETE', '/api/boards/nope', { token: owner.token });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Board not found' });
			expect(h.wekan.store.boards.get(boardId)).toBeDefined();
		});
	});

	describe('PUT /api/boards/:boardId/title', () => {
		it('renames for writers, without recording an activity', async () => {
			const before = h.wekan.store.activities.size;
			const r = await h.call('PUT', `/api/boards/${boardId}/title`, { token: normal.token, body: { title: 'Renamed' } });
			expect(r.json).toEqual({ _id: boardId, title: 'Renamed' });
			expect(h.wekan.store.boards.get(boardId)!.title).toBe('Renamed');
			expect(h.wekan.store.activities.size).toBe(before);
		});

		it('refuses read-only and comment-only members in style A', async () => {
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/title`, { token: reader.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/title`, { token: commenter.token, body: { title: 'x' } }), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/title`, { body: { title: 'x' } }), 401);
			expect(h.wekan.store.boards.get(boardId)!.title).toBe('Dev');
		});
	});

	describe('POST /api/boards/:boardId/copy', () => {
		it('answers a bare JSON string id and deep-copies lists, swimlanes, cards and labels', async () => {
			const label = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: { name: 'bug', color: 'red' } } });
			const list = await h.call('POST', `/api/boards/${boardId}/lists`, { token: owner.token, body: { title: 'Todo' } });
			const card = h.wekan.store.newCard({ title: 'Fix', boardId, listId: list.json._id, swimlaneId, userId: owner.id, labelIds: [label.json] });
			const r = await h.call('POST', `/api/boards/${boardId}/copy`, { token: owner.token, body: { title: 'Dev copy' } });
			expect(r.status).toBe(200);
			expect(r.text).toMatch(/^"[A-Za-z0-9]{17}"$/);
			const copyId = r.json as string;
			const copy = h.wekan.store.boards.get(copyId)!;
			expect(copy.title).toBe('Dev copy');
			expect(copy.labels).toEqual([{ _id: label.json, name: 'bug', color: 'red' }]);
			const lists = h.wekan.store.lists.find((l) => l.boardId === copyId);
			expect(lists.map((l) => l.title)).toEqual(['Todo']);
			expect(lists[0]._id).not.toBe(list.json._id);
			const swimlanes = h.wekan.store.swimlanes.find((s) => s.boardId === copyId);
			expect(swimlanes).toHaveLength(1);
			const cards = h.wekan.store.cards.find((c) => c.boardId === copyId);
			expect(cards).toEqual([expect.objectContaining({ title: 'Fix', listId: lists[0]._id, swimlaneId: swimlanes[0]._id, labelIds: [label.json] })]);
			expect(cards[0]._id).not.toBe(card._id);
		});

		it('makes a unique title when none is given', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/copy`, { token: owner.token, body: {} });
			expect(h.wekan.store.boards.get(r.json)!.title).toBe('Dev [1]');
		});

		it('answers 500 {error} for non-admins and unknown boards', async () => {
			const denied = await h.call('POST', `/api/boards/${boardId}/copy`, { token: normal.token, body: {} });
			expect(denied.status).toBe(500);
			expect(denied.json).toEqual({ error: 'Forbidden' });
			expect((await h.call('POST', '/api/boards/nope/copy', { token: owner.token, body: {} })).status).toBe(500);
			expect((await h.call('POST', `/api/boards/${boardId}/copy`, { body: {} })).status).toBe(500);
		});
	});

	describe('card settings', () => {
		it('reads the settings for readers and updates them for writers', async () => {
			const read = await h.call('GET', `/api/boards/${boardId}/cardSettings`, { token: reader.token });
			expect(read.json).toMatchObject({ allowsAttachments: true, allowsComments: true, allowsLabels: true });
			const put = await h.call('PUT', `/api/boards/${boardId}/cardSettings`, {
				token: normal.token,
				body: { allowsComments: 'false', allowsDueDate: true, cardAgingDays1: '7', unknown: 1 },
			});
			expect(put.json).toMatchObject({ allowsComments: false, allowsDueDate: true, cardAgingDays1: 7 });
			expect(put.json).not.toHaveProperty('unknown');
			expect(h.wekan.store.boards.get(boardId)!.allowsComments).toBe(false);
		});

		it('answers 400 {error} when nothing is recognised', async () => {
			const r = await h.call('PUT', `/api/boards/${boardId}/cardSettings`, { token: normal.token, body: { foo: true } });
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'no recognized card settings in body' });
		});

		it('answers permission failures with HTML pages (style B)', async () => {
			expectStyleB(await h.call('GET', `/api/boards/${boardId}/cardSettings`, { token: commenter.token }), 403);
			expectStyleB(await h.call('GET', `/api/boards/${boardId}/cardSettings`), 401);
			expectStyleB(await h.call('PUT', `/api/boards/${boardId}/cardSettings`, { token: reader.token, body: { allowsComments: false } }), 403);
			expectStyleB(await h.call('GET', '/api/boards/nope/cardSettings', { token: owner.token }), 404);
		});
	});

	describe('board members', () => {
		it('adds a member with a case-insensitive role and answers [{_id,title}]', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, {
				token: owner.token,
				body: { action: 'add', role: 'CommentOnly' },
			});
			expect(r.json).toEqual([{ _id: boardId, title: 'Dev' }]);
			const member = h.wekan.store.boards.get(boardId)!.members.find((m) => m.userId === stranger.id);
			expect(member).toMatchObject({ isActive: true, isCommentOnly: true, isAdmin: false });
			expect(activities('addBoardMember').map((a) => a.memberId)).toContain(stranger.id);
		});

		it('takes the eight flags as booleans or strings', async () => {
			await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, {
				token: owner.token,
				body: { action: 'add', isAdmin: 'true', isWorker: false },
			});
			const member = h.wekan.store.boards.get(boardId)!.members.find((m) => m.userId === stranger.id);
			expect(member).toMatchObject({ isAdmin: true, isWorker: false });
		});

		it('leaks the raw user document, services included, when action is not "add"', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, {
				token: owner.token,
				body: { role: 'normal' },
			});
			expect(r.status).toBe(200);
			expect(r.json._id).toBe(stranger.id);
			expect(r.json.services.password.hash).toEqual(expect.any(String));
			expect(r.json.services.resume.loginTokens.length).toBeGreaterThan(0);
			expect(h.wekan.store.boards.get(boardId)!.members.some((m) => m.userId === stranger.id)).toBe(false);
		});

		it('rejects an unknown role with 400 and a disabled user with 400', async () => {
			const bad = await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, {
				token: owner.token,
				body: { action: 'add', role: 'boss' },
			});
			expect(bad.status).toBe(400);
			expect(bad.json).toEqual({ error: 'invalid role: boss' });
			h.wekan.store.users.get(stranger.id)!.loginDisabled = true;
			const disabled = await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, {
				token: owner.token,
				body: { action: 'add' },
			});
			expect(disabled.status).toBe(400);
			expect(disabled.json).toEqual({ error: 'User is disabled' });
		});

		it('refuses non-admins with 403 {error}, anonymous with 401 and unknown boards with 404', async () => {
			const denied = await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, {
				token: normal.token,
				body: { action: 'add' },
			});
			expect(denied.status).toBe(403);
			expect(denied.json.error).toEqual(expect.any(String));
			expect((await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, { body: { action: 'add' } })).status).toBe(401);
			expect((await h.call('POST', `/api/boards/nope/members/${stranger.id}/add`, { token: owner.token, body: { action: 'add' } })).status).toBe(404);
			const site = await h.call('POST', `/api/boards/${boardId}/members/${stranger.id}/add`, { token: admin.token, body: { action: 'add' } });
			expect(site.json).toEqual([{ _id: boardId, title: 'Dev' }]);
		});

		it('removes a member by deactivating it, but keeps the last active admin', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/members/${normal.id}/remove`, { token: owner.token, body: { action: 'remove' } });
			expect(r.json).toEqual([{ _id: boardId, title: 'Dev' }]);
			const board = h.wekan.store.boards.get(boardId)!;
			expect(board.members.find((m) => m.userId === normal.id)!.isActive).toBe(false);
			expect(activities('removeBoardMember').map((a) => a.memberId)).toContain(normal.id);
			await h.call('POST', `/api/boards/${boardId}/members/${owner.id}/remove`, { token: owner.token, body: { action: 'remove' } });
			expect(board.members.find((m) => m.userId === owner.id)!.isActive).toBe(true);
			expectStyleA(await h.call('GET', `/api/boards/${boardId}`, { token: normal.token }), 403);
		});

		it('does nothing on remove without action "remove"', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/members/${normal.id}/remove`, { token: owner.token, body: {} });
			expect(r.json._id).toBe(normal.id);
			expect(h.wekan.store.boards.get(boardId)!.members.find((m) => m.userId === normal.id)!.isActive).toBe(true);
		});

		it('changes a role and answers the number 1', async () => {
			const r = await h.call('POST', `/api/boards/${boardId}/members/${reader.id}`, { token: owner.token, body: { role: 'NORMAL' } });
			expect(r.status).toBe(200);
			expect(r.text).toBe('1');
			const member = h.wekan.store.boards.get(boardId)!.members.find((m) => m.userId === reader.id)!;
			expect(member.isReadOnly).toBe(false);
			const flags = await h.call('POST', `/api/boards/${boardId}/members/${reader.id}`, { token: owner.token, body: { isWorker: 'true' } });
			expect(flags.json).toBe(1);
			expect(member.isWorker).toBe(true);
		});

		it('keeps your own admin flag and checks roles and rights', async () => {
			await h.call('POST', `/api/boards/${boardId}/members/${owner.id}`, { token: owner.token, body: { role: 'normal' } });
			expect(h.wekan.store.boards.get(boardId)!.members.find((m) => m.userId === owner.id)!.isAdmin).toBe(true);
			const bad = await h.call('POST', `/api/boards/${boardId}/members/${reader.id}`, { token: owner.token, body: { role: 'chief' } });
			expect(bad.status).toBe(400);
			expect(bad.json).toEqual({ error: 'invalid role: chief' });
			const denied = await h.call('POST', `/api/boards/${boardId}/members/${reader.id}`, { token: normal.token, body: { role: 'admin' } });
			expect(denied.status).toBe(403);
			expect(denied.json).toEqual({ error: 'Only a board admin can change member permissions' });
			const anon = await h.call('POST', `/api/boards/${boardId}/members/${reader.id}`, { body: { role: 'admin' } });
			expect(anon.status).toBe(401);
		});
	});

	describe('PUT /api/boards/:boardId/labels', () => {
		it('creates a label, answers its 6-character id as a bare string, and reuses a same name and colour', async () => {
			const r = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: { name: 'bug', color: 'red' } } });
			expect(r.text).toMatch(/^"[A-Za-z0-9]{6}"$/);
			const again = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: { name: 'bug', color: 'red' } } });
			expect(again.json).toBe(r.json);
			const short = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: 'feature' } });
			expect(h.wekan.store.boards.get(boardId)!.labels).toEqual([
				{ _id: r.json, name: 'bug', color: 'red' },
				{ _id: short.json, name: 'feature', color: 'green' },
			]);
		});

		it('is for board admins only and validates the colour', async () => {
			const denied = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: normal.token, body: { label: 'x' } });
			expect(denied.status).toBe(403);
			expect(denied.json.error).toEqual(expect.any(String));
			expect((await h.call('PUT', `/api/boards/${boardId}/labels`, { body: { label: 'x' } })).status).toBe(401);
			expect((await h.call('PUT', '/api/boards/nope/labels', { token: owner.token, body: { label: 'x' } })).status).toBe(404);
			const badColor = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: { name: 'x', color: 'beige' } } });
			expect(badColor.status).toBe(400);
			expect(badColor.json.error).toEqual(expect.any(String));
			const missing = await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: {} });
			expect(missing.status).toBe(400);
			expect(h.wekan.store.boards.get(boardId)!.labels).toEqual([]);
			expect((await h.call('PUT', `/api/boards/${boardId}/labels`, { token: admin.token, body: { label: 'x' } })).status).toBe(200);
		});
	});

	describe('POST /api/boards/:boardId/cards/labels', () => {
		let listId: string;
		let red: string;
		let blue: string;
		beforeEach(async () => {
			listId = (await h.call('POST', `/api/boards/${boardId}/lists`, { token: owner.token, body: { title: 'L' } })).json._id;
			red = (await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: { name: 'r', color: 'red' } } })).json;
			blue = (await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: { name: 'b', color: 'blue' } } })).json;
		});

		it('merges added labels into existing ones, removes others and reports unknown cards', async () => {
			const a = h.wekan.store.newCard({ title: 'a', boardId, listId, swimlaneId, userId: owner.id, labelIds: [blue] });
			const b = h.wekan.store.newCard({ title: 'b', boardId, listId, swimlaneId, userId: owner.id });
			const r = await h.call('POST', `/api/boards/${boardId}/cards/labels`, {
				token: normal.token,
				body: { cardIds: [a._id, b._id, 'ghost'], addLabelIds: [red] },
			});
			expect(r.json).toEqual({
				updated: [
					{ _id: a._id, labelIds: [blue, red] },
					{ _id: b._id, labelIds: [red] },
				],
				notFound: ['ghost'],
			});
			const removed = await h.call('POST', `/api/boards/${boardId}/cards/labels`, {
				token: normal.token,
				body: { cardIds: [a._id], removeLabelIds: [blue] },
			});
			expect(removed.json.updated).toEqual([{ _id: a._id, labelIds: [red] }]);
		});

		it('answers 400 for labels not on the board and for too many or no card ids', async () => {
			const card = h.wekan.store.newCard({ title: 'a', boardId, listId, swimlaneId, userId: owner.id });
			const foreign = await h.call('POST', `/api/boards/${boardId}/cards/labels`, {
				token: normal.token,
				body: { cardIds: [card._id], addLabelIds: ['zzzzzz'] },
			});
			expect(foreign.status).toBe(400);
			expect(foreign.json.error).toEqual(expect.any(String));
			expect(card.labelIds).toEqual([]);
			const many = Array.from({ length: 501 }, (_, i) => `c${i}`);
			expect((await h.call('POST', `/api/boards/${boardId}/cards/labels`, { token: normal.token, body: { cardIds: many, addLabelIds: [red] } })).status).toBe(400);
			expect((await h.call('POST', `/api/boards/${boardId}/cards/labels`, { token: normal.token, body: { cardIds: [], addLabelIds: [red] } })).status).toBe(400);
		});

		it('needs board-write: read-only and comment-only members get 403 {error}', async () => {
			const card = h.wekan.store.newCard({ title: 'a', boardId, listId, swimlaneId, userId: owner.id });
			for (const user of [reader, commenter, stranger]) {
				const r = await h.call('POST', `/api/boards/${boardId}/cards/labels`, { token: user.token, body: { cardIds: [card._id], addLabelIds: [red] } });
				expect(r.status).toBe(403);
				expect(r.json.error).toEqual(expect.any(String));
			}
			expect((await h.call('POST', `/api/boards/${boardId}/cards/labels`, { body: { cardIds: [card._id] } })).status).toBe(401);
			expect(card.labelIds).toEqual([]);
		});
	});

	describe('GET /api/boards/:boardId/export', () => {
		it('exports the board with lists, swimlanes, cards, checklists, items, comments, custom fields, labels and members', async () => {
			const list = await h.call('POST', `/api/boards/${boardId}/lists`, { token: owner.token, body: { title: 'Todo' } });
			const card = h.wekan.store.newCard({ title: 'Fix', boardId, listId: list.json._id, swimlaneId, userId: owner.id });
			const now = new Date();
			h.wekan.store.checklists.insert({ _id: 'cl1', cardId: card._id, boardId, title: 'Steps', createdAt: now, modifiedAt: now, sort: 0 });
			h.wekan.store.checklistItems.insert({ _id: 'it1', title: 'one', sort: 0, isFinished: false, checklistId: 'cl1', cardId: card._id, boardId, createdAt: now, modifiedAt: now });
			h.wekan.store.comments.insert({ _id: 'cm1', boardId, cardId: card._id, text: 'hi', createdAt: now, modifiedAt: now, userId: owner.id });
			await h.call('PUT', `/api/boards/${boardId}/labels`, { token: owner.token, body: { label: 'bug' } });
			const r = await h.call('GET', `/api/boards/${boardId}/export?attachments=false`, { token: reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ _id: boardId, title: 'Dev', labels: [expect.objectContaining({ name: 'bug' })] });
			expect(r.json.members).toHaveLength(4);
			expect(r.json.lists.map((l: { title: string }) => l.title)).toEqual(['Todo']);
			expect(r.json.swimlanes).toHaveLength(1);
			expect(r.json.cards).toEqual([expect.objectContaining({ _id: card._id, title: 'Fix' })]);
			expect(r.json.checklists).toEqual([expect.objectContaining({ _id: 'cl1' })]);
			expect(r.json.checklistItems).toEqual([expect.objectContaining({ _id: 'it1' })]);
			expect(r.json.comments).toEqual([expect.objectContaining({ _id: 'cm1', text: 'hi' })]);
			expect(r.json.customFields).toEqual([]);
			expect(r.json.users.map((u: { username: string }) => u.username).sort()).toEqual(['commenter', 'normal', 'owner', 'reader']);
			expect(r.json).not.toHaveProperty('attachments');
			const withAttachments = await h.call('GET', `/api/boards/${boardId}/export`, { token: reader.token });
			expect(withAttachments.json.attachments).toEqual([]);
		});

		it('accepts ?authToken=, serves public boards without auth, and answers a bare 403 otherwise', async () => {
			expect((await h.call('GET', `/api/boards/${boardId}/export?authToken=${owner.token}`)).json._id).toBe(boardId);
			const denied = await h.call('GET', `/api/boards/${boardId}/export`, { token: stranger.token });
			expect(denied.status).toBe(403);
			expect(denied.text).toBe('');
			expect((await h.call('GET', `/api/boards/${boardId}/export`)).status).toBe(403);
			h.wekan.store.boards.get(boardId)!.permission = 'public';
			expect((await h.call('GET', `/api/boards/${boardId}/export`)).json._id).toBe(boardId);
		});
	});

	it('answers an unknown member of a board with an empty body on the leak path', async () => {
		const r = await h.call('POST', `/api/boards/${boardId}/members/nobody/add`, { token: owner.token, body: {} });
		expectEmpty200(r);
	});
});
