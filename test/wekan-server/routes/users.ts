/**
 * Users (wekan-api.md §2.1; server/models/users.js). Style A throughout, plus `/api/user/cards`.
 */
import { json, type Router } from '../http';
import type { Wekan } from '../server';

export function registerUserRoutes(router: Router, wekan: Wekan): void {
	router.get('/api/user', 'A', (ctx) => {
		wekan.can.loggedIn(ctx.userId);
		const user = wekan.store.users.get(ctx.userId);
		return user ? wekan.publicUser(user) : {};
	});

	router.get('/api/users', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		return wekan.store.users.find().map((u) => ({ _id: u._id, username: u.username }));
	});

	router.get('/api/users/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const user = wekan.findUserByIdOrName(ctx.params.userId);
		// Reading a property of the missing document throws a TypeError, which serialises to {}.
		if (!user) return {};
		return wekan.publicUser(user);
	});

	router.put('/api/users/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const user = wekan.findUserByIdOrName(ctx.params.userId);
		if (!user) return {};
		switch (ctx.body.action) {
			case 'takeOwnership': {
				const taken = wekan.store.boards.find(
					(b) => b.type === 'board' && b.members.some((m) => m.userId === user._id && m.isAdmin && m.isActive),
				);
				for (const board of taken) {
					const existing = board.members.find((m) => m.userId === ctx.userId);
					if (existing) {
						existing.isAdmin = true;
						existing.isActive = true;
					} else {
						board.members.push({
							userId: ctx.userId!,
							isAdmin: true,
							isActive: true,
							isNoComments: false,
							isCommentOnly: false,
							isWorker: false,
							isNormalAssignedOnly: false,
							isCommentAssignedOnly: false,
							isReadOnly: false,
							isReadAssignedOnly: false,
						});
					}
				}
				return taken.map((b) => ({ _id: b._id, title: b.title }));
			}
			case 'disableLogin':
				// Disabling yourself is ignored.
				if (user._id !== ctx.userId) {
					user.loginDisabled = true;
					wekan.revokeToken(user._id);
				}
				return wekan.publicUser(user);
			case 'enableLogin':
				user.loginDisabled = false;
				return wekan.publicUser(user);
			default:
				return wekan.publicUser(user);
		}
	});

	router.post('/api/users', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const { username, email, password } = ctx.body as Record<string, string | undefined>;
		const taken = wekan.store.users.findOne(
			(u) => u.username === username || (!!email && u.emails.some((e) => e.address === email)),
		);
		if (!taken && typeof username === 'string' && typeof password === 'string') {
			wekan.createUser({ username, email, password, isAdmin: false });
		}
		// Accounts.createUserAsync is not awaited: the Promise serialises to {}.
		return { _id: {} };
	});

	router.delete('/api/users/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const id = ctx.params.userId;
		wekan.revokeToken(id);
		wekan.store.users.remove(id);
		return { _id: id };
	});

	router.get('/api/user/cards', 'C', (ctx) => {
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		const me = ctx.userId;
		const activeBoards = new Set(
			wekan.store.boards
				.find((b) => !b.archived && b.members.some((m) => m.userId === me && m.isActive))
				.map((b) => b._id),
		);
		const dueOnly = ['true', '1', 'yes'].includes(String(ctx.query.due ?? '').toLowerCase());
		const from = ctx.query.from ? new Date(ctx.query.from) : undefined;
		const to = ctx.query.to ? new Date(ctx.query.to) : undefined;
		const cards = wekan.store.cards
			.find(
				(c) =>
					!c.archived &&
					activeBoards.has(c.boardId) &&
					(c.members.includes(me) || c.assignees.includes(me)) &&
					(!dueOnly || !!c.dueAt) &&
					(!from || (!!c.dueAt && c.dueAt >= from)) &&
					(!to || (!!c.dueAt && c.dueAt <= to)),
			)
			.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
		return cards.map((c) => ({
			_id: c._id,
			title: c.title,
			boardId: c.boardId,
			swimlaneId: c.swimlaneId,
			listId: c.listId,
			dueAt: c.dueAt,
			startAt: c.startAt,
			endAt: c.endAt,
			members: c.members,
			assignees: c.assignees,
		}));
	});
}
