/**
 * Create or Update: looks for the card in the list by title or by a custom field value, updates it when exactly one
 * matches and creates it when none does. The create and the update are Card > Create's and Card > Update's own.
 * A lookup that fails stops the item: not finding a card because Wekan did not answer must never create a second.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { customFieldParameter } from '../customField/fieldRef';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { fetchCard } from './cardRef';
import { createCard, readCreation } from './create.operation';
import { fieldValue } from './customFieldValue';
import { hasChanges, readChanges, UPDATE_FIELD_OPTIONS, updateCard } from './update.operation';

/** The fields both Create and Update set, so a card ends up the same whichever happens. */
const SHARED_FIELDS = ['assignees', 'color', 'description', 'dueAt', 'endAt', 'labelIds', 'members', 'parentId', 'receivedAt', 'startAt'];

/** Custom field types whose values Wekan stores as text: only these can match its cardsByCustomField route. */
const TEXT_TYPES = ['text', 'dropdown', 'stringtemplate'];

interface Match {
	/** How the match reads in messages, e.g. `title "Release notes"`. */
	what: string;
	find(): Promise<IDataObject[]>;
	/** The custom field value a new card gets, so that the next run finds it. */
	pair?: { fieldId: string; raw: unknown };
}

/**
 * Items of one execution with the same match run one after another, also with Batching: two of them could
 * otherwise both find nothing and both create.
 */
const queues = new WeakMap<IExecuteFunctions, Map<string, Promise<unknown>>>();

function oneAtATime<T>(fn: IExecuteFunctions, key: string, run: () => Promise<T>): Promise<T> {
	let queue = queues.get(fn);
	if (!queue) {
		queue = new Map();
		queues.set(fn, queue);
	}
	const next = (queue.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
	queue.set(key, next);
	return next;
}

function sameValue(type: unknown, stored: unknown, wanted: unknown): boolean {
	if (stored === undefined || stored === null) return false;
	switch (type) {
		case 'number':
		case 'currency':
			return Number(stored) === wanted;
		case 'checkbox':
			return String(stored) === String(wanted);
		case 'date':
			return new Date(String(stored)).getTime() === new Date(String(wanted)).getTime();
		default:
			return String(stored) === String(wanted);
	}
}

function titleMatch(item: ItemContext, boardId: string, listId: string, title: string): Match {
	const wanted = title.trim();
	return {
		what: `title "${wanted.slice(0, 80)}"`,
		async find() {
			const cards = await item.request<IDataObject[]>({
				method: 'GET',
				path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards`,
				expect: 'array',
				permission: 'board-read',
				notFound: `No list ${listId} on board ${boardId}`,
			});
			return cards.filter((card) => String(card.title ?? '').trim() === wanted);
		},
	};
}

function customFieldMatch(item: ItemContext, boardId: string, listId: string, fieldId: string, raw: string): Match {
	return {
		what: `custom field ${fieldId} = "${raw.slice(0, 80)}"`,
		pair: { fieldId, raw },
		async find() {
			// Finding the field first turns a dropdown option's name into its id, and an unknown field into an error.
			const { field, value } = await fieldValue(item, boardId, fieldId, raw);
			if (TEXT_TYPES.includes(String(field.type))) {
				// Wekan matches the text from the URL against the stored value, on the whole board.
				const cards = await item.request<IDataObject[]>({
					method: 'GET',
					path: `/api/boards/${seg(boardId)}/cardsByCustomField/${seg(fieldId)}/${seg(String(value))}`,
					expect: 'array',
					permission: 'board-read',
					notFound: `No board with ID ${boardId}`,
				});
				return cards.filter((card) => card.listId === listId && card.archived !== true);
			}
			// Numbers, checkboxes and dates are not stored as text, so that route cannot find them: the list's cards
			// are read with their custom fields (the board export; Wekan 11 narrows it to the list) and compared here.
			const data = await item.request<IDataObject>({
				method: 'GET',
				path: `/api/boards/${seg(boardId)}/export`,
				qs: { attachments: 'false', listId },
				permission: 'board-read',
				notFound: `No board with ID ${boardId}`,
			});
			if (!Array.isArray(data.cards)) throw item.fail(`Wekan's export of board ${boardId} has no cards`, 'The cards of the list could not be compared, so nothing was created.');
			return (data.cards as IDataObject[]).filter(
				(card) =>
					card.listId === listId &&
					card.archived !== true &&
					((card.customFields as IDataObject[] | undefined) ?? []).some((f) => f._id === fieldId && sameValue(field.type, f.value, value)),
			);
		},
	};
}

function ambiguous(item: ItemContext, listId: string, match: Match, cards: IDataObject[]) {
	const shown = cards.slice(0, 10).map((c) => `${String(c._id)} ("${String(c.title ?? '').slice(0, 60)}")`);
	const more = cards.length > shown.length ? ` and ${cards.length - shown.length} more` : '';
	return item.fail(
		`${cards.length} cards in list ${listId} match ${match.what}: ${shown.join(', ')}${more}`,
		'Nothing was created or changed. Make the match unique: archive, rename or move the other cards, or match by a custom field whose values differ from card to card.',
	);
}

export const upsert: WekanOperation = {
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a card',
	description: 'Create a new card, or update the current one if it already exists (upsert)',
	properties: [
		boardLocator(),
		listLocator({ description: 'The list to look for the card in, and to create it in' }),
		swimlaneLocator({ description: 'The swimlane (row) a new card goes in; Wekan requires one. A card found stays where it is.' }),
		{
			displayName: 'Match By',
			name: 'matchBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Custom Field Value',
					value: 'customField',
					description: 'An open card of the list whose custom field has exactly this value. A new card gets the value.',
				},
				{ name: 'Title', value: 'title', description: 'An open card of the list with exactly this title (spaces around it ignored)' },
			],
			default: 'title',
			description:
				'How to find the card in the list: if exactly one open card matches it is updated, if none does a card is created, and if several do the item stops with an error naming them. Archived cards are never matched.',
		},
		{
			...customFieldParameter,
			displayOptions: { show: { matchBy: ['customField'] } },
		},
		{
			displayName: 'Value',
			name: 'matchValue',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { matchBy: ['customField'] } },
			description: 'The value to match exactly; for a dropdown field, the option\'s name or ID',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The card\'s title. With Match By Title, the title to look for; otherwise it is also set on the card found.',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Set on the new card, or on the card found (members, assignees and labels are replaced)',
			options: UPDATE_FIELD_OPTIONS.filter((o) => SHARED_FIELDS.includes(o.name)),
		},
	],
	// Items matching in one list go in input order, so the first creates and the next ones find it.
	writes: (item) => [`list:${item.locatorId('listId', 'List')}`],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const matchBy = item.raw('matchBy', 'title');
		if (matchBy !== 'title' && matchBy !== 'customField') {
			throw item.fail(`Match By "${String(matchBy).slice(0, 30)}" is not known`, 'Match by Title or Custom Field Value.');
		}
		const title = item.string('title', 'Title');
		const fields = item.collection('fields');
		// The title is what was looked for, or is set on the card found by its custom field.
		const updateFields = matchBy === 'customField' ? { ...fields, title } : fields;
		let match: Match;
		if (matchBy === 'customField') {
			const fieldId = item.checkId(item.raw('customFieldId', ''), 'Custom Field');
			match = customFieldMatch(item, boardId, listId, fieldId, item.string('matchValue', 'Value'));
		} else {
			match = titleMatch(item, boardId, listId, title);
		}
		// Both outcomes are checked before any request, so a bad value cannot stop the item halfway.
		const creation = readCreation(item, { boardId, listId, swimlaneId }, title, fields);
		readChanges(item, updateFields);

		return await oneAtATime(item.fn, `${boardId}/${listId}/${match.what}`, async () => {
			const found = await match.find();
			if (found.length > 1) throw ambiguous(item, listId, match, found);
			if (found.length === 0) {
				const pairs = match.pair ? [...creation.customFieldPairs, match.pair] : creation.customFieldPairs;
				return { ...(await createCard(item, { ...creation, customFieldPairs: pairs })), upsert: 'created' };
			}
			const cardId = String(found[0]._id);
			const changes = readChanges(item, updateFields, cardId);
			if (!hasChanges(changes)) return { ...(await fetchCard(item, cardId)), upsert: 'unchanged' };
			return { ...(await updateCard(item, cardId, changes)), upsert: 'updated' };
		});
	},
};
