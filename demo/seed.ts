/** The board the demo runs the examples against, and the values of the examples' placeholders. */
import type { Wekan } from '../test/wekan-server/server';

export const DEMO_ADMIN = { username: 'admin', email: 'admin@example.com', password: 'admin-password' };
export const DEMO_TEAMMATE = { username: 'sam', email: 'sam@example.com', password: 'sam-password' };

export interface DemoSeed {
	adminId: string;
	teammateId: string;
	boardId: string;
	swimlaneId: string;
	lists: { todo: string; doing: string; done: string };
	/** Card ids by title. */
	cards: Record<string, string>;
	/** Placeholder name (as in `{{BOARD_ID}}`) to value. */
	placeholders: Record<string, string>;
}

/** Card titles by list, top to bottom; the last Done card is archived. */
export const SEED_CARDS = {
	todo: ['Write the onboarding guide', 'Fix the login redirect'],
	doing: ['Design the new logo'],
	done: ['Set up the board'],
	archived: 'Old idea',
};

export function seedDemo(wekan: Wekan): DemoSeed {
	const admin = wekan.createUser({ ...DEMO_ADMIN, fullname: 'Ada Admin', isAdmin: true });
	const teammate = wekan.createUser({ ...DEMO_TEAMMATE, fullname: 'Sam Teammate', isAdmin: false });
	const board = wekan.createBoard({ title: 'Demo', ownerId: admin._id });
	wekan.addBoardMember(board._id, teammate._id);
	const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
	const [todo, doing, done] = ['To Do', 'Doing', 'Done'].map((title, sort) => wekan.createList(board._id, title, swimlaneId, sort));
	const cards: Record<string, string> = {};
	const add = (title: string, listId: string, sort: number, extra: { archived?: boolean; members?: string[] } = {}) => {
		cards[title] = wekan.createCard({ title, boardId: board._id, listId, swimlaneId, userId: admin._id, sort, ...extra })._id;
	};
	SEED_CARDS.todo.forEach((title, sort) => add(title, todo._id, sort));
	SEED_CARDS.doing.forEach((title, sort) => add(title, doing._id, sort, { members: [teammate._id] }));
	SEED_CARDS.done.forEach((title, sort) => add(title, done._id, sort));
	add(SEED_CARDS.archived, done._id, SEED_CARDS.done.length, { archived: true });
	return {
		adminId: admin._id,
		teammateId: teammate._id,
		boardId: board._id,
		swimlaneId,
		lists: { todo: todo._id, doing: doing._id, done: done._id },
		cards,
		placeholders: {
			BOARD_ID: board._id,
			SWIMLANE_ID: swimlaneId,
			TODO_LIST_ID: todo._id,
			DOING_LIST_ID: doing._id,
			DONE_LIST_ID: done._id,
			TEAMMATE_USERNAME: DEMO_TEAMMATE.username,
		},
	};
}
