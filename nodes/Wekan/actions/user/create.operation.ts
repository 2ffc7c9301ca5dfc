import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { seg } from '../../../shared/transport';
import { ACCOUNT_PROPERTIES, accountFields, poll, USERS_KEY, withoutSecrets } from './userRef';

/** How long the new account may take to appear: Wekan hashes the password (bcrypt) after it has answered. */
const APPEAR_WITHIN_MS = 10_000;
/** How many accounts are read at once while looking for an email address. */
const READ_AT_ONCE = 10;

interface Account {
	username: string;
	emails: string[];
}

/** An account's email addresses, lower-cased: Meteor compares them ignoring case. */
function emailsOf(user: IDataObject): string[] {
	const emails = Array.isArray(user.emails) ? (user.emails as IDataObject[]) : [];
	return emails.map((e) => String(e?.address ?? '').toLowerCase()).filter(Boolean);
}

/** GET /api/users/:userId, or `undefined` for the `{}` Wekan answers when nobody matches (users.js:2038-2064). */
async function readUser(item: ItemContext, idOrUsername: string): Promise<IDataObject | undefined> {
	const user = await item.request<unknown>({
		method: 'GET',
		path: `/api/users/${seg(idOrUsername)}`,
		expect: 'any',
		permission: 'site-admin',
	});
	const found = typeof user === 'object' && user !== null && typeof (user as IDataObject)._id === 'string';
	return found ? (user as IDataObject) : undefined;
}

/**
 * Every account with its email addresses. GET /api/users gives ids and usernames only (server/models/users.js:
 * 2003-2015) and no route finds a user by email, so each account is read once (GET /api/users/:userId) and kept for
 * the rest of the execution: later items read only the accounts that are new since.
 */
async function accountsNow(item: ItemContext): Promise<Map<string, Account>> {
	const listed = await item.request<IDataObject[]>({
		method: 'GET',
		path: '/api/users',
		expect: 'array',
		permission: 'site-admin',
	});
	const known = await item.cached('user-create:accounts', [], async () => new Map<string, Account>());
	const ids = listed.map((u) => String(u._id));
	const unread = ids.filter((id) => !known.has(id));
	for (let start = 0; start < unread.length; start += READ_AT_ONCE) {
		await Promise.all(
			unread.slice(start, start + READ_AT_ONCE).map(async (id) => {
				// An id deleted meanwhile answers {} (expect 'any' passes it on), or, through Wekan's fallback to a username
				// lookup, another account.
				const user = await readUser(item, id);
				if (user?._id === id) known.set(id, { username: String(user.username ?? ''), emails: emailsOf(user) });
			}),
		);
	}
	const now = new Map<string, Account>();
	for (const u of listed) {
		const id = String(u._id);
		now.set(id, { username: String(u.username ?? ''), emails: known.get(id)?.emails ?? [] });
	}
	return now;
}

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a user',
	description:
		'Create a user with a password (needs a site admin). Wekan creates the account after it has answered and reports nothing when it refuses one, so the node first checks that username and email are free (reading every account, since Wekan has no lookup by email), then waits for the new account.',
	properties: [...ACCOUNT_PROPERTIES],
	// One item after another, so that each checks against the accounts the items before it made.
	writes: () => [USERS_KEY],
	async run(item) {
		const { username, email, password } = accountFields(item);
		const accounts = await accountsNow(item);
		// Meteor's duplicate checks ignore case (accounts-base _checkForCaseInsensitiveDuplicates).
		for (const [id, account] of accounts) {
			if (account.username.toLowerCase() === username.toLowerCase()) {
				throw item.fail(
					`Username "${username}" is taken by user "${account.username}" (${id})`,
					'Wekan compares usernames ignoring case. Choose another username, or use the existing account.',
				);
			}
			if (account.emails.includes(email.toLowerCase())) {
				throw item.fail(
					`Email "${email}" is used by user "${account.username}" (${id})`,
					'Wekan allows one account per email address, compared ignoring case.',
				);
			}
		}
		// server/models/users.js:2246-2259: Accounts.createUser is not awaited from Wekan 8.43 on (Meteor 3), so the
		// answer is {"_id": {}} whether or not an account is made; older Wekan answers the new id.
		const answer = await item.request<IDataObject>({
			method: 'POST',
			path: '/api/users/',
			body: { username, email, password },
			permission: 'site-admin',
		});
		let user: IDataObject | undefined;
		try {
			const created = typeof answer._id === 'string' && answer._id ? answer._id : username;
			user = await poll(() => readUser(item, created), APPEAR_WITHIN_MS);
		} catch (error) {
			throw item.fail(
				`Wekan accepted user "${username}", but reading the account failed: ${(error as Error).message}`,
				'Look for the user in Wekan\'s Admin Panel > People before running this item again.',
			);
		}
		if (!user) {
			throw item.fail(
				`Wekan did not create user "${username}": no such account appeared within ${APPEAR_WITHIN_MS / 1000} seconds`,
				'Wekan creates the account after it has answered and reports no refusal (a username or email another account took meanwhile, a value its schema refuses). Look in Admin Panel > People: if the account appears later, it was created.',
			);
		}
		// Never someone else's account: a new id, the name and the address asked for.
		const id = String(user._id ?? '');
		const ours = String(user.username) === username && emailsOf(user).includes(email.toLowerCase());
		if (!id || accounts.has(id) || !ours) {
			throw item.fail(
				`Wekan did not create user "${username}": the account of that name is another one (${id || 'no ID'})`,
				'Another account took the username or email while this item ran. Check Admin Panel > People.',
			);
		}
		const known = await item.cached('user-create:accounts', [], async () => new Map<string, Account>());
		known.set(id, { username, emails: emailsOf(user) });
		return withoutSecrets(user);
	},
};
