/**
 * Sorting for Card > Get Many, done in the node: Wekan's card routes have no sort parameter. Cards without the date
 * sorted by come last in either direction: "due soonest" and "due latest" both mean cards that have a due date, and
 * with a limit, undated cards should not crowd out the dated ones.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../itemContext';

export type SortKey = 'position' | 'dueAt' | 'createdAt' | 'modifiedAt';

export interface SortRule {
	key: SortKey;
	direction: 'asc' | 'desc';
}

const KEYS: Record<SortKey, string> = {
	position: 'Position',
	dueAt: 'Due Date',
	createdAt: 'Created',
	modifiedAt: 'Last Modified',
};

export const SORT_PROPERTY: INodeProperties = {
	displayName: 'Sort',
	// Not `sort`: Card > Move has a number parameter of that name.
	name: 'sortRules',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Sort Rule',
	default: {},
	description:
		'The order of the cards, applied before the limit; later rules order cards the earlier ones rank equal. Without a rule, cards come in Wekan\'s order. Sorting by Created or Last Modified reads the cards from the board\'s export, since Wekan\'s list routes leave these dates out.',
	options: [
		{
			displayName: 'Rule',
			name: 'rule',
			values: [
				{
					displayName: 'Sort By',
					name: 'key',
					type: 'options',
					options: [
						{ name: 'Created', value: 'createdAt', description: 'When the card was created' },
						{ name: 'Due Date', value: 'dueAt', description: 'The card\'s due date; cards without one come last' },
						{ name: 'Last Modified', value: 'modifiedAt', description: 'When the card last changed' },
						{
							name: 'Position',
							value: 'position',
							description: 'The card\'s place in its list, top to bottom; for a whole board, list after list',
						},
					],
					default: 'position',
				},
				{
					displayName: 'Direction',
					name: 'direction',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc', description: 'Top of the list, oldest or soonest first' },
						{ name: 'Descending', value: 'desc', description: 'Bottom of the list, newest or latest first' },
					],
					default: 'asc',
				},
			],
		},
	],
};

/** The sort rules, checked; no request. My Cards carries only due dates, so it sorts by nothing else. */
export function sortRules(item: ItemContext, scope: string): SortRule[] {
	const value = item.raw('sortRules', {});
	const raw = typeof value === 'object' && value !== null ? (value as IDataObject).rule : undefined;
	if (raw === undefined) return [];
	if (!Array.isArray(raw)) throw item.fail('Sort must be a list of rules');
	return (raw as IDataObject[]).map((rule, index) => {
		const key = rule?.key ?? 'position';
		const direction = rule?.direction ?? 'asc';
		if (typeof key !== 'string' || !Object.keys(KEYS).includes(key)) {
			throw item.fail(`Sort rule ${index + 1}: "${String(key).slice(0, 30)}" is not a sort key`, `Sort by ${Object.values(KEYS).join(', ')}.`);
		}
		if (direction !== 'asc' && direction !== 'desc') {
			throw item.fail(`Sort rule ${index + 1}: the direction must be Ascending or Descending, not "${String(direction).slice(0, 30)}"`);
		}
		if (scope === 'mine' && key !== 'dueAt') {
			throw item.fail(
				`My Cards cannot be sorted by ${KEYS[key as SortKey]}`,
				'Wekan\'s My Cards route holds no positions or creation and change dates. Sort by Due Date, or get the cards of a board, list or swimlane.',
			);
		}
		return { key: key as SortKey, direction };
	});
}

/** Whether a rule needs dates that only the full cards have. */
export function needsFullCards(rules: SortRule[]): boolean {
	return rules.some((r) => r.key === 'createdAt' || r.key === 'modifiedAt');
}

function time(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
	return Number.isNaN(ms) ? undefined : ms;
}

function sortValue(card: IDataObject, key: SortKey): number | undefined {
	if (key !== 'position') return time(card[key]);
	const sort = typeof card.sort === 'number' ? card.sort : Number(card.sort);
	return card.sort === undefined || card.sort === null || Number.isNaN(sort) ? undefined : sort;
}

/**
 * The cards in the order of the rules; equal cards keep the order they came in. For Position, `listOrder` gives
 * the lists of a whole board in the order they were read, so its cards are sorted list after list.
 */
export function sortCards(cards: IDataObject[], rules: SortRule[], listOrder: string[] = []): IDataObject[] {
	if (!rules.length) return cards;
	const listIndex = new Map(listOrder.map((id, index) => [id, index]));
	const compare = (a: IDataObject, b: IDataObject): number => {
		for (const { key, direction } of rules) {
			const sign = direction === 'asc' ? 1 : -1;
			if (key === 'position' && listIndex.size) {
				const la = listIndex.get(String(a.listId)) ?? listIndex.size;
				const lb = listIndex.get(String(b.listId)) ?? listIndex.size;
				if (la !== lb) return (la - lb) * sign;
			}
			const va = sortValue(a, key);
			const vb = sortValue(b, key);
			if (va === vb) continue;
			// Missing values last, whatever the direction.
			if (va === undefined) return 1;
			if (vb === undefined) return -1;
			return (va - vb) * sign;
		}
		return 0;
	};
	return [...cards].sort(compare);
}
