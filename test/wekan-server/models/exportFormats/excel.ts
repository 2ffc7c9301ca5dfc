/**
 * The Excel exports at Wekan v11.07 (commit f5cc8e373), written with exceljs (Wekan uses its fork
 * @wekanteam/exceljs 4.7.x; the sheet-name rules that decide some answers are the same):
 *
 * - the board as a table, models/server/ExporterExcel.js, taken when `?fields=` leaves out `card-details`. Its
 *   streaming WorkbookWriter cannot work under archiver 8 (models/server/createWorkbook.js:7-37), so Wekan writes
 *   it through BufferedWorkbookWriter, an ordinary in-memory workbook with the same calls (:39-81): that is what is
 *   modelled here;
 * - the board as card blocks, models/server/ExporterExcelBoard.js, the default;
 * - one card, models/server/ExporterExcelCard.js;
 *
 * the card blocks drawn as models/server/renderCardDocumentExcel.js draws them (images and label text colours left
 * out).
 */
import ExcelJS from 'exceljs';
import type { Wekan } from '../../server';
import { CARD_EXPORT_FIELD_KEYS } from '../exporter';
import { buildCardDocument, type Block, type CardData, formatDateByUserPreference } from './cardDocument';
import { exportFilename, groupBy, isNotLinked, sortByDate, sortBySort, translate, usernamesById } from './common';

type Loose = Record<string, unknown>;

/**
 * Worksheet.mergeCells for ranges known not to overlap: exceljs checks each new merge against every merge the sheet
 * has, which makes a sheet of many card blocks quadratic; the check is skipped by merging into an empty table and
 * moving the one new entry into the sheet's own. The workbook written is the same.
 */
function mergeDisjoint(ws: ExcelJS.Worksheet, range: string): void {
	const sheet = ws as unknown as { _merges: Record<string, unknown> };
	const merges = sheet._merges;
	sheet._merges = {};
	try {
		ws.mergeCells(range);
	} finally {
		Object.assign(merges, sheet._merges);
		sheet._merges = merges;
	}
}

export interface WorkbookFile {
	filename: string;
	buffer: Buffer;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

const THIN: Partial<ExcelJS.Borders> = {
	top: { style: 'thin' },
	left: { style: 'thin' },
	bottom: { style: 'thin' },
	right: { style: 'thin' },
};
const MEDIUM: Partial<ExcelJS.Borders> = {
	top: { style: 'medium' },
	left: { style: 'medium' },
	bottom: { style: 'medium' },
	right: { style: 'medium' },
};
const GRAY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const column = (index: number) => String.fromCharCode(65 + index);

// ---- ExporterExcel: the board as a table -----------------------------------------------------------------------

/** The sheet title ExporterExcel makes of a long board title (ExporterExcel.js:140-160). */
function tableSheetTitle(title: string): string {
	if (title.length <= 31) return title;
	const words = title.split(' ');
	let tmp = '';
	for (let i = 0; i < words.length; i++) {
		if (words[0].length > 27) {
			tmp = `${words[0].substr(0, 27)} `;
			break;
		}
		if (tmp.length + words[i].length < 27) tmp += `${words[i]} `;
		else break;
	}
	return `${tmp}...`;
}

const compareIds = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
const time = (value: unknown) => (value instanceof Date ? value.getTime() : 0);
/** Documents in the order an index scan gives them; equal keys keep their insertion order. */
function indexOrder<T>(docs: T[], compare: (a: T, b: T) => number): T[] {
	return docs
		.map((doc, index) => ({ doc, index }))
		.sort((a, b) => compare(a.doc, b.doc) || a.index - b.index)
		.map((entry) => entry.doc);
}

/** addTZhours (ExporterExcel.js:306-318): the date itself, or ' ' when there is none or it is invalid. */
function excelDate(value: unknown): Date | string {
	if (!value) return ' ';
	const date = new Date(value as Date);
	return Number.isNaN(date.getTime()) ? ' ' : date;
}

/**
 * The file name ExporterExcel gives (ExporterExcel.js:118-130), set before the workbook is built: an error while
 * building still answers with this Content-Disposition.
 */
export function excelTableFilename(wekan: Wekan, boardId: string, scope: { listId?: string; swimlaneId?: string }) {
	const { db } = wekan;
	const board = db.boards.findOne(boardId);
	if (scope.listId) {
		const index = db.lists.find({ boardId }).findIndex((list) => String(list._id) === String(scope.listId));
		return exportFilename('list', index + 1 || 1, 'xlsx');
	}
	if (scope.swimlaneId) {
		const index = db.swimlanes
			.find({ boardId })
			.filter((swimlane) => swimlane.type !== 'template-swimlane')
			.findIndex((swimlane) => String(swimlane._id) === String(scope.swimlaneId));
		return exportFilename('swimlane', index + 1 || 1, 'xlsx');
	}
	return exportFilename('board', board?.title || 1, 'xlsx');
}

/** ExporterExcel.build (ExporterExcel.js:37-753) through BufferedWorkbookWriter: a board sheet and an Activity one. */
export async function excelTableWorkbook(
	wekan: Wekan,
	boardId: string,
	scope: { listId?: string; swimlaneId?: string },
): Promise<WorkbookFile> {
	const { db } = wekan;
	const filename = excelTableFilename(wekan, boardId, scope);
	const board = db.boards.findOne(boardId) as unknown as Loose;
	const title = board.title as string;
	const lists = db.lists.find({ boardId });
	const swimlanes = db.swimlanes.find({ boardId });
	const listTitle = new Map(lists.map((list) => [list._id, list.title]));
	const swimlaneTitle = new Map(swimlanes.map((swimlane) => [swimlane._id, swimlane.title]));
	// :77-82: the first label's name, every later one with a comma in front of it.
	const labelText = new Map<string, string>();
	((board.labels as Loose[] | undefined) ?? []).forEach((label, index) => {
		labelText.set(label._id as string, index === 0 ? String(label.name) : `,${String(label.name)}`);
	});
	const cards = db.cards
		.find({ boardId })
		.filter(isNotLinked)
		.filter(
			(card) =>
				(!scope.listId || card.listId === scope.listId) &&
				(!scope.swimlaneId || card.swimlaneId === scope.swimlaneId),
		);
	// :84-116: the users the board, its lists, cards and comments name, in the users collection's order.
	const cardTitle = new Map<string, unknown>(cards.map((card) => [card._id, card.title]));
	const userIds = new Set<unknown>(((board.members as Loose[] | undefined) ?? []).map((m) => m.userId));
	for (const list of lists) userIds.add((list as unknown as Loose).userId);
	for (const card of cards) {
		if (card.userId) userIds.add(card.userId);
		for (const key of ['members', 'assignees', 'requesters', 'assigners'] as const) {
			for (const id of (card[key] as string[] | undefined) ?? []) userIds.add(id);
		}
	}
	// :104-108, 700-702: `{cardId: {$in}}`, which MongoDB serves from the {cardId: 1, createdAt: -1} index
	// (server/models/cardComments.js:35): by card id, the newest comment of a card first.
	const comments = indexOrder(
		db.card_comments.find().filter((comment) => cardTitle.has(comment.cardId)),
		(a, b) => compareIds(a.cardId, b.cardId) || time(b.createdAt) - time(a.createdAt),
	);
	for (const comment of comments) if (comment.userId) userIds.add(comment.userId);
	const wanted = [...userIds].filter(Boolean);
	// `{_id: {$in}}` is served from the _id index: the users in _id order.
	const users = indexOrder(db.users.find({ _id: { $in: wanted as string[] } }), (a, b) => compareIds(a._id, b._id));
	const username = new Map(users.map((user) => [user._id, user.username]));
	const memberList = users.map((user) => user.username).join(',');

	const workbook = new ExcelJS.Workbook();
	workbook.creator = translate('export-board');
	workbook.lastModifiedBy = translate('export-board');
	workbook.created = new Date();
	workbook.modified = new Date();
	workbook.lastPrinted = new Date();
	const font = translate('excel-font');
	const sheetTitle = tableSheetTitle(title);
	workbook.addWorksheet(sheetTitle, {
		properties: { tabColor: { argb: 'FFC0000' } },
		pageSetup: { paperSize: 9, orientation: 'landscape' },
	});
	const ws = workbook.getWorksheet(sheetTitle) as ExcelJS.Worksheet;
	ws.properties.defaultRowHeight = 20;
	const dated = { font: { name: font, size: 10 }, numFmt: 'yyyy/mm/dd hh:mm:ss' };
	ws.columns = [
		{ key: 'a', width: 14 },
		{ key: 'b', width: 40 },
		{ key: 'c', width: 60 },
		{ key: 'd', width: 40 },
		{ key: 'e', width: 20 },
		...['f', 'g', 'h', 'i', 'j', 'k'].map((key) => ({ key, width: 20, style: dated })),
		...['l', 'm', 'n', 'o', 'p', 'q', 'r'].map((key) => ({ key, width: 20 })),
	];
	const border = (ref: string) => {
		ws.getCell(ref).border = THIN;
	};
	const align = (ref: string, horizontal: 'center' | 'left' | 'right', vertical: 'middle' | 'top' = 'middle') => {
		ws.getCell(ref).alignment = { vertical, horizontal, wrapText: true };
	};
	mergeDisjoint(ws, 'A1:H1');
	ws.getCell('A1').value = title;
	ws.getCell('A1').style = { font: { name: font, size: 20 } };
	ws.getCell('A1').alignment = { vertical: 'middle', horizontal: 'left' };
	ws.getRow(1).height = 40;
	ws.addRow(['', '', '', '', '', '']);
	ws.addRow([translate('description'), board.description]);
	mergeDisjoint(ws, 'B3:H3');
	ws.getRow(3).height = 40;
	ws.getCell('A3').style = { font: { name: font, size: 10, bold: true } };
	ws.getCell('B3').alignment = { wrapText: true, vertical: 'middle' };
	align('A3', 'center');
	ws.addRow(['', '', '', '', '', '']);
	ws.addRow([
		translate('createdAt'),
		excelDate(board.createdAt),
		translate('modifiedAt'),
		excelDate(board.modifiedAt),
		translate('members'),
		memberList,
	]);
	ws.getRow(5).font = { name: font, size: 10, bold: true };
	mergeDisjoint(ws, 'F5:R5');
	for (const ref of ['A5', 'B5', 'C5', 'D5', 'E5']) align(ref, 'center');
	align('F5', 'left');
	for (const ref of ['A5', 'B5', 'C5', 'D5', 'E5', 'F5']) border(ref);
	ws.addRow(new Array(15).fill(''));
	ws.addRow(
		[
			'number',
			'title',
			'description',
			'parent-card',
			'owner',
			'createdAt',
			'last-modified-at',
			'card-received',
			'card-start',
			'card-due',
			'card-end',
			'list',
			'swimlane',
			'assignee',
			'members',
			'requested-by',
			'assigned-by',
			'labels',
			'overtime-hours',
			'spent-time-hours',
		].map(translate),
	);
	ws.getRow(7).height = 20;
	for (let i = 0; i < 18; i++) {
		border(`${column(i)}7`);
		align(`${column(i)}7`, 'center');
	}
	ws.getRow(7).font = { name: font, size: 10, bold: true };

	// :532-658: one row per card, in the cards' natural order.
	cards.forEach((card, index) => {
		const spaced = (ids: unknown[] | undefined, names: Map<unknown, unknown>) =>
			(ids ?? []).map((id) => `${String(names.get(id))} `).join('');
		const people = (ids: string[] | undefined, text: unknown) =>
			[...(ids ?? []).map((id) => username.get(id) || id), text].filter(Boolean).join(', ');
		const row = ws.addRow([
			String(index + 1),
			card.title,
			card.description,
			card.parentId ? cardTitle.get(card.parentId) || '' : undefined,
			username.get(card.userId),
			excelDate(card.createdAt),
			excelDate(card.dateLastActivity),
			excelDate(card.receivedAt),
			excelDate(card.startAt),
			excelDate(card.dueAt),
			excelDate(card.endAt),
			listTitle.get(card.listId),
			swimlaneTitle.get(card.swimlaneId),
			spaced(card.assignees, username),
			spaced(card.members, username),
			people(card.requesters, card.requestedBy),
			people(card.assigners, card.assignedBy),
			(card.labelIds ?? []).map((id) => `${String(labelText.get(id))} `).join(''),
			card.isOvertime ? 'true' : 'false',
			card.spentTime,
		]);
		const y = row.number;
		ws.getRow(y).font = { name: font, size: 10 };
		for (let i = 0; i < 18; i++) border(`${column(i)}${y}`);
		align(`A${y}`, 'right', 'top');
		for (let i = 1; i < 16; i++) align(`${column(i)}${y}`, 'left', 'top');
		align(`Q${y}`, 'center', 'top');
		align(`R${y}`, 'center', 'top');
	});

	// :663-752: the Activity sheet lists the comments of those cards, skipping cards without a title.
	const activity = translate('activity');
	workbook.addWorksheet(activity, {
		properties: { tabColor: { argb: 'FFC0000' } },
		pageSetup: { paperSize: 9, orientation: 'landscape' },
	});
	const ws2 = workbook.getWorksheet(activity) as ExcelJS.Worksheet;
	ws2.properties.defaultRowHeight = 20;
	ws2.columns = [
		{ key: 'a', width: 14 },
		{ key: 'b', width: 60 },
		{ key: 'c', width: 40 },
		{ key: 'd', width: 40 },
		{ key: 'e', width: 30, style: dated },
		{ key: 'f', width: 30, style: dated },
	];
	mergeDisjoint(ws2, 'A1:F1');
	ws2.getCell('A1').value = title;
	ws2.getCell('A1').style = { font: { name: font, size: 20 } };
	ws2.getCell('A1').alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
	ws2.getRow(1).height = 40;
	ws2.addRow(['', '', '', '', '', '']);
	ws2.addRow(['number', 'activity', 'card', 'owner', 'createdAt', 'last-modified-at'].map(translate));
	ws2.getRow(3).height = 20;
	ws2.getRow(3).font = { name: font, size: 10, bold: true };
	ws2.getRow(3).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
	for (let i = 0; i < 6; i++) ws2.getCell(`${column(i)}3`).border = THIN;
	let count = 0;
	for (const comment of comments) {
		const cardName = cardTitle.get(comment.cardId) || '';
		if (cardName === '') continue;
		count++;
		const row = ws2.addRow([
			count.toString(),
			comment.text,
			cardName,
			username.get(comment.userId) || comment.userId || '',
			excelDate(comment.createdAt),
			excelDate(comment.modifiedAt),
		]);
		const y = row.number;
		ws2.getRow(y).font = { name: font, size: 10 };
		for (let i = 0; i < 6; i++) ws2.getCell(`${column(i)}${y}`).border = THIN;
		ws2.getCell(`A${y}`).alignment = { vertical: 'top', horizontal: 'right', wrapText: true };
		for (let i = 1; i < 6; i++) {
			ws2.getCell(`${column(i)}${y}`).alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
		}
	}
	return { filename, buffer: await toBuffer(workbook) };
}

// ---- the card blocks (renderCardDocumentExcel.js) ---------------------------------------------------------------

/** renderCardDocumentExcel (renderCardDocumentExcel.js:62-246) without images: where the next block starts. */
function renderCardBlock(
	ws: ExcelJS.Worksheet,
	startRow: number,
	document: Block[],
	font: string,
	attachmentHeadings: string[],
): { row: number; pageBreakRows: number[] } {
	let row = startRow;
	let section = '';
	const pageBreakRows: number[] = [];
	const merge = (
		value: ExcelJS.CellValue,
		style: {
			font?: Partial<ExcelJS.Font>;
			fill?: ExcelJS.Fill;
			border?: Partial<ExcelJS.Borders>;
			height?: number;
		} = {},
	) => {
		mergeDisjoint(ws, `A${row}:F${row}`);
		const cell = ws.getCell(`A${row}`);
		cell.value = value;
		cell.font = { name: font, size: 10, ...(style.font ?? {}) };
		cell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
		if (style.fill) cell.fill = style.fill;
		if (style.border) cell.border = style.border;
		ws.getRow(row).height = style.height ?? 20;
		row += 1;
	};
	const label = (ref: string, text: string) => {
		const cell = ws.getCell(ref);
		cell.value = `${text}:`;
		cell.font = { name: font, size: 10, bold: true };
		cell.alignment = { vertical: 'middle', horizontal: 'right' };
		cell.border = THIN;
	};
	const value = (ref: string, content: ExcelJS.CellValue) => {
		const cell = ws.getCell(ref);
		cell.value = content;
		cell.font = { name: font, size: 10 };
		cell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
		cell.border = THIN;
	};
	const pairColumns = [
		['A', 'B'],
		['C', 'D'],
		['E', 'F'],
	];
	for (const block of document) {
		switch (block.type) {
			case 'title':
				merge(block.text, { font: { size: 16, bold: true }, height: 40 });
				break;
			case 'section':
				section = block.key;
				if (row > startRow + 14) pageBreakRows.push(row - 1);
				merge(block.title, { font: { size: 11, bold: true }, fill: GRAY, border: MEDIUM, height: 22 });
				break;
			case 'meta': {
				const details = block.labelDetails ?? [];
				const ordinary = details.length
					? block.pairs.filter((pair) => pair[0] !== block.labelTitle)
					: block.pairs;
				if (ordinary.length) {
					ordinary.slice(0, 3).forEach((pair, index) => {
						label(`${pairColumns[index][0]}${row}`, pair[0]);
						value(`${pairColumns[index][1]}${row}`, pair[1]);
					});
					ws.getRow(row).height = 20;
					row += 1;
				}
				for (let offset = 0; offset < details.length; offset += 5) {
					label(`A${row}`, offset === 0 ? block.labelTitle || 'Labels' : '');
					details.slice(offset, offset + 5).forEach((entry, index) => {
						const cell = ws.getCell(`${column(index + 1)}${row}`);
						cell.value = String(entry.name || '');
						cell.font = { name: font, size: 10, bold: true };
						cell.alignment = { vertical: 'middle', horizontal: 'center' };
						cell.border = THIN;
					});
					ws.getRow(row).height = 20;
					row += 1;
				}
				break;
			}
			case 'text':
				for (const line of block.lines) merge(line, { border: THIN });
				break;
			case 'note': {
				merge(block.text, { font: { bold: true }, border: THIN });
				if (block.progress) {
					const { done, total } = block.progress;
					for (let index = 0; index < 6; index += 1) {
						const cell = ws.getCell(`${column(index)}${row}`);
						cell.value = index === 0 ? `${done}/${total}` : '';
						cell.border = THIN;
					}
					ws.getRow(row).height = 12;
					row += 1;
				}
				break;
			}
			case 'list':
				if (section === 'attachments' && block.items.some((item) => item.attachment)) {
					attachmentHeadings.forEach((heading, index) => {
						const cell = ws.getCell(`${column(index)}${row}`);
						cell.value = heading;
						cell.font = { name: font, size: 9, bold: true };
						cell.fill = GRAY;
						cell.border = THIN;
					});
					row += 1;
					block.items.forEach((item, index) => {
						const a = item.attachment;
						const cells = [
							index + 1,
							a?.name ?? '',
							a?.size ?? '',
							a?.type ?? '',
							a?.uploaded ?? '',
							a?.uploader ?? '',
						];
						cells.forEach((content, cellIndex) => {
							const cell = ws.getCell(`${column(cellIndex)}${row}`);
							cell.value = content;
							cell.font = { name: font, size: 9 };
							cell.border = THIN;
						});
						row += 1;
					});
				} else {
					for (const item of block.items) merge(`${item.marker} ${item.text}`, { border: THIN });
				}
				break;
			case 'rows':
				for (const [date, author, text] of block.rows) {
					mergeDisjoint(ws, `A${row}:B${row}`);
					mergeDisjoint(ws, `C${row}:F${row}`);
					value(`A${row}`, date);
					value(`C${row}`, author ? `${author}: ${text}` : text);
					row += 1;
				}
				break;
		}
	}
	return { row, pageBreakRows };
}

/** The card's label/value dates: the user's format, in the zone, ' UTC' when no zone was given (fmtDate). */
function excelDateText(dateFormat: string, timezone: string) {
	return (value: unknown): string => {
		if (!value) return '';
		const formatted = formatDateByUserPreference(value, dateFormat, timezone || 'UTC');
		if (!formatted) return '';
		return timezone ? formatted : `${formatted} UTC`;
	};
}

/** ExporterExcelCard.customFieldValueText (ExporterExcelCard.js:90-101). */
function customFieldText(formatDate: (value: unknown) => string) {
	return (definition: Loose, value: unknown): unknown => {
		if (value === null || value === undefined || value === '') return '';
		if (definition && definition.type === 'dropdown') {
			const items = ((definition.settings as Loose | undefined)?.dropdownItems as Loose[] | undefined) ?? [];
			const item = items.find((entry) => entry && entry._id === value);
			if (item) return item.name || '';
		}
		if (value instanceof Date) return formatDate(value);
		if (Array.isArray(value)) return value.join(', ');
		if (typeof value === 'boolean') return value ? translate('yes') : translate('no');
		return String(value);
	};
}

const ATTACHMENT_HEADINGS = () => [
	'#',
	translate('name'),
	translate('size'),
	translate('type'),
	translate('export-card-attachment-uploaded-at'),
	translate('export-card-attachment-uploaded-by'),
];

function drawCard(
	ws: ExcelJS.Worksheet,
	row: number,
	data: CardData,
	userMap: Map<unknown, unknown>,
	fields: readonly string[],
	formatDate: (value: unknown) => string,
) {
	const document = buildCardDocument(data, {
		fields,
		userName: (id) => String(userMap.get(id) || id || ''),
		formatDate,
		customFieldValue: customFieldText(formatDate),
		// ExporterExcelCard's translate: TAPi18n, which answers the key itself when it has no word for it.
		translate: (key, fallback) => translate(key) || fallback,
	});
	return renderCardBlock(ws, row, document, translate('excel-font'), ATTACHMENT_HEADINGS());
}

const CARD_COLUMNS = [
	{ key: 'a', width: 18 },
	{ key: 'b', width: 30 },
	{ key: 'c', width: 18 },
	{ key: 'd', width: 30 },
	{ key: 'e', width: 18 },
	{ key: 'f', width: 30 },
];

// ---- ExporterExcelBoard: the board as card blocks ---------------------------------------------------------------

/** sanitizeSheetName (ExporterExcelBoard.js:33-36). */
function boardSheetName(value: unknown): string {
	const cleaned =
		String(value || 'Board')
			.replace(/[:\\/?*[\]]/g, ' ')
			.trim() || 'Board';
	return cleaned.length > 31 ? `${cleaned.slice(0, 28)}...` : cleaned;
}

export interface BoardExcelOptions {
	fields: string[] | null;
	dateFormat: string;
	timezone: string;
	scope: { listId?: string; swimlaneId?: string };
}

/** ExporterExcelBoard._buildAndWrite (ExporterExcelBoard.js:180-360); undefined when the board is gone. */
export async function excelBoardWorkbook(
	wekan: Wekan,
	boardId: string,
	options: BoardExcelOptions,
): Promise<WorkbookFile | undefined> {
	const { db } = wekan;
	const board = db.boards.findOne(boardId) as unknown as Loose | undefined;
	if (!board) return undefined;
	const fieldSet = options.fields && options.fields.length ? new Set(options.fields) : null;
	const hasField = (key: string) => fieldSet === null || fieldSet.has(key);
	const { listId, swimlaneId } = options.scope;
	// :72-166: one read per collection for the whole board.
	const allLists = sortBySort(db.lists.find({ boardId, archived: false }));
	const allSwimlanes = sortBySort(db.swimlanes.find({ boardId, archived: false }));
	const cards = sortBySort(
		db.cards
			.find({ boardId, archived: false })
			.filter(isNotLinked)
			.filter((card) => (!swimlaneId || card.swimlaneId === swimlaneId) && (!listId || card.listId === listId)),
	);
	const cardIds = new Set(cards.map((card) => card._id));
	const checklists = hasField('checklists')
		? sortBySort(db.checklists.find().filter((checklist) => cardIds.has(checklist.cardId)))
		: [];
	const checklistIds = new Set(checklists.map((checklist) => checklist._id));
	const checklistItems = hasField('checklists')
		? sortBySort(db.checklistItems.find().filter((item) => checklistIds.has(item.checklistId)))
		: [];
	const subtasks = hasField('subtasks')
		? sortBySort(db.cards.find().filter((card) => !!card.parentId && cardIds.has(card.parentId)))
		: [];
	const comments = hasField('comments')
		? sortByDate(
				db.card_comments.find().filter((comment) => cardIds.has(comment.cardId)),
				'createdAt',
			)
		: [];
	const attachments = hasField('attachments')
		? db.attachments.find().filter((attachment) => cardIds.has(attachment.meta?.cardId as string))
		: [];
	const customFieldsById: Record<string, Loose> = {};
	if (hasField('custom-fields')) {
		const ids = new Set(cards.flatMap((card) => (card.customFields ?? []).map((field) => field && field._id)));
		for (const definition of db.customFields.find({ _id: { $in: [...ids].filter(Boolean) } })) {
			customFieldsById[definition._id] = definition as unknown as Loose;
		}
	}
	const userIds: unknown[] = ((board.members as Loose[] | undefined) ?? []).map((member) => member.userId);
	for (const card of cards) {
		userIds.push(card.userId, ...(card.members ?? []), ...(card.assignees ?? []));
		userIds.push(...(card.requesters ?? []), ...(card.assigners ?? []));
		userIds.push(...(card.vote?.positive ?? []), ...(card.vote?.negative ?? []));
	}
	for (const comment of comments) userIds.push(comment.userId);
	for (const attachment of attachments) userIds.push(attachment.userId || attachment.meta?.userId);
	const userMap = usernamesById(wekan, userIds) as Map<unknown, unknown>;
	const lists = listId ? allLists.filter((list) => list._id === listId) : allLists;
	const swimlanes = swimlaneId ? allSwimlanes.filter((swimlane) => swimlane._id === swimlaneId) : allSwimlanes;
	const checklistsByCard = groupBy(checklists, (c) => c.cardId);
	const itemsByChecklist = groupBy(checklistItems, (item) => item.checklistId);
	const subtasksByCard = groupBy(subtasks, (s) => s.parentId);
	const commentsByCard = groupBy(comments, (c) => c.cardId);
	const attachmentsByCard = groupBy(attachments, (a) => a.meta?.cardId);

	const title = String(board.title);
	const scopeTitle = listId
		? `${title} - ${lists[0]?.title || translate('list')}`
		: swimlaneId
			? `${title} - ${swimlanes[0]?.title || translate('swimlane')}`
			: title;
	const workbook = new ExcelJS.Workbook();
	workbook.creator = translate('export-board');
	workbook.created = new Date();
	workbook.modified = new Date();
	const ws = workbook.addWorksheet(boardSheetName(scopeTitle), {
		pageSetup: {
			paperSize: 9,
			orientation: 'portrait',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
		},
	});
	ws.columns = CARD_COLUMNS;
	const font = translate('excel-font');
	const formatDate = excelDateText(options.dateFormat, options.timezone);
	let row = 1;
	const pageBreaks: number[] = [];
	const mergedRow = (text: string, style: { size: number; fill?: boolean; height: number }) => {
		mergeDisjoint(ws, `A${row}:F${row}`);
		const cell = ws.getCell(`A${row}`);
		cell.value = text;
		cell.font = { name: font, size: style.size, bold: true };
		cell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
		if (style.fill) cell.fill = GRAY;
		ws.getRow(row).height = style.height;
		row += 1;
	};
	const labelValue = (labelText: string, text: string) => {
		const lc = ws.getCell(`A${row}`);
		lc.value = `${labelText}:`;
		lc.font = { name: font, size: 10, bold: true };
		lc.alignment = { vertical: 'middle', horizontal: 'right' };
		lc.border = THIN;
		mergeDisjoint(ws, `B${row}:F${row}`);
		const vc = ws.getCell(`B${row}`);
		vc.value = text;
		vc.font = { name: font, size: 10 };
		vc.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
		vc.border = THIN;
		ws.getRow(row).height = 20;
		row += 1;
	};
	const heading = listId
		? `${translate('list')}: ${lists[0]?.title || translate('list')}`
		: swimlaneId
			? `${translate('swimlane')}: ${swimlanes[0]?.title || translate('swimlane')}`
			: title;
	mergedRow(heading || '', { size: 16, height: 40 });
	if (!listId && !swimlaneId && hasField('board-header')) {
		const memberNames = ((board.members as Loose[] | undefined) ?? [])
			.map((member) => userMap.get(member.userId) || member.userId)
			.filter(Boolean)
			.join(', ');
		labelValue(translate('members'), memberNames);
		labelValue(translate('createdAt'), formatDate(board.createdAt));
		labelValue(translate('modifiedAt'), formatDate(board.modifiedAt));
		if (board.description) labelValue(translate('description'), String(board.description));
		row += 1;
	}
	if (hasField('card-details')) {
		const listById = new Map(allLists.map((list) => [list._id, list]));
		const swimlaneById = new Map(allSwimlanes.map((swimlane) => [swimlane._id, swimlane]));
		const named = swimlanes.filter((swimlane) => swimlane && swimlane.type !== 'template-swimlane');
		const groups = listId
			? [{ swimlane: undefined, title: null as string | null }]
			: named.length
				? named.map((swimlane) => ({ swimlane, title: swimlane.title || translate('swimlane') }))
				: [{ swimlane: undefined, title: translate('swimlane') }];
		const cardFields = options.fields && options.fields.length ? options.fields : CARD_EXPORT_FIELD_KEYS;
		for (const group of groups) {
			if (group.title && !swimlaneId) {
				mergedRow(`${translate('swimlane')}: ${group.title}`, { size: 12, fill: true, height: 22 });
			}
			for (const list of lists) {
				const listCards = cards.filter(
					(card) =>
						String(card.listId) === String(list._id) &&
						(!group.swimlane || String(card.swimlaneId) === String(group.swimlane._id)),
				);
				if (!listId) {
					mergedRow(`${translate('list')}: ${list.title || translate('list')} (${listCards.length})`, {
						size: 11,
						fill: true,
						height: 20,
					});
				}
				for (const card of listCards) {
					// :319-321: each card on its own page.
					if (row > 2) pageBreaks.push(row - 1);
					const result = drawCard(
						ws,
						row,
						{
							card: card as unknown as Loose,
							board,
							list: (listById.get(card.listId) ?? list) as unknown as Loose,
							swimlane: (swimlaneById.get(card.swimlaneId) ?? group.swimlane) as unknown as Loose,
							checklists: (checklistsByCard.get(card._id) ?? []) as unknown as Loose[],
							checklistItems: (checklistsByCard.get(card._id) ?? []).flatMap(
								(c) => itemsByChecklist.get(c._id) ?? [],
							) as unknown as Loose[],
							subtasks: (subtasksByCard.get(card._id) ?? []) as unknown as Loose[],
							comments: (commentsByCard.get(card._id) ?? []) as unknown as Loose[],
							attachments: (attachmentsByCard.get(card._id) ?? []) as unknown as Loose[],
							customFieldsById,
						},
						userMap,
						cardFields,
						formatDate,
					);
					row = result.row + 1;
					pageBreaks.push(...result.pageBreakRows);
				}
			}
		}
	}
	if (pageBreaks.length > 0) {
		(ws.pageSetup as { rowBreaks?: unknown }).rowBreaks = [...new Set(pageBreaks)].map((id) => ({ man: 1, id }));
	}
	const listNumber = listId ? allLists.findIndex((list) => String(list._id) === String(listId)) + 1 : 0;
	const swimlaneNumber = swimlaneId
		? allSwimlanes
				.filter((swimlane) => swimlane.type !== 'template-swimlane')
				.findIndex((swimlane) => String(swimlane._id) === String(swimlaneId)) + 1
		: 0;
	const type = listId ? 'list' : swimlaneId ? 'swimlane' : 'board';
	const identity = listId ? listNumber : swimlaneId ? swimlaneNumber : title;
	return { filename: exportFilename(type, identity || 1, 'xlsx'), buffer: await toBuffer(workbook) };
}

// ---- ExporterExcelCard: one card ---------------------------------------------------------------------------------

/** sanitizeSheetName (ExporterExcelCard.js:31-33). */
function cardSheetName(value: unknown): string {
	return String(value || 'Card')
		.replace(/[\\/*?:[\]]/g, '-')
		.slice(0, 31);
}

export interface CardExcelOptions {
	/** Sections; null is every card section. */
	fields: string[] | null;
	dateFormat: string;
	timezone: string;
}

/** ExporterExcelCard._buildAndWrite (ExporterExcelCard.js:185-351); undefined when the card is not in that list. */
export async function excelCardWorkbook(
	wekan: Wekan,
	boardId: string,
	listId: string,
	cardId: string,
	options: CardExcelOptions,
): Promise<WorkbookFile | undefined> {
	const { db } = wekan;
	const card = db.cards.findOne({ _id: cardId, boardId, listId });
	if (!card) return undefined;
	const fields = options.fields && options.fields.length ? options.fields : CARD_EXPORT_FIELD_KEYS;
	const has = (key: string) => fields.includes(key);
	const board = has('board-info') || has('labels') || has('checklists') ? db.boards.findOne(boardId) : null;
	const list = has('board-info') ? db.lists.findOne(card.listId) : null;
	const swimlane = has('board-info') ? db.swimlanes.findOne(card.swimlaneId) : null;
	const userIds: unknown[] = [];
	if (has('people') || has('dates') || has('comments') || has('attachments')) {
		userIds.push(card.userId);
		if (has('people')) {
			userIds.push(...(card.members ?? []), ...(card.assignees ?? []));
			userIds.push(...(card.requesters ?? []), ...(card.assigners ?? []));
		}
	}
	const checklists = has('checklists') ? db.checklists.find({ cardId }) : [];
	const checklistItems = has('checklists') ? db.checklistItems.find({ cardId }) : [];
	const subtasks = has('subtasks') ? db.cards.find({ parentId: cardId }) : [];
	const comments = has('comments') ? sortByDate(db.card_comments.find({ cardId }), 'createdAt') : [];
	const attachments = has('attachments') ? db.attachments.find({ 'meta.cardId': cardId }) : [];
	const customFieldsById: Record<string, Loose> = {};
	if (has('custom-fields')) {
		const ids = (card.customFields ?? []).map((field) => field && field._id).filter(Boolean);
		for (const definition of db.customFields.find({ _id: { $in: ids } })) {
			customFieldsById[definition._id] = definition as unknown as Loose;
		}
	}
	if (has('comments')) for (const comment of comments) userIds.push(comment.userId);
	if (has('attachments'))
		for (const attachment of attachments) userIds.push(attachment.userId || attachment.meta?.userId);
	if (has('voting') && card.vote) userIds.push(...(card.vote.positive ?? []), ...(card.vote.negative ?? []));
	const userMap = usernamesById(wekan, userIds) as Map<unknown, unknown>;

	const workbook = new ExcelJS.Workbook();
	workbook.creator = translate('export-board');
	workbook.created = new Date();
	workbook.modified = new Date();
	const ws = workbook.addWorksheet(cardSheetName(card.title || 'Card'), {
		pageSetup: {
			paperSize: 9,
			orientation: 'portrait',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			horizontalCentered: false,
			margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
		},
	});
	ws.columns = CARD_COLUMNS;
	const formatDate = excelDateText(options.dateFormat, options.timezone);
	const { pageBreakRows } = drawCard(
		ws,
		1,
		{
			card: card as unknown as Loose,
			board: board as unknown as Loose,
			list: list as unknown as Loose,
			swimlane: swimlane as unknown as Loose,
			checklists: checklists as unknown as Loose[],
			checklistItems: checklistItems as unknown as Loose[],
			subtasks: subtasks as unknown as Loose[],
			comments: comments as unknown as Loose[],
			attachments: attachments as unknown as Loose[],
			customFieldsById,
		},
		userMap,
		fields,
		formatDate,
	);
	if (pageBreakRows.length > 0) {
		(ws.pageSetup as { rowBreaks?: unknown }).rowBreaks = pageBreakRows.map((id) => ({ man: 1, id }));
	}
	return { filename: exportFilename('card', card.cardNumber || 1, 'xlsx'), buffer: await toBuffer(workbook) };
}
