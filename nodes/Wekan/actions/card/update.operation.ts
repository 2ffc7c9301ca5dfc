import type { IDataObject } from 'n8n-workflow';
import { boardLocator, cardLocator } from '../../../shared/locators';
import { CARD_DATE_FIELDS, CARD_DATE_PROPERTIES, toIdList, toIsoDate } from '../common';
import type { WekanOperation } from '../operation';
import { CARD_COLORS } from './colors';
import { cardPath, fetchCard } from './cardRef';

export const update: WekanOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a card',
	description: 'Change a card\'s title, description, color, dates, members or assignees',
	properties: [
		cardLocator(),
		boardLocator({ description: 'Needed only to pick the card from a list', required: false }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
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
						'Replaces the card\'s assignees; an empty list removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Color',
					name: 'color',
					type: 'options',
					options: CARD_COLORS.map((c) => ({ name: c.charAt(0).toUpperCase() + c.slice(1), value: c })),
					default: 'green',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: 'New description. Wekan cannot make a description empty.',
				},
				{
					displayName: 'Due Complete',
					name: 'dueComplete',
					type: 'boolean',
					default: false,
					description: 'Whether the due date is marked as done',
				},
				...CARD_DATE_PROPERTIES,
				{
					displayName: 'Member Names or IDs',
					name: 'members',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getBoardMembers', loadOptionsDependsOn: ['boardId.value'] },
					default: [],
					description:
						'Replaces the card\'s members; an empty list removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description: 'New title (up to 1000 characters). Wekan cannot make a title empty.',
				},
			],
		},
	],
	async run(item) {
		const cardId = item.locatorId('cardId', 'Card', 'card');
		const fields = item.collection('updateFields');
		const body: IDataObject = {};
		// Wekan writes text fields only when they are truthy: an empty value would be silently ignored.
		for (const key of ['title', 'description'] as const) {
			if (fields[key] === undefined) continue;
			const text = String(fields[key]);
			if (!text.trim()) throw item.fail(`Wekan cannot set an empty ${key}`, `Leave "${key}" out to keep the current one.`);
			body[key] = text;
		}
		if (fields.color !== undefined) {
			const color = String(fields.color);
			if (!CARD_COLORS.includes(color) && !/^#[0-9a-f]{6}$/i.test(color)) {
				throw item.fail(`"${color}" is not a Wekan card color`, `Use one of: ${CARD_COLORS.join(', ')}, or #rrggbb.`);
			}
			body.color = color;
		}
		for (const date of CARD_DATE_FIELDS) {
			if (fields[date] !== undefined && fields[date] !== '') body[date] = toIsoDate(item, fields[date], date);
		}
		if (fields.dueComplete !== undefined) body.dueComplete = fields.dueComplete === true;
		if (fields.members !== undefined) body.members = toIdList(item, fields.members, 'Member');
		if (fields.assignees !== undefined) body.assignees = toIdList(item, fields.assignees, 'Assignee');
		if (Object.keys(body).length === 0) throw item.fail('Nothing to update', 'Add at least one field under Update Fields.');

		const card = await fetchCard(item, cardId);
		if (card.archived === true) {
			throw item.fail(`Card ${cardId} is archived`, 'Wekan does not change archived cards. Unarchive it first.');
		}
		await item.request({ method: 'PUT', path: cardPath(card), body, permission: 'board-write' });
		// Wekan's PUT answers {_id} even when it wrote nothing, so the result is read back.
		return fetchCard(item, cardId);
	},
};
