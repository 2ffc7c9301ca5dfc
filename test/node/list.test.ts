import type { IDataObject } from 'n8n-workflow';
import { searchTargetSwimlanes } from '../../nodes/shared/boardParts';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';

const list = (operation: string, parameters = {}, credentialId?: string) => op('list', operation, parameters, credentialId);

describe('List operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;
	const stored = (id: string) => w().db.lists.findOne(id);
	const freshBoard = (title: string) => {
		const board = w().createBoard({ title, ownerId: f.adminId });
		return { boardId: board._id, swimlaneId: w().defaultSwimlaneId(board._id)! };
	};
	const addCard = (boardId: string, listId: string, swimlaneId: string, title: string, sort = 0) =>
		w().createCard({ title, boardId, listId, swimlaneId, userId: f.adminId, sort });
	/** The open cards of a list by sort, as [title, swimlaneId]. */
	const cardsOf = (listId: string) =>
		w()
			.db.cards.find({ listId, archived: false }, { sort: { sort: 1 } })
			.map((c) => [c.title, c.swimlaneId]);

	describe('Create', () => {
		it('creates a list in the default swimlane and returns it', async () => {
			const { boardId, swimlaneId } = freshBoard('Create Lists');
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: ' Backlog ' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			expect(created).toMatchObject({ title: 'Backlog', boardId, swimlaneId, archived: false });
			expect(stored(String(created._id))).toMatchObject({ title: 'Backlog', boardId });
			// server/models/lists.js:815-820: board.lists() is a Promise on the server, so the list gets no sort.
			expect(stored(String(created._id))!.sort).toBeUndefined();
			expect(w().requests('POST', `/api/boards/${boardId}/lists`)).toHaveLength(1);
		});

		it('places the new list at a position', async () => {
			const { boardId } = freshBoard('Positioned Lists');
			const first = w().createList(boardId, 'First', undefined, 0);
			w().createList(boardId, 'Second', undefined, 1);
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Zero', options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			const created = stored(String(result.json('Wekan')[0]._id))!;
			expect(created.sort).toBeLessThan(first.sort!);
			expect(result.json('Wekan')[0].sort).toBe(created.sort);
		});

		it('refuses a swimlane that is not on the board before creating anything', async () => {
			const { boardId } = freshBoard('Create In Lane');
			const other = freshBoard('Other Lane Board');
			const before = w().db.lists.size;
			const from = w().log.length;
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Lost', swimlaneId: rl(other.swimlaneId) }));
			expect(expectFailure(result)).toContain(`No swimlane with ID ${other.swimlaneId} on board ${boardId}`);
			expect(requestsSince(f, from)).not.toContain(`POST /api/boards/${boardId}/lists`);
			expect(w().db.lists.size).toBe(before);
		});

		it('creates a list in a chosen swimlane', async () => {
			const { boardId } = freshBoard('Create In Chosen Lane');
			const lane = w().createSwimlane(boardId, 'Ops');
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Ops List', swimlaneId: rl(lane._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Ops List', swimlaneId: lane._id });
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Create Denied');
			const { credentialId } = normalUser(f, 'listreader', boardId, { isReadOnly: true });
			const result = await f.engine.run(list('create', { boardId: rl(boardId), title: 'Nope' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().db.lists.find({ boardId })).toHaveLength(0);
		});

		it('rejects an empty title and a negative position before any request', async () => {
			const empty = await runCounting(f, list('create', { boardId: rl(f.boardId), title: ' ' }));
			expect(expectFailure(empty.result)).toContain('Title is required');
			expect(empty.requests).toBe(0);
			const negative = await runCounting(f, list('create', { boardId: rl(f.boardId), title: 'T', options: { position: '={{ -1 }}' } }));
			expect(expectFailure(negative.result)).toContain('Position must be a whole number of 0 or more');
			expect(negative.requests).toBe(0);
		});
	});

	describe('Get and Get Many', () => {
		it('gets a list with its full document', async () => {
			const result = await f.engine.run(list('get', { boardId: rl(f.boardId), listId: rl(f.todoListId), simplify: false }));
			expect(result.error).toBeUndefined();
			const doc = JSON.parse(JSON.stringify(stored(f.todoListId))) as IDataObject;
			expect(result.json('Wekan')[0]).toEqual(doc);
			expect(doc).toMatchObject({ _id: f.todoListId, title: 'To Do', boardId: f.boardId, swimlaneId: f.swimlaneId });
		});

		it('treats an unknown or deleted list as not found', async () => {
			const unknown = await f.engine.run(list('get', { boardId: rl(f.boardId), listId: rl('NoSuchList1') }));
			expect(expectFailure(unknown)).toContain(`No list with ID NoSuchList1 on board ${f.boardId}`);
			const { boardId } = freshBoard('Deleted List');
			const gone = w().createList(boardId, 'Gone');
			w().db.lists.raw.update(gone._id, { $set: { deletedAt: new Date() } });
			const deleted = await f.engine.run(list('get', { boardId: rl(boardId), listId: rl(gone._id) }));
			expect(expectFailure(deleted)).toContain(`No list with ID ${gone._id}`);
		});

		it('lists the open lists of a board as Wekan gives them, with a limit', async () => {
			const all = await f.engine.run(list('getAll', { boardId: rl(f.boardId), returnAll: true, simplify: false }));
			expect(all.error).toBeUndefined();
			expect(all.json('Wekan').map((l) => [l._id, l.title, l.boardId])).toEqual([
				[f.todoListId, 'To Do', f.boardId],
				[f.doneListId, 'Done', f.boardId],
			]);
			expect(Object.keys(all.json('Wekan')[0]).sort()).toEqual(['_id', 'boardId', 'cardsModifiedAt', 'modifiedAt', 'title']);
			const one = await f.engine.run(list('getAll', { boardId: rl(f.boardId), returnAll: false, limit: 1 }));
			expect(one.json('Wekan')).toHaveLength(1);
		});

		it('refuses a comment-only member', async () => {
			const { boardId } = freshBoard('Lists Hidden');
			const { credentialId } = normalUser(f, 'listcommenter', boardId, { isCommentOnly: true });
			const result = await f.engine.run(list('getAll', { boardId: rl(boardId), returnAll: true }, credentialId));
			expect(expectFailure(result)).toContain('read access');
		});
	});

	describe('Update', () => {
		it('updates title, color, star and part of the WIP limit', async () => {
			const { boardId } = freshBoard('Update Lists');
			const l = w().createList(boardId, 'Doing');
			w().db.lists.raw.update(l._id, { $set: { wipLimit: { value: 3, enabled: false, soft: true } } });
			const result = await f.engine.run(
				list('update', {
					boardId: rl(boardId),
					listId: rl(l._id),
					updateFields: { title: ' In Progress ', color: 'navy', starred: true, wipLimit: 5, wipLimitEnabled: true },
				}),
			);
			expect(result.error).toBeUndefined();
			const expected = { title: 'In Progress', color: 'navy', starred: true, wipLimit: { value: 5, enabled: true, soft: true } };
			expect(result.json('Wekan')[0]).toMatchObject(expected);
			expect(stored(l._id)).toMatchObject(expected);
		});

		it('fills the WIP limit parts a list without one lacks with Wekan\'s defaults', async () => {
			const { boardId } = freshBoard('WIP Defaults');
			const l = w().createList(boardId, 'Fresh');
			expect(stored(l._id)!.wipLimit).toBeUndefined();
			const result = await f.engine.run(list('update', { boardId: rl(boardId), listId: rl(l._id), updateFields: { wipLimitEnabled: true } }));
			expect(result.error).toBeUndefined();
			expect(stored(l._id)!.wipLimit).toEqual({ value: 1, enabled: true, soft: false });
		});

		it('accepts a #rrggbb color from an expression, and a color name in any case', async () => {
			const { boardId } = freshBoard('Hex Lists');
			const l = w().createList(boardId, 'Hex');
			const result = await f.engine.run(list('update', { boardId: rl(boardId), listId: rl(l._id), updateFields: { color: '={{ "#12ab9F" }}' } }));
			expect(result.error).toBeUndefined();
			expect(stored(l._id)!.color).toBe('#12ab9f');
			// Wekan refuses "Crimson" (models/lists.js:70-80); the node sends the palette's name.
			const named = await f.engine.run(list('update', { boardId: rl(boardId), listId: rl(l._id), updateFields: { color: '={{ "Crimson" }}' } }));
			expect(named.error).toBeUndefined();
			expect(stored(l._id)!.color).toBe('crimson');
		});

		it('rejects what Wekan cannot do before any request', async () => {
			const params = (updateFields: object) => list('update', { boardId: rl(f.boardId), listId: rl(f.todoListId), updateFields });
			const cases: Array<[object, string]> = [
				[{ title: ' ' }, 'Wekan cannot set an empty title'],
				[{ title: 'x'.repeat(1001) }, 'Wekan takes at most 1000'],
				[{ color: '={{ "" }}' }, 'Wekan cannot remove a list\'s color'],
				[{ color: '={{ "rainbow" }}' }, '"rainbow" is not a Wekan list color'],
				[{ wipLimit: '={{ 0 }}' }, 'WIP Limit must be a whole number of 1 or more'],
				[{}, 'Nothing to update'],
			];
			for (const [fields, message] of cases) {
				const { result, requests } = await runCounting(f, params(fields));
				expect(expectFailure(result)).toContain(message);
				expect(requests).toBe(0);
			}
			expect(stored(f.todoListId)!.title).toBe('To Do');
		});

		it('fails for an unknown list', async () => {
			const result = await f.engine.run(list('update', { boardId: rl(f.boardId), listId: rl('NoSuchList2'), updateFields: { title: 'X' } }));
			expect(expectFailure(result)).toContain('No list with ID NoSuchList2');
		});
	});

	describe('Delete', () => {
		it('deletes a list and its cards (Wekan marks them deleted)', async () => {
			const { boardId, swimlaneId } = freshBoard('Delete Lists');
			const l = w().createList(boardId, 'Trash');
			const card = addCard(boardId, l._id, swimlaneId, 'c');
			const result = await f.engine.run(list('delete', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: l._id, title: 'Trash', boardId, deleted: true }]);
			expect(stored(l._id)!.deletedAt).toBeInstanceOf(Date);
			expect(w().db.cards.findOne(card._id)!.deletedAt).toBeInstanceOf(Date);
			const again = await f.engine.run(list('delete', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(expectFailure(again)).toContain(`No list with ID ${l._id}`);
			expect(w().requests('DELETE', `/api/boards/${boardId}/lists/${l._id}`)).toHaveLength(1);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Delete Denied');
			const l = w().createList(boardId, 'Stays');
			const { credentialId } = normalUser(f, 'listdeleter', boardId, { isReadOnly: true });
			const result = await f.engine.run(list('delete', { boardId: rl(boardId), listId: rl(l._id) }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(stored(l._id)!.deletedAt).toBeUndefined();
		});
	});

	describe('Copy', () => {
		it('copies a list with its cards to another board, into its default swimlane', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy From');
			const target = freshBoard('Copy To');
			const l = w().createList(boardId, 'Template');
			addCard(boardId, l._id, swimlaneId, 'step 1', 1);
			addCard(boardId, l._id, swimlaneId, 'step 2', 2);
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'Template', boardId: target.boardId, swimlaneId: target.swimlaneId, copiedFromListId: l._id });
			expect(cardsOf(String(copy._id))).toEqual([
				['step 1', target.swimlaneId],
				['step 2', target.swimlaneId],
			]);
			expect(copy.copiedCardIds).toEqual(w().db.cards.find({ listId: String(copy._id) }, { sort: { sort: 1 } }).map((c) => c._id));
			expect(cardsOf(l._id)).toHaveLength(2);
			// Wekan's own list copy is not used: it would fail on the first card without a swimlane.
			expect(w().requests('POST', `/api/boards/${boardId}/lists/${l._id}/copy`)).toHaveLength(0);
		});

		it('copies within the board into a new list, not into the list itself', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Here');
			const l = w().createList(boardId, 'Orig');
			addCard(boardId, l._id, swimlaneId, 'a', 1);
			addCard(boardId, l._id, swimlaneId, 'b', 2);
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy._id).not.toBe(l._id);
			expect(copy).toMatchObject({ title: 'Orig', boardId, swimlaneId });
			expect(cardsOf(l._id)).toEqual([
				['a', swimlaneId],
				['b', swimlaneId],
			]);
			expect(cardsOf(String(copy._id))).toEqual([
				['a', swimlaneId],
				['b', swimlaneId],
			]);
		});

		it('shares a custom field the target board lacks with it, as Wekan\'s card copy does', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Field From');
			const target = freshBoard('Copy Field To');
			const fieldId = w().db.customFields.insert({ boardIds: [boardId], name: 'Estimate', type: 'number', settings: {} });
			const l = w().createList(boardId, 'Sized');
			const card = addCard(boardId, l._id, swimlaneId, 'sized task');
			w().db.cards.raw.update(card._id, { $set: { customFields: [{ _id: fieldId, value: 3 }] } });
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			const [copiedCardId] = result.json('Wekan')[0].copiedCardIds as string[];
			expect(w().db.cards.findOne(copiedCardId)?.customFields).toEqual([{ _id: fieldId, value: 3 }]);
			expect(w().db.customFields.findOne(fieldId)?.boardIds).toEqual([boardId, target.boardId]);
		});

		it('copies a list whose swimlane is archived into the board\'s default swimlane', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Archived Lane');
			const lane = w().createSwimlane(boardId, 'Old lane');
			const l = w().createList(boardId, 'Parked', lane._id);
			addCard(boardId, l._id, lane._id, 'kept');
			w().db.swimlanes.raw.update(lane._id, { $set: { archived: true } });
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({ title: 'Parked', swimlaneId });
			expect(cardsOf(String(copy._id))).toEqual([['kept', swimlaneId]]);
		});

		it('makes a new list even where the target board has one of the same title', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Namesake From');
			const target = freshBoard('Copy Namesake To');
			const l = w().createList(boardId, 'Done');
			const namesake = w().createList(target.boardId, 'Done');
			addCard(boardId, l._id, swimlaneId, 'shipped');
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]._id).not.toBe(namesake._id);
			expect(cardsOf(namesake._id)).toEqual([]);
			expect(cardsOf(String(result.json('Wekan')[0]._id))).toEqual([['shipped', target.swimlaneId]]);
		});

		it('copies into a chosen swimlane, with a new title, color, star and WIP limit, at a position', async () => {
			const { boardId, swimlaneId } = freshBoard('Copy Options');
			const other = w().createSwimlane(boardId, 'Other');
			const first = w().createList(boardId, 'First', undefined, 0);
			const l = w().createList(boardId, 'Orig', undefined, 5);
			w().db.lists.raw.update(l._id, { $set: { color: 'navy', starred: true, wipLimit: { value: 4, enabled: true, soft: false } } });
			addCard(boardId, l._id, swimlaneId, 'task');
			const result = await f.engine.run(
				list('copy', { boardId: rl(boardId), listId: rl(l._id), toSwimlaneId: rl(other._id), options: { title: 'Copy of Orig', position: 0 } }),
			);
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy).toMatchObject({
				title: 'Copy of Orig',
				boardId,
				swimlaneId: other._id,
				color: 'navy',
				starred: true,
				wipLimit: { value: 4, enabled: true, soft: false },
			});
			expect(copy.sort).toBeLessThan(first.sort!);
			expect(cardsOf(String(copy._id))).toEqual([['task', other._id]]);
		});

		it('refuses a target swimlane that is not on the target board before writing', async () => {
			const { boardId } = freshBoard('Copy Bad Lane');
			const target = freshBoard('Copy Bad Lane Target');
			const l = w().createList(boardId, 'L');
			const before = w().db.lists.size;
			const result = await f.engine.run(
				list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId), toSwimlaneId: rl(w().defaultSwimlaneId(boardId)!) }),
			);
			expect(expectFailure(result)).toContain(`on board ${target.boardId}`);
			expect(w().db.lists.size).toBe(before);
		});

		it('refuses a user without write access to the target board', async () => {
			const { boardId } = freshBoard('Copy Src');
			const target = freshBoard('Copy Forbidden Target');
			const l = w().createList(boardId, 'Mine');
			const { credentialId } = normalUser(f, 'listcopier', boardId);
			w().addBoardMember(target.boardId, w().db.users.findOne({ username: 'listcopier' })!._id, { isReadOnly: true });
			const before = w().db.lists.size;
			const result = await f.engine.run(list('copy', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(w().db.lists.size).toBe(before);
		});
	});

	describe('Move', () => {
		it('moves a list to a position on its board', async () => {
			const { boardId } = freshBoard('Move Here');
			const a = w().createList(boardId, 'A', undefined, 0);
			w().createList(boardId, 'B', undefined, 1);
			const c = w().createList(boardId, 'C', undefined, 2);
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(c._id), options: { position: 0 } }));
			expect(result.error).toBeUndefined();
			expect(stored(c._id)!.sort).toBeLessThan(a.sort!);
			expect(result.json('Wekan')[0]).toMatchObject({ _id: c._id, sort: stored(c._id)!.sort });
		});

		it('moves a list to another swimlane with its cards', async () => {
			const { boardId, swimlaneId } = freshBoard('Move Lane');
			const lane = w().createSwimlane(boardId, 'Lane 2');
			const l = w().createList(boardId, 'Mover');
			addCard(boardId, l._id, swimlaneId, 'x', 1);
			addCard(boardId, l._id, swimlaneId, 'y', 2);
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toSwimlaneId: rl(lane._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: l._id, swimlaneId: lane._id });
			expect(stored(l._id)!.swimlaneId).toBe(lane._id);
			expect(cardsOf(l._id)).toEqual([
				['x', lane._id],
				['y', lane._id],
			]);
		});

		it('moves a list with its cards to another board and removes the emptied list Wekan leaves behind', async () => {
			const { boardId, swimlaneId } = freshBoard('Move From');
			const target = freshBoard('Move To');
			const l = w().createList(boardId, 'Traveller');
			const card = addCard(boardId, l._id, swimlaneId, 'bag');
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			const [moved] = result.json('Wekan');
			expect(moved).toMatchObject({
				title: 'Traveller',
				boardId: target.boardId,
				swimlaneId: target.swimlaneId,
				movedFromListId: l._id,
				movedFromBoardId: boardId,
				merged: false,
				movedCardIds: [card._id],
			});
			// The cards keep their IDs and show in the target board's swimlane.
			expect(w().db.cards.findOne(card._id)).toMatchObject({ boardId: target.boardId, listId: moved._id, swimlaneId: target.swimlaneId });
			expect(stored(l._id)!.deletedAt).toBeInstanceOf(Date);
		});

		it('moves cards to another board with only the labels and members that board has, as Wekan\'s card move does', async () => {
			const { boardId, swimlaneId } = freshBoard('Move Labels From');
			const target = freshBoard('Move Labels To');
			const userId = normalUser(f, 'listmovemember', boardId).user._id;
			w().db.boards.raw.update(boardId, {
				$set: { labels: [{ _id: 'srcBug', name: 'Bug', color: 'red' }, { _id: 'srcUx', name: 'UX', color: 'blue' }] },
			});
			w().db.boards.raw.update(target.boardId, { $set: { labels: [{ _id: 'dstBug', name: 'Bug', color: 'orange' }] } });
			const l = w().createList(boardId, 'Labelled');
			const card = addCard(boardId, l._id, swimlaneId, 'tagged');
			w().db.cards.raw.update(card._id, { $set: { labelIds: ['srcBug', 'srcUx'], members: [userId, f.adminId] } });
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(w().db.cards.findOne(card._id)).toMatchObject({ boardId: target.boardId, labelIds: ['dstBug'], members: [f.adminId] });
		});

		it('moves the cards into a list of the same title on the other board, in that list\'s swimlane', async () => {
			const { boardId, swimlaneId } = freshBoard('Merge From');
			const target = freshBoard('Merge To');
			const lane = w().createSwimlane(target.boardId, 'Finished');
			const l = w().createList(boardId, 'Done');
			const existing = w().createList(target.boardId, 'Done', lane._id);
			const card = addCard(boardId, l._id, swimlaneId, 'finished');
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: existing._id, boardId: target.boardId, movedFromListId: l._id, merged: true });
			// Wekan alone would give the card the source list's ID as its swimlane (models/lists.js:327-329).
			expect(w().db.cards.findOne(card._id)).toMatchObject({ boardId: target.boardId, listId: existing._id, swimlaneId: lane._id });
		});

		it('refuses what Wekan would get wrong when merging, before moving anything', async () => {
			const { boardId, swimlaneId } = freshBoard('Merge Refused From');
			const target = freshBoard('Merge Refused To');
			const l = w().createList(boardId, 'Shared Title');
			const card = addCard(boardId, l._id, swimlaneId, 'stays');
			const namesake = w().createList(target.boardId, 'Shared Title');
			const withPosition = await f.engine.run(
				list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId), options: { position: 0 } }),
			);
			expect(expectFailure(withPosition)).toContain('that list keeps its place');
			w().db.lists.raw.update(namesake._id, { $set: { deletedAt: new Date() } });
			const intoDeleted = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(l._id), toBoardId: rl(target.boardId) }));
			expect(expectFailure(intoDeleted)).toContain('that was deleted');
			expect(w().requests('POST', `/api/boards/${boardId}/lists/${l._id}/move`)).toHaveLength(0);
			expect(w().db.cards.findOne(card._id)).toMatchObject({ boardId, listId: l._id });
		});

		it('rejects a move with no target before any request', async () => {
			const { result, requests } = await runCounting(f, list('move', { boardId: rl(f.boardId), listId: rl(f.todoListId) }));
			expect(expectFailure(result)).toContain('Nothing to move');
			expect(requests).toBe(0);
		});

		it('refuses a read-only member', async () => {
			const { boardId } = freshBoard('Move Denied');
			const a = w().createList(boardId, 'A', undefined, 0);
			w().createList(boardId, 'B', undefined, 1);
			const { credentialId } = normalUser(f, 'listmover', boardId, { isReadOnly: true });
			const result = await f.engine.run(list('move', { boardId: rl(boardId), listId: rl(a._id), options: { position: 1 } }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(stored(a._id)!.sort).toBe(0);
		});
	});

	describe('Count Cards', () => {
		it('counts the open cards of a list', async () => {
			const { boardId, swimlaneId } = freshBoard('Count Lists');
			const l = w().createList(boardId, 'Counted');
			addCard(boardId, l._id, swimlaneId, 'one');
			addCard(boardId, l._id, swimlaneId, 'two');
			const gone = addCard(boardId, l._id, swimlaneId, 'archived');
			w().db.cards.raw.update(gone._id, { $set: { archived: true } });
			const result = await f.engine.run(list('countCards', { boardId: rl(boardId), listId: rl(l._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId, listId: l._id, cardCount: 2 }]);
		});

		it('fails for an unknown list instead of counting 0', async () => {
			const result = await f.engine.run(list('countCards', { boardId: rl(f.boardId), listId: rl('NoSuchList3') }));
			expect(expectFailure(result)).toContain('No list with ID NoSuchList3');
			expect(w().requests('GET', `/api/boards/${f.boardId}/lists/NoSuchList3/cards_count`)).toHaveLength(0);
		});
	});

	describe('Target swimlane picker', () => {
		it('shows the target board\'s swimlanes, or the board\'s own when no target is chosen', async () => {
			const source = freshBoard('Picker Source');
			const target = freshBoard('Picker Target');
			const extra = w().createSwimlane(target.boardId, 'Archive Lane');
			const toTarget = list('copy', { boardId: rl(source.boardId), toBoardId: rl(target.boardId) });
			const found = await searchTargetSwimlanes.call(f.engine.loadOptionsContext(toTarget, 'Wekan'), 'lane');
			expect(found.results).toEqual([{ name: 'Archive Lane', value: extra._id }]);
			const sameBoard = list('copy', { boardId: rl(source.boardId), toBoardId: rl('') });
			const own = await searchTargetSwimlanes.call(f.engine.loadOptionsContext(sameBoard, 'Wekan'));
			expect(own.results).toEqual([{ name: 'Default', value: source.swimlaneId }]);
		});
	});
});
