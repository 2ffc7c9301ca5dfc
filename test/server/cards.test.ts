import { newMember } from '../wekan-server/permissions';
import { expectEmpty200, expectStyleA, expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

interface Fixture {
	owner: TestUser;
	normal: TestUser;
	reader: TestUser;
	commenter: TestUser;
	outsider: TestUser;
	boardId: string;
	swimlaneId: string;
	listId: string;
	list2Id: string;
}

/** A board built through the model (so these tests do not depend on the board routes), with one user per role. */
async function fixture(h: ServerHarness): Promise<Fixture> {
	await h.user('siteadmin');
	const owner = await h.user('owner');
	const normal = await h.user('normal');
	const reader = await h.user('reader');
	const commenter = await h.user('commenter');
	const outsider = await h.user('outsider');
	const board = h.wekan.createBoard({ title: 'Cards', ownerId: owner.id });
	board.members.push(
		newMember(normal.id),
		newMember(reader.id, { isReadOnly: true }),
		newMember(commenter.id, { isCommentOnly: true }),
	);
	const swimlaneId = h.wekan.defaultSwimlaneId(board._id)!;
	const listId = h.wekan.createList(board._id, 'Todo', swimlaneId, 0)._id;
	const list2Id = h.wekan.createList(board._id, 'Done', swimlaneId, 1)._id;
	return { owner, normal, reader, commenter, outsider, boardId: board._id, swimlaneId, listId, list2Id };
}

describe('card routes', () => {
	let h: ServerHarness;
	let f: Fixture;
	let listPath: string;

	const create = async (body: Record<string, unknown> = {}, token = f.owner.token, listId = f.listId) => {
		const r = await h.call('POST', `/api/boards/${f.boardId}/lists/${listId}/cards`, {
			token,
			body: { title: 'Card', swimlaneId: f.swimlaneId, authorId: f.owner.id, ...body },
		});
		expect(r.status).toBe(200);
		return r.json._id as string;
	};
	const card = (id: string) => h.wekan.store.cards.get(id)!;
	const activities = (type: string) => h.wekan.store.activities.find((a) => a.activityType === type);

	beforeEach(async () => {
		h = await startHarness();
		f = await fixture(h);
		listPath = `/api/boards/${f.boardId}/lists/${f.listId}/cards`;
	});
	afterEach(() => h.close());

	describe('GET list cards', () => {
		it('returns only the listed keys of non-archived cards, sorted by sort', async () => {
			const a = await create({ title: 'A', dueAt: '2030-01-01T00:00:00.000Z', members: [f.normal.id] });
			const b = await create({ title: 'B' });
			card(a).sort = 5;
			card(a).labelIds = ['x'];
			const archived = await create({ title: 'Gone' });
			card(archived).archived = true;
			const r = await h.call('GET', listPath, { token: f.reader.token });
			expect(r.status).toBe(200);
			expect(r.json.map((c: { _id: string }) => c._id)).toEqual([b, a]);
			expect(Object.keys(r.json[1]).sort()).toEqual(
				['_id', 'assignees', 'description', 'dueAt', 'sort', 'swimlaneId', 'title'].sort(),
			);
			expect(r.json[1]).toEqual({
				_id: a,
				title: 'A',
				description: '',
				swimlaneId: f.swimlaneId,
				dueAt: '2030-01-01T00:00:00.000Z',
				assignees: [],
				sort: 5,
			});
		});

		it('refuses comment-only members, outsiders and anonymous callers with HTML pages', async () => {
			expectStyleB(await h.call('GET', listPath, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('GET', listPath, { token: f.outsider.token }), 403);
			expectStyleB(await h.call('GET', listPath), 401);
			expectStyleB(await h.call('GET', `/api/boards/nope/lists/${f.listId}/cards`, { token: f.owner.token }), 404);
		});
	});

	describe('GET /api/cards/:cardId', () => {
		it('returns the full document, archived or not', async () => {
			const id = await create({ title: 'Full' });
			card(id).archived = true;
			const r = await h.call('GET', `/api/cards/${id}`, { token: f.reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({
				_id: id,
				title: 'Full',
				archived: true,
				boardId: f.boardId,
				listId: f.listId,
				swimlaneId: f.swimlaneId,
				userId: f.owner.id,
				type: 'cardType-card',
				labelIds: [],
				members: [],
				cardNumber: expect.any(Number),
			});
			expect(r.json.modifiedAt).toEqual(expect.any(String));
		});

		it('answers a missing card with a JSON 404 before any auth check, then checks board-read', async () => {
			for (const token of [f.owner.token, undefined]) {
				const r = await h.call('GET', '/api/cards/missing', { token });
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ error: 'Card not found' });
			}
			const id = await create();
			expectStyleB(await h.call('GET', `/api/cards/${id}`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('GET', `/api/cards/${id}`, { token: f.outsider.token }), 403);
			expectStyleB(await h.call('GET', `/api/cards/${id}`), 401);
		});
	});

	describe('GET one card in a list', () => {
		it('returns the full card, and an empty 200 for archived, unknown or other-list cards', async () => {
			const id = await create({ description: 'd' });
			const r = await h.call('GET', `${listPath}/${id}`, { token: f.reader.token });
			expect(r.json).toMatchObject({ _id: id, description: 'd', members: [], labelIds: [] });
			expectEmpty200(await h.call('GET', `${listPath}/unknown`, { token: f.owner.token }));
			expectEmpty200(await h.call('GET', `/api/boards/${f.boardId}/lists/${f.list2Id}/cards/${id}`, { token: f.owner.token }));
			card(id).archived = true;
			expectEmpty200(await h.call('GET', `${listPath}/${id}`, { token: f.owner.token }));
		});

		it('refuses comment-only members with an HTML 403', async () => {
			const id = await create();
			expectStyleB(await h.call('GET', `${listPath}/${id}`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('GET', `${listPath}/${id}`), 401);
		});
	});

	describe('POST create', () => {
		it('creates a card at the bottom with the token user as author and records createCard', async () => {
			const first = await create({ title: 'One' });
			const second = await create({ title: 'Two', authorId: f.normal.id, description: 'text' });
			expect(card(first).sort).toBe(0);
			expect(card(second)).toMatchObject({ sort: 1, userId: f.owner.id, description: 'text', title: 'Two' });
			const created = activities('createCard').find((a) => a.cardId === second)!;
			expect(created).toMatchObject({ userId: f.owner.id, boardId: f.boardId, listId: f.listId, swimlaneId: f.swimlaneId, origin: 'rest' });
			expect(h.wekan.store.lists.get(f.listId)!.cardsModifiedAt).toBeInstanceOf(Date);
		});

		it('counts only non-archived cards for the new sort', async () => {
			const a = await create();
			await create();
			card(a).archived = true;
			expect(card(await create()).sort).toBe(1);
		});

		it('answers a missing swimlaneId with an HTML 500 and creates nothing', async () => {
			const before = h.wekan.store.cards.size;
			const r = await h.call('POST', listPath, { token: f.owner.token, body: { title: 'x', authorId: f.owner.id } });
			expectStyleB(r, 500);
			expect(h.wekan.store.cards.size).toBe(before);
		});

		it('keeps only active board members in members and assignees, and accepts a single id string', async () => {
			h.wekan.store.boards.get(f.boardId)!.members.push({ ...newMember('ghost'), isActive: false });
			const id = await create({ members: [f.normal.id, f.outsider.id, 'ghost'], assignees: f.reader.id });
			expect(card(id).members).toEqual([f.normal.id]);
			expect(card(id).assignees).toEqual([f.reader.id]);
		});

		it('parses dates as ISO strings or epoch ms and skips unparseable ones', async () => {
			const id = await create({ dueAt: '2031-05-06T07:08:09.000Z', startAt: 1_700_000_000_000, endAt: 'soon', receivedAt: '' });
			expect(card(id).dueAt?.toISOString()).toBe('2031-05-06T07:08:09.000Z');
			expect(card(id).startAt?.getTime()).toBe(1_700_000_000_000);
			expect(card(id).endAt).toBeUndefined();
			expect(card(id).receivedAt).toBeUndefined();
		});

		it('ignores labelIds, color, customFields, sort and parentId in the body', async () => {
			const parent = await create();
			const id = await create({ labelIds: ['l1'], color: 'red', customFields: [{ _id: 'cf', value: 'v' }], sort: 42, parentId: parent });
			expect(card(id)).toMatchObject({ labelIds: [], customFields: [], sort: 1, parentId: '' });
			expect(card(id).color).toBeUndefined();
		});

		it('does not check listId or swimlaneId against the board', async () => {
			const id = await create({ swimlaneId: 'elsewhere' }, f.owner.token, 'no-such-list');
			expect(card(id)).toMatchObject({ listId: 'no-such-list', swimlaneId: 'elsewhere', boardId: f.boardId });
		});

		it('creates a linked card from linkedId, and 404s for an unknown one', async () => {
			const source = await create({ title: 'Source' });
			const id = await create({ linkedId: source }, f.owner.token, f.list2Id);
			expect(card(id)).toMatchObject({ type: 'cardType-linkedCard', linkedId: source, listId: f.list2Id });
			const r = await h.call('POST', listPath, { token: f.owner.token, body: { swimlaneId: f.swimlaneId, linkedId: 'nope' } });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'linkedId card not found' });
		});

		it('puts the board\'s automatic custom fields on the new card', async () => {
			const now = new Date();
			h.wekan.store.customFields.insert({
				_id: 'cfAuto', boardIds: [f.boardId], name: 'Auto', type: 'text', settings: {}, showOnCard: false,
				automaticallyOnCard: true, alwaysOnCard: false, showLabelOnMiniCard: false, showSumAtTopOfList: false,
				createdAt: now, modifiedAt: now,
			});
			expect(card(await create()).customFields).toEqual([{ _id: 'cfAuto', value: null }]);
		});

		it('needs the comment capability: comment-only members pass, read-only members and outsiders do not', async () => {
			await create({}, f.commenter.token);
			for (const [token, status] of [[f.reader.token, 403], [f.outsider.token, 403], [undefined, 401]] as const) {
				expectStyleB(await h.call('POST', listPath, { token, body: { title: 'x', swimlaneId: f.swimlaneId } }), status);
			}
		});
	});

	describe('POST bulk', () => {
		const bulkPath = () => `${listPath}/bulk`;

		it('creates cards in order with index and _id, using the top-level swimlane as default', async () => {
			await create();
			const r = await h.call('POST', bulkPath(), {
				token: f.owner.token,
				body: { swimlaneId: f.swimlaneId, cards: [{ title: 'a' }, { title: 'b', members: [f.normal.id, f.outsider.id] }] },
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual([{ index: 0, _id: expect.any(String) }, { index: 1, _id: expect.any(String) }]);
			expect(card(r.json[0]._id)).toMatchObject({ title: 'a', sort: 1, swimlaneId: f.swimlaneId, userId: f.owner.id });
			expect(card(r.json[1]._id)).toMatchObject({ sort: 2, members: [f.normal.id] });
			expect(activities('createCard')).toHaveLength(3);
		});

		it('reports an entry without any swimlane as an error and keeps going', async () => {
			const r = await h.call('POST', bulkPath(), { token: f.owner.token, body: { cards: [{ title: 'a' }, { title: 'b', swimlaneId: f.swimlaneId }] } });
			expect(r.json[0]).toEqual({ index: 0, error: expect.any(String) });
			expect(r.json[1]).toEqual({ index: 1, _id: expect.any(String) });
		});

		it('answers 400 {error} for an empty, missing or oversized array', async () => {
			for (const cards of [[], undefined, Array.from({ length: 501 }, () => ({ title: 't' }))]) {
				const r = await h.call('POST', bulkPath(), { token: f.owner.token, body: { swimlaneId: f.swimlaneId, cards } });
				expect(r.status).toBe(400);
				expect(r.json.error).toEqual(expect.any(String));
			}
			expect(h.wekan.store.cards.size).toBe(0);
		});

		it('needs the comment capability', async () => {
			const body = { swimlaneId: f.swimlaneId, cards: [{ title: 'a' }] };
			expect((await h.call('POST', bulkPath(), { token: f.commenter.token, body })).status).toBe(200);
			expectStyleB(await h.call('POST', bulkPath(), { token: f.reader.token, body }), 403);
			expectStyleB(await h.call('POST', bulkPath(), { token: f.outsider.token, body }), 403);
			expectStyleB(await h.call('POST', bulkPath(), { body }), 401);
		});
	});

	describe('PUT card', () => {
		const put = (id: string, body: unknown, token = f.owner.token, path = listPath) =>
			h.call('PUT', `${path}/${id}`, { token, body });

		it('writes the truthy text fields and returns {_id}', async () => {
			const id = await create();
			const r = await put(id, {
				title: 'x'.repeat(1200),
				description: 'desc',
				color: 'crimson',
				requestedBy: 'alice',
				assignedBy: 'bob',
				sort: 7,
				spentTime: 3,
				labelIds: 'lab1',
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(card(id)).toMatchObject({
				description: 'desc', color: 'crimson', requestedBy: 'alice', assignedBy: 'bob', sort: 7, spentTime: 3, labelIds: ['lab1'],
			});
			expect(card(id).title).toHaveLength(1000);
		});

		it('cannot set or clear text fields with falsy values: nothing recognised is 404 {message:"Error"}', async () => {
			const id = await create({ title: 'Keep', description: 'keep' });
			const r = await put(id, { title: '', description: '', sort: 0, color: '' });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ message: 'Error' });
			expect(card(id)).toMatchObject({ title: 'Keep', description: 'keep', sort: 0 });
			expect((await put(id, { unknownField: 'x' })).json).toEqual({ message: 'Error' });
		});

		it('replaces labelIds, and [] clears them', async () => {
			const id = await create();
			await put(id, { labelIds: ['a', 'b'] });
			await put(id, { labelIds: ['c'] });
			expect(card(id).labelIds).toEqual(['c']);
			await put(id, { labelIds: [] });
			expect(card(id).labelIds).toEqual([]);
		});

		it('accepts #rrggbb colours and answers a colour outside the palette with an HTML 500', async () => {
			const id = await create();
			await put(id, { color: '#a1b2c3' });
			expect(card(id).color).toBe('#a1b2c3');
			expectStyleB(await put(id, { color: 'chartreuse' }), 500);
			expect(card(id).color).toBe('#a1b2c3');
		});

		it('sets and clears dates, and skips unparseable ones', async () => {
			const id = await create({ dueAt: '2030-01-01T00:00:00.000Z', startAt: '2030-01-01T00:00:00.000Z' });
			await put(id, { receivedAt: 1_800_000_000_000, dueAt: '', startAt: 'null', endAt: 'whenever' });
			expect(card(id).receivedAt?.getTime()).toBe(1_800_000_000_000);
			expect(card(id).dueAt).toBeUndefined();
			expect(card(id).startAt).toBeUndefined();
			expect(card(id).endAt).toBeUndefined();
			await put(id, { dueAt: null });
			expect(card(id).dueAt).toBeUndefined();
			// An unparseable date alone is not "recognised".
			expect((await put(id, { endAt: 'whenever' })).status).toBe(404);
		});

		it('filters members and assignees to active board members and clears them with null, "" or []', async () => {
			const id = await create();
			await put(id, { members: [f.normal.id, f.outsider.id], assignees: f.reader.id });
			expect(card(id)).toMatchObject({ members: [f.normal.id], assignees: [f.reader.id] });
			await put(id, { members: null, assignees: '' });
			expect(card(id)).toMatchObject({ members: [], assignees: [] });
			await put(id, { members: [f.normal.id] });
			await put(id, { members: [] });
			expect(card(id).members).toEqual([]);
		});

		it('sets vote and poker with fresh tallies, customFields, stickers and locations (also as JSON strings)', async () => {
			const id = await create();
			await put(id, {
				vote: { question: 'Q?', positive: ['x'] },
				poker: { question: true, one: ['x'] },
				customFields: [{ _id: 'cf1', value: 'v' }],
				stickers: JSON.stringify([{ icon: 'star', highlight: true }]),
				locations: [{ name: 'HQ', latitude: '1.5', longitude: 2 }],
			});
			const c = card(id);
			expect(c.vote).toEqual({ question: 'Q?', public: false, allowNonBoardMembers: false, positive: [], negative: [] });
			expect(c.poker).toMatchObject({ question: true, allowNonBoardMembers: false, one: [], unsure: [] });
			expect(c.customFields).toEqual([{ _id: 'cf1', value: 'v' }]);
			expect(c.stickers).toEqual([{ icon: 'star', highlight: true }]);
			expect(c.locations).toEqual([{ _id: expect.any(String), name: 'HQ', address: '', latitude: 1.5, longitude: 2 }]);
		});

		it('sets dueComplete from a boolean or a "true"/"false" string', async () => {
			const id = await create();
			await put(id, { dueComplete: 'true' });
			expect(card(id).dueComplete).toBe(true);
			await put(id, { dueComplete: false });
			expect(card(id).dueComplete).toBe(false);
		});

		it('archives and un-archives through the archive flag, even from the wrong list', async () => {
			const id = await create();
			await put(id, { archive: true });
			expect(card(id).archived).toBe(true);
			const r = await put(id, { archive: 'false' }, f.owner.token, `/api/boards/${f.boardId}/lists/${f.list2Id}/cards`);
			expect(r.json).toEqual({ _id: id });
			expect(card(id).archived).toBe(false);
		});

		it('answers 200 {_id} and changes nothing for a missing card or the wrong list', async () => {
			const id = await create({ title: 'Same' });
			const missing = await put('nope', { title: 'New' });
			expect(missing.status).toBe(200);
			expect(missing.json).toEqual({ _id: 'nope' });
			const wrongList = await put(id, { title: 'New' }, f.owner.token, `/api/boards/${f.boardId}/lists/${f.list2Id}/cards`);
			expect(wrongList.json).toEqual({ _id: id });
			expect(card(id).title).toBe('Same');
		});

		it('answers isOverTime with an HTML 500 after applying the fields before it', async () => {
			const id = await create();
			const r = await put(id, { title: 'Applied', isOverTime: true, members: [f.normal.id] });
			expectStyleB(r, 500);
			expect(card(id).title).toBe('Applied');
			expect(card(id).members).toEqual([]);
		});

		it('touches the card and its list', async () => {
			const id = await create();
			const old = new Date(2000, 0, 1);
			card(id).modifiedAt = old;
			card(id).dateLastActivity = old;
			h.wekan.store.lists.get(f.listId)!.cardsModifiedAt = old;
			await put(id, { description: 'changed' });
			expect(card(id).modifiedAt.getTime()).toBeGreaterThan(old.getTime());
			expect(card(id).dateLastActivity.getTime()).toBeGreaterThan(old.getTime());
			expect(h.wekan.store.lists.get(f.listId)!.cardsModifiedAt!.getTime()).toBeGreaterThan(old.getTime());
		});

		describe('moves within the board', () => {
			it('moves to another list on top, records moveCard and touches both lists', async () => {
				const id = await create();
				const other = await create({}, f.owner.token, f.list2Id);
				card(other).sort = 3;
				const old = new Date(2000, 0, 1);
				h.wekan.store.lists.get(f.listId)!.cardsModifiedAt = old;
				h.wekan.store.lists.get(f.list2Id)!.cardsModifiedAt = old;
				const r = await put(id, { listId: f.list2Id });
				expect(r.json).toEqual({ _id: id });
				expect(card(id)).toMatchObject({ listId: f.list2Id, sort: 2 });
				expect(activities('moveCard')).toEqual([
					expect.objectContaining({ cardId: id, listId: f.list2Id, oldListId: f.listId, origin: 'rest' }),
				]);
				for (const list of [f.listId, f.list2Id]) {
					expect(h.wekan.store.lists.get(list)!.cardsModifiedAt!.getTime()).toBeGreaterThan(old.getTime());
				}
			});

			it('puts a moved card at sort 0 in an empty list', async () => {
				const id = await create();
				card(id).sort = 9;
				await put(id, { listId: f.list2Id });
				expect(card(id).sort).toBe(0);
			});

			it('moves to another swimlane of the board', async () => {
				const lane = h.wekan.createSwimlane(f.boardId, 'Second');
				const id = await create();
				await put(id, { swimlaneId: lane._id });
				expect(card(id).swimlaneId).toBe(lane._id);
			});

			it('answers 400 {error} for a list or swimlane of another board, keeping earlier writes', async () => {
				const other = h.wekan.createBoard({ title: 'Other', ownerId: f.owner.id });
				const otherList = h.wekan.createList(other._id, 'L');
				const id = await create();
				const byList = await put(id, { title: 'Renamed', listId: otherList._id, boardId: other._id });
				expect(byList.status).toBe(400);
				expect(byList.json.error).toMatch(/listId does not belong to this board/);
				expect(card(id)).toMatchObject({ title: 'Renamed', listId: f.listId, boardId: f.boardId });
				const bySwimlane = await put(id, { swimlaneId: h.wekan.defaultSwimlaneId(other._id) });
				expect(bySwimlane.status).toBe(400);
				expect(bySwimlane.json.error).toMatch(/swimlaneId does not belong to this board/);
			});

			it('leaves later list-pinned fields unwritten after a list move', async () => {
				const id = await create();
				await put(id, { listId: f.list2Id, dueComplete: true });
				expect(card(id).listId).toBe(f.list2Id);
				expect(card(id).dueComplete).toBe(false);
			});
		});

		describe('moves to another board', () => {
			it('moves with newBoardId, newSwimlaneId and newListId, on top, taking its checklists along', async () => {
				const other = h.wekan.createBoard({ title: 'Other', ownerId: f.owner.id });
				const otherLane = h.wekan.defaultSwimlaneId(other._id)!;
				const otherList = h.wekan.createList(other._id, 'Inbox');
				const id = await create();
				const now = new Date();
				h.wekan.store.checklists.insert({ _id: 'cl', cardId: id, boardId: f.boardId, title: 'c', createdAt: now, modifiedAt: now, sort: 0 });
				const r = await put(id, { newBoardId: other._id, newSwimlaneId: otherLane, newListId: otherList._id });
				expect(r.json).toEqual({ _id: id });
				expect(card(id)).toMatchObject({ boardId: other._id, swimlaneId: otherLane, listId: otherList._id, sort: 0 });
				expect(h.wekan.store.checklists.get('cl')!.boardId).toBe(other._id);
				expect(activities('moveCardBoard')).toEqual([expect.objectContaining({ cardId: id, oldBoardId: f.boardId })]);
			});

			it('needs write access on the target board', async () => {
				const foreign = h.wekan.createBoard({ title: 'Foreign', ownerId: f.outsider.id });
				const list = h.wekan.createList(foreign._id, 'L');
				const id = await create();
				const body = { newBoardId: foreign._id, newSwimlaneId: h.wekan.defaultSwimlaneId(foreign._id), newListId: list._id };
				expectStyleB(await put(id, body), 403);
				expect(card(id).boardId).toBe(f.boardId);
			});

			it('answers 404 {error} when the target list or swimlane is not on the target board', async () => {
				const other = h.wekan.createBoard({ title: 'Other', ownerId: f.owner.id });
				const otherList = h.wekan.createList(other._id, 'Inbox');
				const id = await create();
				const badList = await put(id, { newBoardId: other._id, newSwimlaneId: h.wekan.defaultSwimlaneId(other._id), newListId: f.list2Id });
				expect(badList.status).toBe(404);
				expect(badList.json.error).toMatch(/Destination list/);
				const badLane = await put(id, { newBoardId: other._id, newSwimlaneId: f.swimlaneId, newListId: otherList._id });
				expect(badLane.status).toBe(404);
				expect(badLane.json.error).toMatch(/Destination swimlane/);
				expect(card(id).boardId).toBe(f.boardId);
			});

			it('does not treat two of the three new* ids as a board move', async () => {
				const other = h.wekan.createBoard({ title: 'Other', ownerId: f.owner.id });
				const id = await create();
				const r = await put(id, { newBoardId: other._id, newListId: 'x' });
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ message: 'Error' });
			});
		});

		it('needs board-write: read-only and comment-only members, outsiders and anonymous callers get HTML errors', async () => {
			const id = await create();
			expect((await put(id, { title: 'ok' }, f.normal.token)).status).toBe(200);
			expectStyleB(await put(id, { title: 'no' }, f.reader.token), 403);
			expectStyleB(await put(id, { title: 'no' }, f.commenter.token), 403);
			expectStyleB(await put(id, { title: 'no' }, f.outsider.token), 403);
			expectStyleB(await h.call('PUT', `${listPath}/${id}`, { body: { title: 'no' } }), 401);
			expect(card(id).title).toBe('ok');
		});
	});

	describe('DELETE card', () => {
		it('deletes the card with its checklists, comments, attachments and subcards, and records deleteCard', async () => {
			const id = await create();
			const child = await create({ title: 'child' });
			card(child).parentId = id;
			const now = new Date();
			h.wekan.store.checklists.insert({ _id: 'cl', cardId: id, boardId: f.boardId, title: 'c', createdAt: now, modifiedAt: now, sort: 0 });
			h.wekan.store.checklistItems.insert({
				_id: 'it', title: 'i', sort: 0, isFinished: false, checklistId: 'cl', cardId: id, boardId: f.boardId, createdAt: now, modifiedAt: now,
			});
			h.wekan.store.comments.insert({ _id: 'co', boardId: f.boardId, cardId: id, text: 't', createdAt: now, modifiedAt: now, userId: f.owner.id });
			const r = await h.call('DELETE', `${listPath}/${id}`, { token: f.owner.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(h.wekan.store.cards.get(id)).toBeUndefined();
			expect(h.wekan.store.cards.get(child)).toBeUndefined();
			expect(h.wekan.store.checklists.size + h.wekan.store.checklistItems.size + h.wekan.store.comments.size).toBe(0);
			expect(activities('deleteCard')).toEqual([expect.objectContaining({ cardId: id, cardTitle: 'Card', origin: 'rest' })]);
		});

		it('answers 200 {_id} for a card that does not exist', async () => {
			const r = await h.call('DELETE', `${listPath}/missing`, { token: f.owner.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: 'missing' });
			expect(activities('deleteCard')).toHaveLength(0);
		});

		it('needs board-write', async () => {
			const id = await create();
			expectStyleB(await h.call('DELETE', `${listPath}/${id}`, { token: f.reader.token }), 403);
			expectStyleB(await h.call('DELETE', `${listPath}/${id}`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('DELETE', `${listPath}/${id}`), 401);
			expect(h.wekan.store.cards.get(id)).toBeDefined();
		});
	});

	describe('DELETE bulk', () => {
		const path = () => `/api/boards/${f.boardId}/cards/bulk`;

		it('deletes the board\'s cards (archived too) and reports the others as notFound', async () => {
			const a = await create();
			const b = await create();
			card(b).archived = true;
			const other = h.wekan.createBoard({ title: 'Other', ownerId: f.owner.id });
			const foreign = h.wekan.store.newCard({ title: 'f', boardId: other._id, listId: 'l', swimlaneId: 's', userId: f.owner.id });
			const r = await h.call('DELETE', path(), { token: f.owner.token, body: { cardIds: [a, 'nope', b, foreign._id] } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ deleted: [a, b], notFound: ['nope', foreign._id] });
			expect(h.wekan.store.cards.get(foreign._id)).toBeDefined();
			expect(activities('deleteCard')).toHaveLength(2);
		});

		it('answers 400 {error} for an empty or oversized list, and needs board-write', async () => {
			for (const cardIds of [[], Array.from({ length: 501 }, (_, i) => `c${i}`)]) {
				const r = await h.call('DELETE', path(), { token: f.owner.token, body: { cardIds } });
				expect(r.status).toBe(400);
				expect(r.json.error).toEqual(expect.any(String));
			}
			expectStyleB(await h.call('DELETE', path(), { token: f.reader.token, body: { cardIds: ['x'] } }), 403);
			expectStyleB(await h.call('DELETE', path(), { body: { cardIds: ['x'] } }), 401);
		});
	});

	describe('archive and unarchive', () => {
		it('archives and restores, recording archivedCard and restoredCard', async () => {
			const id = await create();
			const archived = await h.call('POST', `${listPath}/${id}/archive`, { token: f.owner.token });
			expect(archived.status).toBe(200);
			expect(archived.json).toEqual({ _id: id, archived: true, archivedAt: expect.any(String) });
			expect(card(id)).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
			const restored = await h.call('POST', `${listPath}/${id}/unarchive`, { token: f.owner.token });
			expect(restored.json).toEqual({ _id: id, archived: false });
			expect(card(id).archived).toBe(false);
			expect(activities('archivedCard')).toEqual([expect.objectContaining({ cardId: id, origin: 'rest' })]);
			expect(activities('restoredCard')).toEqual([expect.objectContaining({ cardId: id, origin: 'rest' })]);
		});

		it('answers a missing (or already archived / not archived) card with an HTML 500', async () => {
			const id = await create();
			expectStyleB(await h.call('POST', `${listPath}/missing/archive`, { token: f.owner.token }), 500);
			expectStyleB(await h.call('POST', `${listPath}/${id}/unarchive`, { token: f.owner.token }), 500);
			await h.call('POST', `${listPath}/${id}/archive`, { token: f.owner.token });
			expectStyleB(await h.call('POST', `${listPath}/${id}/archive`, { token: f.owner.token }), 500);
		});

		it('needs board-write', async () => {
			const id = await create();
			expectStyleB(await h.call('POST', `${listPath}/${id}/archive`, { token: f.reader.token }), 403);
			expectStyleB(await h.call('POST', `${listPath}/${id}/archive`, { token: f.outsider.token }), 403);
			expectStyleB(await h.call('POST', `${listPath}/${id}/unarchive`), 401);
		});
	});

	describe('card counts', () => {
		it('counts non-archived cards of the board and of a list', async () => {
			await create();
			const b = await create();
			await create({}, f.owner.token, f.list2Id);
			card(b).archived = true;
			const board = await h.call('GET', `/api/boards/${f.boardId}/cards_count`, { token: f.reader.token });
			expect(board.json).toEqual({ board_cards_count: 2 });
			const list = await h.call('GET', `/api/boards/${f.boardId}/lists/${f.listId}/cards_count`, { token: f.reader.token });
			expect(list.json).toEqual({ list_cards_count: 1 });
		});

		it('answers permission failures in style A', async () => {
			expectStyleA(await h.call('GET', `/api/boards/${f.boardId}/cards_count`, { token: f.commenter.token }), 403);
			expectStyleA(await h.call('GET', `/api/boards/${f.boardId}/lists/${f.listId}/cards_count`, { token: f.outsider.token }), 403);
			expectStyleA(await h.call('GET', `/api/boards/${f.boardId}/cards_count`), 401);
		});
	});

	describe('custom field values', () => {
		it('finds cards by an exact custom field value', async () => {
			const a = await create();
			const b = await create();
			card(a).customFields = [{ _id: 'cf', value: 'blue' }];
			card(b).customFields = [{ _id: 'cf', value: 'Blue' }];
			const r = await h.call('GET', `/api/boards/${f.boardId}/cardsByCustomField/cf/blue`, { token: f.reader.token });
			expect(r.status).toBe(200);
			expect(r.json.map((c: { _id: string }) => c._id)).toEqual([a]);
			expect(r.json[0]).toMatchObject({ boardId: f.boardId, customFields: [{ _id: 'cf', value: 'blue' }] });
			expectStyleB(await h.call('GET', `/api/boards/${f.boardId}/cardsByCustomField/cf/blue`, { token: f.commenter.token }), 403);
		});

		it('updates a field already on the card and silently ignores one that is not', async () => {
			const id = await create();
			card(id).customFields = [{ _id: 'cf1', value: null }];
			const set = await h.call('POST', `${listPath}/${id}/customFields/cf1`, { token: f.owner.token, body: { value: 'x' } });
			expect(set.json).toEqual({ _id: id, customFields: [{ _id: 'cf1', value: 'x' }] });
			const absent = await h.call('POST', `${listPath}/${id}/customFields/cf2`, { token: f.owner.token, body: { value: 'y' } });
			expect(absent.status).toBe(200);
			expect(absent.json).toEqual({ _id: id, customFields: [{ _id: 'cf1', value: 'x' }] });
			expect(card(id).customFields).toEqual([{ _id: 'cf1', value: 'x' }]);
		});

		it('answers a missing card with an HTML 500 and needs board-write', async () => {
			const id = await create();
			expectStyleB(await h.call('POST', `${listPath}/missing/customFields/cf`, { token: f.owner.token, body: { value: 1 } }), 500);
			expectStyleB(await h.call('POST', `${listPath}/${id}/customFields/cf`, { token: f.reader.token, body: { value: 1 } }), 403);
		});
	});

	describe('card members and assignees', () => {
		it('adds and removes members and assignees with merge semantics and activities', async () => {
			const id = await create();
			const add = await h.call('POST', `${listPath}/${id}/members/${f.normal.id}`, { token: f.owner.token });
			expect(add.json).toEqual({ _id: id, members: [f.normal.id], assignees: [] });
			await h.call('POST', `${listPath}/${id}/members/${f.normal.id}`, { token: f.owner.token });
			const assignee = await h.call('POST', `${listPath}/${id}/assignees/${f.reader.id}`, { token: f.owner.token });
			expect(assignee.json).toEqual({ _id: id, members: [f.normal.id], assignees: [f.reader.id] });
			const removed = await h.call('DELETE', `${listPath}/${id}/members/${f.normal.id}`, { token: f.owner.token });
			expect(removed.json).toEqual({ _id: id, members: [], assignees: [f.reader.id] });
			const unassigned = await h.call('DELETE', `${listPath}/${id}/assignees/${f.reader.id}`, { token: f.owner.token });
			expect(unassigned.json).toEqual({ _id: id, members: [], assignees: [] });
			expect(activities('joinMember')).toHaveLength(1);
			expect(activities('unjoinMember')).toHaveLength(1);
			expect(activities('joinAssignee')).toEqual([expect.objectContaining({ memberId: f.reader.id, origin: 'rest' })]);
			expect(activities('unjoinAssignee')).toHaveLength(1);
		});

		it('refuses to add a user who is not an active board member, but removes a stale id', async () => {
			const id = await create();
			const r = await h.call('POST', `${listPath}/${id}/assignees/${f.outsider.id}`, { token: f.owner.token });
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'userId is not an active member of this board' });
			card(id).members = ['stale'];
			const removed = await h.call('DELETE', `${listPath}/${id}/members/stale`, { token: f.owner.token });
			expect(removed.json.members).toEqual([]);
		});

		it('answers 404 {error} for a missing card and needs board-write', async () => {
			const r = await h.call('POST', `${listPath}/missing/members/${f.normal.id}`, { token: f.owner.token });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'Card not found' });
			const id = await create();
			expectStyleB(await h.call('POST', `${listPath}/${id}/members/${f.normal.id}`, { token: f.reader.token }), 403);
			expectStyleB(await h.call('DELETE', `${listPath}/${id}/assignees/${f.normal.id}`), 401);
		});
	});

	describe('copy', () => {
		it('deep-copies the card with checklists, items, comments and attachments', async () => {
			const id = await create({ title: 'Orig', description: 'd', members: [f.normal.id] });
			card(id).labelIds = ['lab'];
			const now = new Date();
			h.wekan.store.checklists.insert({ _id: 'cl', cardId: id, boardId: f.boardId, title: 'Steps', createdAt: now, modifiedAt: now, sort: 0 });
			h.wekan.store.checklistItems.insert({
				_id: 'it', title: 'one', sort: 0, isFinished: true, checklistId: 'cl', cardId: id, boardId: f.boardId, createdAt: now, modifiedAt: now,
			});
			h.wekan.store.comments.insert({ _id: 'co', boardId: f.boardId, cardId: id, text: 'hi', createdAt: now, modifiedAt: now, userId: f.normal.id });
			h.wekan.store.attachments.insert({
				_id: 'at', name: 'a.txt', type: 'text/plain', size: 1, data: Buffer.from('a'), boardId: f.boardId, swimlaneId: f.swimlaneId,
				listId: f.listId, cardId: id, userId: f.owner.id, createdAt: now,
			});
			const r = await h.call('POST', `${listPath}/${id}/copy`, { token: f.owner.token, body: { toSwimlaneId: f.swimlaneId, toListId: f.list2Id } });
			expect(r.status).toBe(200);
			const copyId = r.json._id;
			expect(copyId).not.toBe(id);
			expect(card(copyId)).toMatchObject({ title: 'Orig', description: 'd', members: [f.normal.id], labelIds: ['lab'], listId: f.list2Id });
			const cl = h.wekan.store.checklists.findOne((c) => c.cardId === copyId)!;
			expect(cl.title).toBe('Steps');
			expect(h.wekan.store.checklistItems.find((i) => i.checklistId === cl._id)).toEqual([
				expect.objectContaining({ title: 'one', isFinished: true, cardId: copyId }),
			]);
			expect(h.wekan.store.comments.find((c) => c.cardId === copyId)).toEqual([expect.objectContaining({ text: 'hi', userId: f.normal.id })]);
			expect(h.wekan.store.attachments.find((a) => a.cardId === copyId)).toEqual([expect.objectContaining({ name: 'a.txt', listId: f.list2Id })]);
			expect(h.wekan.store.checklists.get('cl')!.cardId).toBe(id);
		});

		it('places the copy at a 0-based position', async () => {
			const a = await create();
			const b = await create();
			const r = await h.call('POST', `${listPath}/${a}/copy`, { token: f.owner.token, body: { toSwimlaneId: f.swimlaneId, position: 1 } });
			const order = (await h.call('GET', listPath, { token: f.owner.token })).json.map((c: { _id: string }) => c._id);
			expect(order).toEqual([a, r.json._id, b]);
		});

		it('copies to another board with write access there', async () => {
			const other = h.wekan.createBoard({ title: 'Other', ownerId: f.owner.id });
			const lane = h.wekan.defaultSwimlaneId(other._id)!;
			const list = h.wekan.createList(other._id, 'L');
			const id = await create({ members: [f.normal.id] });
			const r = await h.call('POST', `${listPath}/${id}/copy`, {
				token: f.owner.token,
				body: { toBoardId: other._id, toSwimlaneId: lane, toListId: list._id },
			});
			expect(card(r.json._id)).toMatchObject({ boardId: other._id, swimlaneId: lane, listId: list._id, members: [] });
			const foreign = h.wekan.createBoard({ title: 'Foreign', ownerId: f.outsider.id });
			expectStyleB(
				await h.call('POST', `${listPath}/${id}/copy`, { token: f.owner.token, body: { toBoardId: foreign._id, toSwimlaneId: 'x' } }),
				403,
			);
		});

		it('answers 400 without toSwimlaneId, 404 for a missing card, and needs board-write', async () => {
			const id = await create();
			const noLane = await h.call('POST', `${listPath}/${id}/copy`, { token: f.owner.token, body: {} });
			expect(noLane.status).toBe(400);
			expect(noLane.json).toEqual({ error: 'toSwimlaneId is required' });
			const missing = await h.call('POST', `${listPath}/missing/copy`, { token: f.owner.token, body: { toSwimlaneId: f.swimlaneId } });
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Card not found' });
			expectStyleB(await h.call('POST', `${listPath}/${id}/copy`, { token: f.reader.token, body: { toSwimlaneId: f.swimlaneId } }), 403);
		});
	});
});
