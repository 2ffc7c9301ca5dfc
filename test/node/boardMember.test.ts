import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';

const member = (operation: string, parameters = {}, credentialId?: string) => op('boardMember', operation, parameters, credentialId);

describe('Board Member operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const db = () => f.server.wekan.db;
	const freshBoard = (title: string) => f.server.wekan.createBoard({ title, ownerId: f.adminId });
	const entriesOf = (boardId: string, userId: string) => db().boards.findOne(boardId)!.members.filter((m) => m.userId === userId);
	const memberOf = (boardId: string, userId: string) => entriesOf(boardId, userId)[0];
	/** Sets fields of the user's member entry in the database, as a MongoDB client would. */
	const setEntry = (boardId: string, userId: string, fields: Record<string, unknown>) =>
		db().boards.raw.update(
			{ _id: boardId, 'members.userId': userId },
			{ $set: Object.fromEntries(Object.entries(fields).map(([k, v]) => [`members.$.${k}`, v])) },
		);
	const roleRequests = (boardId: string, userId: string) => f.server.wekan.requests('POST', `/api/boards/${boardId}/members/${userId}`);

	describe('Get Many', () => {
		it('lists active members with role names derived from their flags', async () => {
			const b = freshBoard('Members');
			const { user: commenter } = normalUser(f, 'commenter', b._id, { isCommentOnly: true });
			const { user: gone } = normalUser(f, 'gone', b._id);
			setEntry(b._id, gone._id, { isActive: false });
			const result = await f.engine.run(member('getAll', { boardId: rl(b._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			const members = result.json('Wekan');
			expect(members.map((m) => [m.userId, m.role])).toEqual([
				[f.adminId, 'admin'],
				[commenter._id, 'commentonly'],
			]);
			expect(members[1]).toMatchObject({ boardId: b._id, isActive: true, isCommentOnly: true, isAdmin: false });
			const withRemoved = await f.engine.run(member('getAll', { boardId: rl(b._id), includeInactive: true, returnAll: true }));
			expect(withRemoved.json('Wekan').map((m) => m.userId)).toContain(gone._id);
		});

		it('names the role of a member with several flags as Wekan does', async () => {
			// models/lib/boardRoleCapabilities.js:86-94: normal-assigned-only comes before the read-only roles.
			const b = freshBoard('Members Flags');
			const { user } = normalUser(f, 'twoflags', b._id);
			setEntry(b._id, user._id, { isNormalAssignedOnly: true, isReadOnly: true });
			const result = await f.engine.run(member('getAll', { boardId: rl(b._id), returnAll: true }));
			expect(result.json('Wekan').find((m) => m.userId === user._id)).toMatchObject({ role: 'normalassignedonly' });
		});

		it('refuses a comment-only member, who cannot use the read API', async () => {
			const b = freshBoard('Members 2');
			const { credentialId } = normalUser(f, 'commenter2', b._id, { isCommentOnly: true });
			const result = await f.engine.run(member('getAll', { boardId: rl(b._id), returnAll: true }, credentialId));
			expect(expectFailure(result)).toContain('Comment-only and worker members cannot use Wekan\'s read API');
		});
	});

	describe('Add', () => {
		it('adds a user with a role, sending action "add" and the role', async () => {
			const b = freshBoard('Add Here');
			const { user } = normalUser(f, 'newbie');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(user._id), role: 'readonly' }));
			expect(result.error).toBeUndefined();
			const [added] = result.json('Wekan');
			expect(added).toMatchObject({ boardId: b._id, userId: user._id, role: 'readonly', isActive: true, isReadOnly: true, alreadyMember: false });
			expect(added).not.toHaveProperty('services');
			expect(memberOf(b._id, user._id)).toMatchObject({ isActive: true, isReadOnly: true, isAdmin: false });
			expect(roleRequests(b._id, user._id)).toHaveLength(0);
		});

		it('adds a user given by username', async () => {
			const b = freshBoard('Add By Name');
			const { user } = normalUser(f, 'byname');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl('byname', 'username'), role: 'admin' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ userId: user._id, role: 'admin' });
			expect(memberOf(b._id, user._id)?.isAdmin).toBe(true);
		});

		it('gives an active member the role asked for, which Wekan\'s add route ignores', async () => {
			// server/models/users.js:2153-2154
			const b = freshBoard('Add Again');
			const { user } = normalUser(f, 'already', b._id);
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(user._id), role: 'worker' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ userId: user._id, role: 'worker', isWorker: true, alreadyMember: true, previousRole: 'normal' });
			expect(memberOf(b._id, user._id)).toMatchObject({ isActive: true, isWorker: true });
			expect(entriesOf(b._id, user._id)).toHaveLength(1);
		});

		it('changes nothing for an active member who has the role already', async () => {
			const b = freshBoard('Add Same');
			const { user } = normalUser(f, 'samerole', b._id, { isReadOnly: true });
			const from = f.server.wekan.log.length;
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(user._id), role: 'readonly' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ role: 'readonly', alreadyMember: true, previousRole: 'readonly' });
			expect(requestsSince(f, from).filter((r) => r.startsWith('POST '))).toEqual([]);
		});

		it('gives a removed member back access with the new role', async () => {
			const b = freshBoard('Add Back');
			const { user } = normalUser(f, 'returner', b._id, { isAdmin: true });
			setEntry(b._id, user._id, { isActive: false, isAdmin: false });
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(user._id), role: 'nocomments' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ role: 'nocomments', alreadyMember: false });
			expect(entriesOf(b._id, user._id)).toEqual([expect.objectContaining({ isActive: true, isNoComments: true, isAdmin: false })]);
		});

		it('explains that Wekan does not add a user whose login is disabled', async () => {
			// server/models/users.js:2144-2148 (#1894)
			const b = freshBoard('Add Disabled');
			const { user } = normalUser(f, 'disabledone');
			db().users.update(user._id, { $set: { loginDisabled: true } });
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(user._id), role: 'normal' }));
			expect(expectFailure(result)).toContain(`User ${user._id} cannot be added to board ${b._id}: their login is disabled`);
			expect(memberOf(b._id, user._id)).toBeUndefined();
		});

		it('fails for an unknown user, never outputting a user document', async () => {
			const b = freshBoard('Add Unknown');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl('NoSuchUser12345'), role: 'normal' }));
			expect(expectFailure(result)).toContain('NoSuchUser12345');
			expect(db().boards.findOne(b._id)!.members).toHaveLength(1);
		});

		it('refuses a normal member (only board admins add members)', async () => {
			const b = freshBoard('Add Denied');
			const { credentialId } = normalUser(f, 'adder', b._id);
			const { user: friend } = normalUser(f, 'friend');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(friend._id), role: 'normal' }, credentialId));
			expect(expectFailure(result)).toContain('Only a board admin can add board members');
			expect(memberOf(b._id, friend._id)).toBeUndefined();
		});

		it('rejects an unknown role before any request', async () => {
			const { result, requests } = await runCounting(
				f,
				member('add', { boardId: rl(f.boardId), userId: rl(f.adminId), role: '={{ "boss" }}' }),
			);
			expect(expectFailure(result)).toContain('"boss" is not a Wekan board role');
			expect(requests).toBe(0);
		});
	});

	describe('Change Role', () => {
		it('changes a member\'s role', async () => {
			const b = freshBoard('Roles');
			const { user } = normalUser(f, 'promoted', b._id);
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: user._id, role: 'worker' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ userId: user._id, role: 'worker', isWorker: true });
			expect(memberOf(b._id, user._id)).toMatchObject({ isWorker: true, isAdmin: false });
		});

		it('fails for a user who is not a member, without a change request', async () => {
			const b = freshBoard('Roles 2');
			const { user } = normalUser(f, 'stranger');
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: user._id, role: 'admin' }));
			expect(expectFailure(result)).toContain(`User ${user._id} is not a member of board ${b._id}`);
			expect(roleRequests(b._id, user._id)).toHaveLength(0);
		});

		it('refuses to take away the caller\'s own admin role before any change, as Wekan keeps it', async () => {
			// models/boards.js:2198-2200
			const b = freshBoard('Roles 3');
			const { user, credentialId } = normalUser(f, 'selfadmin', b._id, { isAdmin: true });
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: user._id, role: 'normal' }, credentialId));
			expect(expectFailure(result)).toContain('You cannot take away your own admin role');
			expect(roleRequests(b._id, user._id)).toHaveLength(0);
			expect(memberOf(b._id, user._id)?.isAdmin).toBe(true);
		});

		it('refuses a member whose first entry is an inactive one, which Wekan would change instead', async () => {
			const b = freshBoard('Roles Twice');
			const { user } = normalUser(f, 'twice', b._id);
			setEntry(b._id, user._id, { isActive: false });
			db().boards.raw.update(b._id, { $push: { members: { userId: user._id, isActive: true, isAdmin: false } } });
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: user._id, role: 'readonly' }));
			expect(expectFailure(result)).toContain('has an inactive member entry before the active one');
			expect(roleRequests(b._id, user._id)).toHaveLength(0);
		});

		it('refuses a normal member', async () => {
			const b = freshBoard('Roles 4');
			const { credentialId } = normalUser(f, 'climber', b._id);
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: f.adminId, role: 'readonly' }, credentialId));
			expect(expectFailure(result)).toContain('Only a board admin can change member permissions');
			expect(memberOf(b._id, f.adminId)?.isAdmin).toBe(true);
		});

		it('rejects a malformed member ID before any request', async () => {
			const { result, requests } = await runCounting(f, member('changeRole', { boardId: rl(f.boardId), memberId: 'a b', role: 'normal' }));
			expect(expectFailure(result)).toContain('is not a Wekan ID');
			expect(requests).toBe(0);
		});
	});

	describe('Remove', () => {
		it('removes a member with action "remove"; Wekan keeps an inactive entry and takes them off cards', async () => {
			const b = freshBoard('Remove');
			const { user } = normalUser(f, 'leaver', b._id, { isAdmin: true });
			const swimlaneId = f.server.wekan.defaultSwimlaneId(b._id)!;
			const list = f.server.wekan.createList(b._id, 'L', swimlaneId);
			const card = f.server.wekan.createCard({ title: 'C', boardId: b._id, listId: list._id, swimlaneId, userId: f.adminId });
			db().cards.update(card._id, { $set: { members: [user._id], assignees: [user._id] } });
			const result = await f.engine.run(member('remove', { boardId: rl(b._id), memberId: user._id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId: b._id, userId: user._id, removed: true }]);
			expect(memberOf(b._id, user._id)).toMatchObject({ isActive: false, isAdmin: false });
			// server/models/boards.js:700-745: members, requesters, assigners and watchers, not assignees.
			expect(db().cards.findOne(card._id)).toMatchObject({ members: [], assignees: [user._id] });
		});

		it('refuses the last admin before any change', async () => {
			const b = freshBoard('Remove Last Admin');
			const from = f.server.wekan.log.length;
			const result = await f.engine.run(member('remove', { boardId: rl(b._id), memberId: f.adminId }));
			expect(expectFailure(result)).toContain('A board keeps its last admin');
			expect(requestsSince(f, from).filter((r) => r.startsWith('POST '))).toEqual([]);
			expect(memberOf(b._id, f.adminId)?.isActive).toBe(true);
		});

		it('fails for a user who is not a member', async () => {
			const b = freshBoard('Remove Stranger');
			const { user } = normalUser(f, 'notthere');
			const result = await f.engine.run(member('remove', { boardId: rl(b._id), memberId: user._id }));
			expect(expectFailure(result)).toContain('is not a member');
		});

		it('refuses a normal member', async () => {
			const b = freshBoard('Remove Denied');
			const { credentialId } = normalUser(f, 'kicker', b._id);
			const { user: victim } = normalUser(f, 'victim', b._id);
			const result = await f.engine.run(member('remove', { boardId: rl(b._id), memberId: victim._id }, credentialId));
			expect(expectFailure(result)).toContain('Only a board admin can remove board members');
			expect(memberOf(b._id, victim._id)?.isActive).toBe(true);
		});
	});
});
