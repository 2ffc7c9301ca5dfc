/**
 * The card routes of server/models/cards.js:966-2249 at Wekan v11.07 (commit f5cc8e373), each registered as
 * `WebApp.handlers.<method>` with no try/catch (error style B: a thrown error is Express's HTML page, with the
 * error's statusCode or 500), except the two card counts, which catch and send the error with status 200 (style A).
 * Explicit `sendJsonResult(res, {code, data})` answers are JSON with that status.
 *
 * REST handlers run outside any Meteor method, so the hooks of the writes they make see no user id; the activities a
 * handler inserts itself carry req.userId.
 */
import { MeteorError } from '../errors';
import { empty, json, type RequestContext, type Router } from '../http';
import { randomId } from '../ids';
import { memberCan } from '../permissions';
import type { CardDoc } from '../schemas/cards';
import type { Wekan } from '../server';
import {
	archiveCard,
	assertParentCardIsVisible,
	assignableOnBoard,
	buildDeleteCardActivity,
	canAssignCardMember,
	cardCreation,
	cardMove,
	cardRemover,
	changeCardPeople,
	coerceRestArrayParam,
	computeSortForIndex,
	computeTopSort,
	copyCard,
	isCardDateClear,
	linkCard,
	mergeLabelIds,
	must,
	normalizeMoveParams,
	parseCardDate,
	restoreCard,
} from '../models/cards';
import { nextCardNumber } from '../models/boards';
import { meteorSelector } from '../models/reactiveCache';

type AnyObject = Record<string, unknown>;

/** server/models/cards.js:1193: the most cards a bulk request may name. */
const BULK_CARDS_MAX = 500;
const DATE_FIELDS = ['receivedAt', 'startAt', 'dueAt', 'endAt'] as const;

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** `{ sort: ['sort'] }`: ascending by sort. */
const BY_SORT = { sort: { sort: 1 as const } };

/**
 * Assigning a property to a primitive throws in strict-mode code (Wekan's modules compile to strict mode), which is
 * what `newVote.positive = []` does with a vote that is a string, number or `true`.
 */
function assignable(value: unknown, property: string): AnyObject {
	if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
		throw new TypeError(`Cannot create property '${property}' on ${typeof value} '${String(value)}'`);
	}
	return value as AnyObject;
}

/** The list-scoped PUT card: the swimlane/list part of a body, the fields of GET list cards, and so on. */
function pick(card: CardDoc, keys: readonly string[]): AnyObject {
	const out: AnyObject = {};
	for (const key of keys) out[key] = (card as unknown as AnyObject)[key];
	return out;
}

export function registerCardRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const cardPath = '/api/boards/:boardId/lists/:listId/cards/:cardId';

	// ---- reads ---------------------------------------------------------------------------------------------

	/** The fields both card listings answer (server/models/cards.js:983-992, 1013-1022): the list or the swimlane. */
	const listed = (place: 'listId' | 'swimlaneId') =>
		['_id', 'title', 'description', place, 'receivedAt', 'startAt', 'dueAt', 'endAt', 'assignees', 'sort'] as const;

	// server/models/cards.js:966-996: the board's cards of a swimlane, any list, by sort.
	router.get('/api/boards/:boardId/swimlanes/:swimlaneId/cards', 'B', (ctx) => {
		const { boardId, swimlaneId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		const cards = db.cards.find({ boardId, swimlaneId, archived: false }, BY_SORT);
		return cards.map((card) => pick(card, listed('listId')));
	});

	// server/models/cards.js:998-1025: the list's cards of the board, by sort, with swimlaneId instead of listId.
	router.get('/api/boards/:boardId/lists/:listId/cards', 'B', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		const cards = db.cards.find({ boardId, listId, archived: false }, BY_SORT);
		return cards.map((card) => pick(card, listed('swimlaneId')));
	});

	// server/models/cards.js:1030-1042: by id alone (archived cards too, #5546), looked up before the permission check,
	// so an unknown id is a JSON 404 for anyone, even without a token.
	router.get('/api/cards/:cardId', 'B', (ctx) => {
		const card = db.cards.findOne(meteorSelector(ctx.params.cardId));
		if (!card) return json(404, { error: 'Card not found' });
		wekan.can.boardRead(ctx.userId, card.boardId);
		return card;
	});

	// server/models/cards.js:1044-1061: the whole document, or an empty 200 when no live card of that list and board
	// has the id (sendJsonResult writes no body for undefined data).
	router.get(cardPath, 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.cards.findOne({ _id: cardId, listId, boardId, archived: false });
	});

	// server/models/cards.js:1276-1291 and 1293-1310 (style A): live cards of the board, and of one list of it.
	router.get('/api/boards/:boardId/cards_count', 'A', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return { board_cards_count: db.cards.count({ boardId, archived: false }) };
	});
	router.get('/api/boards/:boardId/lists/:listId/cards_count', 'A', (ctx) => {
		const { boardId, listId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return { list_cards_count: db.cards.count({ boardId, listId, archived: false }) };
	});

	// server/models/cards.js:1908-1926: whole documents of live cards holding exactly this value (the URL's string)
	// for the field.
	router.get('/api/boards/:boardId/cardsByCustomField/:customFieldId/:customFieldValue', 'B', (ctx) => {
		const { boardId, customFieldId, customFieldValue } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.cards.find({
			boardId,
			customFields: { $elemMatch: { _id: customFieldId, value: customFieldValue } },
			archived: false,
		});
	});

	// server/models/cards.js:2180-2249: the caller's live cards (member, assignee, requester or assigner) by dueAt, on
	// boards where the caller is an active member (site admins included: there is no admin bypass).
	router.get('/api/user/cards', 'B', (ctx) => {
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		const userId = ctx.userId;
		const selector: AnyObject = {
			archived: false,
			$or: [{ members: userId }, { assignees: userId }, { requesters: userId }, { assigners: userId }],
		};
		const dueOnly = ['true', '1', 'yes'].includes(String(ctx.query.due || '').toLowerCase());
		const { from, to } = ctx.query;
		if (dueOnly || from || to) {
			const dueAt: AnyObject = { $exists: true, $ne: null };
			if (from) dueAt.$gte = new Date(from);
			if (to) dueAt.$lte = new Date(to);
			selector.dueAt = dueAt;
		}
		const cards = db.cards.find(selector, { sort: { dueAt: 1 } });
		const boardIds = [...new Set(cards.map((card) => card.boardId).filter(Boolean))];
		const visible = boardIds.length
			? db.boards.find(
					{ _id: { $in: boardIds }, members: { $elemMatch: { userId, isActive: true } } },
					{ fields: { _id: 1 } },
				)
			: [];
		const allowed = new Set(visible.map((board) => board._id));
		return cards
			.filter((card) => allowed.has(card.boardId))
			.map((card) => ({
				_id: card._id,
				title: card.title,
				boardId: card.boardId,
				swimlaneId: card.swimlaneId,
				listId: card.listId,
				dueAt: card.dueAt,
				startAt: card.startAt,
				endAt: card.endAt,
				members: card.members || [],
				assignees: card.assignees || [],
			}));
	});

	// ---- create --------------------------------------------------------------------------------------------

	/** The board's automatic custom fields, empty (server/models/cards.js:1113-1119, 1217-1223). */
	const automaticCustomFields = (boardId: string) =>
		db.customFields
			.find({ boardIds: boardId })
			.filter((field) => field.automaticallyOnCard || field.alwaysOnCard)
			.map((field) => ({ _id: field._id, value: null }));

	/** The permission check of both creates (server/models/cards.js:1064-1071, 1197-1201). */
	const mayCreate = (ctx: RequestContext) => {
		wekan.can.loggedIn(ctx.userId);
		const board = db.boards.findOne(ctx.params.boardId);
		// allowIsBoardMemberCommentOnly (server/lib/utils.js:25-27): the comment capability. A board that does
		// not exist is a 403, not a 404, for anyone but a site admin.
		wekan.can.adminOr(ctx.userId, !!board && memberCan(board.members, ctx.userId, 'comment'));
		return board;
	};

	// server/models/cards.js:1063-1182.
	router.post('/api/boards/:boardId/lists/:listId/cards', 'B', (ctx) => {
		const board = mayCreate(ctx);
		const userId = ctx.userId as string;
		const { boardId, listId } = ctx.params;
		const body = ctx.body;

		// #5897 (1079-1103): a linked card. The source is read-checked on its own board; link() inserts through the
		// hooks (whose createCard activity has no user), then the number and the sort are written directly and the
		// handler logs createCard again, with the caller, after answering.
		if (body.linkedId) {
			const source = db.cards.findOne(meteorSelector(body.linkedId));
			if (!source) return json(404, { error: 'linkedId card not found' });
			wekan.can.boardRead(userId, source.boardId);
			const sort = db.cards.count({ listId, archived: false });
			const linkedId = linkCard(wekan, source, boardId, body.swimlaneId, listId);
			const cardNumber = nextCardNumber(wekan, must(board, 'getNextCardNumber')._id);
			db.cards.direct.update({ _id: linkedId }, { $set: { cardNumber, sort } });
			afterAnswering(() => cardCreation(wekan, userId, must(db.cards.findOne(linkedId), 'listId')));
			return { _id: linkedId };
		}

		// 1073, 1109: the parent comes from req.params.parentId, which this path has no segment for, so it is always
		// undefined: the check passes and the card gets no parent, whatever the body says.
		const parentId = ctx.params.parentId;
		assertParentCardIsVisible(wekan, userId, parentId);
		const cardNumber = nextCardNumber(wekan, must(board, 'getNextCardNumber')._id);
		const customFields = automaticCustomFields(boardId);
		// 1121-1124: the list's live cards, of any board.
		const sort = db.cards.count({ listId, archived: false });
		// 1125-1131: authorId in the body is ignored since 10.92 (GHSA-6jr3-42jf-vhm5); the author is the caller.
		const author = db.users.findOne(userId);
		// 1132-1144: members and assignees only when given, filtered to active board members.
		const members =
			body.members !== undefined ? assignableOnBoard(board, coerceRestArrayParam(body.members)) : undefined;
		const assignees =
			body.assignees !== undefined ? assignableOnBoard(board, coerceRestArrayParam(body.assignees)) : undefined;
		if (!author) return empty(401);
		// #5537 (1146-1158): the dates that parse; the others are left unset.
		const dates: AnyObject = {};
		for (const field of DATE_FIELDS) {
			if (!hasOwn(body, field)) continue;
			const parsed = parseCardDate(body[field]);
			if (parsed) dates[field] = parsed;
		}
		// 1159-1173: a direct insert, so no hook runs: the schema refuses a card without a swimlaneId (HTML 500), and
		// neither listId nor swimlaneId is checked against the board.
		const id = db.cards.direct.insert({
			title: body.title,
			boardId,
			listId,
			parentId,
			description: body.description,
			userId,
			swimlaneId: body.swimlaneId,
			sort,
			cardNumber,
			customFields,
			members,
			assignees,
			...dates,
		});
		// 1174-1178: createCard is logged after the answer, so a list or swimlane that does not exist only loses the
		// activity (Express can no longer answer the TypeError).
		afterAnswering(() => cardCreation(wekan, userId, must(db.cards.findOne(id), 'listId')));
		return { _id: id };
	});

	// server/models/cards.js:1194-1274: up to 500 cards, each inserted directly and logged before the next; an entry
	// the schema refuses (no swimlaneId of its own or at the top) fails the request with an HTML 500, leaving the cards
	// before it created.
	router.post('/api/boards/:boardId/lists/:listId/cards/bulk', 'B', (ctx) => {
		const board = mayCreate(ctx);
		const userId = ctx.userId as string;
		const { boardId, listId } = ctx.params;
		const input = ctx.body.cards;
		if (!Array.isArray(input) || input.length === 0) return json(400, { error: 'cards must be a non-empty array' });
		if (input.length > BULK_CARDS_MAX) {
			return json(400, { error: `cards array too large (max ${BULK_CARDS_MAX} per request)` });
		}
		const customFields = automaticCustomFields(boardId);
		const baseSort = db.cards.count({ listId, archived: false });
		const results: AnyObject[] = [];
		for (let index = 0; index < input.length; index++) {
			const entry = (input[index] || {}) as AnyObject;
			const swimlaneId = entry.swimlaneId || ctx.body.swimlaneId;
			// 1239-1243: the caller always exists, so 'authorId not found' cannot happen.
			if (!db.users.findOne(userId)) {
				results.push({ index, error: 'authorId not found' });
				continue;
			}
			const cardNumber = nextCardNumber(wekan, must(board, 'getNextCardNumber')._id);
			const id = db.cards.direct.insert({
				title: entry.title,
				boardId,
				listId,
				// Not checked for visibility, unlike the PUT's parentId.
				parentId: entry.parentId,
				description: entry.description,
				userId,
				swimlaneId,
				sort: baseSort + index,
				cardNumber,
				customFields,
				members:
					entry.members !== undefined
						? assignableOnBoard(board, coerceRestArrayParam(entry.members))
						: undefined,
				assignees:
					entry.assignees !== undefined
						? assignableOnBoard(board, coerceRestArrayParam(entry.assignees))
						: undefined,
			});
			// Before the answer here: a list or swimlane that does not exist fails the request after the first card.
			cardCreation(wekan, userId, must(db.cards.findOne(id), 'listId'));
			results.push({ index, _id: id });
		}
		return results;
	});

	// ---- update --------------------------------------------------------------------------------------------

	// server/models/cards.js:1312-1702. Every field is its own direct write (no hooks: no activities, no checklist
	// re-homing) with its own selector, most of them pinned to the URL's list and to a live card; so a card that is not
	// in that list, or is archived, or that an earlier part of the same body moved, is not written, and the answer is
	// still 200 {_id}. An error part-way (a schema refusal, a TypeError) is an HTML 500 that keeps the earlier writes.
	router.put(cardPath, 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		const body = ctx.body;
		const move = normalizeMoveParams(body);
		let updated = false;
		wekan.can.boardWrite(ctx.userId, boardId);
		const userId = ctx.userId as string;
		const pinned = { _id: cardId, listId, boardId, archived: false };
		const setPinned = (fields: AnyObject) => db.cards.direct.update(pinned, { $set: fields });
		/** Each of these body fields that is truthy, written as sent, one write each, in this order. */
		const setTruthy = (...keys: string[]) => {
			for (const key of keys) {
				if (!body[key]) continue;
				setPinned({ [key]: body[key] });
				updated = true;
			}
		};

		if (body.title) {
			// 1327-1330: longer than 1000 characters is cut (a non-string that long has no substring: TypeError).
			let title = body.title;
			const length = (title as { length?: unknown }).length;
			if (typeof length === 'number' && length > 1000) {
				if (typeof title !== 'string') throw new TypeError('req.body.title.substring is not a function');
				title = title.substring(0, 1000);
			}
			setPinned({ title });
			updated = true;
		}
		setTruthy('sort');
		if (body.parentId) {
			// GHSA-jvv9-498p-hxrg (1346-1359): the parent must exist (else HTML 404) on a board the caller can see
			// (else HTML 403).
			assertParentCardIsVisible(wekan, userId, body.parentId);
			setPinned({ parentId: body.parentId });
			updated = true;
		}
		// The schema's validator refuses a color outside the palette or #rrggbb (HTML 500); 'white' is kept as is.
		setTruthy('description', 'color');
		if (body.vote) {
			// 1373-1386: the tallies are reset; public and allowNonBoardMembers default to false.
			const vote = assignable(body.vote, 'positive');
			vote.positive = [];
			vote.negative = [];
			if (!hasOwn(vote, 'public')) vote.public = false;
			if (!hasOwn(vote, 'allowNonBoardMembers')) vote.allowNonBoardMembers = false;
			setPinned({ vote });
			updated = true;
		}
		if (body.poker) {
			// 1387-1407: every answer list reset; allowNonBoardMembers defaults to false.
			const poker = assignable(body.poker, 'one');
			for (const key of [
				'one',
				'two',
				'three',
				'five',
				'eight',
				'thirteen',
				'twenty',
				'forty',
				'oneHundred',
				'unsure',
			]) {
				poker[key] = [];
			}
			if (!hasOwn(poker, 'allowNonBoardMembers')) poker.allowNonBoardMembers = false;
			setPinned({ poker });
			updated = true;
		}
		if (body.labelIds) {
			// 1408-1418: the whole array replaced; one id may come as a string.
			const labelIds = typeof body.labelIds === 'string' ? [body.labelIds] : body.labelIds;
			setPinned({ labelIds });
			updated = true;
		}
		setTruthy('requestedBy', 'assignedBy');
		// #5846/#5537 (1438-1463): a present date is cleared by '', null or 'null', set when it parses, and skipped
		// (without counting as an update) when it does not.
		for (const field of DATE_FIELDS) {
			if (!hasOwn(body, field)) continue;
			const value = body[field];
			if (isCardDateClear(value)) {
				db.cards.direct.update(pinned, { $unset: { [field]: '' } });
			} else {
				const parsed = parseCardDate(value);
				if (!parsed) continue;
				setPinned({ [field]: parsed });
			}
			updated = true;
		}
		// 1471-1477: the schema's key is isOvertime, so collection2 filters isOverTime out; the write still goes through
		// with the modifiedAt and dateLastActivity the schema adds, and nothing else changes. 1478-1484: customFields
		// is the whole array, as sent.
		setTruthy('spentTime', 'isOverTime', 'customFields');
		// #3697/GHSA-whxm-pxgj-7wqv (1489-1514): null, '' or [] clear; only active board members are kept.
		if (body.members !== undefined) {
			const members = assignableOnBoard(db.boards.findOne(boardId), coerceRestArrayParam(body.members));
			setPinned({ members });
			updated = true;
		}
		if (body.assignees !== undefined) {
			const assignees = assignableOnBoard(db.boards.findOne(boardId), coerceRestArrayParam(body.assignees));
			setPinned({ assignees });
			updated = true;
		}
		// #6572 (1534-1554): within the URL's board only (an archived swimlane of it is fine); no activity.
		if (move.swimlaneId && !move.isBoardMove) {
			if (!db.swimlanes.findOne({ _id: move.swimlaneId, boardId })) {
				return json(400, {
					error:
						'swimlaneId does not belong to this board. To move a card to another board, send newBoardId, ' +
						'newSwimlaneId and newListId.',
				});
			}
			setPinned({ swimlaneId: move.swimlaneId });
			updated = true;
		}
		// #6572/#5399/#6423 (1555-1592): within the URL's board, on top of the destination list, then moveCard logged
		// with the caller by comparing the card's list, as it now is, with the URL's.
		if (move.listId && !move.isBoardMove) {
			const destListId = move.listId;
			if (!db.lists.findOne({ _id: destListId, boardId })) {
				return json(400, {
					error:
						'listId does not belong to this board. To move a card to another board, send newBoardId, ' +
						'newSwimlaneId and newListId.',
				});
			}
			const siblings = db.cards.find({ boardId, listId: destListId, archived: false }, BY_SORT);
			setPinned({ listId: destListId, sort: computeTopSort(siblings.map((card) => card.sort)) });
			updated = true;
			cardMove(wekan, userId, db.cards.findOne(cardId), ['listId'], listId);
		}
		// 1593-1635: to another board, on top of the destination list. A direct write, so the checklists keep their
		// boardId and labels, custom fields and members are not remapped. cardMove is then passed the DESTINATION as
		// the "old" place, so a card that moved logs nothing, and one the write missed logs moveCardBoard backwards.
		if (move.isBoardMove) {
			const newBoardId = move.newBoardId as string;
			wekan.can.boardWrite(userId, newBoardId);
			if (!db.lists.findOne({ _id: move.newListId, boardId: newBoardId, archived: false })) {
				return json(404, { error: 'Destination list not found or does not belong to destination board' });
			}
			if (!db.swimlanes.findOne({ _id: move.newSwimlaneId, boardId: newBoardId, archived: false })) {
				return json(404, { error: 'Destination swimlane not found or does not belong to destination board' });
			}
			const siblings = db.cards.find({ boardId: newBoardId, listId: move.newListId, archived: false }, BY_SORT);
			setPinned({
				boardId: newBoardId,
				swimlaneId: move.newSwimlaneId,
				listId: move.newListId,
				sort: computeTopSort(siblings.map((card) => card.sort)),
			});
			updated = true;
			cardMove(
				wekan,
				userId,
				db.cards.findOne(cardId),
				['boardId', 'swimlaneId', 'listId'],
				move.newListId as string,
				move.newSwimlaneId as string,
				newBoardId,
			);
		}
		// #5546 (1641-1648): archive or restore by board and id, any list; only `archived` (no archivedAt, no subtasks,
		// no activity). A body key that is present counts, whatever its value.
		if ('archive' in body) {
			const archive = String(body.archive).toLowerCase() === 'true';
			db.cards.direct.update({ _id: cardId, boardId, archived: !archive }, { $set: { archived: archive } });
			updated = true;
		}
		// 1650-1657: any present value; 'true' (in any case) or true is true. Pinned to the list, not to a live card.
		const unarchivedOrNot = { _id: cardId, listId, boardId };
		if ('dueComplete' in body) {
			const dueComplete = String(body.dueComplete).toLowerCase() === 'true';
			db.cards.direct.update(unarchivedOrNot, { $set: { dueComplete } });
			updated = true;
		}
		if (body.stickers) {
			// 1660-1668: an array, or its JSON as a string (JSON.parse's SyntaxError is an HTML 500).
			const stickers = typeof body.stickers === 'string' ? (JSON.parse(body.stickers) as unknown) : body.stickers;
			db.cards.direct.update(unarchivedOrNot, { $set: { stickers } });
			updated = true;
		}
		if (body.locations) {
			// 1671-1693: each entry gets an _id if it has none and numeric coordinates; anything but an array of
			// objects is a TypeError.
			const raw = typeof body.locations === 'string' ? (JSON.parse(body.locations) as unknown) : body.locations;
			if (!Array.isArray(raw)) throw new TypeError('locations.map is not a function');
			const locations = raw.map((entry: unknown) => {
				const loc = must(entry as AnyObject | null | undefined, '_id');
				const out: AnyObject = { _id: loc._id || randomId(), name: loc.name || '', address: loc.address || '' };
				if (loc.latitude !== undefined && loc.latitude !== '') out.latitude = Number(loc.latitude);
				if (loc.longitude !== undefined && loc.longitude !== '') out.longitude = Number(loc.longitude);
				return out;
			});
			db.cards.direct.update(unarchivedOrNot, { $set: { locations } });
			updated = true;
		}
		// 1695-1700: only a body naming none of the fields above is refused.
		if (!updated) return json(404, { message: 'Error' });
		return { _id: cardId };
	});

	// server/models/cards.js:1928-1958: the value of a field already on the live card replaced, the whole array written
	// back directly (no setCustomField activity); a field not on the card changes nothing and still answers 200. The
	// answer shows the array as sent, before the schema cleaned it. An unknown card is Meteor.Error(404), which has no
	// statusCode: an HTML 500.
	router.post(`${cardPath}/customFields/:customFieldId`, 'B', (ctx) => {
		const { boardId, listId, cardId, customFieldId } = ctx.params;
		const value = ctx.body.value;
		wekan.can.boardWrite(ctx.userId, boardId);
		const selector = { _id: cardId, listId, boardId, archived: false };
		const card = db.cards.findOne(selector);
		if (!card) throw new MeteorError(404, 'Card not found');
		const customFields = (card.customFields || []).map((field) =>
			field._id === customFieldId ? { _id: field._id, value } : field,
		);
		db.cards.direct.update(selector, { $set: { customFields } });
		return { _id: cardId, customFields };
	});

	// ---- archive -------------------------------------------------------------------------------------------

	// server/models/cards.js:1960-1982: Card.archive (subtasks first, hooked, so archivedCard is logged without a
	// user); the answer's archivedAt is a new Date, not the stored one. No live card: Meteor.Error(404), an HTML 500.
	router.post(`${cardPath}/archive`, 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const card = db.cards.findOne({ _id: cardId, listId, boardId, archived: false });
		if (!card) throw new MeteorError(404, 'Card not found');
		archiveCard(wekan, card);
		return { _id: cardId, archived: true, archivedAt: new Date() };
	});

	// server/models/cards.js:1984-2006: Card.restore, the same way, for an archived card.
	router.post(`${cardPath}/unarchive`, 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const card = db.cards.findOne({ _id: cardId, listId, boardId, archived: true });
		if (!card) throw new MeteorError(404, 'Card not found');
		restoreCard(wekan, card);
		return { _id: cardId, archived: false };
	});

	// ---- delete --------------------------------------------------------------------------------------------

	// server/models/cards.js:1704-1771 (GHSA-8cqr-x6m5-v4w6): the card is looked up on the URL's board; its children
	// are removed (cardRemover), then the card itself by id, list AND board, then deleteCard is logged with the
	// caller. A card on the board but in another list than the URL's loses its children and gets a deleteCard, but
	// stays. The answer is 200 {_id} in every case.
	router.delete(cardPath, 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const card = db.cards.findOne({ _id: cardId, boardId });
		// A card of another board is recorded in Wekan's security log, which has no REST-visible effect.
		if (card) cardRemover(wekan, ctx.userId, card);
		db.cards.direct.remove({ _id: cardId, listId, boardId });
		if (card) db.activities.insert(buildDeleteCardActivity(card, ctx.userId));
		return { _id: cardId };
	});

	// server/models/cards.js:1776-1826: each id looked up on the board (archived too), its children removed, then the
	// card (a direct remove removes every card its selector matches), then deleteCard logged.
	router.delete('/api/boards/:boardId/cards/bulk', 'B', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const cardIds = ctx.body.cardIds;
		if (!Array.isArray(cardIds) || cardIds.length === 0)
			return json(400, { error: 'cardIds must be a non-empty array' });
		if (cardIds.length > BULK_CARDS_MAX) {
			return json(400, { error: `cardIds array too large (max ${BULK_CARDS_MAX} per request)` });
		}
		const deleted: unknown[] = [];
		const notFound: unknown[] = [];
		for (const cardId of cardIds) {
			const card = db.cards.findOne({ _id: cardId, boardId });
			if (!card) {
				notFound.push(cardId);
				continue;
			}
			cardRemover(wekan, ctx.userId, card);
			db.cards.direct.remove({ _id: cardId, boardId });
			db.activities.insert(buildDeleteCardActivity(card, ctx.userId));
			deleted.push(cardId);
		}
		return { deleted, notFound };
	});

	// ---- labels --------------------------------------------------------------------------------------------

	// server/models/cards.js:1828-1906 (#5819): merge labels into live cards of the board, each a direct write (no
	// addedLabel/removedLabel activities). Only the added labels must exist on the board.
	router.post('/api/boards/:boardId/cards/labels', 'B', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const { cardIds } = ctx.body;
		if (!Array.isArray(cardIds) || cardIds.length === 0)
			return json(400, { error: 'cardIds must be a non-empty array' });
		if (cardIds.length > BULK_CARDS_MAX) {
			return json(400, { error: `cardIds array too large (max ${BULK_CARDS_MAX} per request)` });
		}
		const add = Array.isArray(ctx.body.addLabelIds) ? (ctx.body.addLabelIds as unknown[]) : [];
		const remove = Array.isArray(ctx.body.removeLabelIds) ? (ctx.body.removeLabelIds as unknown[]) : [];
		if (add.length === 0 && remove.length === 0) {
			return json(400, { error: 'provide at least one of addLabelIds or removeLabelIds' });
		}
		const board = must(db.boards.findOne(boardId), 'labels');
		const boardLabelIds = new Set((board.labels || []).map((label) => label._id));
		const invalidLabelIds = add.filter((id) => !boardLabelIds.has(id as string));
		if (invalidLabelIds.length > 0) {
			return json(400, { error: 'addLabelIds contains labels not on this board', invalidLabelIds });
		}
		const cards = db.cards.find(
			{ _id: { $in: cardIds }, boardId, archived: false },
			{ fields: { _id: 1, labelIds: 1 } },
		);
		const byId = new Map(cards.map((card) => [card._id, card]));
		const updated: AnyObject[] = [];
		const notFound: unknown[] = [];
		const writes: AnyObject[] = [];
		for (const cardId of cardIds) {
			const card = byId.get(cardId as string);
			if (!card) {
				notFound.push(cardId);
				continue;
			}
			const labelIds = mergeLabelIds(card.labelIds, add, remove);
			writes.push({ _id: cardId, labelIds });
			updated.push({ _id: cardId, labelIds });
		}
		// The writes are issued together and awaited with Promise.all: a refused one fails the request (HTML 500)
		// while the others land.
		let failure: unknown;
		for (const write of writes) {
			try {
				db.cards.direct.update(
					{ _id: write._id, boardId, archived: false },
					{ $set: { labelIds: write.labelIds } },
				);
			} catch (error) {
				failure ??= error;
			}
		}
		if (failure !== undefined) throw failure;
		return { updated, notFound };
	});

	// ---- card members and assignees ------------------------------------------------------------------------

	/**
	 * cardMemberFieldHandler (server/models/cards.js:2013-2053, #5998): a live card of the URL's list and board; adding
	 * needs an active board member (400 otherwise), removing takes any id. The write is the card method's hooked
	 * $addToSet/$pull on the real card (a linked card's source), whose hook looks the user up first: an id that names
	 * no user is a TypeError, an HTML 500. The answer reads the URL's card again.
	 */
	const memberRoute =
		(field: 'members' | 'assignees', param: 'memberId' | 'assigneeId', add: boolean) => (ctx: RequestContext) => {
			const { boardId, listId, cardId } = ctx.params;
			const target = ctx.params[param];
			wekan.can.boardWrite(ctx.userId, boardId);
			const card = db.cards.findOne({ _id: cardId, listId, boardId, archived: false });
			if (!card) return json(404, { error: 'Card not found' });
			if (add && !canAssignCardMember(db.boards.findOne(boardId), target)) {
				return json(400, { error: 'userId is not an active member of this board' });
			}
			changeCardPeople(wekan, card, field, target, add);
			const after = must(db.cards.findOne(cardId), 'members');
			return { _id: cardId, members: after.members || [], assignees: after.assignees || [] };
		};
	router.post(`${cardPath}/members/:memberId`, 'B', memberRoute('members', 'memberId', true));
	router.delete(`${cardPath}/members/:memberId`, 'B', memberRoute('members', 'memberId', false));
	router.post(`${cardPath}/assignees/:assigneeId`, 'B', memberRoute('assignees', 'assigneeId', true));
	router.delete(`${cardPath}/assignees/:assigneeId`, 'B', memberRoute('assignees', 'assigneeId', false));

	// ---- copy ----------------------------------------------------------------------------------------------

	// server/models/cards.js:2084-2129: write access on both boards, the card by id, list and board (archived too),
	// Card.copy, then an optional 0-based position among the destination list's live cards (of any board).
	router.post(`${cardPath}/copy`, 'B', (ctx) => {
		const { boardId, listId, cardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const toBoardId = (ctx.body.toBoardId || boardId) as string;
		const toSwimlaneId = ctx.body.toSwimlaneId;
		const toListId = ctx.body.toListId || listId;
		if (!toSwimlaneId) return json(400, { error: 'toSwimlaneId is required' });
		wekan.can.boardWrite(ctx.userId, toBoardId);
		const card = db.cards.findOne({ _id: cardId, listId, boardId });
		if (!card) return json(404, { error: 'Card not found' });
		const newId = copyCard(wekan, card, toBoardId, toSwimlaneId, toListId);
		if (hasOwn(ctx.body, 'position')) {
			const siblings = db.cards.find({ listId: toListId, archived: false, _id: { $ne: newId } }, BY_SORT);
			const sort = computeSortForIndex(siblings, Number(ctx.body.position));
			db.cards.direct.update({ _id: newId }, { $set: { sort } });
		}
		return { _id: newId };
	});
}

/**
 * Work a handler does after `sendJsonResult` has answered: an error there can no longer change the answer (Express's
 * final handler only drops the connection), so it is swallowed here.
 */
function afterAnswering(work: () => void): void {
	try {
		work();
	} catch {
		// The client already has its 200.
	}
}
