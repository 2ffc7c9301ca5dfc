/** The seeding functions create documents as Wekan's server code would: through the schemas. */
import { startWekanServer } from '../wekan-server/server';

it('seeds a user, a board with its default swimlane, a list and a card through the schemas', async () => {
	const server = await startWekanServer();
	try {
		const { wekan } = server;
		const admin = wekan.createUser({ username: 'admin', email: 'admin@example.com', password: 'pw', isAdmin: true });
		expect(admin.profile).toMatchObject({ boardView: expect.any(String) });
		const board = wekan.createBoard({ title: 'Board', ownerId: admin._id });
		expect(board).toMatchObject({ permission: 'private', members: [{ userId: admin._id, isAdmin: true, isActive: true }] });
		const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
		expect(swimlaneId).toEqual(expect.any(String));
		const list = wekan.createList(board._id, 'To Do', swimlaneId, 0);
		const card = wekan.createCard({ title: 'Card', boardId: board._id, listId: list._id, swimlaneId, userId: admin._id });
		expect(card).toMatchObject({ title: 'Card', archived: false, members: [], customFields: [], createdAt: expect.any(Date) });
	} finally {
		await server.close();
	}
});
