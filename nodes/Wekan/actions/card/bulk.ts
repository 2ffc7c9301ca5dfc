import { toIdList } from '../common';
import type { ItemContext } from '../itemContext';

/** How many cards Wekan's bulk card routes take at once. */
export const MAX_BULK_CARDS = 500;

/** The card ids of parameter `name` for a bulk route: checked, without repeats, 1 to MAX_BULK_CARDS of them. */
export function bulkCardIds(item: ItemContext, name = 'cardIds'): string[] {
	const cardIds = [...new Set(toIdList(item, item.raw(name), 'Card'))];
	if (cardIds.length === 0) throw item.fail('Give at least one card ID');
	if (cardIds.length > MAX_BULK_CARDS) {
		throw item.fail(`Wekan takes at most ${MAX_BULK_CARDS} cards at once; ${cardIds.length} were given`, 'Split the cards over several items.');
	}
	return cardIds;
}
