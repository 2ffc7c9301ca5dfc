/**
 * The users routes of Wekan v11.07's server/models/users.js (:1979-2316, :2736-2756) and the users collection hooks
 * they set off (server/models/users.js:1886-1977, models/users.js:2423-2443).
 */
import { Wekan } from '../wekan-server/server';
import { expectEmpty200, expectStyleA, type ServerHarness, startHarness, type TestUser } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Whether the Cards hooks of server/models/cards.js:822-834 are registered (models/cards.ts, the cards group's
 * module): pulling a member who has no user document then throws, as Wekan's cardMembers reads the username.
 */
function cardMemberHooksRegistered(): boolean {
	const w = new Wekan({ bcryptRounds: 4 });
	const owner = w.createUser({ username: 'owner', email: 'owner@example.com' });
	const board = w.createBoard({ title: 'Probe', ownerId: owner._id });
	const swimlaneId = w.defaultSwimlaneId(board._id) as string;
	const list = w.createList(board._id, 'L', swimlaneId, 0);
	const card = w.createCard({
		title: 'C',
		boardId: board._id,
		listId: list._id,
		swimlaneId,
		userId: owner._id,
		members: ['ghost'],
	});
	try {
		w.db.cards.update(card._id, { $pull: { members: 'ghost' } });
		return false;
	} catch {
		return true;
	}
}

describe('users routes', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let bob: TestUser;
	beforeEach(async () => {
		h = await startHarness();
		admin = await h.user('admin');
		bob = await h.user('bob');
	});
	afterEach(() => h.close());

	const tokens = (userId: string) =>
		(h.wekan.db.users.findOne(userId)?.services as { resume?: { loginTokens?: unknown[] } } | undefined)?.resume
			?.loginTokens;

	describe('GET /api/user (server/models/users.js:1979-2001)', () => {
		it('answers your own document without services but with sessionData, and your memberships of real boards', async () => {
			const board = h.wekan.createBoard({ title: 'Shared', ownerId: admin.id });
			h.wekan.addBoardMember(board._id, bob.id, { isCommentOnly: true });
			// A templates container is not of type 'board'; an inactive entry still counts.
			h.wekan.createBoard({ title: 'Templates', ownerId: bob.id, type: 'template-container' });
			const left = h.wekan.createBoard({ title: 'Left', ownerId: admin.id });
			h.wekan.addBoardMember(left._id, bob.id);
			const leftBoard = h.wekan.db.boards.findOne(left._id)!;
			h.wekan.db.boards.update(left._id, { $set: { [`members.${leftBoard.members.length - 1}.isActive`]: false } });
			const r = await h.call('GET', '/api/user', { token: bob.token });
			expect(r.status).toBe(200);
			expect(r.headers.get('cache-control')).toBe('no-store');
			expect(Object.keys(r.json)[0]).toBe('_id');
			expect(r.json._id).toBe(bob.id);
			expect(r.json.username).toBe('bob');
			expect(r.json.services).toBeUndefined();
			expect(r.json.sessionData).toEqual({});
			expect(r.json.boards).toEqual([
				{
					isAdmin: false,
					isActive: true,
					isNoComments: false,
					isCommentOnly: true,
					isWorker: false,
					isNormalAssignedOnly: false,
					isCommentAssignedOnly: false,
					isReadOnly: false,
					isReadAssignedOnly: false,
					boardId: board._id,
				},
				expect.objectContaining({ isActive: false, boardId: left._id }),
			]);
			expect(Object.keys(r.json).at(-1)).toBe('boards');
		});

		it('needs a login (style A 401)', async () => {
			expectStyleA(await h.call('GET', '/api/user'), 401);
		});
	});

	describe('GET /api/users (server/models/users.js:2003-2015)', () => {
		it('lists every user as {_id, username} for a site admin', async () => {
			h.wekan.createUser({ email: 'nameless@example.com' });
			const r = await h.call('GET', '/api/users', { token: admin.token });
			expect(r.json).toEqual([
				{ _id: admin.id, username: 'admin' },
				{ _id: bob.id, username: 'bob' },
				{ _id: expect.any(String) },
			]);
		});

		it('is for site admins only (authentication.js:13-26)', async () => {
			expectStyleA(await h.call('GET', '/api/users', { token: bob.token }), 403);
			expectStyleA(await h.call('GET', '/api/users'), 401);
		});
	});

	describe('GET /api/users/:userId (server/models/users.js:2038-2064)', () => {
		it('finds a user by id or by username, without services and sessionData, with the memberships last', async () => {
			const board = h.wekan.createBoard({ title: 'B', ownerId: bob.id });
			for (const key of [bob.id, 'bob']) {
				const r = await h.call('GET', `/api/users/${key}`, { token: admin.token });
				expect(r.json._id).toBe(bob.id);
				expect(r.json.services).toBeUndefined();
				expect(r.json.sessionData).toBeUndefined();
				expect(r.json.boards).toEqual([expect.objectContaining({ isAdmin: true, isActive: true, boardId: board._id })]);
				expect(Object.keys(r.json).at(-1)).toBe('boards');
			}
		});

		it('answers {} for nobody: reading _id of undefined throws a TypeError', async () => {
			const r = await h.call('GET', '/api/users/nobody', { token: admin.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({});
		});

		it('is for site admins only', async () => {
			expectStyleA(await h.call('GET', `/api/users/${admin.id}`, { token: bob.token }), 403);
		});
	});

	describe('PUT /api/users/:userId (server/models/users.js:2066-2099)', () => {
		it('answers an empty 200 for an unknown id, and for a username: the lookup is by _id only (:2071)', async () => {
			expectEmpty200(
				await h.call('PUT', '/api/users/nobody', { token: admin.token, body: { action: 'disableLogin' } }),
			);
			expectEmpty200(await h.call('PUT', '/api/users/bob', { token: admin.token, body: { action: 'disableLogin' } }));
			expect(h.wekan.db.users.findOne(bob.id)!.loginDisabled).toBeUndefined();
		});

		it('disableLogin sets loginDisabled and removes every login token ($set of "" becomes $unset, :2088)', async () => {
			const r = await h.call('PUT', `/api/users/${bob.id}`, { token: admin.token, body: { action: 'disableLogin' } });
			expect(r.json).toMatchObject({ _id: bob.id, loginDisabled: true });
			expect(r.json.services).toBeUndefined();
			expect(r.json.sessionData).toBeUndefined();
			expect(r.json.boards).toBeUndefined();
			expect(tokens(bob.id)).toBeUndefined();
			expectStyleA(await h.call('GET', '/api/user', { token: bob.token }), 401);
		});

		it('ignores disableLogin of yourself', async () => {
			const r = await h.call('PUT', `/api/users/${admin.id}`, { token: admin.token, body: { action: 'disableLogin' } });
			expect(r.json.loginDisabled).toBeUndefined();
			expect((await h.call('GET', '/api/user', { token: admin.token })).json._id).toBe(admin.id);
		});

		it('enableLogin unsets loginDisabled ($set of "" becomes $unset, :2090)', async () => {
			await h.call('PUT', `/api/users/${bob.id}`, { token: admin.token, body: { action: 'disableLogin' } });
			const r = await h.call('PUT', `/api/users/${bob.id}`, { token: admin.token, body: { action: 'enableLogin' } });
			expect('loginDisabled' in r.json).toBe(false);
			expect('loginDisabled' in h.wekan.db.users.findOne(bob.id)!).toBe(false);
		});

		it('answers the user without secrets for any other action, changing nothing', async () => {
			const r = await h.call('PUT', `/api/users/${bob.id}`, { token: admin.token, body: { action: 'promote' } });
			expect(r.json).toMatchObject({ _id: bob.id, username: 'bob' });
			expect(r.json.services).toBeUndefined();
		});

		it("takeOwnership hands the user's member entry to the caller and removes the caller's own membership first (:2073-2085, models/boards.js:2124-2129)", async () => {
			const carol = h.wekan.createUser({ username: 'carol', email: 'carol@example.com', password: 'pw' });
			// Bob's own board: the admin is not on it.
			const own = h.wekan.createBoard({ title: 'Own', ownerId: bob.id });
			// Carol's board with bob as an admin and the admin as a normal member.
			const shared = h.wekan.createBoard({ title: 'Shared', ownerId: carol._id });
			h.wekan.addBoardMember(shared._id, bob.id, { isAdmin: true });
			h.wekan.addBoardMember(shared._id, admin.id);
			// Carol's board where bob is only an inactive, read-only member: matched all the same, as the selector
			// {'members.userId': id, 'members.isAdmin': true} has no $elemMatch.
			const old = h.wekan.createBoard({ title: 'Old', ownerId: carol._id });
			h.wekan.addBoardMember(old._id, bob.id, { isReadOnly: true });
			h.wekan.db.boards.update(old._id, { $set: { 'members.1.isActive': false } });
			// A board bob is not on is not taken.
			h.wekan.createBoard({ title: 'Elsewhere', ownerId: carol._id });
			const r = await h.call('PUT', `/api/users/${bob.id}`, { token: admin.token, body: { action: 'takeOwnership' } });
			// Sorted by the boards' sort.
			expect(r.json).toEqual([
				{ _id: own._id, title: 'Own' },
				{ _id: shared._id, title: 'Shared' },
				{ _id: old._id, title: 'Old' },
			]);
			const membersOf = (id: string) => h.wekan.db.boards.findOne(id)!.members;
			expect(membersOf(own._id)).toEqual([
				expect.objectContaining({ userId: admin.id, isAdmin: true, isActive: true }),
			]);
			// Bob's entry now names the admin; the admin's own entry was deactivated by removeMember.
			expect(membersOf(shared._id)).toEqual([
				expect.objectContaining({ userId: carol._id, isAdmin: true, isActive: true }),
				expect.objectContaining({ userId: admin.id, isAdmin: true, isActive: true }),
				expect.objectContaining({ userId: admin.id, isAdmin: false, isActive: false }),
			]);
			expect(membersOf(old._id)).toEqual([
				expect.objectContaining({ userId: carol._id }),
				expect.objectContaining({ userId: admin.id, isActive: false, isReadOnly: true, isAdmin: false }),
			]);
			expect(h.wekan.db.boards.find({ 'members.userId': bob.id })).toEqual([]);
		});

		it('takeOwnership keeps the caller active where the caller is the last active admin (models/boards.js:2172-2177)', async () => {
			const board = h.wekan.createBoard({ title: 'Mine', ownerId: admin.id });
			h.wekan.addBoardMember(board._id, bob.id);
			const r = await h.call('PUT', `/api/users/${bob.id}`, { token: admin.token, body: { action: 'takeOwnership' } });
			expect(r.json).toEqual([{ _id: board._id, title: 'Mine' }]);
			expect(h.wekan.db.boards.findOne(board._id)!.members).toEqual([
				expect.objectContaining({ userId: admin.id, isAdmin: true, isActive: true }),
				expect.objectContaining({ userId: admin.id, isAdmin: false, isActive: true }),
			]);
		});

		it('is for site admins only', async () => {
			expectStyleA(
				await h.call('PUT', `/api/users/${admin.id}`, { token: bob.token, body: { action: 'disableLogin' } }),
				403,
			);
		});
	});

	describe('POST /api/users (server/models/users.js:2246-2259)', () => {
		it('answers {"_id":{}} at once, and the user appears only when the password has been hashed', async () => {
			await h.close();
			h = await startHarness({ bcryptRounds: 12 });
			admin = await h.user('admin');
			const r = await h.call('POST', '/api/users', {
				token: admin.token,
				body: { username: 'dora', email: 'dora@example.com', password: 'pw' },
			});
			expect(r.status).toBe(200);
			expect(r.text).toBe('{"_id":{}}');
			expect((await h.call('GET', '/api/users/dora', { token: admin.token })).json).toEqual({});
			await h.wekan.accounts.settle();
			const dora = (await h.call('GET', '/api/users/dora', { token: admin.token })).json;
			expect(dora).toMatchObject({
				username: 'dora',
				isAdmin: false,
				emails: [{ address: 'dora@example.com', verified: false }],
			});
			// Users.after.insert unsets createdThroughApi again (server/models/users.js:1921-1926).
			expect('createdThroughApi' in h.wekan.db.users.findOne(dora._id)!).toBe(false);
			expect((await h.call('POST', '/users/login', { body: { username: 'dora', password: 'pw' } })).status).toBe(200);
		});

		it('creates nothing without an email or a username: the key is there with the value undefined, which check() refuses', async () => {
			for (const body of [
				{ username: 'eve', password: 'pw' },
				{ email: 'eve@example.com', password: 'pw' },
				{ username: 'eve', email: null, password: 'pw' },
			]) {
				const r = await h.call('POST', '/api/users', { token: admin.token, body });
				expect(r.text).toBe('{"_id":{}}');
			}
			await h.wekan.accounts.settle();
			expect(h.wekan.db.users.count()).toBe(2);
		});

		it('creates a user without a password when none is given: the password pattern accepts anything', async () => {
			await h.call('POST', '/api/users', { token: admin.token, body: { username: 'sso', email: 'sso@example.com' } });
			await h.wekan.accounts.settle();
			const sso = h.wekan.db.users.findOne({ username: 'sso' })!;
			expect(sso.services).toEqual({});
			expect((await h.call('POST', '/users/login', { body: { username: 'sso', password: '' } })).status).toBe(401);
		});

		it('creates nothing for a username or email taken in any case', async () => {
			for (const body of [
				{ username: 'BOB', email: 'new@example.com', password: 'pw' },
				{ username: 'new', email: 'Bob@Example.com', password: 'pw' },
			]) {
				expect((await h.call('POST', '/api/users', { token: admin.token, body })).text).toBe('{"_id":{}}');
			}
			await h.wekan.accounts.settle();
			expect(h.wekan.db.users.count()).toBe(2);
		});

		it('is for site admins only', async () => {
			expectStyleA(
				await h.call('POST', '/api/users', {
					token: bob.token,
					body: { username: 'x', email: 'x@example.com', password: 'pw' },
				}),
				403,
			);
			expectStyleA(await h.call('POST', '/api/users/', { body: {} }), 401);
		});
	});

	describe('DELETE /api/users/:userId (server/models/users.js:2261-2270)', () => {
		/** A board with bob as member and watcher, a list he watches, and (optionally) a card naming him. */
		const seedBobsBoard = (withCard: boolean) => {
			const board = h.wekan.createBoard({ title: 'B', ownerId: admin.id });
			h.wekan.addBoardMember(board._id, bob.id);
			h.wekan.db.boards.update(board._id, { $push: { watchers: { userId: bob.id, level: 'watching' } } });
			const swimlaneId = h.wekan.defaultSwimlaneId(board._id)!;
			const list = h.wekan.createList(board._id, 'L', swimlaneId, 0);
			h.wekan.db.lists.update(list._id, { $set: { watchers: [bob.id, admin.id] } });
			const card = h.wekan.createCard({
				title: 'C',
				boardId: board._id,
				listId: list._id,
				swimlaneId,
				userId: admin.id,
				members: withCard ? [bob.id, admin.id] : [admin.id],
				assignees: withCard ? [bob.id] : [],
			});
			return { boardId: board._id, listId: list._id, cardId: card._id };
		};

		it('removes the user, and Users.after.remove prunes its board member, board watcher and list watcher entries (models/lib/userDeletionCleanup.js:52-131)', async () => {
			const { boardId, listId } = seedBobsBoard(false);
			const r = await h.call('DELETE', `/api/users/${bob.id}`, { token: admin.token });
			expect(r.json).toEqual({ _id: bob.id });
			expect(h.wekan.db.users.findOne(bob.id)).toBeUndefined();
			const after = h.wekan.db.boards.findOne(boardId)!;
			expect(after.members.map((m) => m.userId)).toEqual([admin.id]);
			expect(after.watchers).toEqual([]);
			expect(h.wekan.db.lists.findOne(listId)!.watchers).toEqual([admin.id]);
			expectStyleA(await h.call('GET', '/api/user', { token: bob.token }), 401);
		});

		// With the Cards hooks (models/cards.ts, the cards group's) registered, the card clean-up meets Wekan's
		// cardMembers hook (models/cards.js:3388-3392), which reads the username of the user being pulled: the user is
		// already gone, so it throws, the update is abandoned, and the clean-up stops there (userDeletionCleanup.js:
		// 113-124), its error only logged (models/users.js:2436-2442).
		(cardMemberHooksRegistered() ? it : it.skip)(
			'leaves the cards naming a deleted user untouched, and then the list watchers too: the card hook throws',
			async () => {
				const { boardId, listId, cardId } = seedBobsBoard(true);
				expect((await h.call('DELETE', `/api/users/${bob.id}`, { token: admin.token })).json).toEqual({ _id: bob.id });
				expect(h.wekan.db.boards.findOne(boardId)!.members.map((m) => m.userId)).toEqual([admin.id]);
				expect(h.wekan.db.cards.findOne(cardId)).toMatchObject({ members: [bob.id, admin.id], assignees: [bob.id] });
				expect(h.wekan.db.lists.findOne(listId)!.watchers).toEqual([bob.id, admin.id]);
			},
		);

		it('answers {_id} for an id nobody has', async () => {
			expect((await h.call('DELETE', '/api/users/nobody', { token: admin.token })).json).toEqual({ _id: 'nobody' });
			expect(h.wekan.db.users.count()).toBe(2);
		});

		it('is for site admins only', async () => {
			expectStyleA(await h.call('DELETE', `/api/users/${admin.id}`, { token: bob.token }), 403);
			expect(h.wekan.db.users.findOne(admin.id)).toBeDefined();
		});
	});

	describe('POST /api/createtoken/:userId (server/models/users.js:2272-2289)', () => {
		it('adds a login token to the user and answers {_id, authToken}', async () => {
			const r = await h.call('POST', `/api/createtoken/${bob.id}`, { token: admin.token });
			expect(Object.keys(r.json)).toEqual(['_id', 'authToken']);
			expect(r.json._id).toBe(bob.id);
			expect((await h.call('GET', '/api/user', { token: r.json.authToken })).json._id).toBe(bob.id);
			const created = tokens(bob.id) as Array<{ when: Date }>;
			expect(created).toHaveLength(2);
			// A login token like any other: it expires with the login expiration.
			expect(created[1].when.getTime()).toBeGreaterThan(Date.now() - DAY);
		});

		it('answers a token for an id nobody has, which then authenticates no one (no lookup of the user)', async () => {
			const r = await h.call('POST', '/api/createtoken/nobody', { token: admin.token });
			expect(r.json).toEqual({ _id: 'nobody', authToken: expect.any(String) });
			expectStyleA(await h.call('GET', '/api/user', { token: r.json.authToken }), 401);
		});

		it('is for site admins only', async () => {
			expectStyleA(await h.call('POST', `/api/createtoken/${admin.id}`, { token: bob.token }), 403);
			expectStyleA(await h.call('POST', `/api/createtoken/${admin.id}`), 401);
		});
	});

	describe('POST /api/deletetoken (server/models/users.js:2291-2316)', () => {
		it('says what it needs without a userId', async () => {
			const r = await h.call('POST', '/api/deletetoken', { token: admin.token, body: {} });
			expect(r.json).toEqual({ message: 'Expected a userId to be set but received none.' });
		});

		it("removes all of the user's tokens for a userId alone", async () => {
			const r = await h.call('POST', '/api/deletetoken', { token: admin.token, body: { userId: bob.id } });
			expect(r.json).toEqual({ message: `Delete all token from user: ${bob.id}` });
			expect(tokens(bob.id)).toBeUndefined();
			expectStyleA(await h.call('GET', '/api/user', { token: bob.token }), 401);
		});

		it('with a token removes the token whose hash equals it: a plain token removes nothing (Accounts.destroyToken)', async () => {
			const plain = await h.call('POST', '/api/deletetoken', {
				token: admin.token,
				body: { userId: bob.id, token: bob.token },
			});
			expect(plain.json).toEqual({ message: `Delete token: [${bob.token}] from user: ${bob.id}` });
			expect((await h.call('GET', '/api/user', { token: bob.token })).json._id).toBe(bob.id);
			const [{ hashedToken }] = tokens(bob.id) as Array<{ hashedToken: string }>;
			await h.call('POST', '/api/deletetoken', { token: admin.token, body: { userId: bob.id, token: hashedToken } });
			expectStyleA(await h.call('GET', '/api/user', { token: bob.token }), 401);
		});

		it("answers check()'s Match.Error, serialised, for a userId that is not a string", async () => {
			const r = await h.call('POST', '/api/deletetoken', { token: admin.token, body: { userId: 5 } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				message: 'Match error: Expected string, got number',
				path: '',
				sanitizedError: {
					isClientSafe: true,
					error: 400,
					reason: 'Match failed',
					message: 'Match failed [400]',
					errorType: 'Meteor.Error',
				},
				errorType: 'Match.Error',
			});
		});

		it('is for site admins only', async () => {
			expectStyleA(await h.call('POST', '/api/deletetoken', { token: bob.token, body: { userId: admin.id } }), 403);
			expect((await h.call('GET', '/api/user', { token: admin.token })).json._id).toBe(admin.id);
		});
	});

	describe('GET /api/admin/domains (server/models/users.js:2736-2756)', () => {
		it('counts users by the domain of their first email, most first, then by name', async () => {
			h.wekan.createUser({ username: 'c1', email: 'c1@Other.org' });
			h.wekan.createUser({ username: 'c2', email: 'c2@other.org' });
			h.wekan.createUser({ username: 'd', email: 'd@alpha.net' });
			h.wekan.createUser({ username: 'noemail' });
			const r = await h.call('GET', '/api/admin/domains', { token: admin.token });
			expect(r.json).toEqual([
				{ domain: 'example.com', count: 2 },
				{ domain: 'other.org', count: 2 },
				{ domain: 'alpha.net', count: 1 },
			]);
			expectStyleA(await h.call('GET', '/api/admin/domains', { token: bob.token }), 403);
		});
	});
});
