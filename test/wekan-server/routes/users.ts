/**
 * The users routes of server/models/users.js (Wekan v11.07: :1979-2316 and :2736-2756), with the board member routes
 * there (:2101-2244) and the member role route of server/models/boards.js:1299-1373. Every handler wraps its body
 * in try/catch and answers a thrown error with `sendJsonResult(res, {code: 200, data: error})` (style A); the
 * member routes answer their own 401/403/400 with explicit statuses first. REST handlers run outside any Meteor
 * method, so the writes reach the hooks without a user id.
 */
import { check } from '../accounts';
import { sendJsonResult, type Router } from '../http';
import {
	boardMemberRoleToFlags,
	changeOwnership,
	hasAdmin,
	hasMember,
	MEMBER_FLAGS,
	type MemberFlag,
	removeMember,
	setMemberPermission,
} from '../models/boardMembers';
import { membershipsOf, withoutSecrets } from '../models/users';
import type { BoardMember } from '../schemas/boards';
import type { Wekan } from '../server';

const hasOwn = (body: object, key: string) => Object.prototype.hasOwnProperty.call(body, key);

/** The add route's isTrue (server/models/users.js:2157-2158): `true`, or anything whose String() reads 'true'. */
const looselyTrue = (value: unknown) => value === true || String(value).toLowerCase() === 'true';

/**
 * The role route's isTrue (server/models/boards.js:1341-1352): booleans as they are, strings compared with 'true',
 * and anything without toLowerCase (undefined, numbers, null, objects) passed through unchanged.
 */
function trueOrAsGiven(value: unknown): unknown {
	if (value === true || value === false) return value;
	return typeof value === 'string' ? value.toLowerCase() === 'true' : value;
}

export function registerUserRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;

	// server/models/users.js:1979-2001: yourself without `services` (sessionData stays), with your memberships.
	router.get('/api/user', 'A', (ctx) => {
		wekan.can.loggedIn(ctx.userId);
		const data = db.users.findOne({ _id: ctx.userId });
		if (!data) throw new TypeError('Cannot convert undefined or null to object');
		const { services: _services, ...rest } = data;
		return { ...rest, boards: membershipsOf(wekan, ctx.userId) };
	});

	// server/models/users.js:2003-2015: every user's _id and username, in natural order.
	router.get('/api/users', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		return db.users
			.find({}, { fields: { _id: 1, username: 1 } })
			.map((doc) => ({ _id: doc._id, username: doc.username }));
	});

	// server/models/users.js:2038-2064: by _id, else by username; neither reads `_id` of undefined, a TypeError ({}).
	router.get('/api/users/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const id = ctx.params.userId;
		const user = db.users.findOne({ _id: id }) ?? db.users.findOne({ username: id });
		if (!user) throw new TypeError("Cannot read properties of undefined (reading '_id')");
		return { ...withoutSecrets(user), boards: membershipsOf(wekan, user._id) };
	});

	// server/models/users.js:2066-2099
	router.put('/api/users/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const me = ctx.userId;
		const id = ctx.params.userId;
		const action = ctx.body.action;
		// :2071: by _id only (no username), and an unknown id answers an empty 200.
		const user = db.users.findOne({ _id: id });
		if (user === undefined) return undefined;
		if (action === 'takeOwnership') {
			// :2074-2077: no $elemMatch, so any board that lists the user (active or not, admin or not) and has any
			// admin entry; boards of every type and archived ones too.
			const boards = db.boards.find({ 'members.userId': id, 'members.isAdmin': true }, { sort: { sort: 1 } });
			const taken: Array<{ _id: string; title: string }> = [];
			for (const board of boards) {
				// :2080-2082: the caller's own membership is removed first (deactivated, or kept active if the caller is
				// the board's last active admin) ...
				if (hasMember(board, me)) removeMember(wekan, board, me);
				// ... then the user's first entry gets the caller's id, keeping that entry's flags. Not awaited in Wekan: a
				// failure does not reach the answer.
				try {
					changeOwnership(wekan, board, id, me);
				} catch {
					// an unhandled rejection in Wekan, logged (server/00processErrors.js:73-87)
				}
				taken.push({ _id: board._id, title: board.title });
			}
			return taken;
		}
		if (action === 'disableLogin' && id !== me) {
			// :2088: the empty string is turned into `$unset` by collection2, so every login token goes.
			db.users.update({ _id: id }, { $set: { loginDisabled: true, 'services.resume.loginTokens': '' } });
		} else if (action === 'enableLogin') {
			// :2090: likewise `$unset` of loginDisabled.
			db.users.update({ _id: id }, { $set: { loginDisabled: '' } });
		}
		const after = db.users.findOne(id);
		return after ? withoutSecrets(after) : undefined;
	});

	// server/models/users.js:2246-2259: Accounts.createUser is not awaited, so the answer is `{_id: <Promise>}`,
	// which JSON.stringify makes `{"_id":{}}`, whatever then happens. The user appears once the password is hashed;
	// a check failure (a missing username or email is a key present with the value undefined), a taken username or
	// email, or a schema refusal creates nothing and is only logged.
	router.post('/api/users', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const created = wekan.accounts.createUserAsync({
			username: ctx.body.username,
			email: ctx.body.email,
			password: ctx.body.password,
			from: 'admin',
		});
		wekan.accounts.track(created);
		return { _id: {} };
	});

	// server/models/users.js:2261-2270; Users.after.remove prunes the user's references (models/users.ts).
	router.delete('/api/users/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const id = ctx.params.userId;
		db.users.remove({ _id: id });
		return { _id: id };
	});

	// server/models/users.js:2272-2289: no lookup of the user; _insertLoginToken is not awaited, and for an unknown id
	// it matches nobody, so the token answered works for no one.
	router.post('/api/createtoken/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const id = ctx.params.userId;
		const stamped = wekan.accounts.generateStampedLoginToken();
		try {
			wekan.accounts.insertLoginToken(id, stamped);
		} catch {
			// unawaited in Wekan
		}
		return { _id: id, authToken: stamped.token };
	});

	// server/models/users.js:2291-2316
	router.post('/api/deletetoken', 'A', (ctx) => {
		const { userId, token } = ctx.body;
		wekan.can.siteAdmin(ctx.userId);
		const data = { message: 'Expected a userId to be set but received none.' };
		if (token && userId) {
			// Accounts.destroyToken, not awaited: it matches the stored hash, so a plain token removes nothing.
			try {
				wekan.accounts.destroyToken(userId, token);
			} catch {
				// unawaited in Wekan
			}
			data.message = `Delete token: [${String(token)}] from user: ${String(userId)}`;
		} else if (userId) {
			check(userId, String);
			// The empty string becomes `$unset` (collection2), so all of the user's tokens go.
			db.users.update({ _id: userId as string }, { $set: { 'services.resume.loginTokens': '' } });
			data.message = `Delete all token from user: ${userId as string}`;
		}
		return data;
	});

	// server/models/users.js:2736-2756: users counted by the domain of their first email address.
	router.get('/api/admin/domains', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const counts = new Map<string, number>();
		for (const user of db.users.find({}, { fields: { emails: 1 } })) {
			const address = user.emails?.[0]?.address || '';
			const at = address.lastIndexOf('@');
			if (at === -1) continue;
			const domain = address
				.slice(at + 1)
				.toLowerCase()
				.trim();
			if (!domain) continue;
			counts.set(domain, (counts.get(domain) ?? 0) + 1);
		}
		return [...counts]
			.map(([domain, count]) => ({ domain, count }))
			.sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain));
	});

	// ---- board members ------------------------------------------------------------------------------------------

	/** The gate of the three member routes: 401 without a user, 403 unless board admin or site admin. */
	const memberGate = (userId: string | undefined, boardId: string, denial: string) => {
		if (!userId) return sendJsonResult(401, { error: 'Unauthorized' });
		// allowIsBoardAdmin on a board that may not exist: a missing board leaves only the site-admin check.
		const isBoardAdmin = hasAdmin(db.boards.findOne(boardId), userId);
		if (!isBoardAdmin && !wekan.can.isSiteAdmin(userId)) return sendJsonResult(403, { error: denial });
		return undefined;
	};

	/** A named `role` wins over the eight flags (#5998); an unknown name is a 400. */
	const roleOrFlags = (body: Record<string, unknown>) => {
		if (!hasOwn(body, 'role')) return { flags: body };
		const flags = boardMemberRoleToFlags(body.role);
		if (!flags) return { refusal: sendJsonResult(400, { error: `invalid role: ${String(body.role)}` }) };
		return { flags: flags as Record<string, unknown> };
	};

	// server/models/users.js:2101-2192
	router.post('/api/boards/:boardId/members/:userId/add', 'A', (ctx) => {
		const { userId, boardId } = ctx.params;
		const action = ctx.body.action;
		const denied = memberGate(ctx.userId, boardId, 'Only a board admin can add board members');
		if (denied) return denied;
		const chosen = roleOrFlags(ctx.body);
		if (chosen.refusal) return chosen.refusal;
		const user = db.users.findOne(userId);
		// #1894
		if (user !== undefined && action === 'add' && user.loginDisabled)
			return sendJsonResult(400, { error: 'User is disabled' });
		// Any other action changes nothing and answers the user's whole document, services included; an unknown user
		// answers an empty 200.
		if (user === undefined || action !== 'add') return user;
		const added: Array<{ _id: string; title: string }> = [];
		for (const board of db.boards.find({ _id: boardId })) {
			const members = board.members as BoardMember[];
			// :2153-2154: an active member is left as they are, and the role asked for is ignored.
			if (!members.some((m) => m.userId === userId && m.isActive)) {
				const memberFlags = Object.fromEntries(MEMBER_FLAGS.map((flag) => [flag, looselyTrue(chosen.flags[flag])]));
				const index = members.findIndex((m) => m.userId === userId);
				if (index >= 0) {
					// An inactive entry is reactivated with the new flags: a `$set`, so no addBoardMember activity.
					const set: Record<string, unknown> = { [`members.${index}.isActive`]: true };
					for (const [flag, value] of Object.entries(memberFlags)) set[`members.${index}.${flag}`] = value;
					db.boards.update(boardId, { $set: set });
				} else {
					db.boards.update(boardId, { $push: { members: { userId, isActive: true, ...memberFlags } } });
				}
			}
			added.push({ _id: board._id, title: board.title });
		}
		return added;
	});

	// server/models/users.js:2194-2244
	router.post('/api/boards/:boardId/members/:userId/remove', 'A', (ctx) => {
		const { userId, boardId } = ctx.params;
		const action = ctx.body.action;
		const denied = memberGate(ctx.userId, boardId, 'Only a board admin can remove board members');
		if (denied) return denied;
		const user = db.users.findOne(userId);
		if (user === undefined || action !== 'remove') return user;
		const removed: Array<{ _id: string; title: string }> = [];
		for (const board of db.boards.find({ _id: boardId })) {
			const members = board.members as BoardMember[];
			if (members.some((m) => m.userId === userId && m.isActive)) {
				// The first entry of the user, which may be an inactive one.
				const index = members.findIndex((m) => m.userId === userId);
				const member = members[index];
				const admins = members.filter((m) => m.isActive && m.isAdmin);
				if (member.isAdmin && admins.length <= 1) {
					// The last active admin stays.
					db.boards.update(boardId, { $set: { [`members.${index}.isActive`]: true } });
				} else {
					db.boards.update(boardId, {
						$set: { [`members.${index}.isActive`]: false, [`members.${index}.isAdmin`]: false },
					});
				}
			}
			removed.push({ _id: board._id, title: board.title });
		}
		return removed;
	});

	// server/models/boards.js:1299-1373: answers what Boards.updateAsync returns (1, or 0), or {} for a missing board.
	router.post('/api/boards/:boardId/members/:memberId', 'A', (ctx) => {
		const { boardId, memberId } = ctx.params;
		const denied = memberGate(ctx.userId, boardId, 'Only a board admin can change member permissions');
		if (denied) return denied;
		const chosen = roleOrFlags(ctx.body);
		if (chosen.refusal) return chosen.refusal;
		const board = db.boards.findOne(boardId);
		if (!board) throw new TypeError("Cannot read properties of undefined (reading 'setMemberPermission')");
		const flags = Object.fromEntries(MEMBER_FLAGS.map((flag) => [flag, trueOrAsGiven(chosen.flags[flag])])) as Record<
			MemberFlag,
			unknown
		>;
		return setMemberPermission(wekan, board, memberId, flags, ctx.userId);
	});
}
