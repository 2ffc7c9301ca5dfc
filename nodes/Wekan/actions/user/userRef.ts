import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { seg } from '../../../shared/transport';

/** The `writes` key of operations that change accounts: their items reach Wekan in input order (pipeline.ts). */
export const USERS_KEY = 'users';

/** The user locator's value as a path segment: GET /api/users/:userId takes an id or a username. */
export function userPathSegment(item: ItemContext): string {
	const locator = item.raw('userId') as INodeParameterResourceLocator;
	if (locator?.mode === 'username') {
		const username = String(locator.value ?? '').trim();
		if (!username) throw item.fail('Username is required');
		if (username.includes('/')) throw item.fail(`"${username}" is not a Wekan username`);
		return seg(username);
	}
	return seg(item.locatorId('userId', 'User'));
}

/**
 * The user the locator names, read from Wekan (site admins only). GET /api/users/:userId looks the value up as an
 * id, then as a username (server/models/users.js:2038-2064); the account's secrets are left out (:2031-2036).
 * Wekan's user writes take ids only and answer an unknown one with an empty 200 or success, so every write starts
 * here: this turns a username into an id and makes sure the user exists.
 */
export async function fetchUser(item: ItemContext): Promise<IDataObject> {
	const segment = userPathSegment(item);
	const wanted = decodeURIComponent(segment);
	const user = await item.request<IDataObject>({
		method: 'GET',
		path: `/api/users/${segment}`,
		permission: 'site-admin',
		notFound: `No user "${wanted}"`,
	});
	item.checkId(user._id, 'User');
	// Wekan tries the value as an id first: a username that happens to be another account's id finds that account.
	const byUsername = (item.raw('userId') as INodeParameterResourceLocator | undefined)?.mode === 'username';
	if (byUsername && user.username !== wanted) throw item.fail(`No user "${wanted}"`);
	return withoutSecrets(user);
}

/**
 * A user document without its secrets: the password hash and login tokens (`services`) and `sessionData`. Wekan
 * 10.92 and later leave them out of its answers (server/models/users.js:2031-2036); older versions send them.
 */
export function withoutSecrets(user: IDataObject): IDataObject {
	const rest = { ...user };
	delete rest.services;
	delete rest.sessionData;
	return rest;
}

/** A user as named in messages: the username and the id. */
export function userLabel(user: IDataObject): string {
	return user.username ? `"${String(user.username)}" (${String(user._id)})` : String(user._id);
}

/** Username, email and password of a new account (Create and Register). */
export const ACCOUNT_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		description: 'Wekan compares usernames ignoring case: "Jane" is taken when "jane" exists',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'One account per address, compared ignoring case',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
	},
];

/** A domain label as the users schema's email pattern allows it (SimpleSchema.RegEx.Email, models/users.js:252-258). */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL = new RegExp(`^[\\w.!#$%&'*+/=?^\`{|}~-]+@${LABEL}(?:\\.${LABEL})*$`);

/**
 * Reads and checks the account fields before any request. collection2 trims the strings Wekan stores, so they are
 * trimmed here too; an address the users schema refuses would make Wekan create nothing.
 */
export function accountFields(item: ItemContext): { username: string; email: string; password: string } {
	const username = item.string('username', 'Username').trim();
	const email = item.string('email', 'Email').trim();
	const password = item.string('password', 'Password');
	if (!EMAIL.test(email)) throw item.fail(`Email "${email}" is not an email address Wekan accepts`);
	if (username.includes('/')) throw item.fail(`Username "${username}" may not contain "/"`);
	return { username, email, password };
}

/** n8n's errors as they are; anything else (the pipeline's cancellation of a later item) as an error of the item. */
export function asNodeError(item: ItemContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return item.fail((error as Error).message);
}

/**
 * Asks `probe` until it answers something other than `undefined`, waiting longer each time, for about `totalMs`.
 * For Wekan's writes that finish after their answer was sent (an unawaited promise in the route).
 */
export async function poll<T>(probe: () => Promise<T | undefined>, totalMs: number): Promise<T | undefined> {
	let waited = 0;
	for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
		const found = await probe();
		if (found !== undefined || waited >= totalMs) return found;
		await sleep(delay);
		waited += delay;
	}
}
