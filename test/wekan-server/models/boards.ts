/**
 * Boards: the collection hooks of server/models/boards.js:641-797 and the Boards model methods of models/boards.js
 * that the server reaches (the title, label, archive, visibility, card-number and default-swimlane helpers); the
 * board copy is in boardCopy.ts, the member methods in boardMembers.ts. At Wekan v11.07, commit f5cc8e373.
 */
import type { WriteContext } from '../db/collection';
import { type BoardDoc, type BoardLabel, type BoardMember, boardsSchema } from '../schemas/boards';
import type { SwimlaneDoc } from '../schemas/swimlanes';
import { randomId } from '../ids';
import type { Wekan } from '../server';
import { hasMember } from './boardMembers';
import { removeBoardRules } from './rules';

export interface NewBoard {
	title: string;
	ownerId: string;
	permission?: 'public' | 'private';
	color?: string;
	type?: BoardDoc['type'];
}

/** What the hooks and methods read of a board: a stored document, or one a caller is about to write. */
type BoardLike = Pick<BoardDoc, '_id'> & Partial<BoardDoc>;

const withUser = (userId: string | undefined): WriteContext => (userId === undefined ? {} : { userId });

/**
 * foreachRemovedMember (server/models/boards.js:85-101): every `members.<n>.isActive` the $set makes exactly false
 * names the member at that index of the board before the update. An index past the end throws, as Wekan's
 * `doc.members[n].userId` does.
 */
function removedMemberIds(doc: BoardLike, set: Record<string, unknown>): string[] {
	const ids: string[] = [];
	for (const [key, value] of Object.entries(set)) {
		if (value !== false) continue;
		const parts = key.split('.');
		if (parts.length !== 3 || parts[0] !== 'members' || parts[2] !== 'isActive') continue;
		const member = (doc.members as unknown as Record<string, BoardMember | undefined> | undefined)?.[parts[1]];
		if (!member) throw new TypeError("Cannot read properties of undefined (reading 'userId')");
		ids.push(member.userId);
	}
	return ids;
}

/** boardRemover (server/models/boards.js:47-83): what goes with a board. */
function removeBoardContent(wekan: Wekan, userId: string | undefined, doc: BoardDoc): void {
	const { db } = wekan;
	const context = withUser(userId);
	// server/models/boards.js:48-63: each collection's own removal, hooks included (Cards.before.remove and so on).
	db.cards.remove({ boardId: doc._id }, context);
	db.lists.remove({ boardId: doc._id }, context);
	db.swimlanes.remove({ boardId: doc._id }, context);
	db.integrations.remove({ boardId: doc._id }, context);
	// Wekan removes the rules before the activities and the triggers and actions after; none of these four has a
	// remove hook, so the order changes nothing.
	removeBoardRules(wekan, doc._id, context);
	db.activities.remove({ boardId: doc._id }, context);
	// server/models/boards.js:65-82: a deleted Template Container is cleared from the profiles pointing at it.
	if (doc.type === 'template-container') {
		db.users.update(
			{ 'profile.templatesBoardId': doc._id },
			{
				$unset: {
					'profile.templatesBoardId': '',
					'profile.cardTemplatesSwimlaneId': '',
					'profile.listTemplatesSwimlaneId': '',
					'profile.boardTemplatesSwimlaneId': '',
				},
			},
			{ multi: true },
			context,
		);
	}
}

/** Attaches the boards schema and registers the Boards hooks of server/models/boards.js:641-797. */
export function registerBoards(wekan: Wekan): void {
	const { db } = wekan;
	db.boards.attachSchema(boardsSchema(db));

	// server/models/boards.js:641-649: a new board sorts after the board with the highest sort.
	db.boards.before.insert((_userId, doc) => {
		const last = db.boards.findOne({ sort: { $exists: true } }, { sort: { sort: -1 } });
		if (last && last.sort !== undefined) (doc as { sort: number }).sort = last.sort + 1;
	});

	// server/models/boards.js:668-676
	db.boards.after.insert((userId, doc) => {
		db.activities.insert(
			{ userId, type: 'board', activityTypeId: doc._id, activityType: 'createBoard', boardId: doc._id },
			withUser(userId),
		);
	});

	// server/models/boards.js:678-698: pulling a label off the board pulls it off the board's cards.
	db.boards.after.update((userId, doc, fieldNames, modifier) => {
		const pull = modifier.$pull as { labels?: { _id?: unknown } } | undefined;
		if (!fieldNames.includes('labels') || !pull || !pull.labels || !pull.labels._id) return;
		db.cards.update(
			{ boardId: doc._id },
			{ $pull: { labelIds: pull.labels._id } },
			{ multi: true },
			withUser(userId),
		);
	});

	// server/models/boards.js:700-741: a member made inactive leaves the board's cards, lists, watchers and stars.
	db.boards.before.update((userId, doc, fieldNames, modifier) => {
		const set = modifier.$set as Record<string, unknown> | undefined;
		if (!fieldNames.includes('members') || !set) return;
		const context = withUser(userId);
		for (const memberId of removedMemberIds(doc, set)) {
			db.cards.update(
				{ boardId: doc._id },
				{ $pull: { members: memberId, requesters: memberId, assigners: memberId, watchers: memberId } },
				{ multi: true },
				context,
			);
			db.lists.update({ boardId: doc._id }, { $pull: { watchers: memberId } }, { multi: true }, context);
			// board.setWatcher(memberId, false): models/watchable.js:84-89 pulls the watcher.
			db.boards.update(doc._id, { $pull: { watchers: { userId: memberId } } }, {}, context);
			if (doc.permission !== 'public') {
				db.users.update(memberId, { $pull: { 'profile.starredBoards': doc._id } }, {}, context);
			}
		}
	});

	// server/models/boards.js:743-752: the content goes first, then the removeBoard activity is recorded (after the
	// board's activities were removed, so it outlives the board).
	db.boards.before.remove((userId, doc) => {
		removeBoardContent(wekan, userId, doc);
		db.activities.insert(
			{ userId, type: 'board', activityTypeId: doc._id, activityType: 'removeBoard', boardId: doc._id },
			withUser(userId),
		);
	});

	// server/models/boards.js:754-797
	db.boards.after.update((userId, doc, fieldNames, modifier) => {
		if (fieldNames.includes('title')) {
			db.activities.insert(
				{ userId, type: 'board', activityType: 'changedBoardTitle', boardId: doc._id, title: doc.title },
				withUser(userId),
			);
		}
		if (!fieldNames.includes('members')) return;
		const push = modifier.$push as { members?: { userId?: string } } | undefined;
		if (push && push.members) {
			db.activities.insert(
				{ userId, memberId: push.members.userId, type: 'member', activityType: 'addBoardMember', boardId: doc._id },
				withUser(userId),
			);
		}
		const set = modifier.$set as Record<string, unknown> | undefined;
		if (set) {
			for (const memberId of removedMemberIds(doc, set)) {
				db.activities.insert(
					{ userId, memberId, type: 'member', activityType: 'removeBoardMember', boardId: doc._id },
					withUser(userId),
				);
			}
		}
	});
}

// ---- helpers of models/boards.js ------------------------------------------------------------------------------

/** Board.isVisibleBy (models/boards.js:1209-1217): public boards to everyone, others to active members only. */
export function boardIsVisibleBy(board: BoardLike, user: { _id: string } | undefined | null): boolean {
	if (board.permission === 'public') return true;
	return !!user && hasMember(board, user._id);
}

/** Board.getLabel (models/boards.js:1454-1456): findWhere on name and color, compared with ===. */
export function getBoardLabel(board: BoardLike, name: unknown, color: unknown): BoardLabel | undefined {
	return (board.labels ?? []).find((label) => label.name === name && label.color === color);
}

/** escape-string-regexp 4 (what `escapeForRegex` is in models/boards.js:8). */
function escapeForRegex(text: string): string {
	return text.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&').replace(/-/g, '\\x2d');
}

/**
 * Boards.uniqueTitle (models/boards.js:2415-2437): the title itself while no board (of any type, archived or not)
 * has it, with or without a ` [n]` suffix; otherwise the base title with one more than the highest `[n]` in use.
 */
export function uniqueBoardTitle(wekan: Wekan, title: unknown): string {
	// `title.match` on anything but a string throws out of the copy.
	if (typeof title !== 'string') {
		throw new TypeError(
			title === undefined || title === null
				? `Cannot read properties of ${String(title)} (reading 'match')`
				: 'title.match is not a function',
		);
	}
	const parts = /^(?<title>.*?)\s*(\[(?<num>\d+)]\s*$|\s*$)/.exec(title);
	const baseTitle = parts?.groups?.title ?? '';
	const base = escapeForRegex(baseTitle);
	const same = wekan.db.boards.find({ title: new RegExp(`^${base}\\s*(\\[(?<num>\\d+)]\\s*$|\\s*$)`) });
	if (same.length === 0) return title;
	let num = 0;
	for (const board of wekan.db.boards.find({ title: new RegExp(`^${base}\\s*\\[\\d+]\\s*$`) })) {
		const numbered = /^(?<title>.*?)\s*\[(?<num>\d+)]\s*$/.exec(board.title);
		if (numbered?.groups) {
			const n = Number.parseInt(numbered.groups.num, 10);
			if (num < n) num = n;
		}
	}
	return `${baseTitle} [${num + 1}]`;
}

/** Board.addLabel (models/boards.js:2099-2105): a new label unless one has the same name and color. */
export function addBoardLabel(
	wekan: Wekan,
	board: BoardLike,
	name: unknown,
	color: unknown,
	context: WriteContext = {},
): number | null {
	if (getBoardLabel(board, name, color)) return null;
	return wekan.db.boards.update(board._id, { $push: { labels: { _id: randomId(6), name, color } } }, {}, context);
}

/** Board.editLabel (models/boards.js:2107-2118): nothing when another label already has that name and color. */
export function editBoardLabel(
	wekan: Wekan,
	board: BoardLike,
	labelId: string,
	name: unknown,
	color: unknown,
	context: WriteContext = {},
): number | null {
	if (getBoardLabel(board, name, color)) return null;
	const index = (board.labels ?? []).map((label) => label._id).indexOf(labelId);
	return wekan.db.boards.update(
		board._id,
		{ $set: { [`labels.${index}.name`]: name, [`labels.${index}.color`]: color } },
		{},
		context,
	);
}

/** Board.removeLabel (models/boards.js:2120-2122); the after.update hook pulls it off the cards. */
export function removeBoardLabel(wekan: Wekan, boardId: string, labelId: string, context: WriteContext = {}): number {
	return wekan.db.boards.update(boardId, { $pull: { labels: { _id: labelId } } }, {}, context);
}

/** Board.archive (models/boards.js:2037-2039). */
export function archiveBoard(wekan: Wekan, boardId: string, context: WriteContext = {}): number {
	return wekan.db.boards.update(boardId, { $set: { archived: true, archivedAt: new Date() } }, {}, context);
}

/** Board.restore (models/boards.js:2041-2043): archivedAt stays. */
export function restoreBoard(wekan: Wekan, boardId: string, context: WriteContext = {}): number {
	return wekan.db.boards.update(boardId, { $set: { archived: false } }, {}, context);
}

/** Board.rename (models/boards.js:2045-2047): with hooks, so a changedBoardTitle activity is recorded. */
export function renameBoard(wekan: Wekan, boardId: string, title: unknown, context: WriteContext = {}): number {
	return wekan.db.boards.update(boardId, { $set: { title } }, {}, context);
}

/** Board.setVisibility (models/boards.js:2095-2097). */
export function setBoardVisibility(
	wekan: Wekan,
	boardId: string,
	visibility: unknown,
	context: WriteContext = {},
): number {
	return wekan.db.boards.update(boardId, { $set: { permission: visibility } }, {}, context);
}

/**
 * Board.getNextCardNumber (models/boards.js:1946-2000). On the server, an atomic counter per board in `counters`
 * (models/counters.js:5-12, incrementCounterAsync), seeded once from the board's highest cardNumber: every call takes
 * a number, even when the insert that wanted it then fails. On the client (`onClient`: a web-UI form that numbers
 * the card before its insert), the board's highest cardNumber plus one.
 */
export function nextCardNumber(wekan: Wekan, boardId: string, options: { onClient?: boolean } = {}): number {
	const { counters, cards } = wekan.db;
	const highestNumber = () => {
		const highest = cards.findOne({ boardId }, { sort: { cardNumber: -1 }, limit: 1 });
		return highest && typeof highest.cardNumber === 'number' && highest.cardNumber ? highest.cardNumber : 0;
	};
	if (options.onClient) return highestNumber() + 1;
	const name = `cardNumber-${boardId}`;
	if (!counters.findOne(name)) {
		counters.raw.update({ _id: name }, { $setOnInsert: { next_val: highestNumber() } }, { upsert: true });
	}
	counters.raw.update({ _id: name }, { $inc: { next_val: 1 } }, { upsert: true });
	return (counters.findOne(name) as { next_val: number }).next_val;
}

// ---- the default swimlane (models/boards.js:1841-1945, models/lib/defaultSwimlane.js) ----------------------------

/** pickDefaultSwimlane (models/lib/defaultSwimlane.js:43-47): the first live swimlane, else the first one. */
export function pickDefaultSwimlane(swimlanes: readonly SwimlaneDoc[]): SwimlaneDoc | undefined {
	if (!swimlanes.length) return undefined;
	return swimlanes.find((s) => !s.archived) ?? swimlanes[0];
}

/**
 * The board's default swimlane without creating one: the pick of getDefaultSwimlineAsync over the board's swimlanes
 * in natural order (models/boards.js:1926-1936, no sort).
 */
export function defaultSwimlaneId(wekan: Wekan, boardId: string): string | undefined {
	return pickDefaultSwimlane(wekan.db.swimlanes.find({ boardId }))?._id;
}

/**
 * Board.ensureDefaultSwimlaneIdAsync (models/boards.js:1905-1916, models/lib/defaultSwimlane.js:17-35): upserts
 * `<boardId>-default` with $setOnInsert {title 'Default', boardId, sort 0, archived false, type 'swimlane'}. An
 * upsert that inserts runs Swimlanes.after.insert; one that finds the swimlane there still renews its modifiedAt and
 * updatedAt (the schema's autoValues) and runs Swimlanes.after.update with every field the modifier names, the
 * title among them.
 */
export function ensureDefaultSwimlane(
	wekan: Wekan,
	boardId: string,
	context: WriteContext = {},
): SwimlaneDoc | undefined {
	const id = `${boardId}-default`;
	wekan.db.swimlanes.update(
		{ _id: id },
		{ $setOnInsert: { title: 'Default', boardId, sort: 0, archived: false, type: 'swimlane' } },
		{ upsert: true },
		context,
	);
	return wekan.db.swimlanes.findOne(id);
}

/**
 * Board.getDefaultSwimlineAsync (models/boards.js:1926-1945): the picked swimlane, or, when the board has none, the
 * upserted `<boardId>-default`.
 */
export function getDefaultSwimlane(wekan: Wekan, boardId: string, context: WriteContext = {}): SwimlaneDoc | undefined {
	return pickDefaultSwimlane(wekan.db.swimlanes.find({ boardId })) ?? ensureDefaultSwimlane(wekan, boardId, context);
}

/**
 * The synchronous Board.getDefaultSwimline (models/boards.js:1841-1862) as it behaves on the server: it hands the
 * Promise ReactiveCache.getSwimlanes returns there to pickDefaultSwimlane, which sees no array and picks nothing, so
 * it always starts the self-heal upsert of `<boardId>-default` (ensureDefaultSwimlaneId, :1874-1903), unawaited.
 * Modelled as done by the time the caller answers: the upsert is a single write queued right away.
 */
export function getDefaultSwimlaneOnServerSync(wekan: Wekan, boardId: string, context: WriteContext = {}): void {
	ensureDefaultSwimlane(wekan, boardId, context);
}

// ---- seeding ----------------------------------------------------------------------------------------------------

/**
 * A board as POST /api/boards makes one (server/models/boards.js:925-967): the owner as the only member, active
 * admin, with the six flags the route writes, then a 'Default' swimlane inserted with no sort. Through the schema
 * and the hooks, with no user id, as a REST handler writes.
 */
export function createBoard(wekan: Wekan, input: NewBoard): BoardDoc {
	const doc: Record<string, unknown> = {
		title: input.title,
		members: [
			{
				userId: input.ownerId,
				isAdmin: true,
				isActive: true,
				isNoComments: false,
				isCommentOnly: false,
				isWorker: false,
			},
		],
		permission: input.permission ?? 'private',
		color: input.color ?? 'belize',
		migrationVersion: 1,
	};
	if (input.type !== undefined) doc.type = input.type;
	const id = wekan.db.boards.insert(doc);
	wekan.db.swimlanes.insert({ title: 'Default', boardId: id });
	return wekan.db.boards.findOne(id) as BoardDoc;
}
