/**
 * POST /users/login, /users/logout and /users/register (server/apiAuthRoutes.js at Wekan v11.07, with
 * models/lib/apiLogout.js, server/lib/loginAttemptThrottle.js and server/lib/loginTimingDefense.js). These are not
 * under /api, so the WITH_API gate never closes them. Each catches its own errors and answers
 * `{error: error.error || error.message, reason: error.reason || error.message}` with `error.statusCode` or a
 * default status, Content-Type only (no Cache-Control); success goes through sendJsonResult.
 */
import { check, hasLocalPassword, Match, NonEmptyString, resolveClientKey } from '../accounts';
import { MeteorError } from '../errors';
import { json, Reply, sendJsonResult, type RequestContext, type Router } from '../http';
import type { UserDoc } from '../schemas/users';
import type { Wekan } from '../server';

/** The catch blocks of server/apiAuthRoutes.js:176-188, :233-242, :311-320. */
function failure(error: unknown, defaultStatus: number, fallback: string): Reply {
	const e = (error ?? {}) as {
		statusCode?: unknown;
		error?: unknown;
		message?: unknown;
		reason?: unknown;
		retryAfterSeconds?: unknown;
	};
	const status = typeof e.statusCode === 'number' && e.statusCode ? e.statusCode : defaultStatus;
	const headers: Record<string, string> = {};
	if (e.retryAfterSeconds) headers['Retry-After'] = String(e.retryAfterSeconds);
	return json(status, { error: e.error || e.message || fallback, reason: e.reason || e.message }, headers);
}

/** uniformLoginError (server/apiAuthRoutes.js:41-51): one answer for a missing user and a wrong password. */
function uniformLoginError(): MeteorError {
	return new MeteorError('login-failed', 'Incorrect username, email address or password.', 401);
}

/** wantsAllSessions (models/lib/apiLogout.js:30-39). */
function wantsAllSessions(all: unknown): boolean {
	if (all === true || all === 1) return true;
	if (typeof all === 'string') return ['true', '1', 'yes'].includes(all.trim().toLowerCase());
	return false;
}

export function registerAuthRoutes(router: Router, wekan: Wekan): void {
	const { accounts, db } = wekan;

	// server/apiAuthRoutes.js:66-68, :199-201, :248-250: the CORS preflights answer an empty sendJsonResult.
	for (const path of ['/users/login', '/users/logout', '/users/register']) {
		router.add('OPTIONS', path, 'C', () => sendJsonResult());
	}

	const clientKey = (ctx: RequestContext) =>
		resolveClientKey(ctx.headers, ctx.clientIp, wekan.options.httpForwardedCount);

	// server/apiAuthRoutes.js:70-189
	router.post('/users/login', 'C', async (ctx) => {
		const key = clientKey(ctx);
		const now = Date.now();
		const throttle = accounts.restLoginThrottle;
		try {
			// :76-96: a locked-out client is refused before any lookup.
			const gate = throttle.check(key, now);
			if (gate.blocked) {
				const error = new MeteorError('too-many-requests', 'Too many failed login attempts. Try again later.', 429);
				throw Object.assign(error, { retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000) });
			}
			const options = ctx.body;
			let user: UserDoc | undefined;
			// :100-115: a truthy `email` picks the email pattern; anything else the username one. A check() failure
			// is not a failed attempt: the throttle counts only failures after it.
			if (options.email) {
				check(options, { email: String, password: String, code: Match.Optional(NonEmptyString) });
				user = db.users.findOne({ 'emails.address': options.email });
			} else {
				check(options, { username: String, password: String, code: Match.Optional(NonEmptyString) });
				user = db.users.findOne({ username: options.username });
			}
			// :122-126: no such user, or no local password (LDAP, OIDC): one dummy bcrypt compare, then the same answer
			// as a wrong password.
			if (!user || !hasLocalPassword(user)) {
				await accounts.equalizeMissingUserTiming();
				throttle.recordFailure(key, now);
				throw uniformLoginError();
			}
			// :128-137. No validateLoginAttempt hook runs on this path (:26-30), so neither loginDisabled
			// (server/authentication.js:101-104) nor the LDAP password-login guard (:115-129, #4419) stops a REST login.
			const result = await accounts.checkPassword(user, options.password);
			if (result.error) {
				throttle.recordFailure(key, now);
				throw uniformLoginError();
			}
			// :139-155: Accounts._check2faEnabled comes from accounts-2fa, which Wekan does not use
			// (.meteor/versions), so `code` is only pattern-checked.
			const stamped = accounts.generateStampedLoginToken();
			accounts.insertLoginToken(result.userId, stamped);
			const tokenExpires = accounts.tokenExpiration(stamped.when);
			throttle.recordSuccess(key);
			throttle.prune(now);
			return sendJsonResult(200, { id: result.userId, token: stamped.token, tokenExpires });
		} catch (error) {
			return failure(error, 401, 'Login failed');
		}
	});

	// server/apiAuthRoutes.js:203-243 with models/lib/apiLogout.js:40-80
	router.post('/users/logout', 'C', (ctx) => {
		try {
			const hashedToken = ctx.token ? accounts.hashLoginToken(ctx.token) : null;
			if (typeof ctx.userId !== 'string' || !ctx.userId) {
				return sendJsonResult(401, {
					error: 'unauthorized',
					reason: 'You must be logged in to log out. Send your token as an Authorization: Bearer header.',
				});
			}
			const all = wantsAllSessions((ctx.body as Record<string, unknown> | undefined)?.all);
			if (all) {
				db.users.update({ _id: ctx.userId }, { $set: { 'services.resume.loginTokens': [] } });
			} else {
				if (!hashedToken) {
					return sendJsonResult(401, { error: 'unauthorized', reason: 'No login token found on the request.' });
				}
				db.users.update({ _id: ctx.userId }, { $pull: { 'services.resume.loginTokens': { hashedToken } } });
			}
			return sendJsonResult(200, {
				message: all ? 'All login tokens have been invalidated.' : "You've been logged out!",
			});
		} catch (error) {
			return failure(error, 500, 'Logout failed');
		}
	});

	// server/apiAuthRoutes.js:252-321
	router.post('/users/register', 'C', async (ctx) => {
		try {
			// :253-281 (SignupBleed): the stored setting decides, for the first account too. 403 with no body.
			if (db.settings.findOne({})?.disableRegistration === true) return sendJsonResult(403);
			const options = ctx.body;
			check(options, { username: Match.Optional(String), email: Match.Optional(String), password: String });
			// :290-292: only non-empty username and email are passed on.
			const userOptions: Record<string, unknown> = { password: options.password };
			if (options.username) userOptions.username = options.username;
			if (options.email) userOptions.email = options.email;
			const userId = await accounts.createUserAsync(userOptions);
			const stamped = accounts.generateStampedLoginToken();
			accounts.insertLoginToken(userId, stamped);
			return sendJsonResult(200, {
				token: stamped.token,
				tokenExpires: accounts.tokenExpiration(stamped.when),
				id: userId,
			});
		} catch (error) {
			// A Meteor.Error carries no statusCode, so "Need to set a username or email" and the ambiguous duplicate
			// error (code 403) both answer 400; so do Match errors and collection2's ValidationError.
			return failure(error, 400, 'Registration failed');
		}
	});
}
