/**
 * What a person does in Wekan's web UI, as the writes its client makes (Wekan v11.07, commit f5cc8e373): client
 * collection writes (Cards.insert, Cards.updateAsync, CardComments.remove, ...) and Meteor method calls
 * (createListAfter, ostrio:files' remove). The server runs each inside a Meteor method of the acting user, so the
 * write context carries that user: the collection hooks record activities with a userId, and the outgoing webhooks
 * fire (server/notifications/outgoing.js:110). The activity-recording hooks belong to each collection's model.
 *
 * Each action takes the acting user first and returns the document as it is afterwards. Permissions are not
 * checked: the client offers only what the user may do (a site admin acting on a board they are not a member of can
 * still write; that case delivers no webhook, outgoing.js:185).
 */
import type { WriteContext } from './db/collection';
import { attachmentMetaOf, removeAttachments, uploadAttachment, type UploadedFile } from './models/attachments';
import { nextCardNumber } from './models/boards';
import { archiveCard, moveCard, realCardId, restoreCard } from './models/cards';
import { archiveList } from './models/lists';
import { archiveSwimlane } from './models/swimlanes';
import type { AttachmentDoc } from './schemas/attachments';
import type { CardCommentDoc } from './schemas/cardComments';
import type { CardDoc } from './schemas/cards';
import type { ChecklistItemDoc } from './schemas/checklistItems';
import type { ChecklistDoc } from './schemas/checklists';
import type { ListDoc } from './schemas/lists';
import type { SwimlaneDoc } from './schemas/swimlanes';
import type { Wekan } from './server';

type DateKey = 'receivedAt' | 'startAt' | 'dueAt' | 'endAt';

function must<T>(doc: T | undefined, what: string, id: string): T {
	if (!doc) throw new Error(`${what} ${id} not found`);
	return doc;
}

/** Utils.calculateIndexData(last, null) (client/lib/utils.js:814-842): after the last item, else 0. */
function sortAfter(items: Array<{ sort?: number | null }>): number {
	const sorts = items.map((item) => item.sort).filter((sort): sort is number => typeof sort === 'number');
	return sorts.length ? Math.floor(Math.max(...sorts) + 1) : 0;
}

export class WekanUi {
	constructor(private readonly wekan: Wekan) {}

	private get db() {
		return this.wekan.db;
	}

	private as(userId: string): WriteContext {
		return { userId };
	}

	private card(cardId: string): CardDoc {
		return must(this.db.cards.findOne(cardId), 'card', cardId);
	}

	/** Card.getRealId (models/cards.js:1098-1107): a linked card's writes go to the card it links to. */
	private realId(card: CardDoc): string {
		return realCardId(card);
	}

	// ---- cards --------------------------------------------------------------------------------------------

	/**
	 * The list's add-card form (client/components/lists/listBody.js:159-244): Cards.insert with the form's members,
	 * labels and custom fields, at the end of the list, with the board's next card number as the client computes it
	 * (Board.getNextCardNumber off the server, models/boards.js:1959-1971).
	 */
	createCard(
		userId: string,
		input: {
			boardId: string;
			listId: string;
			swimlaneId: string;
			title: string;
			members?: string[];
			labelIds?: string[];
		},
	): CardDoc {
		const cards = this.db.cards.find({ listId: input.listId });
		const id = this.db.cards.insert(
			{
				title: input.title,
				members: input.members ?? [],
				labelIds: input.labelIds ?? [],
				customFields: [],
				listId: input.listId,
				boardId: input.boardId,
				sort: sortAfter(cards.filter((c) => c.swimlaneId === input.swimlaneId && !c.archived)),
				swimlaneId: input.swimlaneId,
				type: 'cardType-card',
				cardNumber: nextCardNumber(this.wekan, input.boardId, { onClient: true }),
				linkedId: '',
			},
			this.as(userId),
		);
		return this.card(id);
	}

	/** Card.setTitle (models/cards.js:2359-2381). */
	editCardTitle(userId: string, cardId: string, title: string): CardDoc {
		const card = this.card(cardId);
		this.db.cards.update({ _id: card._id }, { $set: { title } }, {}, this.as(userId));
		return this.card(cardId);
	}

	/** Card.setDescription (models/cards.js:1544-1550). */
	editCardDescription(userId: string, cardId: string, description: string): CardDoc {
		const card = this.card(cardId);
		this.db.cards.update({ _id: this.realId(card) }, { $set: { description } }, {}, this.as(userId));
		return this.card(cardId);
	}

	/** setReceived/setStart/setDue/setEnd and their unset* (models/cards.js:1825-1930, 3065-3079); null clears. */
	setCardDate(userId: string, cardId: string, key: DateKey, value: Date | null): CardDoc {
		const card = this.card(cardId);
		const modifier = value ? { $set: { [key]: value } } : { $unset: { [key]: '' } };
		this.db.cards.update({ _id: this.realId(card) }, modifier, {}, this.as(userId));
		return this.card(cardId);
	}

	/**
	 * A drag and drop, or the move popup: Card.move (models/cards.js:2620-2748) as the client runs it (models/cards.ts
	 * moveCard, `onClient`), its update a client write of the user. The board is the card's unless another is given.
	 */
	moveCard(
		userId: string,
		cardId: string,
		to: { boardId?: string; swimlaneId?: string; listId?: string; sort?: number },
	): CardDoc {
		const card = this.card(cardId);
		moveCard(this.wekan, card, { ...to, boardId: to.boardId ?? card.boardId }, this.as(userId), { onClient: true });
		return this.card(cardId);
	}

	/** Card.archive (models/cards.js:2557-2572): its subtasks first. */
	archiveCard(userId: string, cardId: string): CardDoc {
		archiveCard(this.wekan, this.card(cardId), this.as(userId));
		return this.card(cardId);
	}

	/** Card.restore (models/cards.js:2574-2581). */
	restoreCard(userId: string, cardId: string): CardDoc {
		restoreCard(this.wekan, this.card(cardId), this.as(userId));
		return this.card(cardId);
	}

	/** The card menu's delete (client/components/cards/cardDetails.js:2412-2430): refused while cards link to it. */
	deleteCard(userId: string, cardId: string): CardDoc {
		const card = this.card(cardId);
		if (this.db.cards.find({ linkedId: cardId }).length === 0) this.db.cards.remove(cardId, this.as(userId));
		return card;
	}

	// ---- labels, members, assignees, custom fields --------------------------------------------------------

	/** Card.addLabel / removeLabel (models/cards.js:2750-2762). */
	addLabel(userId: string, cardId: string, labelId: string): CardDoc {
		return this.changeCard(userId, cardId, { $addToSet: { labelIds: labelId } });
	}

	removeLabel(userId: string, cardId: string, labelId: string): CardDoc {
		return this.changeCard(userId, cardId, { $pull: { labelIds: labelId } });
	}

	/** Card.assignMember / unassignMember (models/cards.js:1625-1676). */
	joinMember(userId: string, cardId: string, memberId: string): CardDoc {
		return this.changeCard(userId, cardId, { $addToSet: { members: memberId } });
	}

	unjoinMember(userId: string, cardId: string, memberId: string): CardDoc {
		return this.changeCard(userId, cardId, { $pull: { members: memberId } });
	}

	/** Card.assignAssignee / unassignAssignee (models/cards.js:1639-1700). */
	joinAssignee(userId: string, cardId: string, assigneeId: string): CardDoc {
		return this.changeCard(userId, cardId, { $addToSet: { assignees: assigneeId } });
	}

	unjoinAssignee(userId: string, cardId: string, assigneeId: string): CardDoc {
		return this.changeCard(userId, cardId, { $pull: { assignees: assigneeId } });
	}

	/** Card.assignCustomField (models/cards.js:3003-3007): the field is added to the card with a null value. */
	addCustomField(userId: string, cardId: string, customFieldId: string): CardDoc {
		return this.changeCard(userId, cardId, { $addToSet: { customFields: { _id: customFieldId, value: null } } });
	}

	/** Card.setCustomField (models/cards.js:3044-3052): only a field the card has; `customFields.<index>.value`. */
	setCustomField(userId: string, cardId: string, customFieldId: string, value: unknown): CardDoc {
		const card = this.card(cardId);
		const index = (card.customFields ?? []).findIndex((f) => f._id === customFieldId);
		if (index < 0) return card;
		this.db.cards.update(this.realId(card), { $set: { [`customFields.${index}.value`]: value } }, {}, this.as(userId));
		return this.card(cardId);
	}

	private changeCard(userId: string, cardId: string, modifier: Record<string, unknown>): CardDoc {
		const card = this.card(cardId);
		this.db.cards.update({ _id: this.realId(card) }, modifier, {}, this.as(userId));
		return this.card(cardId);
	}

	// ---- comments -----------------------------------------------------------------------------------------

	/** The comment form (client/components/activities/comments.js:94-124): on a linked card, the real card's. */
	addComment(userId: string, cardId: string, text: string, parentId = ''): CardCommentDoc {
		const card = this.card(cardId);
		let boardId = card.boardId;
		let targetCardId = card._id;
		if (card.type === 'cardType-linkedCard' && card.linkedId) {
			boardId = this.card(card.linkedId).boardId;
			targetCardId = card.linkedId;
		}
		const id = this.db.card_comments.insert({ text, boardId, cardId: targetCardId, parentId }, this.as(userId));
		return must(this.db.card_comments.findOne(id), 'comment', id);
	}

	/** comments.js:190-202: an empty text is not saved. */
	editComment(userId: string, commentId: string, text: string): CardCommentDoc {
		if (text.trim()) this.db.card_comments.update(commentId, { $set: { text: text.trim() } }, {}, this.as(userId));
		return must(this.db.card_comments.findOne(commentId), 'comment', commentId);
	}

	/** comments.js:179-189. */
	deleteComment(userId: string, commentId: string): CardCommentDoc {
		const comment = must(this.db.card_comments.findOne(commentId), 'comment', commentId);
		this.db.card_comments.remove(commentId, this.as(userId));
		return comment;
	}

	// ---- checklists ---------------------------------------------------------------------------------------

	/** The add-checklist form (client/components/cards/checklists.js:142-174), at the end. */
	addChecklist(userId: string, cardId: string, title: string): ChecklistDoc {
		const card = this.card(cardId);
		const target = this.realId(card);
		const sort = sortAfter(this.db.checklists.find({ cardId: target }));
		const id = this.db.checklists.insert({ cardId: target, title, sort }, this.as(userId));
		return must(this.db.checklists.findOne(id), 'checklist', id);
	}

	/** The add-item form (checklists.js:186-243), at the end. */
	addChecklistItem(userId: string, checklistId: string, title: string): ChecklistItemDoc {
		const checklist = must(this.db.checklists.findOne(checklistId), 'checklist', checklistId);
		const sort = sortAfter(this.db.checklistItems.find({ checklistId }));
		const id = this.db.checklistItems.insert({ title, checklistId, cardId: checklist.cardId, sort }, this.as(userId));
		return must(this.db.checklistItems.findOne(id), 'checklist item', id);
	}

	/** ChecklistItem.check / uncheck (models/checklistItems.js:94-99). */
	checkItem(userId: string, itemId: string): ChecklistItemDoc {
		return this.setItemFinished(userId, itemId, true);
	}

	uncheckItem(userId: string, itemId: string): ChecklistItemDoc {
		return this.setItemFinished(userId, itemId, false);
	}

	private setItemFinished(userId: string, itemId: string, isFinished: boolean): ChecklistItemDoc {
		this.db.checklistItems.update(itemId, { $set: { isFinished } }, {}, this.as(userId));
		return must(this.db.checklistItems.findOne(itemId), 'checklist item', itemId);
	}

	/** checklists.js:321-330. */
	deleteChecklist(userId: string, checklistId: string): ChecklistDoc {
		const checklist = must(this.db.checklists.findOne(checklistId), 'checklist', checklistId);
		this.db.checklists.remove(checklistId, this.as(userId));
		return checklist;
	}

	// ---- attachments --------------------------------------------------------------------------------------

	/**
	 * The card's upload (client/components/cards/attachments.js:440-490) over ostrio:files' HTTP transport: the
	 * record is inserted by the server's HTTP handler, outside any method, so its addAttachment activity has the
	 * uploader as userId but no method user and posts no webhook. An image then becomes the card's cover, a client
	 * write of the user.
	 */
	addAttachment(userId: string, cardId: string, file: UploadedFile): AttachmentDoc {
		const card = this.card(cardId);
		const attachment = uploadAttachment(this.wekan, userId, attachmentMetaOf(this.wekan, card), file);
		if (attachment.isImage)
			this.db.cards.update(this.realId(card), { $set: { coverId: attachment._id } }, {}, this.as(userId));
		return attachment;
	}

	/**
	 * The attachment's delete (attachments.js:50-64): the cover is unset first, then Attachments.removeAsync, which the
	 * client runs as ostrio:files' remove method (server.js:849-879), with the user as Meteor.userId().
	 */
	deleteAttachment(userId: string, attachmentId: string): AttachmentDoc {
		const attachment = must(this.db.attachments.findOne(attachmentId), 'attachment', attachmentId);
		const card = attachment.meta?.cardId ? this.db.cards.findOne(attachment.meta.cardId) : undefined;
		if (card && card.coverId === attachmentId) {
			this.db.cards.update(this.realId(card), { $unset: { coverId: '' } }, {}, this.as(userId));
		}
		removeAttachments(this.wekan, attachmentId, userId, this.as(userId));
		return attachment;
	}

	// ---- lists and swimlanes ------------------------------------------------------------------------------

	/**
	 * The add-list popup calls the createListAfter method (client/components/lists/listHeader.js:872-906,
	 * server/models/lists.js:157-286); without a list to follow, the new list goes after the swimlane's last one.
	 */
	createList(userId: string, boardId: string, title: string, swimlaneId?: string): ListDoc {
		const target = swimlaneId || this.wekan.defaultSwimlaneId(boardId) || '';
		const lists = this.db.lists
			.find({ boardId, archived: false })
			.filter((l) => (l.swimlaneId || target) === target)
			.sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
		const last = lists[lists.length - 1];
		const sort = typeof last?.sort === 'number' && Number.isFinite(last.sort) ? last.sort + 1 : 0;
		const id = this.db.lists.insert({ title, boardId, sort, type: 'list', swimlaneId: target }, this.as(userId));
		return must(this.db.lists.findOne(id), 'list', id);
	}

	/** List.archive (models/lists.js:551-558): a template list archives its cards too. */
	archiveList(userId: string, listId: string): ListDoc {
		archiveList(this.wekan, must(this.db.lists.findOne(listId), 'list', listId), this.as(userId));
		return must(this.db.lists.findOne(listId), 'list', listId);
	}

	/** The add-swimlane form (client/components/swimlanes/swimlaneHeader.js:139-170), after the last swimlane. */
	createSwimlane(userId: string, boardId: string, title: string): SwimlaneDoc {
		const board = this.db.boards.findOne(boardId);
		const sort = sortAfter(this.db.swimlanes.find({ boardId }));
		const type = board?.type === 'template-container' ? 'template-swimlane' : 'swimlane';
		const id = this.db.swimlanes.insert({ title, boardId, sort, type }, this.as(userId));
		return must(this.db.swimlanes.findOne(id), 'swimlane', id);
	}

	/** Swimlane.archive (models/swimlanes.js:545-567, #2292): its cards not yet archived go with it. */
	archiveSwimlane(userId: string, swimlaneId: string): SwimlaneDoc {
		archiveSwimlane(this.wekan, must(this.db.swimlanes.findOne(swimlaneId), 'swimlane', swimlaneId), this.as(userId));
		return must(this.db.swimlanes.findOne(swimlaneId), 'swimlane', swimlaneId);
	}
}
