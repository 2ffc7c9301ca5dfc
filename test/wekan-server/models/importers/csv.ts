/**
 * The CSV/TSV import, CsvCreator (models/csvCreator.js), and the Excel import that feeds it (parseXlsxToRows,
 * models/import.js:24-38), at Wekan v11.07 (commit f5cc8e373).
 *
 * The document is an array of rows, the first one the header; each later row is a card. The header's names (any
 * case) say which column is the title, description, stage (the list), owner, members, labels, dates, and
 * `CustomField-<name>-<type>[-<options>]` columns become custom fields.
 */
import ExcelJS from 'exceljs';
import { randomId } from '../../ids';
import { getBoardLabel } from '../boards';
import { type Importer, type Loose, prop } from './shared';

interface CustomColumn {
	name: string;
	type: string;
	options?: string[];
	currencyCode?: string;
	position: number;
	id?: string;
	settings?: Loose;
}

interface FieldIndex {
	[field: string]: number | CustomColumn[] | undefined;
	customFields: CustomColumn[];
}

/** The header names each card field answers to (csvCreator.js:62-108). */
const HEADER_FIELDS: ReadonlyArray<[string, string[]]> = [
	['title', ['title']],
	['description', ['description']],
	['stage', ['stage', 'status', 'state']],
	['owner', ['owner']],
	['members', ['members', 'member']],
	['labels', ['labels', 'label']],
	['dueAt', ['due date', 'deadline', 'due at']],
	['startAt', ['start date', 'start at']],
	['endAt', ['finish date', 'end at']],
	['createdAt', ['creation date', 'created at']],
	['modifiedAt', ['update date', 'updated at', 'modified at', 'modified on']],
];

/** `row[index]`: a cell, undefined when the column is not there. */
const cell = (row: unknown, index: unknown): unknown =>
	prop(row, index === undefined ? 'undefined' : String(index)) as unknown;

/** `value.split(' ')` as CsvCreator calls it; a value that is not a string throws. */
function splitSpaces(value: unknown): string[] {
	if (typeof value !== 'string') throw new TypeError('csvData[i][this.fieldIndex.labels].split is not a function');
	return value.split(' ');
}

export class CsvCreator {
	private readonly now = new Date();
	private fieldIndex: FieldIndex = { customFields: [] };
	private readonly lists: Record<string, string> = {};
	private readonly members: Loose;
	private swimlane: string | null = null;

	constructor(
		private readonly importer: Importer,
		data: { membersMapping?: unknown },
	) {
		this.members = (data.membersMapping as Loose | undefined) ?? {};
	}

	private get db() {
		return this.importer.wekan.db;
	}

	private at(dateString?: unknown): Date {
		return dateString ? new Date(dateString as string) : this.now;
	}

	private user(key?: unknown): string {
		if (key && this.members[key as string]) return this.members[key as string] as string;
		return this.importer.userId;
	}

	/** create (csvCreator.js:388-404). */
	create(rows: unknown[]): string {
		this.mapHeader(prop(rows, '0'));
		const boardId = this.createBoard(rows);
		this.createLists(rows, boardId);
		this.createSwimlane(boardId);
		this.createCustomFields(boardId);
		this.createCards(rows, boardId);
		return boardId;
	}

	/** mapHeadertoCardFieldIndex (:58-134). */
	private mapHeader(header: unknown): void {
		const index: FieldIndex = { customFields: [] };
		const columns = header as unknown[];
		for (let i = 0; i < (columns.length as number); i++) {
			const name = columns[i];
			if (typeof name !== 'string')
				throw new TypeError(`Cannot read properties of ${typeof name} (reading 'trim')`);
			const key = name.trim().toLowerCase();
			for (const [field, names] of HEADER_FIELDS) if (names.includes(key)) index[field] = i;
			if (name.toLowerCase().startsWith('customfield')) {
				const parts = name.split('-');
				if (parts[2] === 'dropdown') {
					const options = parts[3];
					if (options === undefined)
						throw new TypeError("Cannot read properties of undefined (reading 'split')");
					index.customFields.push({
						name: parts[1],
						type: parts[2],
						options: options.split('/'),
						position: i,
					});
				} else if (parts[2] === 'currency') {
					index.customFields.push({ name: parts[1], type: parts[2], currencyCode: parts[3], position: i });
				} else {
					index.customFields.push({ name: parts[1], type: parts[2], position: i });
				}
			}
		}
		this.fieldIndex = index;
	}

	/**
	 * createBoard (:166-240): a private board titled "Imported Board <date>" with one label per `name-color` word of
	 * the labels column (black when no color is given).
	 */
	private createBoard(rows: unknown[]): string {
		const importerId = this.importer.userId;
		const labelsToCreate = new Set<string>();
		for (let i = 1; i < rows.length; i++) {
			const value = cell(rows[i], this.fieldIndex.labels);
			if (!value) continue;
			for (const label of splitSpaces(value)) if (label && label.length > 0) labelsToCreate.add(label);
		}
		const labels = [...labelsToCreate].map((label) => {
			const [name, color] =
				label.indexOf('-') > -1 ? [label.split('-')[0], label.split('-')[1]] : [label, undefined];
			return { _id: randomId(6), color: color ? color : 'black', name };
		});
		const boardId = this.db.boards.direct.insert(
			{
				archived: false,
				color: 'belize',
				createdAt: this.at(),
				labels,
				members: [
					{
						userId: importerId,
						wekanId: importerId,
						isActive: true,
						isAdmin: true,
						isNoComments: false,
						isCommentOnly: false,
						swimlaneId: false,
					},
				],
				modifiedAt: this.at(),
				permission: 'private',
				slug: 'board',
				stars: 0,
				title: `Imported Board ${this.at().toString()}`,
			},
			this.importer.context,
		);
		this.db.boards.direct.update(boardId, { $set: { modifiedAt: this.at() } }, {}, this.importer.context);
		this.db.activities.direct.insert(
			{
				activityType: 'importBoard',
				boardId,
				createdAt: this.at(),
				source: { id: boardId, system: 'CSV/TSV' },
				userId: this.user(),
			},
			this.importer.context,
		);
		return boardId;
	}

	/** createSwimlanes (:242-253). */
	private createSwimlane(boardId: string): void {
		const swimlaneId = this.db.swimlanes.direct.insert(
			{ archived: false, boardId, createdAt: this.at(), title: 'Default', sort: 1 },
			this.importer.context,
		);
		this.db.swimlanes.direct.update(swimlaneId, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
		this.swimlane = swimlaneId;
	}

	/**
	 * createLists (:255-285): one list per stage not yet on the board, in order of first appearance; every row without
	 * a stage makes a list "Imported List <date>" of its own, and the last of those is where such rows' cards go.
	 */
	private createLists(rows: unknown[], boardId: string): void {
		let created = 0;
		for (let i = 1; i < rows.length; i++) {
			const stage = cell(rows[i], this.fieldIndex.stage);
			let title: unknown;
			if (stage) {
				if (this.db.lists.find({ boardId }).some((list) => list.title === stage)) continue;
				title = stage;
			} else {
				title = `Imported List ${this.at().toString()}`;
			}
			const listId = this.db.lists.direct.insert(
				{ archived: false, boardId, createdAt: this.at(), title },
				this.importer.context,
			);
			this.lists[String(stage)] = listId;
			created++;
			this.db.lists.direct.update(
				listId,
				{ $set: { updatedAt: this.at(), sort: created } },
				{},
				this.importer.context,
			);
		}
	}

	/** createCustomFields (:135-164): each CustomField column, not shown anywhere by default. */
	private createCustomFields(boardId: string): void {
		for (const field of this.fieldIndex.customFields) {
			let settings: Loose;
			if (field.type === 'dropdown') {
				settings = {
					dropdownItems: (field.options ?? []).map((option) => ({ _id: randomId(6), name: option })),
				};
			} else if (field.type === 'currency') {
				settings = { currencyCode: field.currencyCode };
			} else {
				settings = {};
			}
			field.id = this.db.customFields.direct.insert(
				{
					name: field.name,
					type: field.type,
					settings,
					showOnCard: false,
					automaticallyOnCard: false,
					alwaysOnCard: false,
					showLabelOnMiniCard: false,
					boardIds: [boardId],
				},
				this.importer.context,
			);
			field.settings = settings;
		}
	}

	/** createCards (:287-386): one card per row, at sort -1, with its dates, labels, mapped members, custom fields. */
	private createCards(rows: unknown[], boardId: string): void {
		for (let i = 1; i < rows.length; i++) {
			const row = rows[i];
			const card: Loose = {
				archived: false,
				boardId,
				dateLastActivity: this.at(),
				description: cell(row, this.fieldIndex.description),
				listId: this.lists[String(cell(row, this.fieldIndex.stage))],
				swimlaneId: this.swimlane,
				sort: -1,
				title: cell(row, this.fieldIndex.title),
				userId: this.user(),
				spentTime: null,
				labelIds: [] as string[],
			};
			for (const [field, column] of [
				['createdAt', this.fieldIndex.createdAt],
				['startAt', this.fieldIndex.startAt],
				['dueAt', this.fieldIndex.dueAt],
				['endAt', this.fieldIndex.endAt],
				['modifiedAt', this.fieldIndex.modifiedAt],
			] as Array<[string, unknown]>) {
				const value = cell(row, column) as { length?: number } | undefined;
				if (value && value.length !== 0) card[field] = this.at(new Date(value as unknown as string));
			}
			const labelCell = cell(row, this.fieldIndex.labels);
			if (labelCell) {
				const board = this.db.boards.findOne(boardId);
				for (const label of splitSpaces(labelCell)) {
					if (!label || label.length === 0) continue;
					const found =
						label.indexOf('-') === -1
							? getBoardLabel(board ?? { _id: boardId }, label, 'black')
							: getBoardLabel(board ?? { _id: boardId }, label.split('-')[0], label.split('-')[1]);
					(card.labelIds as string[]).push(prop(found, '_id') as string);
				}
			}
			const memberCell = cell(row, this.fieldIndex.members);
			if (memberCell) {
				const members: unknown[] = [];
				for (const name of splitSpaces(memberCell)) {
					const wekanId = this.members[name];
					if (wekanId && !members.includes(wekanId)) members.push(wekanId);
				}
				if (members.length > 0) card.members = members;
			}
			if (this.fieldIndex.customFields.length > 0) {
				const values: Loose[] = [];
				for (const field of this.fieldIndex.customFields) {
					const value = cell(row, field.position);
					if (value !== ' ') {
						if (field.type === 'dropdown') {
							const items = ((field.settings as Loose).dropdownItems as Loose[]) ?? [];
							values.push({
								_id: field.id,
								value: prop(
									items.find((item) => item.name === value),
									'_id',
								),
							});
						} else {
							values.push({ _id: field.id, value });
						}
					}
					card.customFields = values;
				}
			}
			const doc: Loose = {};
			for (const [key, value] of Object.entries(card)) if (value !== undefined) doc[key] = value;
			this.db.cards.direct.insert(doc, this.importer.context);
		}
	}
}

/**
 * parseXlsxToRows (models/import.js:24-38): the first sheet's rows, each cell as a string ('' for an empty one),
 * row.values being 1-based, so a row keeps the holes of its empty cells.
 */
export async function parseXlsxToRows(excelBase64: unknown): Promise<unknown[]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(excelBase64 as string, 'base64') as unknown as ExcelJS.Buffer);
	const sheet = workbook.worksheets[0];
	const rows: unknown[] = [];
	if (sheet) {
		sheet.eachRow((row) => {
			const values = row.values as unknown[];
			rows.push(values.slice(1).map((value) => (value == null ? '' : String(value))));
		});
	}
	return rows;
}
