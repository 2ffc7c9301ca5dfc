/**
 * The Wekan JSON import: WekanCreator (models/wekanCreator.js) at Wekan v11.07 (commit f5cc8e373), which reads the
 * document GET /api/boards/:boardId/export writes (`wekan-board-1.0.0`) and builds a new board from it.
 *
 * Every write is `.direct` (no hooks, still cleaned and validated by collection2) except the attachment records,
 * which go through Attachments.writeAsync. A write the schema refuses ends the import there, with what was already
 * written left in place, as in Wekan. The creator's constructor normalises `id` to `_id` on the arrays of its `data`
 * argument (:117-137), which is the membersMapping holder, not the board, so nothing is normalised.
 */
import { BOARD_COLORS, CARD_COLORS, SWIMLANE_COLORS } from '../../schemas/constants';
import { boardSlug } from '../../schemas/slug';
import { randomId } from '../../ids';
import { nextCardNumber, uniqueBoardTitle } from '../boards';
import { importCardDependencies } from '../dependencies';
import { importBoardRules } from '../rules';
import {
	anonymizeUsersInPlace,
	arrayOf,
	dateOf,
	defined,
	type Importer,
	importSecurity,
	iterate,
	type Loose,
	prop,
	uniquePlaceholderUsername,
	writeAttachment,
} from './shared';

/** toValidDateOrNull (models/lib/importedCardDates.js:20-24). */
function validDateOrNull(value: unknown): Date | null {
	if (!value) return null;
	const date = new Date(value as string);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** planImportedBoardMember (models/lib/importedBoardMemberPlan.js:11-23). */
function planImportedBoardMember(member: unknown, importerId: string): Loose | null {
	if (!member) return null;
	const m = member as Loose;
	const memberId = m.wekanId || m.userId || m.id;
	if (!memberId || memberId === importerId) return null;
	const mapped = !!m.wekanId;
	return {
		...m,
		userId: memberId,
		wekanId: memberId,
		isActive: mapped ? m.isActive !== false : false,
		isAdmin: mapped ? !!m.isAdmin : false,
	};
}

export class WekanCreator {
	private readonly now = new Date();
	private readonly createdAt = {
		board: null as unknown,
		cards: {} as Loose,
		lists: {} as Loose,
		swimlanes: {} as Loose,
		customFields: {} as Loose,
	};
	private readonly createdBy: { cards: Loose } = { cards: {} };
	private readonly labels: Record<string, string> = {};
	private readonly swimlanes: Record<string, string> = {};
	private readonly lists: Record<string, string> = {};
	private readonly cards: Record<string, string> = {};
	private readonly customFields: Record<string, string> = {};
	private readonly commentIds: Record<string, string> = {};
	private readonly attachmentIds: Record<string, string> = {};
	private readonly checklists: Record<string, string> = {};
	private readonly comments: Record<string, unknown[]> = {};
	private readonly members: Loose;
	private readonly attachments: Record<string, Loose[]> = {};
	private defaultSwimlaneId: string | null = null;
	private defaultListId: string | null = null;

	constructor(
		private readonly importer: Importer,
		data: { membersMapping?: unknown },
	) {
		this.members = (data.membersMapping as Loose | undefined) ? { ...(data.membersMapping as Loose) } : {};
	}

	private get db() {
		return this.importer.wekan.db;
	}

	/** _now (:150-158): the given date, else the one date of the whole import. */
	private at(dateString?: unknown): Date {
		return dateString ? dateOf(dateString) : this.now;
	}

	/** _user (:168-173): the mapped user, else the importer. */
	private user(wekanUserId?: unknown): string {
		if (wekanUserId && this.members[wekanUserId as string]) return this.members[wekanUserId as string] as string;
		return this.importer.userId;
	}

	/** create (:1190-1217). */
	create(board: Loose): string {
		this.applyImportSecurity(board);
		this.createPlaceholderUsers(board);
		this.parseActivities(board);
		const boardId = this.createBoardAndLabels(board);
		this.createLists(board.lists, boardId);
		this.createSwimlanes(board.swimlanes, boardId);
		this.createCustomFields(board.customFields, boardId);
		this.createCards(board.cards, boardId);
		this.createSubtasks(board.cards);
		// :864-890
		importCardDependencies(
			this.importer.wekan,
			iterate(board.cards, 'board.cards') as Array<{ _id?: unknown; cardDependencies?: unknown }>,
			this.cards,
		);
		this.createChecklists(board.checklists, boardId);
		this.createChecklistItems(board.checklistItems, boardId);
		this.importActivities(board.activities, boardId);
		// :918-957: createTriggers, createActions and createRules iterate their arrays with for...of, which throws on
		// a missing one; the three are written together here, so a missing array fails before any of them.
		iterate(board.triggers, 'wekanTriggers');
		iterate(board.actions, 'wekanActions');
		iterate(board.rules, 'wekanRules');
		importBoardRules(
			this.importer.wekan,
			{
				triggers: board.triggers as unknown[],
				actions: board.actions as unknown[],
				rules: board.rules as unknown[],
			},
			boardId,
			{ labels: this.labels, members: this.members as Record<string, string> },
		);
		this.recordImportedUsernames(board, boardId);
		this.recreateBackgrounds(board, boardId);
		return boardId;
	}

	/** applyImportSecurity (:1277-1303): avatars dropped, or every identity anonymized, before anything is created. */
	private applyImportSecurity(board: Loose): void {
		const security = importSecurity(this.importer.wekan);
		const users = (Array.isArray(board.users) ? board.users : []) as Loose[];
		if (security.disableImportAvatars) {
			for (const user of users) {
				const profile = user?.profile as Loose | undefined;
				if (!profile) continue;
				delete profile.avatarFile;
				delete profile.avatarFileName;
				delete profile.avatarFileType;
				delete profile.avatarUrl;
			}
		}
		if (security.anonymizeImportUsers) anonymizeUsersInPlace(board, users);
	}

	/**
	 * createPlaceholderUsers (:1312-1373): an inert user under each exported user's own _id (unless the mapping names
	 * one, or a user with that id exists), and an identity mapping, so authorship stays with the original person. The
	 * insert's failure is swallowed and the mapping made all the same. The avatar file is not restored here.
	 */
	private createPlaceholderUsers(board: Loose): void {
		const users = (Array.isArray(board.users) ? board.users : []) as Loose[];
		for (const user of users) {
			if (!user || !user._id) continue;
			const id = user._id as string;
			if (this.members[id]) continue;
			const profile = (user.profile as Loose | undefined) ?? {};
			if (!this.db.users.findOne(id)) {
				const username = uniquePlaceholderUsername(this.importer, user.username || `imported-${id}`);
				try {
					this.db.users.direct.insert(
						{
							_id: id,
							username,
							profile: { fullname: profile.fullname || '', initials: profile.initials || '' },
							authenticationMethod: 'imported',
							loginDisabled: true,
							isActive: false,
							importedFromBoardId: board._id || null,
							importedAt: new Date(),
							createdAt: new Date(),
							services: {},
						},
						this.importer.context,
					);
				} catch {
					// :1346-1349: logged only.
				}
			}
			this.members[id] = id;
		}
	}

	/** parseActivities (:982-1044): attachments and comments to create with their cards, and creation dates. */
	private parseActivities(board: Loose): void {
		for (const activity of arrayOf(board.activities, 'forEach') as Loose[]) {
			switch (prop(activity, 'activityType')) {
				case 'addAttachment': {
					const attachment = (arrayOf(board.attachments, 'filter') as Loose[]).filter(
						(a) => prop(a, '_id') === activity.attachmentId,
					)[0];
					if (attachment && (attachment.url || attachment.file)) {
						const cardId = activity.cardId as string;
						(this.attachments[cardId] ??= []).push(attachment);
					}
					break;
				}
				case 'addComment': {
					const comment = (arrayOf(board.comments, 'filter') as Loose[]).filter(
						(c) => prop(c, '_id') === activity.commentId,
					)[0];
					(this.comments[activity.cardId as string] ??= []).push(comment);
					break;
				}
				case 'createBoard':
					this.createdAt.board = activity.createdAt;
					break;
				case 'createCard':
					this.createdAt.cards[activity.cardId as string] = activity.createdAt;
					this.createdBy.cards[activity.cardId as string] = activity.userId;
					break;
				case 'createList':
					this.createdAt.lists[activity.listId as string] = activity.createdAt;
					break;
				case 'createSwimlane':
					this.createdAt.swimlanes[activity.swimlaneId as string] = activity.createdAt;
					break;
				case 'createCustomField':
					this.createdAt.customFields[activity.customFieldId as string] = activity.createdAt;
					break;
			}
		}
	}

	/**
	 * createBoardAndLabels (:322-412): the importer the only active admin, every other exported member kept under
	 * its own id but inactive and not admin (unless mapped with a `wekanId`), labels under new ids, the title made
	 * unique, then modifiedAt set again and an importBoard activity.
	 */
	private createBoardAndLabels(source: Loose): string {
		const importerId = this.importer.userId;
		const title = source.title;
		if (typeof title !== 'string') {
			throw new TypeError(
				`Cannot read properties of ${title === null ? 'null' : typeof title} (reading 'replace')`,
			);
		}
		const boardToCreate: Loose = {
			archived: source.archived,
			color: BOARD_COLORS.includes(source.color as string) ? source.color : BOARD_COLORS[0],
			createdAt: this.at(source.createdAt),
			labels: [] as Loose[],
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
			] as Loose[],
			presentParentTask: source.presentParentTask,
			showDependencies: source.showDependencies || false,
			allowsPersonalListWidth: !!source.allowsPersonalListWidth,
			autoWidth: !!source.autoWidth,
			modifiedAt: this.at(source.modifiedAt),
			permission: source.permission,
			slug: boardSlug(title),
			stars: 0,
			title: uniqueBoardTitle(this.importer.wekan, title),
		};
		if (source.backgroundImageURL && !source.backgroundImageId) {
			boardToCreate.backgroundImageURL = source.backgroundImageURL;
		}
		const members = boardToCreate.members as Loose[];
		if (source.members) {
			for (const member of arrayOf(source.members, 'forEach')) {
				const entry = planImportedBoardMember(member, importerId);
				if (entry && !members.some((m) => m.wekanId === entry.wekanId)) members.push(entry);
			}
		}
		if (source.labels) {
			for (const label of arrayOf(source.labels, 'forEach') as Loose[]) {
				const labelToCreate = { _id: randomId(6), color: prop(label, 'color'), name: label.name };
				this.labels[label._id as string] = labelToCreate._id;
				(boardToCreate.labels as Loose[]).push(labelToCreate);
			}
		}
		const boardId = this.db.boards.direct.insert(defined(boardToCreate), this.importer.context);
		this.db.boards.direct.update(boardId, { $set: { modifiedAt: this.at() } }, {}, this.importer.context);
		this.db.activities.direct.insert(
			{
				activityType: 'importBoard',
				boardId,
				createdAt: this.at(),
				// The export carries `_id`, not `id`, so the source id is undefined and not stored.
				source: defined({ id: source.id, system: 'Wekan' }),
				userId: this.user(),
			},
			this.importer.context,
		);
		return boardId;
	}

	/** _createDefaultList (:684-697): a 'Default' list for cards whose list is not in the export. */
	private createDefaultList(boardId: string): string {
		const listId = this.db.lists.direct.insert(
			{ archived: false, boardId, createdAt: this.at(), title: 'Default', sort: 0 },
			this.importer.context,
		);
		this.db.lists.direct.update(listId, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
		this.defaultListId = listId;
		return listId;
	}

	/**
	 * createLists (:699-743): each list with its sort (or its index), width, color and collapsed state. The creation
	 * date is looked up by `list.id`, which an export does not have, so it is always the import's.
	 */
	private createLists(lists: unknown, boardId: string): void {
		arrayOf(lists, 'entries').forEach((item, listIndex) => {
			const list = item as Loose;
			const listToCreate: Loose = {
				archived: prop(list, 'archived'),
				boardId,
				createdAt: this.at(this.createdAt.lists[list.id as string]),
				title: list.title,
				sort: list.sort ? list.sort : listIndex,
			};
			if (typeof list.width === 'number' && list.width >= 100 && list.width <= 1000)
				listToCreate.width = list.width;
			if (list.color) listToCreate.color = list.color;
			if (typeof list.collapsed === 'boolean') listToCreate.collapsed = list.collapsed;
			const listId = this.db.lists.direct.insert(defined(listToCreate), this.importer.context);
			this.db.lists.direct.update(listId, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
			this.lists[list._id as string] = listId;
			if (!this.defaultListId) this.defaultListId = listId;
		});
	}

	/** createSwimlanes (:745-790): a 'Default' swimlane when the export has none. */
	private createSwimlanes(swimlanes: unknown, boardId: string): void {
		if (!swimlanes || (swimlanes as unknown[]).length === 0) {
			const created = this.db.swimlanes.direct.insert(
				{ archived: false, boardId, createdAt: this.at(), title: 'Default', sort: 0 },
				this.importer.context,
			);
			this.db.swimlanes.direct.update(created, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
			this.defaultSwimlaneId = created;
			return;
		}
		arrayOf(swimlanes, 'entries').forEach((item, swimlaneIndex) => {
			const swimlane = item as Loose;
			const swimlaneToCreate: Loose = {
				archived: prop(swimlane, 'archived'),
				boardId,
				createdAt: this.at(this.createdAt.swimlanes[swimlane._id as string]),
				title: swimlane.title,
				sort: swimlane.sort ? swimlane.sort : swimlaneIndex,
			};
			if (swimlane.color && SWIMLANE_COLORS.includes(swimlane.color as string))
				swimlaneToCreate.color = swimlane.color;
			const swimlaneId = this.db.swimlanes.direct.insert(defined(swimlaneToCreate), this.importer.context);
			this.db.swimlanes.direct.update(swimlaneId, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
			this.swimlanes[swimlane._id as string] = swimlaneId;
			if (!this.defaultSwimlaneId) this.defaultSwimlaneId = swimlaneId;
		});
	}

	/** createCustomFields (:641-669): each field on the new board only, then modifiedAt set again. */
	private createCustomFields(fields: unknown, boardId: string): void {
		for (const item of iterate(fields, 'wekanCustomFields')) {
			const field = item as Loose;
			const fieldToCreate = {
				boardIds: [boardId],
				name: prop(field, 'name'),
				type: field.type,
				settings: field.settings,
				showOnCard: field.showOnCard,
				showLabelOnMiniCard: field.showLabelOnMiniCard,
				automaticallyOnCard: field.automaticallyOnCard,
				alwaysOnCard: field.alwaysOnCard,
				createdAt: this.at(this.createdAt.customFields[field._id as string]),
				modifiedAt: field.modifiedAt,
			};
			const fieldId = this.db.customFields.direct.insert(defined(fieldToCreate), this.importer.context);
			this.db.customFields.direct.update(fieldId, { $set: { modifiedAt: this.at() } }, {}, this.importer.context);
			this.customFields[field._id as string] = fieldId;
		}
	}

	/**
	 * createCards (:422-634): each card on its mapped list (else the first list, else a new 'Default' one) and
	 * swimlane, its number kept or a new one drawn, its dates (importedCardDates), people, labels and custom fields
	 * mapped; then its comments and attachments.
	 */
	private createCards(cards: unknown, boardId: string): void {
		for (const item of iterate(cards, 'wekanCards')) {
			const card = item as Loose;
			const cardKey = prop(card, '_id') as string;
			let listId = this.lists[card.listId as string] || this.defaultListId;
			if (!listId) listId = this.createDefaultList(boardId);
			// importedCardDates (models/lib/importedCardDates.js:39-51)
			const createdAt =
				validDateOrNull(this.createdAt.cards[cardKey]) || validDateOrNull(card.createdAt) || this.at();
			const cardToCreate: Loose = {
				archived: card.archived,
				boardId,
				cardNumber: card.cardNumber || nextCardNumber(this.importer.wekan, boardId),
				createdAt,
				dateLastActivity: this.at(),
				description: card.description,
				listId,
				swimlaneId: this.swimlanes[card.swimlaneId as string] || this.defaultSwimlaneId,
				sort: card.sort,
				title: card.title,
				userId: this.user(this.createdBy.cards[cardKey] || card.userId),
				isOvertime: card.isOvertime || false,
				receivedAt: validDateOrNull(card.receivedAt),
				startAt: validDateOrNull(card.startAt),
				dueAt: validDateOrNull(card.dueAt),
				endAt: validDateOrNull(card.endAt),
				spentTime: card.spentTime || null,
				requestedBy: card.requestedBy || '',
				assignedBy: card.assignedBy || '',
			};
			for (const key of ['requesters', 'assigners']) {
				const mapped = arrayOf(card[key] || [], 'map')
					.map((userId) => this.members[userId as string])
					.filter(Boolean);
				cardToCreate[key] = [...new Set(mapped)];
			}
			if (card.labelIds)
				cardToCreate.labelIds = arrayOf(card.labelIds, 'map').map((id) => this.labels[id as string]);
			for (const key of ['members', 'assignees']) {
				if (!card[key]) continue;
				const people: unknown[] = [];
				for (const sourceId of arrayOf(card[key], 'forEach')) {
					const wekanId = this.members[sourceId as string];
					if (wekanId && !people.includes(wekanId)) people.push(wekanId);
				}
				if (people.length > 0) cardToCreate[key] = people;
			}
			if (card.color && CARD_COLORS.includes(card.color as string)) cardToCreate.color = card.color;
			if (card.customFields) {
				cardToCreate.customFields = arrayOf(card.customFields, 'map').map((field) => ({
					_id: this.customFields[prop(field, '_id') as string],
					value: (field as Loose).value,
				}));
			}
			const cardId = this.db.cards.direct.insert(defined(cardToCreate), this.importer.context);
			this.cards[cardKey] = cardId;
			for (const comment of this.comments[cardKey] ?? []) {
				const commentToCreate = {
					boardId,
					cardId,
					createdAt: this.at(prop(comment, 'createdAt')),
					text: (comment as Loose).text,
					userId: this.user((comment as Loose).userId),
				};
				const commentId = this.db.card_comments.direct.insert(defined(commentToCreate), this.importer.context);
				this.commentIds[(comment as Loose)._id as string] = commentId;
			}
			for (const attachment of this.attachments[cardKey] ?? []) {
				const meta = { boardId, cardId, source: 'import' };
				try {
					if (attachment.file) {
						const file = writeAttachment(this.importer, Buffer.from(attachment.file as string, 'base64'), {
							fileName: (attachment.name as string) || 'attachment',
							type: (attachment.type as string) || 'application/octet-stream',
							userId: this.user(attachment.userId),
							meta,
						});
						this.attachmentIds[attachment._id as string] = file._id;
						if (card.coverId === attachment._id) {
							this.db.cards.direct.update(
								cardId,
								{ $set: { coverId: file._id } },
								{},
								this.importer.context,
							);
						}
					}
					// An attachment with only a `url` is downloaded from the Internet (fetchImportedAttachment); this
					// server fetches nothing, so such an attachment is left out, as a blocked or failed download is.
				} catch {
					// :629-633: one failed attachment does not stop the import.
				}
			}
		}
	}

	/** createSubtasks (:837-860): a parent that was imported too is remapped; one elsewhere that exists is kept. */
	private createSubtasks(cards: unknown): void {
		for (const item of iterate(cards, 'wekanCards')) {
			const card = item as Loose;
			const newId = this.cards[card._id as string];
			const parentId = this.cards[card.parentId as string] ? this.cards[card.parentId as string] : card.parentId;
			if (parentId === undefined || parentId === null || parentId === '') continue;
			if (this.db.cards.findOne(parentId as string)) {
				this.db.cards.direct.update(newId, { $set: { parentId } }, {}, this.importer.context);
			}
		}
	}

	/** createChecklists (:892-916): checklists of imported cards, with the boardId the skipped hook would set. */
	private createChecklists(checklists: unknown, boardId: string): void {
		arrayOf(checklists, 'entries').forEach((item, index) => {
			const checklist = item as Loose;
			if (!this.cards[prop(checklist, 'cardId') as string]) return;
			const checklistId = this.db.checklists.direct.insert(
				defined({
					cardId: this.cards[checklist.cardId as string],
					boardId,
					title: checklist.title,
					createdAt: checklist.createdAt,
					sort: checklist.sort ? checklist.sort : index,
				}),
				this.importer.context,
			);
			this.checklists[checklist._id as string] = checklistId;
		});
	}

	/** createChecklistItems (:959-980): items of imported checklists. */
	private createChecklistItems(items: unknown, boardId: string): void {
		arrayOf(items, 'entries').forEach((entry, index) => {
			const item = entry as Loose;
			if (!this.checklists[prop(item, 'checklistId') as string]) return;
			this.db.checklistItems.direct.insert(
				defined({
					title: item.title,
					checklistId: this.checklists[item.checklistId as string],
					cardId: this.cards[item.cardId as string],
					boardId,
					sort: item.sort ? item.sort : index,
					isFinished: item.isFinished,
				}),
				this.importer.context,
			);
		});
	}

	/** importActivities (:1046-1166): the activity types the board can replay, with ids mapped. */
	private importActivities(activities: unknown, boardId: string): void {
		for (const item of iterate(activities, 'activities')) {
			const activity = item as Loose;
			const common = { userId: this.user(activity.userId), activityType: activity.activityType };
			const at = this.at(activity.createdAt);
			let doc: Loose | undefined;
			switch (activity.activityType) {
				case 'createBoard':
					doc = { ...common, type: 'board', activityTypeId: boardId, boardId, createdAt: at };
					break;
				case 'createList':
					doc = {
						...common,
						type: 'list',
						listId: this.lists[activity.listId as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'createCard':
					doc = {
						...common,
						listId: this.lists[activity.listId as string],
						cardId: this.cards[activity.cardId as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'moveCard':
					doc = {
						userId: common.userId,
						oldListId: this.lists[activity.oldListId as string],
						activityType: activity.activityType,
						listId: this.lists[activity.listId as string],
						cardId: this.cards[activity.cardId as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'addComment':
					doc = {
						...common,
						cardId: this.cards[activity.cardId as string],
						commentId: this.commentIds[activity.commentId as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'addAttachment':
					doc = {
						userId: common.userId,
						type: 'card',
						activityType: activity.activityType,
						attachmentId: this.attachmentIds[activity.attachmentId as string],
						cardId: this.cards[activity.cardId as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'addChecklist':
					doc = {
						...common,
						cardId: this.cards[activity.cardId as string],
						checklistId: this.checklists[activity.checklistId as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'addChecklistItem': {
					const itemId = prop(activity, 'checklistItemId');
					if (typeof itemId !== 'string')
						throw new TypeError('activity.checklistItemId.replace is not a function');
					doc = {
						...common,
						cardId: this.cards[activity.cardId as string],
						checklistId: this.checklists[activity.checklistId as string],
						checklistItemId: itemId.replace(
							String(activity.checklistId),
							String(this.checklists[activity.checklistId as string]),
						),
						boardId,
						createdAt: at,
					};
					break;
				}
			}
			if (doc) this.db.activities.direct.insert(defined(doc), this.importer.context);
		}
	}

	/**
	 * recordImportedUsernames (:1380-1410): a member mapped to a user that exists gets the exported username in their
	 * importUsernames; the others' usernames go to the board's importUsernames.
	 */
	private recordImportedUsernames(board: Loose, boardId: string): void {
		const usersById = new Map<unknown, Loose>();
		for (const user of arrayOf(board.users || [], 'forEach') as Loose[]) usersById.set(prop(user, '_id'), user);
		const unmapped: string[] = [];
		for (const item of iterate(board.members || [], 'board.members')) {
			const member = item as Loose;
			const sourceId = member.id || member.userId;
			const username =
				(usersById.get(sourceId)?.username as string | undefined) || (member.username as string | undefined);
			if (!username) continue;
			const wekanId = this.members[sourceId as string] as string | undefined;
			const mapped = wekanId ? this.db.users.findOne(wekanId) : undefined;
			if (mapped) {
				this.db.users.direct.update(
					wekanId as string,
					{ $addToSet: { importUsernames: username } },
					{},
					this.importer.context,
				);
			} else if (!unmapped.includes(username)) {
				unmapped.push(username);
			}
		}
		if (unmapped.length) {
			this.db.boards.direct.update(
				boardId,
				{ $addToSet: { importUsernames: { $each: unmapped } } },
				{},
				this.importer.context,
			);
		}
	}

	/**
	 * recreateBackgrounds (:1219-1251): board-background attachments with their bytes recreated on the new board (a
	 * hooked insert whose source is not 'import', so an addAttachment activity is recorded), and the active one
	 * pointed at again.
	 */
	private recreateBackgrounds(board: Loose, boardId: string): void {
		const backgrounds = (arrayOf(board.attachments || [], 'filter') as Loose[]).filter(
			(a) => a && a.source === 'board-background' && a.file && !a.cardId,
		);
		if (!backgrounds.length) return;
		const idMap: Record<string, string> = {};
		for (const background of backgrounds) {
			try {
				const file = writeAttachment(this.importer, Buffer.from(background.file as string, 'base64'), {
					fileName: (background.name as string) || 'background',
					type: (background.type as string) || 'image/jpeg',
					userId: this.user(),
					meta: { boardId, source: 'board-background' },
				});
				if (file._id && background._id) idMap[background._id as string] = file._id;
			} catch {
				// :1238-1242: logged only.
			}
		}
		const active = board.backgroundImageId && idMap[board.backgroundImageId as string];
		if (active) {
			this.db.boards.direct.update(
				boardId,
				{ $set: { backgroundImageId: active, backgroundImageURL: `/cdn/storage/attachments/${active}` } },
				{},
				this.importer.context,
			);
		}
	}
}
