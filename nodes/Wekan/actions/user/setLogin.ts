import type { IDataObject } from 'n8n-workflow';
import { userLocator } from '../../../shared/locators';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { userPathSegment } from './userRef';

/** Disable Login, Enable Login and Take Ownership are one PUT with a different `action`. */
export function userAction(
	spec: Pick<WekanOperation, 'value' | 'name' | 'action' | 'description'>,
	action: 'disableLogin' | 'enableLogin' | 'takeOwnership',
): WekanOperation {
	return {
		...spec,
		properties: [userLocator()],
		async run(item: ItemContext) {
			const user = userPathSegment(item);
			const result = await item.request<IDataObject | IDataObject[]>({
				method: 'PUT',
				path: `/api/users/${user}`,
				body: { action },
				expect: action === 'takeOwnership' ? 'array' : 'object',
				permission: 'site-admin',
				notFound: `No user "${decodeURIComponent(user)}"`,
			});
			return result;
		},
	};
}
