/**
 * Acting "as a user in the Wekan web UI": writes that go through Meteor methods, so they record activities with
 * a userId and fire outgoing webhooks, unlike most REST writes (wekan-api.md §4.5).
 *
 * Each method takes the acting user first and returns the document it created or changed. Permissions are not
 * checked: the client only offers what the user may do, and a site admin acting on a board they are not a
 * member of must still be able to write (that case delivers no webhook).
 */
import { randomId } from './ids';
import type { ActivityDoc, AttachmentDoc, CardDoc, ChecklistDoc, ChecklistItemDoc, CommentDoc, ListDoc, SwimlaneDoc } from './model';
import { recordAttachmentActivity } from './routes/attachments';
import type { Wekan } from './server';

type DateKey = 'receivedAt' | 'startAt' | 'dueAt' | 'endAt';

function must<T>(doc: T | undefined, what: string, id: string): T {
	if (!doc) throw new Error(`${what} ${id} not found`);
	return doc;
}

export class WekanUi {
	constructor(private readonly wekan: Wekan) {}

	private get store() {
		return this.wekan.store;
	}

	private card(cardId: string): CardDoc {
		return must(this.store.cards.get(cardId), 'card', cardId);
	}

	private record(userId: string, activityType: string, fields: Record<string, unknown>): ActivityDoc {
		return this.wekan.webhooks.record({ activityType, userId, boardId: '', ...fields, origin: 'ui' });
	}

	/** A card activity carries where the card is, as Wekan's card hooks record it. */
	private cardActivity(userId: string, activityType: string, card: CardDoc, fields: Record<string, unknown> = {}): ActivityDoc {
		return this.record(userId, activityType, {
			boardId: card.boardId,
			cardId: card._id,
			cardTitle: card.title,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
			...fields,
		});
	}

	private nextSort(docs: Array<{ sort?: number }>): number {
		const sorts = docs.map((d) => d.sort ?? 0);
		return sorts.length ? Math.max(...sorts) + 1 : 0;
	}

	// ---- cards --------------------------------------------------------------------------------------------

	createCard(userId: string, input: { boardId: string; listId: string; swimlaneId: string; title: string; description?: string }): CardDoc {
		const card = this.store.newCard({
			...input,
			description: input.description ?? '',
			userId,
			sort: this.nextSort(this.wekan.cardsOfList(input.listId)),
		});
		this.cardActivity(userId, 'createCard', card);
		return card;
	}

	editCardTitle(userId: string, cardId: string, title: string): CardDoc {
		const card = this.card(cardId);
		const oldValue = card.title;
		card.title = title;
		this.store.touchCard(card);
		this.cardActivity(userId, 'a-changedTitle', card, { oldValue, value: title });
		return card;
	}

	editCardDescription(userId: string, cardId: string, description: string): CardDoc {
		const card = this.card(cardId);
		const oldValue = card.description;
		card.description = description;
		this.store.touchCard(card);
		this.cardActivity(userId, 'a-changedDescription', card, { oldValue, value: description });
		return card;
	}

	/** `null` clears the date. The activity is `a-<key>` with the new and old values. */
	setCardDate(userId: string, cardId: string, key: DateKey, value: Date | null): CardDoc {
		const card = this.card(cardId);
		const old = card[key];
		if (value) card[key] = value;
		else delete card[key];
		this.store.touchCard(card);
		this.cardActivity(userId, `a-${key}`, card, { timeKey: key, timeValue: value ?? undefined, timeOldValue: old });
		return card;
	}

	/** Within the board: another list and/or swimlane (moveCard). With `boardId` of another board: moveCardBoard. */
	moveCard(userId: string, cardId: string, to: { listId?: string; swimlaneId?: string; boardId?: string; sort?: number }): CardDoc {
		const card = this.card(cardId);
		const old = { boardId: card.boardId, listId: card.listId, swimlaneId: card.swimlaneId };
		if (to.boardId) card.boardId = to.boardId;
		if (to.listId) card.listId = to.listId;
		if (to.swimlaneId) card.swimlaneId = to.swimlaneId;
		if (to.sort !== undefined) card.sort = to.sort;
		const now = new Date();
		this.store.touchCard(card, now);
		const oldList = this.store.lists.get(old.listId);
		if (oldList) oldList.cardsModifiedAt = now;
		if (card.boardId !== old.boardId) {
			this.record(userId, 'moveCardBoard', {
				boardId: card.boardId,
				oldBoardId: old.boardId,
				cardId: card._id,
				swimlaneId: card.swimlaneId,
				oldSwimlaneId: old.swimlaneId,
			});
		} else if (card.listId !== old.listId || card.swimlaneId !== old.swimlaneId) {
			this.cardActivity(userId, 'moveCard', card, { oldListId: old.listId, oldSwimlaneId: old.swimlaneId });
		}
		return card;
	}

	archiveCard(userId: string, cardId: string): CardDoc {
		const card = this.card(cardId);
		card.archived = true;
		card.archivedAt = new Date();
		this.store.touchCard(card);
		this.cardActivity(userId, 'archivedCard', card);
		return card;
	}

	restoreCard(userId: string, cardId: string): CardDoc {
		const card = this.card(cardId);
		card.archived = false;
		delete card.archivedAt;
		this.store.touchCard(card);
		this.cardActivity(userId, 'restoredCard', card);
		return card;
	}

	/** Logged before the removal, so the payload can still name the card. */
	deleteCard(userId: string, cardId: string): CardDoc {
		const card = this.card(cardId);
		this.cardActivity(userId, 'deleteCard', card);
		this.wekan.deleteCardDeep(cardId);
		return card;
	}

	// ---- comments -----------------------------------------------------------------------------------------

	addComment(userId: string, cardId: string, text: string): CommentDoc {
		const card = this.card(cardId);
		const now = new Date();
		const comment = this.store.comments.insert({
			_id: randomId(),
			boardId: card.boardId,
			cardId,
			text,
			createdAt: now,
			modifiedAt: now,
			userId,
		});
		this.cardActivity(userId, 'addComment', card, { commentId: comment._id });
		return comment;
	}

	editComment(userId: string, commentId: string, text: string): CommentDoc {
		const comment = must(this.store.comments.get(commentId), 'comment', commentId);
		comment.text = text;
		comment.modifiedAt = new Date();
		this.cardActivity(userId, 'editComment', this.card(comment.cardId), { commentId });
		return comment;
	}

	deleteComment(userId: string, commentId: string): CommentDoc {
		const comment = must(this.store.comments.get(commentId), 'comment', commentId);
		this.store.comments.remove(commentId);
		this.cardActivity(userId, 'deleteComment', this.card(comment.cardId), { commentId, commentText: comment.text });
		return comment;
	}

	// ---- labels, members, assignees -----------------------------------------------------------------------

	addLabel(userId: string, cardId: string, labelId: string): CardDoc {
		return this.toggle(userId, cardId, 'labelIds', labelId, true, 'addedLabel', { labelId });
	}

	removeLabel(userId: string, cardId: string, labelId: string): CardDoc {
		return this.toggle(userId, cardId, 'labelIds', labelId, false, 'removedLabel', { labelId });
	}

	joinMember(userId: string, cardId: string, memberId: string): CardDoc {
		return this.toggle(userId, cardId, 'members', memberId, true, 'joinMember', { memberId });
	}

	unjoinMember(userId: string, cardId: string, memberId: string): CardDoc {
		return this.toggle(userId, cardId, 'members', memberId, false, 'unjoinMember', { memberId });
	}

	joinAssignee(userId: string, cardId: string, assigneeId: string): CardDoc {
		return this.toggle(userId, cardId, 'assignees', assigneeId, true, 'joinAssignee', { assigneeId });
	}

	unjoinAssignee(userId: string, cardId: string, assigneeId: string): CardDoc {
		return this.toggle(userId, cardId, 'assignees', assigneeId, false, 'unjoinAssignee', { assigneeId });
	}

	/** $addToSet / $pull on one of the card's id arrays; the hooks log only a real change. */
	private toggle(
		userId: string,
		cardId: string,
		key: 'labelIds' | 'members' | 'assignees',
		id: string,
		add: boolean,
		activityType: string,
		fields: Record<string, unknown>,
	): CardDoc {
		const card = this.card(cardId);
		const present = card[key].includes(id);
		if (present === add) return card;
		card[key] = add ? [...card[key], id] : card[key].filter((x) => x !== id);
		this.store.touchCard(card);
		this.cardActivity(userId, activityType, card, fields);
		return card;
	}

	// ---- checklists ---------------------------------------------------------------------------------------

	addChecklist(userId: string, cardId: string, title: string): ChecklistDoc {
		const card = this.card(cardId);
		const now = new Date();
		const checklist = this.store.checklists.insert({
			_id: randomId(),
			cardId,
			boardId: card.boardId,
			title,
			createdAt: now,
			modifiedAt: now,
			sort: this.nextSort(this.store.checklists.find((c) => c.cardId === cardId)),
		});
		this.cardActivity(userId, 'addChecklist', card, { checklistId: checklist._id });
		return checklist;
	}

	addChecklistItem(userId: string, checklistId: string, title: string): ChecklistItemDoc {
		const checklist = must(this.store.checklists.get(checklistId), 'checklist', checklistId);
		const now = new Date();
		const item = this.store.checklistItems.insert({
			_id: randomId(),
			title,
			sort: this.nextSort(this.store.checklistItems.find((i) => i.checklistId === checklistId)),
			isFinished: false,
			checklistId,
			cardId: checklist.cardId,
			boardId: checklist.boardId,
			createdAt: now,
			modifiedAt: now,
		});
		this.cardActivity(userId, 'addChecklistItem', this.card(checklist.cardId), { checklistId, checklistItemId: item._id });
		return item;
	}

	checkItem(userId: string, itemId: string): ChecklistItemDoc {
		return this.setItemFinished(userId, itemId, true);
	}

	uncheckItem(userId: string, itemId: string): ChecklistItemDoc {
		return this.setItemFinished(userId, itemId, false);
	}

	/** Also logs completeChecklist when the last open item is checked, and uncompleteChecklist when a done one reopens. */
	private setItemFinished(userId: string, itemId: string, finished: boolean): ChecklistItemDoc {
		const item = must(this.store.checklistItems.get(itemId), 'checklist item', itemId);
		if (item.isFinished === finished) return item;
		const checklist = must(this.store.checklists.get(item.checklistId), 'checklist', item.checklistId);
		const card = this.card(item.cardId);
		const items = () => this.store.checklistItems.find((i) => i.checklistId === checklist._id);
		const wasComplete = items().every((i) => i.isFinished);
		item.isFinished = finished;
		item.modifiedAt = new Date();
		const fields = { checklistId: checklist._id, checklistItemId: item._id };
		this.cardActivity(userId, finished ? 'checkedItem' : 'uncheckedItem', card, fields);
		const isComplete = items().every((i) => i.isFinished);
		if (isComplete && !wasComplete) {
			checklist.finishedAt = new Date();
			this.cardActivity(userId, 'completeChecklist', card, { checklistId: checklist._id });
		} else if (wasComplete && !isComplete) {
			delete checklist.finishedAt;
			this.cardActivity(userId, 'uncompleteChecklist', card, { checklistId: checklist._id });
		}
		return item;
	}

	// ---- custom fields, attachments -----------------------------------------------------------------------

	setCustomField(userId: string, cardId: string, customFieldId: string, value: unknown): CardDoc {
		const card = this.card(cardId);
		card.customFields = [...card.customFields.filter((f) => f._id !== customFieldId), { _id: customFieldId, value }];
		this.store.touchCard(card);
		this.cardActivity(userId, 'setCustomField', card, { customFieldId, value });
		return card;
	}

	addAttachment(userId: string, cardId: string, file: { name: string; type?: string; data: Buffer | string }): AttachmentDoc {
		const card = this.card(cardId);
		const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data;
		const attachment = this.store.attachments.insert({
			_id: randomId(),
			name: file.name,
			type: file.type ?? 'application/octet-stream',
			size: data.length,
			data,
			boardId: card.boardId,
			swimlaneId: card.swimlaneId,
			listId: card.listId,
			cardId,
			userId,
			createdAt: new Date(),
		});
		recordAttachmentActivity(this.wekan, attachment, 'addAttachment', 'ui');
		return attachment;
	}

	// ---- lists and swimlanes ------------------------------------------------------------------------------

	createList(userId: string, boardId: string, title: string, swimlaneId?: string): ListDoc {
		const sort = this.nextSort(this.store.lists.find((l) => l.boardId === boardId));
		const list = this.wekan.createList(boardId, title, swimlaneId, sort);
		this.record(userId, 'createList', { boardId, listId: list._id });
		return list;
	}

	archiveList(userId: string, listId: string): ListDoc {
		const list = must(this.store.lists.get(listId), 'list', listId);
		list.archived = true;
		list.archivedAt = new Date();
		list.modifiedAt = list.archivedAt;
		this.record(userId, 'archivedList', { boardId: list.boardId, listId, swimlaneId: list.swimlaneId });
		return list;
	}

	createSwimlane(userId: string, boardId: string, title: string): SwimlaneDoc {
		const swimlane = this.wekan.createSwimlane(boardId, title);
		this.record(userId, 'createSwimlane', { boardId, swimlaneId: swimlane._id });
		return swimlane;
	}
}
