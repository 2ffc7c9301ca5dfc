/**
 * The lists and swimlanes models below the routes: their collection hooks (server/models/lists.js:656-749,
 * server/models/swimlanes.js:47-124), archive/restore (models/lists.js:551-567, models/swimlanes.js:545-585), the
 * seeding functions and the pure REST helpers. Line numbers are Wekan v11.07's.
 */
import { startWekanServer, type RunningWekanServer, type Wekan } from '../wekan-server/server';
import { pickDefaultSwimlane } from '../wekan-server/models/boards';
import { computeSortForIndex } from '../wekan-server/models/cards';
import {
	archiveList,
	buildListPutUpdate,
	listCards,
	newestCardChangeByList,
	normalizeListColor,
	restoreList,
	restoreSoftRemovedList,
	softRemoveList,
} from '../wekan-server/models/lists';
import { archiveSwimlane, nextSwimlaneSort, restoreSwimlane } from '../wekan-server/models/swimlanes';
import type { SwimlaneDoc } from '../wekan-server/schemas/swimlanes';

describe('lists and swimlanes models', () => {
	let server: RunningWekanServer;
	let wekan: Wekan;
	let userId: string;
	let boardId: string;
	let laneId: string;

	beforeEach(async () => {
		server = await startWekanServer();
		wekan = server.wekan;
		userId = wekan.createUser({ username: 'ann', email: 'ann@example.com', password: 'pw', isAdmin: true })._id;
		boardId = wekan.createBoard({ title: 'B', ownerId: userId })._id;
		laneId = wekan.defaultSwimlaneId(boardId)!;
	});
	afterEach(() => server.close());

	const db = () => wekan.db;
	const newCard = (listId: string, title = 'c', extra: Record<string, unknown> = {}) =>
		wekan.createCard({ title, boardId, listId, swimlaneId: laneId, userId, ...extra })._id;
	const activityTypes = (selector: Record<string, unknown> = {}) => db().activities.find(selector).map((a) => a.activityType);

	describe('Lists.after.update (server/models/lists.js:711-749)', () => {
		it('records changedListTitle, archivedList or restoredList, with the hook\'s userId', () => {
			const id = wekan.createList(boardId, 'A')._id;
			db().lists.update(id, { $set: { title: 'B' } }, {}, { userId });
			db().lists.update(id, { $set: { archived: true } }, {}, { userId });
			db().lists.update(id, { $set: { color: 'red' } }, {}, { userId });
			db().lists.update(id, { $set: { archived: false } }, {}, { userId });
			db().lists.update(id, { $set: { color: 'blue' } });
			expect(activityTypes({ listId: id })).toEqual(['createList', 'changedListTitle', 'archivedList', 'archivedList', 'restoredList']);
			expect(db().activities.findOne({ activityType: 'changedListTitle' })).toMatchObject({ userId, type: 'list', boardId, title: 'B' });
		});

		it('after a hooked sort or swimlaneId change, writes `_updatedAt` directly, which the schema filters out, leaving only updatedAt renewed', () => {
			const id = wekan.createList(boardId, 'A')._id;
			db().lists.update(id, { $set: { sort: 3 } });
			expect(db().lists.findOne(id)).not.toHaveProperty('_updatedAt');
			expect(db().lists.findOne(id)!.sort).toBe(3);
		});
	});

	describe('Lists.before.remove (server/models/lists.js:679-709)', () => {
		it('removes every card of a live list, in any board or swimlane, and records removeList', () => {
			const id = wekan.createList(boardId, 'A')._id;
			const c1 = newCard(id);
			const other = wekan.createSwimlane(boardId, 'Other')._id;
			const c2 = newCard(id, 'c2', { swimlaneId: other, archived: true });
			db().lists.remove(id);
			expect(db().cards.findOne(c1)).toBeUndefined();
			expect(db().cards.findOne(c2)).toBeUndefined();
			expect(db().activities.findOne({ activityType: 'removeList' })).toMatchObject({ type: 'list', listId: id, boardId, title: 'A' });
		});

		it('of an archived list keeps the cards archived before the list was', () => {
			const id = wekan.createList(boardId, 'A')._id;
			const before = newCard(id, 'before', { archived: true, archivedAt: new Date('2020-01-01') });
			const after = newCard(id, 'after', { archived: true, archivedAt: new Date('2030-01-01') });
			const live = newCard(id, 'live');
			const noDate = newCard(id, 'no date', { archived: true });
			db().lists.update(id, { $set: { archived: true, archivedAt: new Date('2025-01-01') } });
			db().lists.remove(id);
			expect(db().cards.findOne(before)).toBeDefined();
			for (const gone of [after, live, noDate]) expect(db().cards.findOne(gone)).toBeUndefined();
		});
	});

	describe('List.archive and List.restore (models/lists.js:551-567)', () => {
		it('archives a template list\'s cards first, but its restore brings back no card (allCards is [] on the server)', () => {
			const id = db().lists.insert({ title: 'T', boardId, swimlaneId: laneId, type: 'template-list' });
			const c = newCard(id);
			archiveList(wekan, db().lists.findOne(id)!);
			expect(db().lists.findOne(id)).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
			expect(db().cards.findOne(c)).toMatchObject({ archived: true });
			restoreList(wekan, db().lists.findOne(id)!);
			expect(db().lists.findOne(id)!.archived).toBe(false);
			expect(db().cards.findOne(c)!.archived).toBe(true);
		});

		it('leaves the cards of an ordinary list alone', () => {
			const id = wekan.createList(boardId, 'A')._id;
			const c = newCard(id);
			archiveList(wekan, db().lists.findOne(id)!);
			expect(db().cards.findOne(c)!.archived).toBe(false);
		});
	});

	describe('soft delete and its restore (server/models/lists.js:44-127)', () => {
		it('restores the list and exactly the cards of its batch', () => {
			const id = wekan.createList(boardId, 'A')._id;
			const c = newCard(id);
			const alreadyGone = newCard(id);
			db().cards.update(alreadyGone, { $set: { deletedAt: new Date(), deleteBatchId: 'other' } });
			softRemoveList(wekan, userId, db().lists.findOne(id)!);
			restoreSoftRemovedList(wekan, db().lists.findOne(id)!);
			expect(db().lists.findOne(id)).not.toHaveProperty('deletedAt');
			expect(db().cards.findOne(c)).not.toHaveProperty('deleteBatchId');
			expect(db().cards.findOne(alreadyGone)).toMatchObject({ deleteBatchId: 'other' });
		});
	});

	describe('List.cards (models/lists.js:392-411, models/lib/swimlaneFilter.js)', () => {
		it('scopes to a swimlane; for the board\'s first live swimlane, to every card not in another live swimlane', () => {
			const second = wekan.createSwimlane(boardId, 'Second', 5)._id;
			db().swimlanes.update(laneId, { $set: { sort: 0 } });
			const id = wekan.createList(boardId, 'A')._id;
			const inFirst = newCard(id, 'first', { sort: 2 });
			const inSecond = newCard(id, 'second', { swimlaneId: second, sort: 1 });
			const orphan = newCard(id, 'orphan', { swimlaneId: 'gone', sort: 0 });
			const list = db().lists.findOne(id)!;
			expect(listCards(wekan, list).map((c) => c._id)).toEqual([orphan, inSecond, inFirst]);
			expect(listCards(wekan, list, laneId).map((c) => c._id)).toEqual([orphan, inFirst]);
			expect(listCards(wekan, list, second).map((c) => c._id)).toEqual([inSecond]);
		});
	});

	describe('Swimlane.archive and Swimlane.restore (models/swimlanes.js:545-585, models/lib/swimlaneArchive.js)', () => {
		it('archives the swimlane\'s live cards with it, and restores only those archived at or after it', async () => {
			const id = wekan.createList(boardId, 'A')._id;
			const live = newCard(id, 'live');
			const earlier = newCard(id, 'earlier', { archived: true, archivedAt: new Date('2020-01-01') });
			archiveSwimlane(wekan, db().swimlanes.findOne(laneId)!);
			const archived = db().swimlanes.findOne(laneId) as SwimlaneDoc;
			expect(archived).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
			expect(db().cards.findOne(live)).toMatchObject({ archived: true });
			expect(activityTypes({ listId: laneId })).toEqual(['archivedSwimlane']);
			restoreSwimlane(wekan, archived);
			expect(db().swimlanes.findOne(laneId)!.archived).toBe(false);
			expect(db().cards.findOne(live)!.archived).toBe(false);
			expect(db().cards.findOne(earlier)!.archived).toBe(true);
			expect(activityTypes({ listId: laneId })).toEqual(['archivedSwimlane', 'restoredSwimlane']);
		});
	});

	describe('seeding', () => {
		it('createSwimlane inserts title and board, with a sort only when given; createList takes the default swimlane unless given one, \'\' included', () => {
			const plain = wekan.createSwimlane(boardId, 'Plain');
			expect(plain).not.toHaveProperty('sort');
			expect(wekan.createSwimlane(boardId, 'Sorted', 4).sort).toBe(4);
			expect(wekan.createList(boardId, 'A').swimlaneId).toBe(laneId);
			expect(wekan.createList(boardId, 'B', '').swimlaneId).toBe('');
			expect(wekan.createList(boardId, 'C', plain._id, 2)).toMatchObject({ swimlaneId: plain._id, sort: 2 });
		});
	});

	describe('data layer changes these models need', () => {
		it('an upsert that matches applies $set and ignores $setOnInsert, as MongoDB does (the default-swimlane self-heal)', () => {
			const onInsert = { $setOnInsert: { title: 'Default', boardId, sort: 0, archived: false, type: 'swimlane' } };
			// Without archived and type the upsert fails validation (models/lib/defaultSwimlane.js:22-24).
			expect(() => db().swimlanes.update(`${boardId}-default`, { $setOnInsert: { title: 'Default', boardId } }, { upsert: true })).toThrow(
				'Archived is required in swimlanes updateAsync',
			);
			expect(db().swimlanes.update(`${boardId}-default`, onInsert, { upsert: true })).toBe(1);
			db().swimlanes.update(`${boardId}-default`, { $set: { title: 'Renamed' } });
			db().swimlanes.update(`${boardId}-default`, onInsert, { upsert: true });
			expect(db().swimlanes.findOne(`${boardId}-default`)).toMatchObject({ title: 'Renamed', sort: 0 });
		});

		it('an indexed equality find keeps natural order after updates that move documents between index keys', () => {
			const a = wekan.createList(boardId, 'A')._id;
			const b = wekan.createList(boardId, 'B')._id;
			const other = wekan.createBoard({ title: 'O', ownerId: userId })._id;
			const c1 = newCard(a, 'c1');
			const c2 = newCard(b, 'c2');
			const c3 = newCard(a, 'c3');
			db().cards.update(c1, { $set: { listId: b } });
			db().cards.update(c1, { $set: { title: 'renamed' } });
			expect(db().cards.find({ listId: b }).map((c) => c._id)).toEqual([c1, c2]);
			db().cards.update(c3, { $set: { boardId: other } });
			db().cards.update(c3, { $set: { boardId } });
			expect(db().cards.find({ boardId }).map((c) => c._id)).toEqual([c1, c2, c3]);
			expect(db().cards.find({ listId: a })).toEqual([db().cards.findOne(c3)]);
		});
	});

	describe('pure helpers', () => {
		it('computeSortForIndex (server/lib/utils.js:217-232)', () => {
			const siblings = [{ sort: 1 }, {}, { sort: 5 }];
			expect(computeSortForIndex([], 3)).toBe(0);
			expect(computeSortForIndex(siblings, -2)).toBe(0);
			expect(computeSortForIndex(siblings, 1)).toBe(0.5);
			expect(computeSortForIndex(siblings, 2.9)).toBe(2.5);
			expect(computeSortForIndex(siblings, 3)).toBe(6);
			expect(computeSortForIndex(siblings, Number.NaN)).toBe(6);
		});

		it('buildListPutUpdate and normalizeListColor (models/lib/listApiUpdate.js, models/lists.js:70-80)', () => {
			expect(buildListPutUpdate(undefined)).toEqual({ set: {} });
			expect(buildListPutUpdate({ starred: undefined, wipLimit: 0, title: 0 })).toEqual({ set: { starred: undefined, title: '0' } });
			expect(normalizeListColor('silver')).toBe('silver');
			expect(normalizeListColor('#ABCDEF')).toBe('#ABCDEF');
			expect(normalizeListColor('#abcd')).toBe('');
		});

		it('newestCardChangeByList ignores cards without a list or a usable date (models/lib/listActivityDates.js:41-58)', () => {
			const out = newestCardChangeByList([
				{ listId: 'a', modifiedAt: new Date(5), dateLastActivity: new Date(9) },
				{ listId: 'a', modifiedAt: new Date(7), dateLastActivity: new Date('x') },
				{ listId: '', modifiedAt: new Date(99), dateLastActivity: new Date(99) },
				{ listId: 'b', modifiedAt: new Date('x'), dateLastActivity: new Date('y') },
			]);
			expect([...out]).toEqual([['a', new Date(9)]]);
		});

		it('nextSwimlaneSort and pickDefaultSwimlane (models/lib/swimlaneSort.js, models/lib/defaultSwimlane.js)', () => {
			expect(nextSwimlaneSort([undefined, 3, '7'], undefined)).toBe(8);
			expect(nextSwimlaneSort([5], ' ')).toBe(0);
			expect(nextSwimlaneSort([], '4')).toBe(4);
			const a = { _id: 'a', archived: true } as SwimlaneDoc;
			const b = { _id: 'b', archived: false } as SwimlaneDoc;
			expect(pickDefaultSwimlane([a, b])).toBe(b);
			expect(pickDefaultSwimlane([a])).toBe(a);
			expect(pickDefaultSwimlane([])).toBeUndefined();
		});
	});
});
