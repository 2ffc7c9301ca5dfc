/**
 * Wekan v11.07's schemas for boards, lists, swimlanes, users, settings, rules, triggers and actions, attached to a
 * fresh Database the way collection2 attaches them, checked against the Wekan source lines each test names.
 */
import type { Collection, Doc } from '../wekan-server/db/collection';
import { Database } from '../wekan-server/db/database';
import { SchemaValidationError } from '../wekan-server/db/schema';
import { actionsSchema } from '../wekan-server/schemas/actions';
import { boardsSchema } from '../wekan-server/schemas/boards';
import { ALLOWED_BOARD_COLORS, ALLOWED_COLORS, LABEL_COLORS } from '../wekan-server/schemas/constants';
import { listsSchema } from '../wekan-server/schemas/lists';
import { rulesSchema } from '../wekan-server/schemas/rules';
import { settingsSchema } from '../wekan-server/schemas/settings';
import { boardSlug } from '../wekan-server/schemas/slug';
import { swimlanesSchema } from '../wekan-server/schemas/swimlanes';
import { triggersSchema } from '../wekan-server/schemas/triggers';
import { usersSchema } from '../wekan-server/schemas/users';

function freshDatabase(): Database {
	const db = new Database();
	db.boards.attachSchema(boardsSchema(db));
	db.lists.attachSchema(listsSchema(db));
	db.swimlanes.attachSchema(swimlanesSchema(db));
	db.users.attachSchema(usersSchema(db));
	db.settings.attachSchema(settingsSchema(db));
	db.rules.attachSchema(rulesSchema(db));
	const triggers = triggersSchema(db);
	if (triggers) db.triggers.attachSchema(triggers);
	const actions = actionsSchema(db);
	if (actions) db.actions.attachSchema(actions);
	return db;
}

/** The message of the collection2 validation error `write` throws. */
function validationMessage(write: () => unknown): string {
	try {
		write();
	} catch (error) {
		if (error instanceof SchemaValidationError) return error.message;
		throw error;
	}
	throw new Error('the write was accepted');
}

function stored<T extends { _id: string }>(collection: Collection<T>, id: string): Doc {
	const doc = collection.findOne(id) as unknown as Doc | undefined;
	if (!doc) throw new Error(`no ${collection.name} document ${id}`);
	return doc;
}

function dateOf(doc: Doc, field: string): Date {
	const value = doc[field];
	if (!(value instanceof Date)) throw new Error(`${field} is not a Date: ${String(value)}`);
	return value;
}

const EPOCH = new Date(0);
const anyDate = expect.any(Date) as unknown;

let db: Database;
beforeEach(() => {
	db = freshDatabase();
});

describe('constants (config/const.js, models/metadata/colors.js)', () => {
	it('board colors are config/const.js:1-26 and labels use the 25 named colors of :27-53', () => {
		expect(ALLOWED_BOARD_COLORS).toHaveLength(25);
		expect(ALLOWED_BOARD_COLORS[0]).toBe('belize');
		expect(ALLOWED_BOARD_COLORS).toContain('appleglasspastel');
		expect(ALLOWED_BOARD_COLORS).not.toContain('sky');
		expect(ALLOWED_COLORS).toHaveLength(25);
		expect(LABEL_COLORS).toBe(ALLOWED_COLORS);
	});
});

describe('board slug (models/boards.js:83-94, limax 4.2.3 + speakingurl 14.0.1)', () => {
	it.each([
		['Hello World', 'hello-world'],
		["Bob's Board", 'bobs-board'],
		['Été & Co', 'ete-and-co'],
		['R&D', 'r-and-d'],
		['Straße Ärger', 'strasse-aerger'],
		['$100 budget', 'usd100-budget'],
		['C++ tips (2024)', 'c-tips-2024'],
		['snake_case', 'snake_case'],
		['a<b', 'a-less-than-b'],
		['!!!', 'board'],
		['', 'board'],
	])('%j gives %j', (title, slug) => {
		expect(boardSlug(title)).toBe(slug);
	});
});

describe('boards', () => {
	const member = {
		userId: 'u1',
		isAdmin: true,
		isActive: true,
		isNoComments: false,
		isCommentOnly: false,
		isWorker: false,
	};

	// models/boards.js:71-1062
	it('an insert inside a method gets every default and autoValue, the inserting user as admin, and no labels', () => {
		const id = db.boards.insert({ title: 'Dev', permission: 'private' }, { userId: 'u1' });
		expect(stored(db.boards, id)).toEqual({
			_id: id,
			title: 'Dev',
			slug: 'dev',
			archived: false,
			createdAt: anyDate,
			modifiedAt: anyDate,
			stars: 0,
			// :228-248
			members: [member],
			permission: 'private',
			importUsernames: [],
			// :419-431
			color: 'belize',
			allowsCardCounterList: false,
			cardAging: false,
			showDependencies: false,
			cardAgingDays1: 7,
			cardAgingDays2: 14,
			cardAgingDays3: 28,
			allowsBoardMemberList: false,
			// :519-560: null defaults are stored
			subtasksDefaultBoardId: null,
			migrationVersion: 1,
			subtasksDefaultListId: null,
			dateSettingsDefaultBoardId: null,
			dateSettingsDefaultListId: null,
			allowsSubtasks: true,
			allowsSubtasksOnMinicard: true,
			allowsAttachments: true,
			allowsAttachmentsOnMinicard: true,
			allowsChecklists: true,
			allowsChecklistsOnMinicard: true,
			allowsCustomFields: true,
			allowsCustomFieldsOnMinicard: false,
			allowsChecklistCountBadgeOnMinicard: false,
			allowsComments: true,
			allowsDescriptionTitle: true,
			allowsDescriptionTitleOnMinicard: true,
			allowsDescriptionText: true,
			allowsDescriptionTextOnMinicard: false,
			allowsCoverAttachmentOnMinicard: true,
			allowsCoverAttachmentOnCard: false,
			allowsBadgeAttachmentOnMinicard: false,
			allowsAttachmentCountOnCard: false,
			allowsChecklistCountBadgeOnCard: false,
			allowsCardSortingByNumberOnMinicard: false,
			allowsCardNumber: false,
			allowsCardNumberOnMinicard: false,
			allowsActivities: true,
			allowsLabels: true,
			allowsLabelsOnMinicard: true,
			allowsCreator: true,
			allowsCreatorOnMinicard: false,
			allowsAssignee: true,
			allowsAssigneeOnMinicard: true,
			allowsMembers: true,
			allowsMembersOnMinicard: true,
			allowsRequestedBy: true,
			allowsRequestedByOnMinicard: true,
			allowsCardSortingByNumber: true,
			allowsShowLists: true,
			allowsAssignedBy: true,
			allowsAssignedByOnMinicard: true,
			allowsShowListsOnMinicard: false,
			allowsChecklistAtMinicard: false,
			allowsReceivedDate: true,
			restrictCommentEditing: false,
			allowsPersonalListWidth: false,
			autoWidth: false,
			allowsReceivedDateOnMinicard: true,
			allowsStartDate: true,
			allowsStartDateOnMinicard: true,
			allowsEndDate: true,
			allowsEndDateOnMinicard: true,
			allowsDueDate: true,
			allowsDueDateOnMinicard: true,
			allowsDueComplete: false,
			allowsDueCompleteOnMinicard: false,
			presentParentTask: 'no-parent',
			isOvertime: false,
			type: 'board',
			sort: -1,
			showActivities: false,
		});
	});

	// models/boards.js:234-247
	it('without a userId (a REST handler) the members autoValue writes userId null and the insert fails', () => {
		expect(validationMessage(() => db.boards.insert({ title: 'Dev', permission: 'private' }))).toBe(
			'User ID is required (members.0.userId) in boards insertAsync',
		);
		expect(db.boards.size).toBe(0);
	});

	// server/models/boards.js:931-952
	it("POST /api/boards's insert works without a userId because it sends members", () => {
		const id = db.boards.insert({
			title: 'Api',
			members: [
				{ userId: 'u9', isAdmin: true, isActive: true, isNoComments: false, isCommentOnly: false, isWorker: false },
			],
			permission: 'private',
			color: 'belize',
			migrationVersion: 1,
		});
		expect(stored(db.boards, id)).toMatchObject({
			members: [
				{ userId: 'u9', isAdmin: true, isActive: true, isNoComments: false, isCommentOnly: false, isWorker: false },
			],
			slug: 'api',
			stars: 0,
		});
		expect(stored(db.boards, id)).not.toHaveProperty('labels');
	});

	it('title and permission are required, permission has no default (models/boards.js:71-76, :319-325)', () => {
		expect(validationMessage(() => db.boards.insert({ title: 'Dev' }, { userId: 'u1' }))).toBe(
			'Permission is required in boards insertAsync',
		);
		expect(validationMessage(() => db.boards.insert({ permission: 'public' }, { userId: 'u1' }))).toBe(
			'Title is required in boards insertAsync',
		);
		expect(validationMessage(() => db.boards.insert({ title: 'Dev', permission: 'team' }, { userId: 'u1' }))).toBe(
			'team is not an allowed value in boards insertAsync',
		);
	});

	// models/boards.js:419-431
	it('color must be one of ALLOWED_BOARD_COLORS; label colors such as sky are refused', () => {
		for (const color of ALLOWED_BOARD_COLORS) {
			const id = db.boards.insert({ title: color, permission: 'public', color }, { userId: 'u1' });
			expect(stored(db.boards, id).color).toBe(color);
		}
		expect(
			validationMessage(() => db.boards.insert({ title: 'x', permission: 'public', color: 'sky' }, { userId: 'u1' })),
		).toBe('sky is not an allowed value in boards insertAsync');
	});

	it('type is board, template-board or template-container (models/boards.js:1041-1049)', () => {
		const id = db.boards.insert({ title: 'T', permission: 'private', type: 'template-container' }, { userId: 'u1' });
		expect(stored(db.boards, id).type).toBe('template-container');
		expect(
			validationMessage(() => db.boards.insert({ title: 'T', permission: 'private', type: 'list' }, { userId: 'u1' })),
		).toBe('list is not an allowed value in boards insertAsync');
	});

	// models/boards.js:183-224
	it('labels take a palette name or a #rrggbb hex and need an _id; an empty name is dropped', () => {
		const id = db.boards.insert(
			{
				title: 'L',
				permission: 'private',
				labels: [
					{ _id: 'a', name: 'Bug', color: 'crimson' },
					{ _id: 'b', name: '', color: '#00FF00' },
				],
			},
			{ userId: 'u1' },
		);
		expect(stored(db.boards, id).labels).toEqual([
			{ _id: 'a', name: 'Bug', color: 'crimson' },
			{ _id: 'b', color: '#00FF00' },
		]);
		const withLabel = (label: Record<string, unknown>) => () =>
			db.boards.insert({ title: 'L', permission: 'private', labels: [label] }, { userId: 'u1' });
		expect(validationMessage(withLabel({ _id: 'c', color: 'belize' }))).toBe(
			'belize is not an allowed value (labels.0.color) in boards insertAsync',
		);
		expect(validationMessage(withLabel({ _id: 'c', color: '#0f0' }))).toBe(
			'#0f0 is not an allowed value (labels.0.color) in boards insertAsync',
		);
		expect(validationMessage(withLabel({ color: 'green' }))).toBe(
			'ID is required (labels.0._id) in boards insertAsync',
		);
	});

	it('customThemeColors entries must be #rrggbb (models/boards.js:442-449)', () => {
		const id = db.boards.insert(
			{ title: 'C', permission: 'private', customThemeColors: ['#112233'] },
			{ userId: 'u1' },
		);
		expect(stored(db.boards, id).customThemeColors).toEqual(['#112233']);
		expect(
			validationMessage(() =>
				db.boards.insert({ title: 'C', permission: 'private', customThemeColors: ['red'] }, { userId: 'u1' }),
			),
		).toBe('customThemeColors.0 is invalid (customThemeColors.0) in boards insertAsync');
	});

	it('stars, createdAt and modifiedAt sent on insert are replaced (models/boards.js:115-159)', () => {
		const id = db.boards.insert(
			{ title: 'S', permission: 'private', stars: 12, createdAt: EPOCH, modifiedAt: EPOCH },
			{ userId: 'u1' },
		);
		const doc = stored(db.boards, id);
		expect(doc.stars).toBe(0);
		expect(dateOf(doc, 'createdAt').getTime()).toBeGreaterThan(0);
		expect(dateOf(doc, 'modifiedAt').getTime()).toBeGreaterThan(0);
	});

	// models/boards.js:102-106, :235, :427, :535
	it('members, color, archived and migrationVersion sent on insert are kept', () => {
		const id = db.boards.insert(
			{ title: 'K', permission: 'private', members: [], color: 'midnight', archived: true, migrationVersion: 0 },
			{ userId: 'u1' },
		);
		expect(stored(db.boards, id)).toMatchObject({
			members: [],
			color: 'midnight',
			archived: true,
			migrationVersion: 0,
		});
	});

	it('filters unknown keys, trims strings, removes empty strings and converts types (collection2 clean)', () => {
		const id = db.boards.insert(
			{
				title: '  Roadmap  ',
				permission: ' public ',
				description: '',
				owner: 'u2',
				allowsComments: 'false',
				cardAgingDays1: '3',
				sort: '2.5',
				members: [{ userId: 'u1', isAdmin: 'true', isActive: 1, nickname: 'x' }],
			},
			{ userId: 'u1' },
		);
		const doc = stored(db.boards, id);
		expect(doc).toMatchObject({
			title: 'Roadmap',
			slug: 'roadmap',
			permission: 'public',
			allowsComments: false,
			cardAgingDays1: 3,
			sort: 2.5,
			members: [{ userId: 'u1', isAdmin: true, isActive: true }],
		});
		expect(doc).not.toHaveProperty('description');
		expect(doc).not.toHaveProperty('owner');
	});

	// models/boards.js:91
	it('a null or {} title makes limax throw a TypeError out of the insert, before validation', () => {
		expect(() => db.boards.insert({ title: null, permission: 'private' }, { userId: 'u1' })).toThrow(
			new TypeError("Cannot read properties of null (reading 'replace')"),
		);
		expect(() => db.boards.insert({ title: {}, permission: 'private' }, { userId: 'u1' })).toThrow(
			new TypeError('text.replace is not a function'),
		);
		// An object with keys is filtered to nothing first, so that one is just missing.
		expect(
			validationMessage(() => db.boards.insert({ title: { en: 'x' }, permission: 'private' }, { userId: 'u1' })),
		).toBe('Title is required in boards insertAsync');
		expect(db.boards.size).toBe(0);
	});

	it('an update of the title recomputes the slug unless the update sets one (models/boards.js:88-93)', () => {
		const id = db.boards.insert({ title: 'Old', permission: 'private' }, { userId: 'u1' });
		db.boards.update(id, { $set: { title: 'Été 2025' } });
		expect(stored(db.boards, id).slug).toBe('ete-2025');
		db.boards.update(id, { $set: { title: 'Other', slug: 'kept' } });
		expect(stored(db.boards, id)).toMatchObject({ title: 'Other', slug: 'kept' });
		db.boards.update(id, { $set: { description: 'd' } });
		expect(stored(db.boards, id).slug).toBe('kept');
	});

	it('an update drops createdAt, renews modifiedAt and keeps stars (models/boards.js:121-159)', () => {
		const id = db.boards.insert({ title: 'U', permission: 'private' }, { userId: 'u1' });
		const before = stored(db.boards, id);
		db.boards.update(id, { $set: { createdAt: EPOCH, modifiedAt: EPOCH, stars: 4 } });
		const after = stored(db.boards, id);
		expect(after.createdAt).toEqual(before.createdAt);
		expect(dateOf(after, 'modifiedAt').getTime()).toBeGreaterThanOrEqual(dateOf(before, 'modifiedAt').getTime());
		expect(after.stars).toBe(4);
	});

	// models/boards.js:424
	it('direct.update skips hooks but not the schema: unknown keys go, color is still checked', () => {
		const id = db.boards.insert({ title: 'D', permission: 'private' }, { userId: 'u1' });
		db.boards.direct.update(id, { $set: { color: 'pumpkin', nonsense: 1 } });
		expect(stored(db.boards, id).color).toBe('pumpkin');
		expect(stored(db.boards, id)).not.toHaveProperty('nonsense');
		expect(validationMessage(() => db.boards.direct.update(id, { $set: { color: 'blue' } }))).toBe(
			'blue is not an allowed value in boards updateAsync',
		);
	});

	// models/boards.js:249-318
	it('a pushed member needs userId, isAdmin and isActive; the role flags are optional', () => {
		const id = db.boards.insert({ title: 'M', permission: 'private' }, { userId: 'u1' });
		db.boards.update(id, { $push: { members: { userId: 'u2', isAdmin: false, isActive: true, isReadOnly: true } } });
		expect(stored(db.boards, id).members).toEqual([
			member,
			{ userId: 'u2', isAdmin: false, isActive: true, isReadOnly: true },
		]);
		expect(
			validationMessage(() => db.boards.update(id, { $push: { members: { userId: 'u3', isAdmin: false } } })),
		).toBe('Is active is required (members.0.isActive) in boards updateAsync');
	});

	// models/watchable.js:44-60
	it('watchers come from complexWatchable: a userId and a level of watching, tracking or muted', () => {
		const id = db.boards.insert({ title: 'W', permission: 'private' }, { userId: 'u1' });
		db.boards.update(id, { $push: { watchers: { userId: 'u1', level: 'tracking' } } });
		expect(stored(db.boards, id).watchers).toEqual([{ userId: 'u1', level: 'tracking' }]);
		expect(validationMessage(() => db.boards.update(id, { $push: { watchers: { userId: 'u2', level: 'all' } } }))).toBe(
			'all is not an allowed value (watchers.0.level) in boards updateAsync',
		);
	});

	it('presentParentTask is one of five values (models/boards.js:977-997)', () => {
		const id = db.boards.insert(
			{ title: 'P', permission: 'private', presentParentTask: 'prefix-with-parent' },
			{ userId: 'u1' },
		);
		expect(stored(db.boards, id).presentParentTask).toBe('prefix-with-parent');
		expect(validationMessage(() => db.boards.update(id, { $set: { presentParentTask: 'parent' } }))).toBe(
			'parent is not an allowed value in boards updateAsync',
		);
	});
});

describe('lists', () => {
	// models/lists.js:87-277
	it('an insert gets its defaults: starred false, swimlaneId "", type list, width 220, no sort', () => {
		const id = db.lists.insert({ title: 'To do', boardId: 'b1' });
		expect(stored(db.lists, id)).toEqual({
			_id: id,
			title: 'To do',
			starred: false,
			archived: false,
			boardId: 'b1',
			swimlaneId: '',
			createdAt: anyDate,
			updatedAt: anyDate,
			modifiedAt: anyDate,
			type: 'list',
			width: 220,
		});
	});

	it('boardId and title are required (models/lists.js:87-92, :143-148)', () => {
		expect(validationMessage(() => db.lists.insert({ title: 'x' }))).toBe('Board ID is required in lists insertAsync');
		expect(validationMessage(() => db.lists.insert({ title: '   ', boardId: 'b1' }))).toBe(
			'Title is required in lists insertAsync',
		);
	});

	it('an empty swimlaneId is removed and then defaulted back to "" (models/lists.js:149-156)', () => {
		const id = db.lists.insert({ title: 'L', boardId: 'b1', swimlaneId: '' });
		expect(stored(db.lists, id).swimlaneId).toBe('');
		const other = db.lists.insert({ title: 'L', boardId: 'b1', swimlaneId: ' s1 ' });
		expect(stored(db.lists, other).swimlaneId).toBe('s1');
	});

	it('color is a palette name or a #rrggbb hex; board themes are refused (models/lists.js:239-254)', () => {
		const named = db.lists.insert({ title: 'L', boardId: 'b1', color: 'silver' });
		const hex = db.lists.insert({ title: 'L', boardId: 'b1', color: '#abcdef' });
		expect([stored(db.lists, named).color, stored(db.lists, hex).color]).toEqual(['silver', '#abcdef']);
		expect(validationMessage(() => db.lists.insert({ title: 'L', boardId: 'b1', color: 'belize' }))).toBe(
			'belize is not an allowed value in lists insertAsync',
		);
	});

	it('width is 100-1000 and a numeric string is converted (models/lists.js:262-277)', () => {
		const id = db.lists.insert({ title: 'L', boardId: 'b1', width: '300', sort: '4' });
		expect(stored(db.lists, id)).toMatchObject({ width: 300, sort: 4 });
		expect(validationMessage(() => db.lists.insert({ title: 'L', boardId: 'b1', width: 99 }))).toBe(
			'width is invalid in lists insertAsync',
		);
		expect(validationMessage(() => db.lists.update(id, { $set: { width: 1001 } }))).toBe(
			'width is invalid in lists updateAsync',
		);
	});

	it('a wipLimit object gets value 1, enabled false, soft false (models/lists.js:211-238)', () => {
		const id = db.lists.insert({ title: 'L', boardId: 'b1', wipLimit: { enabled: true } });
		expect(stored(db.lists, id).wipLimit).toEqual({ value: 1, enabled: true, soft: false });
	});

	// models/lists.js:181-210
	it('an update renews updatedAt always but modifiedAt only when the update does not set it', () => {
		const id = db.lists.insert({ title: 'L', boardId: 'b1' });
		db.lists.update(id, { $set: { updatedAt: EPOCH, modifiedAt: EPOCH, createdAt: EPOCH } });
		const doc = stored(db.lists, id);
		expect(dateOf(doc, 'updatedAt').getTime()).toBeGreaterThan(0);
		expect(doc.modifiedAt).toEqual(EPOCH);
		expect(dateOf(doc, 'createdAt').getTime()).toBeGreaterThan(0);
		db.lists.update(id, { $set: { title: 'M' } });
		expect(dateOf(stored(db.lists, id), 'modifiedAt').getTime()).toBeGreaterThan(0);
	});

	// server/models/lists.js:743-748
	it("the after.update hook's direct $set of _updatedAt is filtered out; only updatedAt and modifiedAt change", () => {
		const id = db.lists.insert({ title: 'L', boardId: 'b1', modifiedAt: EPOCH });
		db.lists.direct.update({ _id: id }, { $set: { _updatedAt: new Date() } });
		const doc = stored(db.lists, id);
		expect(doc).not.toHaveProperty('_updatedAt');
		expect(dateOf(doc, 'modifiedAt').getTime()).toBeGreaterThan(0);
	});

	// simpleWatchable, models/watchable.js:6-15
	it('watchers are user ids; a number is converted and an object filtered away', () => {
		const id = db.lists.insert({ title: 'L', boardId: 'b1' });
		db.lists.update(id, { $addToSet: { watchers: 'u1' } });
		db.lists.update(id, { $addToSet: { watchers: 7 } });
		db.lists.update(id, { $addToSet: { watchers: { userId: 'u2' } } });
		expect(stored(db.lists, id).watchers).toEqual(['u1', '7']);
	});
});

describe('swimlanes', () => {
	it('an insert gets archived false, type swimlane and height -1, and no sort (models/swimlanes.js:21-140)', () => {
		const id = db.swimlanes.insert({ title: 'Default', boardId: 'b1', color: '' });
		expect(stored(db.swimlanes, id)).toEqual({
			_id: id,
			title: 'Default',
			archived: false,
			boardId: 'b1',
			createdAt: anyDate,
			updatedAt: anyDate,
			modifiedAt: anyDate,
			type: 'swimlane',
			height: -1,
		});
	});

	it('boardId is required (models/swimlanes.js:46-51)', () => {
		expect(validationMessage(() => db.swimlanes.insert({ title: 'S' }))).toBe(
			'Board ID is required in swimlanes insertAsync',
		);
	});

	it('height is -1 or 50-2000 (models/swimlanes.js:125-140)', () => {
		const id = db.swimlanes.insert({ title: 'S', boardId: 'b1', height: 2000 });
		expect(stored(db.swimlanes, id).height).toBe(2000);
		expect(validationMessage(() => db.swimlanes.update(id, { $set: { height: 49 } }))).toBe(
			'height is invalid in swimlanes updateAsync',
		);
		expect(validationMessage(() => db.swimlanes.update(id, { $set: { height: 2001 } }))).toBe(
			'height is invalid in swimlanes updateAsync',
		);
		db.swimlanes.update(id, { $set: { height: '-1' } });
		expect(stored(db.swimlanes, id).height).toBe(-1);
	});

	it('color is a palette name or a hex (models/swimlanes.js:76-91)', () => {
		const id = db.swimlanes.insert({ title: 'S', boardId: 'b1', color: 'navy' });
		expect(stored(db.swimlanes, id).color).toBe('navy');
		expect(validationMessage(() => db.swimlanes.update(id, { $set: { color: 'teal' } }))).toBe(
			'teal is not an allowed value in swimlanes updateAsync',
		);
	});

	it('unlike lists, an update replaces a modifiedAt it sends (models/swimlanes.js:107-117)', () => {
		const id = db.swimlanes.insert({ title: 'S', boardId: 'b1' });
		db.swimlanes.update(id, { $set: { modifiedAt: EPOCH, archived: true, archivedAt: '2025-01-02T03:04:05.000Z' } });
		const doc = stored(db.swimlanes, id);
		expect(dateOf(doc, 'modifiedAt').getTime()).toBeGreaterThan(0);
		expect(doc.archived).toBe(true);
		expect(doc.archivedAt).toEqual(new Date('2025-01-02T03:04:05.000Z'));
	});
});

describe('users', () => {
	const profileDefaults = {
		listSortBy: '-modifiedAt',
		allBoardsSortBy: 'custom',
		templatesBoardId: '',
		cardTemplatesSwimlaneId: '',
		listTemplatesSwimlaneId: '',
		boardTemplatesSwimlaneId: '',
		listWidths: {},
		listConstraints: {},
		autoWidthBoards: {},
		boardSortIndex: {},
		fixedListWidthBoards: {},
		fixedListWidths: {},
		swimlaneHeights: {},
		collapsedLists: {},
		collapsedSwimlanes: {},
		collapsedCardSections: {},
		keyboardShortcuts: false,
		verticalScrollbars: true,
		showWeekOfYear: true,
		dateFormat: 'YYYY-MM-DD',
		cardZoom: 1,
	};

	// models/users.js:294-308, :722-944
	it('an insert without a profile gets boardView swimlanes and every profile default', () => {
		const id = db.users.insert({ username: 'ada', emails: [{ address: 'ada@example.com', verified: false }] });
		expect(stored(db.users, id)).toEqual({
			_id: id,
			username: 'ada',
			emails: [{ address: 'ada@example.com', verified: false }],
			createdAt: anyDate,
			modifiedAt: anyDate,
			profile: { boardView: 'board-view-swimlanes', ...profileDefaults },
			authenticationMethod: 'password',
			sessionData: {},
		});
	});

	// models/users.js:170-185
	it('an insert without a username takes profile.fullname, lower-cased, white space removed; no boardView then', () => {
		const id = db.users.insert({ profile: { fullname: 'Ada  King Lovelace' } });
		const doc = stored(db.users, id);
		expect(doc.username).toBe('adakinglovelace');
		expect(doc.profile).toEqual({ fullname: 'Ada  King Lovelace', ...profileDefaults });
		expect(stored(db.users, db.users.insert({ username: 'Given', profile: { fullname: 'Other Name' } })).username).toBe(
			'Given',
		);
	});

	it('emails must match SimpleSchema.RegEx.Email and carry verified (models/users.js:249-264)', () => {
		expect(
			validationMessage(() =>
				db.users.insert({ username: 'x', emails: [{ address: 'not-an-email', verified: false }] }),
			),
		).toBe('Address must be a valid email address (emails.0.address) in users insertAsync');
		expect(validationMessage(() => db.users.insert({ username: 'x', emails: [{ address: 'x@example.com' }] }))).toBe(
			'Verified is required (emails.0.verified) in users insertAsync',
		);
	});

	// models/users.js:579-589, :707-741, :914-922
	it('profile enumerations: boardView, listSortBy, dateFormat, and mapProvider with only four values', () => {
		const insertProfile = (profile: Record<string, unknown>) => () => db.users.insert({ username: 'p', profile });
		expect(validationMessage(insertProfile({ boardView: 'board-view-kanban' }))).toBe(
			'board-view-kanban is not an allowed value (profile.boardView) in users insertAsync',
		);
		expect(validationMessage(insertProfile({ mapProvider: 'here' }))).toBe(
			'here is not an allowed value (profile.mapProvider) in users insertAsync',
		);
		expect(validationMessage(insertProfile({ listSortBy: 'created' }))).toBe(
			'created is not an allowed value (profile.listSortBy) in users insertAsync',
		);
		expect(validationMessage(insertProfile({ dateFormat: 'YY-MM-DD' }))).toBe(
			'YY-MM-DD is not an allowed value (profile.dateFormat) in users insertAsync',
		);
		const id = db.users.insert({ username: 'p', profile: { mapProvider: 'apple', boardView: 'board-view-table' } });
		expect(stored(db.users, id).profile).toMatchObject({ mapProvider: 'apple', boardView: 'board-view-table' });
	});

	it('cardZoom is 0.5-3 (models/users.js:936-944)', () => {
		expect(validationMessage(() => db.users.insert({ username: 'z', profile: { cardZoom: 3.5 } }))).toBe(
			'Card zoom cannot exceed 3 (profile.cardZoom) in users insertAsync',
		);
		expect(validationMessage(() => db.users.insert({ username: 'z', profile: { cardZoom: 0.25 } }))).toBe(
			'Card zoom must be at least 0.5 (profile.cardZoom) in users insertAsync',
		);
	});

	it('UI colors must be #rrggbb, an empty one is simply dropped (models/users.js:449-478)', () => {
		const id = db.users.insert({ username: 'c', profile: { uiTextColor: '', uiTextBgColor: '#ABCDEF' } });
		expect(stored(db.users, id).profile).toMatchObject({ uiTextBgColor: '#ABCDEF' });
		expect(stored(db.users, id).profile).not.toHaveProperty('uiTextColor');
		expect(validationMessage(() => db.users.update(id, { $set: { 'profile.uiTextColor': 'red' } }))).toBe(
			'profile.uiTextColor is invalid (profile.uiTextColor) in users updateAsync',
		);
	});

	// models/users.js:945-966
	it('services is a blackbox kept whole; unknown top-level keys are filtered; isAdmin is converted', () => {
		const services = {
			password: { bcrypt: '$2b$10$abc' },
			resume: { loginTokens: [{ when: EPOCH, hashedToken: 'h' }] },
		};
		const id = db.users.insert({ username: 's', services, isAdmin: 'true', roles: ['admin'] });
		const doc = stored(db.users, id);
		expect(doc.services).toEqual(services);
		expect(doc.isAdmin).toBe(true);
		expect(doc).not.toHaveProperty('roles');
	});

	it("after.insert's $set of createdThroughApi to '' turns into an $unset (server/models/users.js:1923-1925)", () => {
		const id = db.users.insert({ username: 'api', createdThroughApi: true });
		expect(stored(db.users, id).createdThroughApi).toBe(true);
		db.users.update(id, { $set: { createdThroughApi: '' } });
		expect(stored(db.users, id)).not.toHaveProperty('createdThroughApi');
	});

	// models/users.js:294-308, :722-944
	it('setting the whole profile replaces it: boardView goes, the defaults come back', () => {
		const id = db.users.insert({ username: 'e' });
		db.users.update(id, { $set: { 'profile.listWidths': { b1: { l1: 300 } } } });
		expect(stored(db.users, id).profile).toMatchObject({
			boardView: 'board-view-swimlanes',
			listWidths: { b1: { l1: 300 } },
		});
		db.users.update(id, { $set: { profile: { fullname: 'E' } } });
		expect(stored(db.users, id).profile).toEqual({ fullname: 'E', ...profileDefaults });
	});

	it('an update drops createdAt and renews modifiedAt (models/users.js:265-293)', () => {
		const id = db.users.insert({ username: 'm' });
		db.users.update(id, { $set: { createdAt: EPOCH, modifiedAt: EPOCH, loginDisabled: 'true' } });
		const doc = stored(db.users, id);
		expect(dateOf(doc, 'createdAt').getTime()).toBeGreaterThan(0);
		expect(dateOf(doc, 'modifiedAt').getTime()).toBeGreaterThan(0);
		expect(doc.loginDisabled).toBe(true);
	});

	it('authenticationMethod defaults to password and keeps what is given (models/users.js:981-988)', () => {
		const id = db.users.insert({ username: 'l', authenticationMethod: 'ldap' });
		expect(stored(db.users, id).authenticationMethod).toBe('ldap');
		expect(validationMessage(() => db.users.update(id, { $unset: { authenticationMethod: 1 } }))).toBe(
			'Authentication method is required in users updateAsync',
		);
	});
});

describe('settings', () => {
	// server/models/settings.js:167-183, models/settings.js:22-379
	it("Wekan's startup seed: mailServer's empty strings are dropped and every switch defaults off", () => {
		const id = db.settings.insert({
			disableRegistration: false,
			mailServer: {
				username: '',
				password: '',
				host: '',
				port: '',
				enableTLS: false,
				from: 'Boards Support <support@example.com>',
			},
			createdAt: EPOCH,
			modifiedAt: EPOCH,
			displayAuthenticationMethod: true,
			defaultAuthenticationMethod: 'password',
		});
		expect(stored(db.settings, id)).toEqual({
			_id: id,
			disableRegistration: false,
			disableForgotPassword: false,
			renderLinksAsPlainText: false,
			alwaysShowCodeAsText: false,
			disableActivities: false,
			disableNotifications: false,
			disableWatch: false,
			enablePermanentDelete: false,
			disableAllExport: false,
			disableAllImport: false,
			disableExportAvatars: false,
			disableImportAvatars: false,
			anonymizeExportUsers: false,
			anonymizeImportUsers: false,
			mailServer: { enableTLS: false, from: 'Boards Support <support@example.com>' },
			displayAuthenticationMethod: true,
			defaultAuthenticationMethod: 'password',
			accessibilityPageEnabled: false,
			supportPageEnabled: false,
			supportPagePublic: false,
			boardMembersFromSameOrgOnly: false,
			boardMembersFromSameTeamOnly: false,
			boardMembersFromSameOrgOrTeamOnly: false,
			createdAt: anyDate,
			modifiedAt: anyDate,
		});
		expect(dateOf(stored(db.settings, id), 'createdAt').getTime()).toBeGreaterThan(0);
	});

	it('defaultAuthenticationMethod is required without a default (models/settings.js:185-188)', () => {
		expect(validationMessage(() => db.settings.insert({ disableRegistration: true }))).toBe(
			'Default authentication method is required in settings insertAsync',
		);
	});

	it('cardsLoading is all or lazy; a numeric mail port becomes a string (models/settings.js:142-145, :204-208)', () => {
		const id = db.settings.insert({
			defaultAuthenticationMethod: 'password',
			mailServer: { port: 587 },
			cardsLoading: 'lazy',
		});
		expect(stored(db.settings, id)).toMatchObject({ mailServer: { port: '587' }, cardsLoading: 'lazy' });
		expect(validationMessage(() => db.settings.update(id, { $set: { cardsLoading: 'auto' } }))).toBe(
			'auto is not an allowed value in settings updateAsync',
		);
	});

	it("an update converts 'true' and renews modifiedAt (models/settings.js:24-28, :368-378)", () => {
		const id = db.settings.insert({ defaultAuthenticationMethod: 'password' });
		const before = dateOf(stored(db.settings, id), 'modifiedAt');
		db.settings.update(id, { $set: { disableRegistration: 'true', productName: '  Acme  ' } });
		const doc = stored(db.settings, id);
		expect(doc).toMatchObject({ disableRegistration: true, productName: 'Acme' });
		expect(dateOf(doc, 'modifiedAt').getTime()).toBeGreaterThanOrEqual(before.getTime());
	});
});

describe('rules', () => {
	// models/rules.js:10-63
	it('an insert needs title, triggerId, actionId and boardId, and gets createdAt and modifiedAt', () => {
		const id = db.rules.insert({ title: 'R', triggerId: 't1', actionId: 'a1', boardId: 'b1', description: 'x' });
		expect(stored(db.rules, id)).toEqual({
			_id: id,
			title: 'R',
			triggerId: 't1',
			actionId: 'a1',
			boardId: 'b1',
			createdAt: anyDate,
			modifiedAt: anyDate,
		});
		expect(validationMessage(() => db.rules.insert({ triggerId: 't1', actionId: 'a1', boardId: 'b1' }))).toBe(
			'Title is required in rules insertAsync',
		);
		expect(validationMessage(() => db.rules.insert({ title: 'R', actionId: 'a1', boardId: 'b1' }))).toBe(
			'Trigger ID is required in rules insertAsync',
		);
		expect(validationMessage(() => db.rules.insert({ title: 'R', triggerId: 't1', boardId: 'b1' }))).toBe(
			'Action ID is required in rules insertAsync',
		);
		expect(validationMessage(() => db.rules.insert({ title: 'R', triggerId: 't1', actionId: 'a1' }))).toBe(
			'Board ID is required in rules insertAsync',
		);
	});

	it('buttonType is card or board (models/rules.js:30-38)', () => {
		const id = db.rules.insert({
			title: 'B',
			triggerId: 't',
			actionId: 'a',
			boardId: 'b',
			buttonType: 'board',
			buttonLabel: 'Go',
		});
		expect(stored(db.rules, id)).toMatchObject({ buttonType: 'board', buttonLabel: 'Go' });
		expect(validationMessage(() => db.rules.update(id, { $set: { buttonType: 'list' } }))).toBe(
			'list is not an allowed value in rules updateAsync',
		);
	});

	// models/rules.js:68-70
	it("Rules.rename's $set of description is filtered out; the update only renews modifiedAt", () => {
		const id = db.rules.insert({ title: 'R', triggerId: 't', actionId: 'a', boardId: 'b', modifiedAt: EPOCH });
		expect(db.rules.update(id, { $set: { description: 'renamed' } })).toBe(1);
		const doc = stored(db.rules, id);
		expect(doc).not.toHaveProperty('description');
		expect(doc.title).toBe('R');
		expect(dateOf(doc, 'modifiedAt').getTime()).toBeGreaterThan(0);
	});
});

describe('triggers and actions have no schema (models/triggers.js, models/actions.js)', () => {
	it('the factories give nothing to attach, so documents are stored as written', () => {
		expect(triggersSchema(db)).toBeUndefined();
		expect(actionsSchema(db)).toBeUndefined();
		const triggerId = db.triggers.insert({
			activityType: 'moveCard',
			listName: '  Done ',
			swimlaneName: '',
			extra: { a: 1 },
		});
		expect(stored(db.triggers, triggerId)).toEqual({
			_id: triggerId,
			activityType: 'moveCard',
			listName: '  Done ',
			swimlaneName: '',
			extra: { a: 1 },
		});
		const actionId = db.actions.insert({ actionType: 'addLabel', labelId: '', boardId: 'b1' });
		expect(stored(db.actions, actionId)).toEqual({ _id: actionId, actionType: 'addLabel', labelId: '', boardId: 'b1' });
	});
});
