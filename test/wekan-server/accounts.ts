/**
 * What Meteor's accounts-base does with login tokens, on the users collection: a login stores only the sha256 of a
 * new token under `services.resume.loginTokens` (one more per login, none replaced), and a periodic job removes
 * tokens older than the login expiration. The REST middleware finds the user by the hashed token and does not look
 * at the date itself (server/apiMiddleware.js:68-84).
 */
import type { Database } from './db/database';
import { hashToken, randomToken } from './ids';

export interface LoginTokenRecord {
	hashedToken: string;
	when: Date;
}

export class Accounts {
	constructor(
		private readonly db: Database,
		/** ACCOUNTS_COMMON_LOGIN_EXPIRATION_IN_DAYS (server/accounts-common.js:6; 90 days by default), in ms. */
		private readonly loginExpirationMs: () => number,
	) {}

	/** Accounts._hashLoginToken: sha256, base64. */
	hashLoginToken(token: string): string {
		return hashToken(token);
	}

	/** Accounts._generateStampedLoginToken + _insertLoginToken: a new token for the user, and when it expires. */
	issueToken(userId: string): { token: string; tokenExpires: Date } {
		const token = randomToken();
		const when = new Date();
		this.db.users.raw.update({ _id: userId }, { $push: { 'services.resume.loginTokens': { hashedToken: this.hashLoginToken(token), when } } });
		return { token, tokenExpires: new Date(when.getTime() + this.loginExpirationMs()) };
	}

	/**
	 * The user a token belongs to (`req.userId`). Meteor's expiry job runs every few minutes; here it runs before
	 * each lookup, so an expired token fails at once rather than up to one job interval later.
	 */
	userIdForToken(token: string | undefined): string | undefined {
		if (!token) return undefined;
		this.expireTokens();
		const user = this.db.users.findOne(
			{ 'services.resume.loginTokens.hashedToken': this.hashLoginToken(token) },
			{ fields: { _id: 1 } },
		);
		return user?._id;
	}

	/** Removes one token of the user, or all of them. Returns how many were removed. */
	revokeToken(userId: string, token?: string): number {
		const user = this.db.users.findOne(userId);
		const tokens = this.tokensOf(user);
		const hashed = token === undefined ? undefined : this.hashLoginToken(token);
		const removed = tokens.filter((t) => hashed === undefined || t.hashedToken === hashed).length;
		if (!removed) return 0;
		const pull = hashed === undefined ? {} : { hashedToken: hashed };
		this.db.users.raw.update({ _id: userId }, hashed === undefined
			? { $set: { 'services.resume.loginTokens': [] } }
			: { $pull: { 'services.resume.loginTokens': pull } });
		return removed;
	}

	/** Accounts._expireTokens: pulls every token issued before the login expiration. */
	expireTokens(now = Date.now()): void {
		const oldestValid = new Date(now - this.loginExpirationMs());
		this.db.users.raw.update(
			{ 'services.resume.loginTokens.when': { $lt: oldestValid } },
			{ $pull: { 'services.resume.loginTokens': { when: { $lt: oldestValid } } } },
			{ multi: true },
		);
	}

	/** Test hook: dates a token back past the expiration, as if its days had passed. */
	ageToken(token: string): void {
		const hashed = this.hashLoginToken(token);
		const past = new Date(Date.now() - this.loginExpirationMs() - 1000);
		this.db.users.raw.update(
			{ 'services.resume.loginTokens.hashedToken': hashed },
			{ $set: { 'services.resume.loginTokens.$.when': past } },
		);
	}

	/** Test hook: dates every token back past the expiration. */
	ageAllTokens(): void {
		const past = new Date(Date.now() - this.loginExpirationMs() - 1000);
		for (const user of this.db.users.find({ 'services.resume.loginTokens.0': { $exists: true } })) {
			const tokens = this.tokensOf(user).map((t) => ({ ...t, when: past }));
			this.db.users.raw.update({ _id: user._id }, { $set: { 'services.resume.loginTokens': tokens } });
		}
	}

	private tokensOf(user: { services?: unknown } | undefined): LoginTokenRecord[] {
		const services = (user?.services ?? {}) as { resume?: { loginTokens?: LoginTokenRecord[] } };
		return services.resume?.loginTokens ?? [];
	}
}
