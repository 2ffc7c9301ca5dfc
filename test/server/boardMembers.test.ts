/**
 * The board member routes of Wekan v11.07: POST /api/boards/:boardId/members/:userId/add and .../remove
 * (server/models/users.js:2101-2244) and POST /api/boards/:boardId/members/:memberId (server/models/boards.js:1299-1373),
 * with the Boards model methods they use (models/boards.js:2124-2215) and the role names of server/lib/utils.js:174-210.
 */
import type { BoardMember } from '../wekan-server/schemas/boards';
import { Wekan } from '../wekan-server/server';
import { expectEmpty200, expectStyleA, type RawResponse, type ServerHarness, startHarness } from './fixtures';

interface Account {
	id: string;
	token: string;
}

const FALSE_FLAGS = {
	isAdmin: false,
	isNoComments: false,
	isCommentOnly: false,
	isWorker: false,
	isNormalAssignedOnly: false,
	isCommentAssignedOnly: false,
	isReadOnly: false,
	isReadAssignedOnly: false,
};

/** An explicit status answered through sendJsonResult, with its headers. */
function expectExplicit(r: RawResponse, status: number, body: unknown) {
	expect(r.status).toBe(status);
	expect(r.json).toEqual(body);
	expect(r.headers.get('cache-control')).toBe('no-store');
}

/**
 * Whether the Boards hooks of server/models/boards.js:700-796 are registered (models/boards.ts, the boards group's
 * module): a member set inactive is then taken off the board's cards.
 */
function boardMemberHooksRegistered(): boolean {
	const w = new Wekan({ bcryptRounds: 4 });
	const owner = w.createUser({ username: 'owner', email: 'owner@example.com' });
	const member = w.createUser({ username: 'member', email: 'member@example.com' });
	const board = w.createBoard({ title: 'Probe', ownerId: owner._id });
	w.addBoardMember(board._id, member._id);
	const swimlaneId = w.defaultSwimlaneId(board._id) as string;
	const list = w.createList(board._id, 'L', swimlaneId, 0);
	const card = w.createCard({
		title: 'C',
		boardId: board._id,
		listId: list._id,
		swimlaneId,
		userId: owner._id,
		members: [member._id],
	});
	w.db.boards.update(board._id, { $set: { 'members.1.isActive': false } });
	return !(w.db.cards.findOne(card._id)?.members ?? []).includes(member._id);
}

describe('board member routes', () => {
	let h: ServerHarness;
	let admin: Account;
	let owner: Account;
	let member: Account;
	let stranger: Account;
	let boardId: string;

	const account = (username: string): Account => {
		const user = h.wekan.createUser({ username, email: `${username}@example.com`, password: `${username}-pw` });
		return { id: user._id, token: h.wekan.issueToken(user._id).token };
	};
	const membersOf = (id = boardId) => h.wekan.db.boards.findOne(id)!.members;
	const entryOf = (userId: string, id = boardId) => membersOf(id).find((m) => m.userId === userId);
	const add = (as: Account | undefined, userId: string, body: unknown = { action: 'add' }, id = boardId) =>
		h.call('POST', `/api/boards/${id}/members/${userId}/add`, { token: as?.token, body });
	const remove = (as: Account | undefined, userId: string, body: unknown = { action: 'remove' }, id = boardId) =>
		h.call('POST', `/api/boards/${id}/members/${userId}/remove`, { token: as?.token, body });
	const setRole = (as: Account | undefined, userId: string, body: unknown, id = boardId) =>
		h.call('POST', `/api/boards/${id}/members/${userId}`, { token: as?.token, body });

	beforeEach(async () => {
		h = await startHarness();
		admin = account('admin');
		owner = account('owner');
		member = account('member');
		stranger = account('stranger');
		boardId = h.wekan.createBoard({ title: 'Board', ownerId: owner.id })._id;
		h.wekan.addBoardMember(boardId, member.id);
	});
	afterEach(() => h.close());

	describe('POST .../members/:userId/add (server/models/users.js:2101-2192)', () => {
		it("pushes a new member with the named role's flags and answers [{_id, title}]", async () => {
			const r = await add(owner, stranger.id, { action: 'add', role: 'admin' });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([{ _id: boardId, title: 'Board' }]);
			expect(entryOf(stranger.id)).toEqual({ userId: stranger.id, isActive: true, ...FALSE_FLAGS, isAdmin: true });
		});

		it('maps every role name of boardMemberRoleToFlags, trimmed and in any case (server/lib/utils.js:185-210)', async () => {
			const roles: Array<[string, keyof typeof FALSE_FLAGS | null]> = [
				['admin', 'isAdmin'],
				['nocomments', 'isNoComments'],
				['comment', 'isCommentOnly'],
				['commentonly', 'isCommentOnly'],
				['worker', 'isWorker'],
				['normalassignedonly', 'isNormalAssignedOnly'],
				['commentassignedonly', 'isCommentAssignedOnly'],
				['readonly', 'isReadOnly'],
				['readassignedonly', 'isReadAssignedOnly'],
				['normal', null],
				['member', null],
				['  ReadOnly ', 'isReadOnly'],
				['COMMENTONLY', 'isCommentOnly'],
			];
			for (const [role, flag] of roles) {
				const user = account(`u${roles.findIndex((r) => r[0] === role)}`);
				expect((await add(owner, user.id, { action: 'add', role })).status).toBe(200);
				expect(entryOf(user.id)).toEqual({
					userId: user.id,
					isActive: true,
					...FALSE_FLAGS,
					...(flag ? { [flag]: true } : {}),
				});
			}
		});

		it('refuses any other role name with 400, the hyphenated role names included', async () => {
			for (const [role, shown] of [
				['comment-only', 'comment-only'],
				['board-admin', 'board-admin'],
				['superuser', 'superuser'],
				['', ''],
				[null, 'null'],
			] as Array<[unknown, string]>) {
				expectExplicit(await add(owner, stranger.id, { action: 'add', role }), 400, {
					error: `invalid role: ${shown}`,
				});
			}
			expect(entryOf(stranger.id)).toBeUndefined();
		});

		it('without a role takes the eight flags from the body: true, or anything that reads "true" in any case (:2157-2167)', async () => {
			await add(owner, stranger.id, {
				action: 'add',
				isWorker: 'TRUE',
				isReadOnly: true,
				isCommentOnly: 'yes',
				isAdmin: 1,
			});
			expect(entryOf(stranger.id)).toEqual({
				userId: stranger.id,
				isActive: true,
				...FALSE_FLAGS,
				isWorker: true,
				isReadOnly: true,
			});
		});

		it('leaves an active member as they are and ignores the role asked for (:2154)', async () => {
			const before = membersOf();
			const r = await add(owner, member.id, { action: 'add', role: 'admin' });
			expect(r.json).toEqual([{ _id: boardId, title: 'Board' }]);
			expect(membersOf()).toEqual(before);
		});

		it('reactivates an inactive entry in place with the new flags (:2168-2175)', async () => {
			await remove(owner, member.id);
			const count = membersOf().length;
			await add(owner, member.id, { action: 'add', role: 'worker' });
			expect(membersOf()).toHaveLength(count);
			expect(membersOf()[1]).toEqual({ userId: member.id, isActive: true, ...FALSE_FLAGS, isWorker: true });
		});

		it('refuses a disabled account with 400 (#1894, :2144-2148)', async () => {
			h.wekan.db.users.update(stranger.id, { $set: { loginDisabled: true } });
			expectExplicit(await add(owner, stranger.id), 400, { error: 'User is disabled' });
			expect(entryOf(stranger.id)).toBeUndefined();
		});

		it('answers an empty 200 for an unknown user, and the user\'s whole document, secrets included, without action "add"', async () => {
			expectEmpty200(await add(owner, 'nobody'));
			const r = await add(owner, stranger.id, { role: 'admin' });
			expect(r.json._id).toBe(stranger.id);
			expect(r.json.services.password.bcrypt).toMatch(/^\$2b\$04\$/);
			expect(r.json.services.resume.loginTokens).toHaveLength(1);
			expect(entryOf(stranger.id)).toBeUndefined();
		});

		it('answers 401 without a user and 403 unless board admin or site admin (:2109-2121)', async () => {
			expectExplicit(await add(undefined, stranger.id), 401, { error: 'Unauthorized' });
			expectExplicit(await add(member, stranger.id), 403, { error: 'Only a board admin can add board members' });
			expectExplicit(await add(stranger, stranger.id), 403, { error: 'Only a board admin can add board members' });
			// A board admin's entry must be active.
			h.wekan.db.boards.update(boardId, { $set: { 'members.0.isActive': false } });
			expectExplicit(await add(owner, stranger.id), 403, { error: 'Only a board admin can add board members' });
			expect((await add(admin, stranger.id)).json).toEqual([{ _id: boardId, title: 'Board' }]);
		});

		it('gives a site admin [] for a board that does not exist, and a board admin of nothing a 403', async () => {
			expect((await add(admin, stranger.id, { action: 'add' }, 'no-board')).json).toEqual([]);
			expectExplicit(await add(owner, stranger.id, { action: 'add' }, 'no-board'), 403, {
				error: 'Only a board admin can add board members',
			});
		});
	});

	describe('POST .../members/:userId/remove (server/models/users.js:2194-2244)', () => {
		it('deactivates the member and drops the admin flag, keeping the entry (#5122)', async () => {
			await setRole(owner, member.id, { role: 'admin' });
			const r = await remove(owner, member.id);
			expect(r.json).toEqual([{ _id: boardId, title: 'Board' }]);
			expect(membersOf()[1]).toEqual({ userId: member.id, ...FALSE_FLAGS, isActive: false });
		});

		it('keeps the last active admin active, and removes an admin while another is active', async () => {
			await remove(owner, owner.id);
			expect(entryOf(owner.id)).toMatchObject({ isActive: true, isAdmin: true });
			await setRole(owner, member.id, { role: 'admin' });
			await remove(owner, owner.id);
			expect(entryOf(owner.id)).toMatchObject({ isActive: false, isAdmin: false });
		});

		it('changes nothing for someone who is not an active member, and answers the board all the same', async () => {
			const before = membersOf();
			expect((await remove(owner, stranger.id)).json).toEqual([{ _id: boardId, title: 'Board' }]);
			expect(membersOf()).toEqual(before);
		});

		it('answers an empty 200 for an unknown user and the user\'s document without action "remove"', async () => {
			expectEmpty200(await remove(owner, 'nobody'));
			const r = await remove(owner, member.id, {});
			expect(r.json._id).toBe(member.id);
			expect(r.json.services).toBeDefined();
			expect(entryOf(member.id)!.isActive).toBe(true);
		});

		it('answers 401 without a user and 403 unless board admin or site admin', async () => {
			expectExplicit(await remove(undefined, member.id), 401, { error: 'Unauthorized' });
			expectExplicit(await remove(member, member.id), 403, { error: 'Only a board admin can remove board members' });
			expect((await remove(admin, member.id)).status).toBe(200);
			expect(entryOf(member.id)!.isActive).toBe(false);
		});
	});

	describe('POST .../members/:memberId (server/models/boards.js:1299-1373)', () => {
		it("sets the eight flags from a role and answers Boards.updateAsync's count, 1", async () => {
			const r = await setRole(owner, member.id, { role: 'commentonly' });
			expect(r.status).toBe(200);
			expect(r.text).toBe('1');
			expect(entryOf(member.id)).toEqual({ userId: member.id, isActive: true, ...FALSE_FLAGS, isCommentOnly: true });
		});

		it('keeps your own admin flag when you change your own role (models/boards.js:2198-2200)', async () => {
			await setRole(owner, owner.id, { role: 'readonly' });
			expect(entryOf(owner.id)).toEqual({
				userId: owner.id,
				isActive: true,
				...FALSE_FLAGS,
				isAdmin: true,
				isReadOnly: true,
			});
		});

		it('without a role reads the flags: strings compared with "true", the last four false when absent, the first four left alone (:1341-1365)', async () => {
			await setRole(owner, member.id, { role: 'admin' });
			await setRole(owner, member.id, { isWorker: 'True', isReadOnly: 'yes' });
			// isAdmin, isNoComments and isCommentOnly were not sent: undefined, left out of the write.
			expect(entryOf(member.id)).toEqual({
				userId: member.id,
				isActive: true,
				...FALSE_FLAGS,
				isAdmin: true,
				isWorker: true,
			});
			// A number passes isTrue unchanged and collection2 converts it to a Boolean.
			await setRole(owner, member.id, { isAdmin: 0, isNoComments: 1 });
			expect(entryOf(member.id)).toMatchObject({ isAdmin: false, isNoComments: true, isWorker: true });
		});

		it('answers collection2\'s refusal of a null flag as {"error": <message>} (style A, server/lib/apiResponseHelpers.js:57-64)', async () => {
			const r = await setRole(owner, member.id, { isAdmin: null });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ error: 'Is admin is required (members.1.isAdmin) in boards updateAsync' });
			expect(entryOf(member.id)!.isAdmin).toBe(false);
		});

		it('answers 1 for someone with no entry: collection2 filters out members.-1.*, leaving only modifiedAt', async () => {
			const before = membersOf();
			expect((await setRole(owner, stranger.id, { role: 'admin' })).text).toBe('1');
			expect(membersOf()).toEqual(before);
		});

		it('answers {} when you have no entry and name yourself, or the board does not exist (a TypeError)', async () => {
			expect((await setRole(admin, admin.id, { role: 'normal' })).json).toEqual({});
			expect((await setRole(admin, member.id, { role: 'normal' }, 'no-board')).json).toEqual({});
		});

		it('refuses an unknown role with 400, and answers 401/403 like the other member routes', async () => {
			expectExplicit(await setRole(owner, member.id, { role: 'chief' }), 400, { error: 'invalid role: chief' });
			expectExplicit(await setRole(undefined, member.id, { role: 'admin' }), 401, { error: 'Unauthorized' });
			expectExplicit(await setRole(member, member.id, { role: 'admin' }), 403, {
				error: 'Only a board admin can change member permissions',
			});
			expect(entryOf(member.id)).toMatchObject({ isAdmin: false });
		});

		it('lets a site admin who is not on the board change a role', async () => {
			expect((await setRole(admin, member.id, { role: 'worker' })).text).toBe('1');
			expect(entryOf(member.id)!.isWorker).toBe(true);
		});
	});

	// The Boards hooks are the boards group's (models/boards.ts); these run once they are registered.
	const describeWithBoardHooks = boardMemberHooksRegistered() ? describe : describe.skip;
	describeWithBoardHooks('what the Boards hooks do after the member routes (server/models/boards.js:700-796)', () => {
		const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

		it("takes a removed member off the board's cards (members, requesters, assigners, watchers; not assignees) and list watchers", async () => {
			const swimlaneId = h.wekan.defaultSwimlaneId(boardId)!;
			const list = h.wekan.createList(boardId, 'L', swimlaneId, 0);
			h.wekan.db.lists.update(list._id, { $set: { watchers: [member.id, owner.id] } });
			const card = h.wekan.createCard({
				title: 'C',
				boardId,
				listId: list._id,
				swimlaneId,
				userId: owner.id,
				members: [member.id, owner.id],
				assignees: [member.id],
			});
			await remove(owner, member.id);
			await settle();
			expect(h.wekan.db.cards.findOne(card._id)).toMatchObject({ members: [owner.id], assignees: [member.id] });
			expect(h.wekan.db.lists.findOne(list._id)!.watchers).toEqual([owner.id]);
		});

		it('records addBoardMember for a pushed member and removeBoardMember for a deactivated one, without a user id', async () => {
			await add(owner, stranger.id);
			await remove(owner, stranger.id);
			await add(owner, stranger.id);
			await settle();
			const activities = h.wekan.db.activities.find({ boardId, memberId: stranger.id });
			expect(activities.map((a) => [a.activityType, (a as { userId?: string }).userId])).toEqual([
				['addBoardMember', undefined],
				['removeBoardMember', undefined],
			]);
		});
	});

	it("keeps the members array as Wekan's schema wants it (every entry with isAdmin and isActive)", async () => {
		await add(owner, stranger.id, { action: 'add', role: 'readonly' });
		await remove(owner, stranger.id);
		await add(owner, stranger.id, { action: 'add' });
		for (const entry of membersOf() as BoardMember[]) {
			expect(typeof entry.isAdmin).toBe('boolean');
			expect(typeof entry.isActive).toBe('boolean');
		}
		expectStyleA(await h.call('GET', '/api/user'), 401);
	});
});
