import { cardParameters, cardIdOf, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';
import {
	DEPENDENCY_TYPES,
	dependencyPath,
	fetchDependencies,
	optionalText,
	sourceCardWrites,
	STYLE_FIELDS,
	targetCardParameter,
	targetIdOf,
	typeOf,
	withScope,
} from './dependencyRef';

export const add: WekanOperation = {
	value: 'add',
	name: 'Add',
	action: 'Add a card dependency',
	description:
		'Link a card to another card of its board (blocks, is blocked by, relates to, fixes, is fixed by). Only the card itself lists the dependency, not the target. If the card already has one to that target, Wekan changes it instead. Needs write access; Wekan v9.47 or later.',
	properties: [
		...cardParameters(),
		targetCardParameter,
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: DEPENDENCY_TYPES,
			default: 'blocks',
			description: 'How the card relates to the target card: "Blocks" means the card blocks the target',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: STYLE_FIELDS,
		},
	],
	writes: sourceCardWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const targetId = targetIdOf(item, cardId);
		const type = typeOf(item, item.raw('type'));
		const options = item.collection('options');
		const color = optionalText(item, options.color, 'Color');
		const icon = optionalText(item, options.icon, 'Icon');
		const scope = await cardScope(item, cardId);
		await item.request({
			method: 'POST',
			path: dependencyPath(scope),
			body: { cardId: targetId, type, ...(color ? { color } : {}), ...(icon ? { icon } : {}) },
			// Wekan adds or updates the entry for the target: sending it again leaves the same entry.
			idempotent: true,
			permission: 'board-write',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		item.writesDone();
		// An old bare-id entry for the target is neither updated nor replaced, though Wekan answers success.
		const entry = (await fetchDependencies(item, scope)).find((d) => d.cardId === targetId);
		if (!entry || entry.type !== type) {
			throw item.fail(
				`Wekan did not store the dependency of card ${cardId} on card ${targetId}`,
				'The card holds an old-style dependency on that card, which Wekan\'s API cannot change: remove it in Wekan\'s card details, then add it again.',
			);
		}
		return withScope(entry, scope);
	},
};
