/**
 * Activities (models/activities.js, server/models/activities.js at Wekan v11.07, commit f5cc8e373): the collection
 * has no schema; its hooks stamp the dates, and after each insert run the board's rules, the watch notifications and
 * the outgoing webhooks.
 *
 * Other models record an activity with `db.activities.insert(doc, { userId })`, the way Wekan's hooks and methods
 * call `Activities.insertAsync(doc)`: the `userId` of the write context is the acting user of the Meteor method the
 * write happens in (collection-hooks' userId), undefined in a REST handler. The document's own `userId` field is
 * whatever the writer put there.
 */
import type { Database } from '../db/database';
import type { ActivityDoc } from '../schemas/activities';
import type { BoardDoc, BoardMember } from '../schemas/boards';
import type { CardDoc } from '../schemas/cards';
import { INTEGRATION_GLOBAL_WEBHOOK_ID } from '../schemas/integrations';
import type { UserDoc } from '../schemas/users';
import type { Wekan } from '../server';
import { runRules } from './rules';

/**
 * The Admin Panel feature switches models/lib/featureFlags.js:10-50 keeps from the settings document (an observer
 * there, a read here: the same values).
 */
export function featureFlags(db: Database): {
	disableActivities: boolean;
	disableNotifications: boolean;
	disableWatch: boolean;
} {
	const settings = db.settings.findOne({}) as Record<string, unknown> | undefined;
	return {
		disableActivities: !!settings?.disableActivities,
		disableNotifications: !!settings?.disableNotifications,
		disableWatch: !!settings?.disableWatch,
	};
}

export function registerActivities(wekan: Wekan): void {
	const { db } = wekan;

	// models/activities.js:85-94: with disableActivities on, the insert is cancelled (no document, no after hooks);
	// otherwise the dates are set here, over whatever the writer gave.
	db.activities.before.insert((_userId, doc) => {
		if (featureFlags(db).disableActivities) return false;
		const now = new Date();
		doc.createdAt = now;
		doc.modifiedAt = now;
		return undefined;
	});

	// models/activities.js:80-83.
	db.activities.before.update((_userId, _doc, _fields, modifier) => {
		modifier.$set = { ...((modifier.$set as Record<string, unknown> | undefined) ?? {}), modifiedAt: new Date() };
		return undefined;
	});

	// server/models/activities.js:29-36: the board's rules (server/rulesHelper.js, models/rules.ts) matched against
	// the activity and their actions run as the activity's user; what they throw is logged and swallowed.
	db.activities.after.insert((userId, doc) => runRules(wekan, doc, { userId }));

	// server/models/activities.js:58-435. collection-hooks awaits after hooks, so what this throws reaches the writer.
	db.activities.after.insert((userId, doc) => notifyAndDeliver(wekan, userId, doc));
}

type Params = Record<string, unknown>;

/** normalizeActivityText (server/models/activities.js:15-17). */
function text(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

/** getActivityUserName (server/models/activities.js:19-27), with the getName helper of models/users.js:1779-1782. */
function displayName(user: UserDoc | undefined, fallback: string): string {
	if (!user) return fallback;
	const profile = (user.profile ?? {}) as { fullname?: unknown; name?: unknown };
	// getName() is fullname || username; then username, fullname and profile.name again.
	return text(profile.fullname || user.username || profile.name, fallback);
}

/** labelDisplayName (models/lib/labelDisplayName.js): the name, else the color, else the id. */
function labelName(label: { _id?: unknown; name?: unknown; color?: unknown }): string {
	if (typeof label.name === 'string' && label.name.trim()) return label.name;
	if (typeof label.color === 'string' && label.color.trim()) return label.color;
	return typeof label._id === 'string' ? label._id : '';
}

/** Meteor.absoluteUrl(path): ROOT_URL with a trailing slash, then the path without its leading one. */
export function absoluteUrl(wekan: Wekan, path: string): string {
	const root = wekan.rootUrl ?? wekan.baseUrl;
	return `${root.replace(/\/?$/, '/')}${path.replace(/^\//, '')}`;
}

/** Board.absoluteUrl (models/boards.js:1579-1591). */
function boardUrl(wekan: Wekan, board: BoardDoc): string {
	return absoluteUrl(wekan, `/b/${board._id}/${board.slug || 'board'}`);
}

/**
 * Card.absoluteUrl(board) (models/cards.js:1419-1437, models/lib/cardUrl.js:22-34). Without a board the card's
 * own board() is a Promise on the server, which buildCardRelativeUrl ignores: the card's boardId and slug 'board'.
 */
function cardUrl(wekan: Wekan, card: CardDoc, board: BoardDoc | undefined): string {
	return absoluteUrl(wekan, `/b/${board?._id || card.boardId}/${board?.slug || 'board'}/${card._id}`);
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** The mention syntax of server/models/activities.js:210: @name, @"quoted name", @email-like. */
const MENTION = /\B@(?:(?:"([\w.\s-]*)")|([\w.@-]+))/gi;

function notifyAndDeliver(wekan: Wekan, userId: string | undefined, activity: ActivityDoc): void {
	const { db } = wekan;
	// :61-63, #5820: notifications off stops the notifications and the webhooks; the activity stays recorded.
	if (featureFlags(db).disableNotifications) return;
	let participants: unknown[] = [];
	let watchers: unknown[] = [];
	let title = 'act-activity-notify';
	const board = activity.boardId ? db.boards.findOne(activity.boardId) : undefined;
	const description = `act-${activity.activityType}`;
	const params: Params = { activityId: activity._id };

	// :76-94
	if (activity.userId) {
		const user = db.users.findOne(activity.userId);
		if (user) {
			params.user = displayName(user, activity.userId);
			params.username = user.username || '';
			if (user.emails) params.userEmails = user.emails;
			params.userId = activity.userId;
		}
	}
	// :96-103: `url` is the board's until a card replaces it.
	if (activity.boardId) {
		params.board = text(board?.title);
		title = 'act-withBoardTitle';
		if (board) params.url = boardUrl(wekan, board);
		params.boardId = activity.boardId;
	}
	// :105-112: a board's watchers are {userId, level} objects; spread into the id list they never match below.
	if (activity.oldBoardId) {
		const oldBoard = db.boards.findOne(activity.oldBoardId);
		if (oldBoard) {
			watchers = unique([...watchers, ...(oldBoard.watchers ?? [])]);
			params.oldBoard = text(oldBoard.title);
			params.oldBoardId = activity.oldBoardId;
		}
	}
	// :114-117
	if (activity.memberId) {
		participants = unique([...participants, activity.memberId]);
		params.member = displayName(db.users.findOne(activity.memberId), activity.memberId);
	}
	// :119-137
	if (activity.listId) {
		const list = db.lists.findOne(activity.listId);
		if (list) {
			if (list.watchers !== undefined) watchers = unique([...watchers, ...(list.watchers ?? [])]);
			params.list = text(list.title);
			params.listId = activity.listId;
		}
	}
	if (activity.oldListId) {
		const oldList = db.lists.findOne(activity.oldListId);
		if (oldList) {
			watchers = unique([...watchers, ...(oldList.watchers ?? [])]);
			params.oldList = text(oldList.title);
			params.oldListId = activity.oldListId;
		}
	}
	// :139-146
	if (activity.oldSwimlaneId) {
		const oldSwimlane = db.swimlanes.findOne(activity.oldSwimlaneId);
		if (oldSwimlane) {
			watchers = unique([...watchers, ...((oldSwimlane as { watchers?: string[] }).watchers ?? [])]);
			params.oldSwimlane = text(oldSwimlane.title);
			params.oldSwimlaneId = activity.oldSwimlaneId;
		}
	}
	// :148-184: a card gives the url, its participants (creator, members, assignees) and, #5143, its description.
	if (activity.cardId) {
		const card = db.cards.findOne(activity.cardId);
		if (card) {
			participants = unique([...participants, card.userId, ...(card.members ?? []), ...(card.assignees ?? [])]);
			watchers = unique([...watchers, ...(card.watchers ?? [])]);
			params.card = text(card.title);
			title = 'act-withCardTitle';
			const cardBoard = board && board._id === card.boardId ? board : db.boards.findOne(card.boardId);
			params.url = cardUrl(wekan, card, cardBoard);
			params.cardId = activity.cardId;
			const cardDescription = text(card.description);
			if (cardDescription) params.description = cardDescription;
		}
	}
	// :186-190: set even when the swimlane is gone ('' then).
	if (activity.swimlaneId) {
		params.swimlane = text(db.swimlanes.findOne(activity.swimlaneId)?.title);
		params.swimlaneId = activity.swimlaneId;
	}
	// :192-290: the comment's current text (a deleted comment's activity gets '' and no commentId), and mentions.
	if (activity.commentId) {
		const comment = db.card_comments.findOne(activity.commentId);
		params.comment = text(comment?.text);
		let hasMentions = false;
		if (board) {
			const knownUsers = (board.members ?? []).map((member: BoardMember) => {
				const user = db.users.findOne(member.userId);
				return user ? { ...member, username: user.username, emails: user.emails } : { ...member };
			});
			for (const match of (params.comment as string).matchAll(MENTION)) {
				const username = match[1] || match[2];
				if (activity.boardId && username === 'board_members') {
					const ids = knownUsers.filter((u) => db.users.findOne(u.userId)).map((u) => u.userId);
					watchers = unique([...watchers, ...ids]);
				} else if (activity.boardId && username === 'board_assignees') {
					const ids: string[] = [];
					for (const boardCard of db.cards.find({ boardId: activity.boardId })) {
						for (const assigneeId of boardCard.assignees ?? []) {
							if (db.users.findOne(assigneeId) && knownUsers.some((u) => u.userId === assigneeId)) ids.push(assigneeId);
						}
					}
					watchers = unique([...watchers, ...ids]);
				} else if (activity.cardId && (username === 'card_members' || username === 'card_assignees')) {
					const mentionedCard = db.cards.findOne(activity.cardId);
					const ids = (username === 'card_members' ? mentionedCard?.members : mentionedCard?.assignees) ?? [];
					const valid = ids.filter((id) => db.users.findOne(id) && knownUsers.some((u) => u.userId === id));
					watchers = unique([...watchers, ...valid]);
				} else {
					const atUser = knownUsers.find((u) => (u as { username?: string }).username === username);
					if (!atUser) continue;
					params.atUsername = username;
					params.atEmails = (atUser as { emails?: unknown }).emails;
					watchers = unique([...watchers, atUser.userId]);
				}
				title = 'act-atUserComment';
				hasMentions = true;
			}
		}
		if (comment) params.commentId = comment._id;
		params.hasMentions = hasMentions;
	}
	// :292-295: the name stored on the activity, so it survives the attachment.
	if (activity.attachmentId) {
		params.attachment = activity.attachmentName;
		params.attachmentId = activity.attachmentId;
	}
	// :297-309
	if (activity.checklistId) {
		const checklist = db.checklists.findOne(activity.checklistId);
		if (checklist?.title) params.checklist = text(checklist.title);
	}
	if (activity.checklistItemId) {
		const item = db.checklistItems.findOne(activity.checklistItemId);
		if (item?.title) params.checklistItem = text(item.title);
	}
	// :311-321: the value is the activity's `value` (what the card hook stores), not its customFieldValue.
	if (activity.customFieldId) {
		const customField = db.customFields.findOne(activity.customFieldId);
		if (customField) {
			if (customField.name) params.customField = text(customField.name);
			if (activity.value) params.customFieldValue = activity.value;
		}
	}
	// :323-336, #5442: the label from the board's embedded labels.
	if (activity.labelId && board) {
		const label = (board.labels ?? []).find((l) => l._id === activity.labelId);
		if (label) {
			params.label = text(labelName(label), label._id);
			params.labelId = label._id;
		}
	}
	// :338-353
	if ((!activity.timeKey || activity.timeKey === 'dueAt') && activity.timeValue) {
		title = activity.timeOldValue ? 'act-withDue' : 'act-newDue';
	}
	for (const key of ['timeValue', 'timeOldValue', 'value', 'oldValue'] as const) {
		if (activity[key]) params[key] = activity[key];
	}

	// :355-396: who is told. BIGEVENTS_PATTERN is unset here; NOTIFY_ON_ASSIGN is on (its default).
	if (board) {
		const activeMemberIds = (board.members ?? []).filter((m) => m.isActive === true).map((m) => m.userId);
		const bigEvents = process.env.BIGEVENTS_PATTERN;
		if (bigEvents) {
			try {
				if (new RegExp(bigEvents).exec(activity.activityType)) watchers = unique([...watchers, ...activeMemberIds]);
			} catch {
				// An invalid pattern is ignored.
			}
		}
		const boardWatchers = board.watchers ?? [];
		const watching = boardWatchers.filter((w) => w.level === 'watching').map((w) => w.userId);
		const tracking = boardWatchers.filter((w) => w.level === 'tracking').map((w) => w.userId);
		if (!params.hasMentions) {
			watchers = unique([...watchers, ...watching, ...participants.filter((p) => tracking.includes(p as string))]);
		}
		if (process.env.NOTIFY_ON_ASSIGN !== 'false') {
			const assigned = activity.assigneeId || activity.memberId;
			if (assigned && ['joinMember', 'joinAssignee'].includes(activity.activityType))
				watchers = unique([...watchers, assigned]);
		}
		watchers = watchers.filter((w) => activeMemberIds.includes(w as string));
	}

	// :398-404 and server/notifications/profile.js: every notified user gets the activity in profile.notifications.
	// The actor is skipped unless mentioning themself; in a REST write there is no actor, so they are told too.
	// The e-mail service (server/notifications/email.js) is not modelled.
	for (const watcherId of watchers) {
		if (typeof watcherId !== 'string') continue;
		const user = db.users.findOne(watcherId);
		if (!user) continue;
		const selfMention = user._id === userId && title === 'act-atUserComment';
		if (user._id !== userId || selfMention) notifyProfile(wekan, user, activity._id, userId);
	}

	// :406-433: the board's enabled integrations and the global ones that hear this activity (or 'all').
	const boardIds = board ? [board._id, INTEGRATION_GLOBAL_WEBHOOK_ID] : [INTEGRATION_GLOBAL_WEBHOOK_ID];
	const integrations = db.integrations.find({
		boardId: { $in: boardIds },
		enabled: true,
		activities: { $in: [description, 'all'] },
	});
	if (!integrations.length) return;
	params.watchers = watchers;
	// outgoingWebhooks' this.userId is the Meteor method's user, the one collection-hooks passes here.
	for (const integration of integrations) wekan.webhooks.call(integration, description, params, userId);
}

/**
 * The 'profile' notification service (server/notifications/profile.js:5-16): User.addNotification
 * (models/users.js:2317-2321) $addToSets {activity, read: null} into profile.notifications. profile.js then passes
 * the returned Promise to Users.direct.updateAsync as a modifier, which fails and is logged; it changes nothing.
 */
function notifyProfile(wekan: Wekan, user: UserDoc, activityId: string, actingUserId: string | undefined): void {
	try {
		wekan.db.users.update(
			user._id,
			{ $addToSet: { 'profile.notifications': { activity: activityId, read: null } } },
			{},
			{ userId: actingUserId },
		);
	} catch {
		// Notifications.notify catches and logs each service's failure (server/notifications/notifications.js:32-50).
	}
}
