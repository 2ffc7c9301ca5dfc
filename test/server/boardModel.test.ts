/**
 * The Boards hooks of server/models/boards.js:641-797 and the Boards model methods of models/boards.js, at Wekan
 * v11.07 (f5cc8e373), through the models and the database.
 */
import { Wekan } from '../wekan-server/server';
import {
	addBoardLabel,
	archiveBoard,
	createBoard,
	editBoardLabel,
	getDefaultSwimlane,
	nextCardNumber,
	removeBoardLabel,
	renameBoard,
	restoreBoard,
	uniqueBoardTitle,
} from '../wekan-server/models/boards';

describe('the boards model', () => {
	let wekan: Wekan;
	let ownerId: string;
	let memberId: string;
	let boardId: string;
	let swimlaneId: string;
	let listId: string;

	beforeEach(() => {
		wekan = new Wekan();
		ownerId = wekan.createUser({ username: 'owner', email: 'owner@example.com', password: 'pw' })._id;
		memberId = wekan.createUser({ username: 'member', email: 'member@example.com', password: 'pw' })._id;
		boardId = createBoard(wekan, { title: 'Dev', ownerId })._id;
		wekan.addBoardMember(boardId, memberId);
		swimlaneId = wekan.db.swimlanes.findOne({ boardId })!._id;
		listId = wekan.db.lists.insert({ title: 'L', boardId, swimlaneId, sort: 0 });
	});

	const db = () => wekan.db;
	const board = (id = boardId) => db().boards.findOne(id)!;
	const card = (fields: Record<string, unknown> = {}, id = boardId) =>
		db().cards.insert({ title: 'c', boardId: id, listId, swimlaneId, userId: ownerId, sort: 0, ...fields });

	describe('hooks', () => {
		it("pulls a label removed from the board off the board's cards only (server/models/boards.js:678-698)", () => {
			addBoardLabel(wekan, board(), 'bug', 'red');
			addBoardLabel(wekan, board(), 'ops', 'blue');
			const [bug, ops] = board().labels!.map((l) => l._id);
			const mine = card({ labelIds: [bug, ops] });
			const other = createBoard(wekan, { title: 'Other', ownerId })._id;
			const theirs = card({ labelIds: [bug] }, other);
			removeBoardLabel(wekan, boardId, bug);
			expect(board().labels!.map((l) => l._id)).toEqual([ops]);
			expect(db().cards.findOne(mine)!.labelIds).toEqual([ops]);
			expect(db().cards.findOne(theirs)!.labelIds).toEqual([bug]);
		});

		// server/models/boards.js:700-741
		it('takes a member made inactive off the cards, list watchers, board watchers and stars', () => {
			const c = card({
				members: [memberId, ownerId],
				requesters: [memberId],
				assigners: [memberId],
				watchers: [memberId],
			});
			db().lists.update(listId, { $set: { watchers: [memberId, ownerId] } });
			db().boards.update(boardId, {
				$set: {
					watchers: [
						{ userId: memberId, level: 'watching' },
						{ userId: ownerId, level: 'tracking' },
					],
				},
			});
			db().users.update(memberId, { $set: { 'profile.starredBoards': [boardId, 'elsewhere'] } });
			const index = board().members.findIndex((m) => m.userId === memberId);
			db().boards.update(boardId, { $set: { [`members.${index}.isActive`]: false } });
			expect(db().cards.findOne(c)).toMatchObject({
				members: [ownerId],
				requesters: [],
				assigners: [],
				watchers: [],
			});
			expect(db().lists.findOne(listId)!.watchers).toEqual([ownerId]);
			expect(board().watchers).toEqual([{ userId: ownerId, level: 'tracking' }]);
			expect(db().users.findOne(memberId)!.profile!.starredBoards).toEqual(['elsewhere']);
			// server/models/boards.js:782-796: one removeBoardMember activity, without a user outside a method.
			const removed = db().activities.find({ activityType: 'removeBoardMember' });
			expect(removed).toEqual([expect.objectContaining({ memberId, type: 'member', boardId })]);
			expect(removed[0]).not.toHaveProperty('userId');
		});

		it('keeps the stars of a public board and only reacts to exactly false', () => {
			db().boards.update(boardId, { $set: { permission: 'public' } });
			db().users.update(memberId, { $set: { 'profile.starredBoards': [boardId] } });
			const index = board().members.findIndex((m) => m.userId === memberId);
			db().boards.update(boardId, { $set: { [`members.${index}.isActive`]: true } });
			expect(db().activities.find({ activityType: 'removeBoardMember' })).toEqual([]);
			db().boards.update(boardId, { $set: { [`members.${index}.isActive`]: false } }, {}, { userId: ownerId });
			expect(db().users.findOne(memberId)!.profile!.starredBoards).toEqual([boardId]);
			expect(db().activities.find({ activityType: 'removeBoardMember' })).toEqual([
				expect.objectContaining({ userId: ownerId, memberId }),
			]);
		});

		it('fails the update when the index names no member, as Wekan reads doc.members[n].userId', () => {
			expect(() => db().boards.update(boardId, { $set: { 'members.9.isActive': false } })).toThrow(TypeError);
		});

		it('records addBoardMember for a $push of a member (server/models/boards.js:767-776)', () => {
			const newcomer = wekan.createUser({ username: 'new', email: 'new@example.com', password: 'pw' })._id;
			db().boards.update(
				boardId,
				{ $push: { members: { userId: newcomer, isAdmin: false, isActive: true } } },
				{},
				{ userId: ownerId },
			);
			// The member the fixture added (board.addMember, models/boards.js:2131-2155, a hooked $push) has its own.
			expect(db().activities.find({ activityType: 'addBoardMember', memberId: newcomer })).toEqual([
				expect.objectContaining({ userId: ownerId, memberId: newcomer, type: 'member', boardId }),
			]);
		});

		// server/models/boards.js:755-763
		it('records changedBoardTitle for a hooked title write, not for a direct one', () => {
			renameBoard(wekan, boardId, 'Renamed');
			db().boards.direct.update(boardId, { $set: { title: 'Direct' } });
			expect(db().activities.find({ activityType: 'changedBoardTitle' })).toEqual([
				expect.objectContaining({ type: 'board', boardId, title: 'Renamed' }),
			]);
			expect(board()).toMatchObject({ title: 'Direct', slug: 'direct' });
		});
	});

	describe('methods', () => {
		// models/boards.js:2099-2118
		it('adds a label only when no label has that name and colour; edits the same way', () => {
			expect(addBoardLabel(wekan, board(), 'bug', 'red')).toBe(1);
			expect(addBoardLabel(wekan, board(), 'bug', 'red')).toBeNull();
			const [bug] = board().labels!;
			expect(bug._id).toMatch(/^[23456789A-HJ-NP-Za-km-z]{6}$/);
			addBoardLabel(wekan, board(), 'ops', 'blue');
			expect(editBoardLabel(wekan, board(), bug._id, 'ops', 'blue')).toBeNull();
			editBoardLabel(wekan, board(), bug._id, 'defect', 'crimson');
			expect(board().labels!.map((l) => [l.name, l.color])).toEqual([
				['defect', 'crimson'],
				['ops', 'blue'],
			]);
		});

		it('archives with archivedAt and restores without clearing it (models/boards.js:2037-2043)', () => {
			archiveBoard(wekan, boardId);
			const archivedAt = board().archivedAt;
			expect(board().archived).toBe(true);
			expect(archivedAt).toBeInstanceOf(Date);
			restoreBoard(wekan, boardId);
			expect(board()).toMatchObject({ archived: false, archivedAt });
		});

		// models/boards.js:1946-2000
		it('numbers cards from a per-board counter seeded once from the highest card number', () => {
			card({ cardNumber: 41 });
			expect(nextCardNumber(wekan, boardId)).toBe(42);
			card({ cardNumber: 100 });
			expect(nextCardNumber(wekan, boardId)).toBe(43);
			expect(db().counters.findOne(`cardNumber-${boardId}`)).toEqual({
				_id: `cardNumber-${boardId}`,
				next_val: 43,
			});
			const other = createBoard(wekan, { title: 'Other', ownerId })._id;
			expect(nextCardNumber(wekan, other)).toBe(1);
		});

		// models/boards.js:2415-2437
		it('makes unique titles over every board, with regex characters taken literally', () => {
			expect(uniqueBoardTitle(wekan, 'New')).toBe('New');
			expect(uniqueBoardTitle(wekan, 'Dev')).toBe('Dev [1]');
			createBoard(wekan, { title: 'Dev [4]', ownerId });
			expect(uniqueBoardTitle(wekan, 'Dev')).toBe('Dev [5]');
			expect(uniqueBoardTitle(wekan, 'Dev [2]')).toBe('Dev [5]');
			createBoard(wekan, { title: 'C++ (beta)', ownerId });
			expect(uniqueBoardTitle(wekan, 'C++ (beta)')).toBe('C++ (beta) [1]');
			// No account gets a Templates board at signup (server/models/users.js:1915-1919); a template container
			// made later (ensureTemplatesBoard, server/models/users.js:141-176) counts like any board.
			expect(uniqueBoardTitle(wekan, 'Templates')).toBe('Templates');
			createBoard(wekan, { title: 'Templates', ownerId, type: 'template-container' });
			expect(uniqueBoardTitle(wekan, 'Templates')).toBe('Templates [1]');
			expect(() => uniqueBoardTitle(wekan, 5)).toThrow('title.match is not a function');
		});

		// models/boards.js:1905-1944
		it('picks the first live swimlane in natural order, and self-heals a board without any', () => {
			const later = db().swimlanes.insert({ title: 'Later', boardId, sort: -5 });
			expect(getDefaultSwimlane(wekan, boardId)!._id).toBe(swimlaneId);
			db().swimlanes.update(swimlaneId, { $set: { archived: true } });
			expect(getDefaultSwimlane(wekan, boardId)!._id).toBe(later);
			db().swimlanes.update(later, { $set: { archived: true } });
			expect(getDefaultSwimlane(wekan, boardId)!._id).toBe(swimlaneId);
			const bare = db().boards.insert({
				title: 'Bare',
				members: [{ userId: ownerId, isAdmin: true, isActive: true }],
				permission: 'private',
			});
			expect(getDefaultSwimlane(wekan, bare)).toMatchObject({
				_id: `${bare}-default`,
				title: 'Default',
				boardId: bare,
				sort: 0,
				archived: false,
				type: 'swimlane',
			});
			expect(db().swimlanes.find({ boardId: bare })).toHaveLength(1);
		});

		it('creates a board as POST /api/boards does: six member flags, migrationVersion 1, a Default swimlane', () => {
			expect(board()).toMatchObject({
				members: [
					{
						userId: ownerId,
						isAdmin: true,
						isActive: true,
						isNoComments: false,
						isCommentOnly: false,
						isWorker: false,
					},
					expect.objectContaining({ userId: memberId }),
				],
				migrationVersion: 1,
				color: 'belize',
			});
			expect(
				db()
					.swimlanes.find({ boardId })
					.map((s) => s.title),
			).toEqual(['Default']);
		});
	});
});
