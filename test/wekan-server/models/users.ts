/**
 * Users (models/users.js, server/models/users.js) and the ways an account comes to exist.
 */
import { hashPassword, randomId } from '../ids';
import type { UserDoc } from '../model';
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
export function registerUsers(_wekan: Wekan): void {}

export function createUser(wekan: Wekan, input: NewUser): UserDoc {
	const salt = randomId(8);
	const now = new Date();
	const id = wekan.db.users.insert({
		username: input.username ?? (input.email ? input.email.split('@')[0] : randomId(8)),
		emails: input.email ? [{ address: input.email, verified: false }] : [],
		profile: { fullname: input.fullname, language: 'en' },
		isAdmin: input.isAdmin ?? wekan.db.users.size === 0,
		loginDisabled: false,
		authenticationMethod: input.password === undefined ? 'ldap' : 'password',
		createdAt: now,
		modifiedAt: now,
		services: {
			...(input.password === undefined ? {} : { password: { salt, hash: hashPassword(input.password, salt) } }),
			resume: { loginTokens: [] },
		},
	});
	const user = wekan.db.users.findOne(id) as unknown as UserDoc;
	createBoard(wekan, { title: 'Templates', ownerId: id, type: 'template-container' });
	return user;
}

export function checkPassword(user: UserDoc, password: string): boolean {
	const stored = user.services.password;
	return !!stored && stored.hash === hashPassword(password, stored.salt);
}

