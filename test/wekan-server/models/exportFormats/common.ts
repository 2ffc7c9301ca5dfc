/**
 * What every board export format shares at Wekan v11.07 (commit f5cc8e373): the English words TAPi18n gives their
 * labels (imports/i18n/data/en.i18n.json), the download names of models/lib/exportFilename.js, and a few readers of
 * the board the exporters use alike.
 *
 * Only English is modelled: Wekan answers in the exporting user's profile language (or `?lang=`), and a language
 * with a bundle would give its own words; here every language gets the English ones.
 */
import type { BoardDoc } from '../../schemas/boards';
import type { Wekan } from '../../server';

/** The en.i18n.json entries the exporters look up (imports/i18n/data/en.i18n.json). */
const ENGLISH: Readonly<Record<string, string>> = {
	activity: 'Activity',
	archived: 'Archived',
	'assigned-by': 'Assigned By',
	assignee: 'Assignee',
	assignees: 'Assignees',
	attachments: 'Attachments',
	board: 'Board',
	card: 'Card',
	'card-dependencies': 'Dependencies',
	'card-due': 'Due',
	'card-end': 'End',
	'card-number': 'Card number',
	'card-received': 'Received',
	'card-spent': 'Spent Time',
	'card-start': 'Start',
	checklists: 'Checklists',
	comment: 'Comment',
	comments: 'Comments',
	createdAt: 'Created at',
	creator: 'Creator',
	'custom-fields': 'Custom Fields',
	date: 'Date',
	description: 'Description',
	'excel-font': 'Arial',
	'export-board': 'Export board',
	'export-card-attachment-uploaded-at': 'Uploaded At',
	'export-card-attachment-uploaded-by': 'Uploaded By',
	'export-card-subtasks': 'Subtasks',
	labels: 'Labels',
	'last-activity': 'Last activity',
	'last-modified-at': 'Last modified at',
	'links-heading': 'Links',
	list: 'List',
	location: 'Location',
	members: 'Members',
	modifiedAt: 'Modified at',
	name: 'Name',
	no: 'No',
	number: 'Number',
	overtime: 'Overtime',
	'overtime-hours': 'Overtime (hours)',
	owner: 'Owner',
	'parent-card': 'Parent card',
	'poker-question': 'Planning Poker',
	'requested-by': 'Requested By',
	size: 'Size',
	sort: 'Sort',
	'spent-time-hours': 'Spent time (hours)',
	stickers: 'Stickers',
	swimlane: 'Swimlane',
	title: 'Title',
	type: 'Type',
	'user-can-not-export-card-to-excel': 'User can not export card to Excel',
	'user-can-not-export-card-to-pdf': 'User can not export card to PDF',
	'user-can-not-export-excel': 'User can not export Excel',
	'vote-against': 'against',
	'vote-for-it': 'for it',
	'vote-public': 'Show who voted what',
	'vote-question': 'Voting question',
	voting: 'Voting',
	yes: 'Yes',
};

/** TAPi18n.__(key): the English text, or the key itself when the bundle has none (i18next's fallback). */
export function translate(key: string): string {
	return ENGLISH[key] ?? key;
}

/** True when en.i18n.json has the key; the PDF exporter's `__` falls back to its own English word otherwise. */
export function hasTranslation(key: string): boolean {
	return Object.prototype.hasOwnProperty.call(ENGLISH, key);
}

// ---- download names (models/lib/exportFilename.js) --------------------------------------------------------------

/** cleanPart (models/lib/exportFilename.js:2-11): file-system-unsafe runs and spaces to '-', trimmed, 100 chars. */
export function cleanPart(value: unknown, fallback = 'Export'): string {
	const cleaned = String(value || '')
		.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '-')
		.replace(/\s+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^[. -]+|[. -]+$/g, '')
		.slice(0, 100);
	return cleaned || fallback;
}

/** exportFilename (models/lib/exportFilename.js:13-19): `<Type>-<identity>.<extension>`, the type translated. */
export function exportFilename(type: string, identity: unknown, extension: string): string {
	const localizedType = cleanPart(translate(type), type);
	return `${localizedType}-${cleanPart(identity, '1')}.${extension}`;
}

/**
 * attachmentDisposition (models/lib/exportFilename.js:23-27): an ASCII `filename` for old clients (NFKD, non-ASCII
 * dropped, backslashes and quotes to '-', 'export' when nothing is left) and the UTF-8 `filename*` (RFC 5987).
 */
export function attachmentDisposition(filename: string): string {
	const ascii =
		String(filename)
			.normalize('NFKD')
			.replace(/[^\x20-\x7e]/g, '')
			.replace(/[\\"]/g, '-') || 'export';
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

// ---- reading the board ------------------------------------------------------------------------------------------

/** The `{boardId, archived: false}` lists or swimlanes sorted by `sort`, as the exporters ask ReactiveCache. */
export function activeSorted<T extends { sort?: unknown; archived?: unknown }>(docs: T[]): T[] {
	return sortBySort(docs.filter((doc) => doc.archived === false));
}

/**
 * MongoDB's `{sort: 1}`: numbers in order, missing or null sort values first (MongoDB orders null and missing before
 * numbers), the natural order kept among equals.
 */
export function sortBySort<T extends { sort?: unknown }>(docs: T[]): T[] {
	const rank = (value: unknown) => (typeof value === 'number' ? value : Number.NEGATIVE_INFINITY);
	return docs
		.map((doc, index) => ({ doc, index }))
		.sort((a, b) => rank(a.doc.sort) - rank(b.doc.sort) || a.index - b.index)
		.map((entry) => entry.doc);
}

/** Sorted ascending by a date field (`{createdAt: 1}` and the like); a missing date sorts first. */
export function sortByDate<T>(docs: T[], field: keyof T): T[] {
	const time = (value: unknown) => (value instanceof Date ? value.getTime() : Number.NEGATIVE_INFINITY);
	return docs
		.map((doc, index) => ({ doc, index }))
		.sort((a, b) => time(a.doc[field]) - time(b.doc[field]) || a.index - b.index)
		.map((entry) => entry.doc);
}

/** Rows grouped by a key, each group in the rows' order (the exporters' `group`/`byCard`). */
export function groupBy<T>(rows: readonly T[], key: (row: T) => unknown): Map<unknown, T[]> {
	const map = new Map<unknown, T[]>();
	for (const row of rows) {
		const id = key(row);
		if (!id) continue;
		const group = map.get(id);
		if (group) group.push(row);
		else map.set(id, [row]);
	}
	return map;
}

/** The board's cards: by the boardId index, then whatever further equality the exporter asks for. */
export function boardCards(wekan: Wekan, boardId: string) {
	return wekan.db.cards.find({ boardId });
}

/** A card the exporters count as the board's own, not a linked card (`linkedId: {$in: ['', null]}`). */
export function isNotLinked(card: { linkedId?: unknown }): boolean {
	return card.linkedId === '' || card.linkedId === null || card.linkedId === undefined;
}

/** Usernames by id of the given users (`{_id: {$in}}`, `{fields: {_id: 1, username: 1}}`). */
export function usernamesById(wekan: Wekan, ids: Iterable<unknown>): Map<string, string | undefined> {
	const map = new Map<string, string | undefined>();
	for (const id of new Set(ids)) {
		if (typeof id !== 'string' || !id) continue;
		const user = wekan.db.users.findOne(id);
		if (user) map.set(user._id, user.username);
	}
	return map;
}

export type { BoardDoc };
