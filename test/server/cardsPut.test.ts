/**
 * PUT /api/boards/:boardId/lists/:listId/cards/:cardId, server/models/cards.js:1312-1702 at Wekan v11.07: every
 * field its own direct write with its own selector, in the handler's order. Line numbers are server/models/cards.js.
 */
import { activitiesOf, type CardFixture, cardOf, expectStyleB, patchCard, seedCardFixture, seedOtherBoard, type ServerHarness, startHarness } from './fixtures';

describe('PUT card', () => {
	let h: ServerHarness;
	let f: CardFixture;

	const create = async (body: Record<string, unknown> = {}, listId = f.listId) => {
		const r = await h.call('POST', `/api/boards/${f.boardId}/lists/${listId}/cards`, {
			token: f.owner.token,
			body: { title: 'Card', swimlaneId: f.swimlaneId, ...body },
		});
		if (r.status !== 200) throw new Error(`create: ${r.status} ${r.text}`);
		return r.json._id as string;
	};
	const put = (id: string, body: unknown, options: { token?: string; listId?: string; boardId?: string } = {}) =>
		h.call('PUT', `/api/boards/${options.boardId ?? f.boardId}/lists/${options.listId ?? f.listId}/cards/${id}`, {
			token: options.token ?? f.owner.token,
			body,
		});

	beforeEach(async () => {
		h = await startHarness();
		f = seedCardFixture(h);
	});
	afterEach(() => h.close());

	describe('fields', () => {
		it('writes the truthy fields, answering {_id}; a title is cut at 1000 characters (1327-1330)', async () => {
			const id = await create();
			const r = await put(id, {
				title: 'x'.repeat(1200),
				description: 'desc',
				color: 'crimson',
				requestedBy: 'alice',
				assignedBy: 'bob',
				sort: '7',
				spentTime: 3.5,
				labelIds: 'lab1',
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(cardOf(h, id)).toMatchObject({
				description: 'desc',
				color: 'crimson',
				requestedBy: 'alice',
				assignedBy: 'bob',
				sort: 7,
				spentTime: 3.5,
				labelIds: ['lab1'],
			});
			expect(cardOf(h, id).title).toBe('x'.repeat(1000));
		});

		it('skips falsy values; a body with nothing it knows is 404 {message:"Error"}', async () => {
			const id = await create({ title: 'Keep', description: 'keep' });
			for (const body of [
				{ title: '', description: '', sort: 0, color: '', labelIds: '' },
				{ unknownField: 'x' },
				{},
			]) {
				const r = await put(id, body);
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ message: 'Error' });
			}
			expect(cardOf(h, id)).toMatchObject({ title: 'Keep', description: 'keep', sort: 0 });
		});

		it('unsets a blank title or description: truthy here, trimmed to "" and so $unset by the schema', async () => {
			const id = await create({ title: 'Named', description: 'text' });
			expect((await put(id, { title: '   ', description: ' ' })).status).toBe(200);
			const card = cardOf(h, id);
			expect(card).not.toHaveProperty('title');
			expect(card).not.toHaveProperty('description');
		});

		it('answers 200 {_id}, writing nothing, for an unknown, other-list or archived card', async () => {
			const id = await create({ title: 'Same' });
			const missing = await put('nope', { title: 'New' });
			expect(missing.status).toBe(200);
			expect(missing.json).toEqual({ _id: 'nope' });
			expect((await put(id, { title: 'New' }, { listId: f.list2Id })).json).toEqual({ _id: id });
			patchCard(h, id, { archived: true });
			expect((await put(id, { title: 'New' })).status).toBe(200);
			expect(cardOf(h, id).title).toBe('Same');
		});

		it('replaces labelIds whole (1408-1418); [] is truthy and clears them', async () => {
			const id = await create();
			await put(id, { labelIds: ['a', 'b'] });
			await put(id, { labelIds: ['c'] });
			expect(cardOf(h, id).labelIds).toEqual(['c']);
			await put(id, { labelIds: [] });
			expect(cardOf(h, id).labelIds).toEqual([]);
			expect(activitiesOf(h, 'addedLabel')).toEqual([]);
		});

		it('takes #rrggbb colours and answers one outside the palette with the schema error, an HTML 500', async () => {
			const id = await create();
			await put(id, { color: '#a1b2c3' });
			expect(cardOf(h, id).color).toBe('#a1b2c3');
			// setColor's white-means-none (models/cards.js:2938-2943) is not used here.
			await put(id, { color: 'white' });
			expect(cardOf(h, id).color).toBe('white');
			expectStyleB(await put(id, { color: 'chartreuse' }), 500);
			expect(cardOf(h, id).color).toBe('white');
		});

		it('answers a sort that is not a number with an HTML 500, and a numeric string is converted', async () => {
			const id = await create();
			expectStyleB(await put(id, { sort: 'abc' }), 500);
			await put(id, { sort: '2.5' });
			expect(cardOf(h, id).sort).toBe(2.5);
		});

		it('sets dates that parse, clears with "", null or "null", skips the rest (#5846)', async () => {
			const id = await create({ dueAt: '2030-01-01T00:00:00.000Z', startAt: '2030-01-01T00:00:00.000Z' });
			const r = await put(id, { receivedAt: 1_800_000_000_000, dueAt: '', startAt: 'null', endAt: 'whenever' });
			expect(r.status).toBe(200);
			const card = cardOf(h, id);
			expect(card.receivedAt?.getTime()).toBe(1_800_000_000_000);
			expect(card.dueAt).toBeUndefined();
			expect(card.startAt).toBeUndefined();
			expect(card.endAt).toBeUndefined();
			await put(id, { dueAt: '2031-02-03T04:05:06.000Z', endAt: null });
			expect(cardOf(h, id).dueAt).toEqual(new Date('2031-02-03T04:05:06.000Z'));
			// An unparseable date alone is not an update.
			expect((await put(id, { endAt: 'whenever' })).status).toBe(404);
			expect((await put(id, { endAt: false })).status).toBe(404);
		});

		it('keeps only active board members as members and assignees, cleared by null, "" or [] (#3697)', async () => {
			const id = await create();
			await put(id, { members: [f.normal.id, f.outsider.id, 5], assignees: f.reader.id });
			expect(cardOf(h, id)).toMatchObject({ members: [f.normal.id], assignees: [f.reader.id] });
			await put(id, { members: null, assignees: '' });
			expect(cardOf(h, id)).toMatchObject({ members: [], assignees: [] });
			await put(id, { members: [f.normal.id] });
			expect((await put(id, { members: [] })).status).toBe(200);
			expect(cardOf(h, id).members).toEqual([]);
			expect(activitiesOf(h, 'joinMember')).toEqual([]);
		});

		it('sets vote with fresh tallies and defaults, the schema filling question and end (1373-1386)', async () => {
			const id = await create();
			await put(id, { vote: { question: 'Q?', positive: ['x'], extra: 1 } });
			expect(cardOf(h, id).vote).toEqual({
				question: 'Q?',
				positive: [],
				negative: [],
				public: false,
				allowNonBoardMembers: false,
				end: null,
			});
			await put(id, { vote: { public: true } });
			expect(cardOf(h, id).vote).toMatchObject({ question: '', public: true });
		});

		it('answers a vote that is a string (strict mode) or an array (schema) with an HTML 500', async () => {
			const id = await create();
			expectStyleB(await put(id, { vote: 'yes' }), 500);
			expectStyleB(await put(id, { vote: [1] }), 500);
			expect(cardOf(h, id).vote).toBeUndefined();
		});

		it('sets poker with every answer list emptied (1387-1407); its question must be a Boolean', async () => {
			const id = await create();
			await put(id, { poker: { question: true, one: ['x'] } });
			expect(cardOf(h, id).poker).toEqual({
				question: true,
				allowNonBoardMembers: false,
				one: [],
				two: [],
				three: [],
				five: [],
				eight: [],
				thirteen: [],
				twenty: [],
				forty: [],
				oneHundred: [],
				unsure: [],
			});
			expectStyleB(await put(id, { poker: { question: 'Estimate?' } }), 500);
		});

		it('writes customFields whole as sent (1478-1484); a string is refused by the schema (HTML 500)', async () => {
			const id = await create();
			await put(id, {
				customFields: [
					{ _id: 'cf1', value: 'v' },
					{ _id: 'cf2', value: 3 },
				],
			});
			expect(cardOf(h, id).customFields).toEqual([
				{ _id: 'cf1', value: 'v' },
				{ _id: 'cf2', value: 3 },
			]);
			expect(activitiesOf(h, 'setCustomField')).toEqual([]);
			expectStyleB(await put(id, { customFields: 'cf1' }), 500);
		});

		it('writes isOverTime as nothing but the schema\'s dates: the key is isOvertime (1471-1477)', async () => {
			const id = await create();
			const before = cardOf(h, id);
			await new Promise((resolve) => setTimeout(resolve, 5));
			const r = await put(id, { isOverTime: true });
			expect(r.status).toBe(200);
			const after = cardOf(h, id);
			expect(after.isOvertime).toBe(false);
			expect(after).not.toHaveProperty('isOverTime');
			expect(after.modifiedAt.getTime()).toBeGreaterThan(before.modifiedAt.getTime());
		});

		it('sets dueComplete from any present value, archived cards included (1650-1657)', async () => {
			const id = await create();
			await put(id, { dueComplete: 'TRUE' });
			expect(cardOf(h, id).dueComplete).toBe(true);
			await put(id, { dueComplete: 'yes' });
			expect(cardOf(h, id).dueComplete).toBe(false);
			patchCard(h, id, { archived: true });
			await put(id, { dueComplete: true, title: 'Not written' });
			expect(cardOf(h, id)).toMatchObject({ dueComplete: true, title: 'Card' });
		});

		it('sets stickers from an array or its JSON; the schema refuses other highlights', async () => {
			const id = await create();
			await put(id, { stickers: JSON.stringify([{ icon: 'taco-cool' }]) });
			expect(cardOf(h, id).stickers).toEqual([{ icon: 'taco-cool', name: '', position: 0 }]);
			expectStyleB(await put(id, { stickers: [{ icon: 'star', highlight: true }] }), 500);
			expectStyleB(await put(id, { stickers: '[not json' }), 500);
		});

		it('sets locations with _ids and numeric coordinates (1671-1693); other shapes are a 500', async () => {
			const id = await create();
			await put(id, {
				locations: [{ name: 'HQ', address: 'Helsinki', latitude: '60.17', longitude: 24.94 }, { _id: 'mine' }],
			});
			expect(cardOf(h, id).locations).toEqual([
				{ _id: expect.any(String), name: 'HQ', address: 'Helsinki', latitude: 60.17, longitude: 24.94 },
				{ _id: 'mine', name: '', address: '' },
			]);
			for (const locations of [{ name: 'x' }, '"x"', [null], [{ latitude: 'north' }]]) {
				expectStyleB(await put(id, { locations }), 500);
			}
		});

		it('checks a parentId: unknown is an HTML 404, on an unseen board a 403 (1346-1359)', async () => {
			const id = await create();
			expectStyleB(await put(id, { parentId: 'nope' }), 404);
			const foreign = seedOtherBoard(h, f.outsider.id);
			const secret = h.wekan.createCard({ title: 'Secret', ...foreign, userId: f.outsider.id })._id;
			expectStyleB(await put(id, { parentId: secret }), 403);
			h.wekan.db.boards.direct.update(foreign.boardId, { $set: { permission: 'public' } });
			expect((await put(id, { parentId: secret })).status).toBe(200);
			expect(cardOf(h, id).parentId).toBe(secret);
		});

		it('moves modifiedAt and dateLastActivity (the schema\'s autoValues), logging nothing', async () => {
			const id = await create();
			const old = new Date(2000, 0, 1);
			patchCard(h, id, { modifiedAt: old, dateLastActivity: old });
			await put(id, { title: 'Changed', description: 'changed', dueAt: '2030-01-01T00:00:00.000Z' });
			const card = cardOf(h, id);
			expect(card.modifiedAt.getTime()).toBeGreaterThan(old.getTime());
			expect(card.dateLastActivity.getTime()).toBeGreaterThan(old.getTime());
			for (const type of ['a-changedTitle', 'a-changedDescription', 'a-dueAt'])
				expect(activitiesOf(h, type)).toEqual([]);
		});

		it('keeps the writes before an error and skips the ones after it', async () => {
			const id = await create();
			// The handler's order is title, sort, parentId, description, color, ..., members: not the body's.
			const r = await put(id, {
				members: [f.normal.id],
				color: 'chartreuse',
				description: 'Applied too',
				title: 'Applied',
			});
			expectStyleB(r, 500);
			expect(cardOf(h, id)).toMatchObject({ title: 'Applied', description: 'Applied too', members: [] });
		});

		it('archives and restores by board and id, any list, setting only `archived` (#5546)', async () => {
			const id = await create();
			patchCard(h, id, { parentId: 'p' });
			const child = await create();
			patchCard(h, child, { parentId: id });
			await put(id, { archive: true });
			expect(cardOf(h, id).archived).toBe(true);
			expect(cardOf(h, id).archivedAt).toBeUndefined();
			expect(cardOf(h, child).archived).toBe(false);
			expect(activitiesOf(h, 'archivedCard')).toEqual([]);
			const r = await put(id, { archive: 'False' }, { listId: f.list2Id });
			expect(r.json).toEqual({ _id: id });
			expect(cardOf(h, id).archived).toBe(false);
			// Any present key counts as an update, even one that changes nothing.
			expect((await put(id, { archive: 'no' })).status).toBe(200);
		});

		it('needs board write access: other roles, outsiders and anonymous callers get HTML errors', async () => {
			const id = await create();
			expect((await put(id, { title: 'ok' }, { token: f.normal.token })).status).toBe(200);
			expectStyleB(await put(id, { title: 'no' }, { token: f.reader.token }), 403);
			expectStyleB(await put(id, { title: 'no' }, { token: f.commenter.token }), 403);
			expectStyleB(await put(id, { title: 'no' }, { token: f.outsider.token }), 403);
			expectStyleB(await h.call('PUT', `${f.listPath}/${id}`, { body: { title: 'no' } }), 401);
			expectStyleB(await put(id, { title: 'no' }, { boardId: 'nope' }), 404);
			expect(cardOf(h, id).title).toBe('ok');
		});
	});

	describe('moves within the board (#6572, #5399, #6423: 1534-1592)', () => {
		it('moves to another list on top, and logs moveCard with the caller', async () => {
			const id = await create();
			const other = await create({}, f.list2Id);
			patchCard(h, other, { sort: 3 });
			const r = await put(id, { listId: f.list2Id });
			expect(r.json).toEqual({ _id: id });
			expect(cardOf(h, id)).toMatchObject({ listId: f.list2Id, sort: 2 });
			expect(activitiesOf(h, 'moveCard', id)).toEqual([
				expect.objectContaining({
					userId: f.owner.id,
					listId: f.list2Id,
					listName: 'Done',
					oldListId: f.listId,
					swimlaneId: f.swimlaneId,
					swimlaneName: 'Default',
					cardTitle: 'Card',
				}),
			]);
			expect(activitiesOf(h, 'moveCard', id)[0]).not.toHaveProperty('oldSwimlaneId');
		});

		it('lands at sort 0 in an empty list, and on top of its own list without an activity', async () => {
			const id = await create();
			patchCard(h, id, { sort: 9 });
			await put(id, { listId: f.list2Id });
			expect(cardOf(h, id).sort).toBe(0);
			const mate = await create({}, f.list2Id);
			patchCard(h, mate, { sort: -4 });
			await put(id, { listId: f.list2Id }, { listId: f.list2Id });
			expect(cardOf(h, id).sort).toBe(-5);
			expect(activitiesOf(h, 'moveCard', id)).toHaveLength(1);
		});

		it('moves to another swimlane of the board, archived ones too, without an activity', async () => {
			const lane = h.wekan.createSwimlane(f.boardId, 'Second');
			h.wekan.db.swimlanes.direct.update(lane._id, { $set: { archived: true } });
			const id = await create();
			await put(id, { swimlaneId: lane._id });
			expect(cardOf(h, id).swimlaneId).toBe(lane._id);
			expect(activitiesOf(h, 'moveCard')).toEqual([]);
		});

		it('answers 400 {error} for a list or swimlane of another board, keeping the writes before', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create();
			const byList = await put(id, { title: 'Renamed', listId: other.listId, boardId: other.boardId });
			expect(byList.status).toBe(400);
			expect(byList.json).toEqual({
				error:
					'listId does not belong to this board. ' +
					'To move a card to another board, send newBoardId, newSwimlaneId and newListId.',
			});
			expect(cardOf(h, id)).toMatchObject({ title: 'Renamed', listId: f.listId, boardId: f.boardId });
			const bySwimlane = await put(id, { swimlaneId: other.swimlaneId, listId: f.list2Id });
			expect(bySwimlane.status).toBe(400);
			expect(bySwimlane.json.error).toMatch(/^swimlaneId does not belong to this board\./);
			expect(cardOf(h, id).listId).toBe(f.listId);
		});

		it('misses the later list-pinned writes, but not the archive, which is not pinned', async () => {
			const id = await create();
			await put(id, { listId: f.list2Id, dueComplete: true, stickers: [{ icon: 'x' }], archive: true });
			expect(cardOf(h, id)).toMatchObject({
				listId: f.list2Id,
				dueComplete: false,
				stickers: [],
				archived: true,
			});
		});

		it('logs moveCard for a card the write missed, comparing its real list with the URL\'s', async () => {
			const id = await create({}, f.list2Id);
			const third = h.wekan.createList(f.boardId, 'Third', f.swimlaneId, 2)._id;
			const r = await put(id, { listId: third });
			expect(r.status).toBe(200);
			expect(cardOf(h, id).listId).toBe(f.list2Id);
			expect(activitiesOf(h, 'moveCard', id)).toEqual([
				expect.objectContaining({ listId: f.list2Id, oldListId: f.listId }),
			]);
		});

		it('answers an HTML 500 for a list move of an unknown card (cardMove reads doc.boardId)', async () => {
			expectStyleB(await put('missing', { listId: f.list2Id }), 500);
		});
	});

	describe('moves to another board (newBoardId, newSwimlaneId, newListId: 1593-1635)', () => {
		it('moves on top of the list with a direct write: checklists, labels and members stay', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const mate = h.wekan.createCard({ title: 'Mate', ...other, userId: f.owner.id, sort: 4 })._id;
			const id = await create({ members: [f.normal.id] });
			patchCard(h, id, { labelIds: ['lab'] });
			const checklistId = h.wekan.db.checklists.direct.insert({
				cardId: id,
				boardId: f.boardId,
				title: 'c',
				sort: 0,
			});
			const r = await put(id, {
				newBoardId: other.boardId,
				newSwimlaneId: other.swimlaneId,
				newListId: other.listId,
				listId: f.list2Id,
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(cardOf(h, id)).toMatchObject({
				boardId: other.boardId,
				swimlaneId: other.swimlaneId,
				listId: other.listId,
				sort: 3,
				labelIds: ['lab'],
				members: [f.normal.id],
				cardNumber: 1,
			});
			expect(cardOf(h, mate).sort).toBe(4);
			// The checklist re-homing hook (server/models/cards.js:736-741) does not run for a direct write.
			expect(h.wekan.db.checklists.findOne(checklistId)?.boardId).toBe(f.boardId);
			// cardMove is given the destination as the old place, so nothing is logged.
			expect(activitiesOf(h, 'moveCardBoard')).toEqual([]);
			expect(activitiesOf(h, 'moveCard')).toEqual([]);
		});

		it('misses the later writes pinned to the URL\'s board', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create();
			await put(id, {
				newBoardId: other.boardId,
				newSwimlaneId: other.swimlaneId,
				newListId: other.listId,
				archive: true,
			});
			expect(cardOf(h, id)).toMatchObject({ boardId: other.boardId, archived: false });
		});

		it('logs moveCardBoard backwards for a card the write missed', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create({}, f.list2Id);
			const r = await put(id, {
				newBoardId: other.boardId,
				newSwimlaneId: other.swimlaneId,
				newListId: other.listId,
			});
			expect(r.status).toBe(200);
			expect(cardOf(h, id).boardId).toBe(f.boardId);
			expect(activitiesOf(h, 'moveCardBoard', id)).toEqual([
				expect.objectContaining({
					userId: f.owner.id,
					boardId: f.boardId,
					boardName: 'Cards',
					oldBoardId: other.boardId,
					oldBoardName: 'Other',
					swimlaneId: f.swimlaneId,
					swimlaneName: 'Default',
					oldSwimlaneId: other.swimlaneId,
				}),
			]);
		});

		it('needs write access on the destination board (HTML 403, or 404 for no board)', async () => {
			const foreign = seedOtherBoard(h, f.outsider.id);
			const id = await create();
			const body = { newBoardId: foreign.boardId, newSwimlaneId: foreign.swimlaneId, newListId: foreign.listId };
			expectStyleB(await put(id, body), 403);
			expectStyleB(await put(id, { ...body, newBoardId: 'nope' }), 404);
			expect(cardOf(h, id).boardId).toBe(f.boardId);
		});

		it('answers 404 {error} for a list or swimlane that is not live on the destination board', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create();
			const badList = await put(id, {
				newBoardId: other.boardId,
				newSwimlaneId: other.swimlaneId,
				newListId: f.list2Id,
			});
			expect(badList.status).toBe(404);
			expect(badList.json).toEqual({
				error: 'Destination list not found or does not belong to destination board',
			});
			h.wekan.db.swimlanes.direct.update(other.swimlaneId, { $set: { archived: true } });
			const badLane = await put(id, {
				newBoardId: other.boardId,
				newSwimlaneId: other.swimlaneId,
				newListId: other.listId,
			});
			expect(badLane.status).toBe(404);
			expect(badLane.json).toEqual({
				error: 'Destination swimlane not found or does not belong to destination board',
			});
			expect(cardOf(h, id).boardId).toBe(f.boardId);
		});

		it('is no board move with two of the three ids: alone, 404 {message:"Error"}', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create();
			const r = await put(id, { newBoardId: other.boardId, newListId: other.listId });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ message: 'Error' });
		});
	});
});
