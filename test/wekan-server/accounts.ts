/**
 * Meteor's accounts, as Wekan v11.07 runs them (.meteor/versions: accounts-base 3.3.1-beta352.0, accounts-password
 * 3.3.1, check 1.5.0) on the users collection, plus the pieces of Wekan's REST login that sit beside them:
 * - accounts-base: login tokens (`services.resume.loginTokens`, only sha256 hashes stored, one more per login),
 *   their expiry, `Accounts.createUser`'s duplicate checks and `insertUserDoc` with the `onCreateUser` hook;
 * - accounts-password: `services.password.bcrypt` = bcrypt(SHA256 hex of the password), `_checkPasswordAsync`
 *   with its deferred re-hash when the stored cost differs from `bcryptRounds`;
 * - check: `check()` and the `Match` patterns, with their error texts;
 * - server/lib/loginAttemptThrottle.js and server/lib/loginTimingDefense.js (the REST login's brute-force throttle
 *   and its timing equaliser).
 * Writes go through `db.users` (collection2's cleaning and the users hooks), as Meteor.users' writes do. Where
 * Meteor's 3.3.1 source was not at hand, the 3.0.3 and 3.1 sources were read; the parts used here agree.
 */
import bcrypt from 'bcryptjs';
import type { Database } from './db/database';
import { MeteorError } from './errors';
import { hashToken, randomId, randomToken, sha256Hex } from './ids';
import type { UserDoc } from './schemas/users';

// ---- check / Match (check package, match.js) --------------------------------------------------------------

/** Match.Error: an Error whose own fields are what JSON.stringify shows (Meteor.makeErrorType assigns them). */
export class MatchError extends Error {
	path = '';
	readonly sanitizedError = new MeteorError(400, 'Match failed');

	constructor(message: string) {
		super(`Match error: ${message}`);
		this.name = 'Match.Error';
	}

	toJSON(): Record<string, unknown> {
		return { message: this.message, path: this.path, sanitizedError: this.sanitizedError, errorType: 'Match.Error' };
	}
}

class OptionalPattern {
	constructor(readonly pattern: Pattern) {}
}
class WherePattern {
	constructor(readonly condition: (value: unknown) => boolean) {}
}
class OneOfPattern {
	constructor(readonly choices: Pattern[]) {}
}
class IncludingPattern {
	constructor(readonly pattern: { [key: string]: Pattern }) {}
}

export type Pattern =
	| StringConstructor
	| NumberConstructor
	| BooleanConstructor
	| string
	| OptionalPattern
	| WherePattern
	| OneOfPattern
	| IncludingPattern
	| { [key: string]: Pattern };

export const Match = {
	Optional: (pattern: Pattern) => new OptionalPattern(pattern),
	Where: (condition: (value: unknown) => boolean) => new WherePattern(condition),
	OneOf: (...choices: Pattern[]) => new OneOfPattern(choices),
	ObjectIncluding: (pattern: { [key: string]: Pattern }) => new IncludingPattern(pattern),
};

interface Mismatch {
	message: string;
	path: string;
}

const ATOMS: Array<[Pattern, string]> = [
	[String, 'string'],
	[Number, 'number'],
	[Boolean, 'boolean'],
];

/** jQuery's isPlainObject, which check() uses (isPlainObject.js). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (!value || Object.prototype.toString.call(value) !== '[object Object]') return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === null || prototype === Object.prototype;
}

/** match.js _prependPath: identifiers as they are, other keys in brackets. */
function prependPath(key: string, base: string): string {
	let head = key;
	if (/^[0-9]+$/.test(key)) head = `[${key}]`;
	else if (!/^[a-z_$][0-9a-z_$.[\]]*$/i.test(key)) head = JSON.stringify([key]);
	return base && base[0] !== '[' ? `${head}.${base}` : head + base;
}

function testSubtree(value: unknown, pattern: Pattern): Mismatch | false {
	for (const [atom, type] of ATOMS) {
		if (pattern !== atom) continue;
		if (typeof value === type) return false;
		return { message: `Expected ${type}, got ${value === null ? 'null' : typeof value}`, path: '' };
	}
	if (typeof pattern === 'string') {
		return value === pattern ? false : { message: `Expected ${pattern}, got ${JSON.stringify(value)}`, path: '' };
	}
	if (pattern instanceof WherePattern) {
		try {
			if (pattern.condition(value)) return false;
		} catch (error) {
			// A Match.Error thrown inside the condition keeps its whole message, "Match error: " included.
			if (!(error instanceof MatchError)) throw error;
			return { message: error.message, path: error.path };
		}
		return { message: 'Failed Match.Where validation', path: '' };
	}
	if (pattern instanceof OptionalPattern) {
		if (value === undefined) return false;
		return testSubtree(value, pattern.pattern) ? optionalFailure() : false;
	}
	if (pattern instanceof OneOfPattern) {
		for (const choice of pattern.choices) if (!testSubtree(value, choice)) return false;
		return optionalFailure();
	}
	const including = pattern instanceof IncludingPattern;
	const shape = pattern instanceof IncludingPattern ? pattern.pattern : (pattern as { [key: string]: Pattern });
	if (typeof value !== 'object') return { message: `Expected object, got ${typeof value}`, path: '' };
	if (value === null) return { message: 'Expected object, got null', path: '' };
	if (!isPlainObject(value)) return { message: 'Expected plain object', path: '' };
	const required = new Map<string, Pattern>();
	const optional = new Map<string, Pattern>();
	for (const [key, sub] of Object.entries(shape)) {
		// Inside an object an optional key must be absent: a key present with the value undefined is tested
		// against the inner pattern (and fails it).
		if (sub instanceof OptionalPattern) optional.set(key, sub.pattern);
		else required.set(key, sub);
	}
	for (const key of Object.keys(value)) {
		const sub = required.get(key) ?? optional.get(key);
		if (sub === undefined) {
			if (!including) return { message: 'Unknown key', path: key };
			continue;
		}
		const result = testSubtree(value[key], sub);
		if (result) return { message: result.message, path: prependPath(key, result.path) };
		required.delete(key);
	}
	const [missing] = required.keys();
	if (missing !== undefined) return { message: `Missing key '${missing}'`, path: '' };
	return false;
}

function optionalFailure(): Mismatch {
	return { message: 'Failed Match.OneOf, Match.Maybe or Match.Optional validation', path: '' };
}

/** check(value, pattern): throws a Match.Error naming the first mismatch and where it is. */
export function check(value: unknown, pattern: Pattern): void {
	const result = testSubtree(value, pattern);
	if (!result) return;
	const error = new MatchError(result.message);
	if (result.path) {
		error.message += ` in field ${result.path}`;
		error.path = result.path;
	}
	throw error;
}

/** The NonEmptyString that accounts-password and server/apiAuthRoutes.js:21-24 define. */
export const NonEmptyString = Match.Where((value) => {
	check(value, String);
	return (value as string).length > 0;
});

/**
 * accounts-password's passwordValidator. Its string branch reads `Match.test(str, String) && str.length <=
 * settings?.passwordMaxLength || 256`, which groups as `(...) || 256` and so accepts every value, undefined and
 * numbers included; the `{digest, algorithm}` branch is never reached.
 */
export const passwordValidator = Match.OneOf(Match.Where(() => true));

// ---- errors ------------------------------------------------------------------------------------------------

/**
 * Accounts._handleError (accounts_server.js): a Meteor.Error with the code 403, and since `ambiguousErrorMessages`
 * defaults to true (Wekan never sets it, server/accounts-common.js) one text for every credential failure.
 */
export function accountsError(errorCode: string | number = 403): MeteorError {
	return new MeteorError(errorCode, 'Something went wrong. Please check your credentials.');
}

// ---- passwords (accounts-password password_server.js) -------------------------------------------------------

/**
 * getPasswordString: a plain string is hashed with SHA256 (hex); an object must be `{digest, algorithm: 'sha-256'}`
 * and its digest is used as it is.
 */
export function passwordString(password: unknown): string {
	if (typeof password === 'string') return sha256Hex(password);
	const given = password as { algorithm?: unknown; digest?: unknown } | null | undefined;
	if (given?.algorithm !== 'sha-256') throw new Error("Invalid password hash algorithm. Only 'sha-256' is allowed.");
	return String(given.digest);
}

/** getRoundsFromBcryptHash: the cost between the second and third `$`. */
function roundsOf(hash: string): number | undefined {
	const parts = hash.split('$');
	return parts.length > 2 ? parseInt(parts[2], 10) : undefined;
}

interface PasswordService {
	bcrypt?: string;
	argon2?: string;
}

function passwordService(user: { services?: unknown } | undefined): PasswordService | undefined {
	const services = user?.services as { password?: PasswordService } | undefined;
	return services?.password;
}

/** hasLocalPassword (server/lib/loginTimingDefense.js:43-50): a bcrypt or an argon2 hash is stored. */
export function hasLocalPassword(user: { services?: unknown } | undefined): boolean {
	const stored = passwordService(user);
	return !!(stored && (stored.bcrypt || stored.argon2));
}

/** DUMMY_BCRYPT_HASH (server/lib/loginTimingDefense.js:25-26): a cost-10 hash nothing is ever authenticated against. */
const DUMMY_BCRYPT_HASH = '$2b$10$f6f8Df.OmbBZaWVJXskm5.ybxXgzBuOrn9YLbritPO/6gtCj7qJci';

// ---- the REST login throttle (server/lib/loginAttemptThrottle.js) ------------------------------------------

export interface ThrottleOptions {
	maxFailures: number;
	windowSeconds: number;
	lockoutSeconds: number;
}

interface ThrottleEntry {
	windowStart: number;
	count: number;
	lockedUntil: number;
}

/** Failed attempts per client key: `maxFailures` within the window lock the key out for the lockout time. */
export class LoginAttemptThrottle {
	readonly maxFailures: number;
	readonly windowMs: number;
	readonly lockoutMs: number;
	private readonly byKey = new Map<string, ThrottleEntry>();

	/**
	 * server/apiAuthRoutes.js:31-39 reads REST_LOGIN_MAX_FAILURES etc. with `parseInt(...) || undefined`, and the
	 * constructor (loginAttemptThrottle.js:27-31) falls back with `||`, so 0 means the default: the throttle cannot
	 * be turned off.
	 */
	constructor(options: Partial<ThrottleOptions> = {}) {
		this.maxFailures = Math.trunc(options.maxFailures ?? 0) || 10;
		this.windowMs = Math.trunc(options.windowSeconds ?? 0) * 1000 || 60_000;
		this.lockoutMs = Math.trunc(options.lockoutSeconds ?? 0) * 1000 || 60_000;
	}

	check(key: string, now: number): { blocked: boolean; retryAfterMs: number } {
		const entry = this.byKey.get(key);
		if (entry?.lockedUntil && now < entry.lockedUntil) return { blocked: true, retryAfterMs: entry.lockedUntil - now };
		return { blocked: false, retryAfterMs: 0 };
	}

	recordFailure(key: string, now: number): void {
		let entry = this.byKey.get(key);
		const windowExpired = entry !== undefined && now - entry.windowStart > this.windowMs;
		const lockExpired = entry !== undefined && entry.lockedUntil !== 0 && now >= entry.lockedUntil;
		if (!entry || windowExpired || lockExpired) entry = { windowStart: now, count: 0, lockedUntil: 0 };
		entry.count += 1;
		if (entry.count >= this.maxFailures) entry.lockedUntil = now + this.lockoutMs;
		this.byKey.set(key, entry);
	}

	recordSuccess(key: string): void {
		this.byKey.delete(key);
	}

	prune(now: number): void {
		for (const [key, entry] of this.byKey) {
			const lockDone = !entry.lockedUntil || now >= entry.lockedUntil;
			if (lockDone && now - entry.windowStart > this.windowMs) this.byKey.delete(key);
		}
	}

	clear(key?: string): void {
		if (key === undefined) this.byKey.clear();
		else this.byKey.delete(key);
	}
}

/**
 * resolveClientKey (loginAttemptThrottle.js:87-99): X-Forwarded-For counts only when HTTP_FORWARDED_COUNT names how
 * many proxies to trust, and then the address that many hops from the right; otherwise the socket's address.
 */
export function resolveClientKey(
	headers: Record<string, string | string[] | undefined>,
	socketAddress: string | undefined,
	forwardedCount: number | undefined,
): string {
	const hops = Math.trunc(forwardedCount ?? 0);
	const forwarded = headers['x-forwarded-for'];
	if (hops > 0 && forwarded) {
		const parts = String(forwarded)
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean);
		const index = parts.length - hops;
		if (index >= 0 && parts[index]) return parts[index];
	}
	return socketAddress || 'unknown';
}

// ---- users and login tokens (accounts-base) ----------------------------------------------------------------

export interface LoginTokenRecord {
	when: Date;
	hashedToken: string;
}

/** What accounts-password's createUser hands to _createUserCheckingDuplicates. */
interface UserSeed {
	services: { password?: { bcrypt: string } };
	username?: string;
	emails?: Array<{ address: string; verified: boolean }>;
}

/** The user document insertUserDoc builds before the onCreateUser hook sees it. */
export interface NewUserDocument extends UserSeed {
	_id: string;
	createdAt: Date;
	profile?: unknown;
	[key: string]: unknown;
}

export type CreateUserOptions = Record<string, unknown>;
export type OnCreateUserHook = (options: CreateUserOptions, user: NewUserDocument) => NewUserDocument;

export interface AccountsConfig {
	/** Accounts.config bcryptRounds (Accounts._bcryptRounds(): the option or 10). */
	bcryptRounds?: () => number;
	/** REST_LOGIN_MAX_FAILURES, REST_LOGIN_FAILURE_WINDOW_SECONDS, REST_LOGIN_LOCKOUT_SECONDS. */
	loginThrottle?: Partial<ThrottleOptions>;
}

export class Accounts {
	/** The REST login's throttle (server/apiAuthRoutes.js:31-39): one per server, in memory. */
	restLoginThrottle = new LoginAttemptThrottle();
	private bcryptRoundsOption: () => number = () => 10;
	private onCreateUserHook?: OnCreateUserHook;
	/** Work Wekan starts without awaiting it (deferred re-hashes, unawaited createUser calls). */
	private readonly pending = new Set<Promise<unknown>>();
	/** hashed token -> user id; a hint only, checked against the document on every use. */
	private readonly tokenOwners = new Map<string, string>();

	constructor(
		private readonly db: Database,
		/** Accounts.config loginExpirationInDays (server/accounts-common.js:5-7; 90 by default), in ms. */
		private readonly loginExpirationMs: () => number,
	) {}

	/** Accounts.config's bcryptRounds, and the REST_LOGIN_* settings of the login throttle. */
	configure(config: AccountsConfig): void {
		if (config.bcryptRounds) this.bcryptRoundsOption = config.bcryptRounds;
		if (config.loginThrottle) this.restLoginThrottle = new LoginAttemptThrottle(config.loginThrottle);
	}

	// ---- tokens ----------------------------------------------------------------------------------------------

	hashLoginToken(token: string): string {
		return hashToken(token);
	}

	/** Accounts._generateStampedLoginToken: `{token: Random.secret(), when: new Date}`. */
	generateStampedLoginToken(): { token: string; when: Date } {
		return { token: randomToken(), when: new Date() };
	}

	/**
	 * Accounts._insertLoginToken: `$addToSet` of `{when, hashedToken}` on the user, through Meteor.users (so collection2
	 * sets modifiedAt). A user id that matches nobody changes nothing.
	 */
	insertLoginToken(userId: string, stamped: { token: string; when: Date }): void {
		const hashedToken = this.hashLoginToken(stamped.token);
		this.db.users.update(
			{ _id: userId },
			{ $addToSet: { 'services.resume.loginTokens': { when: stamped.when, hashedToken } } },
		);
		this.tokenOwners.set(hashedToken, userId);
	}

	/** Accounts._tokenExpiration: when + the login expiration. */
	tokenExpiration(when: Date): Date {
		return new Date(when.getTime() + this.loginExpirationMs());
	}

	/** A new token for the user, stored as a login stores it. */
	issueToken(userId: string): { token: string; tokenExpires: Date } {
		const stamped = this.generateStampedLoginToken();
		this.insertLoginToken(userId, stamped);
		return { token: stamped.token, tokenExpires: this.tokenExpiration(stamped.when) };
	}

	/**
	 * The user a token belongs to: server/apiMiddleware.js:68-84 finds the user by the hashed token and does not look
	 * at its date. Meteor's expiry job (`_expireTokens`, every 10 minutes) removes old tokens; here an old token found
	 * at use runs that job at once, so an expired token fails immediately rather than up to ten minutes later.
	 */
	userIdForToken(token: string | undefined): string | undefined {
		if (!token) return undefined;
		const hashed = this.hashLoginToken(token);
		let user: UserDoc | undefined;
		const hinted = this.tokenOwners.get(hashed);
		if (hinted !== undefined) {
			const candidate = this.db.users.findOne(hinted);
			if (candidate && this.tokensOf(candidate).some((t) => t.hashedToken === hashed)) user = candidate;
		}
		if (!user) {
			this.tokenOwners.delete(hashed);
			user = this.db.users.findOne({ 'services.resume.loginTokens.hashedToken': hashed });
			if (!user) return undefined;
			this.tokenOwners.set(hashed, user._id);
		}
		const record = this.tokensOf(user).find((t) => t.hashedToken === hashed);
		if (record && new Date(record.when).getTime() < Date.now() - this.loginExpirationMs()) {
			this.expireTokens();
			return undefined;
		}
		return user._id;
	}

	/**
	 * Accounts._expireTokens: pulls every token older than the login expiration, through Meteor.users. (Meteor's
	 * selector and pull also match numeric `when`s of old Meteor versions with `$or`; mingo's $pull cannot take a
	 * top-level `$or`, and every token here has a Date.)
	 */
	expireTokens(now = Date.now()): void {
		const oldestValid = new Date(now - this.loginExpirationMs());
		const selector = { 'services.resume.loginTokens.when': { $lt: oldestValid } };
		if (!this.db.users.findOne(selector)) return;
		this.db.users.update(
			selector,
			{ $pull: { 'services.resume.loginTokens': { when: { $lt: oldestValid } } } },
			{ multi: true },
		);
	}

	/**
	 * Accounts.destroyToken (accounts_server.js): pulls the tokens whose `hashedToken` (or legacy `token`) equals the
	 * value given, so it takes the hashed form; a plain token matches nothing. Only the `hashedToken` half is applied
	 * here (see expireTokens on mingo's $pull), which no token stored by this server can tell apart.
	 */
	destroyToken(userId: unknown, loginToken: unknown): void {
		if (typeof userId !== 'string') return;
		this.db.users.update(userId, { $pull: { 'services.resume.loginTokens': { hashedToken: loginToken } } });
	}

	/** Test hook: removes one token of the user (by its plain value), or all of them. Returns how many. */
	revokeToken(userId: string, token?: string): number {
		const tokens = this.tokensOf(this.db.users.findOne(userId));
		const hashed = token === undefined ? undefined : this.hashLoginToken(token);
		const removed = tokens.filter((t) => hashed === undefined || t.hashedToken === hashed).length;
		if (!removed) return 0;
		this.db.users.update(
			{ _id: userId },
			hashed === undefined
				? { $set: { 'services.resume.loginTokens': [] } }
				: { $pull: { 'services.resume.loginTokens': { hashedToken: hashed } } },
		);
		return removed;
	}

	/** Test hook: dates a token back past the expiration, as if its days had passed. */
	ageToken(token: string): void {
		const past = new Date(Date.now() - this.loginExpirationMs() - 1000);
		const hashed = this.hashLoginToken(token);
		const user = this.db.users.findOne({ 'services.resume.loginTokens.hashedToken': hashed });
		if (!user) return;
		const tokens = this.tokensOf(user).map((t) => (t.hashedToken === hashed ? { ...t, when: past } : t));
		this.db.users.raw.update({ _id: user._id }, { $set: { 'services.resume.loginTokens': tokens } });
	}

	/** Test hook: dates every token back past the expiration. */
	ageAllTokens(): void {
		const past = new Date(Date.now() - this.loginExpirationMs() - 1000);
		for (const user of this.db.users.find({ 'services.resume.loginTokens.0': { $exists: true } })) {
			const tokens = this.tokensOf(user).map((t) => ({ ...t, when: past }));
			this.db.users.raw.update({ _id: user._id }, { $set: { 'services.resume.loginTokens': tokens } });
		}
	}

	tokensOf(user: { services?: unknown } | undefined): LoginTokenRecord[] {
		const services = user?.services as { resume?: { loginTokens?: unknown } } | undefined;
		const tokens = services?.resume?.loginTokens;
		return Array.isArray(tokens) ? (tokens as LoginTokenRecord[]) : [];
	}

	// ---- passwords -------------------------------------------------------------------------------------------

	get bcryptRounds(): number {
		return this.bcryptRoundsOption();
	}

	async hashPassword(password: unknown): Promise<string> {
		return bcrypt.hash(passwordString(password), this.bcryptRounds);
	}

	hashPasswordSync(password: unknown): string {
		return bcrypt.hashSync(passwordString(password), this.bcryptRounds);
	}

	/**
	 * Accounts._checkPasswordAsync: `{userId}`, plus `error` when the password does not match. A match against a hash
	 * of another cost is re-hashed at the current cost later (Meteor.defer), with `$unset` of any argon2 hash.
	 * Argon2 hashes (accounts-password 3.1+, off unless `argon2Enabled`) are not modelled: one never matches.
	 */
	async checkPassword(user: UserDoc, password: unknown): Promise<{ userId: string; error?: MeteorError }> {
		const result: { userId: string; error?: MeteorError } = { userId: user._id };
		const formatted = passwordString(password);
		const stored = passwordService(user);
		const hash = stored?.argon2 || stored?.bcrypt || '';
		const matches = hash.startsWith('$argon2') ? false : await bcrypt.compare(formatted, hash);
		if (!matches) {
			result.error = accountsError();
		} else if (roundsOf(hash) !== this.bcryptRounds) {
			this.defer(async () => {
				const rehashed = await this.hashPassword({ digest: formatted, algorithm: 'sha-256' });
				this.db.users.update(
					{ _id: user._id },
					{ $set: { 'services.password.bcrypt': rehashed }, $unset: { 'services.password.argon2': 1 } },
				);
			});
		}
		return result;
	}

	/** equalizeMissingUserTiming (loginTimingDefense.js:57-68): one bcrypt compare against the dummy hash. */
	async equalizeMissingUserTiming(): Promise<void> {
		try {
			await bcrypt.compare('0'.repeat(64), DUMMY_BCRYPT_HASH);
		} catch {
			// Only the time it takes matters.
		}
	}

	// ---- creating users --------------------------------------------------------------------------------------

	/** Accounts.onCreateUser: one hook, which builds the document to insert. */
	onCreateUser(hook: OnCreateUserHook): void {
		this.onCreateUserHook = hook;
	}

	/** Accounts.createUserAsync (also Accounts.createUser on the server): resolves to the new user's id. */
	async createUserAsync(input: CreateUserOptions): Promise<string> {
		const options = { ...input };
		const { username, email, password } = this.checkCreateUser(options);
		const user: UserSeed['services'] = {};
		if (password) user.password = { bcrypt: await this.hashPassword(password) };
		return this.createUserCheckingDuplicates(user, username, email, options);
	}

	/** The same, hashing synchronously: what the seeding functions use to create a user at once. */
	createUserSync(input: CreateUserOptions): string {
		const options = { ...input };
		const { username, email, password } = this.checkCreateUser(options);
		const user: UserSeed['services'] = {};
		if (password) user.password = { bcrypt: this.hashPasswordSync(password) };
		return this.createUserCheckingDuplicates(user, username, email, options);
	}

	/** Work started and not awaited, as Wekan starts it; tests await it here. */
	defer(task: () => Promise<unknown>): void {
		const run = new Promise<void>((resolve) => setImmediate(resolve)).then(task);
		this.track(run);
	}

	track(promise: Promise<unknown>): void {
		// An unawaited rejection: Wekan logs it and keeps running (server/00processErrors.js:73-87).
		const settled = promise.catch(() => undefined).finally(() => this.pending.delete(settled));
		this.pending.add(settled);
	}

	/** Resolves when every deferred or unawaited piece of work has finished. */
	async settle(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	reset(): void {
		this.restLoginThrottle.clear();
		this.tokenOwners.clear();
	}

	/** password_server.js createUser: the check, then "Need to set a username or email". */
	private checkCreateUser(options: CreateUserOptions): { username?: string; email?: string; password?: unknown } {
		check(
			options,
			Match.ObjectIncluding({
				username: Match.Optional(String),
				email: Match.Optional(String),
				password: Match.Optional(passwordValidator),
			}),
		);
		const username = options.username as string | undefined;
		const email = options.email as string | undefined;
		if (!username && !email) throw new MeteorError(400, 'Need to set a username or email');
		return { username, email, password: options.password };
	}

	/** Accounts._createUserCheckingDuplicates: case-insensitive duplicate checks, then insertUserDoc. */
	private createUserCheckingDuplicates(
		services: UserSeed['services'],
		username: string | undefined,
		email: string | undefined,
		options: CreateUserOptions,
	): string {
		this.checkForCaseInsensitiveDuplicates('username', username);
		this.checkForCaseInsensitiveDuplicates('emails.address', email);
		const user: UserSeed = {
			services,
			...(username ? { username } : {}),
			...(email ? { emails: [{ address: email, verified: false }] } : {}),
		};
		// The second check Meteor makes after the insert guards against a concurrent insert, which cannot happen
		// between two synchronous steps here.
		return this.insertUserDoc(options, user);
	}

	/**
	 * _checkForCaseInsensitiveDuplicates: any user whose field equals the value ignoring case (Meteor's prefix
	 * permutations plus an anchored case-insensitive regex select exactly these) is a duplicate, reported through
	 * _handleError, so as the ambiguous 403.
	 */
	private checkForCaseInsensitiveDuplicates(field: 'username' | 'emails.address', value: string | undefined): void {
		if (!value) return;
		const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		if (this.db.users.findOne({ [field]: { $regex: new RegExp(`^${escaped}$`, 'i') } })) throw accountsError();
	}

	/** accounts-base insertUserDoc: createdAt and _id first, the onCreateUser hook, then the insert. */
	private insertUserDoc(options: CreateUserOptions, user: UserSeed): string {
		let full: NewUserDocument = { createdAt: new Date(), _id: randomId(), ...user };
		if (this.onCreateUserHook) {
			full = this.onCreateUserHook(options, full);
		} else if (options.profile) {
			full.profile = options.profile;
		}
		return this.db.users.insert(full);
	}
}
