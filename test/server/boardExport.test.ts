/**
 * GET /api/boards/:boardId/export (models/export.js:98-194) and Exporter.buildStream (models/exporter.js:438-705),
 * at Wekan v11.07 (f5cc8e373).
 */
import { seedBoard, seedCard, seedList, seedTeamBoard, seedUser, type ServerHarness, startHarness, type TestUser } from './fixtures';

describe('GET /api/boards/:boardId/export', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let owner: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let stranger: TestUser;
	let boardId: string;
	let swimlaneId: string;
	let listId: string;
	let cardId: string;

	beforeEach(async () => {
		h = await startHarness();
		({ admin, owner, reader, commenter, stranger, boardId, swimlaneId } = seedTeamBoard(h, {
			reader: 'readonly',
			commenter: 'commentonly',
			stranger: null,
		}));
		listId = seedList(h, boardId, 'Todo', swimlaneId, 0);
		cardId = seedCard(h, { title: 'Fix', boardId, listId, swimlaneId, userId: owner.id });
	});
	afterEach(() => h.close());

	const db = () => h.wekan.db;
	/**
	 * The Admin Panel's switch on the one settings document (created at startup, server/models/settings.js:149-197),
	 * the first document, which getImportExportSecuritySettings reads (models/lib/importExportSecurity.js:14-25).
	 */
	const setSetting = (flag: string) => db().settings.raw.update({}, { $set: { [flag]: true } });
	const get = (user: TestUser | undefined, query = '', id = boardId) =>
		h.call('GET', `/api/boards/${id}/export${query}`, { token: user?.token });

	describe('the document', () => {
		it("is the board's own fields without stars, then the sections in buildStream's order", async () => {
			const r = await get(reader);
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toBe('application/json');
			expect(r.headers.get('cache-control')).toBe('no-store');
			expect(r.headers.get('pragma')).toBe('no-cache');
			const keys = Object.keys(r.json);
			// MongoDB keeps _id first in a stored document, so it follows _format.
			expect(keys.slice(0, 2)).toEqual(['_format', '_id']);
			expect(r.json._format).toBe('wekan-board-1.0.0');
			expect(keys.slice(-14)).toEqual([
				'attachments',
				'lists',
				'swimlanes',
				'customFields',
				'cards',
				'comments',
				'activities',
				'checklists',
				'checklistItems',
				'subtaskItems',
				'rules',
				'triggers',
				'actions',
				'users',
			]);
			expect(r.json).toMatchObject({ _id: boardId, title: 'Dev', slug: 'dev', permission: 'private' });
			expect(r.json).not.toHaveProperty('stars');
		});

		it('strips boardId from lists, swimlanes, cards, comments, activities; not from checklists', async () => {
			const checklist = db().checklists.insert({ cardId, boardId, title: 'Steps', sort: 0 });
			db().checklistItems.insert({
				checklistId: checklist,
				cardId,
				boardId,
				title: 'one',
				sort: 0,
				isFinished: false,
			});
			db().card_comments.insert({ cardId, boardId, text: 'hi', userId: owner.id });
			const helper = seedBoard(h, owner, '^Subtasks^');
			const helperList = seedList(h, helper.boardId, 'L', helper.swimlaneId, 0);
			const sub = seedCard(h, {
				title: 'sub',
				boardId: helper.boardId,
				listId: helperList,
				swimlaneId: helper.swimlaneId,
				userId: owner.id,
				parentId: cardId,
			});
			db().activities.insert({ activityType: 'createCard', boardId, cardId, userId: owner.id });
			const r = await get(owner);
			for (const section of ['lists', 'swimlanes', 'cards', 'comments', 'activities']) {
				expect(r.json[section].length).toBeGreaterThan(0);
				for (const doc of r.json[section]) expect(doc).not.toHaveProperty('boardId');
			}
			expect(r.json.lists.map((l: { _id: string }) => l._id)).toEqual([listId]);
			expect(r.json.cards).toEqual([expect.objectContaining({ _id: cardId, title: 'Fix', listId, swimlaneId })]);
			expect(r.json.comments).toEqual([expect.objectContaining({ text: 'hi', cardId })]);
			expect(r.json.checklists).toEqual([expect.objectContaining({ _id: checklist, boardId })]);
			expect(r.json.checklistItems).toEqual([expect.objectContaining({ title: 'one', boardId })]);
			expect(r.json.subtaskItems).toEqual([
				expect.objectContaining({ _id: sub, boardId: helper.boardId, parentId: cardId }),
			]);
		});

		it('includes archived cards and lists but not linked cards (models/exporter.js:130, 612)', async () => {
			const archived = seedCard(h, {
				title: 'old',
				boardId,
				listId,
				swimlaneId,
				userId: owner.id,
				archived: true,
			});
			seedCard(h, {
				title: 'link',
				boardId,
				listId,
				swimlaneId,
				userId: owner.id,
				type: 'cardType-linkedCard',
				linkedId: cardId,
			});
			const r = await get(owner);
			expect(r.json.cards.map((c: { _id: string }) => c._id)).toEqual([cardId, archived]);
		});

		it("carries the board's activities and its cards' activities elsewhere, without boardId", async () => {
			const moved = db().activities.insert({ activityType: 'moveCard', boardId: 'elsewhere', cardId, userId: owner.id });
			const unrelated = db().activities.insert({ activityType: 'createList', boardId: 'elsewhere', listId: 'x' });
			const r = await get(owner);
			const types = r.json.activities.map((a: { activityType: string }) => a.activityType);
			const ids = r.json.activities.map((a: { _id: string }) => a._id);
			expect(types).toContain('createBoard');
			expect(ids).toContain(moved);
			expect(ids).not.toContain(unrelated);
		});

		it('exports custom fields without boardIds, and rules with the triggers and actions they use', async () => {
			db().customFields.insert({ boardIds: [boardId, 'other'], name: 'Points', type: 'number', settings: {} });
			db().actions.insert({ boardId, actionType: 'archive' });
			const action = db().actions.findOne({ boardId })!._id;
			db().triggers.insert({ boardId, activityType: 'moveCard' });
			db().triggers.insert({ boardId, activityType: 'unused' });
			const trigger = db().triggers.findOne({ boardId, activityType: 'moveCard' })!._id;
			db().rules.insert({ boardId, title: 'Auto', triggerId: trigger, actionId: action });
			const r = await get(owner);
			expect(r.json.customFields).toEqual([expect.objectContaining({ name: 'Points' })]);
			expect(r.json.customFields[0]).not.toHaveProperty('boardIds');
			expect(r.json.rules).toEqual([
				expect.objectContaining({ title: 'Auto', triggerId: trigger, actionId: action }),
			]);
			expect(r.json.rules[0]).not.toHaveProperty('boardId');
			expect(r.json.triggers).toEqual([expect.objectContaining({ _id: trigger, activityType: 'moveCard' })]);
			expect(r.json.triggers[0]).not.toHaveProperty('boardId');
			expect(r.json.actions).toEqual([expect.objectContaining({ _id: action, actionType: 'archive' })]);
		});

		// #5870
		it('always has attachments: metadata and base64 bytes, or metadata only with ?attachments=false', async () => {
			db().attachments.raw.insert({
				_id: 'att1',
				name: 'a.txt',
				type: 'text/plain',
				meta: { boardId, cardId, source: 'api' },
				versions: { original: { path: '/x', size: 3, type: 'text/plain', extension: 'txt' } },
			});
			db().files.set('att1', Buffer.from('abc'));
			db().attachments.raw.insert({
				_id: 'att2',
				name: 'gone.txt',
				type: 'text/plain',
				meta: { boardId, cardId },
				versions: {},
			});
			const full = await get(owner);
			expect(full.json.attachments).toEqual([
				{ _id: 'att1', cardId, source: 'api', name: 'a.txt', type: 'text/plain', file: 'YWJj' },
				{ _id: 'att2', cardId, name: 'gone.txt', type: 'text/plain', file: '' },
			]);
			const light = await get(owner, '?attachments=false');
			expect(light.json.attachments).toEqual([
				{ _id: 'att1', cardId, source: 'api', name: 'a.txt', type: 'text/plain' },
				{ _id: 'att2', cardId, name: 'gone.txt', type: 'text/plain' },
			]);
		});

		it('lists the referenced users with username, fullname, initials and an absolute avatar URL only', async () => {
			const requester = seedUser(h, 'requester');
			db().users.update(owner.id, {
				$set: {
					'profile.fullname': 'Owner Person',
					'profile.initials': 'OP',
					'profile.avatarUrl': '/cdn/storage/avatars/a1',
				},
			});
			db().cards.update(cardId, { $set: { members: [stranger.id], requesters: [requester.id] } });
			const r = await get(owner);
			const users = r.json.users as Array<Record<string, unknown>>;
			// Members, card owners and card members; not requesters or assigners (models/exporter.js:612-617).
			expect(users.map((u) => u.username).sort()).toEqual(['commenter', 'owner', 'reader', 'stranger']);
			const ownerDoc = users.find((u) => u._id === owner.id)!;
			expect(ownerDoc).toEqual({
				_id: owner.id,
				username: 'owner',
				profile: { fullname: 'Owner Person', initials: 'OP', avatarUrl: `${h.url}/cdn/storage/avatars/a1` },
			});
		});

		it('drops avatar URLs when the admin disables exporting avatars (importExportSecurity.js)', async () => {
			db().users.update(owner.id, { $set: { 'profile.avatarUrl': '/cdn/storage/avatars/a1' } });
			setSetting('disableExportAvatars');
			const r = await get(owner);
			const ownerDoc = r.json.users.find((u: { _id: string }) => u._id === owner.id);
			expect(ownerDoc.profile).not.toHaveProperty('avatarUrl');
		});

		it('anonymizes users in _id order and rewrites @mentions when the admin asks for it', async () => {
			setSetting('anonymizeExportUsers');
			db().cards.update(cardId, { $set: { description: 'ask @owner or @nobody', requestedBy: 'reader' } });
			const r = await get(owner);
			const ids = r.json.users.map((u: { _id: string }) => u._id).sort();
			const ownerLabel = `user${ids.indexOf(owner.id) + 1}`;
			const readerLabel = `user${ids.indexOf(reader.id) + 1}`;
			expect(r.json.cards[0]).toMatchObject({
				description: `ask @${ownerLabel} or @nobody`,
				requestedBy: readerLabel,
			});
			const ownerDoc = r.json.users.find((u: { _id: string }) => u._id === owner.id);
			expect(ownerDoc).toMatchObject({
				username: ownerLabel,
				profile: { fullname: ownerLabel, initials: `U${ids.indexOf(owner.id) + 1}` },
			});
		});
	});

	describe('scope and fields (models/lib/exportFields.js, models/exporter.js:90-146)', () => {
		it('narrows to one list: its cards, the lists and swimlanes they use, no rules, their activities', async () => {
			const other = seedList(h, boardId, 'Other', swimlaneId, 1);
			seedCard(h, { title: 'elsewhere', boardId, listId: other, swimlaneId, userId: owner.id });
			db().rules.insert({ boardId, title: 'r', triggerId: 't', actionId: 'a' });
			// Each card has the createCard activity its insert recorded (models/cards.js:3541-3555); only this card's is in scope.
			const r = await get(owner, `?listId=${listId}`);
			expect(r.json.cards.map((c: { _id: string }) => c._id)).toEqual([cardId]);
			expect(r.json.lists.map((l: { _id: string }) => l._id)).toEqual([listId]);
			expect(r.json.swimlanes.map((s: { _id: string }) => s._id)).toEqual([swimlaneId]);
			expect(r.json.rules).toEqual([]);
			expect(r.json.activities.map((a: { activityType: string }) => a.activityType)).toEqual(['createCard']);
		});

		it('empties the sections ?fields= leaves out, and ignores ids that do not look like ids', async () => {
			db().card_comments.insert({ cardId, boardId, text: 'hi', userId: owner.id });
			const r = await get(owner, '?fields=labels,nonsense');
			expect(r.json.comments).toEqual([]);
			expect(r.json.activities).toEqual([]);
			expect(r.json.attachments).toEqual([]);
			expect(r.json.cards).toHaveLength(1);
			const all = await get(owner, '?listId=not%20an%20id&fields=nonsense');
			expect(all.json.comments).toHaveLength(1);
		});
	});

	describe('who may export (models/export.js:104-193)', () => {
		it('exports to any active member, whatever the role, by Bearer token or ?authToken=', async () => {
			expect((await get(reader)).status).toBe(200);
			expect((await get(commenter)).status).toBe(200);
			const byQuery = await h.call('GET', `/api/boards/${boardId}/export?authToken=${owner.token}`);
			expect(byQuery.json._id).toBe(boardId);
		});

		it('refuses strangers and non-member site admins with 403 {error: Forbidden} (Board.isVisibleBy)', async () => {
			for (const user of [stranger, admin]) {
				const r = await get(user);
				expect(r.status).toBe(403);
				expect(r.json).toEqual({ error: 'Forbidden' });
			}
			const index = db()
				.boards.findOne(boardId)!
				.members.findIndex((m) => m.userId === reader.id);
			db().boards.direct.update(boardId, { $set: { [`members.${index}.isActive`]: false } });
			expect((await get(reader)).status).toBe(403);
		});

		it('answers 401 {error: Unauthorized} without token, {error: Invalid token} for a bad authToken', async () => {
			const anon = await get(undefined);
			expect(anon.status).toBe(401);
			expect(anon.json).toEqual({ error: 'Unauthorized' });
			// The authToken path does not look at the Authorization header.
			const bad = await h.call('GET', `/api/boards/${boardId}/export?authToken=nope`, { token: owner.token });
			expect(bad.status).toBe(401);
			expect(bad.json).toEqual({ error: 'Invalid token' });
			const long = await h.call('GET', `/api/boards/${boardId}/export?authToken=${'x'.repeat(10001)}`);
			expect(long.status).toBe(400);
			expect(long.json).toEqual({ error: 'Bad request' });
		});

		it('exports a public board to anyone, without looking at tokens', async () => {
			db().boards.update(boardId, { $set: { permission: 'public' } });
			expect((await get(undefined)).json._id).toBe(boardId);
			expect((await h.call('GET', `/api/boards/${boardId}/export?authToken=nope`)).status).toBe(200);
		});

		it('answers 404 {error: Not found} for a missing board before any authentication', async () => {
			const r = await get(undefined, '', 'nope');
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'Not found' });
		});

		it('answers 500 {error: Export failed} while the admin disables exports (assertExportEnabled)', async () => {
			setSetting('disableAllExport');
			const r = await get(owner);
			expect(r.status).toBe(500);
			expect(r.json).toEqual({ error: 'Export failed' });
			db().boards.update(boardId, { $set: { permission: 'public' } });
			expect((await get(undefined)).json).toEqual({ error: 'Export failed' });
		});
	});
});
