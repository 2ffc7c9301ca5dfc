/**
 * Card dependencies ("Red Strings", server/models/dependencies.js:117-320, Wekan v11.07). A dependency is an entry
 * `{cardId, type, color, icon}` on the source card's `cardDependencies`, cardId being the target; the target card
 * stores nothing, so only the source card lists it.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { cardLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { cardIdOf, type CardScope } from '../cardScope';
import type { ItemContext } from '../itemContext';

/** DEPENDENCY_TYPES (models/metadata/dependencies.js:24-32), as Wekan names them. */
export const DEPENDENCY_TYPES = [
	{ name: 'Related To', value: 'related-to' },
	{ name: 'Blocks', value: 'blocks' },
	{ name: 'Is Blocked By', value: 'is-blocked-by' },
	{ name: 'Fixes', value: 'fixes' },
	{ name: 'Is Fixed By', value: 'is-fixed-by' },
];

/** `writes` of a dependency write: the source card. */
export const sourceCardWrites = (item: ItemContext): string[] => [`card:${cardIdOf(item)}`];

export const targetCardParameter: INodeProperties = cardLocator({
	displayName: 'Target Card',
	name: 'targetCardId',
	description: 'The other card of the dependency, on the same board: paste its Wekan URL, give its ID, or pick it',
});

export function targetIdOf(item: ItemContext, cardId: string): string {
	const targetId = item.locatorId('targetCardId', 'Target Card', 'card');
	if (targetId === cardId) throw item.fail('A card cannot depend on itself', 'Choose another card as the Target Card.');
	return targetId;
}

export const dependencyPath = (scope: CardScope) =>
	`/api/boards/${seg(scope.boardId)}/cards/${seg(scope.cardId)}/dependencies`;

/** The card's own dependencies, as Wekan normalises them (bare ids as objects, defaults filled in). */
export function fetchDependencies(item: ItemContext, scope: CardScope): Promise<IDataObject[]> {
	return item.request<IDataObject[]>({
		method: 'GET',
		path: dependencyPath(scope),
		expect: 'array',
		permission: 'board-read',
		notFound: `No card ${scope.cardId} on board ${scope.boardId}`,
	});
}

export function typeOf(item: ItemContext, value: unknown): string {
	const type = String(value ?? '');
	if (!DEPENDENCY_TYPES.some((t) => t.value === type)) {
		throw item.fail(`"${type.slice(0, 40)}" is not a Wekan dependency type`, `Use one of: ${DEPENDENCY_TYPES.map((t) => t.value).join(', ')}.`);
	}
	return type;
}

/** An optional text field; trimmed, empty is undefined. */
export function optionalText(item: ItemContext, value: unknown, label: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw item.fail(`${label} must be text`);
	return value.trim() || undefined;
}

export const STYLE_FIELDS: INodeProperties[] = [
	{
		displayName: 'Color',
		name: 'color',
		type: 'color',
		default: '#eb144c',
		description: 'The color of the line Wekan draws between the cards (Wekan\'s default is #eb144c)',
	},
	{
		displayName: 'Icon',
		name: 'icon',
		type: 'string',
		default: 'link',
		description: 'A Font Awesome icon name for the line, e.g. link, ban, lock, bug (Wekan\'s default is link)',
	},
];

export function withScope(entry: IDataObject, scope: CardScope): IDataObject {
	return { ...entry, sourceCardId: scope.cardId, boardId: scope.boardId };
}
