/**
 * Custom fields over REST, against Wekan v11.07: server/models/customFields.js:104-316 (style B: HTML pages for
 * thrown errors), the schema of models/customFields.js:10-144, and the hooks of server/models/customFields.js:53-102.
 */
import { addCustomFieldBoard, createCustomField } from '../wekan-server/models/customFields';
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { CustomFieldDoc } from '../wekan-server/schemas/customFields';
import { BOARD_NON_WRITERS, type BoardFixture, boardFixture, expectEmpty200, expectStyleB, resetChildren } from './fixtures';

describe('custom field routes', () => {
	let f: BoardFixture;
	let base: string;
	type Who = keyof BoardFixture['users'];

	const db = () => f.h.wekan.db;
	const token = (who: Who) => f.users[who].token;
	const field = (id: string) => db().customFields.findOne(id) as CustomFieldDoc;
	const create = (body: unknown, who: Who = 'owner') => f.h.call('POST', base, { token: token(who), body });
	const createId = async (body: Record<string, unknown>) => {
		const r = await create({ settings: {}, ...body });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};
	const cardWith = (values: Array<{ _id: string; value: unknown }>, boardId = f.boardId): CardDoc => {
		if (boardId === f.boardId) {
			const card = f.newCard('With fields');
			db().cards.direct.update(card._id, { $set: { customFields: values } });
			return db().cards.findOne(card._id) as CardDoc;
		}
		const id = db().cards.direct.insert({ ...f.otherCard, _id: undefined, customFields: values });
		return db().cards.findOne(id) as CardDoc;
	};

	beforeAll(async () => {
		f = await boardFixture();
		base = `/api/boards/${f.boardId}/custom-fields`;
	});
	beforeEach(() => resetChildren(f));
	afterAll(() => f.h.close());

	describe('POST (server/models/customFields.js:130-171)', () => {
		it("inserts the body's fields through the schema: defaults false, alwaysOnCard not read, answers {_id}", async () => {
			const r = await create({
				name: 'Priority',
				type: 'dropdown',
				settings: {},
				showOnCard: true,
				alwaysOnCard: true,
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: expect.any(String) });
			expect(field(r.json._id)).toEqual({
				_id: r.json._id,
				name: 'Priority',
				type: 'dropdown',
				settings: {},
				showOnCard: true,
				automaticallyOnCard: false,
				alwaysOnCard: false,
				showLabelOnMiniCard: false,
				showSumAtTopOfList: false,
				boardIds: [f.boardId],
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
		});

		it('converts "true"/"false" for the flags and keeps only the four known settings keys', async () => {
			const id = await createId({
				name: 'Cost',
				type: 'currency',
				settings: { currencyCode: 'EUR', colour: 'red', dropdownItems: [{ _id: 'a', name: 'A', extra: 1 }] },
				automaticallyOnCard: 'true',
				showLabelOnMiniCard: 'false',
				showSumAtTopOfList: 'true',
			});
			expect(field(id)).toMatchObject({
				settings: { currencyCode: 'EUR', dropdownItems: [{ _id: 'a', name: 'A' }] },
				automaticallyOnCard: true,
				showLabelOnMiniCard: false,
				showSumAtTopOfList: true,
			});
		});

		it("records createCustomField with the CALLER as userId, not the body's authorId (GHSA-6jr3-42jf-vhm5)", async () => {
			const id = await createId({ name: 'X', type: 'text', authorId: f.users.normal.id });
			expect(db().activities.find({ customFieldId: id })).toEqual([
				expect.objectContaining({
					activityType: 'createCustomField',
					userId: f.users.owner.id,
					boardId: f.boardId,
					customFieldId: id,
				}),
			]);
		});

		it('inserts with .direct: no hook runs, so no card gets the field', async () => {
			const card = cardWith([]);
			await createId({ name: 'X', type: 'text', automaticallyOnCard: true });
			expect(db().cards.findOne(card._id)!.customFields).toEqual([]);
		});

		it('answers an HTML 500 for what the schema refuses: no settings, a form body, an unknown type, no name, a bad flag', async () => {
			expectStyleB(await create({ name: 'No settings', type: 'text' }), 500);
			expectStyleB(await create({ name: 'Bad type', type: 'email', settings: {} }), 500);
			expectStyleB(await create({ type: 'text', settings: {} }), 500);
			expectStyleB(await create({ name: '  ', type: 'text', settings: {} }), 500);
			expectStyleB(await create({ name: 'Flag', type: 'text', settings: {}, showOnCard: 'yes' }), 500);
			expectStyleB(await create({ name: 'Null flag', type: 'text', settings: {}, showOnCard: null }), 500);
			// A form body cannot carry an object, so settings is a string or missing.
			expectStyleB(
				await f.h.call('POST', base, { token: token('owner'), form: { name: 'Form', type: 'text', settings: 'x' } }),
				500,
			);
			expectStyleB(await f.h.call('POST', base, { token: token('owner'), form: { name: 'Form', type: 'text' } }), 500);
			expect(db().customFields.size).toBe(0);
			expect(db().activities.size).toBe(0);
		});

		it('accepts the seven types of models/customFields.js:32-40', async () => {
			for (const type of ['text', 'number', 'date', 'dropdown', 'checkbox', 'currency', 'stringtemplate']) {
				expect((await create({ name: type, type, settings: {} })).status).toBe(200);
			}
		});

		it("needs board write access (the role table's write) or a site admin", async () => {
			for (const who of ['normal', 'noComments', 'normalAssignedOnly', 'siteAdmin'] as const) {
				expect((await create({ name: who, type: 'text', settings: {} }, who)).status).toBe(200);
			}
			for (const who of BOARD_NON_WRITERS) {
				expectStyleB(await create({ name: who, type: 'text', settings: {} }, who), 403);
			}
			expectStyleB(await f.h.call('POST', base, { body: { name: 'x', type: 'text', settings: {} } }), 401);
			expectStyleB(await f.h.call('POST', '/api/boards/nope/custom-fields', { token: token('owner'), body: {} }), 404);
			expect(db().customFields.size).toBe(4);
		});
	});

	describe('GET (server/models/customFields.js:104-128)', () => {
		it("lists the board's fields as {_id, name, type} in natural order", async () => {
			const a = await createId({ name: 'A', type: 'text' });
			const b = await createId({ name: 'B', type: 'number' });
			createCustomField(f.h.wekan, f.otherBoardId, { name: 'Elsewhere', type: 'text' });
			const r = await f.h.call('GET', base, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ _id: a, name: 'A', type: 'text' },
				{ _id: b, name: 'B', type: 'number' },
			]);
		});

		it('lists a field shared with another board on both', async () => {
			const id = await createId({ name: 'Shared', type: 'text' });
			addCustomFieldBoard(f.h.wekan, id, f.otherBoardId);
			const other = await f.h.call('GET', `/api/boards/${f.otherBoardId}/custom-fields`, { token: token('owner') });
			expect(other.json).toEqual([{ _id: id, name: 'Shared', type: 'text' }]);
		});

		it("returns one field's whole document, or an empty 200 for an unknown field or one of another board", async () => {
			const id = await createId({ name: 'One', type: 'text' });
			const r = await f.h.call('GET', `${base}/${id}`, { token: token('readOnly') });
			expect(r.json).toEqual({ ...JSON.parse(JSON.stringify(field(id))) });
			expectEmpty200(await f.h.call('GET', `${base}/missing`, { token: token('owner') }));
			const elsewhere = createCustomField(f.h.wekan, f.otherBoardId, { name: 'Elsewhere', type: 'text' });
			expectEmpty200(await f.h.call('GET', `${base}/${elsewhere._id}`, { token: token('owner') }));
		});

		it('needs checkBoardAccess: HTML 401, 403 and 404 pages', async () => {
			expectStyleB(await f.h.call('GET', base), 401);
			expectStyleB(await f.h.call('GET', base, { token: token('outsider') }), 403);
			expectStyleB(await f.h.call('GET', base, { token: token('commentOnly') }), 403);
			expectStyleB(await f.h.call('GET', `${base}/x`, { token: token('worker') }), 403);
			expectStyleB(await f.h.call('GET', '/api/boards/nope/custom-fields', { token: token('owner') }), 404);
		});
	});

	describe('PUT (server/models/customFields.js:173-212)', () => {
		it('sets each key present with its own write; alwaysOnCard is stored but pushes nothing onto cards (.direct)', async () => {
			const id = await createId({ name: 'Old', type: 'text' });
			const card = cardWith([]);
			const r = await f.h.call('PUT', `${base}/${id}`, {
				token: token('normal'),
				body: {
					name: 'New',
					alwaysOnCard: true,
					showSumAtTopOfList: 'true',
					settings: { stringtemplateFormat: '${}', x: 1 },
				},
			});
			expect(r.json).toEqual({ _id: id });
			expect(field(id)).toMatchObject({
				name: 'New',
				alwaysOnCard: true,
				showSumAtTopOfList: true,
				settings: { stringtemplateFormat: '${}' },
			});
			expect(db().cards.findOne(card._id)!.customFields).toEqual([]);
			expect(
				db()
					.activities.find({ customFieldId: id })
					.map((a) => a.activityType),
			).toEqual(['createCustomField']);
		});

		it("writes the keys in the handler's order: an invalid later key answers 500 with the earlier ones applied", async () => {
			const id = await createId({ name: 'Text', type: 'text' });
			expectStyleB(
				await f.h.call('PUT', `${base}/${id}`, { token: token('owner'), body: { type: 'bogus', name: 'Renamed' } }),
				500,
			);
			expect(field(id)).toMatchObject({ name: 'Renamed', type: 'text' });
			expectStyleB(
				await f.h.call('PUT', `${base}/${id}`, {
					token: token('owner'),
					body: { showOnCard: true, alwaysOnCard: 'maybe' },
				}),
				500,
			);
			expect(field(id)).toMatchObject({ showOnCard: true, alwaysOnCard: false });
		});

		it('refuses "" and null where the schema requires a value (the empty $set becomes an $unset)', async () => {
			const id = await createId({ name: 'Keep', type: 'text' });
			for (const body of [{ name: '' }, { name: null }, { settings: null }, { showOnCard: null }]) {
				expectStyleB(await f.h.call('PUT', `${base}/${id}`, { token: token('owner'), body }), 500);
			}
			expect(field(id)).toMatchObject({ name: 'Keep', settings: {}, showOnCard: false });
		});

		it('answers {_id} for an unknown field, after validating the write all the same', async () => {
			expect((await f.h.call('PUT', `${base}/ghost`, { token: token('owner'), body: { name: 'x' } })).json).toEqual({
				_id: 'ghost',
			});
			expectStyleB(await f.h.call('PUT', `${base}/ghost`, { token: token('owner'), body: { type: 'nope' } }), 500);
			const elsewhere = createCustomField(f.h.wekan, f.otherBoardId, { name: 'Elsewhere', type: 'text' });
			expect(
				(await f.h.call('PUT', `${base}/${elsewhere._id}`, { token: token('owner'), body: { name: 'x' } })).status,
			).toBe(200);
			expect(field(elsewhere._id).name).toBe('Elsewhere');
		});

		it('needs board write access', async () => {
			const id = await createId({ name: 'X', type: 'text' });
			expectStyleB(await f.h.call('PUT', `${base}/${id}`, { token: token('readOnly'), body: { name: 'y' } }), 403);
			expectStyleB(await f.h.call('PUT', `${base}/${id}`, { body: { name: 'y' } }), 401);
			expect(field(id).name).toBe('X');
		});
	});

	describe('dropdown items (server/models/customFields.js:214-303)', () => {
		it("POST pushes the strings of an array as {_id: Random.id(6), name}, dropping the rest; answers the field's id", async () => {
			const id = await createId({ name: 'Status', type: 'dropdown' });
			const r = await f.h.call('POST', `${base}/${id}/dropdown-items`, {
				token: token('owner'),
				body: { items: ['Open', 'Closed', 3, null] },
			});
			expect(r.json).toEqual({ _id: id });
			const items = field(id).settings.dropdownItems!;
			expect(items.map((i) => i.name)).toEqual(['Open', 'Closed']);
			for (const item of items) expect(item._id).toMatch(/^[23456789A-HJ-NP-Za-km-z]{6}$/);
			await f.h.call('POST', `${base}/${id}/dropdown-items`, { token: token('owner'), body: { items: ['Blocked'] } });
			expect(field(id).settings.dropdownItems!.map((i) => i.name)).toEqual(['Open', 'Closed', 'Blocked']);
		});

		it('POST reads only a real array: a single form value (a string) is ignored, a repeated one is an array', async () => {
			const id = await createId({ name: 'Status', type: 'dropdown' });
			await f.h.call('POST', `${base}/${id}/dropdown-items`, { token: token('owner'), form: { items: 'Later' } });
			await f.h.call('POST', `${base}/${id}/dropdown-items`, { token: token('owner'), body: { items: 'Later' } });
			expect(field(id).settings).toEqual({});
			const form = new URLSearchParams([
				['items', 'a'],
				['items', 'b'],
			]).toString();
			await f.h.call('POST', `${base}/${id}/dropdown-items`, {
				token: token('owner'),
				body: form,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
			expect(field(id).settings.dropdownItems!.map((i) => i.name)).toEqual(['a', 'b']);
		});

		it("PUT replaces the matched item by {_id, name} and answers the ITEM's id", async () => {
			const id = await createId({
				name: 'Status',
				type: 'dropdown',
				settings: {
					dropdownItems: [
						{ _id: 'i1', name: 'One' },
						{ _id: 'i2', name: 'Two' },
					],
				},
			});
			const r = await f.h.call('PUT', `${base}/${id}/dropdown-items/i2`, {
				token: token('owner'),
				body: { name: 'Deux' },
			});
			expect(r.json).toEqual({ _id: 'i2' });
			expect(field(id).settings.dropdownItems).toEqual([
				{ _id: 'i1', name: 'One' },
				{ _id: 'i2', name: 'Deux' },
			]);
			await f.h.call('PUT', `${base}/${id}/dropdown-items/i1`, { token: token('owner'), body: { name: 5 } });
			expect(field(id).settings.dropdownItems![0]).toEqual({ _id: 'i1', name: '5' });
			// No name key: nothing is written.
			expect(
				(await f.h.call('PUT', `${base}/${id}/dropdown-items/i1`, { token: token('owner'), body: { title: 'x' } }))
					.json,
			).toEqual({ _id: 'i1' });
			expect(field(id).settings.dropdownItems![0].name).toBe('5');
		});

		it('PUT answers 200 for an unknown item, but an HTML 500 for a name the schema refuses, matched or not', async () => {
			const id = await createId({
				name: 'Status',
				type: 'dropdown',
				settings: { dropdownItems: [{ _id: 'i1', name: 'One' }] },
			});
			expect(
				(await f.h.call('PUT', `${base}/${id}/dropdown-items/zz`, { token: token('owner'), body: { name: 'x' } })).json,
			).toEqual({ _id: 'zz' });
			for (const name of [null, '']) {
				expectStyleB(
					await f.h.call('PUT', `${base}/${id}/dropdown-items/i1`, { token: token('owner'), body: { name } }),
					500,
				);
				expectStyleB(
					await f.h.call('PUT', `${base}/${id}/dropdown-items/zz`, { token: token('owner'), body: { name } }),
					500,
				);
			}
			expect(field(id).settings.dropdownItems).toEqual([{ _id: 'i1', name: 'One' }]);
		});

		it("DELETE pulls the item, answers the field's id, and leaves the cards' values alone", async () => {
			const id = await createId({
				name: 'Status',
				type: 'dropdown',
				settings: {
					dropdownItems: [
						{ _id: 'i1', name: 'One' },
						{ _id: 'i2', name: 'Two' },
					],
				},
			});
			const card = cardWith([{ _id: id, value: 'i1' }]);
			const r = await f.h.call('DELETE', `${base}/${id}/dropdown-items/i1`, { token: token('owner') });
			expect(r.json).toEqual({ _id: id });
			expect(field(id).settings.dropdownItems).toEqual([{ _id: 'i2', name: 'Two' }]);
			expect(db().cards.findOne(card._id)!.customFields).toEqual([{ _id: id, value: 'i1' }]);
			expect((await f.h.call('DELETE', `${base}/ghost/dropdown-items/i2`, { token: token('owner') })).json).toEqual({
				_id: 'ghost',
			});
		});

		it('need board write access', async () => {
			const id = await createId({
				name: 'Status',
				type: 'dropdown',
				settings: { dropdownItems: [{ _id: 'i1', name: 'One' }] },
			});
			expectStyleB(
				await f.h.call('POST', `${base}/${id}/dropdown-items`, { token: token('readOnly'), body: { items: ['x'] } }),
				403,
			);
			expectStyleB(
				await f.h.call('PUT', `${base}/${id}/dropdown-items/i1`, { token: token('worker'), body: { name: 'x' } }),
				403,
			);
			expectStyleB(await f.h.call('DELETE', `${base}/${id}/dropdown-items/i1`), 401);
			expect(field(id).settings.dropdownItems).toEqual([{ _id: 'i1', name: 'One' }]);
		});
	});

	describe('DELETE (server/models/customFields.js:305-316 and the before.remove hook, 91-102)', () => {
		it('removes the field, pulls it from the cards of its boards, and removes all its activities (deleteCustomField too)', async () => {
			const id = await createId({ name: 'Points', type: 'number' });
			const keep = await createId({ name: 'Keep', type: 'text' });
			addCustomFieldBoard(f.h.wekan, id, f.otherBoardId);
			const here = cardWith([
				{ _id: id, value: 1 },
				{ _id: keep, value: 'x' },
			]);
			const there = cardWith([{ _id: id, value: 2 }], f.otherBoardId);
			const r = await f.h.call('DELETE', `${base}/${id}`, { token: token('normal') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			expect(db().customFields.findOne(id)).toBeUndefined();
			expect(db().cards.findOne(here._id)!.customFields).toEqual([{ _id: keep, value: 'x' }]);
			expect(db().cards.findOne(there._id)!.customFields).toEqual([]);
			expect(db().activities.find({ customFieldId: id })).toEqual([]);
			expect(db().activities.find({ customFieldId: keep })).toHaveLength(1);
			expect((await f.h.call('GET', base, { token: token('owner') })).json).toEqual([
				{ _id: keep, name: 'Keep', type: 'text' },
			]);
		});

		it('answers {_id} for an unknown field or one of another board, removing nothing', async () => {
			const elsewhere = createCustomField(f.h.wekan, f.otherBoardId, { name: 'Elsewhere', type: 'text' });
			expect((await f.h.call('DELETE', `${base}/${elsewhere._id}`, { token: token('owner') })).json).toEqual({
				_id: elsewhere._id,
			});
			expect(db().customFields.findOne(elsewhere._id)).toBeDefined();
			expect((await f.h.call('DELETE', `${base}/ghost`, { token: token('owner') })).json).toEqual({ _id: 'ghost' });
		});

		it('needs board write access', async () => {
			const id = await createId({ name: 'X', type: 'text' });
			expectStyleB(await f.h.call('DELETE', `${base}/${id}`, { token: token('commentOnly') }), 403);
			expectStyleB(await f.h.call('DELETE', `${base}/${id}`, { token: token('readOnly') }), 403);
			expect(db().customFields.findOne(id)).toBeDefined();
		});
	});

	describe('hooks, as a hooked write (the web UI) runs them (server/models/customFields.js:53-89)', () => {
		const userId = () => f.users.normal.id;

		it('a hooked insert with alwaysOnCard records createCustomField and pushes {_id, value: null} onto every card', () => {
			const has = cardWith([{ _id: 'other', value: 1 }]);
			const id = db().customFields.insert(
				{ name: 'Always', type: 'text', settings: {}, alwaysOnCard: true, boardIds: [f.boardId] },
				{ userId: userId() },
			);
			expect(db().activities.findOne({ customFieldId: id })).toMatchObject({
				activityType: 'createCustomField',
				userId: userId(),
			});
			expect(db().cards.findOne(has._id)!.customFields).toEqual([
				{ _id: 'other', value: 1 },
				{ _id: id, value: null },
			]);
			expect(db().cards.findOne(f.card._id)!.customFields).toContainEqual({ _id: id, value: null });
			expect(db().cards.findOne(f.otherCard._id)!.customFields).not.toContainEqual({ _id: id, value: null });
		});

		it('a hooked update that leaves alwaysOnCard true pushes the field onto cards that lack it, once', () => {
			const created = createCustomField(f.h.wekan, f.boardId, { name: 'Later', type: 'text' });
			const card = cardWith([]);
			db().customFields.update(created._id, { $set: { alwaysOnCard: true } }, {}, { userId: userId() });
			db().customFields.update(created._id, { $set: { name: 'Again' } }, {}, { userId: userId() });
			expect(db().cards.findOne(card._id)!.customFields).toEqual([{ _id: created._id, value: null }]);
		});

		it('adding a board records createCustomField there; taking one off pulls the field from its cards (61-83)', () => {
			const created = createCustomField(f.h.wekan, f.boardId, { name: 'Shared', type: 'text' }, userId());
			addCustomFieldBoard(f.h.wekan, created._id, f.otherBoardId, { userId: userId() });
			expect(
				db()
					.activities.find({ customFieldId: created._id })
					.map((a) => [a.activityType, a.boardId]),
			).toEqual([
				['createCustomField', f.boardId],
				['createCustomField', f.otherBoardId],
			]);
			const there = cardWith([{ _id: created._id, value: 'v' }], f.otherBoardId);
			const here = cardWith([{ _id: created._id, value: 'w' }]);
			db().customFields.update(created._id, { $pull: { boardIds: f.otherBoardId } }, {}, { userId: userId() });
			expect(field(created._id).boardIds).toEqual([f.boardId]);
			expect(db().cards.findOne(there._id)!.customFields).toEqual([]);
			expect(db().cards.findOne(here._id)!.customFields).toEqual([{ _id: created._id, value: 'w' }]);
			// setCustomField is recorded for the first board, then the field's activities of the removed board go.
			expect(
				db()
					.activities.find({ customFieldId: created._id })
					.map((a) => [a.activityType, a.boardId]),
			).toEqual([
				['createCustomField', f.boardId],
				['setCustomField', f.boardId],
			]);
		});
	});
});
