/**
 * Cards, at Wekan v11.07 (commit f5cc8e373):
 * - the schema (schemas/cards.ts) and the collection hooks of server/models/cards.js:717-960, plus the two hooks
 *   server/migrations/ensureValidSwimlaneIds.js:210-287 installs at startup
 *   (server/migrations/ensureValidSwimlaneIds.js:336-345, outside the commented-out migration, so they are live);
 * - the activity helpers those hooks and the REST handlers call (models/cards.js:3244-3580);
 * - the card methods (models/cards.js: copy, move, link, archive, restore, the member and assignee writes), which
 *   lean on the other models' methods (Board.getNextCardNumber and getDefaultSwimlineAsync, Checklist.copy,
 *   CardComment.copy, CustomField.addBoard, fileStoreStrategy's copyFile);
 * - the REST helpers of server/lib/restCardHelpers.js, server/lib/utils.js, server/lib/restArrayParam.js,
 *   server/lib/visibleBoardIds.js and server/lib/deleteActivities.js;
 * - the seeding function tests use (createCard).
 *
 * Wekan's hooks are async and collection-hooks 2.1.0 awaits each of them (update.js, insert.js), so a hook that
 * throws fails the write's caller; here they run synchronously, in the order Wekan registers them.
 */
import { cloneValue, type WriteContext } from '../db/collection';
import type { ActivityDoc } from '../schemas/activities';
import type { BoardDoc, BoardLabel } from '../schemas/boards';
import { type CardCustomField, type CardDoc, cardsSchema } from '../schemas/cards';
import { TYPE_LINKED_CARD } from '../schemas/constants';
import { MeteorError } from '../errors';
import type { Wekan } from '../server';
import { copyFile } from './attachments';
import { hasMember } from './boardMembers';
import { getDefaultSwimlane, nextCardNumber } from './boards';
import { copyChecklist } from './checklists';
import { copyComment } from './comments';
import { addCustomFieldBoard } from './customFields';
import { normalizeDependencies } from './dependencies';
import { cacheFindOne, meteorSelector } from './reactiveCache';

export type NewCard = Partial<CardDoc> & Pick<CardDoc, 'title' | 'boardId' | 'listId' | 'swimlaneId' | 'userId'>;

type AnyObject = Record<string, unknown>;

// ---- small pieces of JavaScript and Meteor semantics ------------------------------------------------------

/**
 * What reading a property of a missing document does in Wekan's code (`list.title` with no list): a TypeError,
 * which a route without try/catch turns into Express's HTML 500.
 */
export function must<T>(value: T | undefined | null, property: string): T {
	if (value === undefined || value === null) {
		throw new TypeError(`Cannot read properties of ${String(value)} (reading '${property}')`);
	}
	return value;
}

/**
 * ReactiveCache.getUser on the server (imports/reactiveCache.js:221-224) defaults its selector to `{}`, so asking for
 * the user `undefined` (a hook outside a Meteor method) answers the first user of the collection.
 */
function reactiveCacheUser(wekan: Wekan, userId: string | undefined) {
	return cacheFindOne(wekan.db.users, userId);
}

// ---- server/lib/restCardHelpers.js, server/lib/utils.js, server/lib/restArrayParam.js -----------------------

/** server/lib/restCardHelpers.js:21-28: one below the smallest numeric sort, or 0 for an empty list. */
export function computeTopSort(existingSorts: unknown[]): number {
	const sorts = existingSorts.filter((s): s is number => typeof s === 'number' && !Number.isNaN(s));
	return sorts.length ? Math.min(...sorts) - 1 : 0;
}

export interface MoveParams {
	newBoardId?: unknown;
	newSwimlaneId?: unknown;
	newListId?: unknown;
	listId?: unknown;
	swimlaneId?: unknown;
	isBoardMove: boolean;
}

/** server/lib/restCardHelpers.js:51-64: falsy values become undefined; a board move needs all three new* ids. */
export function normalizeMoveParams(body: AnyObject): MoveParams {
	const newBoardId = body.newBoardId || undefined;
	const newSwimlaneId = body.newSwimlaneId || undefined;
	const newListId = body.newListId || undefined;
	return {
		newBoardId,
		newSwimlaneId,
		newListId,
		listId: body.listId || undefined,
		swimlaneId: body.swimlaneId || undefined,
		isBoardMove: !!(newBoardId && newSwimlaneId && newListId),
	};
}

/**
 * server/lib/restCardHelpers.js:79-105: a Date, an epoch number, a numeric string (epoch ms) or a date string; null
 * for anything empty, unparseable or of another type.
 */
export function parseCardDate(value: unknown): Date | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? null : date;
	}
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return null;
		const date = /^-?\d+$/.test(trimmed) ? new Date(Number(trimmed)) : new Date(trimmed);
		return Number.isNaN(date.getTime()) ? null : date;
	}
	return null;
}

/** server/lib/utils.js:253-255: '', null and the string 'null' clear a date. */
export function isCardDateClear(value: unknown): boolean {
	return value === '' || value === null || value === 'null';
}

/**
 * server/lib/utils.js:217-232: the sort for a 0-based position among siblings sorted by sort; a position that is not
 * a finite number means the end.
 */
export function computeSortForIndex(siblings: Array<{ sort?: unknown }>, position: number): number {
	if (!siblings.length) return 0;
	const sortOf = (item: { sort?: unknown }) =>
		typeof item.sort === 'number' && !Number.isNaN(item.sort) ? item.sort : 0;
	const index = Number.isFinite(position) ? Math.max(0, Math.floor(position)) : siblings.length;
	if (index <= 0) return sortOf(siblings[0]) - 1;
	if (index >= siblings.length) return sortOf(siblings[siblings.length - 1]) + 1;
	return (sortOf(siblings[index - 1]) + sortOf(siblings[index])) / 2;
}

/** server/lib/utils.js:237-242: existing minus removed, then added, without duplicates, in order. */
export function mergeLabelIds(current: unknown, add: unknown[], remove: unknown[]): unknown[] {
	const kept = Array.isArray(current) ? current : [];
	const removed = new Set(remove);
	return [...new Set([...kept.filter((id) => !removed.has(id)), ...add])];
}

/** server/lib/restArrayParam.js:25-34: an array keeps its non-empty strings, a string is one id, the rest clears. */
export function coerceRestArrayParam(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
	if (typeof value === 'string') return value === '' ? [] : [value];
	return [];
}

/** canAssignCardMember (server/lib/utils.js:246-248). */
export function canAssignCardMember(board: BoardDoc | undefined, userId: unknown): boolean {
	return !!board && !!userId && hasMember(board, userId);
}

/**
 * assignableOnBoard (server/models/cards.js:2157-2174): the ids that may be put on a card, the others dropped (and
 * recorded in Wekan's security log, which has no REST-visible effect).
 */
export function assignableOnBoard(board: BoardDoc | undefined, ids: string[]): string[] {
	return ids.filter((id) => canAssignCardMember(board, id));
}

// ---- server/lib/visibleBoardIds.js ----------------------------------------------------------------------

/**
 * canUserSeeBoard (server/lib/visibleBoardIds.js:25-59), with boardVisibilitySelectors
 * (models/lib/boardVisibilitySelectors.js:29-64): a public board, an active membership, or an active share with one
 * of the user's organisations, teams or email domains.
 */
export function canUserSeeBoard(wekan: Wekan, userId: string | undefined, boardId: string): boolean {
	if (!boardId) return false;
	const user = userId ? wekan.db.users.findOne(userId) : undefined;
	const or: AnyObject[] = [{ permission: 'public' }];
	if (user) {
		or.push({ members: { $elemMatch: { userId, isActive: true } } });
		const orgIds = (user.orgs ?? []).map((o) => o.orgId).filter((v) => typeof v === 'string' && v);
		if (orgIds.length) or.push({ orgs: { $elemMatch: { orgId: { $in: orgIds }, isActive: true } } });
		const teamIds = (user.teams ?? []).map((t) => t.teamId).filter((v) => typeof v === 'string' && v);
		if (teamIds.length) or.push({ teams: { $elemMatch: { teamId: { $in: teamIds }, isActive: true } } });
		// models/users.js:1304-1316: the domain of every address, lower-cased.
		const domains: string[] = [];
		for (const email of user.emails ?? []) {
			const address = email?.address ?? '';
			const at = address.lastIndexOf('@');
			const domain =
				at === -1
					? ''
					: address
							.slice(at + 1)
							.toLowerCase()
							.trim();
			if (domain && !domains.includes(domain)) domains.push(domain);
		}
		if (domains.length) or.push({ domains: { $elemMatch: { domain: { $in: domains }, isActive: true } } });
	}
	return wekan.db.boards.findOne({ _id: boardId, $or: or }, { fields: { _id: 1 } }) !== undefined;
}

/**
 * assertParentCardIsVisible (server/lib/visibleBoardIds.js:70-88): nothing to check without a parentId; an unknown
 * parent is a 404 and a parent on a board the user cannot see a 403, both Meteor.Errors with a statusCode.
 */
export function assertParentCardIsVisible(wekan: Wekan, userId: string | undefined, parentId: unknown): void {
	if (!parentId) return;
	const parent = wekan.db.cards.findOne(meteorSelector(parentId));
	if (!parent) throw new MeteorError('NotFound', 'Parent card not found', 404);
	if (!canUserSeeBoard(wekan, userId, parent.boardId)) {
		throw new MeteorError('Forbidden', 'You are not allowed to use a card from that board as a parent.', 403);
	}
}

/** buildDeleteCardActivity (server/lib/deleteActivities.js:13-33). */
export function buildDeleteCardActivity(card: CardDoc, userId: string | undefined): Omit<ActivityDoc, '_id'> {
	const activity: Omit<ActivityDoc, '_id'> = {
		userId,
		activityType: 'deleteCard',
		boardId: card.boardId,
		listId: card.listId,
		cardId: card._id,
		swimlaneId: card.swimlaneId,
	};
	if (card.title !== undefined) activity.cardTitle = card.title;
	return activity;
}

// ---- the activity helpers of models/cards.js -------------------------------------------------------------

/** cardCreation (models/cards.js:3541-3555): the createCard activity; a missing list or swimlane is a TypeError. */
export function cardCreation(wekan: Wekan, userId: string | undefined, card: CardDoc): void {
	const list = wekan.db.lists.findOne(meteorSelector(card.listId));
	const swimlane = wekan.db.swimlanes.findOne(meteorSelector(card.swimlaneId));
	wekan.db.activities.insert({
		userId,
		activityType: 'createCard',
		boardId: card.boardId,
		listName: must(list, 'title').title,
		listId: card.listId,
		cardId: card._id,
		cardTitle: card.title,
		swimlaneName: must(swimlane, 'title').title,
		swimlaneId: card.swimlaneId,
	});
}

/**
 * cardMove (models/cards.js:3284-3331): moveCardBoard when fieldNames name boardId and the card's board differs from
 * oldBoardId, else moveCard when the list or swimlane differs from the old one. The REST PUT calls it itself after a
 * direct write, with its own idea of the old values (server/models/cards.js:1615, 1661).
 */
export function cardMove(
	wekan: Wekan,
	userId: string | undefined,
	doc: CardDoc | undefined,
	fieldNames: string[],
	oldListId: string | undefined,
	oldSwimlaneId?: string,
	oldBoardId?: string,
): void {
	const card = must(doc, 'boardId');
	if (fieldNames.includes('boardId') && card.boardId !== oldBoardId) {
		const newBoard = wekan.db.boards.findOne(meteorSelector(card.boardId));
		// ReactiveCache.getBoard defaults an undefined selector to {} (imports/reactiveCache.js:77).
		const oldBoard = wekan.db.boards.findOne(oldBoardId === undefined ? {} : meteorSelector(oldBoardId));
		const swimlane = wekan.db.swimlanes.findOne(meteorSelector(card.swimlaneId));
		wekan.db.activities.insert({
			userId,
			activityType: 'moveCardBoard',
			boardName: must(newBoard, 'title').title,
			boardId: card.boardId,
			oldBoardId,
			oldBoardName: must(oldBoard, 'title').title,
			cardId: card._id,
			swimlaneName: must(swimlane, 'title').title,
			swimlaneId: card.swimlaneId,
			oldSwimlaneId,
		});
	} else if (
		(fieldNames.includes('listId') && card.listId !== oldListId) ||
		(fieldNames.includes('swimlaneId') && card.swimlaneId !== oldSwimlaneId)
	) {
		const list = wekan.db.lists.findOne(meteorSelector(card.listId));
		const swimlane = wekan.db.swimlanes.findOne(meteorSelector(card.swimlaneId));
		// #6614: a missing list or swimlane gives an empty name rather than failing the move.
		wekan.db.activities.insert({
			userId,
			oldListId,
			activityType: 'moveCard',
			listName: list ? list.title : '',
			listId: card.listId,
			boardId: card.boardId,
			cardId: card._id,
			cardTitle: card.title,
			swimlaneName: swimlane ? swimlane.title : '',
			swimlaneId: card.swimlaneId,
			oldSwimlaneId,
		});
	}
}

/** cardState (models/cards.js:3333-3364): archivedCard or restoredCard when `archived` was written. */
function cardState(wekan: Wekan, userId: string | undefined, doc: CardDoc, fieldNames: string[]): void {
	if (!fieldNames.includes('archived')) return;
	const list = wekan.db.lists.findOne(meteorSelector(doc.listId));
	const common = {
		userId,
		boardId: doc.boardId,
		listName: must(list, 'title').title,
		listId: doc.listId,
		cardId: doc._id,
		cardTitle: doc.title,
		swimlaneId: doc.swimlaneId,
	};
	wekan.db.activities.insert({ ...common, activityType: doc.archived ? 'archivedCard' : 'restoredCard' });
}

/**
 * cardMembers and cardAssignees (models/cards.js:3366-3449): join/unjoin activities for a `$addToSet`/`$pull` of one
 * id. The user is looked up before anything else, so an id that names no user is a TypeError and the write fails.
 */
function cardPeople(
	wekan: Wekan,
	userId: string | undefined,
	doc: CardDoc,
	fieldNames: string[],
	modifier: AnyObject,
	field: 'members' | 'assignees',
): void {
	if (!fieldNames.includes(field)) return;
	const idKey = field === 'members' ? 'memberId' : 'assigneeId';
	const [join, unjoin] = field === 'members' ? ['joinMember', 'unjoinMember'] : ['joinAssignee', 'unjoinAssignee'];
	const current = (doc[field] ?? []) as unknown[];
	const added = (modifier.$addToSet as AnyObject | undefined)?.[field];
	if (added) {
		const user = wekan.db.users.findOne(meteorSelector(added));
		const username = must(user, 'username').username;
		if (!current.includes(added)) {
			wekan.db.activities.insert({
				userId,
				username,
				activityType: join,
				boardId: doc.boardId,
				cardId: doc._id,
				[idKey]: added,
				listId: doc.listId,
				swimlaneId: doc.swimlaneId,
			});
		}
	}
	const pulled = (modifier.$pull as AnyObject | undefined)?.[field];
	if (pulled) {
		const user = wekan.db.users.findOne(meteorSelector(pulled));
		const username = must(user, 'username').username;
		if (current.includes(pulled)) {
			wekan.db.activities.insert({
				userId,
				username,
				activityType: unjoin,
				boardId: doc.boardId,
				cardId: doc._id,
				[idKey]: pulled,
				listId: doc.listId,
				swimlaneId: doc.swimlaneId,
			});
		}
	}
}

/**
 * updateActivities (models/cards.js:3246-3281): when a card really changes board, its addedLabel activities follow
 * the remapped labels, or are removed.
 */
function updateActivities(wekan: Wekan, doc: CardDoc, fieldNames: string[], modifier: AnyObject): void {
	const set = modifier.$set as AnyObject | undefined;
	const boardIdChanged = fieldNames.includes('boardId') && !!set && set.boardId !== doc.boardId;
	if (!boardIdChanged) return;
	const activities = wekan.db.activities;
	if (fieldNames.includes('labelIds')) {
		const newLabels = (set.labelIds ?? []) as unknown[];
		for (const activity of activities.find({ activityType: 'addedLabel', cardId: doc._id })) {
			const index = doc.labelIds.indexOf(activity.labelId as string);
			if (index !== -1 && newLabels.length > index) {
				activities.update(activity._id, { $set: { labelId: newLabels[index], boardId: set.boardId } });
			} else {
				activities.remove(activity._id);
			}
		}
	} else {
		activities.remove({ activityType: 'addedLabel', cardId: doc._id });
	}
}

/** cardLabels (models/cards.js:3451-3488): addedLabel/removedLabel for a `$addToSet`/`$pull` of one label. */
function cardLabels(wekan: Wekan, userId: string | undefined, doc: CardDoc, fieldNames: string[], modifier: AnyObject) {
	if (!fieldNames.includes('labelIds')) return;
	const current = doc.labelIds ?? [];
	const base = { userId, boardId: doc.boardId, cardId: doc._id, listId: doc.listId, swimlaneId: doc.swimlaneId };
	const added = (modifier.$addToSet as AnyObject | undefined)?.labelIds;
	if (added && !current.includes(added as string)) {
		wekan.db.activities.insert({ ...base, labelId: added, activityType: 'addedLabel' });
	}
	const pulled = (modifier.$pull as AnyObject | undefined)?.labelIds;
	if (pulled && current.includes(pulled as string)) {
		wekan.db.activities.insert({ ...base, labelId: pulled, activityType: 'removedLabel' });
	}
}

/**
 * cardCustomFields (models/cards.js:3490-3539): setCustomField/unsetCustomField for writes to `customFields.<i>...`
 * only; writing the whole array records nothing. An index past the card's fields is a TypeError.
 */
function cardCustomFields(
	wekan: Wekan,
	userId: string | undefined,
	doc: CardDoc,
	fieldNames: string[],
	modifier: AnyObject,
) {
	if (!fieldNames.includes('customFields')) return;
	const fieldAt = (key: string) => {
		const index = key.split('.')[1];
		return must((doc.customFields as unknown as Record<string, CardCustomField>)[index], '_id')._id;
	};
	for (const [key, value] of Object.entries((modifier.$set ?? {}) as AnyObject)) {
		if (!key.startsWith('customFields') || key.split('.').length < 2) continue;
		wekan.db.activities.insert({
			userId,
			customFieldId: fieldAt(key),
			value,
			activityType: 'setCustomField',
			boardId: doc.boardId,
			cardId: doc._id,
			listId: doc.listId,
			swimlaneId: doc.swimlaneId,
		});
	}
	for (const key of Object.keys((modifier.$unset ?? {}) as AnyObject)) {
		if (!key.startsWith('customFields') || key.split('.').length < 2) continue;
		wekan.db.activities.insert({
			userId,
			customFieldId: fieldAt(key),
			activityType: 'unsetCustomField',
			boardId: doc.boardId,
			cardId: doc._id,
		});
	}
}

/**
 * cardRemover (models/cards.js:3557-3580): the card's checklist items, checklists, comments and activities go with
 * `.direct` (no per-document hooks), subcards through the hooked remove (so each cascades and logs its deleteCard),
 * and attachments through Attachments.removeAsync({cardId}), a top-level field the attachment records do not have
 * (they keep it under meta.cardId), so no attachment is removed.
 */
export function cardRemover(wekan: Wekan, _userId: string | undefined, card: CardDoc): void {
	const db = wekan.db;
	db.checklistItems.direct.remove({ cardId: card._id });
	db.checklists.direct.remove({ cardId: card._id });
	db.card_comments.direct.remove({ cardId: card._id });
	db.activities.direct.remove({ cardId: card._id });
	db.cards.remove({ parentId: card._id });
	db.attachments.remove({ cardId: card._id });
}

// ---- the hooks --------------------------------------------------------------------------------------------

/** The swimlane the swimlane-validation hooks fall back to (server/migrations/ensureValidSwimlaneIds.js:222-226). */
function firstVisibleSwimlane(wekan: Wekan, boardId: string) {
	return wekan.db.swimlanes.findOne(
		{ boardId, type: { $ne: 'template-swimlane' }, archived: false },
		{ sort: { sort: 1 } },
	);
}

/** Attaches the cards schema and registers the cards hooks, in Wekan's order. */
export function registerCards(wekan: Wekan): void {
	const { db } = wekan;
	db.cards.attachSchema(cardsSchema(db));

	// server/models/cards.js:717-726. (The position-history record trackOriginalPosition writes 100 ms later goes to a
	// collection no REST route reads, and is not modelled.)
	db.cards.after.insert((userId, doc) => cardCreation(wekan, userId, doc));

	// server/models/cards.js:728-730.
	db.cards.after.update((userId, doc, fieldNames) => cardState(wekan, userId, doc, fieldNames));

	// server/models/cards.js:736-741: a card on another board takes its checklists and items along (not its comments
	// or attachments).
	db.cards.after.update((_userId, doc, fieldNames) => {
		if (!fieldNames.includes('boardId')) return;
		db.checklists.direct.update({ cardId: doc._id }, { $set: { boardId: doc.boardId } }, { multi: true });
		db.checklistItems.direct.update({ cardId: doc._id }, { $set: { boardId: doc.boardId } }, { multi: true });
	});

	// server/models/cards.js:764-778: cards left behind drop their dependencies on a card that changed board.
	db.cards.after.update((_userId, doc, fieldNames, _modifier, previous) => {
		if (!fieldNames.includes('boardId')) return;
		const oldBoardId = previous?.boardId;
		if (!oldBoardId || oldBoardId === doc.boardId) return;
		db.cards.direct.update(
			{ boardId: oldBoardId, 'cardDependencies.cardId': doc._id },
			{ $pull: { cardDependencies: { cardId: doc._id } } },
			{ multi: true },
		);
		db.cards.direct.update(
			{ boardId: oldBoardId, cardDependencies: doc._id },
			{ $pull: { cardDependencies: doc._id } },
			{ multi: true },
		);
	});

	// server/models/cards.js:780-786.
	db.cards.after.update((userId, doc, fieldNames, _modifier, previous) => {
		const oldListId = previous?.listId || doc.listId;
		const oldSwimlaneId = previous?.swimlaneId || doc.swimlaneId;
		const oldBoardId = previous?.boardId || doc.boardId;
		cardMove(wekan, userId, doc, fieldNames, oldListId, oldSwimlaneId, oldBoardId);
	});

	// server/models/cards.js:822-824 with enforceCardBoardConsistency (800-818) and applyCardBoardConsistency
	// (server/lib/cardBoardConsistency.js:30-60): a write that changes boardId gets the new board's default swimlane
	// (Board.getDefaultSwimlineAsync, which creates one for a board with none) and first list for a swimlane or list
	// that is not on it.
	db.cards.before.update((_userId, doc, fieldNames, modifier) => {
		const set = modifier.$set as AnyObject | undefined;
		if (!set || !fieldNames.includes('boardId')) return;
		const newBoardId = set.boardId as string | undefined;
		if (!newBoardId || newBoardId === doc.boardId) return;
		const swimlaneId = set.swimlaneId !== undefined ? set.swimlaneId : doc.swimlaneId;
		const listId = set.listId !== undefined ? set.listId : doc.listId;
		const swimlaneOk = !!swimlaneId && !!db.swimlanes.findOne({ _id: swimlaneId, boardId: newBoardId });
		const listOk = !!listId && !!db.lists.findOne({ _id: listId, boardId: newBoardId });
		if (swimlaneOk && listOk) return;
		const patch: AnyObject = {};
		if (!swimlaneOk && db.boards.findOne(newBoardId)) {
			const fallback = getDefaultSwimlane(wekan, newBoardId);
			if (fallback) patch.swimlaneId = fallback._id;
		}
		if (!listOk) {
			const fallback = db.lists.findOne({ boardId: newBoardId, archived: false }, { sort: { sort: 1 } });
			if (fallback) patch.listId = fallback._id;
		}
		Object.assign(set, patch);
	});

	// server/models/cards.js:826-834.
	db.cards.before.update((userId, doc, fieldNames, modifier) => {
		cardPeople(wekan, userId, doc, fieldNames, modifier, 'members');
		updateActivities(wekan, doc, fieldNames, modifier);
	});
	db.cards.before.update((userId, doc, fieldNames, modifier) => {
		cardPeople(wekan, userId, doc, fieldNames, modifier, 'assignees');
		updateActivities(wekan, doc, fieldNames, modifier);
	});

	// server/models/cards.js:836-842.
	db.cards.before.update((userId, doc, fieldNames, modifier) => cardLabels(wekan, userId, doc, fieldNames, modifier));
	db.cards.before.update((userId, doc, fieldNames, modifier) => {
		cardCustomFields(wekan, userId, doc, fieldNames, modifier);
	});

	// server/models/cards.js:844-881: a date written first (ignoring dateLastActivity) logs a-<field>, and the card's
	// list gets `modifiedAt` a year back (an ISO string, which the lists schema keeps, models/lists.js:196-210, as a
	// Date) and, through the schema, `updatedAt` now.
	db.cards.before.update((userId, doc, fieldNames, modifier) => {
		const fields = fieldNames.filter((name) => name !== 'dateLastActivity');
		const action = fields[0];
		if (!fields.length || !['receivedAt', 'dueAt', 'startAt', 'endAt'].includes(action)) return;
		const value = must(modifier.$set as AnyObject | undefined, action)[action];
		const card = db.cards.findOne(doc._id);
		if (!card) return;
		const list = db.lists.findOne(meteorSelector(card.listId));
		if (list) {
			const yearAgo = new Date();
			yearAgo.setFullYear(yearAgo.getFullYear() - 1);
			db.lists.direct.update(
				{ _id: list._id },
				{ $set: { modifiedAt: yearAgo.toISOString(), boardId: list.boardId } },
			);
		}
		const user = reactiveCacheUser(wekan, userId);
		wekan.db.activities.insert({
			userId,
			username: user?.username,
			activityType: `a-${action}`,
			boardId: doc.boardId,
			cardId: doc._id,
			cardTitle: doc.title,
			timeKey: action,
			timeValue: value,
			timeOldValue: (doc as unknown as AnyObject)[action] || '',
			listId: card.listId,
			swimlaneId: card.swimlaneId,
		});
	});

	/** The activity both field-change hooks insert (server/models/cards.js:893-908, 922-937), unless the card is gone. */
	const fieldChangeActivity = (
		userId: string | undefined,
		doc: CardDoc,
		activityType: string,
		cardTitle: unknown,
		oldValue: unknown,
		value: unknown,
	) => {
		const card = db.cards.findOne(doc._id);
		if (!card) return;
		const user = reactiveCacheUser(wekan, userId);
		wekan.db.activities.insert({
			userId,
			username: user?.username,
			activityType,
			boardId: doc.boardId,
			cardId: doc._id,
			cardTitle,
			oldValue,
			value,
			listId: card.listId,
			swimlaneId: card.swimlaneId,
		});
	};

	// server/models/cards.js:885-910 with titleChanged (server/lib/titleChangeActivity.js): a-changedTitle.
	db.cards.before.update((userId, doc, _fieldNames, modifier) => {
		const set = modifier.$set as AnyObject | undefined;
		if (!set || !('title' in set) || set.title === (doc.title || '')) return;
		fieldChangeActivity(userId, doc, 'a-changedTitle', set.title, doc.title || '', set.title);
	});

	// server/models/cards.js:914-938 with descriptionChanged (server/lib/descriptionChangeActivity.js):
	// a-changedDescription.
	db.cards.before.update((userId, doc, _fieldNames, modifier) => {
		const set = modifier.$set as AnyObject | undefined;
		if (!set || !('description' in set) || (set.description || '') === (doc.description || '')) return;
		fieldChangeActivity(userId, doc, 'a-changedDescription', doc.title, doc.description || '', set.description || '');
	});

	// server/models/cards.js:940-960: the cascade, then deleteCard while the card still exists.
	db.cards.before.remove((userId, doc) => {
		cardRemover(wekan, userId, doc);
		wekan.db.activities.insert(buildDeleteCardActivity(doc, userId));
	});

	// server/migrations/ensureValidSwimlaneIds.js:212-260, installed at startup, so after the hooks above. A swimlane
	// that is missing, archived or on another board is replaced by the board's first visible one. It runs after
	// collection2 has validated the document, so it cannot rescue an insert without any swimlaneId (the schema
	// requires one), and the swimlane it would create for a board with none can never be needed for such an insert.
	db.cards.before.insert((_userId, doc) => {
		if (doc.swimlaneId) {
			const valid = db.swimlanes.findOne({ _id: doc.swimlaneId, boardId: doc.boardId, archived: false });
			if (!valid) {
				const fallback = firstVisibleSwimlane(wekan, doc.boardId);
				if (fallback) (doc as { swimlaneId: string }).swimlaneId = fallback._id;
			}
		}
	});

	// server/migrations/ensureValidSwimlaneIds.js:263-283: never unset a swimlaneId, and a null one becomes the
	// board's first visible swimlane. collection2 refuses both writes before any hook runs (swimlaneId is required),
	// so on this server they are guards that never fire.
	db.cards.before.update((_userId, doc, _fieldNames, modifier) => {
		const unset = modifier.$unset as AnyObject | undefined;
		if (unset && unset.swimlaneId) delete unset.swimlaneId;
		const set = modifier.$set as AnyObject | undefined;
		if (set && set.swimlaneId === null) {
			const fallback = firstVisibleSwimlane(wekan, doc.boardId);
			if (fallback) set.swimlaneId = fallback._id;
		}
	});
}

// ---- card methods (models/cards.js Cards.helpers) ---------------------------------------------------------

/** Card.getRealId (models/cards.js:1098-1107): a linked card's writes go to the card it links to. */
export function realCardId(card: CardDoc): string {
	return card.type === TYPE_LINKED_CARD ? card.linkedId : card._id;
}

/**
 * The member and assignee writes of models/cards.js:2945-2975 (the later of the two definitions in the same
 * Cards.helpers object, which replaces models/cards.js:1625-1693): a hooked $addToSet/$pull on the real card.
 */
export function changeCardPeople(
	wekan: Wekan,
	card: CardDoc,
	field: 'members' | 'assignees',
	userId: unknown,
	add: boolean,
	context: WriteContext = {},
) {
	return wekan.db.cards.update(
		realCardId(card),
		add ? { $addToSet: { [field]: userId } } : { $pull: { [field]: userId } },
		{},
		context,
	);
}

/** Card.applyToChildren (models/cards.js:2557-2563): every card whose parentId is this card, on any board. */
function applyToChildren(wekan: Wekan, card: CardDoc, fn: (child: CardDoc) => void): void {
	for (const child of wekan.db.cards.find({ parentId: card._id })) fn(child);
}

/** Card.archive (models/cards.js:2565-2572): the subtasks first (archived ones again), then the card, hooked. */
export function archiveCard(wekan: Wekan, card: CardDoc, context: WriteContext = {}): number {
	applyToChildren(wekan, card, (child) => archiveCard(wekan, child, context));
	return wekan.db.cards.update(card._id, { $set: { archived: true, archivedAt: new Date() } }, {}, context);
}

/** Card.restore (models/cards.js:2574-2581): the subtasks first, then the card; archivedAt stays. */
export function restoreCard(wekan: Wekan, card: CardDoc, context: WriteContext = {}): number {
	applyToChildren(wekan, card, (child) => restoreCard(wekan, child, context));
	return wekan.db.cards.update(card._id, { $set: { archived: false } }, {}, context);
}

/** Where Card.move puts a card; an undefined field, or a null sort, is left as it is. */
export interface CardPlacement {
	boardId?: string;
	swimlaneId?: unknown;
	listId?: string;
	sort?: number | null;
}

/**
 * Card.move (models/cards.js:2620-2748): one hooked update of only the fields that change (computeCardMoveModifier,
 * models/lib/cardMoveModifier.js:22-32), none at all for a card already there. To another board it also remaps the
 * labels by name, takes a new card number, re-keys the custom field values, drops members and watchers who are not
 * active there, and clears the card's own dependencies; then, on the server, the attachments' meta follows
 * (Attachments.collection, not awaited). No REST route calls it (the PUT writes directly); the rules engine, the list
 * and swimlane moves and the web UI do. `onClient` is the web UI's move, which runs this helper in the browser: the
 * card number is the client's (Board.getNextCardNumber, models/boards.js:1959-1971) and the attachments are not
 * touched (`Meteor.isServer`). (The UserPositionHistory record of a move inside a Meteor method is not modelled.)
 */
export function moveCard(
	wekan: Wekan,
	card: CardDoc,
	target: CardPlacement,
	context: WriteContext = {},
	options: { onClient?: boolean } = {},
): void {
	const db = wekan.db;
	const fields: AnyObject = {};
	if (target.boardId !== undefined && target.boardId !== card.boardId) fields.boardId = target.boardId;
	if (target.swimlaneId !== undefined && target.swimlaneId !== card.swimlaneId) fields.swimlaneId = target.swimlaneId;
	if (target.listId !== undefined && target.listId !== card.listId) fields.listId = target.listId;
	if (target.sort !== undefined && target.sort !== null && target.sort !== card.sort) fields.sort = target.sort;
	if (!Object.keys(fields).length) return;
	if (card.boardId !== target.boardId) {
		const oldBoard = db.boards.findOne(card.boardId);
		const names = (oldBoard?.labels ?? [])
			.filter((label) => (card.labelIds ?? []).includes(label._id))
			.map((label) => label.name);
		// ReactiveCache.getBoard(undefined) is the first board (imports/reactiveCache.js:77).
		const newBoard = cacheFindOne(db.boards, target.boardId);
		if (!newBoard) throw new MeteorError('board-not-found', 'Destination board not found while moving card.');
		const allowed = (newBoard.members ?? []).filter((m) => m.isActive === true).map((m) => m.userId);
		fields.labelIds = filterCopiedLabelIds(newBoard.labels ?? [], names);
		fields.cardNumber = nextCardNumber(wekan, newBoard._id, { onClient: options.onClient });
		fields.customFields = mapCustomFieldsToBoard(wekan, card.customFields, newBoard._id, context);
		for (const key of ['members', 'watchers'] as const) {
			const current = Array.isArray(card[key]) ? (card[key] as string[]) : [];
			const kept = current.filter((id) => allowed.includes(id));
			if (kept.length !== current.length) fields[key] = kept;
		}
		fields.cardDependencies = [];
	}
	db.cards.update(card._id, { $set: fields }, {}, context);
	if (options.onClient) return;
	const meta: AnyObject = {};
	if (fields.boardId !== undefined) meta['meta.boardId'] = fields.boardId;
	if (fields.listId !== undefined) meta['meta.listId'] = fields.listId;
	if (fields.swimlaneId !== undefined) meta['meta.swimlaneId'] = fields.swimlaneId;
	if (Object.keys(meta).length) db.attachments.update({ 'meta.cardId': card._id }, { $set: meta }, { multi: true });
}

/**
 * Card.link (models/cards.js:1070-1083): a JSON round-trip of the source card (dates become strings, which the
 * schema converts back), pointed at the new place as a linked card without labels, inserted through the hooks.
 */
export function linkCard(
	wekan: Wekan,
	source: CardDoc,
	boardId: unknown,
	swimlaneId: unknown,
	listId: unknown,
	context: WriteContext = {},
): string {
	const link = JSON.parse(JSON.stringify(source)) as AnyObject;
	link.linkedId = link.linkedId || link._id;
	link.boardId = boardId;
	link.swimlaneId = swimlaneId;
	link.listId = listId;
	link.type = TYPE_LINKED_CARD;
	delete link._id;
	delete link.labelIds;
	return wekan.db.cards.insert(link, context);
}

/**
 * Card.mapCustomFieldsToBoard (models/cards.js:862-908): each value re-keyed to the destination board's field of the
 * same name and type; without one, the source field is shared with that board (CustomField.addBoard) and the value
 * keeps its id.
 */
function mapCustomFieldsToBoard(wekan: Wekan, values: unknown, boardId: string, context: WriteContext): unknown[] {
	if (!Array.isArray(values)) return [];
	const out: unknown[] = [];
	for (const value of values as Array<CardCustomField | null>) {
		if (!value || !value._id) {
			out.push({ ...value });
			continue;
		}
		const field = wekan.db.customFields.findOne(meteorSelector(value._id));
		if (!field) {
			out.push({ ...value });
			continue;
		}
		const target = wekan.db.customFields.findOne({ boardIds: boardId, name: field.name, type: field.type });
		if (target) {
			out.push({ ...value, _id: target._id });
			continue;
		}
		if (!(field.boardIds ?? []).includes(boardId)) addCustomFieldBoard(wekan, field._id, boardId, context);
		out.push({ ...value });
	}
	return out;
}

/**
 * filterCopiedLabelIds (server/lib/cardCopyHelpers.js:21-27): destination labels with a non-empty name a source label
 * had. Card.move writes the same filter inline (models/cards.js:2655-2659).
 */
function filterCopiedLabelIds(labels: BoardLabel[], names: unknown[]): string[] {
	return labels.filter((label) => label && label.name && names.includes(label.name)).map((label) => label._id);
}

/**
 * Card.copy(boardId, swimlaneId, listId, cardIdMap) (models/cards.js:911-1068). The whole card document (archived
 * state, author, sort, members and assignees included) is inserted through the hooks, with a new card number; on
 * another board the labels are remapped by name and the custom field values re-keyed. Without a `cardIdMap` (a
 * single card's copy) the dependencies on cards not on the destination board are dropped; with one (a list, swimlane
 * or board copy) they are only normalised, the new id is recorded under the old, and the caller remaps them once
 * every card is copied. Then its attachments (and the cover, remapped or unset), checklists, subtasks (one level,
 * with their checklists, inserted through the hooks) and comments are copied. Nothing checks that the list or
 * swimlane are on the destination board.
 */
export function copyCard(
	wekan: Wekan,
	source: CardDoc,
	boardId: string,
	swimlaneId: unknown,
	listId: unknown,
	cardIdMap: Record<string, string> | null = null,
	context: WriteContext = {},
): string {
	const db = wekan.db;
	const oldId = source._id;
	const oldCard = db.cards.findOne(oldId);
	const card = cloneValue(source) as unknown as AnyObject;
	if (source.boardId !== boardId) {
		const oldBoard = db.boards.findOne(source.boardId);
		const names = (oldBoard?.labels ?? [])
			.filter((label) => (source.labelIds ?? []).includes(label._id))
			.map((label) => label.name);
		const newBoard = db.boards.findOne(boardId);
		card.labelIds = filterCopiedLabelIds(newBoard?.labels ?? [], names);
		card.customFields = mapCustomFieldsToBoard(wekan, source.customFields, must(newBoard, '_id')._id, context);
	}
	delete card._id;
	card.boardId = boardId;
	card.cardNumber = nextCardNumber(wekan, must(db.boards.findOne(boardId), 'getNextCardNumber')._id);
	card.swimlaneId = swimlaneId;
	card.listId = listId;
	// #3392: normalizeDependencies (models/metadata/dependencies.js:84-86); a single copy keeps only the dependencies
	// whose target card is on the destination board.
	const dependencies = normalizeDependencies(source.cardDependencies);
	card.cardDependencies = cardIdMap
		? dependencies
		: dependencies.filter((dep) => cacheFindOne(db.cards, dep.cardId)?.boardId === boardId);
	const newId = db.cards.insert(card, context);
	if (cardIdMap) cardIdMap[oldId] = newId;

	for (const attachment of db.attachments.find({ 'meta.cardId': oldId })) copyFile(wekan, attachment, newId);
	// #5364: the cover points at the copy of the cover attachment, or goes when that was not copied.
	const coverId = oldCard ? oldCard.coverId : (card.coverId as string | undefined);
	if (coverId) {
		const cover = db.attachments.findOne({ 'meta.cardId': newId, 'meta.copyFrom': coverId });
		db.cards.update(newId, cover ? { $set: { coverId: cover._id } } : { $unset: { coverId: '' } }, {}, context);
	}

	for (const checklist of db.checklists.find({ cardId: oldId })) copyChecklist(wekan, checklist, newId, context);

	// models/lib/subtaskCopy.js:15-23: the subtask as it is, re-parented and re-homed.
	for (const subtask of db.cards.find({ parentId: oldId })) {
		const fields: AnyObject = { ...cloneValue(subtask), parentId: newId, boardId, swimlaneId, listId };
		delete fields._id;
		const newSubtaskId = db.cards.insert(fields, context);
		for (const checklist of db.checklists.find({ cardId: subtask._id })) {
			copyChecklist(wekan, checklist, newSubtaskId, context);
		}
	}

	for (const comment of db.card_comments.find({ cardId: oldId })) copyComment(wekan, comment, newId, boardId, context);
	return newId;
}

// ---- seeding ----------------------------------------------------------------------------------------------

/**
 * A card created by Wekan's server code (the createCardWithDueDate and addSubtaskCard methods of
 * server/models/cards.js): a hooked insert with the board's next card number, so the schema fills the defaults,
 * the swimlane is validated and a createCard activity is logged (which needs an existing list and swimlane).
 * `context.userId` is the acting user of a Meteor method; without it the hooks see none, as outside a method.
 */
export function createCard(wekan: Wekan, input: NewCard, context: WriteContext = {}): CardDoc {
	const cardNumber = input.cardNumber ?? nextCardNumber(wekan, input.boardId);
	const id = wekan.db.cards.insert({ sort: 0, type: 'cardType-card', ...input, cardNumber }, context);
	return wekan.db.cards.findOne(id) as CardDoc;
}
