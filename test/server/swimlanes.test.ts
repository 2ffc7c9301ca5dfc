/**
 * The swimlane routes against Wekan v11.07 (server/models/swimlanes.js:126-309), seeded through the models and
 * inspected through the collections. Line numbers are Wekan's.
 */
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { ListDoc } from '../wekan-server/schemas/lists';
import type { SwimlaneDoc } from '../wekan-server/schemas/swimlanes';
import { expectEmpty200, expectStyleA, expectStyleB, seedTeamBoard, type ServerHarness, startHarness, type TestUser } from './fixtures';

describe('swimlane routes', () => {
	let h: ServerHarness;
	let owner: TestUser;
	let admin: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let normal: TestUser;
	let stranger: TestUser;
	let boardId: string;
	let swimlaneId: string;

	beforeEach(async () => {
		h = await startHarness();
		({ admin, owner, reader, commenter, normal, stranger, boardId, swimlaneId } = seedTeamBoard(h, {
			reader: 'readonly',
			commenter: 'commentonly',
			normal: 'normal',
			stranger: null,
		}));
	});
	afterEach(() => h.close());

	const db = () => h.wekan.db;
	const lane = (id: string) => db().swimlanes.findOne(id) as SwimlaneDoc;
	const list = (id: string) => db().lists.findOne(id) as ListDoc;
	const card = (id: string) => db().cards.findOne(id) as CardDoc;
	const newLane = (title: string, sort?: number, board = boardId) => h.wekan.createSwimlane(board, title, sort)._id;
	const newList = (title: string, laneId: string | undefined = swimlaneId, board = boardId, sort?: number) =>
		h.wekan.createList(board, title, laneId, sort)._id;
	const newCard = (title: string, listId: string, laneId: string, extra: Partial<CardDoc> = {}) =>
		h.wekan.createCard({ title, boardId: list(listId).boardId, listId, swimlaneId: laneId, userId: owner.id, ...extra })._id;
	const call = (method: string, path: string, body?: unknown, user: TestUser | null = owner) =>
		h.call(method, path, { token: user?.token, body });
	const activities = (activityType: string) => db().activities.find({ activityType });
	const base = () => `/api/boards/${boardId}/swimlanes`;

	describe('POST /api/boards/:boardId/swimlanes (:171-202)', () => {
		it('appends at max(sort of the live swimlanes)+1, archived ones not counted (nextSwimlaneSort, #3624)', async () => {
			newLane('Seven', 7);
			const archived = newLane('Archived', 50);
			db().swimlanes.update(archived, { $set: { archived: true } });
			const r = await call('POST', base(), { title: 'Ops' }, normal);
			expect(r.json).toEqual({ _id: expect.any(String) });
			expect(lane(r.json._id)).toMatchObject({ title: 'Ops', boardId, sort: 8, archived: false, type: 'swimlane', height: -1 });
		});

		it('gives 0 when no live swimlane has a sort (a board\'s default swimlane has none, server/models/boards.js:953-956)', async () => {
			expect(lane(swimlaneId)).not.toHaveProperty('sort');
			const r = await call('POST', base(), { title: 'Ops' });
			expect(lane(r.json._id).sort).toBe(0);
		});

		it('takes any body sort Number() makes finite: "2.5", true and [] included (models/lib/swimlaneSort.js:12-27)', async () => {
			const sorts: unknown[] = [];
			for (const sort of ['2.5', true, [], -3, '', null, 'x']) {
				const r = await call('POST', base(), { title: 'L', sort });
				sorts.push(lane(r.json._id).sort);
			}
			// '' and null and 'x' fall back to max+1 of what exists by then.
			expect(sorts).toEqual([2.5, 1, 0, -3, 3.5, 4.5, 5.5]);
		});

		it('records createSwimlane without a title or userId (Swimlanes.after.insert, :47-54)', async () => {
			const r = await call('POST', base(), { title: 'Ops' });
			const [activity] = activities('createSwimlane').filter((a) => a.swimlaneId === r.json._id);
			expect(activity).toMatchObject({ type: 'swimlane', boardId, swimlaneId: r.json._id });
			expect(activity).not.toHaveProperty('title');
			expect(activity).not.toHaveProperty('userId');
		});

		it('answers a missing title with the schema error as {error} at 200, and permission failures in style A', async () => {
			expect((await call('POST', base(), {})).json).toEqual({ error: 'Title is required in swimlanes insertAsync' });
			for (const user of [reader, commenter, stranger]) expectStyleA(await call('POST', base(), { title: 'x' }, user), 403);
			expectStyleA(await call('POST', base(), { title: 'x' }, null), 401);
			expectStyleA(await call('POST', '/api/boards/nope/swimlanes', { title: 'x' }), 404);
			expect(db().swimlanes.find({ boardId })).toHaveLength(1);
			expect((await call('POST', base(), { title: 'x' }, admin)).status).toBe(200);
		});
	});

	describe('GET /api/boards/:boardId/swimlanes (:126-147) and one swimlane (:149-169)', () => {
		it('lists the live swimlanes in natural order, not by sort, as {_id, title}', async () => {
			const late = newLane('Late', -10);
			const gone = newLane('Gone', 1);
			db().swimlanes.update(gone, { $set: { archived: true } });
			const r = await call('GET', base(), undefined, reader);
			expect(r.json).toEqual([
				{ _id: swimlaneId, title: 'Default' },
				{ _id: late, title: 'Late' },
			]);
		});

		it('returns the whole document, and an empty 200 for an archived, unknown or other board\'s swimlane', async () => {
			const r = await call('GET', `${base()}/${swimlaneId}`, undefined, reader);
			expect(r.json).toEqual(JSON.parse(JSON.stringify(lane(swimlaneId))));
			const other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			expectEmpty200(await call('GET', `${base()}/${h.wekan.defaultSwimlaneId(other)}`));
			expectEmpty200(await call('GET', `${base()}/nope`));
			db().swimlanes.update(swimlaneId, { $set: { archived: true } });
			expectEmpty200(await call('GET', `${base()}/${swimlaneId}`));
		});

		it('refuses comment-only members, strangers and anonymous callers in style A', async () => {
			for (const path of [base(), `${base()}/${swimlaneId}`]) {
				expectStyleA(await call('GET', path, undefined, commenter), 403);
				expectStyleA(await call('GET', path, undefined, stranger), 403);
				expectStyleA(await call('GET', path, undefined, null), 401);
			}
		});
	});

	describe('PUT /api/boards/:boardId/swimlanes/:swimlaneId (:204-233)', () => {
		it('sets only the title, directly: no changedSwimlaneTitle activity, and archived swimlanes too', async () => {
			db().swimlanes.update(swimlaneId, { $set: { archived: true } });
			const count = db().activities.size;
			const r = await call('PUT', `${base()}/${swimlaneId}`, { title: 'Main', sort: 9, color: 'red' }, normal);
			expect(r.json).toEqual({ _id: swimlaneId });
			expect(lane(swimlaneId)).toMatchObject({ title: 'Main', archived: true });
			expect(lane(swimlaneId)).not.toHaveProperty('sort');
			expect(lane(swimlaneId)).not.toHaveProperty('color');
			expect(db().activities.size).toBe(count);
		});

		it('without a title still answers {_id}: the schema drops the undefined title and only renews modifiedAt', async () => {
			const before = lane(swimlaneId).modifiedAt.getTime();
			await new Promise((resolve) => setTimeout(resolve, 5));
			expect((await call('PUT', `${base()}/${swimlaneId}`, {})).json).toEqual({ _id: swimlaneId });
			expect(lane(swimlaneId).title).toBe('Default');
			expect(lane(swimlaneId).modifiedAt.getTime()).toBeGreaterThan(before);
		});

		it('throws Meteor.Error(\'not-found\') without a statusCode for a swimlane not on the board, serialised at 200', async () => {
			const r = await call('PUT', `${base()}/nope`, { title: 'x' });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				isClientSafe: true,
				error: 'not-found',
				reason: 'Swimlane not found',
				message: 'Swimlane not found [not-found]',
				errorType: 'Meteor.Error',
			});
		});

		it('needs write access, in style A', async () => {
			for (const user of [reader, commenter, stranger]) expectStyleA(await call('PUT', `${base()}/${swimlaneId}`, { title: 'x' }, user), 403);
			expectStyleA(await call('PUT', `${base()}/${swimlaneId}`, { title: 'x' }, null), 401);
			expect(lane(swimlaneId).title).toBe('Default');
		});
	});

	describe('DELETE /api/boards/:boardId/swimlanes/:swimlaneId (:235-253, Swimlanes.before.remove :67-93)', () => {
		it("with two or more lists of its own or shared (''), removes every card whose swimlaneId is this one, and keeps the lists", async () => {
			const ops = newLane('Ops', 1);
			const a = newList('A', ops);
			const shared = newList('Shared', '');
			const elsewhere = newList('Elsewhere', swimlaneId);
			const mine = newCard('mine', elsewhere, ops);
			const theirs = newCard('theirs', a, swimlaneId);
			const r = await call('DELETE', `${base()}/${ops}`, undefined, normal);
			expect(r.json).toEqual({ _id: ops });
			expect(lane(ops)).toBeUndefined();
			expect(card(mine)).toBeUndefined();
			expect(card(theirs)).toBeDefined();
			for (const id of [a, shared, elsewhere]) expect(list(id)).toBeDefined();
			expect(activities('removeSwimlane')).toEqual([
				expect.objectContaining({ type: 'swimlane', boardId, swimlaneId: ops, title: 'Ops' }),
			]);
			expect(activities('removeList')).toEqual([]);
		});

		it('with fewer than two, removes those lists and, through Lists.before.remove, all their cards whatever their swimlane (server/models/lists.js:679-709)', async () => {
			const ops = newLane('Ops', 1);
			const a = newList('A', ops);
			const other = newList('Other', swimlaneId);
			const inList = newCard('in A, default lane', a, swimlaneId);
			const inOps = newCard('in Other, ops lane', other, ops);
			await call('DELETE', `${base()}/${ops}`);
			expect(list(a)).toBeUndefined();
			expect(card(inList)).toBeUndefined();
			expect(list(other)).toBeDefined();
			// Cards of this swimlane in other lists stay, pointing at a swimlane that is gone.
			expect(card(inOps)).toMatchObject({ swimlaneId: ops });
			expect(activities('removeList')).toEqual([expect.objectContaining({ type: 'list', listId: a, title: 'A', boardId })]);
		});

		it('does not count archived lists or lists whose swimlaneId is null ($in [id, \'\'])', async () => {
			const ops = newLane('Ops', 1);
			const a = newList('A', ops);
			const archived = newList('Archived', ops);
			db().lists.update(archived, { $set: { archived: true } });
			const legacy = newList('Legacy', ops);
			db().lists.raw.update(legacy, { $set: { swimlaneId: null } });
			await call('DELETE', `${base()}/${ops}`);
			expect(list(a)).toBeUndefined();
			expect(list(archived)).toBeDefined();
			expect(list(legacy)).toBeDefined();
		});

		it('answers {_id} when nothing matched, including another board\'s swimlane, and refuses in style A', async () => {
			const other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			const otherLane = h.wekan.defaultSwimlaneId(other)!;
			expect((await call('DELETE', `${base()}/${otherLane}`)).json).toEqual({ _id: otherLane });
			expect(lane(otherLane)).toBeDefined();
			for (const user of [reader, commenter, stranger]) expectStyleA(await call('DELETE', `${base()}/${swimlaneId}`, undefined, user), 403);
			expectStyleA(await call('DELETE', `${base()}/${swimlaneId}`, undefined, null), 401);
			expect(lane(swimlaneId)).toBeDefined();
		});
	});

	describe('POST …/swimlanes/:swimlaneId/copy (:271-288, Swimlane.copy models/swimlanes.js:148-300)', () => {
		let other: string;
		let otherLane: string;
		beforeEach(() => {
			other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			otherLane = h.wekan.defaultSwimlaneId(other)!;
		});
		const copy = (laneId: string, body: unknown, user: TestUser | null = owner) => call('POST', `${base()}/${laneId}/copy`, body, user);

		it('inserts the swimlane again on the target board at sort = the count of its live swimlanes, with new lists and copies of its cards', async () => {
			const ops = newLane('Ops', 1);
			db().swimlanes.update(ops, { $set: { color: 'crimson', height: 300 } });
			const a = newList('A', ops, boardId, 4);
			db().lists.update(a, { $set: { color: 'navy', width: 300 } });
			newCard('c1', a, ops);
			newCard('archived', a, ops, { archived: true });
			const r = await copy(ops, { toBoardId: other, title: '  Ops copy  ' });
			expect(r.status).toBe(200);
			const copied = lane(r.json._id);
			expect(copied).toMatchObject({ title: 'Ops copy', boardId: other, sort: 1, color: 'crimson', height: 300 });
			const lists = db().lists.find({ boardId: other });
			expect(lists).toEqual([expect.objectContaining({ title: 'A', swimlaneId: copied._id, sort: 4, color: 'navy', width: 300 })]);
			expect(db().cards.find({ boardId: other })).toEqual([
				expect.objectContaining({ title: 'c1', listId: lists[0]._id, swimlaneId: copied._id }),
			]);
			expect(db().cards.find({ swimlaneId: ops })).toHaveLength(2);
		});

		it('from the board\'s default swimlane also copies the shared lists (swimlaneId \'\' or none) and their unswimlaned cards (:213-219)', async () => {
			const own = newList('Own', swimlaneId);
			const shared = newList('Shared', '');
			const otherLaneList = newList('Elsewhere', newLane('Ops', 1));
			newCard('c1', own, swimlaneId);
			newCard('c2', shared, swimlaneId);
			await copy(swimlaneId, { toBoardId: other });
			expect(db().lists.find({ boardId: other }).map((l) => l.title).sort()).toEqual(['Own', 'Shared']);
			expect(db().cards.find({ boardId: other }).map((c) => c.title).sort()).toEqual(['c1', 'c2']);
			expect(list(otherLaneList).boardId).toBe(boardId);
		});

		it('on the same board copies to sort = the count of live swimlanes, duplicating the lists, and reuses the title unless one is given', async () => {
			const ops = newLane('Ops', 5);
			newList('A', ops);
			const r = await copy(ops, {});
			expect(lane(r.json._id)).toMatchObject({ title: 'Ops', boardId, sort: 2 });
			expect(db().lists.find({ boardId, title: 'A' })).toHaveLength(2);
		});

		it('creates on the target board the labels the copied cards carry, by name (#5158, :238-271)', async () => {
			db().boards.update(boardId, { $set: { labels: [{ _id: 'l1', name: 'Bug', color: 'red' }, { _id: 'l2', name: '', color: 'blue' }] } });
			db().boards.update(other, { $set: { labels: [] } });
			const ops = newLane('Ops', 1);
			const a = newList('A', ops);
			newCard('c1', a, ops, { labelIds: ['l1', 'l2'] });
			await copy(ops, { toBoardId: other });
			const labels = db().boards.findOne(other)!.labels!;
			expect(labels).toEqual([{ _id: expect.any(String), name: 'Bug', color: 'red' }]);
			expect(db().cards.find({ boardId: other })[0].labelIds).toEqual([labels[0]._id]);
		});

		it('repositions the copy at a 0-based position among the target\'s other live swimlanes', async () => {
			db().swimlanes.update(otherLane, { $set: { sort: 10 } });
			newLane('Twenty', 20, other);
			const ops = newLane('Ops', 1);
			const r = await copy(ops, { toBoardId: other, position: 1 });
			expect(lane(r.json._id).sort).toBe(15);
		});

		it('answers 404 {error} for a swimlane not on the board and permission failures in style B', async () => {
			const missing = await copy('nope', {});
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Swimlane not found' });
			for (const user of [reader, commenter, stranger]) expectStyleB(await copy(swimlaneId, {}, user), 403);
			expectStyleB(await copy(swimlaneId, {}, null), 401);
			expectStyleB(await copy(swimlaneId, { toBoardId: other }, normal), 403);
			expectStyleB(await copy(swimlaneId, { toBoardId: 'nope' }), 404);
			expect(db().swimlanes.find({ boardId: other })).toHaveLength(1);
		});
	});

	describe('POST …/swimlanes/:swimlaneId/move (:292-309, Swimlane.move models/swimlanes.js:302-376)', () => {
		let other: string;
		let otherLane: string;
		beforeEach(() => {
			other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id })._id;
			otherLane = h.wekan.defaultSwimlaneId(other)!;
		});
		const move = (laneId: string, body: unknown, user: TestUser | null = owner) => call('POST', `${base()}/${laneId}/move`, body, user);

		it('gives the target board a list for every list title of the source board, moves this swimlane\'s cards, archived ones too, into its default swimlane, and moves the swimlane', async () => {
			const ops = newLane('Ops', 1);
			const a = newList('A', ops);
			const b = newList('B', swimlaneId);
			const twin = newList('B', otherLane, other);
			const c1 = newCard('c1', a, ops);
			const c2 = newCard('c2', b, ops, { archived: true });
			const stays = newCard('stays', b, swimlaneId);
			const r = await move(ops, { toBoardId: other, title: 'Ops moved' });
			expect(r.json).toEqual({ _id: ops });
			expect(lane(ops)).toMatchObject({ boardId: other, title: 'Ops moved', sort: 1 });
			const createdA = db().lists.findOne({ boardId: other, title: 'A' })!;
			expect(createdA).toMatchObject({ swimlaneId: ops });
			expect(db().lists.find({ boardId: other, title: 'B' })).toHaveLength(1);
			// The cards move before the swimlane does (models/swimlanes.js:340-366), so Card.move sends them to a swimlane
			// of the source board, and the cards' board-consistency hook gives them the target board's default swimlane
			// instead (server/models/cards.js:788-824, server/lib/cardBoardConsistency.js:31-60).
			expect(card(c1)).toMatchObject({ boardId: other, listId: createdA._id, swimlaneId: otherLane });
			expect(card(c2)).toMatchObject({ boardId: other, listId: twin, swimlaneId: otherLane });
			expect(card(stays)).toMatchObject({ boardId, listId: b });
			// The source lists stay on the source board.
			expect(list(a).boardId).toBe(boardId);
		});

		it('records changedSwimlaneTitle, the title being in the modifier even when unchanged (Swimlanes.after.update, :95-104)', async () => {
			const ops = newLane('Ops', 1);
			await move(ops, { toBoardId: other });
			expect(activities('changedSwimlaneTitle')).toEqual([
				expect.objectContaining({ type: 'swimlane', listId: ops, boardId: other, title: 'Ops' }),
			]);
		});

		it('then upserts "<sourceBoardId>-default" on the source board: the synchronous getDefaultSwimline sees a Promise on the server (models/swimlanes.js:374-375, models/boards.js:1841-1903)', async () => {
			const ops = newLane('Ops', 1);
			await move(ops, { toBoardId: other });
			expect(lane(`${boardId}-default`)).toMatchObject({ title: 'Default', boardId, sort: 0, archived: false });
			expect(db().swimlanes.find({ boardId }).map((s) => s.title)).toEqual(['Default', 'Default']);
			expect(lane(`${other}-default`)).toBeUndefined();
		});

		it('on the same board moves the swimlane to sort = the count of the other live swimlanes, then to `position` when given', async () => {
			const ops = newLane('Ops', 0);
			newLane('Ten', 10);
			await move(ops, {});
			// Two others by the time the count is taken: the default swimlane and Ten.
			expect(lane(ops).sort).toBe(2);
			await move(ops, { position: 0 });
			// Among the others by sort: the default swimlane (no sort, counted 0) and "<boardId>-default" (0), Ten.
			expect(lane(ops).sort).toBe(-1);
		});

		it('answers 404 {error} for a swimlane not on the board and permission failures in style B', async () => {
			const missing = await move('nope', {});
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Swimlane not found' });
			for (const user of [reader, commenter, stranger]) expectStyleB(await move(swimlaneId, {}, user), 403);
			expectStyleB(await move(swimlaneId, {}, null), 401);
			expectStyleB(await move(swimlaneId, { toBoardId: other }, normal), 403);
			expect(lane(swimlaneId).boardId).toBe(boardId);
		});
	});
});
