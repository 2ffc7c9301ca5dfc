/**
 * What the simplified output of each kind of Wekan object holds, for the action node (Simplify, and the AI tool's
 * Output choice) and both triggers. The one place the field selection lives.
 *
 * Fields keep Wekan's own names (`_id`, `title`, `listId`, `dueAt`...), so an expression written against the raw
 * output still works on the simplified one; the few fields Wekan does not have are derived: names of lists,
 * swimlanes and labels, and the Wekan URL. A field whose source is not in the document (Wekan's list routes return
 * only some fields of a card) is left out rather than invented.
 */
import type { IDataObject } from 'n8n-workflow';
import { boardUrl, cardUrl } from './wekanUrl';

export type OutputKind = 'board' | 'card' | 'list' | 'user';

/** Names the simplified output uses, as far as they are known; each map is absent when it was not read. */
export interface BoardNames {
	/** The Wekan URL the credential points at, for the `url` fields. */
	baseUrl: string;
	slug?: string;
	lists?: ReadonlyMap<string, string>;
	swimlanes?: ReadonlyMap<string, string>;
	labels?: ReadonlyMap<string, string>;
}

/** Which names a field needs read: the board document (slug, labels), its lists or its swimlanes. */
export type NameSource = 'board' | 'lists' | 'swimlanes';

export interface OutputField {
	name: string;
	displayName: string;
	/** Names this field needs; the caller reads them once per board and execution. */
	needs?: NameSource;
	/** The field's value, or undefined to leave it out. */
	value(doc: IDataObject, names: BoardNames): unknown;
}

const own = (key: string) => (doc: IDataObject) => doc[key];
const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

function nameOf(map: ReadonlyMap<string, string> | undefined, id: unknown): string | null | undefined {
	if (!map || id === undefined || id === null || id === '') return undefined;
	return map.get(String(id)) ?? null;
}

function field(name: string, displayName: string, value: OutputField['value'] = own(name), needs?: NameSource): OutputField {
	return { name, displayName, value, needs };
}

const ID = field('_id', 'ID');

/** Label names for label ids; unknown ids (deleted labels) are left out. */
function labelNames(labelIds: unknown, labels: ReadonlyMap<string, string> | undefined): string[] | undefined {
	if (!Array.isArray(labelIds) || !labels) return undefined;
	return labelIds.map((id) => labels.get(String(id))).filter((n): n is string => typeof n === 'string');
}

const CARD_FIELDS: OutputField[] = [
	ID,
	field('title', 'Title'),
	field(
		'url',
		'URL',
		(c, n) => (c._id && c.boardId ? cardUrl(n.baseUrl, String(c.boardId), n.slug ?? '', String(c._id)) : undefined),
		'board',
	),
	field('boardId', 'Board ID'),
	field('listId', 'List ID'),
	field('listTitle', 'List Title', (c, n) => nameOf(n.lists, c.listId), 'lists'),
	field('swimlaneId', 'Swimlane ID'),
	field('swimlaneTitle', 'Swimlane Title', (c, n) => nameOf(n.swimlanes, c.swimlaneId), 'swimlanes'),
	field('dueAt', 'Due At'),
	field('createdAt', 'Created At'),
	field('modifiedAt', 'Modified At'),
	field('userId', 'Creator ID'),
	field('members', 'Member IDs'),
	field('assignees', 'Assignee IDs'),
	field('labels', 'Label Names', (c, n) => labelNames(c.labelIds, n.labels), 'board'),
	field('archived', 'Archived'),
	// Not in the simplified output; offered for Selected Fields.
	field('description', 'Description'),
	field('receivedAt', 'Received At'),
	field('startAt', 'Start At'),
	field('endAt', 'End At'),
	field('dueComplete', 'Due Complete'),
	field('labelIds', 'Label IDs'),
	field('color', 'Color'),
	field('sort', 'Sort'),
	field('parentId', 'Parent Card ID'),
	field('requestedBy', 'Requested By'),
	field('assignedBy', 'Assigned By'),
	field('spentTime', 'Spent Time'),
	field('customFields', 'Custom Fields'),
];

const activeMembers = (members: unknown) =>
	Array.isArray(members) ? (members as IDataObject[]).filter((m) => m.isActive !== false).map((m) => m.userId) : undefined;

const BOARD_FIELDS: OutputField[] = [
	ID,
	field('title', 'Title'),
	// A board's own document has its slug; Wekan routes by the ID, so the URL works without it.
	field('url', 'URL', (b, n) => (b._id ? boardUrl(n.baseUrl, String(b._id), text(b.slug) ?? '') : undefined)),
	field('description', 'Description'),
	field('permission', 'Permission'),
	field('archived', 'Archived'),
	field('createdAt', 'Created At'),
	field('modifiedAt', 'Modified At'),
	field('members', 'Member IDs', (b) => activeMembers(b.members)),
	field('labels', 'Label Names', (b) =>
		Array.isArray(b.labels) ? (b.labels as IDataObject[]).map((l) => text(l.name) ?? '').filter(Boolean) : undefined,
	),
	field('color', 'Color'),
	field('slug', 'Slug'),
	field('type', 'Type'),
	field('admins', 'Admin IDs', (b) =>
		Array.isArray(b.members)
			? (b.members as IDataObject[]).filter((m) => m.isActive !== false && m.isAdmin === true).map((m) => m.userId)
			: undefined,
	),
];

const LIST_FIELDS: OutputField[] = [
	ID,
	field('title', 'Title'),
	field('boardId', 'Board ID'),
	field('swimlaneId', 'Swimlane ID'),
	field('sort', 'Sort'),
	field('color', 'Color'),
	field('wipLimit', 'WIP Limit', (l) => {
		const wip = l.wipLimit as IDataObject | undefined;
		// A whole list document (it has createdAt) without wipLimit has never had one set: Wekan reads that as off
		// (models/lists.js:460-462). Wekan's list route leaves the field out, so there it is unknown.
		if (!wip || typeof wip !== 'object') return l.createdAt === undefined ? undefined : null;
		return wip.enabled === true ? wip.value : null;
	}),
	field('archived', 'Archived'),
	field('createdAt', 'Created At'),
	field('modifiedAt', 'Modified At'),
	field('cardsModifiedAt', 'Cards Modified At'),
	field('swimlaneTitle', 'Swimlane Title', (l, n) => nameOf(n.swimlanes, l.swimlaneId), 'swimlanes'),
];

const USER_FIELDS: OutputField[] = [
	ID,
	field('username', 'Username'),
	field('fullname', 'Full Name', (u) => text((u.profile as IDataObject | undefined)?.fullname)),
	field('email', 'Email', (u) => text((u.emails as IDataObject[] | undefined)?.[0]?.address)),
	field('isAdmin', 'Is Admin'),
	field('loginDisabled', 'Login Disabled', (u) => (u.loginDisabled === undefined ? undefined : u.loginDisabled === true)),
	field('authenticationMethod', 'Authentication Method'),
	field('createdAt', 'Created At'),
	field('boardIds', 'Board IDs', (u) =>
		Array.isArray(u.boards) ? (u.boards as IDataObject[]).filter((b) => b.isActive !== false).map((b) => b.boardId) : undefined,
	),
	// Not in the simplified output; offered for Selected Fields.
	field('initials', 'Initials', (u) => text((u.profile as IDataObject | undefined)?.initials)),
	field('modifiedAt', 'Modified At'),
	field('boards', 'Board Memberships'),
];

export const OUTPUT_FIELDS: Record<OutputKind, OutputField[]> = {
	board: BOARD_FIELDS,
	card: CARD_FIELDS,
	list: LIST_FIELDS,
	user: USER_FIELDS,
};

/** The fields of the simplified output, most used first. */
export const SIMPLIFIED_FIELDS: Record<OutputKind, string[]> = {
	// n8n's UX guidelines allow at most 10; the swimlane, dates, assignees and archived flag are in Selected Fields.
	card: ['_id', 'title', 'url', 'boardId', 'listId', 'listTitle', 'dueAt', 'userId', 'members', 'labels'],
	board: ['_id', 'title', 'url', 'description', 'permission', 'archived', 'createdAt', 'modifiedAt', 'members', 'labels'],
	list: ['_id', 'title', 'boardId', 'swimlaneId', 'sort', 'color', 'wipLimit', 'archived', 'createdAt', 'modifiedAt'],
	user: ['_id', 'username', 'fullname', 'email', 'isAdmin', 'loginDisabled', 'authenticationMethod', 'createdAt', 'boardIds'],
};

function fieldsNamed(kind: OutputKind, names: readonly string[]): OutputField[] {
	const catalog = OUTPUT_FIELDS[kind];
	return names.map((name) => {
		const found = catalog.find((f) => f.name === name);
		if (!found) throw new Error(`"${name}" is not a ${kind} output field`);
		return found;
	});
}

/** The fields for a selection: the simplified set, or the chosen fields with the ID always first. */
export function outputFields(kind: OutputKind, selected?: readonly string[]): OutputField[] {
	if (!selected) return fieldsNamed(kind, SIMPLIFIED_FIELDS[kind]);
	return fieldsNamed(kind, ['_id', ...selected.filter((name) => name !== '_id')]);
}

/** Which names the fields need, for a document (a card without labels needs no labels). */
export function namesNeeded(fields: OutputField[], doc: IDataObject): NameSource[] {
	const needs = new Set<NameSource>();
	for (const f of fields) {
		if (!f.needs) continue;
		if (f.name === 'listTitle' && !doc.listId) continue;
		if (f.name === 'swimlaneTitle' && !doc.swimlaneId) continue;
		if (f.name === 'labels' && !(Array.isArray(doc.labelIds) && doc.labelIds.length)) continue;
		if (f.name === 'url' && !doc.boardId) continue;
		needs.add(f.needs);
	}
	return [...needs];
}

/** The document with only the given fields, in their order; fields without a value are left out. */
export function pickFields(doc: IDataObject, fields: OutputField[], names: BoardNames): IDataObject {
	const out: IDataObject = {};
	for (const f of fields) {
		const value = f.value(doc, names);
		if (value !== undefined) out[f.name] = value as IDataObject[keyof IDataObject];
	}
	return out;
}

export function simplifyCard(card: IDataObject, names: BoardNames): IDataObject {
	return pickFields(card, outputFields('card'), names);
}

// ---- triggers ---------------------------------------------------------------------------------------------------

const text1000 = (value: unknown) => {
	const s = text(value);
	return s !== undefined && s.length > 1000 ? `${s.slice(0, 1000)}…` : s;
};

/** Leaves out the keys whose value is null or undefined. */
function present(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * A webhook trigger item, simplified: Wekan's payload has ids and the card's title but no names, so none are added
 * (that would take requests for every delivery). The raw payload and the empty fields are left out; the full card,
 * when read, is simplified.
 */
export function simplifyDelivery(item: IDataObject, baseUrl: string): IDataObject {
	const { card, cardError, ...rest } = item;
	const out = present(rest);
	delete out.raw;
	delete out.text;
	// The board's slug is in the URL Wekan sent, so the card's URL matches it without reading the board.
	const slug = /\/b\/[^/]+\/([^/]+)\//.exec(text(item.url) ?? '')?.[1];
	if (card) out.card = simplifyCard(card as IDataObject, { baseUrl, slug });
	else if (card === null) out.card = null;
	if (cardError) out.cardError = cardError;
	return out;
}

/**
 * A polling trigger event, simplified: the card and the comment, checklist item, list or swimlane it is about become
 * a few fields, with list and swimlane names from the board the poll read.
 */
export function simplifyPollEvent(event: IDataObject, names: BoardNames): IDataObject {
	const {
		card,
		comment,
		checklistItem,
		checklist,
		list,
		swimlane,
		...rest
	} = event as IDataObject & Record<'card' | 'comment' | 'checklistItem' | 'checklist' | 'list' | 'swimlane', IDataObject | null | undefined>;
	const out: IDataObject = { ...rest };
	const listTitle = nameOf(names.lists, rest.listId);
	if (listTitle !== undefined) out.listTitle = listTitle;
	const oldListTitle = nameOf(names.lists, rest.oldListId);
	if (oldListTitle !== undefined) out.oldListTitle = oldListTitle;
	const swimlaneTitle = nameOf(names.swimlanes, rest.swimlaneId);
	if (swimlaneTitle !== undefined) out.swimlaneTitle = swimlaneTitle;
	if (comment) Object.assign(out, present({ comment: text1000(comment.text), commentAuthorId: comment.userId, commentedAt: comment.createdAt }));
	if (checklistItem) Object.assign(out, present({ checklistItemId: checklistItem._id, checklistItem: text(checklistItem.title) }));
	if (checklist) Object.assign(out, present({ checklistId: checklist._id, checklist: text(checklist.title) }));
	if (list) Object.assign(out, present({ listTitle: text(list.title) }));
	if (swimlane) Object.assign(out, present({ swimlaneTitle: text(swimlane.title) }));
	if (card) out.card = simplifyCard({ boardId: rest.boardId, ...card }, names);
	return out;
}

/** Maps of id to title for a board's lists, swimlanes or labels. */
export function titleMap(docs: unknown, key = 'title'): Map<string, string> {
	const map = new Map<string, string>();
	if (Array.isArray(docs)) for (const d of docs as IDataObject[]) if (d?._id !== undefined) map.set(String(d._id), String(d[key] ?? ''));
	return map;
}
