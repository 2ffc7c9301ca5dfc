import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import type { CardDoc } from '../wekan-server/model';
import { expectFailure, normalUser, newCard, op, runCounting } from './nodeTestKit';

describe('checklist item', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const checklistItem = (operation: string, parameters = {}, credentialId?: string) => op('checklistItem', operation, parameters, credentialId);

	/** A card with a checklist of the given items, made through the node. */
	async function cardWithChecklist(items: string[]): Promise<{ card: CardDoc; checklistId: string; itemIds: string[] }> {
		const card = newCard(f);
		const result = await f.engine.run(op('checklist', 'create', { cardId: rl(card._id), title: 'List', items: items.join('\n') }));
		const [checklist] = result.json('Wekan');
		return { card, checklistId: String(checklist._id), itemIds: (checklist.items as Array<{ _id: string }>).map((i) => i._id) };
	}

	describe('Create', () => {
		it('appends an item and returns the item document', async () => {
			const { card, checklistId } = await cardWithChecklist(['First']);
			const result = await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId, title: 'Second' }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ title: 'Second', isFinished: false, checklistId, cardId: card._id, boardId: f.boardId, sort: 1 });
			expect(f.server.wekan.store.checklistItems.get(String(out._id))).toMatchObject({ title: 'Second' });
			expect(f.server.wekan.requests('POST', new RegExp(`/checklists/${checklistId}/items$`))).toHaveLength(1);
		});

		it('puts an item at a given position', async () => {
			const { card, checklistId } = await cardWithChecklist(['a', 'b']);
			const result = await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId, title: 'top', options: { sort: -1 } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'top', sort: -1 });
		});

		it('fails for a checklist that is not on the card', async () => {
			const card = newCard(f);
			const result = await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId: 'NoChecklist0001', title: 'x' }));
			expect(expectFailure(result)).toContain('No checklist NoChecklist0001');
			expect(result.error).toMatchObject({ httpCode: '404' });
		});

		it('rejects a missing checklist before any request', async () => {
			const card = newCard(f);
			const { result, requests } = await runCounting(f, checklistItem('create', { cardId: rl(card._id), checklistId: '={{ "" }}', title: 'x' }));
			expect(expectFailure(result)).toContain('Checklist is required');
			expect(requests).toBe(0);
		});
	});

	describe('Get', () => {
		it('gets one item', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Only']);
			const result = await f.engine.run(checklistItem('get', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0] }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: itemIds[0], title: 'Only', isFinished: false, checklistId, cardId: card._id });
		});

		it('says an unknown item is not found (Wekan answers an empty 404)', async () => {
			const { card, checklistId } = await cardWithChecklist(['Only']);
			const result = await f.engine.run(checklistItem('get', { cardId: rl(card._id), checklistId, checklistItemId: 'NoItem000000001' }));
			expect(expectFailure(result)).toContain(`No item NoItem000000001 on checklist ${checklistId}`);
			expect(result.error).toMatchObject({ httpCode: '404' });
		});

		it('is refused to a comment-only member, who cannot use the read API', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Only']);
			const { credentialId } = normalUser(f, 'item-commenter', f.boardId, { isCommentOnly: true });
			const result = await f.engine.run(checklistItem('get', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0] }, credentialId));
			expect(expectFailure(result)).toContain('read access');
			expect(result.error).toMatchObject({ httpCode: '403' });
		});
	});

	describe('Update', () => {
		it('checks an item and renames it, and the checklist is finished', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Draft']);
			const result = await f.engine.run(
				checklistItem('update', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0], updateFields: { title: 'Final', isFinished: true } }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: itemIds[0], title: 'Final', isFinished: true });
			expect(f.server.wekan.store.checklistItems.get(itemIds[0])).toMatchObject({ title: 'Final', isFinished: true });
			expect(f.server.wekan.store.checklists.get(checklistId)!.finishedAt).toBeInstanceOf(Date);
		});

		it('unchecks an item', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Done']);
			f.server.wekan.store.checklistItems.get(itemIds[0])!.isFinished = true;
			const result = await f.engine.run(
				checklistItem('update', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0], updateFields: { isFinished: false } }),
			);
			expect(result.error).toBeUndefined();
			expect(f.server.wekan.store.checklistItems.get(itemIds[0])!.isFinished).toBe(false);
		});

		it('rejects an update with no fields, and an empty title, before any request', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['x']);
			const base = { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0] };
			const none = await runCounting(f, checklistItem('update', { ...base, updateFields: {} }));
			expect(expectFailure(none.result)).toContain('Nothing to update');
			expect(none.requests).toBe(0);
			const empty = await runCounting(f, checklistItem('update', { ...base, updateFields: { title: ' ' } }));
			expect(expectFailure(empty.result)).toContain('The title cannot be empty');
			expect(empty.requests).toBe(0);
		});

		it('fails for an unknown item and changes nothing', async () => {
			const { card, checklistId } = await cardWithChecklist(['x']);
			const result = await f.engine.run(
				checklistItem('update', { cardId: rl(card._id), checklistId, checklistItemId: 'NoItem000000002', updateFields: { isFinished: true } }),
			);
			expect(expectFailure(result)).toContain('No item NoItem000000002');
		});
	});

	describe('Delete', () => {
		it('deletes an item', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['a', 'b']);
			const result = await f.engine.run(checklistItem('delete', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0] }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: itemIds[0], checklistId, cardId: card._id, boardId: f.boardId, deleted: true }]);
			expect(f.server.wekan.store.checklistItems.get(itemIds[0])).toBeUndefined();
			expect(f.server.wekan.store.checklistItems.get(itemIds[1])).toBeDefined();
		});

		it('fails for an item already deleted', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['a']);
			const params = { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0] };
			await f.engine.run(checklistItem('delete', params));
			const again = await f.engine.run(checklistItem('delete', params));
			expect(expectFailure(again)).toContain(`No item ${itemIds[0]}`);
		});
	});
});
