import type { IDataObject } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../../shared/locators';
import { seg } from '../../../shared/transport';
import { CARD_DATE_FIELDS, CARD_DATE_PROPERTIES, defined, toIdList, toIsoDate } from '../common';
import type { WekanOperation } from '../operation';
import { fetchCard } from './cardRef';

export const create: WekanOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a card',
	description: 'Create a card in a list and swimlane of a board',
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
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
				},
				...CARD_DATE_PROPERTIES,
				{
					displayName: 'Member Names or IDs',
					name: 'members',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
					default: [],
					description:
						'Board members who follow the card. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
	],
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const listId = item.locatorId('listId', 'List');
		const swimlaneId = item.locatorId('swimlaneId', 'Swimlane');
		const title = item.string('title', 'Title');
		const fields = item.collection('additionalFields');
		const body: IDataObject = defined({
			title,
			swimlaneId,
			description: fields.description ? String(fields.description) : undefined,
			members: fields.members === undefined ? undefined : toIdList(item, fields.members, 'Member'),
			assignees: fields.assignees === undefined ? undefined : toIdList(item, fields.assignees, 'Assignee'),
		});
		for (const date of CARD_DATE_FIELDS) {
			if (fields[date] !== undefined && fields[date] !== '') body[date] = toIsoDate(item, fields[date], date);
		}
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
		try {
			return await fetchCard(item, cardId);
		} catch (error) {
			throw item.fail(
				`Card ${cardId} was created, but reading it back failed: ${(error as Error).message}`,
				'The card exists in Wekan. Do not run this item again, or it will be created twice.',
			);
		}
	},
};
