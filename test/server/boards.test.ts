/**
 * The board routes of server/models/boards.js at Wekan v11.07 (commit f5cc8e373): listing, reading, creating,
 * deleting, renaming, labels, card settings and domains. Copy and export have their own files.
 */
import { expectStyleA, expectStyleB, seedBoard, seedCard, seedList, seedMember, seedUser, type ServerHarness, startHarness, type TestUser, seedTeamBoard } from './fixtures';

describe('board routes', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let owner: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let worker: TestUser;
	let normal: TestUser;
	let stranger: TestUser;
	let boardId: string;
	let swimlaneId: string;

	beforeEach(async () => {
		h = await startHarness();
		({ admin, owner, reader, commenter, worker, normal, stranger, boardId, swimlaneId } = seedTeamBoard(h, {
			reader: 'readonly',
			commenter: 'commentonly',
			worker: 'worker',
			normal: 'normal',
			stranger: null,
		}));
	});
	afterEach(() => h.close());

	const board = (id = boardId) => h.wekan.db.boards.findOne(id)!;
	const activities = (activityType: string) => h.wekan.db.activities.find({ activityType });

	describe('GET /api/users/:userId/boards (server/models/boards.js:798-859)', () => {
		it('lists {_id, title} of the boards the user is an active member of, sorted, without templates', async () => {
			const second = seedBoard(h, owner, 'Ops').boardId;
			const r = await h.call('GET', `/api/users/${owner.id}/boards`, { token: owner.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ _id: boardId, title: 'Dev' },
				{ _id: second, title: 'Ops' },
			]);
			// Boards.before.insert (server/models/boards.js:641-649) made the later board sort after the earlier one.
			expect(board(second).sort).toBe(board(boardId).sort + 1);
			expect((await h.call('GET', `/api/users/${reader.id}/boards`, { token: reader.token })).json).toEqual([
				{ _id: boardId, title: 'Dev' },
			]);
		});

		// #5582
		it('leaves out archived boards, inactive memberships (:813-822) and helper boards, trimmed too', async () => {
			const helper = seedBoard(h, owner, ' ^Subtasks^ ').boardId;
			const old = seedBoard(h, owner, 'Old').boardId;
			h.wekan.db.boards.update(old, { $set: { archived: true } });
			const index = board().members.findIndex((m) => m.userId === reader.id);
			h.wekan.db.boards.update(boardId, { $set: { [`members.${index}.isActive`]: false } });
			expect(board(helper).title).toBe('^Subtasks^');
			expect((await h.call('GET', `/api/users/${owner.id}/boards`, { token: owner.token })).json).toEqual([
				{ _id: boardId, title: 'Dev' },
			]);
			expect((await h.call('GET', `/api/users/${reader.id}/boards`, { token: reader.token })).json).toEqual([]);
		});

		it('lets a site admin list anyone; others get a style-A 403, anonymous callers a 401', async () => {
			expect((await h.call('GET', `/api/users/${owner.id}/boards`, { token: admin.token })).json).toEqual([
				{ _id: boardId, title: 'Dev' },
			]);
			expectStyleA(await h.call('GET', `/api/users/${owner.id}/boards`, { token: stranger.token }), 403);
			const anon = await h.call('GET', `/api/users/${owner.id}/boards`);
			expect(anon.json).toEqual({
				isClientSafe: true,
				error: 'Unauthorized',
				reason: 'Unauthorized',
				message: 'Unauthorized [Unauthorized]',
				errorType: 'Meteor.Error',
				statusCode: 401,
			});
		});
	});

	describe('GET /api/boards and /api/boards_count (server/models/boards.js:861-905)', () => {
		it('lists public boards, archived ones included, for site admins only', async () => {
			const open = seedBoard(h, owner, 'Open', { permission: 'public' }).boardId;
			const shut = seedBoard(h, owner, 'Shut', { permission: 'public' }).boardId;
			h.wekan.db.boards.update(shut, { $set: { archived: true } });
			seedBoard(h, owner, '^Helper^', { permission: 'public' });
			const r = await h.call('GET', '/api/boards', { token: admin.token });
			expect(r.json).toEqual([
				{ _id: open, title: 'Open' },
				{ _id: shut, title: 'Shut' },
			]);
			expectStyleA(await h.call('GET', '/api/boards', { token: owner.token }), 403);
			expectStyleA(await h.call('GET', '/api/boards'), 401);
		});

		it('counts every board by permission, templates boards and helper boards included', async () => {
			seedBoard(h, owner, 'Open', { permission: 'public' });
			seedBoard(h, owner, '^Helper^', { permission: 'public' });
			// No account gets a Templates board at signup (server/models/users.js:1915-1919); one made later counts.
			h.wekan.createBoard({ title: 'Templates', ownerId: owner.id, type: 'template-container' });
			const r = await h.call('GET', '/api/boards_count', { token: admin.token });
			// Dev and the templates board.
			expect(r.json).toEqual({ private: 2, public: 2 });
			expectStyleA(await h.call('GET', '/api/boards_count', { token: normal.token }), 403);
		});
	});

	describe('GET /api/boards/:boardId (server/models/boards.js:907-923)', () => {
		it('answers the whole board document to a read-only member', async () => {
			const r = await h.call('GET', `/api/boards/${boardId}`, { token: reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({
				_id: boardId,
				title: 'Dev',
				slug: 'dev',
				permission: 'private',
				color: 'belize',
				type: 'board',
				stars: 0,
			});
			// A REST-created board has no labels (models/boards.js:161-182: the default-labels autoValue is off).
			expect(r.json).not.toHaveProperty('labels');
			expect(r.json.members).toHaveLength(5);
			expect(r.json.members[0]).toEqual({
				userId: owner.id,
				isAdmin: true,
				isActive: true,
				isNoComments: false,
				isCommentOnly: false,
				isWorker: false,
			});
		});

		// checkBoardAccess, server/authentication.js:51-57
		it('refuses comment-only, worker and no-comments members', async () => {
			const quiet = seedUser(h, 'quiet');
			seedMember(h, boardId, quiet, 'nocomments');
			for (const user of [commenter, worker, quiet, stranger]) {
				expectStyleA(await h.call('GET', `/api/boards/${boardId}`, { token: user.token }), 403);
			}
			expectStyleA(await h.call('GET', `/api/boards/${boardId}`), 401);
			const missing = await h.call('GET', '/api/boards/nope', { token: owner.token });
			expect(missing.json).toEqual({
				isClientSafe: true,
				error: 'NotFound',
				reason: 'Board not found',
				message: 'Board not found [NotFound]',
				errorType: 'Meteor.Error',
				statusCode: 404,
			});
			expect((await h.call('GET', `/api/boards/${boardId}`, { token: admin.token })).json._id).toBe(boardId);
		});
	});

	describe('POST /api/boards (server/models/boards.js:925-967)', () => {
		it('creates a private belize board, the caller its only member, and a Default swimlane, no sort', async () => {
			const r = await h.call('POST', '/api/boards', { token: normal.token, body: { title: 'Mine' } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: expect.any(String), defaultSwimlaneId: expect.any(String) });
			const created = board(r.json._id);
			// :934-951: six flags, not the eight of the role table.
			expect(created.members).toEqual([
				{
					userId: normal.id,
					isAdmin: true,
					isActive: true,
					isNoComments: false,
					isCommentOnly: false,
					isWorker: false,
				},
			]);
			expect(created).toMatchObject({
				permission: 'private',
				color: 'belize',
				migrationVersion: 1,
				slug: 'mine',
				archived: false,
			});
			expect(created).not.toHaveProperty('labels');
			const swimlane = h.wekan.db.swimlanes.findOne(r.json.defaultSwimlaneId)!;
			expect(swimlane).toMatchObject({
				title: 'Default',
				boardId: r.json._id,
				type: 'swimlane',
				archived: false,
			});
			expect(swimlane).not.toHaveProperty('sort');
			// Boards.after.insert (server/models/boards.js:668-676): no userId, the REST handler runs outside a method.
			const created1 = activities('createBoard').filter((a) => a.boardId === r.json._id);
			expect(created1).toEqual([
				expect.objectContaining({ type: 'board', activityTypeId: r.json._id, boardId: r.json._id }),
			]);
			expect(created1[0]).not.toHaveProperty('userId');
		});

		it('sorts the new board after the highest board sort (server/models/boards.js:641-649)', async () => {
			const r = await h.call('POST', '/api/boards', { token: normal.token, body: { title: 'Last' } });
			const highest = Math.max(...h.wekan.db.boards.find({ _id: { $ne: r.json._id } }).map((b) => b.sort));
			expect(board(r.json._id).sort).toBe(highest + 1);
		});

		it('takes owner, permission, colour and truthy flags from the body, through `||` (:931-953)', async () => {
			const r = await h.call('POST', '/api/boards', {
				token: normal.token,
				body: {
					title: 'Shared',
					owner: reader.id,
					permission: 'public',
					color: 'pomegranate',
					isAdmin: false,
					isActive: false,
					isCommentOnly: true,
					isWorker: 'true',
				},
			});
			expect(board(r.json._id).members).toEqual([
				{
					userId: reader.id,
					isAdmin: true,
					isActive: true,
					isNoComments: false,
					isCommentOnly: true,
					isWorker: true,
				},
			]);
			expect(board(r.json._id)).toMatchObject({ permission: 'public', color: 'pomegranate' });
		});

		it('lets the string "false" through `||`, which the schema converts: owner not admin, not active', async () => {
			const r = await h.call('POST', '/api/boards', {
				token: normal.token,
				form: { title: 'Form', isAdmin: 'false', isActive: 'false' },
			});
			expect(r.status).toBe(200);
			expect(board(r.json._id).members).toEqual([
				{
					userId: normal.id,
					isAdmin: false,
					isActive: false,
					isNoComments: false,
					isCommentOnly: false,
					isWorker: false,
				},
			]);
			expect((await h.call('GET', `/api/users/${normal.id}/boards`, { token: normal.token })).json).toEqual([
				{ _id: boardId, title: 'Dev' },
			]);
			expectStyleA(await h.call('GET', `/api/boards/${r.json._id}`, { token: normal.token }), 403);
		});

		it('does not check that the owner exists, so the board belongs to nobody (:937-943)', async () => {
			const r = await h.call('POST', '/api/boards', {
				token: normal.token,
				body: { title: 'Ghost', owner: 'no-such-user' },
			});
			expect(r.status).toBe(200);
			expect(board(r.json._id).members.map((m) => m.userId)).toEqual(['no-such-user']);
			expectStyleA(await h.call('GET', `/api/boards/${r.json._id}`, { token: normal.token }), 403);
		});

		it('makes every board private while the admin allows private boards only (:928-930)', async () => {
			h.wekan.db.tableVisibilityModeSettings.raw.insert({
				_id: 'tableVisibilityMode-allowPrivateOnly',
				booleanValue: true,
				sort: 0,
			});
			const r = await h.call('POST', '/api/boards', {
				token: normal.token,
				body: { title: 'Open?', permission: 'public' },
			});
			expect(board(r.json._id).permission).toBe('private');
		});

		it('answers the schema refusals as 500 {error} with collection2 messages (:959-965)', async () => {
			const cases: Array<[Record<string, unknown>, string]> = [
				[{}, 'Title is required in boards insertAsync'],
				[{ title: '   ' }, 'Title is required in boards insertAsync'],
				[{ title: 'x', color: 'chartreuse' }, 'chartreuse is not an allowed value in boards insertAsync'],
				[{ title: 'x', permission: 'PUBLIC' }, 'PUBLIC is not an allowed value in boards insertAsync'],
				[
					{ title: 'x', isAdmin: 'yes' },
					'Is admin must be of type Boolean (members.0.isAdmin) in boards insertAsync',
				],
			];
			const before = h.wekan.db.boards.size;
			for (const [body, error] of cases) {
				const r = await h.call('POST', '/api/boards', { token: normal.token, body });
				expect(r.status).toBe(500);
				expect(r.json).toEqual({ error });
			}
			expect(h.wekan.db.boards.size).toBe(before);
			const anon = await h.call('POST', '/api/boards', { body: { title: 'x' } });
			expect(anon.status).toBe(401);
			expect(anon.json).toEqual({ error: 'Unauthorized' });
		});

		it('converts a numeric title to a string (collection2 autoConvert)', async () => {
			const r = await h.call('POST', '/api/boards', { token: normal.token, body: { title: 42 } });
			expect(board(r.json._id)).toMatchObject({ title: '42', slug: '42' });
		});
	});

	describe('DELETE /api/boards/:boardId (server/models/boards.js:1054-1071, Boards.before.remove :743-752)', () => {
		it('removes the board after its cards, lists, swimlanes, integrations, rules, activities...', async () => {
			const listId = seedList(h, boardId, 'L', swimlaneId, 0);
			seedCard(h, { title: 'c', boardId, listId, swimlaneId, userId: owner.id });
			h.wekan.db.integrations.raw.insert({ _id: 'i1', boardId, url: 'https://hooks.example.com/x' });
			h.wekan.db.rules.raw.insert({ _id: 'r1', boardId, title: 'r', triggerId: 't1', actionId: 'a1' });
			h.wekan.db.triggers.raw.insert({ _id: 't1', boardId });
			h.wekan.db.actions.raw.insert({ _id: 'a1', boardId });
			const other = seedBoard(h, owner, 'Other').boardId;
			const r = await h.call('DELETE', `/api/boards/${boardId}`, { token: owner.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: boardId });
			expect(h.wekan.db.boards.findOne(boardId)).toBeUndefined();
			for (const name of [
				'cards',
				'lists',
				'swimlanes',
				'integrations',
				'rules',
				'triggers',
				'actions',
			] as const) {
				expect(h.wekan.db[name].find({ boardId })).toEqual([]);
			}
			// removeBoard is inserted after the board's activities were removed, so it is all that is left.
			expect(h.wekan.db.activities.find({ boardId })).toEqual([
				expect.objectContaining({ type: 'board', activityType: 'removeBoard', activityTypeId: boardId }),
			]);
			expect(h.wekan.db.boards.findOne(other)).toBeDefined();
			expect(h.wekan.db.swimlanes.find({ boardId: other })).toHaveLength(1);
		});

		// server/models/boards.js:65-82
		it("clears a deleted templates container from the users' profiles", async () => {
			// ensureTemplatesBoard (server/models/users.js:141-176) makes the container on first use, not at signup.
			const templates = h.wekan.createBoard({ title: 'Templates', ownerId: owner.id, type: 'template-container' });
			h.wekan.db.users.update(owner.id, {
				$set: { 'profile.templatesBoardId': templates._id, 'profile.cardTemplatesSwimlaneId': 'sw' },
			});
			const r = await h.call('DELETE', `/api/boards/${templates._id}`, { token: owner.token });
			expect(r.json).toEqual({ _id: templates._id });
			const profile = h.wekan.db.users.findOne(owner.id)!.profile as unknown as Record<string, unknown>;
			expect(profile.templatesBoardId).toBeUndefined();
			expect(profile.cardTemplatesSwimlaneId).toBeUndefined();
		});

		it('is for active board admins and site admins: 403/401/404 {error} otherwise (checkBoardAdmin)', async () => {
			const denied = await h.call('DELETE', `/api/boards/${boardId}`, { token: normal.token });
			expect(denied.status).toBe(403);
			expect(denied.json).toEqual({ error: 'Forbidden' });
			const anon = await h.call('DELETE', `/api/boards/${boardId}`);
			expect(anon.status).toBe(401);
			expect(anon.json).toEqual({ error: 'Unauthorized' });
			const missing = await h.call('DELETE', '/api/boards/nope', { token: owner.token });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Board not found' });
			expect(board()).toBeDefined();
			const other = seedBoard(h, owner, 'Other').boardId;
			expect((await h.call('DELETE', `/api/boards/${other}`, { token: admin.token })).json).toEqual({
				_id: other,
			});
		});
	});

	describe('PUT /api/boards/:boardId/title (server/models/boards.js:1073-1094)', () => {
		it('renames with a direct write: slug recomputed, no changedBoardTitle activity, title echoed', async () => {
			const before = h.wekan.db.activities.size;
			const r = await h.call('PUT', `/api/boards/${boardId}/title`, {
				token: normal.token,
				body: { title: '  Renamed Board ' },
			});
			expect(r.json).toEqual({ _id: boardId, title: '  Renamed Board ' });
			expect(board()).toMatchObject({ title: 'Renamed Board', slug: 'renamed-board' });
			expect(h.wekan.db.activities.size).toBe(before);
		});

		it('answers {_id} and changes only modifiedAt when the body has no title', async () => {
			const modifiedAt = board().modifiedAt!;
			await new Promise((resolve) => setTimeout(resolve, 5));
			const r = await h.call('PUT', `/api/boards/${boardId}/title`, { token: normal.token, body: {} });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: boardId });
			expect(board().title).toBe('Dev');
			expect(board().modifiedAt!.getTime()).toBeGreaterThan(modifiedAt.getTime());
		});

		it("answers the schema's refusal of an empty title as 200 {error} (style A, safeJsonStringify)", async () => {
			const r = await h.call('PUT', `/api/boards/${boardId}/title`, { token: normal.token, body: { title: '' } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ error: 'Title is required in boards updateAsync' });
			expect(board().title).toBe('Dev');
		});

		it('needs write access (checkBoardWriteAccess): read-only, comment-only and workers get a 403', async () => {
			for (const user of [reader, commenter, worker, stranger]) {
				expectStyleA(
					await h.call('PUT', `/api/boards/${boardId}/title`, { token: user.token, body: { title: 'x' } }),
					403,
				);
			}
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/title`, { body: { title: 'x' } }), 401);
			expectStyleA(
				await h.call('PUT', '/api/boards/nope/title', { token: owner.token, body: { title: 'x' } }),
				404,
			);
			expect(board().title).toBe('Dev');
			expect(
				(
					await h.call('PUT', `/api/boards/${boardId}/title`, {
						token: admin.token,
						body: { title: 'By admin' },
					})
				).json.title,
			).toBe('By admin');
		});
	});

	describe('PUT /api/boards/:boardId/labels (server/models/boards.js:1096-1147, models/lib/restLabel.js)', () => {
		const put = (user: TestUser | undefined, body: unknown, id = boardId) =>
			h.call('PUT', `/api/boards/${id}/labels`, { token: user?.token, body });

		it('creates a label, answers its 6-character id as a JSON string; same name and colour reuse it', async () => {
			const r = await put(owner, { label: { name: 'bug', color: 'red' } });
			expect(r.status).toBe(200);
			expect(r.text).toMatch(/^"[23456789A-HJ-NP-Za-km-z]{6}"$/);
			expect((await put(owner, { label: { name: 'bug', color: 'red' } })).json).toBe(r.json);
			const other = await put(owner, { label: { name: 'bug', color: 'blue' } });
			expect(other.json).not.toBe(r.json);
			// Pushed with a direct write: no activity, no hooks.
			expect(board().labels).toEqual([
				{ _id: r.json, name: 'bug', color: 'red' },
				{ _id: other.json, name: 'bug', color: 'blue' },
			]);
		});

		it('takes a bare string as the name, defaults the colour to green, stringifies other names', async () => {
			const short = await put(owner, { label: 'feature' });
			const numeric = await put(owner, { label: { name: 123 } });
			const unnamed = await put(owner, { label: {} });
			const fromArray = await put(owner, { label: ['x'] });
			expect(board().labels).toEqual([
				{ _id: short.json, name: 'feature', color: 'green' },
				{ _id: numeric.json, name: '123', color: 'green' },
				{ _id: unnamed.json, name: '', color: 'green' },
			]);
			// An array is an object without a name: the unnamed green label again.
			expect(fromArray.json).toBe(unnamed.json);
		});

		it('compares the untrimmed name, which the schema trims, so a padded name adds a duplicate label', async () => {
			const first = await put(owner, { label: { name: ' ops ', color: 'red' } });
			const second = await put(owner, { label: { name: ' ops ', color: 'red' } });
			expect(second.json).not.toBe(first.json);
			expect(board().labels!.map((l) => l.name)).toEqual(['ops', 'ops']);
		});

		it('answers 400 {error} for a missing label, a number, a colour outside the palette (hex too)', async () => {
			const missing = await put(owner, {});
			expect(missing.status).toBe(400);
			expect(missing.json).toEqual({
				error: `Missing 'label'. Send { "label": { "name": "...", "color": "green" } } or { "label": "..." }.`,
			});
			const numeric = await put(owner, { label: 5 });
			expect(numeric.status).toBe(400);
			expect(numeric.json).toEqual({ error: "'label' must be an object { name, color } or a string name." });
			for (const color of ['beige', '#ff0000']) {
				const bad = await put(owner, { label: { name: 'x', color } });
				expect(bad.status).toBe(400);
				expect(bad.json.error).toMatch(
					new RegExp(`^Invalid label color '${color}'. Allowed colors: white, green, yellow, .*, indigo\\.$`),
				);
			}
			expect(board().labels).toBeUndefined();
		});

		it('is for active board admins and site admins (#5819): 401, 404 and 403 {error} first', async () => {
			const denied = await put(normal, { label: 'x' });
			expect(denied.status).toBe(403);
			expect(denied.json).toEqual({ error: 'Only a board admin can create or edit labels' });
			const anon = await put(undefined, { label: 'x' }, 'nope');
			expect(anon.status).toBe(401);
			expect(anon.json).toEqual({ error: 'Unauthorized' });
			const missing = await put(owner, { label: 'x' }, 'nope');
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Board not found' });
			expect((await put(admin, { label: 'x' })).status).toBe(200);
		});
	});

	describe('card settings (server/models/boards.js:1149-1270)', () => {
		it('answers the 44 switches and 3 aging days to readers', async () => {
			const r = await h.call('GET', `/api/boards/${boardId}/cardSettings`, { token: reader.token });
			expect(r.status).toBe(200);
			expect(Object.keys(r.json)).toHaveLength(47);
			expect(r.json).toMatchObject({
				allowsAttachments: true,
				allowsComments: true,
				allowsCardCounterList: false,
				cardAgingDays1: 7,
				cardAgingDays3: 28,
			});
			expect(r.json).not.toHaveProperty('allowsDueComplete');
		});

		it('sets what it knows: true or any casing of "true" is true, else false; days as integers >= 0', async () => {
			const put = await h.call('PUT', `/api/boards/${boardId}/cardSettings`, {
				token: normal.token,
				body: {
					allowsComments: 'false',
					allowsDueDate: 'TRUE',
					allowsLabels: 1,
					cardAgingDays1: '10 days',
					cardAgingDays2: -3,
					unknown: 1,
				},
			});
			expect(put.status).toBe(200);
			expect(put.json).toMatchObject({
				allowsComments: false,
				allowsDueDate: true,
				allowsLabels: false,
				cardAgingDays1: 10,
				cardAgingDays2: 14,
			});
			expect(put.json).not.toHaveProperty('unknown');
			expect(board()).toMatchObject({ allowsComments: false, allowsLabels: false, cardAgingDays1: 10 });
		});

		it('answers 400 {error} when nothing is recognised', async () => {
			const r = await h.call('PUT', `/api/boards/${boardId}/cardSettings`, {
				token: normal.token,
				body: { foo: true, cardAgingDays1: 'x' },
			});
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'no recognized card settings in body' });
		});

		it('answers permission failures with HTML pages, as the handlers have no try/catch (style B)', async () => {
			expectStyleB(await h.call('GET', `/api/boards/${boardId}/cardSettings`, { token: commenter.token }), 403);
			expectStyleB(await h.call('GET', `/api/boards/${boardId}/cardSettings`), 401);
			expectStyleB(await h.call('GET', '/api/boards/nope/cardSettings', { token: owner.token }), 404);
			expectStyleB(
				await h.call('PUT', `/api/boards/${boardId}/cardSettings`, {
					token: reader.token,
					body: { allowsComments: false },
				}),
				403,
			);
			expect(board().allowsComments).toBe(true);
		});
	});

	describe('board domains (server/models/boards.js:1391-1524)', () => {
		it('lists the domains to site admins only (checkUserId), [] when there are none', async () => {
			expect((await h.call('GET', `/api/boards/${boardId}/domains`, { token: admin.token })).json).toEqual([]);
			h.wekan.db.boards.update(boardId, { $set: { domains: [{ domain: 'example.com', isActive: true }] } });
			expect((await h.call('GET', `/api/boards/${boardId}/domains`, { token: admin.token })).json).toEqual([
				{ domain: 'example.com', isActive: true },
			]);
			expectStyleA(await h.call('GET', `/api/boards/${boardId}/domains`, { token: owner.token }), 403);
			const missing = await h.call('GET', '/api/boards/nope/domains', { token: admin.token });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Board not found' });
		});

		it('cannot add or remove a domain over REST: setBoardDomains runs without a user and refuses', async () => {
			const refused = {
				isClientSafe: true,
				error: 'not-authorized',
				reason: 'You must be logged in to perform this action.',
				message: 'You must be logged in to perform this action. [not-authorized]',
				errorType: 'Meteor.Error',
			};
			const add = await h.call('POST', `/api/boards/${boardId}/domains`, {
				token: owner.token,
				body: { domain: ' Example.COM ' },
			});
			expect(add.status).toBe(200);
			expect(add.json).toEqual(refused);
			const remove = await h.call('DELETE', `/api/boards/${boardId}/domains/example.com`, { token: owner.token });
			expect(remove.json).toEqual(refused);
			expect(board().domains).toBeUndefined();
		});

		it('checks the caller, the board, the admin and the domain before that, with explicit statuses', async () => {
			const post = (user: TestUser | undefined, body: unknown, id = boardId) =>
				h.call('POST', `/api/boards/${id}/domains`, { token: user?.token, body });
			expect((await post(undefined, { domain: 'a.b' })).status).toBe(401);
			expect((await post(owner, { domain: 'a.b' }, 'nope')).json).toEqual({ error: 'Board not found' });
			const denied = await post(normal, { domain: 'a.b' });
			expect(denied.status).toBe(403);
			expect(denied.json).toEqual({ error: 'Only a board admin can change board domains' });
			expect((await post(owner, {})).json).toEqual({ error: 'Missing domain' });
			const invalid = await post(owner, { domain: 'me@example.com' });
			expect(invalid.status).toBe(400);
			expect(invalid.json).toEqual({ error: 'Invalid domain: me@example.com' });
		});
	});
});
