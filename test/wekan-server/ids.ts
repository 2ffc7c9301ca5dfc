/**
 * The random ids, secrets and hashes Meteor makes: Random.id() and Random.secret() (random package),
 * Accounts._hashLoginToken (accounts-base), SHA256 (sha package).
 */
import { createHash, randomBytes } from 'node:crypto';

// Meteor's Random.id() alphabet: no 0, 1, I, O, l, which are easy to misread.
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function randomId(length = 17): string {
	const bytes = randomBytes(length);
	let id = '';
	for (let i = 0; i < length; i++) id += UNMISTAKABLE[bytes[i] % UNMISTAKABLE.length];
	return id;
}

/** Random.secret(): 43 characters of the URL-safe base64 alphabet, the form of a Meteor login token. */
export function randomToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Accounts._hashLoginToken: Meteor stores only sha256(token), base64; the plain token is shown once. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64');
}

/** The sha package's SHA256(): the lower-case hex digest of the UTF-8 text. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}
