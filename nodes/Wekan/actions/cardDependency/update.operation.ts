import type { IDataObject } from 'n8n-workflow';
import { seg } from '../../../shared/transport';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
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

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a card dependency',
	description: 'Change the type, color or icon of a card\'s dependency on another card. Needs write access; Wekan v9.47 or later.',
	properties: [
		...cardParameters(),
		targetCardParameter,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [...STYLE_FIELDS, { displayName: 'Type', name: 'type', type: 'options', options: DEPENDENCY_TYPES, default: 'blocks' }],
		},
	],
	writes: sourceCardWrites,
	async run(item) {
		const cardId = cardIdOf(item);
		const targetId = targetIdOf(item, cardId);
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		if (fields.type !== undefined) body.type = typeOf(item, fields.type);
		const color = optionalText(item, fields.color, 'Color');
		const icon = optionalText(item, fields.icon, 'Icon');
		if (color) body.color = color;
		if (icon) body.icon = icon;
		if (!Object.keys(body).length) throw item.fail('Nothing to update', 'Add a type, color or icon under Update Fields.');
		const scope = await cardScope(item, cardId);
		// Wekan answers success when the card has no such dependency, so it is looked for first.
		const before = (await fetchDependencies(item, scope)).find((d) => d.cardId === targetId);
		if (!before) throw item.fail(`Card ${cardId} has no dependency on card ${targetId}`, 'Use Add to create it.');
		await item.request({
			method: 'PUT',
			path: `${dependencyPath(scope)}/${seg(targetId)}`,
			body,
			permission: 'board-write',
			notFound: `No card ${cardId} on board ${scope.boardId}`,
		});
		item.writesDone();
		const after = (await fetchDependencies(item, scope)).find((d) => d.cardId === targetId);
		if (!after || Object.entries(body).some(([key, value]) => after[key] !== value)) {
			throw item.fail(
				`Wekan did not change the dependency of card ${cardId} on card ${targetId}`,
				'It is an old-style dependency, which Wekan\'s API cannot change: remove it in Wekan\'s card details and add it again.',
			);
		}
		return withScope(after, scope);
	},
};
