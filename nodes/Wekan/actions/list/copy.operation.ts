import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { EVERYTHING } from '../pipeline';
import { readBack } from '../readBack';
import { boardSwimlanes, fetchSwimlane } from '../swimlane/swimlaneRef';
import { optionalLocatorId, POSITION_PROPERTY, positionOf, targetBoardLocator, targetSwimlaneLocator } from '../target';
import { fetchList, listCardPath, listCards, listPath } from './listRef';

/** The list fields Wekan's list PUT takes that a copy carries over, when the source list has them. */
function carriedFields(source: IDataObject): IDataObject {
	const fields: IDataObject = {};
	if (typeof source.color === 'string' && source.color) fields.color = source.color;
	if (source.starred === true) fields.starred = true;
	if (typeof source.wipLimit === 'object' && source.wipLimit !== null) fields.wipLimit = source.wipLimit;
	return fields;
}

/**
 * The swimlane a copy goes to without a chosen one: on the same board the list's own when it is open, else the
 * target board's default one (its first open swimlane, as defaultSwimlaneId). A list shown in every swimlane (no
 * swimlane of its own) cannot be made through the API, so its copy goes to the default swimlane too.
 */
async function copySwimlaneId(item: ItemContext, toBoardId: string, ownId: string | undefined): Promise<string> {
	const open = (await boardSwimlanes(item, toBoardId)).map((s) => String(s._id));
	if (ownId && open.includes(ownId)) return ownId;
	if (!open.length) {
		throw item.fail(`Board ${toBoardId} has no open swimlane`, 'Create a swimlane on it first, or choose a target swimlane.');
	}
	return item.checkId(open[0], 'The default swimlane\'s ID');
}

/**
 * Wekan's own list copy (POST …/lists/:listId/copy, models/lists.js:285-315) cannot be used: it copies into any open
 * list of the same title on the target board (on the list's own board, the list itself, so the cards are doubled in
 * it), copies only the cards of the list's own swimlane, and without a target swimlane makes the list and then fails
 * on the first card (models/cards.js:124-129). So the copy is made here: a new list, then each open card copied into
 * it by Wekan's card copy (the same Card.copy the list copy uses).
 */
export const copy: WekanOperation = {
	value: 'copy',
	name: 'Copy',
	action: 'Copy a list',
	description:
		'Copy a list with its open cards (with their checklists and attachments) into a new list, on the same board or on another one; needs Wekan 9.36 or later. On another board a card keeps only the labels that board has by the same name, and Wekan shares each custom field that board lacks (by name and type) with it, so the field then shows on both boards. Returns the new list.',
	properties: [
		boardLocator(),
		listLocator(),
		targetBoardLocator(),
		targetSwimlaneLocator(
			'The swimlane the copy and its cards go to. Leave empty for the list\'s own swimlane on the same board, or for the target board\'s default swimlane (its first open one).',
		),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{ ...POSITION_PROPERTY, description: 'Where to place the copy, counting from 0 (the leftmost). Without it Wekan gives the copy no position, as for a new list.' },
				{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'The copy\'s title. Leave empty to keep the original\'s.' },
			],
		},
	],
	writes: () => [EVERYTHING],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const toBoardId = optionalLocatorId(item, 'toBoardId', 'Target Board') ?? boardId;
		const toSwimlaneId = optionalLocatorId(item, 'toSwimlaneId', 'Target Swimlane');
		const options = item.collection('options');
		const position = positionOf(item, options.position);
		if (options.title !== undefined && typeof options.title !== 'string' && typeof options.title !== 'number') {
			throw item.fail('Title must be text');
		}
		const newTitle = options.title === undefined ? '' : String(options.title).trim();

		const source = await fetchList(item, boardId, listId);
		if (toSwimlaneId) await fetchSwimlane(item, toBoardId, toSwimlaneId);
		// The copy and its cards share one swimlane, so that they show together.
		const ownId = toBoardId === boardId && typeof source.swimlaneId === 'string' ? source.swimlaneId : undefined;
		const listSwimlaneId = toSwimlaneId ?? (await copySwimlaneId(item, toBoardId, ownId));
		const cards = await listCards(item, boardId, listId);

		const created = await item.request<IDataObject>({
			method: 'POST',
			path: `/api/boards/${seg(toBoardId)}/lists`,
			body: { title: newTitle || String(source.title), swimlaneId: listSwimlaneId },
			permission: 'board-write',
			notFound: `No board with ID ${toBoardId}`,
		});
		const copyId = item.checkId(created._id, 'The copy\'s ID');
		const copiedCardIds: string[] = [];
		const afterCreate = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
			try {
				return await step();
			} catch (error) {
				throw item.fail(
					`List ${copyId} was created as the copy of list ${listId}, but ${what} failed: ${(error as Error).message}`,
					`${copiedCardIds.length} of ${cards.length} cards were copied into it. Do not run this item again, or the list will be copied twice; finish or delete the copy in Wekan.`,
				);
			}
		};

		const fields = carriedFields(source);
		if (Object.keys(fields).length) {
			await afterCreate('setting its color, star and WIP limit', () =>
				item.request({ method: 'PUT', path: listPath(toBoardId, copyId), body: fields, permission: 'board-write' }),
			);
		}
		for (const card of cards) {
			const cardId = item.checkId(card._id, 'A card\'s ID');
			const copiedId = await afterCreate(`copying card ${cardId}`, async () => {
				const copied = await item.request<IDataObject>({
					method: 'POST',
					path: `${listCardPath(boardId, listId, cardId)}/copy`,
					body: { toBoardId, toSwimlaneId: listSwimlaneId, toListId: copyId },
					permission: 'board-write',
					notFound: `No card with ID ${cardId} in list ${listId}`,
				});
				return item.checkId(copied._id, 'The card copy\'s ID');
			});
			copiedCardIds.push(copiedId);
		}
		if (position !== undefined) {
			await afterCreate(`placing it at position ${position}`, () =>
				item.request({
					method: 'POST',
					path: `${listPath(toBoardId, copyId)}/move`,
					body: { position },
					idempotent: true,
					permission: 'board-write',
				}),
			);
		}
		const copyList = await readBack(item, `The copy ${copyId} of list ${listId}`, () => fetchList(item, toBoardId, copyId));
		return { ...copyList, copiedFromListId: listId, copiedCardIds };
	},
};
