import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';
import { seg } from '../../../shared/transport';

/** The user locator's value as a path segment: Wekan's user routes take an id or a username. */
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
 * The user the locator names, read from Wekan (site admins only). Wekan answers writes to an unknown user with
 * success or `{}`, so writes start by finding the user; this also turns a username into an id.
 */
export function fetchUser(item: ItemContext): Promise<IDataObject> {
	const user = userPathSegment(item);
	return item.request<IDataObject>({
		method: 'GET',
		path: `/api/users/${user}`,
		permission: 'site-admin',
		notFound: `No user "${decodeURIComponent(user)}"`,
	});
}

/** Username, email and password of a new account (Create and Register). */
export const ACCOUNT_PROPERTIES: INodeProperties[] = [
	{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true },
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
	},
];

/** Reads and checks the account fields before any request. */
export function accountFields(item: ItemContext): { username: string; email: string; password: string } {
	const username = item.string('username', 'Username').trim();
	const email = item.string('email', 'Email').trim();
	const password = item.string('password', 'Password');
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw item.fail(`Email "${email}" is not an email address`);
	if (username.includes('/')) throw item.fail(`Username "${username}" may not contain "/"`);
	return { username, email, password };
}
