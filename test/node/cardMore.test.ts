import type { IDataObject } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { getBoardLabels, searchTargetLists, searchTargetSwimlanes } from '../../nodes/shared/boardParts';
import { getBoardCustomFields } from '../../nodes/shared/cardChildOptions';
import { getBoardMembers } from '../../nodes/shared/loadOptions';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { EngineHarness, rl } from '../engine/harness';
import type { CardDoc } from '../wekan-server/schemas/cards';
import type { CustomFieldDoc } from '../wekan-server/schemas/customFields';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';
import { startRecordingProxy } from './recordingProxy';

const cardOp = (operation: string, parameters: IDataObject = {}, credentialId?: string) => op('card', operation, parameters, credentialId);

describe('More card operations through the engine', () => {
	let f: Fixture;
	let memberId: string;
	let outsiderId: string;
	let readerCredential: string;
	let laneB: string;
	let otherBoard: string;
	let otherList: string;
	let otherLane: string;
	let dropdown: CustomFieldDoc;
	let numberField: CustomFieldDoc;
	let textField: CustomFieldDoc;

	const w = () => f.server.wekan;

	function addField(name: string, type: string, settings: Record<string, unknown> = {}): CustomFieldDoc {
		const id = w().db.customFields.insert({
			_id: `cf${name.replace(/\W/g, '')}00000000`.slice(0, 17),
			boardIds: [f.boardId],
			name,
			type,
			settings,
			showOnCard: true,
		});
		return w().db.customFields.findOne(id)!;
	}

	beforeAll(async () => {
		f = await startFixture();
		memberId = w().createUser({ username: 'mona', email: 'mona@example.com', password: 'M0na-Pa55word' })._id;
		w().addBoardMember(f.boardId, memberId);
		outsiderId = w().createUser({ username: 'otto', email: 'otto@example.com', password: 'Ott0-Pa55word' })._id;
		w().db.boards.raw.update(f.boardId, { $set: { labels: [{ _id: 'lblRed', name: 'Urgent', color: 'red' }, { _id: 'lblBlu', name: 'Later', color: 'blue' }] } });
		readerCredential = normalUser(f, 'rhea', f.boardId, { isReadOnly: true }).credentialId;
		laneB = w().createSwimlane(f.boardId, 'Lane B')._id;
		const other = w().createBoard({ title: 'Other Board', ownerId: f.adminId });
		otherBoard = other._id;
		otherLane = w().defaultSwimlaneId(otherBoard)!;
		otherList = w().createList(otherBoard, 'Inbox', otherLane, 0)._id;
		dropdown = addField('Priority', 'dropdown', { dropdownItems: [{ _id: 'optHig', name: 'High' }, { _id: 'optLow', name: 'Low' }] });
		numberField = addField('Points', 'number');
		textField = addField('Note', 'text');
	});
	afterAll(() => f.close());

	function addCard(title: string, fields: Partial<CardDoc> = {}): CardDoc {
		const listId = fields.listId ?? f.todoListId;
		return w().createCard({
			title,
			boardId: f.boardId,
			listId,
			swimlaneId: f.swimlaneId,
			userId: f.adminId,
			sort: cardsOfList(listId).length + 1,
			...fields,
		});
	}
	const cardsOfList = (listId: string) => w().db.cards.find({ listId, archived: false }, { sort: { sort: 1 } });
	const stored = (id: string) => w().db.cards.findOne(id)!;
	const apiCount = () => w().requests(undefined, /^\/api\//).length;
	const writes = () => w().log.filter((r) => r.method !== 'GET' && r.path.startsWith('/api/') && r.path !== '/api/user').length;

	describe('Create with the fields Wekan\'s POST ignores', () => {
		it('sets labels, color, parent and custom field values with one POST and one PUT', async () => {
			const parent = addCard('Parent');
			const from = w().log.length;
			const result = await f.engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Rich card',
					additionalFields: {
						labelIds: ['lblRed'],
						color: 'navy',
						parentId: parent._id,
						customFieldValues: { field: [{ customFieldId: dropdown._id, value: 'Low' }, { customFieldId: numberField._id, value: '8' }] },
					},
				}),
			);
			expect(result.error).toBeUndefined();
			const [card] = result.json('Wekan');
			expect(card).toMatchObject({ title: 'Rich card', labelIds: ['lblRed'], color: 'navy', parentId: parent._id });
			expect(stored(String(card._id))).toMatchObject({
				labelIds: ['lblRed'],
				color: 'navy',
				parentId: parent._id,
				customFields: [{ _id: dropdown._id, value: 'optLow' }, { _id: numberField._id, value: 8 }],
			});
			const calls = requestsSince(f, from).filter((r) => !r.startsWith('GET') && r.includes(' /api/'));
			expect(calls).toEqual([
				`POST /api/boards/${f.boardId}/lists/${f.todoListId}/cards`,
				`PUT /api/boards/${f.boardId}/lists/${f.todoListId}/cards/${String(card._id)}`,
			]);
		});

		it('refuses a label of another board and an unknown dropdown option before creating anything', async () => {
			const cards = w().db.cards.count();
			const before = writes();
			const badLabel = await f.engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Never',
					additionalFields: { labelIds: ['lblZzz'] },
				}),
			);
			expect(expectFailure(badLabel)).toContain(`Label lblZzz is not on board ${f.boardId}`);
			const badOption = await f.engine.run(
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Never',
					additionalFields: { customFieldValues: { field: [{ customFieldId: dropdown._id, value: 'Medium' }] } },
				}),
			);
			expect(expectFailure(badOption)).toContain('Custom field "Priority" has no option "Medium"');
			expect(writes()).toBe(before);
			expect(w().db.cards.count()).toBe(cards);
		});

		it('refuses members that an expression resolved to null instead of removing them all', async () => {
			const card = w().createCard({ title: 'Keeps its people', boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId, members: [memberId] });
			const before = writes();
			const result = await f.engine.run(
				cardOp('update', { cardId: rl(card._id), updateFields: { members: '={{ null }}' } }),
			);
			expect(expectFailure(result)).toContain('Member IDs are null');
			expect(writes()).toBe(before);
			expect(w().db.cards.findOne(card._id)!.members).toEqual([memberId]);
		});

		it('refuses a bad color before any request', async () => {
			const { result, requests } = await runCounting(
				f,
				cardOp('create', {
					boardId: rl(f.boardId),
					listId: rl(f.todoListId),
					swimlaneId: rl(f.swimlaneId),
					title: 'Never',
					additionalFields: { color: '={{ "ultraviolet" }}' },
				}),
			);
			expect(expectFailure(result)).toContain('"ultraviolet" is not a Wekan card color');
			expect(requests).toBe(0);
		});

		it('refuses a parent on a board the user cannot read before creating anything', async () => {
			const { credentialId } = normalUser(f, 'nora', f.boardId);
			const secret = w().createBoard({ title: 'Secret', ownerId: f.adminId });
			const secretList = w().createList(secret._id, 'S');
			const hidden = w().createCard({ title: 'Hidden', boardId: secret._id, listId: secretList._id, swimlaneId: w().defaultSwimlaneId(secret._id)!, userId: f.adminId });
			const from = w().log.length;
			const result = await f.engine.run(
				cardOp(
					'create',
					{ boardId: rl(f.boardId), listId: rl(f.todoListId), swimlaneId: rl(f.swimlaneId), title: 'Half made', additionalFields: { parentId: hidden._id } },
					credentialId,
				),
			);
			expect(expectFailure(result)).toContain(`Parent card ${hidden._id} is on a board you cannot read`);
			expect(requestsSince(f, from).filter((r) => !r.startsWith('GET') && r.includes(' /api/'))).toEqual([]);
			expect(w().db.cards.findOne({ title: 'Half made' })).toBeUndefined();

			const missing = await runCounting(
				f,
				cardOp('create', { boardId: rl(f.boardId), listId: rl(f.todoListId), swimlaneId: rl(f.swimlaneId), title: 'Half made', additionalFields: { parentId: 'noSuchParent0001' } }),
			);
			expect(expectFailure(missing.result)).toContain('No parent card with ID noSuchParent0001');
			expect(w().db.cards.findOne({ title: 'Half made' })).toBeUndefined();
		});

		it('says which card was created and what was not set when the PUT fails, and does not create again', async () => {
			const posts = w().requests('POST', `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`).length;
			w().faults.failNext('html', { match: (method, path) => method === 'PUT' && path.startsWith(`/api/boards/${f.boardId}/lists/${f.todoListId}/cards/`) });
			const result = await f.engine.run(
				cardOp('create', { boardId: rl(f.boardId), listId: rl(f.todoListId), swimlaneId: rl(f.swimlaneId), title: 'Half made', additionalFields: { color: 'navy' } }),
			);
			w().faults.clear();
			const text = expectFailure(result);
			const created = w().db.cards.findOne({ title: 'Half made' })!;
			expect(text).toContain(`Card ${created._id} was created, but its color may not be set`);
			expect(text).toContain('Do not run this item again');
			expect(w().requests('POST', `/api/boards/${f.boardId}/lists/${f.todoListId}/cards`).length).toBe(posts + 1);
			expect(created.color).toBeUndefined();
		});
	});

	describe('Create Many', () => {
		it('creates one card per line and outputs each, paired with its input item', async () => {
			const from = w().log.length;
			const result = await f.engine.run(
				cardOp('createMany', { boardId: rl(f.boardId), listId: rl(f.doneListId), swimlaneId: rl(f.swimlaneId), cards: 'One\n\n  Two  \nThree' }),
			);
			expect(result.error).toBeUndefined();
			const cards = result.json('Wekan');
			expect(cards.map((c) => [c.title, c.index, c.listId, c.boardId])).toEqual([
				['One', 0, f.doneListId, f.boardId],
				['Two', 1, f.doneListId, f.boardId],
				['Three', 2, f.doneListId, f.boardId],
			]);
			expect(result.items('Wekan').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
			for (const c of cards) expect(stored(String(c._id))).toMatchObject({ title: c.title, listId: f.doneListId });
			expect(requestsSince(f, from).filter((r) => r.startsWith('POST'))).toEqual([`POST /api/boards/${f.boardId}/lists/${f.doneListId}/cards/bulk`]);
		});

		it('takes a JSON array of objects with their own swimlane and assignees', async () => {
			const result = await f.engine.run(
				cardOp('createMany', {
					boardId: rl(f.boardId),
					listId: rl(f.doneListId),
					swimlaneId: rl(f.swimlaneId),
					cards: JSON.stringify([{ title: 'Lane card', swimlaneId: laneB, assignees: [memberId], description: 'd' }, 'Plain']),
				}),
			);
			expect(result.error).toBeUndefined();
			const [laneCard, plain] = result.json('Wekan');
			expect(stored(String(laneCard._id))).toMatchObject({ swimlaneId: laneB, assignees: [memberId], description: 'd' });
			expect(stored(String(plain._id))).toMatchObject({ swimlaneId: f.swimlaneId, title: 'Plain' });
		});

		it('refuses more than 500 cards, a key Wekan would drop, and an entry without title, before any request', async () => {
			const base = { boardId: rl(f.boardId), listId: rl(f.doneListId), swimlaneId: rl(f.swimlaneId) };
			const tooMany = await runCounting(f, cardOp('createMany', { ...base, cards: Array.from({ length: 501 }, (_, i) => `c${i}`).join('\n') }));
			expect(expectFailure(tooMany.result)).toContain('Wekan takes at most 500 cards at once; 501 were given');
			const dueKey = await runCounting(f, cardOp('createMany', { ...base, cards: '[{"title":"x","dueAt":"2026-01-01"}]' }));
			expect(expectFailure(dueKey.result)).toContain('Card 1: Wekan\'s bulk create does not take dueAt');
			const noTitle = await runCounting(f, cardOp('createMany', { ...base, cards: '["ok", {"description":"no title"}]' }));
			expect(expectFailure(noTitle.result)).toContain('Card 2 has no title');
			expect(tooMany.requests + dueKey.requests + noTitle.requests).toBe(0);
		});

		it('sends authorId, which Wekan 9.36 to 10.91 need to create any card', async () => {
			const proxy = await startRecordingProxy(f.server.url);
			const engine = new EngineHarness();
			engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			const result = await engine.run(cardOp('createMany', { boardId: rl(f.boardId), listId: rl(f.doneListId), swimlaneId: rl(f.swimlaneId), cards: 'Authored' }));
			await proxy.close();
			expect(result.error).toBeUndefined();
			expect(proxy.requests.find((r) => r.method === 'POST' && r.path.endsWith('/cards/bulk'))?.body).toEqual({
				authorId: f.adminId,
				swimlaneId: f.swimlaneId,
				cards: [{ title: 'Authored' }],
			});
		});

		it('checks every entry\'s swimlane, people and parent first: Wekan would stop part-way or drop them', async () => {
			const base = { boardId: rl(f.boardId), listId: rl(f.doneListId), swimlaneId: rl(f.swimlaneId) };
			const cards = w().db.cards.count();
			const from = w().log.length;
			const other = w().createBoard({ title: 'Far away', ownerId: f.adminId });
			const farLane = w().defaultSwimlaneId(other._id)!;
			const cases: Array<[IDataObject, string]> = [
				[{ cards: JSON.stringify(['First', { title: 'Second', swimlaneId: farLane }]) }, `Swimlane ${farLane} is not an open swimlane of board ${f.boardId}`],
				[{ cards: JSON.stringify([{ title: 'Outsider', members: [outsiderId] }]) }, `Member ${outsiderId} is not an active member of board ${f.boardId}`],
				[{ cards: JSON.stringify([{ title: 'Orphan', parentId: 'noSuchParent0003' }]) }, 'No parent card with ID noSuchParent0003'],
				[{ listId: rl('noSuchList000002'), cards: 'Nowhere' }, `List noSuchList000002 is not an open list of board ${f.boardId}`],
			];
			for (const [parameters, message] of cases) {
				expect(expectFailure(await f.engine.run(cardOp('createMany', { ...base, ...parameters })))).toContain(message);
			}
			expect(requestsSince(f, from).filter((r) => r.startsWith('POST /api/'))).toEqual([]);
			expect(w().db.cards.count()).toBe(cards);
		});

		it('says that the cards before a failing one exist when Wekan fails part-way', async () => {
			w().faults.failNext('error', { match: (method, path) => method === 'POST' && path.endsWith('/cards/bulk') });
			w().faults.set({ errorStatus: 500 });
			const result = await f.engine.run(cardOp('createMany', { boardId: rl(f.boardId), listId: rl(f.doneListId), swimlaneId: rl(f.swimlaneId), cards: 'A\nB' }));
			w().faults.clear();
			const text = expectFailure(result);
			expect(text).toContain(`the cards before it exist in list ${f.doneListId}`);
			expect(w().requests('POST', /\/cards\/bulk$/).filter((r) => r.status === 500)).toHaveLength(1);
		});

		it('refuses a read-only member', async () => {
			const cards = w().db.cards.count();
			const result = await f.engine.run(
				cardOp('createMany', { boardId: rl(f.boardId), listId: rl(f.doneListId), swimlaneId: rl(f.swimlaneId), cards: 'Nope' }, readerCredential),
			);
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(w().db.cards.count()).toBe(cards);
		});
	});

	describe('Get Many: my cards', () => {
		it('gets the cards I am a member or assignee of, filtered by due date', async () => {
			const board = w().createBoard({ title: 'Mine', ownerId: f.adminId });
			const list = w().createList(board._id, 'L');
			const lane = w().defaultSwimlaneId(board._id)!;
			const put = (title: string, extra: Partial<CardDoc>) =>
				w().createCard({ title, boardId: board._id, listId: list._id, swimlaneId: lane, userId: f.adminId, ...extra });
			put('mine-jan', { members: [f.adminId], dueAt: new Date('2031-01-10T00:00:00Z') });
			put('mine-mar', { assignees: [f.adminId], dueAt: new Date('2031-03-10T00:00:00Z') });
			put('mine-nodue', { members: [f.adminId] });
			put('not-mine', { dueAt: new Date('2031-01-11T00:00:00Z') });
			const result = await f.engine.run(
				cardOp('getAll', { scope: 'mine', filters: { from: '2031-01-01T00:00:00Z', to: '2031-02-01T00:00:00Z' }, returnAll: true }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').map((c) => c.title)).toEqual(['mine-jan']);
			const due = await f.engine.run(cardOp('getAll', { scope: 'mine', filters: { due: true, from: '2031-01-01T00:00:00Z' }, returnAll: true }));
			expect(due.json('Wekan').map((c) => c.title)).toEqual(['mine-jan', 'mine-mar']);
		});

		it('refuses a range that ends before it starts, before any request', async () => {
			const { result, requests } = await runCounting(
				f,
				cardOp('getAll', { scope: 'mine', filters: { from: '2031-02-01T00:00:00Z', to: '2031-01-01T00:00:00Z' } }),
			);
			expect(expectFailure(result)).toContain('Due After is later than Due Before');
			expect(requests).toBe(0);
		});
	});

	describe('Update', () => {
		it('replaces labels, clears dates and sets the other PUT fields, verified by reading back', async () => {
			const card = addCard('Full update', { labelIds: ['lblRed'], dueAt: new Date('2030-01-01T00:00:00Z'), startAt: new Date('2030-01-01T00:00:00Z') });
			const parent = addCard('The parent');
			const result = await f.engine.run(
				cardOp('update', {
					cardId: rl(card._id),
					updateFields: {
						labelIds: ['lblBlu'],
						clearDates: ['dueAt'],
						endAt: '2030-02-01T10:00:00.000Z',
						requestedBy: 'Sales',
						assignedBy: 'Lead',
						spentTime: 2.5,
						sort: 7,
						parentId: parent._id,
						dueComplete: false,
					},
				}),
			);
			expect(result.error).toBeUndefined();
			const after = stored(card._id);
			expect(after).toMatchObject({ labelIds: ['lblBlu'], requestedBy: 'Sales', assignedBy: 'Lead', spentTime: 2.5, sort: 7, parentId: parent._id });
			expect(after.dueAt).toBeUndefined();
			expect(after.startAt).toBeDefined();
			expect(after.endAt?.toISOString()).toBe('2030-02-01T10:00:00.000Z');
			expect(result.json('Wekan')[0]).toMatchObject({ labelIds: ['lblBlu'], sort: 7 });
		});

		it('takes an n8n date value from an expression', async () => {
			const card = addCard('Luxon date');
			const result = await f.engine.run(
				cardOp('update', { cardId: rl(card._id), updateFields: { dueAt: '={{ DateTime.fromISO("2030-05-06T07:08:09.000Z").setZone("Europe/Berlin") }}' } }),
			);
			expect(result.error).toBeUndefined();
			expect(stored(card._id).dueAt?.toISOString()).toBe('2030-05-06T07:08:09.000Z');
		});

		it('removes every label with an empty list', async () => {
			const card = addCard('Labelled', { labelIds: ['lblRed', 'lblBlu'] });
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { labelIds: [] } }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id).labelIds).toEqual([]);
		});

		it('refuses what Wekan cannot write, before any request', async () => {
			const card = addCard('Unclearable');
			const cases: Array<[IDataObject, string]> = [
				[{ description: '' }, 'Description is empty To empty it, choose Description under Clear Fields instead.'],
				[{ requestedBy: ' ' }, 'Requested By is empty'],
				// Adding Sort or Spent Time without typing a value writes nothing.
				[{ sort: '' }, 'Sort is empty Enter a number, or remove "Sort" from the fields to keep the current value.'],
				[{ spentTime: '' }, 'Spent Time is empty'],
				[{ spentTime: '-1' }, 'Spent Time must be 0 or more'],
				[{ sort: 'top' }, 'Sort must be a number'],
				[{ parentId: '' }, 'Wekan cannot remove a card\'s parent'],
				[{ parentId: card._id }, 'A card cannot be its own parent'],
				[{ dueAt: '2030-01-01T00:00:00Z', clearDates: ['dueAt'] }, 'Due At is both set and cleared'],
				[{ description: 'x', clearDates: ['description'] }, 'Description is both set and cleared'],
				[{ clearDates: ['title'] }, '"title" is not a field Clear Fields can remove'],
			];
			for (const [updateFields, message] of cases) {
				const { result, requests } = await runCounting(f, cardOp('update', { cardId: rl(card._id), updateFields }));
				expect(expectFailure(result)).toContain(message);
				expect(requests).toBe(0);
			}
		});

		it('refuses a member who is not on the board before writing anything, since Wekan would drop them', async () => {
			const card = addCard('Outsider member');
			const puts = w().requests('PUT').length;
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: 'Renamed', members: [memberId, outsiderId] } }));
			expect(expectFailure(result)).toContain(`Member ${outsiderId} is not an active member of board ${f.boardId}`);
			expect(w().requests('PUT').length).toBe(puts);
			expect(stored(card._id)).toMatchObject({ title: 'Outsider member', members: [] });
		});

		it('writes 0 for Sort and Spent Time, which Wekan skips as a number, as the text "0"', async () => {
			const card = addCard('Zeroed', { sort: 5, spentTime: 3 });
			const proxy = await startRecordingProxy(f.server.url);
			const engine = new EngineHarness();
			engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
			const result = await engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { sort: '0', spentTime: 0 } }));
			await proxy.close();
			expect(result.error).toBeUndefined();
			expect(stored(card._id)).toMatchObject({ sort: 0, spentTime: 0 });
			expect(proxy.requests.find((r) => r.method === 'PUT')?.body).toEqual({ sort: '0', spentTime: '0' });
			expect(result.json('Wekan')[0]).toMatchObject({ sort: 0, spentTime: 0 });
		});

		it('clears description, requested by, assigned by and color with Clear Fields', async () => {
			const card = addCard('Cleared', { description: 'Some text', requestedBy: 'Sales', assignedBy: 'Lead', color: 'navy' });
			const result = await f.engine.run(
				cardOp('update', { cardId: rl(card._id), updateFields: { clearDates: ['description', 'requestedBy', 'assignedBy', 'color'] } }),
			);
			expect(result.error).toBeUndefined();
			const after = stored(card._id);
			expect(after.description).toBeUndefined();
			expect(after.requestedBy).toBeUndefined();
			expect(after.assignedBy).toBeUndefined();
			expect(after.color).toBeUndefined();
		});

		it('sends text trimmed, as Wekan stores it, so that the read-back check holds', async () => {
			const card = addCard('Untrimmed');
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: '  Spaced out  ', description: '\n  Body  \n' } }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id)).toMatchObject({ title: 'Spaced out', description: 'Body' });
		});

		it('checks the parent before the PUT, which would otherwise write the title and then fail', async () => {
			const card = addCard('Keeps its title');
			const puts = w().requests('PUT').length;
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: 'New title', parentId: 'noSuchParent0002' } }));
			expect(expectFailure(result)).toContain('No parent card with ID noSuchParent0002');
			expect(w().requests('PUT').length).toBe(puts);
			expect(stored(card._id).title).toBe('Keeps its title');
		});

		it('refuses a linked card, whose content Wekan shows from the card it links to', async () => {
			const source = addCard('Source');
			const link = addCard('Source', { type: 'cardType-linkedCard', linkedId: source._id });
			const puts = w().requests('PUT').length;
			const result = await f.engine.run(cardOp('update', { cardId: rl(link._id), updateFields: { title: 'Changed' } }));
			const text = expectFailure(result);
			expect(text).toContain(`Card ${link._id} is a linked card: Wekan shows the content of card ${source._id}`);
			expect(text).toContain('Change the card it links to instead');
			expect(w().requests('PUT').length).toBe(puts);
		});

		it('refuses a read-only member', async () => {
			const card = addCard('Read only');
			const result = await f.engine.run(cardOp('update', { cardId: rl(card._id), updateFields: { title: 'Changed' } }, readerCredential));
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
			expect(stored(card._id).title).toBe('Read only');
		});
	});

	describe('Move', () => {
		it('moves to another list on top, by default', async () => {
			addCard('Done A', { listId: f.doneListId, sort: 5 });
			const card = addCard('Mover');
			const result = await f.engine.run(cardOp('move', { cardId: rl(card._id), toListId: rl(f.doneListId) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, listId: f.doneListId });
			const others = cardsOfList(f.doneListId).filter((c) => c._id !== card._id);
			expect(stored(card._id).sort).toBeLessThan(Math.min(...others.map((c) => c.sort)));
		});

		it('moves to another swimlane and list at the bottom', async () => {
			const card = addCard('Bottom mover');
			const result = await f.engine.run(
				cardOp('move', { cardId: rl(card._id), toListId: rl(f.doneListId), toSwimlaneId: rl(laneB), position: 'bottom' }),
			);
			expect(result.error).toBeUndefined();
			const after = stored(card._id);
			expect(after).toMatchObject({ listId: f.doneListId, swimlaneId: laneB });
			const others = cardsOfList(f.doneListId).filter((c) => c._id !== card._id);
			expect(after.sort).toBeGreaterThan(Math.max(...others.map((c) => c.sort)));
		});

		it('sets an exact sort value within its list', async () => {
			const card = addCard('Sorted');
			const result = await f.engine.run(cardOp('move', { cardId: rl(card._id), position: 'sort', sort: 42.5 }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id)).toMatchObject({ sort: 42.5, listId: f.todoListId });
		});

		it('moves to another board with the three new ids', async () => {
			const card = addCard('Traveller');
			const from = w().log.length;
			const result = await f.engine.run(
				cardOp('move', { cardId: rl(card._id), toBoardId: rl(otherBoard), toListId: rl(otherList), toSwimlaneId: rl(otherLane) }),
			);
			expect(result.error).toBeUndefined();
			expect(stored(card._id)).toMatchObject({ boardId: otherBoard, listId: otherList, swimlaneId: otherLane });
			expect(requestsSince(f, from).filter((r) => r.startsWith('PUT'))).toEqual([`PUT /api/boards/${f.boardId}/lists/${f.todoListId}/cards/${card._id}`]);
		});

		it('sets a sort value of 0, which Wekan skips as a number', async () => {
			const card = addCard('To zero', { sort: 9 });
			const result = await f.engine.run(cardOp('move', { cardId: rl(card._id), position: 'sort', sort: 0 }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id).sort).toBe(0);
		});

		it('on another board, matches labels by name and removes people who are not members there', async () => {
			w().db.boards.raw.update(otherBoard, { $set: { labels: [{ _id: 'lblOtherUrgent', name: 'Urgent', color: 'orange' }] } });
			const card = addCard('Relabelled', { labelIds: ['lblRed', 'lblBlu'], members: [f.adminId, memberId], assignees: [memberId] });
			const result = await f.engine.run(
				cardOp('move', { cardId: rl(card._id), toBoardId: rl(otherBoard), toListId: rl(otherList), toSwimlaneId: rl(otherLane) }),
			);
			expect(result.error).toBeUndefined();
			// The owner of the other board is its only member.
			expect(stored(card._id)).toMatchObject({ boardId: otherBoard, labelIds: ['lblOtherUrgent'], members: [f.adminId], assignees: [] });
			expect(result.json('Wekan')[0]).toMatchObject({ labelIds: ['lblOtherUrgent'], members: [f.adminId] });
		});

		it('refuses to move a card with checklists or comments to another board, since they would stay behind', async () => {
			const card = addCard('Has children');
			w().db.checklists.insert({ cardId: card._id, boardId: f.boardId, title: 'Steps', sort: 0 });
			w().db.card_comments.insert({ cardId: card._id, boardId: f.boardId, text: 'Note', userId: f.adminId });
			const puts = w().requests('PUT').length;
			const result = await f.engine.run(
				cardOp('move', { cardId: rl(card._id), toBoardId: rl(otherBoard), toListId: rl(otherList), toSwimlaneId: rl(otherLane) }),
			);
			const text = expectFailure(result);
			expect(text).toContain(`Card ${card._id} has 1 checklist and 1 comment, which Wekan's REST API cannot move to board ${otherBoard}`);
			expect(text).toContain('Card > Copy');
			expect(w().requests('PUT').length).toBe(puts);
			expect(stored(card._id).boardId).toBe(f.boardId);
		});

		it('refuses bad input before any request', async () => {
			const card = addCard('Stay');
			const cases: Array<[IDataObject, string]> = [
				[{ toBoardId: rl(otherBoard), toListId: rl(otherList) }, 'Moving to another board needs its list and swimlane'],
				[{}, 'Nothing to move'],
			];
			for (const [parameters, message] of cases) {
				const { result, requests } = await runCounting(f, cardOp('move', { cardId: rl(card._id), ...parameters }));
				expect(expectFailure(result)).toContain(message);
				expect(requests).toBe(0);
			}
			expect(stored(card._id).listId).toBe(f.todoListId);
		});

		it('refuses an archived card without a PUT, and a target list of another board with Wekan\'s 400', async () => {
			const archived = addCard('Archived mover', { archived: true });
			const puts = w().requests('PUT').length;
			const result = await f.engine.run(cardOp('move', { cardId: rl(archived._id), toListId: rl(f.doneListId) }));
			expect(expectFailure(result)).toContain(`Card ${archived._id} is archived`);
			expect(w().requests('PUT').length).toBe(puts);

			const card = addCard('Wrong list');
			const wrong = await f.engine.run(cardOp('move', { cardId: rl(card._id), toListId: rl(otherList) }));
			expect(expectFailure(wrong)).toContain('listId does not belong to this board');
			expect(stored(card._id).listId).toBe(f.todoListId);
		});
	});

	describe('Target pickers', () => {
		it('list the target board\'s lists, or the card\'s own board when no board is chosen', async () => {
			const card = addCard('Picked');
			const toOther = cardOp('move', { cardId: rl(card._id), toBoardId: rl(otherBoard) });
			const lists = await searchTargetLists.call(f.engine.loadOptionsContext(toOther, 'Wekan'));
			expect(lists.results).toEqual([{ name: 'Inbox', value: otherList }]);
			const byId = cardOp('move', { cardId: rl(card._id) });
			const own = await searchTargetLists.call(f.engine.loadOptionsContext(byId, 'Wekan'), 'do');
			expect(own.results).toEqual([
				{ name: 'Done', value: f.doneListId },
				{ name: 'To Do', value: f.todoListId },
			]);
			const byUrl = cardOp('copy', { cardId: rl(`${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`, 'url') });
			const lanes = await searchTargetSwimlanes.call(f.engine.loadOptionsContext(byUrl, 'Wekan'), 'lane b');
			expect(lanes.results).toEqual([{ name: 'Lane B', value: laneB }]);
		});
	});

	describe('Dropdowns of a card\'s board', () => {
		it('list the labels, members and custom fields of a pasted card URL\'s board, with no board chosen', async () => {
			const card = addCard('Picked by URL');
			const url = `${f.server.url}/b/${f.boardId}/engine-tests/${card._id}`;
			const byUrl = cardOp('update', { cardId: rl(url, 'url') });
			const context = () => f.engine.loadOptionsContext(byUrl, 'Wekan');
			expect((await getBoardLabels.call(context())).map((o) => o.value).sort()).toEqual(['lblBlu', 'lblRed']);
			expect((await getBoardMembers.call(context())).map((o) => o.value)).toEqual(expect.arrayContaining([f.adminId, memberId]));
			expect((await getBoardCustomFields.call(context())).map((o) => o.value)).toContain(dropdown._id);
			// A card given by ID is looked up.
			const byId = cardOp('addMember', { cardId: rl(card._id) });
			expect((await getBoardMembers.call(f.engine.loadOptionsContext(byId, 'Wekan'))).map((o) => o.value)).toContain(memberId);
		});

		it('say which parameters they follow', () => {
			const update = new Wekan().description.properties.find(
				(p) => p.name === 'updateFields' && p.displayOptions?.show?.resource?.[0] === 'card',
			) as unknown as {
				options: Array<{ name: string; typeOptions?: IDataObject }>;
			};
			for (const name of ['labelIds', 'members', 'assignees']) {
				expect(update.options.find((o) => o.name === name)?.typeOptions?.loadOptionsDependsOn).toEqual(['boardId.value', 'cardId.value']);
			}
		});
	});

	describe('Copy', () => {
		it('copies into another swimlane of the same board and returns the copy', async () => {
			const card = addCard('Original', { description: 'copied' });
			const result = await f.engine.run(cardOp('copy', { cardId: rl(card._id), toSwimlaneId: rl(laneB) }));
			expect(result.error).toBeUndefined();
			const [copy] = result.json('Wekan');
			expect(copy._id).not.toBe(card._id);
			expect(stored(String(copy._id))).toMatchObject({ title: 'Original', description: 'copied', swimlaneId: laneB, listId: f.todoListId });
			expect(stored(card._id).swimlaneId).toBe(f.swimlaneId);
		});

		it('copies to another board', async () => {
			const card = addCard('Exported');
			const result = await f.engine.run(
				cardOp('copy', { cardId: rl(card._id), toBoardId: rl(otherBoard), toSwimlaneId: rl(otherLane), toListId: rl(otherList) }),
			);
			expect(result.error).toBeUndefined();
			expect(stored(String(result.json('Wekan')[0]._id))).toMatchObject({ boardId: otherBoard, listId: otherList, title: 'Exported' });
		});

		it('refuses an archived card, whose copy Wekan would archive too, and a target list not on the board', async () => {
			const archived = addCard('Archived original', { archived: true });
			const posts = w().requests('POST', /\/copy$/).length;
			const result = await f.engine.run(cardOp('copy', { cardId: rl(archived._id), toSwimlaneId: rl(laneB) }));
			expect(expectFailure(result)).toContain(`Card ${archived._id} is archived`);
			const card = addCard('Copied nowhere');
			const wrongList = await f.engine.run(cardOp('copy', { cardId: rl(card._id), toSwimlaneId: rl(laneB), toListId: rl(otherList) }));
			expect(expectFailure(wrongList)).toContain(`List ${otherList} is not an open list of board ${f.boardId}`);
			expect(w().requests('POST', /\/copy$/).length).toBe(posts);
		});

		it('needs a swimlane, and a list with a target board, before any request', async () => {
			const card = addCard('Not copied');
			const noLane = await runCounting(f, cardOp('copy', { cardId: rl(card._id), toSwimlaneId: rl('={{ "" }}') }));
			expect(expectFailure(noLane.result)).toContain('Target Swimlane is required');
			const noList = await runCounting(f, cardOp('copy', { cardId: rl(card._id), toBoardId: rl(otherBoard), toSwimlaneId: rl(otherLane) }));
			expect(expectFailure(noList.result)).toContain('Copying to a target board needs its list');
			expect(noLane.requests + noList.requests).toBe(0);
		});
	});

	describe('Archive and Unarchive', () => {
		it('archives and unarchives, verified by reading back', async () => {
			const card = addCard('Box me');
			const archived = await f.engine.run(cardOp('archive', { cardId: rl(card._id) }));
			expect(archived.error).toBeUndefined();
			expect(archived.json('Wekan')[0]).toMatchObject({ _id: card._id, archived: true });
			expect(stored(card._id).archived).toBe(true);
			const restored = await f.engine.run(cardOp('unarchive', { cardId: rl(card._id) }));
			expect(restored.error).toBeUndefined();
			expect(stored(card._id).archived).toBe(false);
		});

		it('returns a card already in the wanted state without writing', async () => {
			const card = addCard('Already open');
			const before = writes();
			const result = await f.engine.run(cardOp('unarchive', { cardId: rl(card._id) }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, archived: false });
			expect(writes()).toBe(before);
		});

		it('says no such card instead of Wekan\'s 500', async () => {
			const result = await f.engine.run(cardOp('archive', { cardId: rl('noSuchCard000010') }));
			expect(result.error).toMatchObject({ httpCode: '404' });
			expect(result.error?.message).toContain('No card with ID noSuchCard000010');
		});

		it('refuses a read-only member', async () => {
			const card = addCard('Reader archive');
			const result = await f.engine.run(cardOp('archive', { cardId: rl(card._id) }, readerCredential));
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(stored(card._id).archived).toBe(false);
		});
	});

	describe('Delete Many', () => {
		it('deletes the cards of the board and lists the IDs it did not find', async () => {
			const a = addCard('Bulk A');
			const b = addCard('Bulk B');
			const result = await f.engine.run(cardOp('deleteMany', { boardId: rl(f.boardId), cardIds: `${a._id}, ${b._id}, noSuchCard000011` }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ boardId: f.boardId, deleted: [a._id, b._id], notFound: ['noSuchCard000011'], deletedCount: 2 }]);
			expect(w().db.cards.findOne(a._id)).toBeUndefined();
			expect(w().db.cards.findOne(b._id)).toBeUndefined();
		});

		it('refuses more than 500 IDs before any request', async () => {
			const ids = Array.from({ length: 501 }, (_, i) => `card${i}`);
			const { result, requests } = await runCounting(f, cardOp('deleteMany', { boardId: rl(f.boardId), cardIds: `={{ ${JSON.stringify(ids)} }}` }));
			expect(expectFailure(result)).toContain('Wekan takes at most 500 cards at once; 501 were given');
			expect(requests).toBe(0);
		});

		it('refuses a read-only member and deletes nothing', async () => {
			const card = addCard('Survivor');
			const result = await f.engine.run(cardOp('deleteMany', { boardId: rl(f.boardId), cardIds: card._id }, readerCredential));
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(w().db.cards.findOne(card._id)).toBeDefined();
		});
	});

	describe('Members and assignees', () => {
		it('adds and removes a member and an assignee, keeping the others', async () => {
			const card = addCard('Team', { members: [f.adminId] });
			const added = await f.engine.run(cardOp('addMember', { cardId: rl(card._id), memberId }));
			expect(added.error).toBeUndefined();
			expect(added.json('Wekan')[0].members).toEqual([f.adminId, memberId]);
			await f.engine.run(cardOp('addAssignee', { cardId: rl(card._id), assigneeId: memberId }));
			expect(stored(card._id).assignees).toEqual([memberId]);
			const removed = await f.engine.run(cardOp('removeMember', { cardId: rl(card._id), memberId: f.adminId }));
			expect(removed.error).toBeUndefined();
			expect(stored(card._id).members).toEqual([memberId]);
			await f.engine.run(cardOp('removeAssignee', { cardId: rl(card._id), assigneeId: memberId }));
			expect(stored(card._id).assignees).toEqual([]);
		});

		it('on a linked card, adds to the card it links to, as Wekan does, and returns that card', async () => {
			const source = addCard('Linked source');
			const link = addCard('Linked source', { type: 'cardType-linkedCard', linkedId: source._id });
			const result = await f.engine.run(cardOp('addMember', { cardId: rl(link._id), memberId }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: source._id, members: [memberId] });
			expect(stored(source._id).members).toEqual([memberId]);
			expect(stored(link._id).members).toEqual([]);
		});

		it('removes someone who is not on the card without a request, which for an unknown user would be Wekan\'s 500', async () => {
			const card = addCard('Nobody to remove', { members: [memberId] });
			const before = writes();
			const result = await f.engine.run(cardOp('removeMember', { cardId: rl(card._id), memberId: 'noSuchUser000001' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: card._id, members: [memberId] });
			expect(writes()).toBe(before);
		});

		it('explains Wekan\'s 400 for a user who is not on the board', async () => {
			const card = addCard('No outsiders');
			const result = await f.engine.run(cardOp('addAssignee', { cardId: rl(card._id), assigneeId: outsiderId }));
			const text = expectFailure(result);
			expect(text).toContain(`User ${outsiderId} is not an active member of board ${f.boardId}`);
			expect(text).toContain('Board Member > Add');
			expect(stored(card._id).assignees).toEqual([]);
		});

		it('refuses an archived card without writing, and a read-only member', async () => {
			const archived = addCard('Archived team', { archived: true });
			const before = writes();
			expect(expectFailure(await f.engine.run(cardOp('addMember', { cardId: rl(archived._id), memberId })))).toContain('is archived');
			expect(writes()).toBe(before);
			const card = addCard('Reader team');
			const denied = await f.engine.run(cardOp('addMember', { cardId: rl(card._id), memberId }, readerCredential));
			expect(denied.error).toMatchObject({ httpCode: '403' });
			expect(stored(card._id).members).toEqual([]);
		});
	});

	describe('Custom field values', () => {
		it('sets a field the card does not have yet (whole array PUT), keeping its other fields', async () => {
			const card = addCard('New field', { customFields: [{ _id: textField._id, value: 'keep' }] });
			const from = w().log.length;
			const result = await f.engine.run(cardOp('setCustomFieldValue', { cardId: rl(card._id), customFieldId: dropdown._id, value: 'high' }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id).customFields).toEqual([{ _id: textField._id, value: 'keep' }, { _id: dropdown._id, value: 'optHig' }]);
			expect(requestsSince(f, from).filter((r) => !r.startsWith('GET') && r.includes(' /api/'))).toEqual([`PUT /api/boards/${f.boardId}/lists/${f.todoListId}/cards/${card._id}`]);
		});

		it('uses the field route for a field already on the card, and clears with an empty value', async () => {
			const card = addCard('Has field', { customFields: [{ _id: numberField._id, value: 1 }] });
			const from = w().log.length;
			const result = await f.engine.run(cardOp('setCustomFieldValue', { cardId: rl(card._id), customFieldId: numberField._id, value: '13' }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id).customFields).toEqual([{ _id: numberField._id, value: 13 }]);
			expect(requestsSince(f, from).filter((r) => !r.startsWith('GET') && r.includes(' /api/'))).toEqual([
				`POST /api/boards/${f.boardId}/lists/${f.todoListId}/cards/${card._id}/customFields/${numberField._id}`,
			]);
			const cleared = await f.engine.run(cardOp('setCustomFieldValue', { cardId: rl(card._id), customFieldId: numberField._id, value: '' }));
			expect(cleared.error).toBeUndefined();
			expect(stored(card._id).customFields).toEqual([{ _id: numberField._id, value: null }]);
		});

		it('refuses a value of the wrong type without writing, and an unknown field', async () => {
			const card = addCard('Typed');
			const before = writes();
			expect(expectFailure(await f.engine.run(cardOp('setCustomFieldValue', { cardId: rl(card._id), customFieldId: numberField._id, value: 'lots' })))).toContain(
				'Custom field "Points" takes a number',
			);
			const unknown = await f.engine.run(cardOp('setCustomFieldValue', { cardId: rl(card._id), customFieldId: 'noSuchField00001', value: 'x' }));
			expect(expectFailure(unknown)).toContain(`No custom field noSuchField00001 on board ${f.boardId}`);
			expect(writes()).toBe(before);
		});

		it('stores a string template value as Wekan\'s editor does: a list of items', async () => {
			const template = addField('Links', 'stringtemplate', { stringtemplateFormat: '<%{value}>', stringtemplateSeparator: ', ' });
			const card = addCard('Templated');
			const result = await f.engine.run(cardOp('setCustomFieldValue', { cardId: rl(card._id), customFieldId: template._id, value: 'one\n two \n\nthree' }));
			expect(result.error).toBeUndefined();
			expect(stored(card._id).customFields).toEqual([{ _id: template._id, value: ['one', 'two', 'three'] }]);
		});

		it('finds cards by a number value, which Wekan\'s route cannot match, from the board\'s export', async () => {
			const hit = addCard('Many points', { customFields: [{ _id: numberField._id, value: 77 }] });
			addCard('Other points', { customFields: [{ _id: numberField._id, value: 78 }] });
			const from = w().log.length;
			const result = await f.engine.run(cardOp('findByCustomFieldValue', { boardId: rl(f.boardId), customFieldId: numberField._id, value: '77', returnAll: true }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').map((c) => c._id)).toEqual([hit._id]);
			expect(requestsSince(f, from)).toContain(`GET /api/boards/${f.boardId}/export`);
		});

		it('finds cards by a dropdown option name', async () => {
			const hit = addCard('Urgent one', { customFields: [{ _id: dropdown._id, value: 'optHig' }] });
			addCard('Calm one', { customFields: [{ _id: dropdown._id, value: 'optLow' }] });
			const result = await f.engine.run(
				cardOp('findByCustomFieldValue', { boardId: rl(f.boardId), customFieldId: dropdown._id, value: 'High', returnAll: true }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan').map((c) => c._id)).toContain(hit._id);
			expect(result.json('Wekan').every((c) => (c.customFields as IDataObject[]).some((v) => v.value === 'optHig'))).toBe(true);
		});
	});

	describe('Count', () => {
		it('counts the open cards of a board and of a list', async () => {
			const board = w().createBoard({ title: 'Counted', ownerId: f.adminId });
			const lane = w().defaultSwimlaneId(board._id)!;
			const l1 = w().createList(board._id, 'L1', lane)._id;
			const l2 = w().createList(board._id, 'L2', lane)._id;
			for (const [listId, archived] of [[l1, false], [l1, false], [l2, false], [l2, true]] as const) {
				w().createCard({ title: 'c', boardId: board._id, listId, swimlaneId: lane, userId: f.adminId, archived });
			}
			const all = await f.engine.run(cardOp('count', { boardId: rl(board._id), scope: 'board' }));
			expect(all.json('Wekan')).toEqual([{ boardId: board._id, cardCount: 3 }]);
			const one = await f.engine.run(cardOp('count', { boardId: rl(board._id), scope: 'list', listId: rl(l2) }));
			expect(one.json('Wekan')).toEqual([{ boardId: board._id, listId: l2, cardCount: 1 }]);
		});

		it('says no such list instead of counting 0', async () => {
			const result = await f.engine.run(cardOp('count', { boardId: rl(f.boardId), scope: 'list', listId: rl('noSuchList000001') }));
			expect(result.error).toMatchObject({ httpCode: '404' });
			expect(result.error?.message).toContain('No list with ID noSuchList000001');
		});
	});

	it('has the read-only member\'s reads still work (they pass board-read)', async () => {
		const result = await f.engine.run(cardOp('count', { boardId: rl(f.boardId), scope: 'board' }, readerCredential));
		expect(result.error).toBeUndefined();
		expect(apiCount()).toBeGreaterThan(0);
	});
});
