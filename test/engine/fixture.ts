/**
 * A Wekan-compatible server with a site admin, a normal user and a board, plus an engine harness whose stored
 * credential logs in as the admin: the starting point of most node tests.
 */
import { startWekanServer, type RunningWekanServer, type WekanServerOptions } from '../wekan-server/server';
import { EngineHarness } from './harness';

export const ADMIN_PASSWORD = 'Adm1n-S3cret-Pa55word';

export interface Fixture {
	server: RunningWekanServer;
	engine: EngineHarness;
	adminId: string;
	boardId: string;
	swimlaneId: string;
	todoListId: string;
	doneListId: string;
	close(): Promise<void>;
}

export async function startFixture(options: WekanServerOptions = {}): Promise<Fixture> {
	const server = await startWekanServer(options);
	const wekan = server.wekan;
	const admin = wekan.createUser({ username: 'admin', email: 'admin@example.com', password: ADMIN_PASSWORD, isAdmin: true });
	const board = wekan.createBoard({ title: 'Engine Tests', ownerId: admin._id });
	const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
	const todo = wekan.createList(board._id, 'To Do', swimlaneId, 0);
	const done = wekan.createList(board._id, 'Done', swimlaneId, 1);
	const engine = new EngineHarness();
	engine.setCredential({ url: server.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD });
	return {
		server,
		engine,
		adminId: admin._id,
		boardId: board._id,
		swimlaneId,
		todoListId: todo._id,
		doneListId: done._id,
		close: () => server.close(),
	};
}
