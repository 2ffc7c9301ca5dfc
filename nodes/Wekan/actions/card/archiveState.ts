/** Archive and Unarchive: Wekan's routes answer 500 for a card not in the wanted state, so the card is read first. */
import type { IDataObject } from 'n8n-workflow';
import { cardParameters } from '../cardScope';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { cardPath, fetchCard, oneCardWrites } from './cardRef';
import { verifiedCard } from './cardWrite';

async function setArchived(item: ItemContext, archived: boolean): Promise<IDataObject> {
	const cardId = item.locatorId('cardId', 'Card', 'card');
	const card = await fetchCard(item, cardId);
	// Already as wanted: nothing to write, and Wekan's route would fail on it.
	if ((card.archived === true) === archived) return card;
	await item.request({
		method: 'POST',
		path: `${cardPath(card)}/${archived ? 'archive' : 'unarchive'}`,
		permission: 'board-write',
		notFound: `No card with ID ${cardId}`,
	});
	return verifiedCard(item, cardId, { archived });
}

export function archiveOperation(archived: boolean): WekanOperation {
	return {
		value: archived ? 'archive' : 'unarchive',
		name: archived ? 'Archive' : 'Unarchive',
		action: archived ? 'Archive a card' : 'Unarchive a card',
		description: archived
			? 'Move a card to the board\'s archive, where it can be restored; returns the card. A card already archived is returned as it is.'
			: 'Restore an archived card to its list; returns the card. A card that is not archived is returned as it is.',
		properties: cardParameters(),
		writes: oneCardWrites,
		run: (item) => setArchived(item, archived),
	};
}
