import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { CARD_DATE_FIELDS, CARD_DATE_PROPERTIES, cardDateLabel, defined, toIdList, toIsoDate } from '../common';
import { createdNote } from '../cardScope';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { fetchCard } from './cardRef';
import {
	boardLabelIds,
	checkActiveMembers,
	checkParent,
	checkPlace,
	COLOR_PROPERTY,
	CUSTOM_FIELDS_PROPERTY,
	customFieldPairs,
	customFieldValues,
	LABELS_PROPERTY,
	PARENT_PROPERTY,
	peopleProperty,
	toColor,
	toParentId,
} from './cardFields';
import { mergeCustomFields, putCard, unapplied, verifiedCard } from './cardWrite';

/** The names of the fields set after the create, for the error when setting them fails. */
const LATER_NAMES: Record<string, string> = {
	labelIds: 'labels',
	color: 'color',
	parentId: 'parent',
	customFields: 'custom field values',
	description: 'description',
	members: 'members',
	assignees: 'assignees',
	receivedAt: 'received date',
	startAt: 'start date',
	dueAt: 'due date',
	endAt: 'end date',
};

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a card',
	description:
		'Create a card in a list and swimlane of a board, and return it. Labels, color, parent and custom field values are set right after, since Wekan\'s create ignores them.',
	properties: [
		boardLocator(),
		listLocator(),
		swimlaneLocator({ description: 'The swimlane (row) the card goes in; Wekan requires one' }),
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				peopleProperty('assignees', 'Board members responsible for the card.'),
				COLOR_PROPERTY,
				CUSTOM_FIELDS_PROPERTY,
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
				},
				...CARD_DATE_PROPERTIES,
				LABELS_PROPERTY,
				peopleProperty('members', 'Board members who follow the card.'),
				PARENT_PROPERTY,
			],
		},
	],
	// Cards created in one list take their place in input order. The checks before the create read the board's
	// lists, swimlanes, labels, fields and members, which creating a card does not change.
	writes: (item) => [`list:${item.locatorId('listId', 'List')}`],
	checksIndependentOfEarlierWrites: true,
	run: (item) =>
		createCard(
			item,
			readCreation(
				item,
				{ boardId: item.locatorId('boardId', 'Board'), listId: item.locatorId('listId', 'List'), swimlaneId: item.locatorId('swimlaneId', 'Swimlane') },
				item.string('title', 'Title'),
				item.collection('additionalFields'),
			),
		),
};

/** A card to create: where, the create request's body, and what is set right after it. */
export interface CardCreation {
	boardId: string;
	listId: string;
	swimlaneId: string;
	body: IDataObject;
	labelIds: string[];
	color?: string;
	parentId?: string;
	customFieldPairs: Array<{ fieldId: string; raw: unknown }>;
}

/** Reads and checks a card to create from the title and the Additional Fields; no request. */
export function readCreation(
	item: ItemContext,
	where: { boardId: string; listId: string; swimlaneId: string },
	title: string,
	fields: IDataObject,
): CardCreation {
	// Wekan's schema trims text and leaves out what is left empty; the card is compared with what it stores.
	const description = fields.description === undefined ? '' : String(fields.description).trim();
	const body: IDataObject = defined({
		title: title.trim(),
		swimlaneId: where.swimlaneId,
		description: description || undefined,
		members: fields.members === undefined ? undefined : [...new Set(toIdList(item, fields.members, 'Member'))],
		assignees: fields.assignees === undefined ? undefined : [...new Set(toIdList(item, fields.assignees, 'Assignee'))],
	});
	for (const date of CARD_DATE_FIELDS) {
		if (fields[date] !== undefined && fields[date] !== '') body[date] = toIsoDate(item, fields[date], cardDateLabel(date));
	}
	return {
		...where,
		body,
		labelIds: fields.labelIds === undefined ? [] : toIdList(item, fields.labelIds, 'Label'),
		color: fields.color === undefined ? undefined : toColor(item, fields.color),
		parentId: fields.parentId === undefined || fields.parentId === '' ? undefined : toParentId(item, fields.parentId),
		customFieldPairs: customFieldPairs(item, fields.customFieldValues),
	};
}

/** Creates the card, sets what Wekan's create ignores or dropped, and returns the card as read back. */
export async function createCard(item: ItemContext, creation: CardCreation): Promise<IDataObject> {
	const { boardId, listId, swimlaneId, labelIds, color, parentId, customFieldPairs: pairs } = creation;
	const body = { ...creation.body };
	// Everything is checked before the create, so a wrong value stops it instead of leaving a half-made card. The
	// reads go out together, and each is made once per execution.
	const [checkedLabels, customFields] = await Promise.all([
		labelIds.length ? boardLabelIds(item, boardId, labelIds) : undefined,
		pairs.length ? customFieldValues(item, boardId, pairs) : undefined,
		checkPlace(item, boardId, listId, [swimlaneId]),
		checkActiveMembers(item, boardId, (body.members as string[] | undefined) ?? [], 'Member'),
		checkActiveMembers(item, boardId, (body.assignees as string[] | undefined) ?? [], 'Assignee'),
		parentId ? checkParent(item, parentId) : undefined,
	]);
	const later = defined({ labelIds: checkedLabels, color, parentId, customFields });
	// Wekan 9.36 to 10.91 require authorId; later versions take the token's user and ignore it.
	body.authorId = await item.userId();
	const created = await item.request<IDataObject>({
		method: 'POST',
		path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards`,
		body,
		permission: 'comment',
		notFound: `No list ${listId} on board ${boardId}`,
	});
	const cardId = item.checkId(created._id, 'The new card\'s ID');
	let keys: string[] = Object.keys(later);
	try {
		if (!keys.length) item.writesDone();
		const card = await fetchCard(item, cardId);
		// What the create was sent but did not store (Wekan before 9.65 takes no dates on create) is set with the
		// rest. That write is to this new card only, which no later item waits for.
		const notChecked = ['authorId', 'swimlaneId', 'title'];
		const sent = Object.fromEntries(Object.entries(body).filter(([key]) => !notChecked.includes(key)));
		const dropped = unapplied(card, sent);
		keys = [...keys, ...dropped];
		if (!keys.length) return card;
		const fix: IDataObject = { ...later, ...Object.fromEntries(dropped.map((key) => [key, sent[key]])) };
		const put = customFields ? { ...fix, customFields: mergeCustomFields(card, customFields) } : fix;
		await putCard(item, card, put);
		return await verifiedCard(item, cardId, fix);
	} catch (error) {
		const what = keys.length ? `its ${keys.map((k) => LATER_NAMES[k] ?? k).join(', ')} may not be set` : 'reading it back failed';
		throw item.fail(
			`Card ${cardId} was created, but ${what}: ${(error as Error).message}`,
			`${createdNote('card')}${keys.length ? ' Set the rest with Card > Update or Set Custom Field Value.' : ''}`,
		);
	}
}
