import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';

const dep = (operation: string, parameters = {}, credentialId?: string) => op('cardDependency', operation, parameters, credentialId);

describe('Card Dependency operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;
	const card = (title: string) =>
		w().createCard({ title, boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId });

	it('adds a dependency, lists it for the card and the board, updates and removes it', async () => {
		const a = card('Backend');
		const b = card('Frontend');
		const added = await f.engine.run(dep('add', { cardId: rl(a._id), targetCardId: rl(b._id), type: 'blocks' }));
		expect(added.error).toBeUndefined();
		expect(added.json('Wekan')[0]).toEqual({
			cardId: b._id,
			type: 'blocks',
			color: '#eb144c',
			icon: 'link',
			sourceCardId: a._id,
			boardId: f.boardId,
		});
		expect(w().db.cards.findOne(a._id)!.cardDependencies).toEqual([{ cardId: b._id, type: 'blocks', color: '#eb144c', icon: 'link' }]);
		// Wekan stores nothing on the target.
		expect(w().db.cards.findOne(b._id)!.cardDependencies).toEqual([]);

		const ofCard = await f.engine.run(dep('getAll', { scope: 'card', cardId: rl(a._id), returnAll: true }));
		expect(ofCard.json('Wekan')).toHaveLength(1);
		const ofTarget = await f.engine.run(dep('getAll', { scope: 'card', cardId: rl(b._id), returnAll: true }));
		expect(ofTarget.json('Wekan')).toEqual([]);
		const ofBoard = await f.engine.run(dep('getAll', { scope: 'board', boardId: rl(f.boardId), returnAll: true }));
		expect(ofBoard.json('Wekan')).toContainEqual(
			expect.objectContaining({ from: a._id, fromTitle: 'Backend', to: b._id, toTitle: 'Frontend', type: 'blocks' }),
		);

		const updated = await f.engine.run(
			dep('update', { cardId: rl(a._id), targetCardId: rl(b._id), updateFields: { type: 'fixes', icon: 'bug' } }),
		);
		expect(updated.error).toBeUndefined();
		expect(updated.json('Wekan')[0]).toMatchObject({ type: 'fixes', icon: 'bug', color: '#eb144c' });

		const removed = await f.engine.run(dep('remove', { cardId: rl(a._id), targetCardId: rl(b._id) }));
		expect(removed.json('Wekan')[0]).toEqual({ sourceCardId: a._id, cardId: b._id, boardId: f.boardId, removed: true });
		expect(w().db.cards.findOne(a._id)!.cardDependencies).toEqual([]);
		const from = w().log.length;
		const again = await f.engine.run(dep('remove', { cardId: rl(a._id), targetCardId: rl(b._id) }));
		expect(again.json('Wekan')[0]).toMatchObject({ removed: false });
		expect(requestsSince(f, from).filter((r) => r.startsWith('DELETE'))).toEqual([]);
	});

	it('adding to the same target again changes the entry instead of adding a second', async () => {
		const a = card('Twice A');
		const b = card('Twice B');
		await f.engine.run(dep('add', { cardId: rl(a._id), targetCardId: rl(b._id), type: 'blocks' }));
		const second = await f.engine.run(dep('add', { cardId: rl(a._id), targetCardId: rl(b._id), type: 'related-to', options: { color: '#00ff00' } }));
		expect(second.error).toBeUndefined();
		expect(w().db.cards.findOne(a._id)!.cardDependencies).toEqual([{ cardId: b._id, type: 'related-to', color: '#00ff00', icon: 'link' }]);
	});

	it('reports an old bare-id entry that Wekan answers success for but does not change', async () => {
		const a = card('Legacy A');
		const b = card('Legacy B');
		w().db.cards.raw.update(a._id, { $set: { cardDependencies: [b._id] } });
		const result = await f.engine.run(dep('update', { cardId: rl(a._id), targetCardId: rl(b._id), updateFields: { type: 'blocks' } }));
		expect(expectFailure(result)).toContain('did not change');
		const removal = await f.engine.run(dep('remove', { cardId: rl(a._id), targetCardId: rl(b._id) }));
		expect(expectFailure(removal)).toContain('did not remove');
		expect(w().db.cards.findOne(a._id)!.cardDependencies).toEqual([b._id]);
	});

	it('refuses a dependency on the card itself and a missing one before writing', async () => {
		const a = card('Self');
		const self = await runCounting(f, dep('add', { cardId: rl(a._id), targetCardId: rl(a._id), type: 'blocks' }));
		expect(expectFailure(self.result)).toContain('cannot depend on itself');
		expect(self.requests).toBe(0);
		const b = card('Other');
		const from = w().log.length;
		const missing = await f.engine.run(dep('update', { cardId: rl(a._id), targetCardId: rl(b._id), updateFields: { type: 'blocks' } }));
		expect(expectFailure(missing)).toContain(`has no dependency on card ${b._id}`);
		expect(requestsSince(f, from).filter((r) => r.startsWith('PUT'))).toEqual([]);
	});

	it('refuses a target on another board with Wekan\'s reason', async () => {
		const a = card('Here');
		const other = w().createBoard({ title: 'Elsewhere', ownerId: f.adminId });
		const list = w().createList(other._id, 'L');
		const there = w().createCard({ title: 'There', boardId: other._id, listId: list._id, swimlaneId: w().defaultSwimlaneId(other._id)!, userId: f.adminId });
		const result = await f.engine.run(dep('add', { cardId: rl(a._id), targetCardId: rl(there._id), type: 'blocks' }));
		expect(expectFailure(result)).toContain('Target card is not on this board');
	});

	it('refuses a read-only member', async () => {
		const a = card('RO A');
		const b = card('RO B');
		const { credentialId } = normalUser(f, 'depreader', f.boardId, { isReadOnly: true });
		const result = await f.engine.run(dep('add', { cardId: rl(a._id), targetCardId: rl(b._id), type: 'blocks' }, credentialId));
		expect(expectFailure(result)).toMatch(/write access/i);
		expect(w().db.cards.findOne(a._id)!.cardDependencies).toEqual([]);
	});
});
