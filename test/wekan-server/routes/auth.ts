/**
 * Login, logout, register and the admin token routes (wekan-api.md §1.2-§1.4; server/apiAuthRoutes.js).
 */
import { json, type Router } from '../http';
import type { Wekan } from '../server';

const LOGIN_FAILED = { error: 'login-failed', reason: 'Incorrect username, email address or password.' };
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Meteor check() with an exact pattern: {username|email, password, code?} and nothing else. */
function matchLoginBody(body: Record<string, unknown>): string | null {
	const keys = Object.keys(body);
	const allowed = new Set(['username', 'email', 'password', 'code']);
	const extra = keys.find((k) => !allowed.has(k));
	if (extra) return `Match error: Unknown key in field ${extra}`;
	if (typeof body.password !== 'string') return 'Match error: Missing key \'password\'';
	const hasUser = typeof body.username === 'string';
	const hasEmail = typeof body.email === 'string';
	if (hasUser === hasEmail) return 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation';
	return null;
}

export function registerAuthRoutes(router: Router, wekan: Wekan): void {
	router.post('/users/login', 'C', (ctx) => {
		const lockedFor = wekan.loginLockout(ctx.clientIp);
		if (lockedFor) {
			return json(
				429,
				{ error: 'too-many-requests', reason: 'Too many failed login attempts. Try again later.' },
				{ 'Retry-After': String(lockedFor) },
			);
		}
		const mismatch = matchLoginBody(ctx.body);
		if (mismatch) {
			wekan.recordLoginFailure(ctx.clientIp);
			return json(401, { error: mismatch, reason: mismatch });
		}
		const { username, email, password } = ctx.body as { username?: string; email?: string; password: string };
		const user =
			email !== undefined
				? wekan.store.users.findOne((u) => u.emails.some((e) => e.address === email))
				: wekan.store.users.findOne((u) => u.username === username);
		// Unknown user, wrong password and a user without a local password all get the same answer.
		if (!user || !wekan.checkPassword(user, password) || user.loginDisabled) {
			wekan.recordLoginFailure(ctx.clientIp);
			return json(401, LOGIN_FAILED);
		}
		wekan.clearLoginFailures(ctx.clientIp);
		const { token, tokenExpires } = wekan.issueToken(user._id);
		return json(200, { id: user._id, token, tokenExpires: tokenExpires.toISOString() }, NO_STORE);
	});

	router.post('/users/logout', 'C', (ctx) => {
		if (!ctx.userId || !ctx.token) return json(401, { error: 'unauthorized', reason: 'You must be logged in.' });
		const all = ['true', '1', 'yes'].includes(String(ctx.body.all).toLowerCase()) || ctx.body.all === true;
		if (all) {
			wekan.revokeToken(ctx.userId);
			return json(200, { message: 'All login tokens have been invalidated.' });
		}
		wekan.revokeToken(ctx.userId, ctx.token);
		return json(200, { message: "You've been logged out!" });
	});

	router.post('/users/register', 'C', (ctx) => {
		// Since v10.96 "registration disabled" is a 403 with an empty body. The first user may always register.
		if (wekan.store.settings.disableRegistration && wekan.store.users.size > 0) return json(403, undefined);
		const { username, email, password } = ctx.body as Record<string, unknown>;
		if (typeof password !== 'string' || !password || (typeof username !== 'string' && typeof email !== 'string')) {
			return json(400, { error: 'Match error', reason: 'Need username or email, and password' });
		}
		const taken = wekan.store.users.findOne(
			(u) => u.username === username || (typeof email === 'string' && u.emails.some((e) => e.address === email)),
		);
		if (taken) return json(403, { error: 403, reason: 'Username already exists.' });
		const user = wekan.createUser({
			username: typeof username === 'string' ? username : undefined,
			email: typeof email === 'string' ? email : undefined,
			password,
		});
		const { token, tokenExpires } = wekan.issueToken(user._id);
		return json(200, { token, tokenExpires: tokenExpires.toISOString(), id: user._id }, NO_STORE);
	});

	router.post('/api/createtoken/:userId', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const user = wekan.store.users.get(ctx.params.userId);
		if (!user) throw new TypeError("Cannot read properties of undefined (reading '_id')");
		const { token } = wekan.issueToken(user._id);
		return { _id: user._id, authToken: token };
	});

	router.post('/api/deletetoken', 'A', (ctx) => {
		wekan.can.siteAdmin(ctx.userId);
		const userId = String(ctx.body.userId ?? '');
		const token = typeof ctx.body.token === 'string' ? ctx.body.token : undefined;
		if (token) {
			wekan.revokeToken(userId, token);
			return { message: `Delete token from user: ${userId}` };
		}
		wekan.revokeToken(userId);
		return { message: `Delete all token from user: ${userId}` };
	});
}
