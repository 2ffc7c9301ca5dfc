/** Add or remove one card member or assignee through Wekan's merge routes (no whole-list replace). */
import { NodeApiError } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { cardParameters } from '../cardScope';
import type { WekanOperation } from '../operation';
import { cardPath, fetchCard, oneCardWrites } from './cardRef';
import { writableCard } from './cardWrite';

export function cardMemberOperation(field: 'members' | 'assignees', add: boolean): WekanOperation {
	const role = field === 'members' ? 'Member' : 'Assignee';
	const param = field === 'members' ? 'memberId' : 'assigneeId';
	return {
		value: `${add ? 'add' : 'remove'}${role}`,
		name: `${add ? 'Add' : 'Remove'} ${role}`,
		action: `${add ? 'Add' : 'Remove'} a card ${role.toLowerCase()}`,
		description: add
			? `Add a board member to a card's ${field}, keeping the others; returns the card. The user must be an active member of the card's board.`
			: `Remove a user from a card's ${field}, keeping the others; returns the card. Removing someone who is not there changes nothing.`,
		properties: [
			...cardParameters(),
			{
				displayName: `${role} Name or ID`,
				name: param,
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
				default: '',
				required: true,
				description:
					'A member of the card\'s board (choose the board above to list them). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
		writes: oneCardWrites,
		async run(item) {
			const cardId = item.locatorId('cardId', 'Card', 'card');
			const userId = item.checkId(item.raw(param, ''), role);
			// Wekan's member routes skip archived cards with a "Card not found".
			const card = await writableCard(item, cardId);
			try {
				await item.request({
					method: add ? 'POST' : 'DELETE',
					path: `${cardPath(card)}/${field}/${seg(userId)}`,
					// Adding to a set: a repeat leaves the same state.
					idempotent: true,
					permission: 'board-write',
					notFound: `No card with ID ${cardId}`,
				});
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '400' && add) {
					throw item.fail(
						`User ${userId} is not an active member of board ${String(card.boardId)}`,
						`Only board members can be card ${field}. Add the user with Board Member > Add first.`,
					);
				}
				throw error instanceof NodeApiError ? error : item.fail((error as Error).message);
			}
			const after = await fetchCard(item, cardId);
			const has = ((after[field] as string[] | undefined) ?? []).includes(userId);
			if (has !== add) throw item.fail(`Wekan did not ${add ? 'add' : 'remove'} ${userId} ${add ? 'to' : 'from'} the ${field} of card ${cardId}`);
			return after;
		},
	};
}
