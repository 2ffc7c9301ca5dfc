import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { CARD_DATE_FIELDS, CARD_DATE_PROPERTIES, defined, toIdList, toIsoDate } from '../common';
import type { ItemContext } from '../itemContext';
import type { WekanOperation } from '../operation';
import { fetchCard } from './cardRef';
import {
	boardLabelIds,
	COLOR_PROPERTY,
	CUSTOM_FIELDS_PROPERTY,
	customFieldPairs,
	customFieldValues,
	LABELS_PROPERTY,
	PARENT_PROPERTY,
	toColor,
	toParentId,
} from './cardFields';
import { mergeCustomFields, putCard, verifiedCard } from './cardWrite';

/** The names of the fields Wekan's create ignores, for the error when setting them afterwards fails. */
const LATER_NAMES: Record<string, string> = { labelIds: 'labels', color: 'color', parentId: 'parent', customFields: 'custom field values' };

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
				{
					displayName: 'Assignee Names or IDs',
					name: 'assignees',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
					default: [],
					description:
						'Board members responsible for the card. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
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
				{
					displayName: 'Member Names or IDs',
					name: 'members',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
					default: [],
					description:
						'Board members who follow the card. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				PARENT_PROPERTY,
			],
		},
	],
	// Cards created in one list take their place in input order.
	writes: (item) => [`list:${item.locatorId('listId', 'List')}`],
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
	const body: IDataObject = defined({
		title,
		swimlaneId: where.swimlaneId,
		description: fields.description ? String(fields.description) : undefined,
		members: fields.members === undefined ? undefined : toIdList(item, fields.members, 'Member'),
		assignees: fields.assignees === undefined ? undefined : toIdList(item, fields.assignees, 'Assignee'),
	});
	for (const date of CARD_DATE_FIELDS) {
		if (fields[date] !== undefined && fields[date] !== '') body[date] = toIsoDate(item, fields[date], date);
	}
	return {
		boardId: where.boardId,
		listId: where.listId,
		body,
		labelIds: fields.labelIds === undefined ? [] : toIdList(item, fields.labelIds, 'Label'),
		color: fields.color === undefined ? undefined : toColor(item, fields.color),
		parentId: fields.parentId === undefined || fields.parentId === '' ? undefined : toParentId(item, fields.parentId),
		customFieldPairs: customFieldPairs(item, fields.customFieldValues),
	};
}

/** Creates the card, sets what Wekan's create ignores, and returns the card as read back. */
export async function createCard(item: ItemContext, creation: CardCreation): Promise<IDataObject> {
	const { boardId, listId, labelIds, color, parentId, customFieldPairs: pairs } = creation;
	const body = { ...creation.body };
	// Read before the create, so a wrong label or value stops it instead of leaving a half-made card.
	const later = defined({
		labelIds: labelIds.length ? await boardLabelIds(item, boardId, labelIds) : undefined,
		color,
		parentId,
		customFields: pairs.length ? await customFieldValues(item, boardId, pairs) : undefined,
	});
	// Wekan before 10.92 requires authorId; later versions ignore it and use the token's user.
	body.authorId = await item.userId();
	const created = await item.request<IDataObject>({
		method: 'POST',
		path: `/api/boards/${seg(boardId)}/lists/${seg(listId)}/cards`,
		body,
		permission: 'comment',
		notFound: `No list ${listId} on board ${boardId}`,
	});
	const cardId = String(created._id);
	const keys = Object.keys(later);
	try {
		if (!keys.length) item.writesDone();
		const card = await fetchCard(item, cardId);
		if (!keys.length) return card;
		const customFields = later.customFields as IDataObject[] | undefined;
		const put = customFields ? { ...later, customFields: mergeCustomFields(card, customFields) } : later;
		await putCard(item, card, put);
		return await verifiedCard(item, cardId, later);
	} catch (error) {
		const what = keys.length ? `its ${keys.map((k) => LATER_NAMES[k]).join(', ')} may not be set` : 'reading it back failed';
		throw item.fail(
			`Card ${cardId} was created, but ${what}: ${(error as Error).message}`,
			`The card exists in Wekan. Do not run this item again, or it will be created twice.${keys.length ? ' Set the rest with Card > Update or Set Custom Field Value.' : ''}`,
		);
	}
}
