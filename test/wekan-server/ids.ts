import { randomBytes, createHash } from 'node:crypto';

// Meteor's Random.id() alphabet: no 0, 1, I, O, l, which are easy to misread.
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function randomId(length = 17): string {
	const bytes = randomBytes(length);
	let id = '';
	for (let i = 0; i < length; i++) id += UNMISTAKABLE[bytes[i] % UNMISTAKABLE.length];
	return id;
}

/** A login token as Meteor's accounts package makes it: 43 URL-safe characters. */
export function randomToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Meteor stores only sha256(token), base64; the plain token is shown once, at login. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64');
}

export function hashPassword(password: string, salt: string): string {
	return createHash('sha256').update(`${salt}:${password}`).digest('hex');
}
