import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

const member = (operation: string, parameters = {}, credentialId?: string) => op('boardMember', operation, parameters, credentialId);

describe('Board Member operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const freshBoard = (title: string) => f.server.wekan.createBoard({ title, ownerId: f.adminId });
	const memberOf = (boardId: string, userId: string) => f.server.wekan.store.boards.get(boardId)!.members.find((m) => m.userId === userId);

	describe('Get Many', () => {
		it('lists active members with role names derived from their flags', async () => {
			const b = freshBoard('Members');
			const { user: commenter } = normalUser(f, 'commenter', b._id, { isCommentOnly: true });
			const { user: gone } = normalUser(f, 'gone', b._id);
			memberOf(b._id, gone._id)!.isActive = false;
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

		it('refuses a comment-only member, who cannot use the read API', async () => {
			const b = freshBoard('Members 2');
			const { credentialId } = normalUser(f, 'commenter2', b._id, { isCommentOnly: true });
			const result = await f.engine.run(member('getAll', { boardId: rl(b._id), returnAll: true }, credentialId));
			expect(expectFailure(result)).toContain('Comment-only and worker members cannot use Wekan\'s read API');
		});
	});

	describe('Add', () => {
		it('adds a user with a role, sending action "add"', async () => {
			const b = freshBoard('Add Here');
			const { user } = normalUser(f, 'newbie');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(user._id), role: 'readonly' }));
			expect(result.error).toBeUndefined();
			const [added] = result.json('Wekan');
			expect(added).toMatchObject({ boardId: b._id, userId: user._id, role: 'readonly', isActive: true, isReadOnly: true });
			expect(added).not.toHaveProperty('services');
			expect(memberOf(b._id, user._id)).toMatchObject({ isActive: true, isReadOnly: true, isAdmin: false });
		});

		it('adds a user given by username', async () => {
			const b = freshBoard('Add By Name');
			const { user } = normalUser(f, 'byname');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl('byname', 'username'), role: 'admin' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ userId: user._id, role: 'admin' });
			expect(memberOf(b._id, user._id)?.isAdmin).toBe(true);
		});

		it('fails for an unknown user, never outputting a user document', async () => {
			const b = freshBoard('Add Unknown');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl('NoSuchUser12345'), role: 'normal' }));
			expect(expectFailure(result)).toContain('NoSuchUser12345');
			expect(f.server.wekan.store.boards.get(b._id)!.members).toHaveLength(1);
		});

		it('refuses a normal member (only board admins add members)', async () => {
			const b = freshBoard('Add Denied');
			const { credentialId } = normalUser(f, 'adder', b._id);
			const { user: friend } = normalUser(f, 'friend');
			const result = await f.engine.run(member('add', { boardId: rl(b._id), userId: rl(friend._id), role: 'normal' }, credentialId));
			expect(expectFailure(result)).toContain('Only a board admin can add members');
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
			expect(f.server.wekan.requests('POST', `/api/boards/${b._id}/members/${user._id}`)).toHaveLength(0);
		});

		it('says so when Wekan keeps an admin\'s own admin role', async () => {
			const b = freshBoard('Roles 3');
			const { user, credentialId } = normalUser(f, 'selfadmin', b._id, { isAdmin: true });
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: user._id, role: 'normal' }, credentialId));
			expect(expectFailure(result)).toContain('does not let users take away their own admin role');
			expect(memberOf(b._id, user._id)?.isAdmin).toBe(true);
		});

		it('refuses a normal member', async () => {
			const b = freshBoard('Roles 4');
			const { credentialId } = normalUser(f, 'climber', b._id);
			const result = await f.engine.run(member('changeRole', { boardId: rl(b._id), memberId: f.adminId, role: 'readonly' }, credentialId));
			expect(expectFailure(result)).toContain('board admin');
			expect(memberOf(b._id, f.adminId)?.isAdmin).toBe(true);
		});

		it('rejects a malformed member ID before any request', async () => {
			const { result, requests } = await runCounting(f, member('changeRole', { boardId: rl(f.boardId), memberId: 'a b', role: 'normal' }));
			expect(expectFailure(result)).toContain('is not a Wekan ID');
			expect(requests).toBe(0);
		});
	});

	describe('Remove', () => {
		it('removes a member with action "remove"', async () => {
			const b = freshBoard('Remove');
			const { user } = normalUser(f, 'leaver', b._id);
			const result = await f.engine.run(member('remove', { boardId: rl(b._id), memberId: user._id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId: b._id, userId: user._id, removed: true }]);
			expect(memberOf(b._id, user._id)?.isActive).toBe(false);
		});

		it('fails when Wekan keeps the last admin', async () => {
			const b = freshBoard('Remove Last Admin');
			const result = await f.engine.run(member('remove', { boardId: rl(b._id), memberId: f.adminId }));
			expect(expectFailure(result)).toContain('A board keeps its last admin');
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
			expect(expectFailure(result)).toContain('Only a board admin can remove members');
			expect(memberOf(b._id, victim._id)?.isActive).toBe(true);
		});
	});
});
