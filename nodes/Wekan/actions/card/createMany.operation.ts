import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { defined, toIdList } from '../common';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { readBack } from '../readBack';
import { MAX_BULK_CARDS } from './bulk';
import { checkActiveMembers, checkParent, checkPlace } from './cardFields';

/** What Wekan's bulk route reads of each card; anything else would be dropped without a word. */
const ENTRY_KEYS = ['title', 'description', 'swimlaneId', 'members', 'assignees', 'parentId'];

/** The Cards parameter: an array (from an expression), a JSON array, or one title per line. */
function entriesOf(item: ItemContext, value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	const text = typeof value === 'string' ? value.trim() : '';
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parsed;
		} catch (error) {
			throw item.fail(`Cards is not valid JSON: ${(error as Error).message}`);
		}
	}
	return text.split(/\r?\n/).map((t) => t.trim()).filter(Boolean);
}

function toEntry(item: ItemContext, raw: unknown, index: number): IDataObject {
	const at = `Card ${index + 1}`;
	const source: IDataObject = typeof raw === 'string' ? { title: raw } : (raw as IDataObject);
	if (typeof source !== 'object' || source === null || Array.isArray(source)) throw item.fail(`${at} must be a title or an object`);
	const extra = Object.keys(source).filter((k) => !ENTRY_KEYS.includes(k));
	if (extra.length) {
		throw item.fail(
			`${at}: Wekan's bulk create does not take ${extra.join(', ')}`,
			`Each card may have ${ENTRY_KEYS.join(', ')}. Set other fields afterwards with Update.`,
		);
	}
	const title = typeof source.title === 'string' ? source.title.trim() : '';
	if (!title) throw item.fail(`${at} has no title`);
	// Wekan's schema trims text and leaves out what is left empty.
	const description = source.description === undefined || source.description === null ? '' : String(source.description);
	const trimmed = description.trim();
	return defined({
		title,
		description: trimmed || undefined,
		swimlaneId: source.swimlaneId === undefined ? undefined : item.checkId(source.swimlaneId, `${at}: swimlaneId`),
		members: source.members === undefined ? undefined : toIdList(item, source.members, `${at}: member`),
		assignees: source.assignees === undefined ? undefined : toIdList(item, source.assignees, `${at}: assignee`),
		parentId: source.parentId === undefined ? undefined : item.checkId(source.parentId, `${at}: parentId`),
	});
}

export const createMany: WekanOperation = {
	value: 'createMany',
	name: 'Create Many',
	action: 'Create many cards',
	description: `Create up to ${MAX_BULK_CARDS} cards in a list with one request; outputs one item per created card, with the fields Wekan's list route returns (ID, title, description, swimlane, dates, assignees, sort)`,
	properties: [
		boardLocator(),
		listLocator(),
		swimlaneLocator({ description: 'The swimlane for cards that do not name their own' }),
		{
			displayName: 'Cards',
			name: 'cards',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			required: true,
			placeholder: 'First card\nSecond card',
			description: `One title per line, or a JSON array of titles or of objects with title and optionally description, swimlaneId, members, assignees and parentId (up to ${MAX_BULK_CARDS}). Members and assignees must be active members of the board; for labels, dates and the rest, use Update afterwards.`,
		},
	],
	// Cards created in one list take their place in input order.
	writes: (item) => [`list:${item.locatorId('listId', 'List')}`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const raw = entriesOf(item, item.raw('cards', ''));
		if (raw.length === 0) throw item.fail('Give at least one card');
		if (raw.length > MAX_BULK_CARDS) {
			throw item.fail(`Wekan takes at most ${MAX_BULK_CARDS} cards at once; ${raw.length} were given`, 'Split the cards over several items.');
		}
		const cards = raw.map((entry, index) => toEntry(item, entry, index));
		const ids = (key: string) => [...new Set(cards.flatMap((card) => (card[key] as string[] | string | undefined) ?? []))];
		// Wekan creates the cards one after another and stops at the first it cannot log (a list or swimlane that is
		// not on the board) with an HTML 500, keeping the cards before it (server/models/cards.js:1231-1271); it drops
		// members who are not on the board, and does not check parents. So all of it is checked first.
		await Promise.all([
			checkPlace(item, boardId, listId, [swimlaneId, ...ids('swimlaneId')]),
			checkActiveMembers(item, boardId, ids('members'), 'Member'),
			checkActiveMembers(item, boardId, ids('assignees'), 'Assignee'),
			...ids('parentId').map((parentId) => checkParent(item, parentId)),
		]);
		let results: IDataObject[];
		try {
			results = await item.request<IDataObject[]>({
				method: 'POST',
				path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards/bulk`,
				// Wekan 9.36 to 10.91 take the author from authorId (each card's, else this one) and create no card
				// without it; later versions use the token's user and ignore it.
				body: { authorId: await item.userId(), swimlaneId, cards },
				expect: 'array',
				permission: 'comment',
				notFound: `No list ${listId} on board ${boardId}`,
			});
		} catch (error) {
			if (error instanceof NodeApiError && Number(error.httpCode) >= 500) {
				error.description = `Wekan creates the cards one at a time and stops at the first that fails: the cards before it exist in list ${listId}. Look at the list before running this item again, or those cards will be created twice.`;
			}
			throw error instanceof NodeApiError ? error : item.fail((error as Error).message);
		}
		const created = results.filter((r) => r._id !== undefined);
		const failed = results.filter((r) => r._id === undefined);
		if (failed.length || created.length !== cards.length) {
			const lines = failed.map((r) => `card ${Number(r.index) + 1}: ${String(r.error ?? 'not created')}`);
			throw item.fail(
				`Wekan created ${created.length} of ${cards.length} cards; ${lines.join('; ') || 'some were not reported'}`,
				`Created: ${created.map((r) => String(r._id)).join(', ') || 'none'}. Those cards exist in Wekan: fix and send only the others, or they will be created twice.`,
			);
		}
		return readBack(item, `${created.length} cards`, async () => {
			// One read of the list gives every new card; reading each one would cost a request per card.
			const listed = await item.request<IDataObject[]>({
				method: 'GET',
				path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards`,
				expect: 'array',
				permission: 'board-read',
			});
			const byId = new Map(listed.map((c) => [String(c._id), c]));
			return created.map((r) => {
				const card = byId.get(String(r._id));
				if (!card) throw item.fail(`Card ${String(r._id)} is not in list ${listId}`);
				return { ...card, boardId, listId, index: r.index };
			});
		});
	},
};
