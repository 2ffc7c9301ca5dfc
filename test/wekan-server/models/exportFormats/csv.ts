/**
 * The CSV and TSV board export: Exporter.buildCsvStream (models/exporter.js:792-869) with the row builder of
 * models/lib/exporterCsvRow.js and the column selection of models/lib/exportFields.js:94-137, written as
 * Papa.unparse of papaparse 5.6.0 (Wekan's package-lock.json) writes each row. At Wekan v11.07, commit f5cc8e373.
 */
import type { CardDoc } from '../../schemas/cards';
import type { CustomFieldDoc } from '../../schemas/customFields';
import type { ListDoc } from '../../schemas/lists';
import type { SwimlaneDoc } from '../../schemas/swimlanes';
import type { Wekan } from '../../server';
import { isNotLinked, translate } from './common';

type Loose = Record<string, unknown>;

// ---- Papa.unparse ------------------------------------------------------------------------------------------------

/** papaparse's BAD_DELIMITERS: a delimiter containing one of these is ignored for ','. */
const BAD_DELIMITERS = ['\r', '\n', '"', '\ufeff'];

/** unpackConfig's delimiter rule (papaparse 5.6.0): any string without a bad character, the empty one included. */
export function papaDelimiter(requested: unknown): string {
	if (typeof requested === 'string' && !BAD_DELIMITERS.some((bad) => requested.includes(bad))) return requested;
	return ',';
}

/** papaparse's `escapeFormulae: true` pattern: a cell a spreadsheet would read as a formula. */
const FORMULA = /^[=+\-@\t\r].*$/;

/**
 * safe() of papaparse 5.6.0 with `quotes: true`, `quoteChar` and `escapeChar` '"', `escapeFormulae: true`: null and
 * undefined are empty and unquoted, a Date is its ISO string (unquoted, or empty when invalid), a string that looks
 * like a formula gets a leading apostrophe, everything else is its toString() in quotes with quotes doubled.
 */
function papaCell(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	let text = typeof value === 'string' ? value : String(value);
	if (typeof value === 'string' && FORMULA.test(value)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

/** Papa.unparse([row], config): the cells joined by the delimiter, no newline. */
export function papaRow(row: readonly unknown[], delimiter: string): string {
	return row.map(papaCell).join(delimiter);
}

// ---- the column selection (models/lib/exportFields.js:94-137) ------------------------------------------------------

/** The fixed columns in header order (models/exporter.js:822-826). */
export const CSV_COLUMN_KEYS = [
	'title',
	'description',
	'list',
	'swimlane',
	'owner',
	'requested-by',
	'assigned-by',
	'members',
	'assignee',
	'labels',
	'card-start',
	'card-due',
	'card-end',
	'overtime-hours',
	'spent-time-hours',
	'createdAt',
	'last-modified-at',
	'last-activity',
	'voting',
	'archived',
];

/** CSV_COLUMN_PARTS: the selection key each column belongs to; title and archived always stay. */
const CSV_COLUMN_PARTS: Readonly<Record<string, string>> = {
	description: 'description',
	list: 'board-info',
	swimlane: 'board-info',
	owner: 'people',
	'requested-by': 'people',
	'assigned-by': 'people',
	members: 'people',
	assignee: 'people',
	labels: 'labels',
	'card-start': 'dates',
	'card-due': 'dates',
	'card-end': 'dates',
	'overtime-hours': 'dates',
	'spent-time-hours': 'dates',
	createdAt: 'dates',
	'last-modified-at': 'dates',
	'last-activity': 'dates',
	voting: 'voting',
};

/** csvColumnMask: which columns stay; the custom-field columns all follow `custom-fields`. */
export function csvColumnMask(customFieldCount: number, fields: readonly string[] | null): boolean[] {
	const wanted = fields && fields.length ? new Set(fields) : null;
	const keep = (key: string) => wanted === null || !CSV_COLUMN_PARTS[key] || wanted.has(CSV_COLUMN_PARTS[key]);
	const mask = CSV_COLUMN_KEYS.map(keep);
	const customWanted = wanted === null || wanted.has('custom-fields');
	for (let i = 0; i < customFieldCount; i += 1) mask.push(customWanted);
	return mask;
}

const applyMask = (row: unknown[], mask: boolean[]) => row.filter((_value, index) => mask[index] !== false);

// ---- the rows (models/lib/exporterCsvRow.js) --------------------------------------------------------------------

interface CsvLookup {
	lists: ListDoc[];
	swimlanes: SwimlaneDoc[];
	customFields: CustomFieldDoc[];
	labels: Array<{ _id: string; name?: string; color?: string }>;
	users: Array<{ _id: string; username?: string }>;
}

/** lookupProp (exporterCsvRow.js:20-24): a document's property by id, '' when the id or the value is missing. */
function lookupProp(list: ReadonlyArray<{ _id: string }>, id: unknown, prop: string): unknown {
	const doc = list.find((item) => item && item._id === id) as Loose | undefined;
	const value = doc ? doc[prop] : undefined;
	return value === undefined || value === null ? '' : value;
}

const isoOrBlank = (value: unknown) => (value ? new Date(value as string).toISOString() : ' ');

/** buildCsvCardRow (exporterCsvRow.js:30-145): one card's cells in the header's order, custom fields last. */
function buildCsvCardRow(
	card: Loose,
	lookup: CsvLookup,
	customFieldMap: Map<string, { position: number; type: string }>,
): unknown[] {
	const row: unknown[] = [];
	const username = (id: unknown) => lookupProp(lookup.users, id, 'username');
	row.push(card.title);
	row.push(card.description);
	row.push(lookupProp(lookup.lists, card.listId, 'title'));
	row.push(lookupProp(lookup.swimlanes, card.swimlaneId, 'title'));
	row.push(username(card.userId));
	// :39-44: the mapped people, then the free-text field, comma-joined; ' ' when there is none.
	const identityNames = (ids: unknown, text: unknown) =>
		[...((ids as unknown[] | undefined) ?? []).map(username).filter(Boolean), text].filter(Boolean).join(', ') ||
		' ';
	row.push(identityNames(card.requesters, card.requestedBy));
	row.push(identityNames(card.assigners, card.assignedBy));
	// :46-58: usernames separated (and ended) by spaces, then trimmed.
	const spaced = (ids: unknown) => {
		let out = '';
		for (const id of (ids as unknown[] | undefined) ?? []) {
			const name = username(id);
			if (name) out = `${out}${String(name)} `;
		}
		return out.trim();
	};
	row.push(spaced(card.members));
	row.push(spaced(card.assignees));
	// :60-65: `<name>-<color>` per label found on the board.
	let labels = '';
	for (const labelId of (card.labelIds as unknown[] | undefined) ?? []) {
		const label = lookup.labels.find((item) => item && item._id === labelId);
		if (label) labels = `${labels}${label.name || ''}-${label.color || ''} `;
	}
	row.push(labels.trim());
	row.push(isoOrBlank(card.startAt));
	row.push(isoOrBlank(card.dueAt));
	row.push(isoOrBlank(card.endAt));
	row.push(card.isOvertime ? 'true' : 'false');
	row.push(card.spentTime);
	row.push(isoOrBlank(card.createdAt));
	row.push(isoOrBlank(card.modifiedAt));
	row.push(isoOrBlank(card.dateLastActivity));
	// :78-101: `<question>-yes-<n>-no-<n>`, with the voters' names when the vote is public.
	const vote = card.vote as Loose | undefined;
	if (vote && vote.question !== '') {
		const positive = (vote.positive as unknown[] | undefined) ?? [];
		const negative = (vote.negative as unknown[] | undefined) ?? [];
		const voters = (ids: unknown[]) => {
			let out = '';
			for (const id of ids) {
				const name = username(id);
				if (name) out = `${out}${String(name)} `;
			}
			return out.trimEnd();
		};
		const result = vote.public
			? `yes-${positive.length}-${voters(positive)}-no-${negative.length}-${voters(negative)}`
			: `yes-${positive.length}-no-${negative.length}`;
		row.push(`${String(vote.question)}-${result}`);
	} else {
		row.push(' ');
	}
	row.push(card.archived ? 'true' : 'false');

	// :104-142: a sparse array by the board field's position; a date as ISO, a dropdown item by its name.
	const values: unknown[] = new Array(lookup.customFields.length);
	for (const field of (card.customFields as Loose[] | undefined) ?? []) {
		if (field.value === null) continue;
		const entry = customFieldMap.get(field._id as string);
		if (!entry) continue;
		if (entry.type === 'date') {
			values[entry.position] = new Date(field.value as string).toISOString();
		} else if (entry.type === 'dropdown') {
			const definition = lookup.customFields.find((item) => item && item._id === field._id);
			const items = (definition?.settings as Loose | undefined)?.dropdownItems as Loose[] | undefined;
			const item = (items ?? []).find((entry) => entry && entry._id === field.value);
			values[entry.position] = (item && item.name) || null;
		} else {
			values[entry.position] = field.value;
		}
	}
	for (let index = 0; index < values.length; index += 1) row.push(index in values ? values[index] : ' ');
	return row;
}

/** The header of a custom field's column (models/exporter.js:829-838). */
function customFieldHeader(field: CustomFieldDoc): string {
	const settings = field.settings as Loose | undefined;
	if (field.type === 'dropdown') {
		// `cf.settings.dropdownItems.forEach` throws on a dropdown without items, as in Wekan.
		const items = (settings as Loose).dropdownItems as Loose[];
		let options = '';
		items.forEach((item) => {
			options = options === '' ? String(item.name) : `${options}/${String(item.name)}`;
		});
		return `CustomField-${field.name}-${field.type}-${options}`;
	}
	if (field.type === 'currency') {
		return `CustomField-${field.name}-${field.type}-${String((settings as Loose).currencyCode)}`;
	}
	return `CustomField-${field.name}-${field.type}`;
}

/**
 * buildCsvStream's lines, each ending in "\r\n", yielded as Wekan writes them to the response: the header, then one
 * row per card that is not a linked card, in the cards' natural order. A failure part way through (a dropdown field
 * without items, a custom date that is no date) throws after the lines already yielded, which the route has sent.
 */
export function* csvExportLines(
	wekan: Wekan,
	boardId: string,
	delimiter: unknown,
	fields: readonly string[] | null,
): Generator<string> {
	const { db } = wekan;
	const separator = papaDelimiter(delimiter === undefined ? ',' : delimiter);
	const board = db.boards.findOne(boardId);
	const lookup: CsvLookup = {
		lists: db.lists.find({ boardId }),
		swimlanes: db.swimlanes.find({ boardId }),
		customFields: db.customFields.find({ boardIds: boardId }),
		labels: (board && board.labels) || [],
		users: [],
	};
	// :822-841: the header keys translated, then one column per custom field.
	const header: unknown[] = CSV_COLUMN_KEYS.map(translate);
	const customFieldMap = new Map<string, { position: number; type: string }>();
	lookup.customFields.forEach((field, position) => {
		customFieldMap.set(field._id, { position, type: field.type });
		header.push(customFieldHeader(field));
	});
	const mask = csvColumnMask(lookup.customFields.length, fields);
	yield `${papaRow(applyMask(header, mask), separator)}\r\n`;

	// :845-862: pass 1 collects every user id a card names, the voters included.
	const cards = db.cards.find({ boardId }).filter(isNotLinked) as unknown as Array<CardDoc & Loose>;
	const userIds = new Set<string>();
	for (const card of cards) {
		if (card.userId) userIds.add(card.userId);
		for (const key of ['members', 'assignees', 'requesters', 'assigners'] as const) {
			for (const id of (card[key] as string[] | undefined) ?? []) userIds.add(id);
		}
		if (card.vote) {
			for (const id of card.vote.positive ?? []) userIds.add(id);
			for (const id of card.vote.negative ?? []) userIds.add(id);
		}
	}
	lookup.users = db.users
		.find({ _id: { $in: [...userIds].filter(Boolean) } }, { fields: { _id: 1, username: 1 } })
		.map((user) => ({ _id: user._id, username: user.username }));

	// :864-868: pass 2, one row per card.
	for (const card of cards) {
		yield `${papaRow(applyMask(buildCsvCardRow(card, lookup, customFieldMap), mask), separator)}\r\n`;
	}
}
