import type { INodeParameterResourceLocator } from 'n8n-workflow';
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
