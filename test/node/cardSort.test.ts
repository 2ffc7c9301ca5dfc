/**
 * Card > Get Many's Sort: each key in both directions, cards without the date last, a whole board list after list,
 * the limit applied after sorting, and the full cards (for creation and change dates) read in one request.
 */
import type { IDataObject } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { rl, wekanWorkflow } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { ADMIN_PASSWORD } from '../engine/fixture';
import { EngineHarness } from '../engine/harness';
import { expectFailure, requestsSince } from './nodeTestKit';
import { startRecordingProxy } from './recordingProxy';

const getMany = (parameters: IDataObject) => wekanWorkflow({ resource: 'card', operation: 'getAll', returnAll: true, simplify: false, ...parameters });
const rules = (...pairs: Array<[string, string]>) => ({ rule: pairs.map(([key, direction]) => ({ key, direction })) });
const day = (n: number) => new Date(Date.UTC(2031, 0, n));

describe('Card > Get Many: Sort', () => {
	let f: Fixture;
	let boardId: string;
	let lane: string;
	let first: string;
	let second: string;
	const w = () => f.server.wekan;
	const titles = (json: IDataObject[]) => json.map((c) => c.title);

	beforeAll(async () => {
		f = await startFixture();
		boardId = w().createBoard({ title: 'Sorting', ownerId: f.adminId })._id;
		lane = w().defaultSwimlaneId(boardId)!;
		first = w().createList(boardId, 'First', lane, 0)._id;
		second = w().createList(boardId, 'Second', lane, 1)._id;
		// The schema stamps createdAt and modifiedAt on insert, so the dates are written to the database afterwards.
		const put = (title: string, listId: string, sort: number, fields: Partial<CardDoc>) => {
			const { createdAt, modifiedAt, ...rest } = fields;
			const card = w().createCard({ title, boardId, listId, swimlaneId: lane, userId: f.adminId, sort, members: [f.adminId], ...rest });
			const dates = Object.fromEntries(Object.entries({ createdAt, modifiedAt }).filter(([, v]) => v !== undefined));
			if (Object.keys(dates).length) w().db.cards.raw.update(card._id, { $set: dates });
		};
		// Position, due date, creation and change dates all in different orders.
		put('A', first, 0, { dueAt: day(20), createdAt: day(3), modifiedAt: day(9) });
		put('B', first, 1, { createdAt: day(1), modifiedAt: day(7) });
		put('C', first, 2, { dueAt: day(10), createdAt: day(2), modifiedAt: day(8) });
		put('D', first, 3, { dueAt: day(15), createdAt: day(4) });
		put('archived', first, 4, { dueAt: day(1), createdAt: day(30), modifiedAt: day(30), archived: true });
		put('X', second, 0, { dueAt: day(5), createdAt: day(6), modifiedAt: day(6) });
		put('Y', second, 1, { createdAt: day(5), modifiedAt: day(10) });
		// D has no change date at all.
		w().db.cards.raw.update({ boardId, title: 'D' }, { $unset: { modifiedAt: '' } });
	});
	afterAll(() => f.close());

	const list = (sort: IDataObject, extra: IDataObject = {}) => getMany({ boardId: rl(boardId), scope: 'list', listId: rl(first), sortRules: sort, ...extra });

	it('describes each key and direction, and where cards without the date go', () => {
		const sort = new Wekan().description.properties.find((p) => p.name === 'sortRules')!;
		expect(sort.displayOptions?.show).toMatchObject({ resource: ['card'], operation: ['getAll'] });
		expect(sort.description).toMatch(/before the limit/);
		expect(sort.description).toMatch(/board's export/);
		const values = (sort.options![0] as unknown as { values: IDataObject[] }).values;
		const keys = values[0].options as IDataObject[];
		expect(keys.map((o) => o.name)).toEqual(['Created', 'Due Date', 'Last Modified', 'Position']);
		expect(String(keys[1].description)).toMatch(/without one come last/);
		expect((values[1].options as IDataObject[]).map((o) => o.value)).toEqual(['asc', 'desc']);
	});

	it('without a rule, keeps Wekan\'s order', async () => {
		const result = await f.engine.run(list({}));
		expect(titles(result.json('Wekan'))).toEqual(['A', 'B', 'C', 'D']);
	});

	it.each([
		['position', 'asc', ['A', 'B', 'C', 'D']],
		['position', 'desc', ['D', 'C', 'B', 'A']],
		// Cards without a due date (B) last, in both directions.
		['dueAt', 'asc', ['C', 'D', 'A', 'B']],
		['dueAt', 'desc', ['A', 'D', 'C', 'B']],
		['createdAt', 'asc', ['B', 'C', 'A', 'D']],
		['createdAt', 'desc', ['D', 'A', 'C', 'B']],
		// D has no change date: last either way.
		['modifiedAt', 'asc', ['B', 'C', 'A', 'D']],
		['modifiedAt', 'desc', ['A', 'C', 'B', 'D']],
	])('sorts a list by %s, %s', async (key, direction, expected) => {
		const result = await f.engine.run(list(rules([key, direction])));
		expect(result.error).toBeUndefined();
		expect(titles(result.json('Wekan'))).toEqual(expected);
	});

	it('reads creation and change dates from one export of the list, leaving out archived cards and other lists', async () => {
		const proxy = await startRecordingProxy(f.server.url);
		const engine = new EngineHarness();
		engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
		const result = await engine.run(list(rules(['createdAt', 'desc'])));
		await proxy.close();
		expect(proxy.requests.filter((r) => r.path !== '/users/login').map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', `/api/boards/${boardId}/export`, { attachments: 'false', listId: first }],
		]);
		const cards = result.json('Wekan');
		expect(titles(cards)).not.toContain('archived');
		expect(cards.every((c) => c.boardId === boardId && c.listId === first)).toBe(true);
		// The export holds the cards in full.
		expect(cards[0]).toMatchObject({ createdAt: day(4).toISOString(), members: [f.adminId] });
	});

	it('sorts a whole board list after list by position, and across lists by date', async () => {
		const board = (sort: IDataObject, extra: IDataObject = {}) => getMany({ boardId: rl(boardId), scope: 'board', sortRules: sort, ...extra });
		expect(titles((await f.engine.run(board(rules(['position', 'asc'])))).json('Wekan'))).toEqual(['A', 'B', 'C', 'D', 'X', 'Y']);
		expect(titles((await f.engine.run(board(rules(['position', 'desc'])))).json('Wekan'))).toEqual(['Y', 'X', 'D', 'C', 'B', 'A']);
		expect(titles((await f.engine.run(board(rules(['dueAt', 'asc'])))).json('Wekan'))).toEqual(['X', 'C', 'D', 'A', 'B', 'Y']);
		expect(titles((await f.engine.run(board(rules(['modifiedAt', 'desc'])))).json('Wekan'))).toEqual(['Y', 'A', 'C', 'B', 'X', 'D']);
	});

	it('applies the limit after sorting, reading every list', async () => {
		const mark = w().log.length;
		const result = await f.engine.run(getMany({ boardId: rl(boardId), scope: 'board', returnAll: false, limit: 2, sortRules: rules(['dueAt', 'asc']) }));
		expect(titles(result.json('Wekan'))).toEqual(['X', 'C']);
		expect(requestsSince(f, mark).filter((r) => /\/lists\/[^/]+\/cards$/.test(r))).toHaveLength(2);
	});

	it('breaks ties with the next rule, and keeps Wekan\'s order for cards still equal', async () => {
		const other = w().createBoard({ title: 'Ties', ownerId: f.adminId })._id;
		const otherLane = w().defaultSwimlaneId(other)!;
		const ties = w().createList(other, 'Ties', otherLane, 0)._id;
		for (const [title, sort, due] of [['T1', 0, day(7)], ['T2', 1, day(7)], ['T3', 2, undefined], ['T4', 3, undefined]] as const) {
			w().createCard({ title, boardId: other, listId: ties, swimlaneId: otherLane, userId: f.adminId, sort, dueAt: due });
		}
		const run = (sort: IDataObject) => f.engine.run(getMany({ boardId: rl(other), scope: 'list', listId: rl(ties), sortRules: sort }));
		expect(titles((await run(rules(['dueAt', 'asc']))).json('Wekan'))).toEqual(['T1', 'T2', 'T3', 'T4']);
		expect(titles((await run(rules(['dueAt', 'asc'], ['position', 'desc']))).json('Wekan'))).toEqual(['T2', 'T1', 'T4', 'T3']);
	});

	it('sorts My Cards by due date, and refuses the keys its route does not have before any request', async () => {
		const due = await f.engine.run(getMany({ scope: 'mine', sortRules: rules(['dueAt', 'desc']) }));
		expect(titles(due.json('Wekan'))).toEqual(['A', 'D', 'C', 'X', 'B', 'Y']);
		const mark = w().log.length;
		const refused = await f.engine.run(getMany({ scope: 'mine', sortRules: rules(['position', 'asc']) }));
		expect(expectFailure(refused)).toContain('My Cards cannot be sorted by Position');
		expect(requestsSince(f, mark)).toEqual([]);
	});

	it('refuses an unknown key or direction before any request', async () => {
		const mark = w().log.length;
		const key = await f.engine.run(list({ rule: [{ key: '={{ "title" }}', direction: 'asc' }] }));
		expect(expectFailure(key)).toContain('"title" is not a sort key');
		const direction = await f.engine.run(list({ rule: [{ key: 'dueAt', direction: '={{ "up" }}' }] }));
		expect(expectFailure(direction)).toContain('Ascending or Descending');
		expect(requestsSince(f, mark)).toEqual([]);
	});

	it('simplifies sorted cards with the names the export already holds', async () => {
		const mark = w().log.length;
		const result = await f.engine.run(list(rules(['createdAt', 'asc']), { simplify: true }));
		expect(result.json('Wekan')[0]).toMatchObject({ title: 'B', listTitle: 'First', members: [f.adminId] });
		expect(requestsSince(f, mark).filter((r) => !r.includes('/users/login'))).toEqual([`GET /api/boards/${boardId}/export`]);
	});
});
