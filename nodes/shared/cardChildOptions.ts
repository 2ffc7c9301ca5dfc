/**
 * Dropdowns for what hangs off a card or a board: checklists, checklist items, comments, custom fields, dropdown
 * options and webhooks. The card's board is looked up from the card, so users pick a card only once.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { chosenOrCardBoardId } from './boardParts';
import { requireChosenId } from './chosenIds';
import { seg, wekanRequest } from './transport';

async function cardBoardId(this: ILoadOptionsFunctions, cardId: string): Promise<string> {
	const card = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/cards/${seg(cardId)}`,
		permission: 'board-read',
		notFound: `No card with ID ${cardId}`,
	})) as IDataObject;
	return String(card.boardId);
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function shorten(text: string, max = 60): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The checklists of the chosen card, in Wekan's order. */
export async function getCardChecklists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const cardId = requireChosenId.call(this, 'cardId', 'card');
	const boardId = await cardBoardId.call(this, cardId);
	const checklists = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/cards/${seg(cardId)}/checklists`,
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
	return checklists.map((c) => ({ name: String(c.title ?? c._id), value: String(c._id) }));
}

/** The items of the chosen checklist, in their order. */
export async function getChecklistItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const cardId = requireChosenId.call(this, 'cardId', 'card');
	const checklistId = requireChosenId.call(this, 'checklistId', 'checklist');
	const boardId = await cardBoardId.call(this, cardId);
	const checklist = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/cards/${seg(cardId)}/checklists/${seg(checklistId)}`,
		permission: 'board-read',
		notFound: `No checklist ${checklistId} on card ${cardId}`,
	})) as IDataObject;
	return ((checklist.items as IDataObject[]) ?? []).map((i) => ({
		name: `${i.isFinished === true ? '[x]' : '[ ]'} ${shorten(String(i.title ?? i._id))}`,
		value: String(i._id),
	}));
}

/** The comments of the chosen card, named by the start of their text. */
export async function getCardComments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const cardId = requireChosenId.call(this, 'cardId', 'card');
	const boardId = await cardBoardId.call(this, cardId);
	const comments = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/cards/${seg(cardId)}/comments`,
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
	return comments.map((c) => ({ name: shorten(String(c.comment ?? c.text ?? c._id)), value: String(c._id) }));
}

/** The custom fields of the chosen board, or of the chosen card's board. */
export async function getBoardCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const boardId = await chosenOrCardBoardId.call(this);
	const fields = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/custom-fields`,
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
	return fields.map((f) => ({ name: `${String(f.name ?? f._id)} (${String(f.type)})`, value: String(f._id) })).sort(byName);
}

/** The options of the chosen dropdown custom field. */
export async function getCustomFieldDropdownOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const boardId = requireChosenId.call(this, 'boardId');
	const fieldId = requireChosenId.call(this, 'customFieldId', 'custom field');
	const field = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/custom-fields/${seg(fieldId)}`,
		permission: 'board-read',
		notFound: `No custom field ${fieldId} on board ${boardId}`,
	})) as IDataObject;
	const settings = (field.settings as IDataObject | undefined) ?? {};
	return ((settings.dropdownItems as IDataObject[] | undefined) ?? []).map((o) => ({
		name: String(o.name ?? o._id),
		value: String(o._id),
	}));
}

/** The outgoing webhooks (integrations) of the chosen board. */
export async function getBoardWebhooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const boardId = requireChosenId.call(this, 'boardId');
	const integrations = (await wekanRequest.call(this, {
		method: 'GET',
		path: `/api/boards/${seg(boardId)}/integrations`,
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
	return integrations
		.map((i) => ({ name: i.title ? `${String(i.title)} (${String(i.url)})` : String(i.url ?? i._id), value: String(i._id) }))
		.sort(byName);
}
