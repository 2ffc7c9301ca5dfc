/**
 * The PDF exports at Wekan v11.07 (commit f5cc8e373): ExporterCardPDF and ExporterBoardPDF
 * (models/server/ExporterCardPDF.js), laid out as lines by models/lib/pdfDocument.js (documentToLines, wrapping,
 * 53 lines to an A4 page) and drawn with pdfkit as models/server/buildUnicodePdf.js draws them, compressed.
 *
 * Wekan draws with the GNU Unifont files it bundles; this model uses pdfkit's built-in Courier (monospaced too, so
 * the columns line up the same way), which covers Latin-1 only. Images are not embedded.
 */
import PDFDocument from 'pdfkit';
import type { Wekan } from '../../server';
import { BOARD_EXPORT_FIELD_KEYS } from '../exporter';
import { buildCardDocument, type Block, type CardData, formatDateByUserPreference } from './cardDocument';
import { exportFilename, groupBy, hasTranslation, sortByDate, sortBySort, translate } from './common';

type Loose = Record<string, unknown>;

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const PAGE_MARGIN = 50;
const LINE_HEIGHT = 14;
const FONT_SIZE = 10;
/** Characters per line (pdfDocument.js:66). */
const TEXT_WIDTH = 90;

interface Line {
	text: string;
	bold?: boolean;
	bar?: boolean;
}

const line = (text: unknown, bold = false): Line => ({ text: String(text ?? ''), bold });

/** wrapLine (pdfDocument.js:344-367): words to lines of at most `width`, a longer word cut. */
function wrapLine(text: string, width = TEXT_WIDTH): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	if (words.length === 0) return [''];
	const wrapped: string[] = [];
	let current = '';
	for (const word of words) {
		if (!current) current = word;
		else if (`${current} ${word}`.length <= width) current = `${current} ${word}`;
		else {
			wrapped.push(current);
			current = word;
		}
	}
	if (current) wrapped.push(current);
	return wrapped.flatMap((item) => {
		if (item.length <= width) return [item];
		const parts: string[] = [];
		for (let index = 0; index < item.length; index += width) parts.push(item.slice(index, index + width));
		return parts;
	});
}

const wrapText = (text: unknown, indent = '') =>
	String(text ?? '')
		.split('\n')
		.flatMap((part) => wrapLine(part, TEXT_WIDTH - indent.length))
		.map((part) => line(`${indent}${part}`));

/** columnRows (pdfDocument.js:416-452): label/value pairs across the line, each in its own column. */
function columnRows(pairs: Array<[string, string]>): Line[] {
	if (!pairs.length) return [line('')];
	const cellWidth = Math.max(12, Math.floor(TEXT_WIDTH / pairs.length));
	const cells = pairs.map(([label, value]) => {
		const text = `${label}: ${value}`;
		const chunks: string[] = [];
		for (let offset = 0; offset < text.length; offset += cellWidth - 1)
			chunks.push(text.slice(offset, offset + cellWidth - 1));
		return chunks.length ? chunks : [''];
	});
	const height = Math.max(...cells.map((cell) => cell.length));
	return Array.from({ length: height }, (_unused, rowIndex) =>
		line(
			cells
				.map((cell, index) => {
					const chunk = cell[rowIndex] ?? '';
					return index < cells.length - 1 ? chunk.padEnd(cellWidth) : chunk;
				})
				.join(''),
		),
	);
}

/** documentToLines (pdfDocument.js:735-871). */
function documentToLines(document: Block[], attachmentHeadings: string[]): Line[] {
	const out: Line[] = [];
	let section = '';
	for (const block of document) {
		switch (block.type) {
			case 'title':
				out.push(line(block.text, true), line('='.repeat(TEXT_WIDTH)));
				break;
			case 'section':
				section = block.key;
				out.push(line(''), { text: block.title, bold: true, bar: true });
				break;
			case 'meta': {
				const details = block.labelDetails ?? [];
				const ordinary = details.length
					? block.pairs.filter((pair) => pair[0] !== block.labelTitle)
					: block.pairs;
				if (ordinary.length || !details.length) out.push(...columnRows(ordinary));
				for (let index = 0; index < details.length; index += 5) {
					const names = details
						.slice(index, index + 5)
						.map((label) => String(label.name || ''))
						.join(', ');
					out.push(line(`${index === 0 ? block.labelTitle || 'Labels' : ''}: ${names}`));
				}
				break;
			}
			case 'text':
				for (const text of block.lines) out.push(...wrapText(text));
				break;
			case 'note':
				if (block.text) out.push(line(block.text, true));
				if (block.progress) out.push(line(`${block.progress.done}/${block.progress.total}`));
				break;
			case 'list':
				if (section === 'attachments' && block.items.some((item) => item.attachment)) {
					out.push(line(attachmentHeadings.join(' | '), true));
					block.items.forEach((item, index) => {
						const a = item.attachment;
						out.push(line([index + 1, a?.name, a?.size, a?.type, a?.uploaded, a?.uploader].join(' | ')));
					});
					break;
				}
				for (const item of block.items) out.push(line(`${item.marker} ${item.text}`));
				break;
			case 'rows':
				for (const [date, author, text] of block.rows)
					out.push(line(`${date}  ${author ? `${author}: ` : ''}${text}`));
				break;
		}
	}
	return out;
}

/** paginateLines (pdfDocument.js:454-470): 53 lines to a page; an empty document is one "No data" line. */
function paginate(lines: Line[]): Line[][] {
	const perPage = Math.floor((PAGE_HEIGHT - PAGE_MARGIN * 2) / LINE_HEIGHT);
	const pages: Line[][] = [];
	for (let index = 0; index < lines.length; index += perPage) pages.push(lines.slice(index, index + perPage));
	return pages.length ? pages : [[line('No data')]];
}

/** buildUnicodePdf (buildUnicodePdf.js:44-160): each page's lines, section bars filled grey behind their text. */
function renderPdf(lines: Line[]): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		const pdf = new PDFDocument({
			autoFirstPage: false,
			compress: true,
			margin: PAGE_MARGIN,
			size: [PAGE_WIDTH, PAGE_HEIGHT],
		});
		pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
		pdf.on('error', reject);
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		for (const page of paginate(lines)) {
			pdf.addPage({ margin: PAGE_MARGIN, size: [PAGE_WIDTH, PAGE_HEIGHT] });
			page.forEach((item, index) => {
				const y = PAGE_MARGIN + index * LINE_HEIGHT;
				if (item.bar) {
					pdf.save()
						.fillColor('#d9d9d9')
						.rect(PAGE_MARGIN - 4, y - 3, PAGE_WIDTH - (PAGE_MARGIN - 4) * 2, LINE_HEIGHT)
						.fill()
						.restore();
				}
				pdf.font(item.bold ? 'Courier-Bold' : 'Courier')
					.fontSize(item.bold ? FONT_SIZE + 0.5 : FONT_SIZE)
					.fillColor('#000000')
					.text(item.text, PAGE_MARGIN, y, { lineBreak: false });
			});
		}
		pdf.end();
	});
}

// ---- PDFExporterBase (ExporterCardPDF.js:130-253) ---------------------------------------------------------------

export interface PdfOptions {
	/** The `?fields=` selection; null draws everything. */
	fields: string[] | null;
	timezone: string;
	dateFormat: string;
}

/** `__(key, fallback)`: the translation, or the exporter's own English when the bundle has none. */
const pdfWord = (key: string, fallback: string) => (hasTranslation(key) ? translate(key) : fallback);

/** formatUser (ExporterCardPDF.js:67-73). */
function formatUser(user: Loose | undefined): string {
	if (!user) return 'Unknown';
	const profile = (user.profile as Loose | undefined) ?? {};
	return String(profile.fullname || user.username || profile.initials || user._id);
}

class PdfExporter {
	readonly fields: string[];

	constructor(
		readonly wekan: Wekan,
		readonly options: PdfOptions,
	) {
		this.fields = options.fields && options.fields.length ? options.fields : BOARD_EXPORT_FIELD_KEYS;
	}

	has(key: string) {
		return this.fields.includes(key);
	}

	/** formatDateValue (ExporterCardPDF.js:56-65): '-' for anything that is not a valid Date. */
	date(value: unknown): string {
		if (!(value instanceof Date) || Number.isNaN(value.getTime())) return '-';
		const formatted = formatDateByUserPreference(value, this.options.dateFormat, this.options.timezone || 'UTC');
		if (!formatted) return '-';
		return this.options.timezone ? formatted : `${formatted} UTC`;
	}

	field(key: string, fallback: string, value: unknown): string {
		const shown = value === '' || value === undefined || value === null ? '-' : String(value);
		return `${pdfWord(key, fallback)}: ${shown}`;
	}

	/** customFieldValue with formatCustomFieldValue (ExporterCardPDF.js:77-83, 209-217). */
	customFieldValue(definition: Loose, value: unknown): string {
		let out = value;
		if (definition && definition.type === 'dropdown') {
			const items = ((definition.settings as Loose | undefined)?.dropdownItems as Loose[] | undefined) ?? [];
			const item = items.find((entry) => entry && entry._id === value);
			if (item) out = item.name;
		}
		if (out === null || out === undefined || out === '') return '-';
		if (out instanceof Date) return this.date(out);
		if (Array.isArray(out)) return out.length ? out.join(', ') : '-';
		if (typeof out === 'boolean') return out ? 'x' : '-';
		return String(out);
	}

	cardLines(data: CardData, usersById: Map<unknown, Loose | undefined>): Line[] {
		const document = buildCardDocument(data, {
			fields: this.fields,
			userName: (id) => formatUser(usersById.get(id)),
			formatDate: (value) => this.date(value),
			customFieldValue: (definition, value) => this.customFieldValue(definition, value),
			translate: pdfWord,
		});
		return documentToLines(document, [
			'#',
			pdfWord('name', 'Name'),
			pdfWord('size', 'Size'),
			pdfWord('type', 'Type'),
			pdfWord('export-card-attachment-uploaded-at', 'Uploaded At'),
			pdfWord('export-card-attachment-uploaded-by', 'Uploaded By'),
		]);
	}

	users(ids: unknown[]): Map<unknown, Loose | undefined> {
		const map = new Map<unknown, Loose | undefined>();
		for (const id of new Set(ids)) {
			if (!id) continue;
			map.set(id, this.wekan.db.users.findOne({ _id: id as string }) as unknown as Loose | undefined);
		}
		return map;
	}
}

export interface PdfFile {
	filename: string;
	buffer: Buffer;
}

/** ExporterCardPDF.build (ExporterCardPDF.js:263-387); undefined when the board, list or card does not match. */
export async function cardPdf(
	wekan: Wekan,
	boardId: string,
	listId: string,
	cardId: string,
	options: PdfOptions,
): Promise<PdfFile | undefined> {
	const { db } = wekan;
	const exporter = new PdfExporter(wekan, options);
	const board = db.boards.findOne(boardId);
	const list = db.lists.findOne({ _id: listId, boardId });
	const card = db.cards.findOne({ _id: cardId, boardId, listId });
	if (!board || !list || !card) return undefined;
	const swimlane = card.swimlaneId ? db.swimlanes.findOne({ _id: card.swimlaneId }) : undefined;
	const checklists = sortBySort(db.checklists.find({ cardId }));
	const comments = sortByDate(db.card_comments.find({ cardId }), 'createdAt');
	const items = checklists.flatMap((checklist) => sortBySort(db.checklistItems.find({ checklistId: checklist._id })));
	const subtasks = sortBySort(db.cards.find({ parentId: cardId }));
	const attachments = db.attachments.find({ 'meta.cardId': cardId });
	const customFieldsById: Record<string, Loose> = {};
	const fieldIds = (card.customFields ?? []).map((field) => field && field._id).filter(Boolean);
	for (const definition of db.customFields.find({ _id: { $in: fieldIds } })) {
		customFieldsById[definition._id] = definition as unknown as Loose;
	}
	const usersById = exporter.users([
		card.userId,
		...(card.members ?? []),
		...(card.assignees ?? []),
		...(card.requesters ?? []),
		...(card.assigners ?? []),
		...comments.map((comment) => comment.userId),
		...attachments.map((attachment) => attachment.userId || attachment.meta?.userId),
		...(card.vote?.positive ?? []),
		...(card.vote?.negative ?? []),
	]);
	const lines = exporter.cardLines(
		{
			card: card as unknown as Loose,
			board: board as unknown as Loose,
			list: list as unknown as Loose,
			swimlane: swimlane as unknown as Loose,
			checklists: checklists as unknown as Loose[],
			checklistItems: items as unknown as Loose[],
			subtasks: subtasks as unknown as Loose[],
			comments: comments as unknown as Loose[],
			attachments: attachments as unknown as Loose[],
			customFieldsById,
		},
		usersById,
	);
	return { filename: exportFilename('card', card.cardNumber || 1, 'pdf'), buffer: await renderPdf(lines) };
}

/** ExporterBoardPDF.build (ExporterCardPDF.js:425-668); undefined when the board is gone. */
export async function boardPdf(
	wekan: Wekan,
	boardId: string,
	options: PdfOptions & { scope: { listId?: string; swimlaneId?: string } },
): Promise<PdfFile | undefined> {
	const { db } = wekan;
	const exporter = new PdfExporter(wekan, options);
	const board = db.boards.findOne(boardId);
	if (!board) return undefined;
	const { listId, swimlaneId } = options.scope;
	const allLists = sortBySort(db.lists.find({ boardId, archived: false }));
	const allSwimlanes = sortBySort(db.swimlanes.find({ boardId, archived: false }));
	// :437-440: every card not archived, linked cards included.
	const cards = sortBySort(
		db.cards
			.find({ boardId, archived: false })
			.filter((card) => (!swimlaneId || card.swimlaneId === swimlaneId) && (!listId || card.listId === listId)),
	);
	const cardIds = new Set(cards.map((card) => card._id));
	const checklists = exporter.has('checklists')
		? sortBySort(db.checklists.find().filter((checklist) => cardIds.has(checklist.cardId)))
		: [];
	const checklistIds = new Set(checklists.map((checklist) => checklist._id));
	const items = exporter.has('checklists')
		? sortBySort(db.checklistItems.find().filter((item) => checklistIds.has(item.checklistId)))
		: [];
	const subtasks = exporter.has('subtasks')
		? sortBySort(db.cards.find().filter((card) => !!card.parentId && cardIds.has(card.parentId)))
		: [];
	const comments = exporter.has('comments')
		? sortByDate(
				db.card_comments.find().filter((comment) => cardIds.has(comment.cardId)),
				'createdAt',
			)
		: [];
	const attachments = exporter.has('attachments')
		? db.attachments.find().filter((attachment) => cardIds.has(attachment.meta?.cardId as string))
		: [];
	const customFieldsById: Record<string, Loose> = {};
	if (exporter.has('custom-fields')) {
		const ids = new Set(cards.flatMap((card) => (card.customFields ?? []).map((field) => field && field._id)));
		for (const definition of db.customFields.find({ _id: { $in: [...ids].filter(Boolean) } })) {
			customFieldsById[definition._id] = definition as unknown as Loose;
		}
	}
	const userIds: unknown[] = board.members.map((member) => member.userId);
	for (const card of cards) {
		userIds.push(card.userId, ...(card.members ?? []), ...(card.assignees ?? []));
		userIds.push(...(card.requesters ?? []), ...(card.assigners ?? []));
		userIds.push(...(card.vote?.positive ?? []), ...(card.vote?.negative ?? []));
	}
	for (const comment of comments) userIds.push(comment.userId);
	for (const attachment of attachments) userIds.push(attachment.userId || attachment.meta?.userId);
	const usersById = exporter.users(userIds);
	const lists = listId ? allLists.filter((list) => list._id === listId) : allLists;
	const swimlanes = swimlaneId ? allSwimlanes.filter((swimlane) => swimlane._id === swimlaneId) : allSwimlanes;
	const checklistsByCard = groupBy(checklists, (c) => c.cardId);
	const itemsByChecklist = groupBy(items, (item) => item.checklistId);
	const subtasksByCard = groupBy(subtasks, (s) => s.parentId);
	const commentsByCard = groupBy(comments, (c) => c.cardId);
	const attachmentsByCard = groupBy(attachments, (a) => a.meta?.cardId);

	// _boardHeaderLines (:546-580).
	const scopeTitle = listId
		? `${board.title} - ${lists[0]?.title || pdfWord('list', 'List')}`
		: swimlaneId
			? `${board.title} - ${swimlanes[0]?.title || pdfWord('swimlane', 'Swimlane')}`
			: board.title || 'Board';
	const heading = listId
		? exporter.field('list', 'List', lists[0]?.title || '-')
		: swimlaneId
			? exporter.field('swimlane', 'Swimlane', swimlanes[0]?.title || '-')
			: scopeTitle;
	const lines: Line[] = [line(heading, true), line('')];
	if (!listId && !swimlaneId && exporter.has('board-header')) {
		const memberNames = board.members
			.map((member) => formatUser(usersById.get(member.userId)))
			.filter(Boolean)
			.join(', ');
		lines.push(
			line(exporter.field('members', 'Members', memberNames || '-')),
			line(exporter.field('createdAt', 'Created at', exporter.date(board.createdAt))),
			line(exporter.field('modifiedAt', 'Modified at', exporter.date(board.modifiedAt))),
		);
		if (board.description) {
			lines.push(
				line(''),
				line(`${pdfWord('description', 'Description')}:`, true),
				...wrapText(board.description),
			);
		}
		lines.push(line(''));
	}
	// build (:590-647): swimlane by swimlane, list by list, each card in the card export's layout.
	const named = swimlanes.filter((swimlane) => swimlane && swimlane.type !== 'template-swimlane');
	const groups = listId
		? [{ swimlane: undefined, title: null as string | null }]
		: named.length
			? named.map((swimlane) => ({ swimlane, title: swimlane.title || pdfWord('swimlane', 'Swimlane') }))
			: [{ swimlane: undefined, title: pdfWord('swimlane', 'Swimlane') }];
	const listById = new Map(allLists.map((list) => [list._id, list]));
	const swimlaneById = new Map(allSwimlanes.map((swimlane) => [swimlane._id, swimlane]));
	for (const group of groups) {
		if (group.title && !swimlaneId)
			lines.push(line(exporter.field('swimlane', 'Swimlane', group.title), true), line(''));
		for (const list of lists) {
			const listCards = cards.filter(
				(card) =>
					String(card.listId) === String(list._id) &&
					(!group.swimlane || String(card.swimlaneId) === String(group.swimlane._id)),
			);
			if (!listId) {
				lines.push(
					line(
						exporter.field(
							'list',
							'List',
							`${list.title || pdfWord('list', 'List')} (${listCards.length})`,
						),
						true,
					),
					line(''),
				);
			}
			for (const card of listCards) {
				lines.push(
					...exporter.cardLines(
						{
							card: card as unknown as Loose,
							board: board as unknown as Loose,
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
						usersById,
					),
					line(''),
					line(''),
				);
			}
		}
	}
	const listNumber = listId ? allLists.findIndex((list) => String(list._id) === String(listId)) + 1 : 0;
	const swimlaneNumber = swimlaneId
		? allSwimlanes
				.filter((swimlane) => swimlane.type !== 'template-swimlane')
				.findIndex((swimlane) => String(swimlane._id) === String(swimlaneId)) + 1
		: 0;
	const filename = exportFilename(
		listId ? 'list' : swimlaneId ? 'swimlane' : 'board',
		listId ? listNumber || 1 : swimlaneId ? swimlaneNumber || 1 : board.title,
		'pdf',
	);
	return { filename, buffer: await renderPdf(lines) };
}
