import { newMember } from '../wekan-server/permissions';
import { expectEmpty200, expectStyleB, type ServerHarness, startHarness, type TestUser } from './helpers';

describe('custom field routes', () => {
	let h: ServerHarness;
	let alice: TestUser;
	let bob: TestUser;
	let reader: TestUser;
	let outsider: TestUser;
	let boardId: string;
	let base: string;

	beforeEach(async () => {
		h = await startHarness();
		await h.user('admin');
		alice = await h.user('alice');
		bob = await h.user('bob');
		reader = await h.user('reader');
		outsider = await h.user('outsider');
		const board = h.wekan.createBoard({ title: 'Dev', ownerId: alice.id });
		board.members.push(newMember(bob.id), newMember(reader.id, { isReadOnly: true }));
		boardId = board._id;
		base = `/api/boards/${boardId}/custom-fields`;
	});
	afterEach(() => h.close());

	const create = (body: Record<string, unknown>, user = alice) => h.call('POST', base, { token: user.token, body });

	it('creates a field with schema defaults, ignores alwaysOnCard, and lists it as {_id,name,type}', async () => {
		const created = await create({ name: 'Priority', type: 'dropdown', settings: {}, showOnCard: true, alwaysOnCard: true });
		expect(created.status).toBe(200);
		expect(Object.keys(created.json)).toEqual(['_id']);
		const id = created.json._id;

		const list = await h.call('GET', base, { token: bob.token });
		expect(list.json).toEqual([{ _id: id, name: 'Priority', type: 'dropdown' }]);

		const one = await h.call('GET', `${base}/${id}`, { token: reader.token });
		expect(one.json).toMatchObject({
			_id: id,
			boardIds: [boardId],
			name: 'Priority',
			type: 'dropdown',
			settings: {},
			showOnCard: true,
			automaticallyOnCard: false,
			alwaysOnCard: false,
			showLabelOnMiniCard: false,
			showSumAtTopOfList: false,
		});
		expect(typeof one.json.createdAt).toBe('string');
		expect(typeof one.json.modifiedAt).toBe('string');

		const activity = h.wekan.store.activities.findOne((a) => a.activityType === 'createCustomField');
		expect(activity).toMatchObject({ boardId, customFieldId: id, origin: 'rest' });
	});

	it('credits the createCustomField activity to the body authorId, not the caller', async () => {
		const created = await create({ name: 'X', type: 'text', settings: {}, authorId: bob.id });
		const activity = h.wekan.store.activities.findOne((a) => a.customFieldId === created.json._id);
		expect(activity?.userId).toBe(bob.id);
	});

	it('answers an HTML 500 when settings is missing, the type is not one of the seven, or the name is missing', async () => {
		expectStyleB(await create({ name: 'No settings', type: 'text' }), 500);
		expectStyleB(await create({ name: 'Bad type', type: 'email', settings: {} }), 500);
		expectStyleB(await create({ type: 'text', settings: {} }), 500);
		expectStyleB(await h.call('POST', base, { token: alice.token, form: { name: 'Form', type: 'text', settings: 'x' } }), 500);
		expect(h.wekan.store.customFields.size).toBe(0);
		for (const type of ['text', 'number', 'date', 'dropdown', 'checkbox', 'currency', 'stringtemplate']) {
			expect((await create({ name: type, type, settings: {} })).status).toBe(200);
		}
	});

	it('drops unknown settings keys and keeps the known ones', async () => {
		const created = await create({
			name: 'Cost',
			type: 'currency',
			settings: { currencyCode: 'EUR', colour: 'red' },
		});
		const one = await h.call('GET', `${base}/${created.json._id}`, { token: alice.token });
		expect(one.json.settings).toEqual({ currencyCode: 'EUR' });
	});

	it('uses HTML errors for auth: 401 without a token, 403 for outsiders and read-only writers, 404 for a missing board', async () => {
		expectStyleB(await h.call('GET', base), 401);
		expectStyleB(await h.call('GET', base, { token: outsider.token }), 403);
		expectStyleB(await create({ name: 'X', type: 'text', settings: {} }, reader), 403);
		expectStyleB(await h.call('GET', '/api/boards/nope/custom-fields', { token: alice.token }), 404);
	});

	it('answers an empty 200 for an unknown field or a field of another board', async () => {
		expectEmpty200(await h.call('GET', `${base}/missing`, { token: alice.token }));
		const other = h.wekan.createBoard({ title: 'Other', ownerId: alice.id });
		const created = await h.call('POST', `/api/boards/${other._id}/custom-fields`, {
			token: alice.token,
			body: { name: 'Elsewhere', type: 'text', settings: {} },
		});
		expectEmpty200(await h.call('GET', `${base}/${created.json._id}`, { token: alice.token }));
	});

	it('updates any field with PUT, including alwaysOnCard, and applies keys one at a time', async () => {
		const id = (await create({ name: 'Old', type: 'text', settings: {} })).json._id;
		const put = await h.call('PUT', `${base}/${id}`, {
			token: bob.token,
			body: { name: 'New', alwaysOnCard: true, showSumAtTopOfList: 'true', settings: { stringtemplateFormat: '${}' } },
		});
		expect(put.json).toEqual({ _id: id });
		const field = h.wekan.store.customFields.get(id)!;
		expect(field).toMatchObject({ name: 'New', alwaysOnCard: true, showSumAtTopOfList: true, settings: { stringtemplateFormat: '${}' } });

		// name is written before type is validated, so the name sticks although the answer is a 500.
		expectStyleB(await h.call('PUT', `${base}/${id}`, { token: bob.token, body: { name: 'Renamed', type: 'bogus' } }), 500);
		expect(field.name).toBe('Renamed');
		expect(field.type).toBe('text');

		// An unknown field still answers {_id}.
		expect((await h.call('PUT', `${base}/ghost`, { token: bob.token, body: { name: 'x' } })).json).toEqual({ _id: 'ghost' });
	});

	it('adds dropdown items with 6-character ids and edits and removes them', async () => {
		const id = (await create({ name: 'Status', type: 'dropdown', settings: {} })).json._id;
		const added = await h.call('POST', `${base}/${id}/dropdown-items`, { token: alice.token, body: { items: ['Open', 'Closed', 3] } });
		expect(added.json).toEqual({ _id: id });
		let items = h.wekan.store.customFields.get(id)!.settings.dropdownItems as Array<{ _id: string; name: string }>;
		expect(items.map((i) => i.name)).toEqual(['Open', 'Closed']);
		for (const item of items) expect(item._id).toMatch(/^[23456789A-HJ-NP-Za-km-z]{6}$/);

		// A form value is a string, not an array, and is ignored.
		await h.call('POST', `${base}/${id}/dropdown-items`, { token: alice.token, form: { items: 'Later' } });
		expect((h.wekan.store.customFields.get(id)!.settings.dropdownItems as unknown[]).length).toBe(2);

		await h.call('POST', `${base}/${id}/dropdown-items`, { token: alice.token, body: { items: ['Blocked'] } });
		items = h.wekan.store.customFields.get(id)!.settings.dropdownItems as Array<{ _id: string; name: string }>;
		expect(items.map((i) => i.name)).toEqual(['Open', 'Closed', 'Blocked']);

		const renamed = await h.call('PUT', `${base}/${id}/dropdown-items/${items[0]._id}`, { token: alice.token, body: { name: 'Opened' } });
		expect(renamed.json).toEqual({ _id: items[0]._id });
		const removed = await h.call('DELETE', `${base}/${id}/dropdown-items/${items[1]._id}`, { token: alice.token });
		expect(removed.json).toEqual({ _id: id });
		const one = await h.call('GET', `${base}/${id}`, { token: alice.token });
		expect(one.json.settings.dropdownItems).toEqual([
			{ _id: items[0]._id, name: 'Opened' },
			{ _id: items[2]._id, name: 'Blocked' },
		]);
		expectStyleB(await h.call('POST', `${base}/${id}/dropdown-items`, { token: reader.token, body: { items: ['x'] } }), 403);
	});

	it('deletes a field, pulls it from every card of the board, and drops its activities', async () => {
		const id = (await create({ name: 'Points', type: 'number', settings: {} })).json._id;
		const other = (await create({ name: 'Keep', type: 'text', settings: {} })).json._id;
		const swimlaneId = h.wekan.defaultSwimlaneId(boardId)!;
		const list = h.wekan.createList(boardId, 'To Do', swimlaneId, 0);
		const cards = [1, 2].map((n) =>
			h.wekan.store.newCard({
				title: `Card ${n}`,
				boardId,
				listId: list._id,
				swimlaneId,
				userId: alice.id,
				customFields: [
					{ _id: id, value: n },
					{ _id: other, value: 'x' },
				],
			}),
		);
		const deleted = await h.call('DELETE', `${base}/${id}`, { token: bob.token });
		expect(deleted.json).toEqual({ _id: id });
		for (const card of cards) expect(card.customFields).toEqual([{ _id: other, value: 'x' }]);
		expect(h.wekan.store.customFields.get(id)).toBeUndefined();
		expect(h.wekan.store.activities.find((a) => a.customFieldId === id)).toEqual([]);
		expect((await h.call('GET', base, { token: alice.token })).json).toEqual([{ _id: other, name: 'Keep', type: 'text' }]);
	});
});
