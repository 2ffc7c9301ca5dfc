/**
 * Board import at Wekan v11.07 (f5cc8e373): POST /api/boards/import and POST /api/boards/import/:source
 * (server/models/boards.js:991-1053), the importBoard method (models/import.js:40-115) and its creators:
 * models/wekanCreator.js, models/trelloCreator.js, models/csvCreator.js, models/jiraCreator.js,
 * models/kanboardCreator.js and models/lib/externalParsers.js.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { boardZip } from '../wekan-server/models/exportFormats/zip';
import type { BoardDoc } from '../wekan-server/schemas/boards';
import { type RichBoard, richBoard, T0 } from './exportImportFixture';
import type { RawResponse, TestUser } from './fixtures';

let b: RichBoard;
beforeEach(async () => {
	b = await richBoard();
});
afterEach(() => b.h.close());

const db = () => b.h.wekan.db;
const post = (path: string, user: TestUser | undefined, body: unknown) =>
	b.h.call('POST', path, { token: user?.token, body });
const newBoard = (r: RawResponse) => {
	expect(r.status).toBe(200);
	expect(Object.keys(r.json)).toEqual(['_id']);
	return db().boards.findOne(r.json._id) as BoardDoc;
};
const exportOf = async (user: TestUser) => {
	const r = await b.h.call('GET', `/api/boards/${b.boardId}/export?authToken=${user.token}`);
	expect(r.status).toBe(200);
	return r.json;
};

// ---- the routes ------------------------------------------------------------------------------------------------

describe('POST /api/boards/import and /import/:source: the answers (server/models/boards.js:991-1053)', () => {
	it('answers {_id} of the new board, with Cache-Control no-store (sendJsonResult)', async () => {
		const r = await post('/api/boards/import', b.admin, { board: await exportOf(b.owner) });
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(newBoard(r).title).toBe('Dev Board [1]');
	});

	it('answers a missing login as 200 with the Meteor.Error, style A (checkLoggedIn inside the try)', async () => {
		for (const path of ['/api/boards/import', '/api/boards/import/trello']) {
			const r = await post(path, undefined, { board: {} });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				isClientSafe: true,
				error: 'Unauthorized',
				reason: 'Unauthorized',
				message: 'Unauthorized [Unauthorized]',
				errorType: 'Meteor.Error',
				statusCode: 401,
			});
		}
	});

	it('answers 400 only for /import without an object under `board` (:994-997)', async () => {
		for (const body of [{}, { board: 'x' }, { board: null }, [1, 2]]) {
			const r = await post('/api/boards/import', b.admin, body);
			expect([r.status, r.json]).toEqual([400, { error: 'Missing board export object' }]);
		}
	});

	it('answers an import that throws part way as 200 with what JSON.stringify makes of the error', async () => {
		// WekanCreator.parseActivities reads `board.activities.forEach`: a TypeError, which serialises to {}.
		const r = await post('/api/boards/import', b.admin, { board: { title: 'x' } });
		expect([r.status, r.json]).toEqual([200, {}]);
		// An array passes the route's `typeof board === 'object'`, and fails the same way.
		expect((await post('/api/boards/import', b.admin, { board: [] })).json).toEqual({});
	});

	it('answers an unknown source with invalid-import-source (models/import.js:93-95)', async () => {
		const r = await post('/api/boards/import/notion', b.admin, { title: 'x' });
		expect(r.json).toEqual({
			isClientSafe: true,
			error: 'invalid-import-source',
			reason: 'Unknown import source: notion',
			message: 'Unknown import source: notion [invalid-import-source]',
			errorType: 'Meteor.Error',
		});
	});

	it("answers the method's argument checks as Match.Errors (models/import.js:47, 57-75)", async () => {
		const matchError = (message: string) => ({
			message: `Match error: ${message}`,
			path: '',
			sanitizedError: {
				isClientSafe: true,
				error: 400,
				reason: 'Match failed',
				message: 'Match failed [400]',
				errorType: 'Meteor.Error',
			},
			errorType: 'Match.Error',
		});
		const oneOf = await post('/api/boards/import/trello', b.admin, { board: 'x' });
		expect(oneOf.json).toEqual(matchError('Failed Match.OneOf, Match.Maybe or Match.Optional validation'));
		expect((await post('/api/boards/import/csv', b.admin, { board: { rows: [] } })).json).toEqual(
			matchError('Expected Array'),
		);
		expect((await post('/api/boards/import/wekan', b.admin, [['a']])).json).toEqual(
			matchError('Expected plain object'),
		);
	});

	it('takes the export as the body itself or under `board` on /import/:source (:1035)', async () => {
		const wekan = await exportOf(b.owner);
		expect(newBoard(await post('/api/boards/import/wekan', b.admin, wekan)).title).toBe('Dev Board [1]');
		expect(newBoard(await post('/api/boards/import/wekan', b.admin, { board: wekan })).title).toBe('Dev Board [2]');
	});

	it("is stopped by the Admin Panel's disable-all-import on /import/:source only (models/import.js:52)", async () => {
		db().settings.update({}, { $set: { disableAllImport: true } }, { multi: true });
		const wekan = await exportOf(b.owner);
		expect((await post('/api/boards/import/wekan', b.admin, wekan)).json).toEqual({
			isClientSafe: true,
			error: 'import-disabled',
			reason: 'Import is disabled by the administrator.',
			message: 'Import is disabled by the administrator. [import-disabled]',
			errorType: 'Meteor.Error',
		});
		// /api/boards/import runs WekanCreator without the method, so without the switch.
		expect(newBoard(await post('/api/boards/import', b.admin, { board: wekan })).title).toBe('Dev Board [1]');
	});

	it('lets any logged-in user import, who becomes the only active admin (wekanCreator.js:341-353)', async () => {
		const board = newBoard(await post('/api/boards/import', b.stranger, { board: await exportOf(b.owner) }));
		expect(board.members[0]).toEqual({
			userId: b.stranger.id,
			isActive: true,
			isAdmin: true,
			isNoComments: false,
			isCommentOnly: false,
		});
		// The exported members come along under their own ids, inactive and not admin, their other flags kept
		// (planImportedBoardMember, models/lib/importedBoardMemberPlan.js:11-23).
		expect(board.members.slice(1).map((m) => [m.userId, m.isActive, m.isAdmin, m.isReadOnly === true])).toEqual([
			[b.owner.id, false, false, false],
			[b.admin.id, false, false, false],
			[b.reader.id, false, false, true],
		]);
	});

	it('wins the path over the board POST routes that would match it (server/imports.js:108-121)', async () => {
		// POST /api/boards/:boardId/lists would take "import" as a board id; the import route is registered first.
		const r = await post('/api/boards/import/lists', b.admin, { title: 'x' });
		expect(r.json.reason).toBe('Unknown import source: lists');
	});
});

// ---- the Wekan round trip --------------------------------------------------------------------------------------

describe('the Wekan JSON round trip: GET .../export, then POST /api/boards/import (models/wekanCreator.js)', () => {
	async function roundTrip(importer: TestUser = b.admin, extra: Record<string, unknown> = {}) {
		const exported = await exportOf(b.owner);
		const board = newBoard(await post('/api/boards/import', importer, { board: exported, ...extra }));
		const id = board._id;
		const lists = db().lists.find({ boardId: id });
		const swimlanes = db().swimlanes.find({ boardId: id });
		const cards = db().cards.find({ boardId: id });
		const byTitle = (title: string) => cards.find((card) => card.title === title);
		return { exported, board, id, lists, swimlanes, cards, byTitle };
	}

	it('recreates the board: a unique title, slug, permission, color, labels under new ids (:322-412)', async () => {
		const { board } = await roundTrip();
		expect(board).toMatchObject({
			title: 'Dev Board [1]',
			slug: 'dev-board',
			permission: 'private',
			color: 'belize',
		});
		expect(board.labels?.map((label) => [label.name, label.color])).toEqual([
			['bug', 'red'],
			['feature', 'green'],
		]);
		expect(board.labels?.map((label) => label._id)).not.toContain(b.labels.bug);
		expect(board.labels?.[0]._id).toHaveLength(6);
		expect(board.importUsernames).toEqual([]);
	});

	it('recreates the lists and swimlanes in order, a falsy sort replaced by the position (:699-790)', async () => {
		const { lists, swimlanes } = await roundTrip();
		expect(lists.map((list) => [list.title, list.sort, list.archived])).toEqual([
			['Todo', 0, false],
			['Done', 1, false],
		]);
		expect(swimlanes.map((swimlane) => [swimlane.title, swimlane.sort])).toEqual([
			['Default', 0],
			['Ops', 1],
		]);
	});

	it('recreates the cards: numbers, lists, swimlanes, labels, people, dates, field values (:422-560)', async () => {
		const { board, lists, swimlanes, byTitle, cards } = await roundTrip();
		expect(cards.map((card) => [card.title, card.cardNumber, card.archived])).toEqual([
			['Fix login', b.cards.fix.cardNumber, false],
			['=SUM(A1) ship it', b.cards.ship.cardNumber, false],
			['Write the test', b.cards.sub.cardNumber, false],
			['Old idea', b.cards.archived.cardNumber, true],
		]);
		const fix = byTitle('Fix login');
		const label = (name: string) => board.labels?.find((l) => l.name === name)?._id;
		expect(fix).toMatchObject({
			listId: lists[0]._id,
			swimlaneId: swimlanes[0]._id,
			labelIds: [label('bug')],
			// createPlaceholderUsers maps every exported user to itself, and these users exist here.
			members: [b.owner.id, b.reader.id],
			assignees: [b.admin.id],
			userId: b.owner.id,
			requestedBy: 'support',
			description: 'Users cannot log in',
			dueAt: T0,
			startAt: new Date('2026-02-20T08:30:00.000Z'),
		});
		expect(byTitle('=SUM(A1) ship it')).toMatchObject({ listId: lists[1]._id, swimlaneId: swimlanes[1]._id });
		expect(byTitle('=SUM(A1) ship it')?.labelIds).toEqual([label('feature'), label('bug')]);
		const fields = db().customFields.find({ boardIds: board._id });
		expect(fields.map((field) => [field.name, field.type])).toEqual([
			['Priority', 'dropdown'],
			['Size', 'number'],
			['Deadline', 'date'],
		]);
		// The date field's value comes back as the ISO string the JSON carried: nothing converts a custom value.
		expect(fix?.customFields).toEqual([
			{ _id: fields[0]._id, value: 'hi' },
			{ _id: fields[1]._id, value: 3 },
			{ _id: fields[2]._id, value: '2026-04-01T00:00:00.000Z' },
		]);
	});

	it("loses the cards' creation dates: the schema's autoValue wins (models/cards.js:162-176)", async () => {
		const before = Date.now();
		const { byTitle } = await roundTrip();
		expect((byTitle('Fix login')?.createdAt as Date).getTime()).toBeGreaterThanOrEqual(before);
	});

	it('remaps subtasks and dependencies to the new cards (:837-890)', async () => {
		const { byTitle } = await roundTrip();
		const fix = byTitle('Fix login');
		expect(byTitle('Write the test')?.parentId).toBe(fix?._id);
		expect(fix?.cardDependencies).toEqual([
			{ cardId: byTitle('=SUM(A1) ship it')?._id, type: 'blocks', color: '#eb144c', icon: 'link' },
		]);
	});

	it('recreates checklists, items, comments and the attachment with its bytes (:561-633, 892-980)', async () => {
		const { id, byTitle } = await roundTrip();
		const fix = byTitle('Fix login');
		const checklists = db().checklists.find({ cardId: fix?._id });
		expect(checklists.map((checklist) => [checklist.title, checklist.boardId])).toEqual([['Steps', id]]);
		expect(
			db()
				.checklistItems.find({ checklistId: checklists[0]._id })
				.map((item) => [item.title, item.isFinished]),
		).toEqual([
			['Reproduce', false],
			['Patch', true],
		]);
		expect(
			db()
				.card_comments.find({ cardId: fix?._id })
				.map((comment) => [comment.text, comment.userId]),
		).toEqual([
			['Seen on staging', b.reader.id],
			['Fixed in 1.2', b.owner.id],
		]);
		const attachments = db().attachments.find({ 'meta.boardId': id });
		expect(attachments).toHaveLength(1);
		expect(attachments[0]).toMatchObject({
			name: 'log.txt',
			type: 'text/plain',
			size: 11,
			userId: b.admin.id,
			meta: { boardId: id, cardId: fix?._id, source: 'import' },
		});
		expect(db().files.get(attachments[0]._id)?.toString()).toBe('stack trace');
	});

	it('imports an attachment only through its addAttachment activity (parseActivities, :984-1004)', async () => {
		const exported = await exportOf(b.owner);
		exported.activities = exported.activities.filter(
			(a: { activityType: string }) => a.activityType !== 'addAttachment',
		);
		const board = newBoard(await post('/api/boards/import', b.admin, { board: exported }));
		expect(db().attachments.find({ 'meta.boardId': board._id })).toEqual([]);
		// An export without the bytes (?attachments=false) brings none either.
		const bare = await b.h.call(
			'GET',
			`/api/boards/${b.boardId}/export?attachments=false&authToken=${b.owner.token}`,
		);
		const other = newBoard(await post('/api/boards/import', b.admin, { board: bare.json }));
		expect(db().attachments.find({ 'meta.boardId': other._id })).toEqual([]);
	});

	it('replays the activities it knows, with ids mapped, and records importBoard (:385-410, 1046-1166)', async () => {
		const { id, lists, byTitle } = await roundTrip();
		const activities = db().activities.find({ boardId: id });
		expect(activities.map((activity) => activity.activityType)).toEqual([
			'importBoard',
			'createBoard',
			'createList',
			'createList',
			'createCard',
			'createCard',
			'createCard',
			'createCard',
			'addChecklist',
			'addChecklistItem',
			'addChecklistItem',
			'addComment',
			'addComment',
			'addAttachment',
		]);
		expect(activities[0]).toMatchObject({ source: { system: 'Wekan' }, userId: b.admin.id });
		expect(activities[0].source).toEqual({ system: 'Wekan' });
		expect(activities[2]).toMatchObject({ type: 'list', listId: lists[0]._id });
		expect(activities[4]).toMatchObject({ cardId: byTitle('Fix login')?._id, listId: lists[0]._id });
		// The exported activities carry no user (REST writes have none), so the importer is credited.
		expect(activities[4].userId).toBe(b.admin.id);
		expect(activities[11].userId).toBe(b.reader.id);
	});

	it('recreates the rules with their triggers and actions, label ids mapped (:918-957)', async () => {
		const { id, board } = await roundTrip();
		const rules = db().rules.find({ boardId: id });
		expect(rules.map((rule) => rule.title)).toEqual(['Label moved cards']);
		const trigger = db().triggers.findOne(rules[0].triggerId);
		const action = db().actions.findOne(rules[0].actionId);
		expect(trigger).toMatchObject({ activityType: 'moveCard', listName: 'Done', boardId: id });
		expect(action).toMatchObject({
			actionType: 'addLabel',
			labelId: board.labels?.find((label) => label.name === 'feature')?._id,
			boardId: id,
		});
	});

	it("adds each mapped member's exported username to their importUsernames (:1380-1410)", async () => {
		await roundTrip();
		expect(db().users.findOne(b.reader.id)?.importUsernames).toEqual(['rita']);
		// The importer's own username too, when they were on the exported board.
		expect(db().users.findOne(b.admin.id)?.importUsernames).toEqual(['ada']);
		expect(db().users.findOne(b.stranger.id)?.importUsernames).toBeUndefined();
	});

	it('creates an inert placeholder user for an exported user this server does not have (:1312-1373)', async () => {
		const exported = await exportOf(b.owner);
		exported.users.push({ _id: 'gone-user-1', username: 'rita', profile: { fullname: 'Gone', initials: 'G' } });
		exported.members.push({ userId: 'gone-user-1', isAdmin: true, isActive: true });
		exported.cards[0].members.push('gone-user-1');
		const board = newBoard(await post('/api/boards/import', b.admin, { board: exported }));
		expect(db().users.findOne('gone-user-1')).toMatchObject({
			username: 'rita-1',
			profile: { fullname: 'Gone', initials: 'G' },
			authenticationMethod: 'imported',
			importUsernames: ['rita'],
		});
		expect(board.members.find((member) => member.userId === 'gone-user-1')).toMatchObject({
			isActive: false,
			isAdmin: false,
		});
		expect(db().cards.findOne({ boardId: board._id, title: 'Fix login' })?.members).toContain('gone-user-1');
	});

	it('maps members through membersMapping; a mapped one keeps its role (importedBoardMemberPlan.js)', async () => {
		const exported = await exportOf(b.owner);
		exported.members = exported.members.map((member: Record<string, unknown>) =>
			member.userId === b.reader.id ? { ...member, wekanId: b.stranger.id } : member,
		);
		const board = newBoard(
			await post('/api/boards/import', b.admin, {
				board: exported,
				membersMapping: { [b.reader.id]: b.stranger.id },
			}),
		);
		expect(board.members.find((member) => member.userId === b.stranger.id)).toMatchObject({
			isActive: true,
			isAdmin: false,
		});
		const fix = db().cards.findOne({ boardId: board._id, title: 'Fix login' });
		expect(fix?.members).toEqual([b.owner.id, b.stranger.id]);
		expect(
			db()
				.card_comments.find({ cardId: fix?._id })
				.map((comment) => comment.userId),
		).toEqual([b.stranger.id, b.owner.id]);
	});

	it('keeps what it wrote before a write the schema refuses, and answers {error} (style A)', async () => {
		const exported = await exportOf(b.owner);
		exported.lists.push({ _id: 'broken', archived: false, sort: 5 });
		const before = db().boards.find().length;
		const r = await post('/api/boards/import', b.admin, { board: exported });
		expect([r.status, r.json]).toEqual([200, { error: 'Title is required in lists insertAsync' }]);
		expect(db().boards.find()).toHaveLength(before + 1);
		const partial = db().boards.findOne({ title: 'Dev Board [1]' }) as BoardDoc;
		expect(
			db()
				.lists.find({ boardId: partial._id })
				.map((list) => list.title),
		).toEqual(['Todo', 'Done']);
		expect(db().cards.find({ boardId: partial._id })).toEqual([]);
	});

	it('puts a card whose list is not exported in the first list, else a new Default one (:430-436)', async () => {
		const exported = await exportOf(b.owner);
		exported.cards[0].listId = 'missing';
		const board = newBoard(await post('/api/boards/import', b.admin, { board: exported }));
		const first = db().lists.find({ boardId: board._id })[0];
		expect(db().cards.findOne({ boardId: board._id, title: 'Fix login' })?.listId).toBe(first._id);
		exported.lists = [];
		const bare = newBoard(await post('/api/boards/import', b.admin, { board: exported }));
		expect(
			db()
				.lists.find({ boardId: bare._id })
				.map((list) => [list.title, list.sort]),
		).toEqual([['Default', 0]]);
	});
});

// ---- Trello ---------------------------------------------------------------------------------------------------

/** A Trello board export, in the shape models/trelloCreator.js reads (Trello's GET /1/boards/{id} with everything). */
function trelloBoard() {
	return {
		id: 'tb1',
		name: 'Trello Board',
		closed: false,
		url: 'https://trello.com/b/abc/trello-board',
		prefs: { permissionLevel: 'public', background: 'green' },
		labels: [
			{ id: 'tl1', name: 'Urgent', color: 'red' },
			{ id: 'tl2', name: 'Soft', color: 'purple_light' },
			{ id: 'tl3', name: 'Later', color: null },
		],
		lists: [
			{ id: 'tlist1', name: 'To Do', closed: false, pos: 16384 },
			{ id: 'tlist2', name: 'Doing', closed: false, pos: 32768 },
			{ id: 'tlist3', name: 'Old', closed: true, pos: 49152 },
		],
		members: [
			{ id: 'tm1', username: 'alice_t', fullName: 'Alice T', initials: 'AT' },
			{ id: 'tm2', username: 'owen', fullName: 'Owen', initials: 'O' },
		],
		memberships: [
			{ idMember: 'tm1', memberType: 'admin' },
			{ idMember: 'tm2', memberType: 'normal' },
		],
		customFields: [
			{
				id: 'tcf1',
				name: 'Effort',
				type: 'list',
				display: { cardFront: true },
				options: [
					{ id: 'opt1', value: { text: 'S' } },
					{ id: 'opt2', value: { text: 'L' } },
				],
			},
			{ id: 'tcf2', name: 'Checked', type: 'checkbox', display: { cardFront: false } },
		],
		cards: [
			{
				id: 'tc1',
				idShort: 7,
				name: 'Design',
				desc: 'Sketch it',
				idList: 'tlist1',
				pos: 65535,
				closed: false,
				due: '2026-05-01T12:00:00.000Z',
				dueComplete: true,
				idLabels: ['tl1', 'tl2'],
				idMembers: ['tm1', 'tm2'],
				idMembersVoted: ['tm1'],
				cover: { color: 'sky' },
				stickers: [{ image: 'taco-love', zIndex: 2 }, { image: 'thumbsup' }],
				customFieldItems: [
					{ idCustomField: 'tcf1', idValue: 'opt2' },
					{ idCustomField: 'tcf2', value: { checked: 'true' } },
				],
				attachments: [
					{ id: 'ta1', name: 'https://example.com/spec', url: 'https://example.com/spec' },
					{
						id: 'ta2',
						name: 'notes.txt',
						mimeType: 'text/plain',
						url: 'https://trello.com/1/cards/tc1/attachments/ta2/download/notes.txt',
						file: Buffer.from('hello').toString('base64'),
					},
				],
				idAttachmentCover: 'ta2',
			},
			{ id: 'tc2', idShort: 0, name: 'Build', desc: '', idList: 'tlist2', pos: 131071, closed: true, due: null },
		],
		checklists: [
			{
				id: 'tch1',
				idBoard: 'tb1',
				idCard: 'tc1',
				name: 'Todo list',
				pos: 16384,
				checkItems: [
					{ id: 'ti1', name: 'Wireframe', state: 'complete', pos: 1 },
					{ id: 'ti2', name: 'Review', state: 'incomplete', pos: 2 },
				],
			},
		],
		actions: [
			{
				type: 'createBoard',
				date: '2026-01-01T09:00:00.000Z',
				idMemberCreator: 'tm1',
				data: { board: { id: 'tb1' } },
			},
			{
				type: 'createList',
				date: '2026-01-01T09:01:00.000Z',
				idMemberCreator: 'tm1',
				data: { list: { id: 'tlist1' } },
			},
			{
				type: 'createCard',
				date: '2026-01-02T10:00:00.000Z',
				idMemberCreator: 'tm1',
				data: { card: { id: 'tc1' }, list: { id: 'tlist1' } },
			},
			{
				type: 'commentCard',
				date: '2026-01-03T11:00:00.000Z',
				idMemberCreator: 'tm2',
				data: { text: 'Looks good', card: { id: 'tc1' } },
			},
			{
				type: 'updateCard',
				date: '2026-01-04T12:00:00.000Z',
				idMemberCreator: 'tm1',
				data: { old: { idList: 'tlist1' }, listAfter: { id: 'tlist2' }, card: { id: 'tc2' } },
			},
			{
				type: 'addChecklistToCard',
				date: '2026-01-05T12:00:00.000Z',
				idMemberCreator: 'tm1',
				data: { card: { id: 'tc1' }, checklist: { id: 'tch1' } },
			},
		],
	};
}

describe('POST /api/boards/import/trello (models/trelloCreator.js)', () => {
	async function importTrello(extra: Record<string, unknown> = {}) {
		const board = newBoard(await post('/api/boards/import/trello', b.admin, { ...trelloBoard(), ...extra }));
		const cards = db().cards.find({ boardId: board._id });
		return { board, cards, lists: db().lists.find({ boardId: board._id }) };
	}

	it('maps a member by username, else makes a placeholder under the Trello id (:1057-1105)', async () => {
		const { board } = await importTrello();
		expect(db().users.findOne('tm1')).toMatchObject({
			username: 'alice_t',
			profile: { fullname: 'Alice T', initials: 'AT' },
			importUsernames: ['alice_t'],
			authenticationMethod: 'imported',
		});
		expect(db().users.findOne({ username: 'owen' })?._id).toBe(b.owner.id);
		// :234-262: memberships add the mapped members, active, admin as Trello says.
		expect(board.members.map((member) => [member.userId, member.isAdmin, member.isActive])).toEqual([
			[b.admin.id, true, true],
			['tm1', true, true],
			[b.owner.id, false, true],
		]);
		// :1112-1132: the hooked Users.updateAsync adds the Trello username to the mapped user.
		expect(db().users.findOne(b.owner.id)?.importUsernames).toEqual(['owen']);
	});

	it("creates the board: public, its color and the labels' colours mapped (:206-301, 857-878)", async () => {
		const { board } = await importTrello();
		expect(board).toMatchObject({
			title: 'Trello Board',
			slug: 'trello-board',
			permission: 'public',
			color: 'nephritis',
		});
		expect(board.labels?.map((label) => [label.name, label.color])).toEqual([
			['Urgent', 'red'],
			['Soft', 'purple'],
			['Later', 'black'],
		]);
		const activity = db().activities.findOne({ boardId: board._id, activityType: 'importBoard' });
		expect(activity?.source).toEqual({ id: 'tb1', system: 'Trello', url: 'https://trello.com/b/abc/trello-board' });
		// A background Trello does not name maps to the first board color (getColor never answers undefined).
		const grey = (await importTrello({ prefs: { permissionLevel: 'org', background: 'gradient-snow' } })).board;
		expect([grey.color, grey.permission]).toEqual(['belize', 'private']);
	});

	it('puts every list in one Default swimlane, sorted by pos, closed lists archived (:734-786)', async () => {
		const { board, lists } = await importTrello();
		const swimlanes = db().swimlanes.find({ boardId: board._id });
		expect(swimlanes.map((swimlane) => [swimlane.title, swimlane.sort])).toEqual([['Default', 1]]);
		expect(lists.map((list) => [list.title, list.sort, list.archived, list.swimlaneId])).toEqual([
			['To Do', 16384, false, swimlanes[0]._id],
			['Doing', 32768, false, swimlanes[0]._id],
			['Old', 49152, true, swimlanes[0]._id],
		]);
	});

	it("creates the cards: Trello's number, cover, stickers, votes, custom fields, due dates (:382-535)", async () => {
		const { board, cards, lists } = await importTrello();
		const label = (name: string) => board.labels?.find((l) => l.name === name)?._id;
		const fields = db().customFields.find({ boardIds: board._id });
		expect(fields.map((field) => [field.name, field.type, field.showOnCard, field.automaticallyOnCard])).toEqual([
			['Effort', 'dropdown', true, true],
			['Checked', 'checkbox', false, true],
		]);
		expect(fields[0].settings).toEqual({
			dropdownItems: [
				{ _id: 'opt1', name: 'S' },
				{ _id: 'opt2', name: 'L' },
			],
		});
		const [design, build] = cards;
		expect(design).toMatchObject({
			title: 'Design',
			cardNumber: 7,
			listId: lists[0]._id,
			sort: 65535,
			// createCard's author (idMemberCreator), mapped.
			userId: 'tm1',
			dueAt: new Date('2026-05-01T12:00:00.000Z'),
			dueComplete: true,
			color: 'sky',
			labelIds: [label('Urgent'), label('Soft')],
			members: ['tm1', b.owner.id],
			vote: { question: 'Design', public: true, positive: ['tm1'] },
			customFields: [
				{ _id: fields[0]._id, value: 'opt2' },
				{ _id: fields[1]._id, value: true },
			],
		});
		expect(design.stickers).toEqual([
			{ icon: 'heart', name: 'mascot love', position: 2, highlight: 'underline' },
			{ icon: 'thumbs-up', name: 'thumbsup', position: 1 },
		]);
		// idShort 0 is falsy: a new number from the board's counter, past the highest imported so far.
		expect(build).toMatchObject({
			title: 'Build',
			cardNumber: 8,
			archived: true,
			listId: lists[1]._id,
			userId: b.admin.id,
		});
	});

	it('turns link attachments into Links and stores the attachments that carry their bytes (:565-719)', async () => {
		const { board, cards } = await importTrello();
		const design = cards[0];
		// :706-717, through Cards.direct.updateAsync, whose cleaning trims the last newline.
		expect(design.description).toBe('Sketch it\n\n## Links\n* https://example.com/spec');
		const attachments = db().attachments.find({ 'meta.boardId': board._id });
		expect(attachments.map((a) => [a.name, a.type, a.meta.source, a.meta.cardId])).toEqual([
			['notes.txt', 'text/plain', 'import', design._id],
		]);
		expect(design.coverId).toBe(attachments[0]._id);
		expect(db().files.get(attachments[0]._id)?.toString()).toBe('hello');
	});

	it('creates the comments from commentCard actions, each with an addComment activity (:538-564)', async () => {
		const { board, cards } = await importTrello();
		const comments = db().card_comments.find({ cardId: cards[0]._id });
		expect(comments.map((comment) => [comment.text, comment.userId, comment.boardId])).toEqual([
			['Looks good', b.owner.id, board._id],
		]);
		expect(db().activities.findOne({ boardId: board._id, activityType: 'addComment' })).toMatchObject({
			commentId: comments[0]._id,
			userId: b.owner.id,
			createdAt: new Date('2026-01-03T11:00:00.000Z'),
		});
	});

	it("creates the checklists, their items' ids the checklist's with a counter (:788-819)", async () => {
		const { cards } = await importTrello();
		const [checklist] = db().checklists.find({ cardId: cards[0]._id });
		expect([checklist.title, checklist.sort]).toEqual(['Todo list', 16384]);
		expect(
			db()
				.checklistItems.find({ checklistId: checklist._id })
				.map((item) => [item._id, item.title, item.isFinished]),
		).toEqual([
			[`${checklist._id}1`, 'Wireframe', true],
			[`${checklist._id}2`, 'Review', false],
		]);
	});

	it('replays createBoard, createList, createCard, moves and addChecklist as activities (:934-1002)', async () => {
		const { board, lists, cards } = await importTrello();
		const activities = db().activities.find({ boardId: board._id, activityType: { $ne: 'importBoard' } });
		expect(activities.map((a) => a.activityType)).toEqual([
			'addComment',
			'createBoard',
			'createList',
			'createCard',
			'moveCard',
			'addChecklist',
		]);
		expect(activities[4]).toMatchObject({
			oldListId: lists[0]._id,
			listId: lists[1]._id,
			cardId: cards[1]._id,
			userId: 'tm1',
			createdAt: new Date('2026-01-04T12:00:00.000Z'),
		});
	});

	it('fails on a document without actions: parseActions calls actions.forEach (:891)', async () => {
		const { actions: _actions, ...withoutActions } = trelloBoard();
		expect((await post('/api/boards/import/trello', b.admin, withoutActions)).json).toEqual({});
	});
});

// ---- CSV and Excel ---------------------------------------------------------------------------------------------

const CSV_ROWS = [
	[
		'Title',
		'Description',
		'Stage',
		'Members',
		'Labels',
		'Due date',
		'CustomField-Size-number',
		'CustomField-Tier-dropdown-Gold/Silver',
	],
	['Card A', 'First', 'Backlog', 'owen rita', 'bug-red ui', '2026-06-01T00:00:00.000Z', '5', 'Gold'],
	['Card B', '', 'Backlog', '', 'ui', '', ' ', ' '],
	['Card C', 'No stage', '', '', '', '', '7', 'Silver'],
];

describe('POST /api/boards/import/csv and /excel (models/csvCreator.js, models/import.js:24-38, 76-81)', () => {
	async function checkCsvBoard(r: RawResponse) {
		const board = newBoard(r);
		expect(board.title).toMatch(/^Imported Board \w{3} \w{3} \d\d \d{4} \d\d:\d\d:\d\d GMT/);
		expect([board.slug, board.permission, board.color]).toEqual(['board', 'private', 'belize']);
		expect(board.labels?.map((label) => [label.name, label.color])).toEqual([
			['bug', 'red'],
			['ui', 'black'],
		]);
		const lists = db().lists.find({ boardId: board._id });
		// One list per stage; a row without one makes its own "Imported List <date>".
		expect(lists.map((list) => [list.title.replace(/ \w{3} \w{3} .*$/, ' <date>'), list.sort])).toEqual([
			['Backlog', 1],
			['Imported List <date>', 2],
		]);
		const fields = db().customFields.find({ boardIds: board._id });
		expect(fields.map((field) => [field.name, field.type, field.showOnCard])).toEqual([
			['Size', 'number', false],
			['Tier', 'dropdown', false],
		]);
		const tiers = (fields[1].settings as { dropdownItems: Array<{ _id: string; name: string }> }).dropdownItems;
		expect(tiers.map((item) => item.name)).toEqual(['Gold', 'Silver']);
		const cards = db().cards.find({ boardId: board._id });
		const label = (name: string) => board.labels?.find((l) => l.name === name)?._id;
		expect(cards.map((card) => [card.title, card.listId, card.sort, card.userId])).toEqual([
			['Card A', lists[0]._id, -1, b.admin.id],
			['Card B', lists[0]._id, -1, b.admin.id],
			['Card C', lists[1]._id, -1, b.admin.id],
		]);
		expect(cards[0]).toMatchObject({
			description: 'First',
			labelIds: [label('bug'), label('ui')],
			// membersMapping is by username here; rita is not mapped, so not a member.
			members: [b.owner.id],
			dueAt: new Date('2026-06-01T00:00:00.000Z'),
			customFields: [
				{ _id: fields[0]._id, value: '5' },
				{ _id: fields[1]._id, value: tiers[0]._id },
			],
		});
		// A cell of one space is "no value" (csvCreator.js:366).
		expect(cards[1].customFields).toEqual([]);
		expect(cards[2].customFields).toEqual([
			{ _id: fields[0]._id, value: '7' },
			{ _id: fields[1]._id, value: tiers[1]._id },
		]);
		expect(
			db()
				.swimlanes.find({ boardId: board._id })
				.map((s) => [s.title, s.sort]),
		).toEqual([['Default', 1]]);
		expect(db().activities.findOne({ boardId: board._id })?.source).toEqual({ id: board._id, system: 'CSV/TSV' });
	}

	it('creates a board from the rows, the first one the header (csvCreator.js:58-404)', async () => {
		await checkCsvBoard(
			await post('/api/boards/import/csv', b.admin, { board: CSV_ROWS, membersMapping: { owen: b.owner.id } }),
		);
	});

	it("reads an Excel workbook's first sheet as the same rows (parseXlsxToRows)", async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Cards');
		for (const row of CSV_ROWS) sheet.addRow(row);
		workbook.addWorksheet('Ignored').addRow(['Title']);
		const excelBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
		await checkCsvBoard(
			await post('/api/boards/import/excel', b.admin, {
				board: { excelBase64 },
				membersMapping: { owen: b.owner.id },
			}),
		);
	});

	it('fails on a dropdown cell that is no option, leaving what was written (csvCreator.js:367-373)', async () => {
		const rows = [CSV_ROWS[0], ['Card D', '', 'Backlog', '', '', '', '1', 'Bronze']];
		const before = db().boards.find().length;
		expect((await post('/api/boards/import/csv', b.admin, rows)).json).toEqual({});
		expect(db().boards.find()).toHaveLength(before + 1);
	});

	it('fails on a workbook that is not one (a plain Error serialises to {})', async () => {
		const r = await post('/api/boards/import/excel', b.admin, {
			excelBase64: Buffer.from('nope').toString('base64'),
		});
		expect(r.json).toEqual({});
		// Buffer.from(undefined) is a Node TypeError with an own `code`.
		expect((await post('/api/boards/import/excel', b.admin, {})).json).toEqual({ code: 'ERR_INVALID_ARG_TYPE' });
	});
});

// ---- Jira, Kanboard and the other tools --------------------------------------------------------------------------

describe('POST /api/boards/import/jira (models/jiraCreator.js)', () => {
	it('makes lists of the statuses, cards of the issues, dependencies of the links and rules (:60-265)', async () => {
		const r = await post('/api/boards/import/jira', b.admin, {
			issues: [
				{
					key: 'P-1',
					fields: {
						summary: 'Login',
						status: { name: 'To Do' },
						labels: ['auth'],
						reporter: { displayName: 'Rae' },
						assignee: { accountId: 'acc-1' },
						duedate: '2026-07-01',
						project: { name: 'Portal' },
						issuelinks: [{ type: { name: 'Blocks' }, outwardIssue: { key: 'P-2' } }],
					},
				},
				{ key: 'P-2', fields: { summary: 'Deploy', status: { name: 'Done' }, description: { type: 'doc' } } },
			],
			automationRules: [
				{
					title: 'Archive done',
					trigger: { activityType: 'moveCard', desc: 'x' },
					action: { actionType: 'archive', desc: 'y' },
				},
				{ title: 'Incomplete', trigger: { activityType: 'createCard' } },
			],
			membersMapping: { 'acc-1': b.reader.id },
		});
		const board = newBoard(r);
		expect([board.title, board.labels?.map((label) => [label.name, label.color])]).toEqual([
			'Portal',
			[['auth', 'black']],
		]);
		const lists = db().lists.find({ boardId: board._id });
		expect(lists.map((list) => [list.title, list.sort])).toEqual([
			['To Do', 0],
			['Done', 1],
		]);
		const cards = db().cards.find({ boardId: board._id });
		expect(cards[0]).toMatchObject({
			title: '[P-1] Login',
			requestedBy: 'Rae',
			members: [b.reader.id],
			dueAt: new Date('2026-07-01'),
			labelIds: [board.labels?.[0]._id],
			cardDependencies: [{ cardId: cards[1]._id, type: 'blocks', color: '#eb144c', icon: 'link' }],
		});
		// A description that is not a string (Jira's document format) is left empty.
		expect([cards[1].title, cards[1].description]).toEqual(['[P-2] Deploy', '']);
		const rules = db().rules.find({ boardId: board._id });
		expect(rules.map((rule) => rule.title)).toEqual(['Archive done']);
		expect(db().triggers.findOne(rules[0].triggerId)).toMatchObject({
			activityType: 'moveCard',
			boardId: board._id,
		});
	});
});

describe('POST /api/boards/import/kanboard and the external tools (kanboardCreator.js, lib/externalParsers.js)', () => {
	it('Kanboard: columns to lists, swimlanes kept, tasks to cards, tags to black labels', async () => {
		const board = newBoard(
			await post('/api/boards/import/kanboard', b.admin, {
				board: {
					board: { name: 'KB' },
					columns: [{ title: 'Backlog' }, { title: 'Ready' }],
					swimlanes: [{ name: 'Main' }, { name: 'Side' }],
					tasks: [
						{
							title: 'T1',
							column_name: 'Ready',
							swimlane_name: 'Side',
							tags: ['x', { name: 'y' }],
							date_due: '1767225600',
						},
						{ title: 'T2', column_name: 'Nowhere', owner_username: 'owen' },
					],
				},
				membersMapping: { owen: b.owner.id },
			}),
		);
		expect(board.title).toBe('KB');
		const lists = db().lists.find({ boardId: board._id });
		const swimlanes = db().swimlanes.find({ boardId: board._id });
		expect(lists.map((list) => list.title)).toEqual(['Backlog', 'Ready']);
		expect(swimlanes.map((swimlane) => swimlane.title)).toEqual(['Main', 'Side']);
		const cards = db().cards.find({ boardId: board._id });
		expect(cards[0]).toMatchObject({
			listId: lists[1]._id,
			swimlaneId: swimlanes[1]._id,
			// A string of digits is a Unix time in seconds (kanboardCreator.js:32-42).
			dueAt: new Date(1767225600 * 1000),
		});
		expect(cards[0].labelIds).toHaveLength(2);
		// An unknown column and swimlane fall back to the first ones.
		expect(cards[1]).toMatchObject({ listId: lists[0]._id, swimlaneId: swimlanes[0]._id, members: [b.owner.id] });
	});

	it('GitHub issues: Open and Closed lists, pull requests skipped, the author as Requested By', async () => {
		const board = newBoard(
			await post('/api/boards/import/github', b.admin, [
				{ title: 'Bug', state: 'open', user: { login: 'octo' }, labels: [{ name: 'bug' }] },
				{ title: 'Old', state: 'closed', body: 'done' },
				{ title: 'PR', state: 'open', pull_request: {} },
			]),
		);
		expect(board.title).toBe('Imported GitHub issues');
		const lists = db().lists.find({ boardId: board._id });
		expect(lists.map((list) => list.title)).toEqual(['Open', 'Closed']);
		expect(
			db()
				.cards.find({ boardId: board._id })
				.map((card) => [card.title, card.listId, card.requestedBy]),
		).toEqual([
			['Bug', lists[0]._id, 'octo'],
			['Old', lists[1]._id, ''],
		]);
	});

	it('NextCloud Deck: stacks to lists, their cards to cards', async () => {
		const board = newBoard(
			await post('/api/boards/import/deck', b.admin, {
				title: 'Deck',
				stacks: [{ title: 'Inbox', cards: [{ title: 'C', labels: [{ title: 'L' }] }] }],
			}),
		);
		expect(board.title).toBe('Deck');
		expect(
			db()
				.cards.find({ boardId: board._id })
				.map((card) => card.title),
		).toEqual(['C']);
	});

	it('finds the parser on a plain object, so an inherited name like toString works (import.js:86)', async () => {
		// Object.prototype.toString hands the Kanboard creator '[object Object]': an empty board.
		const board = newBoard(await post('/api/boards/import/toString', b.admin, { title: 'x' }));
		expect(board.title).toMatch(/^Imported Kanboard Board /);
		expect(
			db()
				.lists.find({ boardId: board._id })
				.map((list) => list.title),
		).toEqual(['Imported']);
		expect(
			db()
				.swimlanes.find({ boardId: board._id })
				.map((swimlane) => swimlane.title),
		).toEqual(['Default']);
	});
});

// ---- POST /api/import/zip --------------------------------------------------------------------------------------

describe('POST /api/import/zip (models/importZip.js, models/server/scopedImporter.js)', () => {
	/** A second board, owned by the stranger, to import into. */
	function target() {
		const id = b.h.wekan.createBoard({ title: 'Target', ownerId: b.stranger.id })._id;
		return { id, swimlaneId: db().swimlanes.findOne({ boardId: id })?._id as string };
	}

	async function upload(query: string, body: Buffer | string, contentType = 'application/zip') {
		const response = await fetch(`${b.h.url}/api/import/zip?${query}`, {
			method: 'POST',
			headers: { 'Content-Type': contentType },
			body,
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
	}

	async function archive(mutate?: (zip: JSZip) => void) {
		const zip = await JSZip.loadAsync((await boardZip(b.h.wekan, b.boardId, { scope: {}, fields: null })).buffer);
		mutate?.(zip);
		return zip.generateAsync({ type: 'nodebuffer' });
	}

	it('imports the document into the board beside what it has, and answers the counts (:142-201)', async () => {
		const { id } = target();
		const r = await upload(`boardId=${id}&authToken=${b.stranger.token}`, await archive());
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(r.json).toEqual({
			ok: true,
			counts: { swimlanes: 2, lists: 2, cards: 4, checklists: 1, comments: 2, attachments: 1 },
		});
		const swimlanes = db().swimlanes.find({ boardId: id });
		expect(swimlanes.map((s) => [s.title, s.sort])).toEqual([
			['Default', undefined],
			['Default', 0],
			['Ops', 1],
		]);
		const lists = db().lists.find({ boardId: id });
		expect(lists.map((list) => [list.title, list.sort])).toEqual([
			['Todo', 0],
			['Done', 1],
		]);
		const cards = db().cards.find({ boardId: id });
		const fix = cards.find((card) => card.title === 'Fix login');
		// New cards by the importer, at the end of the fallback list; labels, members and assignees are not brought.
		expect(fix).toMatchObject({
			listId: lists[0]._id,
			swimlaneId: swimlanes[1]._id,
			userId: b.stranger.id,
			labelIds: [],
			members: [],
			assignees: [],
			description: 'Users cannot log in',
			requestedBy: 'support',
			dueAt: T0,
		});
		// :227-231: requesters and assigners are kept only if they are the board's members.
		const comments = db().card_comments.find({ cardId: fix?._id });
		expect(comments.map((comment) => [comment.text, comment.userId])).toEqual([
			['Seen on staging', b.stranger.id],
			['Fixed in 1.2', b.stranger.id],
		]);
		// .direct skips the hook that would give the checklist its boardId.
		const [checklist] = db().checklists.find({ cardId: fix?._id });
		expect(checklist.title).toBe('Steps');
		expect(checklist.boardId).toBeUndefined();
		const [attachment] = db().attachments.find({ 'meta.boardId': id });
		expect(attachment.meta).toEqual({
			boardId: id,
			cardId: fix?._id,
			listId: lists[0]._id,
			swimlaneId: swimlanes[1]._id,
			source: 'import',
		});
		expect(db().files.get(attachment._id)?.toString()).toBe('stack trace');
	});

	it('reuses a list of the same title, keeps only the ?fields= parts (:124-171, importParts.js:29-44)', async () => {
		const { id } = target();
		const todo = b.h.wekan.createList(id, 'Todo', '', 5)._id;
		const r = await upload(`boardId=${id}&authToken=${b.stranger.token}&fields=description`, await archive());
		expect(r.json.counts).toEqual({ swimlanes: 2, lists: 1, cards: 4, checklists: 0, comments: 0, attachments: 0 });
		expect(db().cards.findOne({ boardId: id, title: 'Fix login' })?.listId).toBe(todo);
	});

	it('refuses in its own words (:103-147)', async () => {
		const { id } = target();
		const zip = await archive();
		const anonymous = await upload(`boardId=${id}`, zip);
		expect([anonymous.status, anonymous.json]).toEqual([401, { error: 'Unauthorized' }]);
		expect((await upload(`boardId=${id}&authToken=nope`, zip)).json).toEqual({ error: 'Invalid token' });
		expect((await upload(`boardId=${id}&authToken=${'x'.repeat(10001)}`, zip)).json).toEqual({
			error: 'Bad request',
		});
		expect((await upload(`boardId=nope&authToken=${b.stranger.token}`, zip)).json).toEqual({ error: 'Not found' });
		const outsider = await upload(`boardId=${id}&authToken=${b.owner.token}`, zip);
		expect([outsider.status, outsider.json]).toEqual([403, { error: 'Forbidden' }]);
		db().settings.update({}, { $set: { disableAllImport: true } }, { multi: true });
		const disabled = await upload(`boardId=${id}&authToken=${b.stranger.token}`, zip);
		expect([disabled.status, disabled.json]).toEqual([403, { error: 'Import is disabled' }]);
	});

	it('answers a bad archive or document (:154-167, 202-207)', async () => {
		const { id } = target();
		const query = `boardId=${id}&authToken=${b.stranger.token}`;
		const notZip = await upload(query, Buffer.from('not a zip'));
		expect([notZip.status, notZip.json]).toEqual([500, { error: 'import-failed' }]);
		const noDocument = await upload(query, await archive((zip) => zip.remove('wekan.json')));
		expect([noDocument.status, noDocument.json]).toEqual([400, { error: 'import-not-wekan-export' }]);
		const nested = await upload(
			query,
			await archive((zip) => {
				zip.file('export/wekan.json', JSON.stringify({ _format: 'trello' }));
				zip.remove('wekan.json');
			}),
		);
		expect([nested.status, nested.json]).toEqual([400, { error: 'invalid-format' }]);
	});

	it('waits for a stream the JSON body parser already read (receiveToTempFile, :49-84)', async () => {
		const { id } = target();
		b.h.wekan.options.attachmentStreamTimeoutMs = 20;
		const r = await upload(`boardId=${id}&authToken=${b.stranger.token}`, '{"a":1}', 'application/json');
		expect(r.status).toBe(408);
	});
});
