import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { cardUrl, expectFailure, normalUser, newCard, op, requestsSince, runCounting } from './nodeTestKit';

describe('checklist', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const checklist = (operation: string, parameters = {}, credentialId?: string) => op('checklist', operation, parameters, credentialId);

	describe('Create', () => {
		it('creates a checklist with its items from a card URL and returns it with the items', async () => {
			const card = newCard(f, 'Release');
			const result = await f.engine.run(
				checklist('create', { cardId: rl(cardUrl(f, card), 'url'), title: 'Steps', items: 'Build\n\n  Test  \nShip' }),
			);
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ title: 'Steps', cardId: card._id, boardId: f.boardId });
			expect((out.items as Array<{ title: string; isFinished: boolean }>).map((i) => [i.title, i.isFinished])).toEqual([
				['Build', false],
				['Test', false],
				['Ship', false],
			]);
			const stored = f.server.wekan.db.checklists.find({ cardId: card._id });
			expect(stored.map((c) => c.title)).toEqual(['Steps']);
			expect(f.server.wekan.db.checklistItems.find({ checklistId: stored[0]._id }, { sort: { sort: 1 } }).map((i) => i.title)).toEqual([
				'Build',
				'Test',
				'Ship',
			]);
		});

		it('creates an empty checklist when no items are given', async () => {
			const card = newCard(f);
			const result = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Later' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'Later', items: [] });
		});

		it('refuses a read-only member (Wekan needs the comment capability) and creates nothing', async () => {
			const card = newCard(f);
			const { credentialId } = normalUser(f, 'cl-reader', f.boardId, { isReadOnly: true });
			const result = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Nope' }, credentialId));
			expect(expectFailure(result)).toContain('may comment');
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(f.server.wekan.db.checklists.find({ cardId: card._id })).toHaveLength(0);
		});

		it('rejects an empty title before any request', async () => {
			const card = newCard(f);
			const { result, requests } = await runCounting(f, checklist('create', { cardId: rl(card._id), title: '  ' }));
			expect(expectFailure(result)).toContain('Title is required');
			expect(requests).toBe(0);
		});

		it('rejects a card ID that is not a Wekan ID before any request', async () => {
			const { result, requests } = await runCounting(f, checklist('create', { cardId: rl('=card id!'), title: 'X' }));
			expect(expectFailure(result)).toContain('is not a Wekan ID');
			expect(requests).toBe(0);
		});

		it('reports an unknown card as not found', async () => {
			const result = await f.engine.run(checklist('create', { cardId: rl('NoSuchCard123'), title: 'X' }));
			expect(expectFailure(result)).toContain('No card with ID NoSuchCard123');
			expect(f.server.wekan.requests('POST', /\/checklists$/).filter((r) => r.path.includes('NoSuchCard123'))).toHaveLength(0);
		});
	});

	describe('Get', () => {
		it('gets a checklist with its items', async () => {
			const card = newCard(f);
			const created = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'QA', items: 'One\nTwo' }));
			const id = String(created.json('Wekan')[0]._id);
			const result = await f.engine.run(checklist('get', { cardId: rl(card._id), checklistId: id }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ _id: id, title: 'QA', cardId: card._id });
			expect((out.items as Array<{ title: string }>).map((i) => i.title)).toEqual(['One', 'Two']);
		});

		it('says a missing checklist is not found (Wekan answers an empty 500)', async () => {
			const card = newCard(f);
			const result = await f.engine.run(checklist('get', { cardId: rl(card._id), checklistId: 'MissingList0001' }));
			expect(expectFailure(result)).toContain(`No checklist MissingList0001 on card ${card._id}`);
			expect(f.server.wekan.requests('GET', new RegExp(`/checklists/MissingList0001$`))).toHaveLength(0);
		});

		it('rejects a bad checklist id before any request', async () => {
			const card = newCard(f);
			const { result, requests } = await runCounting(f, checklist('get', { cardId: rl(card._id), checklistId: 'not an id!' }));
			expect(expectFailure(result)).toContain('is not a Wekan ID');
			expect(requests).toBe(0);
		});
	});

	describe('Get Many', () => {
		it('lists the checklists of a card, with the limit applied', async () => {
			const card = newCard(f);
			for (const title of ['A', 'B', 'C']) await f.engine.run(checklist('create', { cardId: rl(card._id), title }));
			const result = await f.engine.run(checklist('getAll', { cardId: rl(card._id), returnAll: false, limit: 2 }));
			expect(result.error).toBeUndefined();
			const out = result.json('Wekan');
			expect(out).toHaveLength(2);
			expect(out[0]).toEqual({ _id: expect.any(String), title: expect.any(String), cardId: card._id, boardId: f.boardId });
		});

		it('includes the items, fetched per checklist', async () => {
			const card = newCard(f);
			await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Solo', items: 'x\ny' }));
			const before = f.server.wekan.log.length;
			const result = await f.engine.run(checklist('getAll', { cardId: rl(card._id), returnAll: true, options: { includeItems: true } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([expect.objectContaining({ title: 'Solo', items: [expect.objectContaining({ title: 'x' }), expect.objectContaining({ title: 'y' })] })]);
			expect(f.server.wekan.log.slice(before).filter((r) => /\/checklists\/[^/]+$/.test(r.path))).toHaveLength(1);
		});

		it('returns nothing for a card without checklists', async () => {
			const card = newCard(f);
			const result = await f.engine.run(checklist('getAll', { cardId: rl(card._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([]);
		});

		it('rejects a limit of 0 before any request', async () => {
			const card = newCard(f);
			const { result, requests } = await runCounting(f, checklist('getAll', { cardId: rl(card._id), returnAll: false, limit: 0 }));
			expect(expectFailure(result)).toContain('Limit must be 1 or more');
			expect(requests).toBe(0);
		});
	});

	describe('Delete', () => {
		it('deletes a checklist with its items', async () => {
			const card = newCard(f);
			const created = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Gone', items: 'a\nb' }));
			const id = String(created.json('Wekan')[0]._id);
			const before = f.server.wekan.log.length;
			const result = await f.engine.run(checklist('delete', { cardId: rl(card._id), checklistId: id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: id, cardId: card._id, boardId: f.boardId, deleted: true, itemsDeleted: 2 }]);
			expect(f.server.wekan.db.checklists.findOne(id)).toBeUndefined();
			// Wekan's DELETE leaves the items (server/models/checklists.js:300-340): the node deleted them first.
			expect(f.server.wekan.db.checklistItems.find({ checklistId: id })).toHaveLength(0);
			expect(requestsSince(f, before).filter((r) => r.startsWith('DELETE'))).toEqual([
				...(created.json('Wekan')[0].items as Array<{ _id: string }>).map(
					(i) => `DELETE /api/boards/${f.boardId}/cards/${card._id}/checklists/${id}/items/${i._id}`,
				),
				`DELETE /api/boards/${f.boardId}/cards/${card._id}/checklists/${id}`,
			]);
		});

		it('deletes a checklist whose item is already gone', async () => {
			const card = newCard(f);
			const created = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Half', items: 'a\nb' }));
			const [doc] = created.json('Wekan');
			const [first, second] = doc.items as Array<{ _id: string }>;
			// Deleted by someone else between the node's read of the checklist and its delete of the item.
			f.server.wekan.faults.failNext('drop', {
				phase: 'after',
				match: (method, path) => {
					if (method === 'GET' && path.endsWith(`/checklists/${String(doc._id)}`)) f.server.wekan.db.checklistItems.raw.remove({ _id: second._id });
					return false;
				},
			});
			const result = await f.engine.run(checklist('delete', { cardId: rl(card._id), checklistId: doc._id }));
			f.server.wekan.faults.clear();
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ deleted: true, itemsDeleted: 1 });
			expect(f.server.wekan.db.checklistItems.findOne(first._id)).toBeUndefined();
			expect(f.server.wekan.db.checklists.findOne(String(doc._id))).toBeUndefined();
		});

		it('says how far it got when deleting an item fails, keeping the checklist, and finishes when run again', async () => {
			const card = newCard(f);
			const created = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Stuck', items: 'a\nb' }));
			const [doc] = created.json('Wekan');
			const [, second] = doc.items as Array<{ _id: string }>;
			f.server.wekan.faults.set({ errorRate: 1, errorStatus: 500, match: (method, path) => method === 'DELETE' && path.endsWith(second._id) });
			const result = await f.engine.run(checklist('delete', { cardId: rl(card._id), checklistId: doc._id }));
			f.server.wekan.faults.clear();
			expect(expectFailure(result)).toContain(`Deleted 1 of the 2 items of checklist ${String(doc._id)}`);
			expect(f.server.wekan.db.checklists.findOne(String(doc._id))).toBeDefined();
			const again = await f.engine.run(checklist('delete', { cardId: rl(card._id), checklistId: doc._id }));
			expect(again.error).toBeUndefined();
			expect(again.json('Wekan')[0]).toMatchObject({ deleted: true, itemsDeleted: 1 });
			expect(f.server.wekan.db.checklistItems.find({ checklistId: doc._id })).toHaveLength(0);
		});

		it('fails for a checklist that is not on the card, deleting nothing', async () => {
			const card = newCard(f);
			const before = f.server.wekan.log.length;
			const result = await f.engine.run(checklist('delete', { cardId: rl(card._id), checklistId: 'MissingList0002' }));
			expect(expectFailure(result)).toContain('No checklist MissingList0002');
			expect(requestsSince(f, before).filter((r) => r.startsWith('DELETE'))).toEqual([]);
		});
	});

	describe('dropdowns', () => {
		it('lists a card\'s checklists and a checklist\'s items for a normal member, from a card URL', async () => {
			const card = newCard(f);
			const created = await f.engine.run(checklist('create', { cardId: rl(card._id), title: 'Pick me', items: 'one\ntwo' }));
			const [doc] = created.json('Wekan');
			f.server.wekan.db.checklistItems.raw.update({ _id: (doc.items as Array<{ _id: string }>)[1]._id }, { $set: { isFinished: true } });
			const { credentialId } = normalUser(f, 'cl-normal', f.boardId);
			const methods = new Wekan().methods.loadOptions;
			const json = checklist('get', { cardId: rl(cardUrl(f, card), 'url'), checklistId: doc._id }, credentialId);
			const checklists = await methods.getCardChecklists.call(f.engine.loadOptionsContext(json, 'Wekan', 'parameters.checklistId'));
			expect(checklists).toEqual([{ name: 'Pick me', value: doc._id }]);
			const items = await methods.getChecklistItems.call(f.engine.loadOptionsContext(json, 'Wekan', 'parameters.checklistItemId'));
			expect(items.map((i) => i.name)).toEqual(['[ ] one', '[x] two']);
		});

		it('asks for a card first', async () => {
			const json = checklist('get', { cardId: rl('', 'url') });
			const context = f.engine.loadOptionsContext(json, 'Wekan', 'parameters.checklistId');
			await expect(new Wekan().methods.loadOptions.getCardChecklists.call(context)).rejects.toThrow('Choose a card first');
		});
	});
});
