import { rl, wekanWorkflow } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';

describe('engine smoke', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	it('creates a card through WorkflowExecute and logs in once', async () => {
		const result = await f.engine.run(
			wekanWorkflow({
				resource: 'card',
				operation: 'create',
				boardId: rl(f.boardId),
				listId: rl(f.todoListId),
				swimlaneId: rl(f.swimlaneId),
				title: 'Hello',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const [card] = result.json('Wekan');
		expect(card).toMatchObject({ title: 'Hello', listId: f.todoListId, boardId: f.boardId });
		expect(f.server.wekan.requests('POST', '/users/login')).toHaveLength(1);
		const again = await f.engine.run(wekanWorkflow({ resource: 'user', operation: 'getMe' }));
		expect(again.json('Wekan')[0]).toMatchObject({ _id: f.adminId, username: 'admin' });
		expect(f.server.wekan.requests('POST', '/users/login')).toHaveLength(1);
	});
});
