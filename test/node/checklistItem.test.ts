import { rl } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { expectFailure, normalUser, newCard, olderWekan, op, requestsSince, runCounting } from './nodeTestKit';

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
			expect(f.server.wekan.db.checklistItems.findOne(String(out._id))).toMatchObject({ title: 'Second', sort: 1 });
			expect(f.server.wekan.requests('POST', new RegExp(`/checklists/${checklistId}/items$`))).toHaveLength(1);
		});

		/** The checklist's item titles as Wekan shows them: by ascending sort value. */
		const shown = (checklistId: string) => f.server.wekan.db.checklistItems.find({ checklistId }, { sort: { sort: 1 } }).map((i) => i.title);

		it('puts an item at a 0-based position: first, between two items, and past the end', async () => {
			const { card, checklistId } = await cardWithChecklist(['a', 'b']);
			const at = async (title: string, position: number) => {
				const result = await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId, title, options: { position } }));
				expect(result.error).toBeUndefined();
				return result.json('Wekan')[0];
			};
			expect(await at('top', 0)).toMatchObject({ title: 'top', sort: -1 });
			expect(shown(checklistId)).toEqual(['top', 'a', 'b']);
			expect(await at('middle', 2)).toMatchObject({ title: 'middle', sort: 0.5 });
			expect(shown(checklistId)).toEqual(['top', 'a', 'middle', 'b']);
			expect(await at('end', 9)).toMatchObject({ title: 'end', sort: 2 });
			expect(shown(checklistId)).toEqual(['top', 'a', 'middle', 'b', 'end']);
		});

		it('reads the items\' sort values only for a position inside the checklist', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['a', 'b', 'c']);
			const before = f.server.wekan.log.length;
			await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId, title: 'x', options: { position: 1 } }));
			const reads = requestsSince(f, before).filter((r) => /\/items\/[^/]+$/.test(r));
			expect(reads.slice(0, 3).sort()).toEqual(itemIds.map((id) => `GET /api/boards/${f.boardId}/cards/${card._id}/checklists/${checklistId}/items/${id}`).sort());
			const last = f.server.wekan.log.length;
			await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId, title: 'y', options: { position: 4 } }));
			expect(requestsSince(f, last).filter((r) => r.startsWith('GET') && /\/items\//.test(r))).toHaveLength(1);
			expect(shown(checklistId)).toEqual(['a', 'x', 'b', 'c', 'y']);
		});

		it('refuses a place between two items that share a sort value, creating nothing', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['a', 'b']);
			// As REST-created items were before Wekan v10.45: every one at sort 0.
			f.server.wekan.db.checklistItems.raw.update({ _id: itemIds[1] }, { $set: { sort: 0 } });
			const result = await f.engine.run(checklistItem('create', { cardId: rl(card._id), checklistId, title: 'x', options: { position: 1 } }));
			expect(expectFailure(result)).toContain('No sort value puts the item between "a" and "b"');
			expect(f.server.wekan.db.checklistItems.find({ checklistId })).toHaveLength(2);
		});

		it('says so, and that the item exists, when Wekan ignores the position (before v10.45)', async () => {
			const { card, checklistId } = await cardWithChecklist(['a', 'b']);
			// Wekan v10.44 inserts every REST item at sort 0, whatever the body says (server/models/checklistItems.js:142).
			const old = await olderWekan(f.server.url, (method, path, _headers, body) =>
				method === 'POST' && path.endsWith('/items') ? { body: { ...(body as object), sort: 0 } } : undefined,
			);
			try {
				f.engine.setCredential({ url: old.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD }, 'cred-wekan-10-44');
				const result = await f.engine.run(
					checklistItem('create', { cardId: rl(card._id), checklistId, title: 'top', options: { position: 1 } }, 'cred-wekan-10-44'),
				);
				const text = expectFailure(result);
				expect(text).toContain('was created, but not at position 1');
				expect(text).toContain('Do not run this item again');
				expect(f.server.wekan.db.checklistItems.find({ checklistId })).toHaveLength(3);
			} finally {
				await old.close();
			}
		});

		it('rejects a position that is not a whole number of 0 or more before any request', async () => {
			const card = newCard(f);
			const { result, requests } = await runCounting(
				f,
				checklistItem('create', { cardId: rl(card._id), checklistId: 'AnyChecklist001', title: 'x', options: { position: -1 } }),
			);
			expect(expectFailure(result)).toContain('Position must be a whole number of 0 or more');
			expect(requests).toBe(0);
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
		it('checks an item and renames it, which Wekan writes without an activity or the checklist\'s finishedAt', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Draft']);
			const result = await f.engine.run(
				checklistItem('update', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0], updateFields: { title: 'Final', isFinished: true } }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: itemIds[0], title: 'Final', isFinished: true });
			expect(f.server.wekan.db.checklistItems.findOne(itemIds[0])).toMatchObject({ title: 'Final', isFinished: true });
			// Wekan writes both directly, without the hooks: no checkedItem or completeChecklist activity, and it never
			// writes the checklist's finishedAt (server/models/checklistItems.js:209-220).
			expect(f.server.wekan.db.checklists.findOne(checklistId)!.finishedAt).toBeUndefined();
			expect(f.server.wekan.db.activities.find({ checklistItemId: itemIds[0], activityType: 'checkedItem' })).toHaveLength(0);
		});

		it('renames an item to a title with spaces around it, as Wekan stores it, and does not report it as not applied', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Old']);
			const result = await f.engine.run(
				checklistItem('update', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0], updateFields: { title: '  New  ' } }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ title: 'New' });
		});

		it('unchecks an item', async () => {
			const { card, checklistId, itemIds } = await cardWithChecklist(['Done']);
			f.server.wekan.db.checklistItems.raw.update({ _id: itemIds[0] }, { $set: { isFinished: true } });
			const result = await f.engine.run(
				checklistItem('update', { cardId: rl(card._id), checklistId, checklistItemId: itemIds[0], updateFields: { isFinished: false } }),
			);
			expect(result.error).toBeUndefined();
			expect(f.server.wekan.db.checklistItems.findOne(itemIds[0])!.isFinished).toBe(false);
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
			expect(f.server.wekan.db.checklistItems.findOne(itemIds[0])).toBeUndefined();
			expect(f.server.wekan.db.checklistItems.findOne(itemIds[1])).toBeDefined();
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
