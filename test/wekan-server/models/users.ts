/**
 * Users (models/users.js, server/models/users.js) and the ways an account comes to exist.
 */
import { hashPassword, randomId } from '../ids';
import { usersSchema, type UserDoc } from '../schemas/users';
import type { Wekan } from '../server';
import { createBoard } from './boards';

export interface NewUser {
	username?: string;
	email?: string;
	password?: string;
	fullname?: string;
	isAdmin?: boolean;
}

/** Attaches the users schema and registers the users hooks. */
export function registerUsers(wekan: Wekan): void {
	wekan.db.users.attachSchema(usersSchema(wekan.db));
}

export function createUser(wekan: Wekan, input: NewUser): UserDoc {
	const salt = randomId(8);
	const id = wekan.db.users.insert({
		username: input.username ?? (input.email ? input.email.split('@')[0] : randomId(8)),
		emails: input.email ? [{ address: input.email, verified: false }] : [],
		...(input.fullname === undefined ? {} : { profile: { fullname: input.fullname } }),
		isAdmin: input.isAdmin ?? wekan.db.users.size === 0,
		loginDisabled: false,
		authenticationMethod: input.password === undefined ? 'ldap' : 'password',
		services: {
			...(input.password === undefined ? {} : { password: { salt, hash: hashPassword(input.password, salt) } }),
			resume: { loginTokens: [] },
		},
	});
	const user = wekan.db.users.findOne(id) as UserDoc;
	createBoard(wekan, { title: 'Templates', ownerId: id, type: 'template-container' });
	return user;
}

export function checkPassword(user: UserDoc, password: string): boolean {
	const stored = (user.services as { password?: { salt: string; hash: string } } | undefined)?.password;
	return !!stored && stored.hash === hashPassword(password, stored.salt);
}

