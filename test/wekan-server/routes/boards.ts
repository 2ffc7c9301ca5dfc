/**
 * The board routes of server/models/boards.js (798-1524: boards, title, labels, card settings, copy, domains) and
 * the JSON export of models/export.js:98-194. At Wekan v11.07, commit f5cc8e373. Not here: the member routes
 * (users.ts), the board attachments list (attachments.ts), the bulk card labels (cards.ts) and board import.
 */
import { cloneValue } from '../db/collection';
import { MeteorError } from '../errors';
import { empty, json, Reply, replyForError, type RequestContext, text, type Router } from '../http';
import { randomId } from '../ids';
import { copyBoard } from '../models/boardCopy';
import { hasAdmin } from '../models/boardMembers';
import { boardIsVisibleBy, getBoardLabel, uniqueBoardTitle } from '../models/boards';
import { buildBoardExport, parseExportFields, parseExportScope } from '../models/exporter';
import type { BoardDoc } from '../schemas/boards';
import { LABEL_COLORS } from '../schemas/constants';
import type { Permissions } from '../permissions';
import type { Wekan } from '../server';

/** server/models/boards.js:1162-1207 */
export const CARD_SETTING_KEYS = [
	'allowsCardCounterList',
	'cardAging',
	'allowsBoardMemberList',
	'allowsShowLists',
	'allowsAttachments',
	'allowsChecklists',
	'allowsComments',
	'allowsDescriptionTitle',
	'allowsDescriptionText',
	'allowsActivities',
	'allowsLabels',
	'allowsCreator',
	'allowsAssignee',
	'allowsMembers',
	'allowsRequestedBy',
	'allowsCardSortingByNumber',
	'allowsCardNumber',
	'allowsAssignedBy',
	'allowsReceivedDate',
	'allowsStartDate',
	'allowsEndDate',
	'allowsDueDate',
	'allowsSubtasks',
	'allowsCreatorOnMinicard',
	'allowsAttachmentsOnMinicard',
	'allowsChecklistsOnMinicard',
	'allowsChecklistAtMinicard',
	'allowsCoverAttachmentOnMinicard',
	'allowsBadgeAttachmentOnMinicard',
	'allowsCardSortingByNumberOnMinicard',
	'allowsCardNumberOnMinicard',
	'allowsDescriptionTitleOnMinicard',
	'allowsDescriptionTextOnMinicard',
	'allowsLabelsOnMinicard',
	'allowsAssigneeOnMinicard',
	'allowsMembersOnMinicard',
	'allowsRequestedByOnMinicard',
	'allowsAssignedByOnMinicard',
	'allowsReceivedDateOnMinicard',
	'allowsStartDateOnMinicard',
	'allowsEndDateOnMinicard',
	'allowsDueDateOnMinicard',
	'allowsSubtasksOnMinicard',
	'allowsShowListsOnMinicard',
];

/** server/models/boards.js:1209-1215 (#3984) */
export const CARD_NUMERIC_SETTING_KEYS = ['cardAgingDays1', 'cardAgingDays2', 'cardAgingDays3'];

const hasOwn = (body: unknown, key: string) => !!body && Object.prototype.hasOwnProperty.call(body, key);

/** JavaScript's `value || fallback`. */
function or(value: unknown, fallback: unknown): unknown {
	return value ? value : fallback;
}

/**
 * filterUserBoards (server/lib/boardListFilter.js:21-40, #5582): real boards only, not templates or other types,
 * and not helper boards whose (trimmed) title is wrapped in carets.
 */
function filterUserBoards(boards: BoardDoc[]): BoardDoc[] {
	return boards.filter(
		(board) => board.type === 'board' && !(typeof board.title === 'string' && /^\^.*\^$/.test(board.title.trim())),
	);
}

/** models/lib/restLabel.js:31-85 (#5510): the request shapes PUT .../labels accepts. */
type BuiltLabel = { ok: true; name: string; color: string } | { ok: false; status: number; error: string };

function buildBoardLabel(raw: unknown, allowedColors: readonly string[]): BuiltLabel {
	if (raw === undefined || raw === null) {
		return {
			ok: false,
			status: 400,
			error: 'Missing \'label\'. Send { "label": { "name": "...", "color": "green" } } or { "label": "..." }.',
		};
	}
	let name: unknown;
	let color: unknown;
	if (typeof raw === 'string') {
		name = raw;
	} else if (typeof raw === 'object') {
		name = (raw as Record<string, unknown>).name;
		color = (raw as Record<string, unknown>).color;
	} else {
		return { ok: false, status: 400, error: "'label' must be an object { name, color } or a string name." };
	}
	const labelName = name === undefined || name === null ? '' : String(name);
	let labelColor: string;
	if (color === undefined || color === null || color === '') {
		labelColor = 'green';
	} else {
		labelColor = String(color);
		if (allowedColors.length && !allowedColors.includes(labelColor)) {
			return {
				ok: false,
				status: 400,
				error: `Invalid label color '${labelColor}'. Allowed colors: ${allowedColors.join(', ')}.`,
			};
		}
	}
	return { ok: true, name: labelName, color: labelColor };
}

/** A board-domain entry as setBoardDomains checks it (server/models/boards.js:576-599). */
interface DomainEntry {
	domain: string;
	isActive: boolean;
}

/**
 * What check() throws: a Match.Error, not a Meteor.Error (its errorType is 'Match.Error'). None of these checks can
 * fail from the REST routes, which always pass an array and a string id.
 */
function matchError(message: string): Error {
	const error = new Error(`Match error: ${message}`);
	error.name = 'Match.Error';
	return error;
}

function checkType(value: unknown, type: 'string' | 'boolean' | 'object'): void {
	const ok = type === 'object' ? !!value && typeof value === 'object' : typeof value === type;
	if (!ok) {
		const expected = type === 'string' ? 'string' : type === 'boolean' ? 'boolean' : 'object';
		const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
		throw matchError(`Expected ${expected}, got ${got}`);
	}
}

/**
 * The setBoardDomains Meteor method (server/models/boards.js:562-610), as a caller with `userId` runs it. From a
 * REST handler (Meteor.callAsync outside any method invocation) this.userId is null, so it always refuses.
 */
export function setBoardDomains(wekan: Wekan, userId: string | null, domains: unknown, boardId: unknown): void {
	if (!Array.isArray(domains)) throw matchError(`Expected array, got ${typeof domains}`);
	checkType(boardId, 'string');
	if (!userId) throw new MeteorError('not-authorized', 'You must be logged in to perform this action.');
	const board = wekan.db.boards.findOne(boardId as string);
	if (!board) throw new MeteorError('board-not-found', 'Board not found.');
	if (!hasAdmin(board, userId)) {
		throw new MeteorError('not-authorized', 'You must be a board admin to perform this action.');
	}
	const normalized: DomainEntry[] = [];
	const seen = new Set<string>();
	for (const entry of domains as unknown[]) {
		checkType(entry, 'object');
		const { domain: raw, isActive } = entry as Record<string, unknown>;
		checkType(raw, 'string');
		checkType(isActive, 'boolean');
		const domain = (raw as string).trim().toLowerCase();
		if (!domain.length || !domain.includes('.') || domain.includes('@') || /\s/.test(domain)) {
			throw new MeteorError('invalid-domain', `Invalid domain: ${raw as string}`);
		}
		if (seen.has(domain)) continue;
		seen.add(domain);
		normalized.push({ domain, isActive: isActive as boolean });
	}
	wekan.db.boards.update(boardId as string, { $set: { domains: normalized } }, {}, { userId });
}

/** sendJsonResult as export.js and streamJsonBoardExport answer (server/apiMiddleware.js:97-123). */
function exportReply(status: number, data: unknown): Reply {
	return json(status, data, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

export function registerBoardRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const can: Permissions = wekan.can;

	/** A board-admin check with an explicit answer (server/models/boards.js:1112-1116, 1436-1440). */
	const adminOrSiteAdmin = (userId: string, board: BoardDoc | undefined) =>
		hasAdmin(board, userId) || can.isSiteAdmin(userId);

	// server/models/boards.js:798-859
	router.get('/api/users/:userId/boards', 'A', (ctx) => {
		can.loggedIn(ctx.userId);
		const paramUserId = ctx.params.userId;
		can.adminOr(ctx.userId, ctx.userId === paramUserId);
		// :803-822 (GHSA-r8r3-23vr-8jh6): only active memberships, on boards that are not archived.
		const boards = db.boards.find(
			{ archived: false, members: { $elemMatch: { userId: paramUserId, isActive: true } } },
			{ sort: { sort: 1 } },
		);
		return filterUserBoards(boards).map((board) => ({ _id: board._id, title: board.title }));
	});

	// server/models/boards.js:861-885: site admins only; public boards, archived ones included.
	router.get('/api/boards', 'A', (ctx) => {
		can.siteAdmin(ctx.userId);
		const boards = db.boards.find({ permission: 'public' }, { sort: { sort: 1 } });
		return filterUserBoards(boards).map((board) => ({ _id: board._id, title: board.title }));
	});

	// server/models/boards.js:887-905: every board of either permission, of any type.
	router.get('/api/boards_count', 'A', (ctx) => {
		can.siteAdmin(ctx.userId);
		return {
			private: db.boards.count({ permission: 'private' }),
			public: db.boards.count({ permission: 'public' }),
		};
	});

	// server/models/boards.js:907-923: the whole board document.
	router.get('/api/boards/:boardId', 'A', (ctx) => {
		can.boardRead(ctx.userId, ctx.params.boardId);
		return db.boards.findOne(ctx.params.boardId);
	});

	// server/models/boards.js:925-967
	router.post('/api/boards', 'C', (ctx) => {
		can.loggedIn(ctx.userId);
		const body = ctx.body;
		// :928-930: with the admin's "allow private boards only" on, every new board is private.
		const allowPrivateOnly = db.tableVisibilityModeSettings.findOne(
			'tableVisibilityMode-allowPrivateOnly',
		)?.booleanValue;
		const permission = allowPrivateOnly ? 'private' : or(body.permission, 'private');
		// :931-952: the body's flags go through `||`, so isAdmin and isActive are always truthy; the owner is not
		// checked against the users (#5650 only falls back to the caller when it is missing).
		const id = db.boards.insert({
			title: body.title,
			members: [
				{
					userId: or(body.owner, ctx.userId),
					isAdmin: or(body.isAdmin, true),
					isActive: or(body.isActive, true),
					isNoComments: or(body.isNoComments, false),
					isCommentOnly: or(body.isCommentOnly, false),
					isWorker: or(body.isWorker, false),
				},
			],
			permission,
			color: or(body.color, 'belize'),
			migrationVersion: 1,
		});
		// :953-956: getTranslatedString('default', 'Default'), English 'Default'; inserted with no sort.
		const swimlaneId = db.swimlanes.insert({ title: 'Default', boardId: id });
		return { _id: id, defaultSwimlaneId: swimlaneId };
	});

	// server/models/boards.js:1054-1071: Boards.before.remove takes the board's content with it.
	router.delete('/api/boards/:boardId', 'C', (ctx) => {
		const id = ctx.params.boardId;
		can.boardAdmin(ctx.userId, id);
		db.boards.remove({ _id: id });
		return { _id: id };
	});

	// server/models/boards.js:1073-1094: a direct write (no changedBoardTitle activity), cleaned by the schema; the
	// answer echoes the body's title as sent.
	router.put('/api/boards/:boardId/title', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		can.boardWrite(ctx.userId, boardId);
		const title = ctx.body.title;
		db.boards.direct.update({ _id: boardId }, { $set: { title } });
		return { _id: boardId, title };
	});

	// server/models/boards.js:1096-1147 (#5819, #5510)
	router.put('/api/boards/:boardId/labels', 'C', (ctx) => {
		const id = ctx.params.boardId;
		const board = db.boards.findOne(id);
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		if (!board) return json(404, { error: 'Board not found' });
		if (!adminOrSiteAdmin(ctx.userId, board)) {
			return json(403, { error: 'Only a board admin can create or edit labels' });
		}
		try {
			const built = buildBoardLabel(ctx.body.label, LABEL_COLORS);
			if (!built.ok) return json(built.status, { error: built.error });
			// :1134-1141: the same name and color answers the existing label's id (compared before the schema trims).
			const existing = getBoardLabel(board, built.name, built.color);
			// sendJsonResult with undefined data (a stored label without an _id) writes no body.
			if (existing) return existing._id === undefined ? empty(200) : json(200, existing._id);
			const labelId = randomId(6);
			db.boards.direct.update(
				{ _id: id },
				{ $push: { labels: { _id: labelId, name: built.name, color: built.color } } },
			);
			return json(200, labelId);
		} catch (error) {
			return replyForError('C', error);
		}
	});

	const cardSettingsOf = (board: BoardDoc): Record<string, unknown> => {
		const data: Record<string, unknown> = {};
		for (const key of [...CARD_SETTING_KEYS, ...CARD_NUMERIC_SETTING_KEYS])
			data[key] = (board as unknown as Record<string, unknown>)[key];
		return data;
	};

	// server/models/boards.js:1217-1233: no try/catch, so a refused check is Express's error page.
	router.get('/api/boards/:boardId/cardSettings', 'B', (ctx) => {
		const id = ctx.params.boardId;
		can.boardRead(ctx.userId, id);
		const board = db.boards.findOne(id);
		if (!board) return json(404, { error: 'Board not found' });
		return cardSettingsOf(board);
	});

	// server/models/boards.js:1235-1270
	router.put('/api/boards/:boardId/cardSettings', 'B', (ctx) => {
		const id = ctx.params.boardId;
		can.boardWrite(ctx.userId, id);
		const board = db.boards.findOne(id);
		if (!board) return json(404, { error: 'Board not found' });
		const body = ctx.body;
		const $set: Record<string, unknown> = {};
		for (const key of CARD_SETTING_KEYS) {
			if (hasOwn(body, key)) $set[key] = body[key] === true || String(body[key]).toLowerCase() === 'true';
		}
		for (const key of CARD_NUMERIC_SETTING_KEYS) {
			if (!hasOwn(body, key)) continue;
			const n = Number.parseInt(String(body[key]), 10);
			if (!Number.isNaN(n) && n >= 0) $set[key] = n;
		}
		if (Object.keys($set).length === 0) return json(400, { error: 'no recognized card settings in body' });
		db.boards.direct.update({ _id: id }, { $set });
		return cardSettingsOf(db.boards.findOne(id) as BoardDoc);
	});

	// server/models/boards.js:1272-1297: no login check; every failure, the permission one included, is a 500 with
	// the error's `message` (a Meteor.Error's is "<reason> [<error>]").
	router.post('/api/boards/:boardId/copy', 'C', (ctx) => {
		try {
			const board = db.boards.findOne(ctx.params.boardId);
			if (!board) throw new TypeError("Cannot read properties of undefined (reading 'members')");
			if (!Array.isArray(board.members))
				throw new TypeError("Cannot read properties of undefined (reading 'some')");
			// :1276: any admin entry, active or not, of the caller.
			const adminAccess = board.members.some((member) => member.userId === ctx.userId && member.isAdmin);
			can.adminOr(ctx.userId, adminAccess);
			const source = cloneValue(board) as unknown as Record<string, unknown> & { _id: string };
			// :1278, then Board.copy makes the title unique again (models/boards.js:1070).
			source.title = ctx.body.title ? ctx.body.title : uniqueBoardTitle(wekan, board.title);
			return json(200, copyBoard(wekan, source));
		} catch (error) {
			const message = error instanceof Error ? error.message : undefined;
			return json(500, { error: message || String(error) });
		}
	});

	// server/models/boards.js:1391-1409: despite its description, a site-admin check (checkUserId).
	router.get('/api/boards/:boardId/domains', 'A', (ctx) => {
		can.siteAdmin(ctx.userId);
		const board = db.boards.findOne(ctx.params.boardId);
		if (!board) return json(404, { error: 'Board not found' });
		return board.domains || [];
	});

	// server/models/boards.js:1424-1472 and 1491-1523: after their own checks both call the setBoardDomains method,
	// which from a REST handler has no user and refuses with not-authorized (style A).
	/** The checks both domain writes begin with (server/models/boards.js:1424-1434, 1491-1501): the board, or a reply. */
	const domainsBoard = (ctx: RequestContext): BoardDoc | Reply => {
		if (!ctx.userId) return json(401, { error: 'Unauthorized' });
		const board = db.boards.findOne(ctx.params.boardId);
		if (!board) return json(404, { error: 'Board not found' });
		if (!adminOrSiteAdmin(ctx.userId, board))
			return json(403, { error: 'Only a board admin can change board domains' });
		return board;
	};

	router.post('/api/boards/:boardId/domains', 'A', (ctx) => {
		const board = domainsBoard(ctx);
		if (board instanceof Reply) return board;
		const boardId = ctx.params.boardId;
		const rawDomain = ctx.body.domain;
		if (typeof rawDomain !== 'string') return json(400, { error: 'Missing domain' });
		const domain = rawDomain.trim().toLowerCase();
		if (!domain.length || !domain.includes('.') || domain.includes('@') || /\s/.test(domain)) {
			return json(400, { error: `Invalid domain: ${rawDomain}` });
		}
		const domains = [...(board.domains || [])];
		if (!domains.some((d) => d.domain === domain)) domains.push({ domain, isActive: true });
		setBoardDomains(wekan, null, domains, boardId);
		return db.boards.findOne(boardId)?.domains || [];
	});

	router.delete('/api/boards/:boardId/domains/:domain', 'A', (ctx) => {
		const board = domainsBoard(ctx);
		if (board instanceof Reply) return board;
		const boardId = ctx.params.boardId;
		const normalized = String(ctx.params.domain || '')
			.trim()
			.toLowerCase();
		const filtered = (board.domains || []).filter((d) => d.domain !== normalized);
		setBoardDomains(wekan, null, filtered, boardId);
		return db.boards.findOne(boardId)?.domains || [];
	});

	// models/export.js:98-194, wrapped in safeRoute (server/apiMiddleware.js:131-151): anything thrown outside the
	// export stream is a plain-text 500.
	router.get('/api/boards/:boardId/export', 'B', (ctx) => {
		try {
			return exportBoardRoute(ctx.params.boardId, ctx.query, ctx.userId);
		} catch {
			return text(500, 'Internal server error');
		}
	});

	function exportBoardRoute(
		boardId: string,
		query: Record<string, string>,
		requestUserId: string | undefined,
	): Reply {
		// :105-109: a missing board is a 404 before any authentication.
		const board = db.boards.findOne(boardId);
		if (!board) return exportReply(404, { error: 'Not found' });
		const options = {
			excludeAttachments: query.attachments === 'false',
			scope: parseExportScope(query),
			fields: parseExportFields(query.fields),
			userLanguage: undefined as string | undefined,
		};
		// :124-130: a public board is exported to anyone, without looking at any token.
		if (board.permission === 'public') return streamExport(boardId, options);

		let user: { _id: string; profile?: unknown } | undefined;
		const loginToken = query.authToken;
		if (loginToken) {
			// :133-142
			if (loginToken.length > 10000) return exportReply(400, { error: 'Bad request' });
			// :144-158: the token's user; the Authorization header is not consulted on this path.
			const tokenUserId = wekan.userIdForToken(loginToken);
			user = tokenUserId === undefined ? undefined : db.users.findOne(tokenUserId);
			if (!user) return exportReply(401, { error: 'Invalid token' });
			// :159-160: ImpersonatedUsers bookkeeping for admins exporting as someone else is not modelled.
		} else {
			// :161-171: any logged-in caller; the board's visibility is checked below.
			if (requestUserId === undefined) return exportReply(401, { error: 'Unauthorized' });
			user = db.users.findOne({ _id: requestUserId });
		}
		// :173-175
		const language = (user?.profile as { language?: unknown } | undefined)?.language;
		options.userLanguage = typeof language === 'string' && language ? language : 'en';
		// :176-192 canExport (models/exporter.js:872-875): Board.isVisibleBy, so an active member of any role; a site
		// admin who is not a member is refused.
		const current = db.boards.findOne(boardId);
		if (!current || !boardIsVisibleBy(current, user)) return exportReply(403, { error: 'Forbidden' });
		return streamExport(boardId, options);
	}

	/** streamJsonBoardExport (models/export.js:29-45): a failure before the first byte is 500 "Export failed". */
	function streamExport(boardId: string, options: Parameters<typeof buildBoardExport>[2]): Reply {
		try {
			return exportReply(200, buildBoardExport(wekan, boardId, options));
		} catch {
			return exportReply(500, { error: 'Export failed' });
		}
	}
}
