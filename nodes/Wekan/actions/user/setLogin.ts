import type { IDataObject } from 'n8n-workflow';
import { userLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { fetchUser, USERS_KEY, userLabel, withoutSecrets } from './userRef';

/**
 * Disable Login and Enable Login: PUT /api/users/:userId with an `action` (server/models/users.js:2066-2099). The
 * route finds the user by id only and answers an empty 200 for anything else, so the user is looked up first.
 */
export function loginSwitch(
	spec: Pick<WekanOperation, 'value' | 'name' | 'action' | 'description'>,
	action: 'disableLogin' | 'enableLogin',
): WekanOperation {
	const disable = action === 'disableLogin';
	return {
		...spec,
		properties: [userLocator()],
		writes: () => [USERS_KEY],
		async run(item: ItemContext) {
			const user = await fetchUser(item);
			const id = String(user._id);
			// :2087: Wekan skips disabling the caller and answers success.
			if (disable && id === (await item.userId())) {
				throw item.fail(
					'You cannot disable your own login',
					'Wekan skips it. Use the credential of another site admin.',
				);
			}
			const after = await item.request<IDataObject>({
				method: 'PUT',
				path: `/api/users/${seg(id)}`,
				body: { action },
				permission: 'site-admin',
				notFound: `No user ${userLabel(user)}`,
			});
			// Enabling unsets loginDisabled (collection2 turns the '' Wekan sets into $unset).
			const disabled = after.loginDisabled === true;
			if (disabled !== disable) {
				throw item.fail(`Wekan did not ${disable ? 'disable' : 'enable'} the login of user ${userLabel(user)}`);
			}
			return { ...withoutSecrets(after), loginDisabled: disabled };
		},
	};
}
