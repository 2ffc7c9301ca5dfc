import { userAction } from './setLogin';

export const takeOwnership = userAction(
	{
		value: 'takeOwnership',
		name: 'Take Ownership',
		action: 'Take ownership of a user\'s boards',
		description: 'Make the logged-in admin a board admin of every board the user administers; outputs those boards',
	},
	'takeOwnership',
);
