/**
 * Card > Create or Update: created when nothing matches, updated when one card does, an error naming the cards
 * when several do, and never a create when the lookup failed. By title and by custom field value (text fields
 * through Wekan's cardsByCustomField route, numbers and dates by comparing the list's cards).
 */
import type { IDataObject } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { rl, wekanWorkflow } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import type { CardDoc, CustomFieldDoc } from '../wekan-server/model';
import { expectFailure, requestsSince } from './nodeTestKit';

describe('Card > Create or Update', () => {
	let f: Fixture;
	let listId: string;
	let text: CustomFieldDoc;
	let points: CustomFieldDoc;
	let priority: CustomFieldDoc;
	let when: CustomFieldDoc;
	const w = () => f.server.wekan;

	function addField(name: string, type: string, settings: Record<string, unknown> = {}): CustomFieldDoc {
		const now = new Date();
		return w().store.customFields.insert({
			_id: `cf${name}0000000000000`.slice(0, 17),
			boardIds: [f.boardId],
			name,
			type,
			settings,
			showOnCard: true,
			automaticallyOnCard: false,
			alwaysOnCard: false,
			showLabelOnMiniCard: false,
			showSumAtTopOfList: false,
			createdAt: now,
			modifiedAt: now,
		});
	}

	beforeAll(async () => {
		f = await startFixture();
		w().store.boards.get(f.boardId)!.labels.push({ _id: 'lblRed', name: 'Urgent', color: 'red' });
		text = addField('Ticket', 'text');
		points = addField('Points', 'number');
		priority = addField('Priority', 'dropdown', { dropdownItems: [{ _id: 'optHigh', name: 'High' }, { _id: 'optLow', name: 'Low' }] });
		when = addField('Deadline', 'date');
	});
	afterAll(() => f.close());

	/** Each test gets a list of its own, so cards of one test never match in another. */
	beforeEach(() => {
		listId = w().createList(f.boardId, `List ${w().store.lists.size}`, f.swimlaneId)._id;
	});

	function addCard(title: string, fields: Partial<CardDoc> = {}): CardDoc {
		return w().store.newCard({ title, boardId: f.boardId, listId, swimlaneId: f.swimlaneId, userId: f.adminId, ...fields });
	}

	const upsert = (parameters: IDataObject) =>
		wekanWorkflow({ resource: 'card', operation: 'upsert', boardId: rl(f.boardId), listId: rl(listId), swimlaneId: rl(f.swimlaneId), ...parameters });
	const byField = (field: CustomFieldDoc, matchValue: string, parameters: IDataObject = {}) =>
		upsert({ matchBy: 'customField', customFieldId: field._id, matchValue, ...parameters });
	const cardsOfList = () => w().store.cards.find((c) => c.listId === listId);
	const writes = (from: number) => requestsSince(f, from).filter((r) => /^(POST|PUT|DELETE) \/api\//.test(r));

	it('is offered with descriptions that say how it matches', () => {
		const node = new Wekan().description;
		const operation = node.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'card')!;
		expect(operation.options).toContainEqual(
			expect.objectContaining({ name: 'Create or Update', value: 'upsert', action: 'Create or update a card', description: expect.stringMatching(/upsert/) }),
		);
		const matchBy = node.properties.find((p) => p.name === 'matchBy')!;
		expect(matchBy.description).toMatch(/exactly one.*updated.*none.*created.*several.*error/);
		expect(matchBy.description).toMatch(/Archived cards are never matched/);
		expect((matchBy.options as unknown as IDataObject[]).map((o) => o.value)).toEqual(['customField', 'title']);
		const fields = node.properties.find((p) => p.name === 'fields' && p.displayOptions?.show?.operation?.[0] === 'upsert')!;
		expect((fields.options as unknown as IDataObject[]).map((o) => o.name).sort()).toEqual(
			['assignees', 'color', 'description', 'dueAt', 'endAt', 'labelIds', 'members', 'parentId', 'receivedAt', 'startAt'],
		);
	});

	describe('by title', () => {
		it('creates the card when none in the list has the title, with Create\'s own fields', async () => {
			// The same title in another list, and an archived card here, are not matches.
			w().store.newCard({ title: 'Release notes', boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId });
			addCard('Release notes', { archived: true });
			const mark = w().log.length;
			const result = await f.engine.run(upsert({ title: 'Release notes', fields: { description: 'Draft them', labelIds: ['lblRed'], color: 'sky' } }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ upsert: 'created', title: 'Release notes', listId, swimlaneId: f.swimlaneId, description: 'Draft them', labelIds: ['lblRed'], color: 'sky' });
			expect(writes(mark)).toEqual([
				`POST /api/boards/${f.boardId}/lists/${listId}/cards`,
				`PUT /api/boards/${f.boardId}/lists/${listId}/cards/${String(out._id)}`,
			]);
			expect(cardsOfList().filter((c) => !c.archived)).toHaveLength(1);
		});

		it('updates the one card with the title (spaces around it ignored) with Update\'s own checks, and creates nothing', async () => {
			const card = addCard('  Weekly report ', { description: 'old' });
			const mark = w().log.length;
			const dueAt = '2031-05-06T07:00:00.000Z';
			const result = await f.engine.run(upsert({ title: 'Weekly report', fields: { description: 'new', dueAt } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ upsert: 'updated', _id: card._id, description: 'new', dueAt });
			expect(writes(mark)).toEqual([`PUT /api/boards/${f.boardId}/lists/${listId}/cards/${card._id}`]);
			expect(w().store.cards.get(card._id)!.description).toBe('new');
			expect(cardsOfList()).toHaveLength(1);
		});

		it('says unchanged, and writes nothing, when the card is found and there is nothing to set', async () => {
			const card = addCard('Exists');
			const mark = w().log.length;
			const result = await f.engine.run(upsert({ title: 'Exists' }));
			expect(result.json('Wekan')[0]).toMatchObject({ upsert: 'unchanged', _id: card._id, title: 'Exists' });
			expect(writes(mark)).toEqual([]);
		});

		it('stops with an error naming the cards when several match, and changes nothing', async () => {
			const one = addCard('Twin');
			const two = addCard('Twin');
			const mark = w().log.length;
			const result = await f.engine.run(upsert({ title: 'Twin', fields: { description: 'which one?' } }));
			const message = expectFailure(result);
			expect(message).toContain(`2 cards in list ${listId} match title "Twin"`);
			expect(message).toContain(`${one._id} ("Twin")`);
			expect(message).toContain(`${two._id} ("Twin")`);
			expect(message).toMatch(/Nothing was created or changed/);
			expect(writes(mark)).toEqual([]);
		});

		it('never creates when the lookup fails', async () => {
			addCard('Already there');
			const cards = `/api/boards/${f.boardId}/lists/${listId}/cards`;
			for (const kind of ['errorBody', 'html'] as const) {
				w().faults.failNext(kind, { match: (m, p) => m === 'GET' && p === cards });
				const mark = w().log.length;
				const result = await f.engine.run(upsert({ title: 'Already there', fields: { description: 'x' } }));
				expect(expectFailure(result).length).toBeGreaterThan(10);
				expect(requestsSince(f, mark)).toContain(`GET ${cards}`);
				expect(writes(mark)).toEqual([]);
			}
			// Answers that never come (503 on every try) are the same: an error, and no create.
			w().faults.failNext('error', { times: 4, match: (m, p) => m === 'GET' && p === cards });
			const mark = w().log.length;
			const result = await f.engine.run(upsert({ title: 'Already there' }));
			w().faults.clear();
			expectFailure(result);
			expect(writes(mark)).toEqual([]);
			expect(cardsOfList()).toHaveLength(1);
		});

		it('checks both the create and the update before any request', async () => {
			const mark = w().log.length;
			const date = await f.engine.run(upsert({ title: 'Checked', fields: { dueAt: '={{ "soon" }}' } }));
			expect(expectFailure(date)).toContain('dueAt is not a date');
			// Create would skip an empty description; Update refuses it, so Create or Update does too.
			const empty = await f.engine.run(upsert({ title: 'Checked', fields: { description: '={{ " " }}' } }));
			expect(expectFailure(empty)).toContain('Wekan cannot set an empty description');
			const noField = await f.engine.run(upsert({ title: 'Checked', matchBy: 'customField', customFieldId: '={{ "" }}', matchValue: 'x' }));
			expect(expectFailure(noField)).toContain('Custom Field is required');
			const noValue = await f.engine.run(byField(text, '={{ "" }}', { title: 'Checked' }));
			expect(expectFailure(noValue)).toContain('Value is required');
			expect(requestsSince(f, mark)).toEqual([]);
		});

		it('runs items with the same title one after another, also with Batching, so only one card is created', async () => {
			const items = [{ json: { d: 'first' } }, { json: { d: 'second' } }, { json: { d: 'third' } }];
			const workflow = upsert({ title: 'Batch', fields: { description: '={{ $json.d }}' }, batching: { itemsInFlight: 3 } });
			const result = await f.engine.runNode(workflow, 'Wekan', items);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').map((c) => c.upsert)).toEqual(['created', 'updated', 'updated']);
			expect(cardsOfList()).toHaveLength(1);
			expect(cardsOfList()[0].description).toBe('third');
		});
	});

	describe('by custom field value', () => {
		it('finds a text value with Wekan\'s cardsByCustomField route, in this list only, and updates the title too', async () => {
			const card = addCard('Old title', { customFields: [{ _id: text._id, value: 'T-1' }] });
			w().store.newCard({ title: 'Elsewhere', boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId, customFields: [{ _id: text._id, value: 'T-1' }] });
			const mark = w().log.length;
			const result = await f.engine.run(byField(text, 'T-1', { title: 'New title' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ upsert: 'updated', _id: card._id, title: 'New title' });
			expect(requestsSince(f, mark)).toContain(`GET /api/boards/${f.boardId}/cardsByCustomField/${text._id}/T-1`);
			expect(w().store.cards.get(card._id)!.title).toBe('New title');
		});

		it('gives a new card the value it was looked for by, so the next run updates it', async () => {
			const first = await f.engine.run(byField(text, 'T-2', { title: 'From the ticket' }));
			expect(first.error).toBeUndefined();
			const created = first.json('Wekan')[0];
			expect(created).toMatchObject({ upsert: 'created', customFields: [{ _id: text._id, value: 'T-2' }] });
			const second = await f.engine.run(byField(text, 'T-2', { title: 'From the ticket, renamed' }));
			expect(second.json('Wekan')[0]).toMatchObject({ upsert: 'updated', _id: created._id, title: 'From the ticket, renamed' });
			expect(cardsOfList()).toHaveLength(1);
		});

		it('matches a dropdown by the option\'s name', async () => {
			const card = addCard('High one', { customFields: [{ _id: priority._id, value: 'optHigh' }] });
			addCard('Low one', { customFields: [{ _id: priority._id, value: 'optLow' }] });
			const result = await f.engine.run(byField(priority, 'High', { title: 'High one' }));
			expect(result.json('Wekan')[0]).toMatchObject({ upsert: 'updated', _id: card._id });
		});

		it('compares numbers and dates itself, from the list\'s cards: Wekan\'s route only matches text', async () => {
			const five = addCard('Five', { customFields: [{ _id: points._id, value: 5 }] });
			addCard('Fifty', { customFields: [{ _id: points._id, value: 50 }] });
			const mark = w().log.length;
			const result = await f.engine.run(byField(points, '5', { title: 'Five points' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ upsert: 'updated', _id: five._id, title: 'Five points' });
			expect(requestsSince(f, mark)).toContain(`GET /api/boards/${f.boardId}/export`);
			expect(requestsSince(f, mark).some((r) => r.includes('cardsByCustomField'))).toBe(false);

			const dated = addCard('Dated', { customFields: [{ _id: when._id, value: '2031-01-02T03:04:05.000Z' }] });
			const byDate = await f.engine.run(byField(when, '2031-01-02T03:04:05Z', { title: 'Dated, found' }));
			expect(byDate.json('Wekan')[0]).toMatchObject({ upsert: 'updated', _id: dated._id, title: 'Dated, found' });
			expect(cardsOfList()).toHaveLength(3);
		});

		it('stops with the matching cards named when the value is on several cards of the list', async () => {
			const one = addCard('Dup 1', { customFields: [{ _id: points._id, value: 8 }] });
			const two = addCard('Dup 2', { customFields: [{ _id: points._id, value: 8 }] });
			const mark = w().log.length;
			const result = await f.engine.run(byField(points, '8', { title: 'Dup' }));
			const message = expectFailure(result);
			expect(message).toContain(`match custom field ${points._id} = "8"`);
			expect(message).toContain(`${one._id} ("Dup 1"), ${two._id} ("Dup 2")`);
			expect(writes(mark)).toEqual([]);
		});

		it('never creates when a lookup fails: the field, the route or the export', async () => {
			const board = `/api/boards/${f.boardId}`;
			const cases: Array<[CustomFieldDoc, string, (p: string) => boolean]> = [
				[text, 'T-9', (p) => p.includes('/cardsByCustomField/')],
				[points, '9', (p) => p === `${board}/export`],
				[text, 'T-9', (p) => p === `${board}/custom-fields/${text._id}`],
			];
			for (const [field, value, match] of cases) {
				w().faults.failNext('errorBody', { match: (m, p) => m === 'GET' && match(p) });
				const mark = w().log.length;
				const result = await f.engine.run(byField(field, value, { title: 'Must not exist' }));
				expect(expectFailure(result).length).toBeGreaterThan(10);
				expect(w().log.slice(mark).some((r) => r.fault?.startsWith('errorBody'))).toBe(true);
				expect(writes(mark)).toEqual([]);
			}
			w().faults.clear();
			expect(cardsOfList()).toHaveLength(0);
		});

		it('refuses a value the field cannot hold, before anything is written', async () => {
			const mark = w().log.length;
			const result = await f.engine.run(byField(points, 'many', { title: 'Bad number' }));
			expect(expectFailure(result)).toContain('takes a number');
			expect(writes(mark)).toEqual([]);
		});
	});
});
