/**
 * Boards: the collection hooks of server/models/boards.js:641-797 and the Boards model methods of models/boards.js
 * that the REST routes reach (the title, label, archive, visibility, card-number and default-swimlane helpers);
 * the board copy is in boardCopy.ts, the member methods in boardMembers.ts. At Wekan v11.07, commit f5cc8e373.
 */
import type { WriteContext } from '../db/collection';
import { type BoardDoc, type BoardLabel, type BoardMember, boardsSchema } from '../schemas/boards';
import type { SwimlaneDoc } from '../schemas/swimlanes';
import { randomId } from '../ids';
import type { RoleFlag } from '../permissions';
import type { Wekan } from '../server';

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

/** An activity as the hooks insert it; Meteor's driver drops undefined fields (ignoreUndefined), so do we. */
function insertActivity(wekan: Wekan, userId: string | undefined, fields: Record<string, unknown>): void {
	const doc: Record<string, unknown> = {};
	if (userId !== undefined) doc.userId = userId;
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) doc[key] = value;
	wekan.db.activities.insert(doc, withUser(userId));
}

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
	db.rules.remove({ boardId: doc._id }, context);
	db.activities.remove({ boardId: doc._id }, context);
	db.triggers.remove({ boardId: doc._id }, context);
	db.actions.remove({ boardId: doc._id }, context);
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
		insertActivity(wekan, userId, {
			type: 'board',
			activityTypeId: doc._id,
			activityType: 'createBoard',
			boardId: doc._id,
		});
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
		insertActivity(wekan, userId, {
			type: 'board',
			activityTypeId: doc._id,
			activityType: 'removeBoard',
			boardId: doc._id,
		});
	});

	// server/models/boards.js:754-797
	db.boards.after.update((userId, doc, fieldNames, modifier) => {
		if (fieldNames.includes('title')) {
			insertActivity(wekan, userId, {
				type: 'board',
				activityType: 'changedBoardTitle',
				boardId: doc._id,
				title: doc.title,
			});
		}
		if (!fieldNames.includes('members')) return;
		const push = modifier.$push as { members?: { userId?: string } } | undefined;
		if (push && push.members) {
			insertActivity(wekan, userId, {
				memberId: push.members.userId,
				type: 'member',
				activityType: 'addBoardMember',
				boardId: doc._id,
			});
		}
		const set = modifier.$set as Record<string, unknown> | undefined;
		if (set) {
			for (const memberId of removedMemberIds(doc, set)) {
				insertActivity(wekan, userId, {
					memberId,
					type: 'member',
					activityType: 'removeBoardMember',
					boardId: doc._id,
				});
			}
		}
	});
}

// ---- helpers of models/boards.js ------------------------------------------------------------------------------

/** Board.isActiveMember (models/boards.js:1225-1233): the active member entry of the user, if any. */
export function activeMemberOf(board: BoardLike, userId: string | undefined): BoardMember | undefined {
	if (!userId) return undefined;
	return (board.members ?? []).find((member) => member.userId === userId && member.isActive);
}

/** Board.hasAdmin (models/boards.js:1474-1480), which allowIsBoardAdmin (server/lib/utils.js:6-8) asks. */
export function boardHasAdmin(board: BoardLike | undefined, userId: string | undefined): boolean {
	return (
		!!board && (board.members ?? []).some((m) => m.userId === userId && m.isActive === true && m.isAdmin === true)
	);
}

/** Board.isVisibleBy (models/boards.js:1209-1217): public boards to everyone, others to active members only. */
export function boardIsVisibleBy(board: BoardLike, user: { _id: string } | undefined | null): boolean {
	if (board.permission === 'public') return true;
	return !!user && activeMemberOf(board, user._id) !== undefined;
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
 * Board.getNextCardNumber (models/boards.js:1946-2000) on the server: an atomic counter per board in `counters`
 * (models/counters.js:5-12), seeded once from the board's highest cardNumber.
 */
export function nextCardNumber(wekan: Wekan, boardId: string): number {
	const { counters, cards } = wekan.db;
	const name = `cardNumber-${boardId}`;
	if (!counters.findOne(name)) {
		const highest = cards.findOne({ boardId }, { sort: { cardNumber: -1 }, limit: 1 });
		const max = highest && typeof highest.cardNumber === 'number' && highest.cardNumber ? highest.cardNumber : 0;
		counters.raw.update({ _id: name }, { $setOnInsert: { next_val: max } }, { upsert: true });
	}
	counters.raw.update({ _id: name }, { $inc: { next_val: 1 } }, { upsert: true });
	return (counters.findOne(name) as { next_val: number }).next_val;
}

/** models/lib/defaultSwimlane.js:17-19: the deterministic id of a self-healed default swimlane. */
export function selfHealedSwimlaneId(boardId: string): string {
	return `${boardId}-default`;
}

/**
 * Board.getDefaultSwimlineAsync (models/boards.js:1926-1944) on the server: the board's swimlanes in natural order,
 * the first not archived, else the first; a board without any gets one upserted under a deterministic id
 * (ensureDefaultSwimlaneIdAsync, models/boards.js:1905-1918, with models/lib/defaultSwimlane.js:25-36's fields).
 */
export function defaultSwimlaneOfBoard(
	wekan: Wekan,
	boardId: string,
	context: WriteContext = {},
): SwimlaneDoc | undefined {
	const swimlanes = wekan.db.swimlanes.find({ boardId });
	const picked = swimlanes.find((s) => !s.archived) ?? swimlanes[0];
	if (picked) return picked;
	const id = selfHealedSwimlaneId(boardId);
	wekan.db.swimlanes.update(
		{ _id: id },
		{ $setOnInsert: { title: 'Default', boardId, sort: 0, archived: false, type: 'swimlane' } },
		{ upsert: true },
		context,
	);
	return wekan.db.swimlanes.findOne(id);
}

// ---- seeding ----------------------------------------------------------------------------------------------------

const ROLE_FLAG_NAMES: RoleFlag[] = [
	'isAdmin',
	'isNoComments',
	'isCommentOnly',
	'isWorker',
	'isNormalAssignedOnly',
	'isCommentAssignedOnly',
	'isReadOnly',
	'isReadAssignedOnly',
];

export function newMemberEntry(userId: string, flags: Partial<Record<RoleFlag, boolean>> = {}): BoardMember {
	const member: BoardMember = { userId, isAdmin: false, isActive: true };
	for (const flag of ROLE_FLAG_NAMES) (member as unknown as Record<string, boolean>)[flag] = flags[flag] === true;
	return member;
}

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

export function addBoardMember(
	wekan: Wekan,
	boardId: string,
	userId: string,
	flags: Partial<Record<RoleFlag, boolean>> = {},
): void {
	const board = wekan.db.boards.findOne(boardId);
	if (!board) throw new Error(`board ${boardId} not found`);
	const entry = newMemberEntry(userId, flags);
	if (board.members.some((m) => m.userId === userId)) {
		wekan.db.boards.direct.update({ _id: boardId, 'members.userId': userId }, { $set: { 'members.$': entry } });
	} else {
		wekan.db.boards.direct.update(boardId, { $push: { members: entry } });
	}
}
