import { seg } from '../../../shared/transport';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import { dependencyPath, fetchDependencies, sourceCardWrites, targetCardParameter, targetIdOf } from './dependencyRef';

export const remove: WekanOperation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a card dependency',
	description: 'Remove a card\'s dependency on another card. Needs write access; Wekan v9.47 or later.',
	properties: [...cardParameters(), targetCardParameter],
	writes: sourceCardWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const targetId = targetIdOf(item, cardId);
		const scope = await cardScope(item, cardId);
		const had = (await fetchDependencies(item, scope)).some((d) => d.cardId === targetId);
		if (!had) return { sourceCardId: cardId, cardId: targetId, boardId: scope.boardId, removed: false };
		await item.request({
			method: 'DELETE',
			path: `${dependencyPath(scope)}/${seg(targetId)}`,
			permission: 'board-write',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		item.writesDone();
		// Wekan removes only object entries: an old bare-id entry stays, and its answer is the same.
		if ((await fetchDependencies(item, scope)).some((d) => d.cardId === targetId)) {
			throw item.fail(
				`Wekan did not remove the dependency of card ${cardId} on card ${targetId}`,
				'It is an old-style dependency, which Wekan\'s API cannot remove: remove it in Wekan\'s card details.',
			);
		}
		return { sourceCardId: cardId, cardId: targetId, boardId: scope.boardId, removed: true };
	},
};
