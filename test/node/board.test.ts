import type { INodePropertyOptions } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { EngineHarness, rl } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';
import { startRecordingProxy } from './recordingProxy';

const board = (operation: string, parameters = {}, credentialId?: string) => op('board', operation, parameters, credentialId);

/** ALLOWED_BOARD_COLORS, config/const.js:1-27 at Wekan v11.07. */
const WEKAN_BOARD_COLORS = [
	'belize', 'nephritis', 'pomegranate', 'pumpkin', 'wisteria', 'moderatepink', 'strongcyan', 'limegreen', 'midnight',
	'dark', 'relax', 'corteza', 'appleglasspastel', 'clearblue', 'cleargreen', 'clearorange', 'clearpink', 'clearpurple',
	'clearred', 'natural', 'modern', 'moderndark', 'exodark', 'cleandark', 'cleanlight',
];

describe('Board operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;
	const stored = (id: string) => w().db.boards.findOne(id);

	describe('Create', () => {
		it('creates a board with permission and color and returns it read back, with no labels', async () => {
			const result = await f.engine.run(board('create', { title: 'Roadmap', permission: 'public', color: 'midnight' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			const doc = stored(String(created._id))!;
			expect(doc).toMatchObject({ title: 'Roadmap', permission: 'public', color: 'midnight' });
			// models/boards.js:167-181: Wekan makes no default labels, and the document has no labels field at all.
			expect(doc.labels).toBeUndefined();
			expect(created).toMatchObject({ _id: doc._id, title: 'Roadmap', permission: 'public', color: 'midnight', labels: [] });
			expect(created.defaultSwimlaneId).toBe(w().defaultSwimlaneId(doc._id));
			expect(created.members).toEqual([expect.objectContaining({ userId: f.adminId, isAdmin: true })]);
			expect(w().requests('POST', '/api/boards')).toHaveLength(1);
		});

		it('names the logged-in user as the owner, whom Wekan before 9.69 does not fall back to', async () => {
			const proxy = await startRecordingProxy(f.server.url);
			const engine = new EngineHarness();
			engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			try {
				const result = await engine.run(board('create', { title: 'Owned', color: 'belize' }));
				expect(result.error).toBeUndefined();
			} finally {
				await proxy.close();
			}
			const posts = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/api/boards');
			expect(posts.map((r) => r.body)).toEqual([{ title: 'Owned', owner: f.adminId, permission: 'private', color: 'belize' }]);
		});

		it('offers exactly the board colors of Wekan\'s config/const.js', () => {
			const property = new Wekan().description.properties.find(
				(p) => p.name === 'color' && p.displayOptions?.show?.resource?.includes('board'),
			)!;
			const values = (property.options as INodePropertyOptions[]).map((o) => o.value);
			expect([...values].sort()).toEqual([...WEKAN_BOARD_COLORS].sort());
		});

		it('creates boards in the colors added in Wekan 10.54 and 10.80', async () => {
			for (const color of ['appleglasspastel', 'clearred', 'cleargreen']) {
				const result = await f.engine.run(board('create', { title: `Colored ${color}`, color }));
				expect(result.error).toBeUndefined();
				expect(stored(String(result.json('Wekan')[0]._id))!.color).toBe(color);
			}
		});

		it('refuses colors Wekan\'s board schema refuses before any request', async () => {
			for (const color of ['sky', 'green', 'rainbow']) {
				const { result, requests } = await runCounting(f, board('create', { title: 'X', permission: 'private', color: `={{ "${color}" }}` }));
				expect(expectFailure(result)).toContain(`"${color}" is not a Wekan board color`);
				expect(requests).toBe(0);
			}
		});

		it('rejects an empty title before any request', async () => {
			const { result, requests } = await runCounting(f, board('create', { title: '  ' }));
			expect(expectFailure(result)).toContain('Title is required');
			expect(requests).toBe(0);
		});

		it('makes the board private when the Wekan admin allows private boards only', async () => {
			w().db.tableVisibilityModeSettings.raw.update(
				'tableVisibilityMode-allowPrivateOnly',
				{ $set: { booleanValue: true } },
				{ upsert: true },
			);
			try {
				const result = await f.engine.run(board('create', { title: 'Wanted Public', permission: 'public' }));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan')[0]).toMatchObject({ title: 'Wanted Public', permission: 'private' });
			} finally {
				w().db.tableVisibilityModeSettings.raw.update('tableVisibilityMode-allowPrivateOnly', { $set: { booleanValue: false } });
			}
		});
	});

	describe('Get', () => {
		it('gets a board by URL, also from the address of its rules page or of one of its lists or swimlanes', async () => {
			const base = `${f.server.url}/b/${f.boardId}/engine-tests`;
			for (const url of [base, `${base}/`, `${base}/rules`, `${base}/list/${f.todoListId}`, `${base}/swimlane/${f.swimlaneId}`, `${f.server.url}/b/${f.boardId}`]) {
				const result = await f.engine.run(board('get', { boardId: rl(url, 'url'), simplify: false }));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan')[0]).toMatchObject({ _id: f.boardId, title: 'Engine Tests', slug: 'engine-tests' });
			}
		});

		it('reads Wekan\'s old /boards/ addresses, which it redirects to /b/, and only those', async () => {
			const card = w().createCard({ title: 'Old link', boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId });
			const old = `${f.server.url}/boards/${f.boardId}/engine-tests`;
			for (const url of [old, `${old}/rules`, `${old}/${card._id}`]) {
				const result = await f.engine.run(board('get', { boardId: rl(url, 'url'), simplify: false }));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan')[0]).toMatchObject({ _id: f.boardId });
			}
			const result = await f.engine.run(op('card', 'get', { cardId: rl(`${old}/${card._id}`, 'url'), simplify: false }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, title: 'Old link' });
			// Wekan redirects no other /boards/ address.
			const { result: refused, requests } = await runCounting(f, board('get', { boardId: rl(`={{ "${old}/list/${f.todoListId}" }}`, 'url') }));
			expect(expectFailure(refused)).toContain('is not a Wekan board URL');
			expect(requests).toBe(0);
		});

		it('refuses an address that is no page of Wekan\'s before any request', async () => {
			const url = `${f.server.url}/b/${f.boardId}/engine-tests/attachments/x`;
			const { result, requests } = await runCounting(f, board('get', { boardId: rl(`={{ "${url}" }}`, 'url') }));
			expect(expectFailure(result)).toContain('is not a Wekan board URL');
			expect(requests).toBe(0);
			await expect(f.engine.run(board('get', { boardId: rl(url, 'url') }))).rejects.toThrow('Not a Wekan board URL');
		});

		it('gives a board made through the API an empty list of labels', async () => {
			const result = await f.engine.run(board('get', { boardId: rl(f.boardId), simplify: false }));
			expect(result.error).toBeUndefined();
			expect(stored(f.boardId)!.labels).toBeUndefined();
			expect(result.json('Wekan')[0].labels).toEqual([]);
			const simplified = await f.engine.run(board('get', { boardId: rl(f.boardId) }));
			expect(simplified.json('Wekan')[0].labels).toEqual([]);
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

	describe('Wekan URLs in a card locator', () => {
		it('does not take a board\'s rules page, or one of its lists, for a card', async () => {
			const base = `${f.server.url}/b/${f.boardId}/engine-tests`;
			for (const url of [`${base}/rules`, `${base}/rules/`, `${base}/list/${f.todoListId}`]) {
				// The editor's check refuses the URL; given by an expression, the node does, before any request.
				await expect(f.engine.run(op('card', 'get', { cardId: rl(url, 'url') }))).rejects.toThrow('Not a Wekan card URL');
				const { result, requests } = await runCounting(f, op('card', 'get', { cardId: rl(`={{ "${url}" }}`, 'url') }));
				expect(expectFailure(result)).toContain('is not a Wekan card URL');
				expect(requests).toBe(0);
			}
		});

		it('reads a card from its URL, also with a query and a fragment', async () => {
			const card = w().createCard({ title: 'Linked', boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId });
			for (const url of [`${f.server.url}/b/${f.boardId}/engine-tests/${card._id}?tab=details#top`, `${f.server.url}/b/${f.boardId}/x/${card._id}/`]) {
				const result = await f.engine.run(op('card', 'get', { cardId: rl(url, 'url'), simplify: false }));
				expect(result.error).toBeUndefined();
				expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, title: 'Linked' });
			}
		});
	});

	describe('Get Many', () => {
		it('lists the boards of the logged-in user, with a limit', async () => {
			w().createBoard({ title: 'Mine A', ownerId: f.adminId });
			w().createBoard({ title: 'Mine B', ownerId: f.adminId });
			const all = await f.engine.run(board('getAll', { scope: 'mine', returnAll: true, simplify: false }));
			expect(all.error).toBeUndefined();
			const expected = w()
				.db.boards.find({ archived: false, type: 'board', members: { $elemMatch: { userId: f.adminId, isActive: true } } })
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
			expect(w().requests('GET', `/api/users/${user._id}/boards`).length).toBeGreaterThan(0);
		});

		it('lists public boards for a site admin, and refuses a normal user', async () => {
			const pub = w().createBoard({ title: 'Open Board', ownerId: f.adminId, permission: 'public' });
			const result = await f.engine.run(board('getAll', { scope: 'public', returnAll: true, simplify: false }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual(expect.arrayContaining([{ _id: pub._id, title: 'Open Board' }]));
			expect(result.json('Wekan').every((b) => stored(String(b._id))!.permission === 'public')).toBe(true);
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
		it('renames a board and returns it as Wekan stored it (trimmed)', async () => {
			const b = w().createBoard({ title: 'Old Name', ownerId: f.adminId });
			const result = await f.engine.run(board('rename', { boardId: rl(b._id), title: '  New Name ' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: b._id, title: 'New Name' });
			expect(stored(b._id)!.title).toBe('New Name');
		});

		it('refuses a read-only member', async () => {
			const b = w().createBoard({ title: 'Read Only Here', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'reader', b._id, { isReadOnly: true });
			const result = await f.engine.run(board('rename', { boardId: rl(b._id), title: 'Hacked' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(stored(b._id)!.title).toBe('Read Only Here');
		});

		it('fails for an unknown board', async () => {
			const result = await f.engine.run(board('rename', { boardId: rl('NoSuchBoard321'), title: 'X' }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoard321');
		});
	});

	describe('Copy', () => {
		it('copies a board with its lists and returns the copy', async () => {
			const b = w().createBoard({ title: 'Template', ownerId: f.adminId });
			w().createList(b._id, 'Backlog');
			const result = await f.engine.run(board('copy', { boardId: rl(b._id), title: 'From Template' }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'From Template', labels: [] });
			expect(copy._id).not.toBe(b._id);
			expect(w().db.lists.find({ boardId: String(copy._id) }).map((l) => l.title)).toEqual(['Backlog']);
			expect(w().requests('POST', `/api/boards/${b._id}/copy`)).toHaveLength(1);
		});

		it('leaves the original\'s custom fields shared with the copy beside the copy\'s own, as Wekan does', async () => {
			const b = w().createBoard({ title: 'Fielded', ownerId: f.adminId });
			const fieldId = w().db.customFields.insert({ boardIds: [b._id], name: 'Points', type: 'number', settings: {} });
			const l = w().createList(b._id, 'Backlog');
			const card = w().createCard({ title: 'sized', boardId: b._id, listId: l._id, swimlaneId: w().defaultSwimlaneId(b._id)!, userId: f.adminId });
			w().db.cards.raw.update(card._id, { $set: { customFields: [{ _id: fieldId, value: 2 }] } });
			const result = await f.engine.run(board('copy', { boardId: rl(b._id), title: 'Fielded Copy' }));
			expect(result.error).toBeUndefined();
			const copyId = String(result.json('Wekan')[0]._id);
			// models/boards.js:1099 copies the cards first, and Card.copy shares the field with the new board
			// (models/cards.js:900-904); then :1126-1133 gives the copy its own field of the same name.
			const fields = w().db.customFields.find({ boardIds: copyId }).map((cf) => [cf._id === fieldId, cf.name]);
			expect(fields.sort()).toEqual([[false, 'Points'], [true, 'Points']]);
			const [copied] = w().db.cards.find({ boardId: copyId });
			expect(copied.customFields).toEqual([{ _id: expect.not.stringMatching(fieldId), value: 2 }]);
		});

		it('gets a number when any board already has the title (Wekan keeps titles unique)', async () => {
			const b = w().createBoard({ title: 'Sprint Board', ownerId: f.adminId });
			w().createBoard({ title: 'Taken Title', ownerId: f.adminId });
			const given = await f.engine.run(board('copy', { boardId: rl(b._id), title: 'Taken Title' }));
			expect(given.error).toBeUndefined();
			expect(given.json('Wekan')[0].title).toBe('Taken Title [1]');
			const none = await f.engine.run(board('copy', { boardId: rl(b._id) }));
			expect(none.json('Wekan')[0].title).toBe('Sprint Board [1]');
		});

		it('fails clearly for an unknown board without trying to copy', async () => {
			const result = await f.engine.run(board('copy', { boardId: rl('NoSuchBoard456') }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoard456');
			expect(w().requests('POST', '/api/boards/NoSuchBoard456/copy')).toHaveLength(0);
		});

		it('explains Wekan\'s 500 "Forbidden [Forbidden]" to a normal member (not a board admin)', async () => {
			const b = w().createBoard({ title: 'Not Yours', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'copier', b._id);
			const before = w().db.boards.size;
			const from = w().log.length;
			const result = await f.engine.run(board('copy', { boardId: rl(b._id) }, credentialId));
			const text = expectFailure(result);
			expect(text).toContain(`Wekan refused to copy board ${b._id}`);
			expect(text).toContain('needs a board admin');
			expect(w().log.slice(from).find((r) => r.path === `/api/boards/${b._id}/copy`)?.status).toBe(500);
			expect(w().db.boards.size).toBe(before);
		});
	});

	describe('Delete', () => {
		it('deletes a board with its lists', async () => {
			const b = w().createBoard({ title: 'Doomed', ownerId: f.adminId });
			w().createList(b._id, 'L');
			const result = await f.engine.run(board('delete', { boardId: rl(b._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: b._id, deleted: true }]);
			expect(stored(b._id)).toBeUndefined();
			expect(w().db.lists.find({ boardId: b._id })).toHaveLength(0);
		});

		it('refuses a normal member', async () => {
			const b = w().createBoard({ title: 'Keep Me', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'deleter', b._id);
			const result = await f.engine.run(board('delete', { boardId: rl(b._id) }, credentialId));
			expect(expectFailure(result)).toContain('board admin');
			expect(stored(b._id)).toBeDefined();
		});
	});

	describe('Count Cards', () => {
		it('counts the open cards of a board', async () => {
			const b = w().createBoard({ title: 'Counted', ownerId: f.adminId });
			const list = w().createList(b._id, 'L');
			const swimlaneId = w().defaultSwimlaneId(b._id)!;
			for (const title of ['a', 'b', 'c']) {
				await f.engine.run(op('card', 'create', { boardId: rl(b._id), listId: rl(list._id), swimlaneId: rl(swimlaneId), title }));
			}
			w().db.cards.raw.update({ boardId: b._id, title: 'c' }, { $set: { archived: true } });
			const from = w().log.length;
			const result = await f.engine.run(board('countCards', { boardId: rl(b._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId: b._id, cardCount: 2 }]);
			expect(requestsSince(f, from)).toContain(`GET /api/boards/${b._id}/cards_count`);
		});

		it('fails for an unknown board', async () => {
			const result = await f.engine.run(board('countCards', { boardId: rl('NoSuchBoard789') }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoard789');
		});
	});
});
