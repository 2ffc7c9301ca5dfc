/**
 * Users (models/users.js, server/models/users.js at Wekan v11.07): the schema, Wekan's `Accounts.onCreateUser`
 * hook (server/models/users.js:1530-1720), the users collection hooks (after.insert :1921-1977, after.update
 * :1886-1907, after.remove models/users.js:2423-2443 with models/lib/userDeletionCleanup.js), and the seeding
 * function tests use to create an account the way Wekan's server creates one.
 */
import type { CreateUserOptions, NewUserDocument } from '../accounts';
import { MeteorError } from '../errors';
import type { BoardMember } from '../schemas/boards';
import { usersSchema, type UserDoc } from '../schemas/users';
import type { Wekan } from '../server';

export interface NewUser {
	username?: string;
	email?: string;
	password?: string;
	fullname?: string;
	isAdmin?: boolean;
}

/** Attaches the users schema, Wekan's onCreateUser hook and the users hooks. */
export function registerUsers(wekan: Wekan): void {
	const { db } = wekan;
	db.users.attachSchema(usersSchema(db));
	wekan.accounts.onCreateUser((options, user) => onCreateUser(wekan, options, user));

	// server/models/users.js:1921-1977
	db.users.after.insert((_userId, inserted) => {
		const doc = db.users.findOne(inserted._id);
		if (!doc) return;
		if (doc.createdThroughApi) {
			// `$set: {createdThroughApi: ''}`: collection2 removes the empty string and unsets the field instead.
			db.users.update(doc._id, { $set: { createdThroughApi: '' } });
			return;
		}
		const disableRegistration = db.settings.findOne({})?.disableRegistration;
		if (doc.authenticationMethod !== 'ldap' && disableRegistration) {
			// Wekan looks up the invitation code the account signed up with and adds the account to that code's boards.
			// This server keeps no invitation codes, and onCreateUser has already refused every sign-up without one.
			throw new MeteorError('error-invitation-code-not-exist');
		}
	});

	// server/models/users.js:1886-1907: starring or unstarring a board counts on the board (not awaited).
	db.users.after.update((_userId, doc, fieldNames, _modifier, previous) => {
		if (!fieldNames.includes('profile')) return;
		const before = starredBoards(previous);
		const after = starredBoards(doc);
		for (const boardId of before.filter((id) => !after.includes(id))) adjustStars(wekan, boardId, -1);
		for (const boardId of after.filter((id) => !before.includes(id))) adjustStars(wekan, boardId, 1);
	});

	// models/users.js:2423-2443 and models/lib/userDeletionCleanup.js:52-131: a deleted user leaves no member,
	// watcher, card member, assignee, requester or assigner entries behind. Activities and comments stay. (The
	// avatar files it also removes are not modelled.)
	db.users.after.remove((_userId, doc) => {
		const userId = doc?._id;
		if (typeof userId !== 'string' || !userId) return;
		try {
			db.boards.update(
				{ $or: [{ 'members.userId': userId }, { 'watchers.userId': userId }] },
				{ $pull: { members: { userId }, watchers: { userId } } },
				{ multi: true },
			);
			db.cards.update(
				{
					$or: [
						{ members: userId },
						{ assignees: userId },
						{ requesters: userId },
						{ assigners: userId },
						{ watchers: userId },
					],
				},
				{ $pull: { members: userId, assignees: userId, requesters: userId, assigners: userId, watchers: userId } },
				{ multi: true },
			);
			db.lists.update({ watchers: userId }, { $pull: { watchers: userId } }, { multi: true });
		} catch {
			// models/users.js:2436-2442 logs the failure and keeps the deletion.
		}
	});
}

function starredBoards(doc: UserDoc | undefined): string[] {
	const starred = doc?.profile?.starredBoards;
	return Array.isArray(starred) ? starred : [];
}

function adjustStars(wekan: Wekan, boardId: string, inc: number): void {
	try {
		wekan.db.boards.update(boardId, { $inc: { stars: inc } });
	} catch {
		// server/models/users.js:1901-1903: the failure is logged only.
	}
}

/**
 * Wekan's Accounts.onCreateUser (server/models/users.js:1530-1720) for accounts that are not OIDC logins: the first
 * account becomes site admin; an admin-created account (`from: 'admin'`, POST /api/users) is marked
 * createdThroughApi; otherwise, while registration is disabled, only LDAP logins and invitation codes may sign up.
 * (#5351's auto-add to organisations by email domain needs organisations, which this server does not keep.)
 */
function onCreateUser(wekan: Wekan, options: CreateUserOptions, user: NewUserDocument): NewUserDocument {
	user.isAdmin = wekan.db.users.count() === 0;
	if (options.from === 'admin') {
		user.createdThroughApi = true;
		return user;
	}
	const disableRegistration = wekan.db.settings.findOne({})?.disableRegistration;
	if (disableRegistration && options.ldap) {
		user.authenticationMethod = 'ldap';
		return user;
	}
	if (!disableRegistration) return user;
	if (!options.profile) throw new MeteorError('error-invitation-code-blank', 'The invitation code is required');
	// No invitation code exists here, so the lookup at :1699-1706 finds none.
	throw new MeteorError('error-invitation-code-not-exist', "The invitation code doesn't exist");
}

/**
 * A user account, created as a site admin creates one over REST (server/models/users.js:2246-2259:
 * `Accounts.createUser({username, email, password, from: 'admin'})`), so it works whether or not registration is
 * open; the first account becomes site admin. Only what the input names is passed on, so a missing email does not
 * make Meteor's check fail as the REST route's undefined email does. Afterwards `isAdmin` and `fullname`, if given,
 * are set as the Admin Panel and the profile form set them (Users.updateAsync).
 */
export function createUser(wekan: Wekan, input: NewUser): UserDoc {
	const options: CreateUserOptions = { from: 'admin' };
	if (input.username !== undefined) options.username = input.username;
	if (input.email !== undefined) options.email = input.email;
	if (input.password !== undefined) options.password = input.password;
	const id = wekan.accounts.createUserSync(options);
	const set: Record<string, unknown> = {};
	if (input.isAdmin !== undefined && input.isAdmin !== wekan.db.users.findOne(id)?.isAdmin) set.isAdmin = input.isAdmin;
	if (input.fullname !== undefined) set['profile.fullname'] = input.fullname;
	if (Object.keys(set).length) wekan.db.users.update(id, { $set: set });
	return wekan.db.users.findOne(id) as UserDoc;
}

/**
 * The `boards` list GET /api/user and GET /api/users/:userId add (server/models/users.js:1984-1994, :2049-2058): for
 * every board of type 'board' that lists the user (active or not), the user's first member entry, without its
 * userId and with the boardId after its flags.
 */
export function membershipsOf(wekan: Wekan, userId: string): Array<Record<string, unknown>> {
	// `find({type: 'board', 'members.userId': userId}, {fields: {_id: 1, members: 1}})`, in natural order. The
	// member match is the array-element equality MongoDB applies to `members.userId`, done here rather than by a
	// query compiled on every GET /api/user; only _id and members are read, so no projection pass either.
	const boards = wekan.db.boards.find({ type: 'board' });
	const memberships: Array<Record<string, unknown>> = [];
	for (const board of boards) {
		const members = Array.isArray(board.members) ? (board.members as BoardMember[]) : [];
		const entry = members.find((m) => m && m.userId === userId);
		if (!entry) continue;
		const { userId: _omitted, ...flags } = entry;
		memberships.push({ ...flags, boardId: board._id });
	}
	return memberships;
}

/** withoutSecrets (server/models/users.js:2031-2036): no services, no sessionData. */
export function withoutSecrets(user: UserDoc): Record<string, unknown> {
	const { services: _services, sessionData: _sessionData, ...rest } = user;
	return rest;
}
