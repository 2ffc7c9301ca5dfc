/**
 * The list routes against Wekan v11.07 (server/models/lists.js:751-960), seeded through the models and inspected
 * through the collections. Line numbers are Wekan's.
 */
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { ListDoc } from '../wekan-server/schemas/lists';
import { expectEmpty200, expectStyleA, expectStyleB, seedTeamBoard, type ServerHarness, startHarness, type TestUser } from './fixtures';

describe('list routes', () => {
	let h: ServerHarness;
	let owner: TestUser;
	let admin: TestUser;
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

	const db = () => h.wekan.db;
	const list = (id: string) => db().lists.findOne(id) as ListDoc;
	const card = (id: string) => db().cards.findOne(id) as CardDoc;
	const newList = (title: string, board = boardId, lane: string | undefined = undefined, sort?: number) =>
		h.wekan.createList(board, title, lane, sort)._id;
	const newCard = (title: string, listId: string, lane = swimlaneId, extra: Partial<CardDoc> = {}) =>
		h.wekan.createCard({ title, boardId: list(listId).boardId, listId, swimlaneId: lane, userId: owner.id, ...extra })._id;
	const post = (path: string, body: unknown, user: TestUser | null = owner) => h.call('POST', path, { token: user?.token, body });
	const activities = (activityType: string) => db().activities.find({ activityType });

	describe('POST /api/boards/:boardId/lists (:807-825)', () => {
		it('inserts title, board and the default swimlane with no sort (board.lists() is a Promise, :818), and Lists.after.insert records createList without a userId (:656-664)', async () => {
			const r = await post(`/api/boards/${boardId}/lists`, { title: 'Todo' }, normal);
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: expect.any(String) });
			const doc = list(r.json._id);
			expect(doc).toMatchObject({ title: 'Todo', boardId, swimlaneId, archived: false, starred: false, type: 'list', width: 220 });
			expect(doc).not.toHaveProperty('sort');
			const [activity] = activities('createList').filter((a) => a.listId === doc._id);
			expect(activity).toMatchObject({ type: 'list', boardId, listId: doc._id, title: 'Todo' });
			expect(activity).not.toHaveProperty('userId');
		});

		it('takes any swimlaneId from the body unchecked, converting it to a string (:819, collection2 autoConvert)', async () => {
			const a = await post(`/api/boards/${boardId}/lists`, { title: 'A', swimlaneId: 'no-such-lane' });
			expect(list(a.json._id).swimlaneId).toBe('no-such-lane');
			const b = await post(`/api/boards/${boardId}/lists`, { title: 42, swimlaneId: 7 });
			expect(list(b.json._id)).toMatchObject({ title: '42', swimlaneId: '7' });
		});

		it('uses the first non-archived swimlane in natural order as the default (models/boards.js:1926-1936, models/lib/defaultSwimlane.js:43-47)', async () => {
			const second = h.wekan.createSwimlane(boardId, 'Second', -5)._id;
			db().swimlanes.update(swimlaneId, { $set: { archived: true } });
			const r = await post(`/api/boards/${boardId}/lists`, { title: 'A' });
			expect(list(r.json._id).swimlaneId).toBe(second);
		});

		it('on a board without swimlanes upserts "<boardId>-default" first (models/boards.js:1905-1916, :1937-1943)', async () => {
			db().swimlanes.raw.remove({ boardId });
			const r = await post(`/api/boards/${boardId}/lists`, { title: 'A' });
			expect(list(r.json._id).swimlaneId).toBe(`${boardId}-default`);
			expect(db().swimlanes.findOne(`${boardId}-default`)).toMatchObject({
				title: 'Default', boardId, sort: 0, archived: false, type: 'swimlane',
			});
			expect(activities('createSwimlane').some((a) => a.swimlaneId === `${boardId}-default`)).toBe(true);
		});

		it('answers a missing or blank title with the schema error serialised as {error} at 200 (safeJsonStringify, server/lib/apiResponseHelpers.js:57)', async () => {
			for (const body of [{}, { title: '' }, { title: '   ' }]) {
				const r = await post(`/api/boards/${boardId}/lists`, body);
				expect(r.status).toBe(200);
				expect(r.json).toEqual({ error: 'Title is required in lists insertAsync' });
			}
			expect(db().lists.find({ boardId })).toEqual([]);
		});

		it('needs write access, in style A (:810, server/authentication.js:61-77)', async () => {
			for (const user of [reader, commenter, worker, stranger]) {
				expectStyleA(await post(`/api/boards/${boardId}/lists`, { title: 'x' }, user), 403);
			}
			expectStyleA(await post(`/api/boards/${boardId}/lists`, { title: 'x' }, null), 401);
			expectStyleA(await post('/api/boards/nope/lists', { title: 'x' }), 404);
			expect(db().lists.find({ boardId })).toEqual([]);
			// A site admin needs no membership.
			expect((await post(`/api/boards/${boardId}/lists`, { title: 'x' }, admin)).json).toEqual({ _id: expect.any(String) });
		});
	});

	describe('GET /api/boards/:boardId/lists (:751-787)', () => {
		it('lists the non-archived lists in natural order, soft-deleted ones too, as {_id, title, modifiedAt, cardsModifiedAt}', async () => {
			const b = newList('B', boardId, swimlaneId, 5);
			const a = newList('A', boardId, swimlaneId, 1);
			const gone = newList('Gone');
			db().lists.update(gone, { $set: { archived: true } });
			db().lists.update(b, { $set: { deletedAt: new Date() } });
			const r = await h.call('GET', `/api/boards/${boardId}/lists`, { token: reader.token });
			expect(r.json).toEqual([
				{ _id: b, title: 'B', modifiedAt: list(b).modifiedAt.toISOString(), cardsModifiedAt: null },
				{ _id: a, title: 'A', modifiedAt: list(a).modifiedAt.toISOString(), cardsModifiedAt: null },
			]);
		});

		it('gives cardsModifiedAt as the newest modifiedAt or dateLastActivity among all the list\'s cards, archived ones too (models/lib/listActivityDates.js:41-58)', async () => {
			const a = newList('A');
			const newest = new Date('2031-05-05T00:00:00.000Z');
			newCard('old', a, swimlaneId, { archived: false });
			const archived = newCard('archived', a, swimlaneId);
			db().cards.raw.update(archived, { $set: { archived: true, dateLastActivity: newest, modifiedAt: new Date('2020-01-01') } });
			const r = await h.call('GET', `/api/boards/${boardId}/lists`, { token: owner.token });
			expect(r.json[0].cardsModifiedAt).toBe(newest.toISOString());
		});

		it('lets read-only members and site admins read, and refuses comment-only members, workers and strangers (server/authentication.js:51-57)', async () => {
			expect((await h.call('GET', `/api/boards/${boardId}/lists`, { token: reader.token })).json).toEqual([]);
			expect((await h.call('GET', `/api/boards/${boardId}/lists`, { token: admin.token })).json).toEqual([]);
			for (const user of [commenter, worker, stranger]) {
				expectStyleA(await h.call('GET', `/api/boards/${boardId}/lists`, { token: user.token }), 403);
			}
			expectStyleA(await h.call('GET', `/api/boards/${boardId}/lists`), 401);
			expectStyleA(await h.call('GET', '/api/boards/nope/lists', { token: owner.token }), 404);
		});
	});

	describe('GET /api/boards/:boardId/lists/:listId (:789-805)', () => {
		it('returns the whole document, soft-deleted or not', async () => {
			const a = newList('A', boardId, swimlaneId, 3);
			db().lists.update(a, { $set: { deletedAt: new Date() } });
			const r = await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: reader.token });
			expect(r.json).toEqual(JSON.parse(JSON.stringify(list(a))));
			expect(r.json).toMatchObject({ _id: a, title: 'A', sort: 3, deletedAt: expect.any(String) });
		});

		it('answers an empty 200 for an archived, unknown or other board\'s list (findOne gives undefined)', async () => {
			const a = newList('A');
			const other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			const elsewhere = newList('E', other);
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/lists/nope`, { token: owner.token }));
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/lists/${elsewhere}`, { token: owner.token }));
			db().lists.update(a, { $set: { archived: true } });
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: owner.token }));
		});

		it('refuses in style A like GET lists', async () => {
			const a = newList('A');
			expectStyleA(await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: commenter.token }), 403);
			expectStyleA(await h.call('GET', `/api/boards/${boardId}/lists/${a}`), 401);
		});
	});

	describe('PUT /api/boards/:boardId/lists/:listId (:827-875, models/lib/listApiUpdate.js)', () => {
		const put = (listId: string, body: unknown, user = owner) => h.call('PUT', `/api/boards/${boardId}/lists/${listId}`, { token: user.token, body });

		it('sets title, color, starred and wipLimit in one direct write: no activity, modifiedAt renewed', async () => {
			const a = newList('A');
			const before = list(a).modifiedAt.getTime();
			const count = db().activities.size;
			await new Promise((resolve) => setTimeout(resolve, 5));
			const r = await put(a, { title: 'Doing', color: 'crimson', starred: 'true', wipLimit: { value: 3, enabled: true } }, normal);
			expect(r.json).toEqual({ _id: a });
			expect(list(a)).toMatchObject({ title: 'Doing', color: 'crimson', starred: true, wipLimit: { value: 3, enabled: true, soft: false } });
			expect(list(a).modifiedAt.getTime()).toBeGreaterThan(before);
			expect(db().activities.size).toBe(count);
		});

		it('cuts a title to 1000 characters instead of refusing it, and takes String() of any other value (listApiUpdate.js:26-35)', async () => {
			const a = newList('A');
			await put(a, { title: 'x'.repeat(1500) });
			expect(list(a).title).toHaveLength(1000);
			await put(a, { title: 12 });
			expect(list(a).title).toBe('12');
		});

		it('accepts a palette name or a #rrggbb hex as written, case included, and refuses anything else with 400 (models/lists.js:70-80)', async () => {
			const a = newList('A');
			await put(a, { color: '#A1b2C3' });
			expect(list(a).color).toBe('#A1b2C3');
			for (const color of ['Crimson', 'beige', '#abc', 'red ']) {
				const r = await put(a, { color, title: 'ignored' });
				expect(r.status).toBe(400);
				expect(r.json).toEqual({ error: 'Invalid list color. Use a named palette color or a #rrggbb hex value.' });
			}
			expect(list(a)).toMatchObject({ title: 'A', color: '#A1b2C3' });
		});

		it('replaces wipLimit whole, the schema filling its defaults (listApiUpdate.js:57-59)', async () => {
			const a = newList('A');
			await put(a, { wipLimit: { value: 4, enabled: true, soft: true } });
			await put(a, { wipLimit: { enabled: false } });
			expect(list(a).wipLimit).toEqual({ value: 1, enabled: false, soft: false });
		});

		it('answers values the schema refuses with its error as {error} at 200, and writes nothing', async () => {
			const a = newList('A');
			expect((await put(a, { starred: 'maybe' })).json).toEqual({ error: 'Starred must be of type Boolean in lists updateAsync' });
			expect((await put(a, { wipLimit: 'x' })).json).toEqual({ error: 'Wip limit must be of type Object in lists updateAsync' });
			// '   ' is kept by listApiUpdate.js (String('   ') !== ''), then trimmed to '' by the schema.
			expect((await put(a, { title: '   ' })).json).toEqual({ error: 'Title is required in lists updateAsync' });
			expect(list(a)).toMatchObject({ title: 'A', starred: false });
		});

		it("answers 404 {error: 'List not found'} for an archived or unknown list and 404 {message: 'Error'} when the body has nothing it reads", async () => {
			const a = newList('A');
			for (const body of [{ sort: 4, swimlaneId: 'x', archived: true }, { title: '', color: '' }, { title: null }]) {
				const r = await put(a, body);
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ message: 'Error' });
			}
			expect(list(a)).not.toHaveProperty('sort');
			const missing = await put('nope', { title: 'x' });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'List not found' });
			db().lists.update(a, { $set: { archived: true } });
			expect((await put(a, { title: 'x' })).json).toEqual({ error: 'List not found' });
		});

		it('needs write access, in style A', async () => {
			const a = newList('A');
			for (const user of [reader, commenter, worker, stranger]) expectStyleA(await put(a, { title: 'x' }, user), 403);
			expectStyleA(await h.call('PUT', `/api/boards/${boardId}/lists/${a}`, { body: { title: 'x' } }), 401);
			expect(list(a).title).toBe('A');
		});
	});

	describe('DELETE /api/boards/:boardId/lists/:listId (:877-891, softRemoveList :44-68)', () => {
		const del = (listId: string, user = owner) => h.call('DELETE', `/api/boards/${boardId}/lists/${listId}`, { token: user.token });

		it('marks the list and its not-deleted cards on the board deleted with one time, the caller as deletedBy and one batch id; nothing is removed', async () => {
			const a = newList('A');
			const c1 = newCard('c1', a);
			const c2 = newCard('c2', a, swimlaneId, { archived: true });
			const earlier = newCard('earlier', a);
			db().cards.update(earlier, { $set: { deletedAt: new Date('2020-01-01'), deleteBatchId: 'old' } });
			const r = await del(a, normal);
			expect(r.json).toEqual({ _id: a });
			const doc = list(a);
			expect(doc).toMatchObject({ deletedAt: expect.any(Date), deletedBy: normal.id, deleteBatchId: expect.any(String) });
			for (const id of [c1, c2]) {
				expect(card(id)).toMatchObject({ deletedAt: doc.deletedAt, deletedBy: normal.id, deleteBatchId: doc.deleteBatchId });
			}
			expect(card(earlier)).toMatchObject({ deleteBatchId: 'old' });
			// Still listed and still readable (neither GET filters deletedAt).
			expect((await h.call('GET', `/api/boards/${boardId}/lists`, { token: owner.token })).json.map((l: ListDoc) => l._id)).toEqual([a]);
			expect((await h.call('GET', `/api/boards/${boardId}/lists/${a}`, { token: owner.token })).json._id).toBe(a);
		});

		it('records no activity for a live list, but archivedList for an archived one (Lists.after.update, :723-731)', async () => {
			const a = newList('A');
			const b = newList('B');
			db().lists.update(b, { $set: { archived: true } });
			const archivedBefore = activities('archivedList').length;
			await del(a);
			expect(activities('archivedList')).toHaveLength(archivedBefore);
			expect(activities('removeList')).toEqual([]);
			await del(b);
			expect(activities('archivedList')).toHaveLength(archivedBefore + 1);
			expect(list(b).deletedAt).toBeInstanceOf(Date);
		});

		it('leaves a deleted list as it is, and answers {_id} for a list that is not there', async () => {
			const a = newList('A');
			await del(a);
			const first = list(a);
			await del(a);
			expect(list(a)).toEqual(first);
			expect((await del('nope')).json).toEqual({ _id: 'nope' });
		});

		it('needs write access, in style A', async () => {
			const a = newList('A');
			for (const user of [reader, commenter, worker, stranger]) expectStyleA(await del(a, user), 403);
			expectStyleA(await h.call('DELETE', `/api/boards/${boardId}/lists/${a}`), 401);
			expect(list(a)).not.toHaveProperty('deletedAt');
		});
	});

	describe('POST …/lists/:listId/copy (:909-926, List.copy models/lists.js:285-316)', () => {
		let other: string;
		let otherLane: string;
		beforeEach(() => {
			other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			otherLane = h.wekan.defaultSwimlaneId(other)!;
		});
		const copy = (listId: string, body: unknown, user: TestUser | null = owner) =>
			post(`/api/boards/${boardId}/lists/${listId}/copy`, body, user);

		it('inserts the whole list again on the target board and copies the cards of its own swimlane into toSwimlaneId', async () => {
			const lane2 = h.wekan.createSwimlane(boardId, 'Lane 2', 1)._id;
			const a = newList('A', boardId, swimlaneId, 7);
			db().lists.update(a, { $set: { color: 'crimson', starred: true, wipLimit: { value: 2, enabled: true, soft: false } } });
			const c1 = newCard('c1', a);
			newCard('in lane 2', a, lane2);
			newCard('archived', a, swimlaneId, { archived: true });
			const r = await copy(a, { toBoardId: other, toSwimlaneId: otherLane });
			expect(r.status).toBe(200);
			const copied = list(r.json._id);
			expect(copied).toMatchObject({
				title: 'A', boardId: other, swimlaneId: otherLane, sort: 7, color: 'crimson', starred: true,
				wipLimit: { value: 2, enabled: true, soft: false },
			});
			const cards = db().cards.find({ listId: copied._id });
			expect(cards.map((c) => c.title)).toEqual(['c1']);
			expect(cards[0]).toMatchObject({ boardId: other, swimlaneId: otherLane, cardNumber: 1 });
			expect(card(c1).listId).toBe(a);
			expect(activities('createList').some((x) => x.listId === copied._id && x.boardId === other)).toBe(true);
		});

		it('keeps modifiedAt, archived and the soft-delete marks of the source (only createdAt and updatedAt are renewed)', async () => {
			const a = newList('A');
			db().lists.update(a, { $set: { archived: true, archivedAt: new Date('2024-01-01'), modifiedAt: new Date('2024-02-02') } });
			const r = await copy(a, { toBoardId: other });
			expect(list(r.json._id)).toMatchObject({ archived: true, modifiedAt: new Date('2024-02-02'), swimlaneId: '' });
		});

		it('on its own board reuses the list itself (a live list of the same title): the cards are copied into the list they came from, and the answer is its own id', async () => {
			const a = newList('A');
			newCard('c1', a);
			const r = await copy(a, { toSwimlaneId: swimlaneId });
			expect(r.json).toEqual({ _id: a });
			expect(db().lists.find({ boardId })).toHaveLength(1);
			expect(db().cards.find({ listId: a }).map((c) => c.title)).toEqual(['c1', 'c1']);
		});

		it('reuses a live list of the same title on the target board, and repositions that list', async () => {
			const a = newList('A');
			const first = newList('First', other, otherLane, 1);
			const twin = newList('A', other, otherLane, 9);
			newCard('c1', a);
			const r = await copy(a, { toBoardId: other, toSwimlaneId: otherLane, position: 0 });
			expect(r.json).toEqual({ _id: twin });
			expect(list(twin).sort).toBe(list(first).sort! - 1);
			expect(db().cards.find({ listId: twin }).map((c) => c.title)).toEqual(['c1']);
		});

		it('without toSwimlaneId creates the list, then fails on the first card: the cards schema requires a swimlane (models/cards.js:124-129), an HTML 500', async () => {
			const a = newList('A');
			newCard('c1', a);
			const r = await copy(a, { toBoardId: other });
			expectStyleB(r, 500);
			const created = db().lists.find({ boardId: other, title: 'A' });
			expect(created).toHaveLength(1);
			expect(created[0].swimlaneId).toBe('');
			expect(db().cards.find({ boardId: other })).toEqual([]);
		});

		it('copies no card of a list without a swimlane: null matches only cards without one (models/lists.js:287, :306-310)', async () => {
			const shared = newList('Shared', boardId, '');
			newCard('c1', shared);
			const r = await copy(shared, { toBoardId: other });
			expect(r.status).toBe(200);
			expect(db().cards.find({ listId: r.json._id })).toEqual([]);
		});

		it('puts the copy at a 0-based position among the target board\'s live lists; "" counts as 0, a non-number as the end (:895-905, server/lib/utils.js:217-232)', async () => {
			const x = newList('X', other, otherLane, 10);
			const y = newList('Y', other, otherLane, 20);
			const a = newList('A');
			const b = newList('B');
			const c = newList('C');
			expect(list((await copy(a, { toBoardId: other, position: 1 })).json._id).sort).toBe(15);
			expect(list((await copy(b, { toBoardId: other, position: '' })).json._id).sort).toBe(9);
			expect(list((await copy(c, { toBoardId: other, position: 'last' })).json._id).sort).toBe(21);
			expect(list(x).sort).toBe(10);
			expect(list(y).sort).toBe(20);
		});

		it('copies archived lists, answers 404 {error} for a list not on the board, and needs write access on both boards, in style B', async () => {
			const a = newList('A');
			const missing = await copy('nope', {});
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'List not found' });
			for (const user of [reader, commenter, worker, stranger]) expectStyleB(await copy(a, {}, user), 403);
			expectStyleB(await copy(a, {}, null), 401);
			expectStyleB(await copy(a, { toBoardId: other }, normal), 403);
			expectStyleB(await copy(a, { toBoardId: 'nope' }), 404);
			expectStyleB(await post(`/api/boards/nope/lists/${a}/copy`, {}), 404);
			expect(db().lists.find({ boardId: other })).toEqual([]);
		});
	});

	describe('POST …/lists/:listId/move (:932-960, List.move models/lists.js:318-361)', () => {
		let other: string;
		let otherLane: string;
		beforeEach(() => {
			other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			otherLane = h.wekan.defaultSwimlaneId(other)!;
		});
		const move = (listId: string, body: unknown, user: TestUser | null = owner) =>
			post(`/api/boards/${boardId}/lists/${listId}/move`, body, user);

		it('on its own board sets the swimlaneId as given, unchecked, and leaves the cards\' swimlane alone (:945-956)', async () => {
			const a = newList('A');
			const c1 = newCard('c1', a);
			const r = await move(a, { toSwimlaneId: 'anything' });
			expect(r.json).toEqual({ _id: a });
			expect(list(a).swimlaneId).toBe('anything');
			expect(card(c1).swimlaneId).toBe(swimlaneId);
			expect(list(a)).not.toHaveProperty('sort');
		});

		it('on its own board repositions among the other live lists at a 0-based position', async () => {
			const a = newList('A', boardId, swimlaneId, 1);
			const b = newList('B', boardId, swimlaneId, 2);
			const c = newList('C', boardId, swimlaneId, 3);
			await move(c, { position: 0 });
			expect(list(c).sort).toBe(0);
			await move(a, { position: 2 });
			expect(list(a).sort).toBe(3);
			expect(list(b).sort).toBe(2);
		});

		it('to another board inserts a list there and moves the live cards into its default swimlane; the list itself stays, and its id is the answer', async () => {
			const a = newList('A');
			const c1 = newCard('c1', a);
			const archived = newCard('old', a, swimlaneId, { archived: true });
			const r = await move(a, { toBoardId: other, position: 0 });
			expect(r.json).toEqual({ _id: a });
			expect(list(a)).toMatchObject({ boardId, archived: false });
			const [created] = db().lists.find({ boardId: other });
			expect(created).toMatchObject({ title: 'A', swimlaneId: '' });
			expect(created).not.toHaveProperty('sort');
			// Card.move leaves the swimlane alone (no swimlaneId given, models/lib/cardMoveModifier.js:22-32), and the
			// cards' board-consistency hook replaces the source board's swimlane with the target board's default one
			// (server/models/cards.js:788-824, server/lib/cardBoardConsistency.js:31-60).
			expect(card(c1)).toMatchObject({ boardId: other, listId: created._id, swimlaneId: otherLane, cardNumber: 1 });
			expect(card(archived)).toMatchObject({ boardId, listId: a });
		});

		it('with a toSwimlaneId moves only cards already in that swimlane, so normally none (List.cards(swimlaneId), models/lists.js:392-411)', async () => {
			const a = newList('A');
			const c1 = newCard('c1', a);
			await move(a, { toBoardId: other, toSwimlaneId: otherLane });
			const [created] = db().lists.find({ boardId: other });
			expect(created.swimlaneId).toBe(otherLane);
			expect(card(c1)).toMatchObject({ boardId, listId: a });
		});

		it('merges into a live list of the same title on the target board; Card.move is given the moved list\'s id as the swimlane (models/lists.js:325-329), which the consistency hook replaces with the default swimlane', async () => {
			const a = newList('A');
			const twin = newList('A', other, otherLane);
			const c1 = newCard('c1', a);
			const r = await move(a, { toBoardId: other });
			expect(r.json).toEqual({ _id: a });
			// server/models/cards.js:788-824, server/lib/cardBoardConsistency.js:31-60: `a` is no swimlane of the target.
			expect(card(c1)).toMatchObject({ boardId: other, listId: twin, swimlaneId: otherLane });
			expect(db().lists.find({ boardId: other })).toHaveLength(1);
			expect(list(a).boardId).toBe(boardId);
		});

		it('answers 404 {error} for a list not on the board, and needs write access on both boards, in style B', async () => {
			const a = newList('A');
			const missing = await move('nope', {});
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'List not found' });
			for (const user of [reader, commenter, worker, stranger]) expectStyleB(await move(a, {}, user), 403);
			expectStyleB(await move(a, {}, null), 401);
			expectStyleB(await move(a, { toBoardId: other }, normal), 403);
			expectStyleB(await move(a, { toBoardId: 'nope' }), 404);
			expect(db().lists.find({ boardId: other })).toEqual([]);
		});
	});
});
