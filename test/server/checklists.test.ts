/**
 * Checklists and checklist items over REST, against Wekan v11.07: server/models/checklists.js:156-340,
 * server/models/checklistItems.js:94-263, and the hooks those routes run (or skip, with `.direct`).
 */
import type { ActivityDoc } from '../wekan-server/schemas/activities';
import { type BoardFixture, boardFixture, expectStyleB, type RawResponse, resetChildren } from './fixtures';

/** `sendJsonResult` with no data: the status, no body, no Content-Type. */
function expectBodiless(r: RawResponse, status: number) {
	expect(r.status).toBe(status);
	expect(r.text).toBe('');
	expect(r.headers.get('content-type')).toBeNull();
}

describe('checklist routes', () => {
	let f: BoardFixture;
	let base: string;

	const db = () => f.h.wekan.db;
	const activities = (activityType: string): ActivityDoc[] => db().activities.find({ activityType });
	const token = (name: keyof BoardFixture['users']) => f.users[name].token;

	const addChecklist = async (body: unknown = { title: 'Steps' }, who: keyof BoardFixture['users'] = 'owner') => {
		const r = await f.h.call('POST', base, { token: token(who), body });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};
	const addItem = async (checklistId: string, body: unknown, who: keyof BoardFixture['users'] = 'owner') => {
		const r = await f.h.call('POST', `${base}/${checklistId}/items`, { token: token(who), body });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};
	const itemsOf = (checklistId: string) => db().checklistItems.find({ checklistId });

	beforeAll(async () => {
		f = await boardFixture();
		base = `/api/boards/${f.boardId}/cards/${f.card._id}/checklists`;
	});
	beforeEach(() => resetChildren(f));
	afterAll(() => f.h.close());

	describe('POST /api/boards/:boardId/cards/:cardId/checklists (server/models/checklists.js:242-298)', () => {
		it('inserts {title, cardId, sort: 0}; the hooks add boardId from the card and createdAt, and no userId over REST', async () => {
			const id = await addChecklist({ title: 'First' });
			const checklist = db().checklists.findOne(id)!;
			expect(checklist).toEqual({
				_id: id,
				title: 'First',
				cardId: f.card._id,
				boardId: f.boardId, // server/models/checklists.js:76-83
				sort: 0,
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
			// models/checklists.js:260-265 sets userId to the hook's user, which a REST write does not have.
			expect('userId' in checklist).toBe(false);
			expect((await f.h.call('POST', base, { token: token('owner'), body: { title: 'Second' } })).json).toEqual({
				_id: expect.any(String),
			});
			// Every new checklist gets sort 0 (line 267).
			expect(
				db()
					.checklists.find({ cardId: f.card._id })
					.map((c) => c.sort),
			).toEqual([0, 0]);
		});

		it("records addChecklist with the card's board, list and swimlane and no userId (server/models/checklists.js:106-122)", async () => {
			const id = await addChecklist({ title: 'Steps' });
			expect(activities('addChecklist')).toEqual([
				expect.objectContaining({
					activityType: 'addChecklist',
					cardId: f.card._id,
					boardId: f.boardId,
					checklistId: id,
					checklistName: 'Steps',
					listId: f.listId,
					swimlaneId: f.swimlaneId,
				}),
			]);
			expect('userId' in activities('addChecklist')[0]).toBe(false);
		});

		it('creates the items of an array in order, sort = index, each with addChecklistItem (lines 270-285)', async () => {
			const id = await addChecklist({ title: 'With items', items: ['a', 'b', 'c'] });
			expect(itemsOf(id).map((i) => [i.title, i.sort, i.isFinished, i.cardId, i.boardId])).toEqual([
				['a', 0, false, f.card._id, f.boardId],
				['b', 1, false, f.card._id, f.boardId],
				['c', 2, false, f.card._id, f.boardId],
			]);
			expect(itemsOf(id).some((i) => 'userId' in i)).toBe(false);
			expect(activities('addChecklistItem').map((a) => [a.checklistItemName, a.checklistId, a.boardId])).toEqual([
				['a', id, f.boardId],
				['b', id, f.boardId],
				['c', id, f.boardId],
			]);
		});

		it('takes a single string as one item and "" or a falsy value as none; titles are not split (no checklistItemTitles)', async () => {
			expect(itemsOf(await addChecklist({ title: 'One', items: 'only' })).map((i) => i.title)).toEqual(['only']);
			expect(itemsOf(await addChecklist({ title: 'Empty', items: '' }))).toEqual([]);
			expect(itemsOf(await addChecklist({ title: 'Zero', items: 0 }))).toEqual([]);
			expect(itemsOf(await addChecklist({ title: 'Null', items: null }))).toEqual([]);
			expect(itemsOf(await addChecklist({ title: 'Lines', items: 'a\nb' })).map((i) => i.title)).toEqual(['a\nb']);
		});

		it('reads a form body: a repeated items key is an array, a single one a string (bodyParser.urlencoded extended:false)', async () => {
			const form = new URLSearchParams([
				['title', 'Form'],
				['items', 'x'],
				['items', 'y'],
			]).toString();
			const r = await f.h.call('POST', base, {
				token: token('owner'),
				body: form,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
			expect(r.status).toBe(200);
			expect(itemsOf(r.json._id).map((i) => i.title)).toEqual(['x', 'y']);
		});

		it('defaults a missing or blank title to "Checklist" and converts a number (models/checklists.js:36-42)', async () => {
			expect(db().checklists.findOne(await addChecklist({}))!.title).toBe('Checklist');
			expect(db().checklists.findOne(await addChecklist({ title: '   ' }))!.title).toBe('Checklist');
			expect(db().checklists.findOne(await addChecklist({ title: 5 }))!.title).toBe('5');
		});

		it('answers an HTML 500 for a title the schema refuses, storing nothing', async () => {
			expectStyleB(await f.h.call('POST', base, { token: token('owner'), body: { title: {} } }), 500);
			expectStyleB(await f.h.call('POST', base, { token: token('owner'), body: { title: null } }), 500);
			expectStyleB(await f.h.call('POST', base, { token: token('owner'), body: { title: ['x'] } }), 500);
			expect(db().checklists.size).toBe(0);
			// An object with keys is another matter: cleaning filters out title.a (no such key in the schema) and
			// drops the emptied object, so the default applies.
			expect(db().checklists.findOne(await addChecklist({ title: { a: 1 } }))!.title).toBe('Checklist');
		});

		it('answers an HTML 500 for items with no .entries() (an object, a number, true), after the checklist is stored', async () => {
			for (const items of [{ a: 'x' }, 5, true]) {
				expectStyleB(await f.h.call('POST', base, { token: token('owner'), body: { title: 'Broken', items } }), 500);
			}
			expect(db().checklists.find({ title: 'Broken' })).toHaveLength(3);
			expect(activities('addChecklist')).toHaveLength(3);
			expect(db().checklistItems.size).toBe(0);
		});

		it('stops at the first item the schema refuses with an HTML 500, keeping the checklist and the items before it', async () => {
			expectStyleB(
				await f.h.call('POST', base, { token: token('owner'), body: { title: 'Half', items: ['ok', '  ', 'never'] } }),
				500,
			);
			const [checklist] = db().checklists.find({ title: 'Half' });
			expect(itemsOf(checklist._id).map((i) => i.title)).toEqual(['ok']);
			expectStyleB(
				await f.h.call('POST', base, { token: token('owner'), body: { title: 'Obj', items: [{ t: 1 }] } }),
				500,
			);
			expectStyleB(await f.h.call('POST', base, { token: token('owner'), body: { title: 'Nul', items: [null] } }), 500);
			// A number or a boolean is converted to a string.
			const id = await addChecklist({ title: 'Converted', items: [1, true] });
			expect(itemsOf(id).map((i) => i.title)).toEqual(['1', 'true']);
		});

		it('needs checkBoardAccess AND the comment capability, or a site admin (lines 246-249)', async () => {
			for (const who of ['normal', 'normalAssignedOnly', 'commentAssignedOnly', 'siteAdmin'] as const) {
				await addChecklist({ title: who }, who);
			}
			// read-only and read-assigned-only pass checkBoardAccess but may not comment.
			expectStyleB(await f.h.call('POST', base, { token: token('readOnly'), body: { title: 'x' } }), 403);
			expectStyleB(await f.h.call('POST', base, { token: token('readAssignedOnly'), body: { title: 'x' } }), 403);
			// checkBoardAccess refuses comment-only, no-comments and worker members (authentication.js:55).
			for (const who of ['commentOnly', 'noComments', 'worker', 'inactive', 'outsider'] as const) {
				expectStyleB(await f.h.call('POST', base, { token: token(who), body: { title: 'x' } }), 403);
			}
			expectStyleB(await f.h.call('POST', base, { body: { title: 'x' } }), 401);
			expectStyleB(
				await f.h.call('POST', `/api/boards/nope/cards/${f.card._id}/checklists`, { token: token('owner'), body: {} }),
				404,
			);
			expect(db().checklists.size).toBe(4);
		});

		it('answers 404 {error} JSON when the card is not on the board, after the permission checks', async () => {
			for (const cardId of ['nope', f.otherCard._id]) {
				const r = await f.h.call('POST', `/api/boards/${f.boardId}/cards/${cardId}/checklists`, {
					token: token('owner'),
					body: {},
				});
				expect(r.status).toBe(404);
				expect(r.headers.get('content-type')).toMatch(/application\/json/);
				expect(r.json).toEqual({ error: 'Card not found or does not belong to the specified board' });
			}
			expectStyleB(
				await f.h.call('POST', `/api/boards/${f.boardId}/cards/nope/checklists`, {
					token: token('readOnly'),
					body: {},
				}),
				403,
			);
			expect(db().checklists.size).toBe(0);
		});
	});

	describe('GET /api/boards/:boardId/cards/:cardId/checklists (server/models/checklists.js:156-194)', () => {
		it("lists {_id, title} of the card's checklists in natural order", async () => {
			const a = await addChecklist({ title: 'A' });
			const b = await addChecklist({ title: 'B', items: ['x'] });
			await f.h.call('POST', `/api/boards/${f.boardId}/cards/${f.newCard()._id}/checklists`, {
				token: token('owner'),
				body: { title: 'Elsewhere' },
			});
			const r = await f.h.call('GET', base, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ _id: a, title: 'A' },
				{ _id: b, title: 'B' },
			]);
		});

		it('answers [] for a card without checklists and 404 {error} for a card not on the board', async () => {
			expect((await f.h.call('GET', base, { token: token('owner') })).json).toEqual([]);
			const r = await f.h.call('GET', `/api/boards/${f.boardId}/cards/${f.otherCard._id}/checklists`, {
				token: token('owner'),
			});
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'Card not found or does not belong to the specified board' });
		});

		it('needs checkBoardAccess: read-only passes, comment-only and outsiders do not', async () => {
			expect((await f.h.call('GET', base, { token: token('readAssignedOnly') })).status).toBe(200);
			expect((await f.h.call('GET', base, { token: token('siteAdmin') })).status).toBe(200);
			expectStyleB(await f.h.call('GET', base, { token: token('commentOnly') }), 403);
			expectStyleB(await f.h.call('GET', base, { token: token('outsider') }), 403);
			expectStyleB(await f.h.call('GET', base), 401);
		});
	});

	describe('GET /api/boards/:boardId/cards/:cardId/checklists/:checklistId (server/models/checklists.js:196-240)', () => {
		it('returns the whole checklist document plus items as {_id, title, isFinished}', async () => {
			const id = await addChecklist({ title: 'Steps', items: ['a', 'b'] });
			const [a, b] = itemsOf(id);
			const r = await f.h.call('GET', `${base}/${id}`, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				_id: id,
				title: 'Steps',
				cardId: f.card._id,
				boardId: f.boardId,
				sort: 0,
				createdAt: expect.any(String),
				modifiedAt: expect.any(String),
				items: [
					{ _id: a._id, title: 'a', isFinished: false },
					{ _id: b._id, title: 'b', isFinished: false },
				],
			});
		});

		it('lists the items in natural order, not by their sort', async () => {
			const id = await addChecklist({ title: 'Steps', items: ['second'] });
			await addItem(id, { title: 'first', sort: -1 });
			const r = await f.h.call('GET', `${base}/${id}`, { token: token('owner') });
			expect(r.json.items.map((i: { title: string }) => i.title)).toEqual(['second', 'first']);
		});

		it('sets no finishedAt when every item is finished (nothing in Wekan writes it)', async () => {
			const id = await addChecklist({ title: 'Steps', items: ['a'] });
			const [item] = itemsOf(id);
			await f.h.call('PUT', `${base}/${id}/items/${item._id}`, { token: token('owner'), body: { isFinished: true } });
			const r = await f.h.call('GET', `${base}/${id}`, { token: token('owner') });
			expect(r.json.items).toEqual([{ _id: item._id, title: 'a', isFinished: true }]);
			expect('finishedAt' in r.json).toBe(false);
		});

		it('answers a bodiless 500 for a checklist that is missing or on another card, 404 {error} for the card', async () => {
			const elsewhere = f.newCard('Elsewhere');
			const otherChecklist = (
				await f.h.call('POST', `/api/boards/${f.boardId}/cards/${elsewhere._id}/checklists`, {
					token: token('owner'),
					body: {},
				})
			).json._id;
			expectBodiless(await f.h.call('GET', `${base}/nope`, { token: token('owner') }), 500);
			expectBodiless(await f.h.call('GET', `${base}/${otherChecklist}`, { token: token('owner') }), 500);
			const noCard = await f.h.call('GET', `/api/boards/${f.boardId}/cards/nope/checklists/${otherChecklist}`, {
				token: token('owner'),
			});
			expect(noCard.status).toBe(404);
			expect(noCard.json).toEqual({ error: 'Card not found or does not belong to the specified board' });
			expectStyleB(await f.h.call('GET', `${base}/${otherChecklist}`, { token: token('worker') }), 403);
		});
	});

	describe('DELETE /api/boards/:boardId/cards/:cardId/checklists/:checklistId (server/models/checklists.js:300-340)', () => {
		it('removes the checklist and answers {_id}; its items stay behind (nothing removes them)', async () => {
			const id = await addChecklist({ title: 'Steps', items: ['a', 'b'] });
			const r = await f.h.call('DELETE', `${base}/${id}`, { token: token('owner') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(db().checklists.findOne(id)).toBeUndefined();
			expect(itemsOf(id).map((i) => i.title)).toEqual(['a', 'b']);
		});

		it("runs the before.remove hook: the checklist's activities go, removeChecklist comes, without a userId (124-154)", async () => {
			const keep = await addChecklist({ title: 'Keep', items: ['k'] });
			const id = await addChecklist({ title: 'Steps', items: ['a'] });
			await f.h.call('DELETE', `${base}/${id}`, { token: token('owner') });
			expect(db().activities.find({ checklistId: id })).toEqual([
				expect.objectContaining({
					activityType: 'removeChecklist',
					cardId: f.card._id,
					boardId: f.boardId,
					checklistName: 'Steps',
					listId: f.listId,
					swimlaneId: f.swimlaneId,
				}),
			]);
			expect('userId' in db().activities.find({ checklistId: id })[0]).toBe(false);
			expect(
				db()
					.activities.find({ checklistId: keep })
					.map((a) => a.activityType),
			).toEqual(['addChecklist', 'addChecklistItem']);
		});

		it('needs only checkBoardAccess: a read-only member may delete', async () => {
			const id = await addChecklist();
			expect((await f.h.call('DELETE', `${base}/${id}`, { token: token('readOnly') })).json).toEqual({ _id: id });
		});

		it('answers 404 {error} for a checklist not on the card and HTML pages for permission failures', async () => {
			const elsewhere = f.newCard('Elsewhere');
			const otherChecklist = (
				await f.h.call('POST', `/api/boards/${f.boardId}/cards/${elsewhere._id}/checklists`, {
					token: token('owner'),
					body: {},
				})
			).json._id;
			for (const path of [`${base}/nope`, `${base}/${otherChecklist}`]) {
				const r = await f.h.call('DELETE', path, { token: token('owner') });
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ error: 'Checklist not found or does not belong to the specified card' });
			}
			const noCard = await f.h.call('DELETE', `/api/boards/${f.boardId}/cards/nope/checklists/${otherChecklist}`, {
				token: token('owner'),
			});
			expect(noCard.json).toEqual({ error: 'Card not found or does not belong to the specified board' });
			expectStyleB(await f.h.call('DELETE', `${base}/${otherChecklist}`, { token: token('commentOnly') }), 403);
			expectStyleB(await f.h.call('DELETE', `${base}/${otherChecklist}`), 401);
			expect(db().checklists.findOne(otherChecklist)).toBeDefined();
		});
	});

	describe('POST .../checklists/:checklistId/items (server/models/checklistItems.js:123-175)', () => {
		it('appends after the highest sort, keeps a finite Number(sort), and starts an empty checklist at 0 (#6544)', async () => {
			const empty = await addChecklist({ title: 'Empty' });
			expect(db().checklistItems.findOne(await addItem(empty, { title: 'first' }))!.sort).toBe(0);
			const cl = await addChecklist({ title: 'Steps', items: ['a', 'b'] });
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'c' }))!.sort).toBe(2);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'd', sort: 10 }))!.sort).toBe(10);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'e', sort: '-3' }))!.sort).toBe(-3);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'f' }))!.sort).toBe(11);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'g', sort: 'soon' }))!.sort).toBe(12);
		});

		it('takes Number() of anything: "" and null give 0, true gives 1', async () => {
			const cl = await addChecklist({ title: 'Steps', items: ['a', 'b', 'c'] });
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'x', sort: '' }))!.sort).toBe(0);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'y', sort: null }))!.sort).toBe(0);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 'z', sort: true }))!.sort).toBe(1);
		});

		it('stores the item with boardId from the card and no userId, and records addChecklistItem without one', async () => {
			const cl = await addChecklist();
			const id = await addItem(cl, { title: 'x', isFinished: true });
			expect(db().checklistItems.findOne(id)).toEqual({
				_id: id,
				cardId: f.card._id,
				checklistId: cl,
				title: 'x',
				isFinished: false, // the body's isFinished is not read
				sort: 0,
				boardId: f.boardId,
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
			const [activity] = db().activities.find({ checklistItemId: id });
			expect(activity).toMatchObject({ activityType: 'addChecklistItem', checklistItemName: 'x', listId: f.listId });
			expect('userId' in activity).toBe(false);
		});

		it('answers an HTML 500 for a missing or blank title, and converts a number', async () => {
			const cl = await addChecklist();
			expectStyleB(await f.h.call('POST', `${base}/${cl}/items`, { token: token('owner'), body: {} }), 500);
			expectStyleB(await f.h.call('POST', `${base}/${cl}/items`, { token: token('owner'), body: { title: ' ' } }), 500);
			expect(db().checklistItems.findOne(await addItem(cl, { title: 42 }))!.title).toBe('42');
		});

		it('answers a bodiless 404 when the checklist is not on the card or the card not on the board', async () => {
			const cl = await addChecklist();
			expectBodiless(
				await f.h.call('POST', `${base}/nope/items`, { token: token('owner'), body: { title: 'y' } }),
				404,
			);
			const elsewhere = f.newCard('Elsewhere');
			expectBodiless(
				await f.h.call('POST', `/api/boards/${f.boardId}/cards/${elsewhere._id}/checklists/${cl}/items`, {
					token: token('owner'),
					body: { title: 'y' },
				}),
				404,
			);
			// The checklist matches the card, but the card is on another board than the path's.
			expectBodiless(
				await f.h.call('POST', `/api/boards/${f.otherBoardId}/cards/${f.card._id}/checklists/${cl}/items`, {
					token: token('owner'),
					body: { title: 'y' },
				}),
				404,
			);
			expect(db().checklistItems.size).toBe(0);
		});

		it('needs only checkBoardAccess: a read-only member may add items (unlike checklists)', async () => {
			const cl = await addChecklist();
			await addItem(cl, { title: 'by reader' }, 'readOnly');
			expectStyleB(
				await f.h.call('POST', `${base}/${cl}/items`, { token: token('commentOnly'), body: { title: 'y' } }),
				403,
			);
			expectStyleB(
				await f.h.call('POST', `${base}/${cl}/items`, { token: token('outsider'), body: { title: 'y' } }),
				403,
			);
			expectStyleB(await f.h.call('POST', `${base}/${cl}/items`, { body: { title: 'y' } }), 401);
		});
	});

	describe('GET .../checklists/:checklistId/items/:itemId (server/models/checklistItems.js:94-121)', () => {
		it('returns the whole item document', async () => {
			const cl = await addChecklist();
			const id = await addItem(cl, { title: 'x' });
			const r = await f.h.call('GET', `${base}/${cl}/items/${id}`, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				_id: id,
				title: 'x',
				sort: 0,
				isFinished: false,
				checklistId: cl,
				cardId: f.card._id,
				boardId: f.boardId,
				createdAt: expect.any(String),
				modifiedAt: expect.any(String),
			});
		});

		it('answers a bodiless 404 for a missing item, another checklist, another card or another board', async () => {
			const cl = await addChecklist();
			const other = await addChecklist({ title: 'Other' });
			const id = await addItem(cl, { title: 'x' });
			const elsewhere = f.newCard('Elsewhere');
			for (const path of [
				`${base}/${cl}/items/nope`,
				`${base}/${other}/items/${id}`,
				`/api/boards/${f.boardId}/cards/${elsewhere._id}/checklists/${cl}/items/${id}`,
				`/api/boards/${f.otherBoardId}/cards/${f.card._id}/checklists/${cl}/items/${id}`,
			]) {
				expectBodiless(await f.h.call('GET', path, { token: token('owner') }), 404);
			}
			// The checklist itself is not looked up: an item whose checklist was deleted is still found.
			await f.h.call('DELETE', `${base}/${cl}`, { token: token('owner') });
			expect((await f.h.call('GET', `${base}/${cl}/items/${id}`, { token: token('owner') })).json._id).toBe(id);
			expectStyleB(await f.h.call('GET', `${base}/${cl}/items/${id}`, { token: token('commentOnly') }), 403);
		});
	});

	describe('PUT .../checklists/:checklistId/items/:itemId (server/models/checklistItems.js:177-229)', () => {
		let cl: string;
		let item: string;
		let path: string;
		const put = (body: unknown, who: keyof BoardFixture['users'] = 'owner') =>
			f.h.call('PUT', path, { token: token(who), body });
		const stored = () => db().checklistItems.findOne(item)!;

		beforeEach(async () => {
			cl = await addChecklist();
			item = await addItem(cl, { title: 'x' });
			path = `${base}/${cl}/items/${item}`;
		});

		it('sets isFinished: a string is true when it is "true" in any case; other values go to the schema as they are', async () => {
			const cases: Array<[unknown, boolean]> = [
				['TRUE', true],
				['yes', false],
				[true, true],
				[false, false],
				['true', true],
				['false', false],
				[1, true],
				[0, false],
			];
			for (const [value, expected] of cases) {
				const r = await put({ isFinished: value });
				expect(r.json).toEqual({ _id: item });
				expect(stored().isFinished).toBe(expected);
			}
		});

		it('answers an HTML 500 for an isFinished the schema refuses (null, an object)', async () => {
			await put({ isFinished: true });
			expectStyleB(await put({ isFinished: null }), 500);
			expectStyleB(await put({ isFinished: {} }), 500);
			expect(stored().isFinished).toBe(true);
		});

		it('sets the title, trimmed and converted; "" and null are refused with an HTML 500', async () => {
			await put({ title: '  renamed  ' });
			expect(stored().title).toBe('renamed');
			await put({ title: 7 });
			expect(stored().title).toBe('7');
			expectStyleB(await put({ title: '' }), 500);
			expectStyleB(await put({ title: null }), 500);
			expect(stored().title).toBe('7');
		});

		it('writes isFinished before title, so a refused title leaves isFinished changed', async () => {
			expectStyleB(await put({ isFinished: 'true', title: '' }), 500);
			expect(stored()).toMatchObject({ isFinished: true, title: 'x' });
		});

		it('reads nothing but isFinished and title: sort is not updated', async () => {
			expect((await put({ sort: 9 })).json).toEqual({ _id: item });
			expect(stored().sort).toBe(0);
		});

		it('writes with .direct: modifiedAt moves, but no hook runs (no checked/unchecked/complete activities)', async () => {
			const before = stored().modifiedAt;
			const count = db().activities.size;
			await new Promise((resolve) => setTimeout(resolve, 5));
			await put({ isFinished: true, title: 'done' });
			expect(stored().modifiedAt.getTime()).toBeGreaterThan(before.getTime());
			await put({ isFinished: false });
			expect(db().activities.size).toBe(count);
			expect(activities('checkedItem')).toEqual([]);
			expect(activities('completeChecklist')).toEqual([]);
		});

		it('answers a bodiless 404 for an item not at that path, and needs checkBoardAccess', async () => {
			const other = await addChecklist({ title: 'Other' });
			expectBodiless(
				await f.h.call('PUT', `${base}/${cl}/items/nope`, { token: token('owner'), body: { title: 'y' } }),
				404,
			);
			expectBodiless(
				await f.h.call('PUT', `${base}/${other}/items/${item}`, { token: token('owner'), body: { title: 'y' } }),
				404,
			);
			expect((await put({ title: 'by reader' }, 'readOnly')).status).toBe(200);
			expectStyleB(await put({ title: 'y' }, 'commentOnly'), 403);
			expectStyleB(await f.h.call('PUT', path, { body: { title: 'y' } }), 401);
			expect(stored().title).toBe('by reader');
		});
	});

	describe('DELETE .../checklists/:checklistId/items/:itemId (server/models/checklistItems.js:231-263)', () => {
		it('removes the item with .direct: no removedChecklistItem, and its addChecklistItem activity stays', async () => {
			const cl = await addChecklist();
			const id = await addItem(cl, { title: 'x' });
			const r = await f.h.call('DELETE', `${base}/${cl}/items/${id}`, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(db().checklistItems.findOne(id)).toBeUndefined();
			expect(
				db()
					.activities.find({ checklistItemId: id })
					.map((a) => a.activityType),
			).toEqual(['addChecklistItem']);
		});

		it('answers a bodiless 404 for an item not at that path, and HTML pages for permission failures', async () => {
			const cl = await addChecklist();
			const other = await addChecklist({ title: 'Other' });
			const id = await addItem(cl, { title: 'x' });
			expectBodiless(await f.h.call('DELETE', `${base}/${other}/items/${id}`, { token: token('owner') }), 404);
			expectBodiless(await f.h.call('DELETE', `${base}/${cl}/items/nope`, { token: token('owner') }), 404);
			expectStyleB(await f.h.call('DELETE', `${base}/${cl}/items/${id}`, { token: token('worker') }), 403);
			expectStyleB(await f.h.call('DELETE', `${base}/${cl}/items/${id}`), 401);
			expect(db().checklistItems.findOne(id)).toBeDefined();
		});
	});
});
