/**
 * The import INTO an existing board that POST /api/import/zip runs: ScopedImporter
 * (models/server/scopedImporter.js), with sortsAfter (models/lib/insertPosition.js) and pruneImportDocument
 * (models/lib/importParts.js), at Wekan v11.07 (commit f5cc8e373).
 *
 * The document is a Wekan export; what it holds is added beside what the board has: swimlanes (below the target
 * one), lists (a list of the same title is reused unless a list is the target), cards at the end of the fallback
 * list (or below the target card), then their checklists, comments and attachments. Everything is new, with new ids;
 * labels are not brought over. Writes are `.direct`, outside any method (no user id for collection2).
 */
import type { AttachmentDoc } from '../../schemas/attachments';
import type { Wekan } from '../../server';
import { sortBySort } from '../exportFormats/common';
import { type Importer, type Loose, writeAttachment } from './shared';

/** PART_ARRAYS (importParts.js:20-27): the arrays each selection key covers. */
const PART_ARRAYS: Readonly<Record<string, string[]>> = {
	comments: ['comments', 'cardComments', 'actions'],
	checklists: ['checklists', 'checklistItems'],
	attachments: ['attachments'],
	'custom-fields': ['customFields'],
	activities: ['activities'],
	subtasks: ['subtaskItems'],
};

/** pruneImportDocument (importParts.js:29-44): the known parts the selection leaves out are emptied. */
export function pruneImportDocument(doc: Loose, fields: readonly string[] | null): Loose {
	if (!doc || typeof doc !== 'object' || !Array.isArray(fields) || fields.length === 0) return doc;
	const wanted = new Set(fields);
	for (const [key, arrays] of Object.entries(PART_ARRAYS)) {
		if (wanted.has(key)) continue;
		for (const name of arrays) if (Array.isArray(doc[name])) doc[name] = [];
	}
	return doc;
}

/**
 * sortsAfter (insertPosition.js:27-61): `count` sort values right after `targetSort`, evenly in the gap before the
 * next one; at the top when there is no target; counting on from the target when it is the last.
 */
export function sortsAfter(existing: unknown[], targetSort: unknown, count = 1): number[] {
	if (!Number.isFinite(count) || count < 1) return [];
	const sorts = existing.filter((value): value is number => Number.isFinite(value)).sort((a, b) => a - b);
	const target = Number.isFinite(targetSort) ? (targetSort as number) : undefined;
	if (sorts.length === 0) {
		const from = target !== undefined ? target + 1 : 0;
		return Array.from({ length: count }, (_unused, index) => from + index);
	}
	if (target === undefined) return Array.from({ length: count }, (_unused, index) => sorts[0] - (count - index));
	const next = sorts.find((value) => value > target);
	if (next === undefined) return Array.from({ length: count }, (_unused, index) => target + 1 + index);
	const step = (next - target) / (count + 1);
	return Array.from({ length: count }, (_unused, index) => target + step * (index + 1));
}

export interface ScopedTarget {
	boardId: string;
	swimlaneId?: string;
	listId?: string;
	cardId?: string;
}

export interface ImportCounts {
	swimlanes: number;
	lists: number;
	cards: number;
	checklists: number;
	comments: number;
	attachments: number;
}

const isPlainObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

export class ScopedImporter {
	private readonly fields: Set<string> | null;
	private readonly cardIdMap: Record<string, string> = {};
	private readonly cardListId: Record<string, string> = {};
	private readonly cardSwimlaneId: Record<string, string> = {};
	private readonly listIdMap: Record<string, string> = {};
	private readonly swimlaneIdMap: Record<string, string> = {};
	private readonly counts: ImportCounts = {
		swimlanes: 0,
		lists: 0,
		cards: 0,
		checklists: 0,
		comments: 0,
		attachments: 0,
	};
	private readonly importer: Importer;

	constructor(
		private readonly wekan: Wekan,
		private readonly target: ScopedTarget,
		private readonly doc: Loose,
		private readonly options: {
			userId: string;
			fields: string[] | null;
			/** The .zip route's: the bytes of an attachment's file in the archive, or null. */
			attachmentBytes?: (attachment: Loose) => Buffer | null;
		},
	) {
		this.fields = options.fields && options.fields.length > 0 ? new Set(options.fields) : null;
		// REST, outside a method: collection2 sees no user.
		this.importer = { wekan, userId: options.userId, context: {} };
	}

	private get db() {
		return this.wekan.db;
	}

	private has(key: string) {
		return this.fields === null || this.fields.has(key);
	}

	private rows(key: string): Loose[] {
		const value = this.doc[key];
		return Array.isArray(value) ? (value as Loose[]) : [];
	}

	/** run (scopedImporter.js:73-84): by what the target names. */
	run(): ImportCounts {
		const board = this.db.boards.findOne(this.target.boardId);
		if (!board) throw new Error('Board not found');
		if (this.target.cardId) this.importCards();
		else if (this.target.listId) this.importLists();
		else this.importSwimlanes();
		return this.counts;
	}

	/** _importSwimlanes (:87-121). */
	private importSwimlanes(): void {
		const swimlanes = this.rows('swimlanes');
		if (!swimlanes.length) {
			this.importLists();
			return;
		}
		const boardId = this.target.boardId;
		const existing = this.db.swimlanes.find({ boardId });
		const target = this.target.swimlaneId ? existing.find((s) => s._id === this.target.swimlaneId) : undefined;
		const sorts = sortsAfter(
			existing.map((s) => s.sort),
			target ? target.sort : undefined,
			swimlanes.length,
		);
		swimlanes.forEach((swimlane, index) => {
			const newId = this.db.swimlanes.direct.insert({
				archived: false,
				boardId,
				createdAt: new Date(),
				updatedAt: new Date(),
				title: swimlane.title || 'Swimlane',
				sort: sorts[index],
				...(swimlane.color ? { color: swimlane.color } : {}),
				...(swimlane.type ? { type: swimlane.type } : {}),
			});
			this.swimlaneIdMap[swimlane._id as string] = newId;
			this.counts.swimlanes += 1;
		});
		this.importLists();
	}

	/** _importLists (:124-171): a list whose title the board has is reused, unless a list is the target. */
	private importLists(): void {
		const lists = this.rows('lists');
		const boardId = this.target.boardId;
		const existing = this.db.lists.find({ boardId });
		const byTitle = new Map(existing.map((list) => [String(list.title || ''), list._id]));
		const target = this.target.listId ? existing.find((list) => list._id === this.target.listId) : undefined;
		const toCreate = lists.filter((list) => !byTitle.has(String(list.title || '')) || Boolean(this.target.listId));
		const sorts = sortsAfter(
			existing.map((list) => list.sort),
			target ? target.sort : undefined,
			toCreate.length,
		);
		let created = 0;
		for (const list of lists) {
			const title = String(list.title || 'List');
			if (!this.target.listId && byTitle.has(title)) {
				this.listIdMap[list._id as string] = byTitle.get(title) as string;
				continue;
			}
			const newId = this.db.lists.direct.insert({
				archived: false,
				boardId,
				createdAt: new Date(),
				updatedAt: new Date(),
				title,
				sort: sorts[created],
				...(list.color ? { color: list.color } : {}),
				...(typeof list.width === 'number' ? { width: list.width } : {}),
				...(typeof list.collapsed === 'boolean' ? { collapsed: list.collapsed } : {}),
			});
			this.listIdMap[list._id as string] = newId;
			this.counts.lists += 1;
			created += 1;
		}
		this.importCards();
	}

	/** _importCards (:174-268): then the cards' checklists, comments and attachments. */
	private importCards(): void {
		const cards = this.rows('cards');
		if (!cards.length) return;
		const { db } = this;
		const boardId = this.target.boardId;
		const board = db.boards.findOne(boardId);
		const targetCard = this.target.cardId ? db.cards.findOne(this.target.cardId) : undefined;
		const fallbackListId =
			this.target.listId || targetCard?.listId || sortBySort(db.lists.find({ boardId }))[0]?._id;
		const fallbackSwimlaneId =
			this.target.swimlaneId || targetCard?.swimlaneId || sortBySort(db.swimlanes.find({ boardId }))[0]?._id;
		const siblings = db.cards.find({
			boardId,
			listId: fallbackListId as string,
			swimlaneId: fallbackSwimlaneId as string,
			archived: false,
		});
		const sorts = sortsAfter(
			siblings.map((card) => card.sort),
			targetCard ? targetCard.sort : undefined,
			cards.length,
		);
		const customFieldMap = this.customFieldMap();
		cards.forEach((card, index) => {
			const listId = this.listIdMap[card.listId as string] || fallbackListId;
			const swimlaneId = this.swimlaneIdMap[card.swimlaneId as string] || fallbackSwimlaneId;
			if (!listId || !swimlaneId) return;
			const toCreate: Loose = {
				archived: false,
				boardId,
				listId,
				swimlaneId,
				title: card.title || '',
				sort: sorts[index],
				createdAt: new Date(),
				dateLastActivity: new Date(),
				userId: this.options.userId,
				labelIds: [],
				members: [],
				assignees: [],
			};
			if (this.has('description') && card.description) toCreate.description = card.description;
			if (this.has('people')) {
				if (card.requestedBy) toCreate.requestedBy = card.requestedBy;
				if (card.assignedBy) toCreate.assignedBy = card.assignedBy;
				const memberIds = new Set((board?.members ?? []).map((member) => member.userId));
				toCreate.requesters = ((card.requesters as unknown[] | undefined) ?? []).filter((id) =>
					memberIds.has(id as string),
				);
				toCreate.assigners = ((card.assigners as unknown[] | undefined) ?? []).filter((id) =>
					memberIds.has(id as string),
				);
			}
			if (this.has('dates')) {
				for (const key of ['receivedAt', 'startAt', 'dueAt', 'endAt']) {
					if (card[key]) toCreate[key] = new Date(card[key] as string);
				}
				if (typeof card.spentTime === 'number') toCreate.spentTime = card.spentTime;
				if (typeof card.isOvertime === 'boolean') toCreate.isOvertime = card.isOvertime;
			}
			if (this.has('voting') && isPlainObject(card.vote)) toCreate.vote = card.vote;
			if (this.has('poker') && isPlainObject(card.poker)) toCreate.poker = card.poker;
			if (this.has('custom-fields') && Array.isArray(card.customFields)) {
				const mapped = (card.customFields as Loose[])
					.map((field) => {
						const newId = customFieldMap[(field && field._id) as string];
						return newId ? { _id: newId, value: field.value } : null;
					})
					.filter(Boolean);
				if (mapped.length) toCreate.customFields = mapped;
			}
			const newCardId = db.cards.direct.insert(toCreate);
			this.cardIdMap[card._id as string] = newCardId;
			this.cardListId[newCardId] = listId;
			this.cardSwimlaneId[newCardId] = swimlaneId;
			this.counts.cards += 1;
		});
		this.importChecklists();
		this.importComments();
		this.importAttachments();
	}

	/** _customFieldMap (:356-368): a field comes over only when the board has one of the same name. */
	private customFieldMap(): Record<string, string> {
		if (!this.has('custom-fields')) return {};
		const incoming = this.rows('customFields');
		if (!incoming.length) return {};
		const byName = new Map(
			this.db.customFields
				.find({ boardIds: this.target.boardId })
				.map((field) => [String(field.name || ''), field._id]),
		);
		const map: Record<string, string> = {};
		for (const field of incoming) {
			const match = byName.get(String(field.name || ''));
			if (match) map[field._id as string] = match;
		}
		return map;
	}

	/** _importChecklists (:370-405): without the boardId the skipped hook would set. */
	private importChecklists(): void {
		if (!this.has('checklists')) return;
		const checklistIdMap: Record<string, string> = {};
		for (const checklist of this.rows('checklists')) {
			const cardId = this.cardIdMap[checklist.cardId as string];
			if (!cardId) continue;
			const newId = this.db.checklists.direct.insert({
				cardId,
				title: checklist.title || 'Checklist',
				sort: typeof checklist.sort === 'number' ? checklist.sort : 0,
				createdAt: new Date(),
				...(typeof checklist.hideCheckedItems === 'boolean'
					? { hideCheckedItems: checklist.hideCheckedItems }
					: {}),
			});
			checklistIdMap[checklist._id as string] = newId;
			this.counts.checklists += 1;
		}
		for (const item of this.rows('checklistItems')) {
			const checklistId = checklistIdMap[item.checklistId as string];
			const cardId = this.cardIdMap[item.cardId as string];
			if (!checklistId || !cardId) continue;
			this.db.checklistItems.direct.insert({
				cardId,
				checklistId,
				title: item.title || '',
				isFinished: Boolean(item.isFinished),
				sort: typeof item.sort === 'number' ? item.sort : 0,
				createdAt: new Date(),
			});
		}
	}

	/** _importComments (:407-427): attributed to the importing user. */
	private importComments(): void {
		if (!this.has('comments')) return;
		for (const comment of this.rows('comments')) {
			const cardId = this.cardIdMap[comment.cardId as string];
			if (!cardId) continue;
			this.db.card_comments.direct.insert({
				boardId: this.target.boardId,
				cardId,
				text: comment.text || '',
				userId: this.options.userId,
				createdAt: new Date(),
				modifiedAt: new Date(),
			});
			this.counts.comments += 1;
		}
	}

	/**
	 * _importAttachments (:279-353): the archive's file for each attachment of an imported card (addFile, modelled as
	 * the same record writeAsync makes), else the document's base64; a URL is not downloaded here. One failure does
	 * not stop the others.
	 */
	private importAttachments(): void {
		if (!this.has('attachments')) return;
		for (const attachment of this.rows('attachments')) {
			const cardId = this.cardIdMap[attachment.cardId as string];
			if (!cardId) continue;
			try {
				const meta = {
					boardId: this.target.boardId,
					cardId,
					listId: this.cardListId[cardId],
					swimlaneId: this.cardSwimlaneId[cardId],
					source: 'import',
				};
				const fromArchive = this.options.attachmentBytes ? this.options.attachmentBytes(attachment) : null;
				let written: AttachmentDoc | undefined;
				if (fromArchive) {
					written = writeAttachment(this.importer, fromArchive, {
						fileName: (attachment.name as string) || 'attachment',
						type: (attachment.type as string) || 'application/octet-stream',
						userId: this.options.userId,
						meta,
					});
				} else if (attachment.file) {
					const buffer = Buffer.from(attachment.file as string, 'base64');
					if (!buffer.length) continue;
					written = writeAttachment(this.importer, buffer, {
						fileName: (attachment.name as string) || 'attachment',
						type: (attachment.type as string) || 'application/octet-stream',
						userId: this.options.userId,
						meta,
					});
				}
				if (written) this.counts.attachments += 1;
			} catch {
				// :347-351: logged only.
			}
		}
	}
}
