/**
 * The card-side collection schemas (test/wekan-server/schemas/) against Wekan v11.07 (commit f5cc8e373): each is
 * attached to its collection in a fresh Database and written through insert / update / direct.update, which clean
 * and validate the way aldeed:collection2 does with the real simpl-schema 1.13.1. Line numbers are Wekan's.
 */
import type { Collection, Doc } from '../wekan-server/db/collection';
import { Database } from '../wekan-server/db/database';
import { SchemaValidationError } from '../wekan-server/db/schema';
import { cardCommentsSchema } from '../wekan-server/schemas/cardComments';
import { cardsSchema } from '../wekan-server/schemas/cards';
import { checklistItemsSchema } from '../wekan-server/schemas/checklistItems';
import { checklistsSchema } from '../wekan-server/schemas/checklists';
import { customFieldsSchema } from '../wekan-server/schemas/customFields';
import { integrationsSchema } from '../wekan-server/schemas/integrations';

const OLD = new Date('2001-02-03T04:05:06.000Z');
const LATER = new Date('2010-01-01T00:00:00.000Z');

function freshDb(): Database {
	const db = new Database();
	db.cards.attachSchema(cardsSchema(db));
	db.checklists.attachSchema(checklistsSchema(db));
	db.checklistItems.attachSchema(checklistItemsSchema(db));
	db.card_comments.attachSchema(cardCommentsSchema(db));
	db.customFields.attachSchema(customFieldsSchema(db));
	db.integrations.attachSchema(integrationsSchema(db));
	return db;
}

/** collection2's failure: a ValidationError whose message is exactly `message`. */
function expectRefused(write: () => unknown, message: string): void {
	let error: unknown;
	try {
		write();
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(SchemaValidationError);
	expect((error as Error).message).toBe(message);
}

/** Inserts and returns the stored document. */
function stored<T extends { _id: string }>(collection: Collection<T>, doc: Record<string, unknown>, userId?: string): Doc {
	const id = collection.insert(doc, { userId });
	const found = collection.findOne(id) as unknown as Doc | undefined;
	if (!found) throw new Error('not stored');
	return found;
}

/** Asserts that `date` was taken during the write that ran between `before` and now. */
function expectNow(date: unknown, before: number): void {
	expect(date).toBeInstanceOf(Date);
	const time = (date as Date).getTime();
	expect(time).toBeGreaterThanOrEqual(before);
	expect(time).toBeLessThanOrEqual(Date.now());
}

describe('cards schema (models/cards.js:62-816, models/watchable.js:7-15)', () => {
	let db: Database;
	const card = (doc: Record<string, unknown> = {}, userId?: string) =>
		stored(db.cards, { swimlaneId: 'sw1', userId: 'author', ...doc }, userId);
	/** A card stored as it was long ago, so that what an update changes shows. */
	const oldCard = (doc: Record<string, unknown> = {}) =>
		db.cards.raw.insert({
			_id: 'old1',
			swimlaneId: 'sw1',
			userId: 'author',
			title: 'Old',
			description: 'abc',
			archived: false,
			type: 'cardType-card',
			showActivities: false,
			members: [],
			createdAt: OLD,
			modifiedAt: OLD,
			dateLastActivity: OLD,
			...doc,
		});
	const get = (id: string) => db.cards.findOne(id) as unknown as Doc;

	beforeEach(() => {
		db = freshDb();
	});

	it('an insert with only the required fields gets every default of models/cards.js:62-816', () => {
		const before = Date.now();
		const doc = card();
		expect(doc).toEqual({
			_id: expect.any(String),
			swimlaneId: 'sw1',
			userId: 'author',
			title: '',
			archived: false,
			parentId: '',
			listId: '',
			boardId: '',
			coverId: '',
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
			customFields: [],
			dateLastActivity: expect.any(Date),
			description: '',
			requestedBy: '',
			assignedBy: '',
			labelIds: [],
			members: [],
			assignees: [],
			requesters: [],
			assigners: [],
			dueComplete: false,
			stickers: [],
			locationName: '',
			locationAddress: '',
			locations: [],
			spentTime: 0,
			isOvertime: false,
			sort: 0,
			subtaskSort: -1,
			type: 'cardType-card',
			linkedId: '',
			cardDependencies: [],
			targetId_gantt: [],
			linkType_gantt: [],
			linkId_gantt: [],
			cardNumber: 0,
			showActivities: false,
			showListOnMinicard: false,
			showChecklistAtMinicard: false,
			hideFinishedChecklistIfItemsAreHidden: false,
		});
		expectNow(doc.createdAt, before);
		expectNow(doc.modifiedAt, before);
		expectNow(doc.dateLastActivity, before);
	});

	it('createdAt, modifiedAt, dateLastActivity: the insert time, whatever it sends (168-176, 181-187, 221-229)', () => {
		const before = Date.now();
		const doc = card({ createdAt: OLD, modifiedAt: OLD, dateLastActivity: OLD });
		expectNow(doc.createdAt, before);
		expectNow(doc.modifiedAt, before);
		expectNow(doc.dateLastActivity, before);
	});

	it('an update refreshes modifiedAt and dateLastActivity, drops its createdAt (173-175, 181-187, 226-228)', () => {
		oldCard();
		const before = Date.now();
		db.cards.update('old1', { $set: { title: 'New', createdAt: LATER } });
		const doc = get('old1');
		expect(doc.title).toBe('New');
		expect(doc.createdAt).toEqual(OLD);
		expectNow(doc.modifiedAt, before);
		expectNow(doc.dateLastActivity, before);
	});

	it('direct.update is cleaned too: an $addToSet also moves dateLastActivity and modifiedAt (181-187, 221-229)', () => {
		oldCard();
		const before = Date.now();
		db.cards.direct.update('old1', { $addToSet: { members: 'u2' } });
		const doc = get('old1');
		expect(doc.members).toEqual(['u2']);
		expectNow(doc.modifiedAt, before);
		expectNow(doc.dateLastActivity, before);
	});

	it('swimlaneId is required with no default, so leaving it out or blank fails the insert (125-130)', () => {
		expectRefused(
			() => db.cards.insert({ userId: 'author', boardId: 'b1', listId: 'l1' }),
			'Swimlane ID is required in cards insertAsync',
		);
		expectRefused(() => card({ swimlaneId: '  ' }), 'Swimlane ID is required in cards insertAsync');
		oldCard();
		expectRefused(
			() => db.cards.update('old1', { $unset: { swimlaneId: '' } }),
			'Swimlane ID is required in cards updateAsync',
		);
	});

	it('userId left out is the acting user; with none (outside a Meteor method) the insert fails (488-502)', () => {
		expect(stored(db.cards, { swimlaneId: 'sw1' }, 'actor').userId).toBe('actor');
		expectRefused(() => db.cards.insert({ swimlaneId: 'sw1' }), 'User ID is required in cards insertAsync');
	});

	it('a userId the insert gives is kept, and an update does not touch it (496-501)', () => {
		expect(card({ userId: 'given' }, 'actor').userId).toBe('given');
		oldCard();
		db.cards.update('old1', { $set: { title: 'x' } }, {}, { userId: 'actor' });
		expect(get('old1').userId).toBe('author');
	});

	it('archived is false when the insert leaves it out, a given value (converted) is kept (72-84)', () => {
		expect(card().archived).toBe(false);
		expect(card({ archived: 'true' }).archived).toBe(true);
	});

	it('color takes a palette name or a #rrggbb hex and refuses the rest as notAllowed (150-161)', () => {
		expect(card({ color: 'purple' }).color).toBe('purple');
		expect(card({ color: '#a1B2c3' }).color).toBe('#a1B2c3');
		expectRefused(() => card({ color: '#abc' }), '#abc is not an allowed value in cards insertAsync');
		expectRefused(() => card({ color: 'chartreuse' }), 'chartreuse is not an allowed value in cards insertAsync');
		oldCard();
		expectRefused(
			() => db.cards.update('old1', { $set: { color: 'nope' } }),
			'nope is not an allowed value in cards updateAsync',
		);
	});

	it('type defaults to cardType-card but takes any string: its allowedValues are commented out (519-526)', () => {
		expect(card({ type: '' }).type).toBe('cardType-card');
		expect(card({ type: 'not-a-card-type' }).type).toBe('not-a-card-type');
	});

	it('unknown keys are filtered: isOverTime (server/models/cards.js:1471-1477) is not isOvertime (480-487)', () => {
		expect(card({ isOverTime: true, foo: 1 })).not.toHaveProperty('isOverTime');
		oldCard({ isOvertime: false });
		// The modifier is not empty after filtering: the autoValues add modifiedAt and dateLastActivity.
		db.cards.direct.update('old1', { $set: { isOverTime: true } });
		const doc = get('old1');
		expect(doc.isOvertime).toBe(false);
		expect(doc).not.toHaveProperty('isOverTime');
		expect(doc.modifiedAt).not.toEqual(OLD);
	});

	it('replayPoker sets poker.twelve (3226-3241), which the schema does not have (680-699): it is dropped', () => {
		oldCard({ poker: { question: true, one: ['u1'] } });
		db.cards.update('old1', { $set: { 'poker.one': [], 'poker.twelve': [], 'poker.thirteen': [] } });
		expect(get('old1').poker).toEqual({ question: true, one: [], thirteen: [] });
	});

	it('insert: strings are trimmed and blank ones removed, so a blank field takes its default or stays absent', () => {
		const doc = card({ title: '  Hello  ', description: '   ', color: '', deletedBy: ' ' });
		expect(doc.title).toBe('Hello');
		expect(doc.description).toBe('');
		expect(doc).not.toHaveProperty('color');
		expect(doc).not.toHaveProperty('deletedBy');
	});

	it("update: a $set to '' (or blank) becomes an $unset: the field disappears, it is not '' (230-237)", () => {
		oldCard();
		db.cards.update('old1', { $set: { description: '   ' } });
		expect(get('old1')).not.toHaveProperty('description');
		expect(get('old1').title).toBe('Old');
	});

	it('null is neither removed nor replaced by the default (64-71, 320-326)', () => {
		const doc = card({ title: null, dueAt: null });
		expect(doc.title).toBeNull();
		expect(doc.dueAt).toBeNull();
	});

	it('values are converted: numbers, booleans, dates from strings or epoch ms, a lone item to an array', () => {
		const doc = card({
			sort: '3.5', // 503-510
			spentTime: '2', // 472-479
			dueComplete: 'false', // 334-342
			dueAt: '2024-05-06T07:08:09.000Z', // 320-326
			startAt: 0, // 313-319
			labelIds: 'label1', // 254-264
		});
		expect(doc.sort).toBe(3.5);
		expect(doc.spentTime).toBe(2);
		expect(doc.dueComplete).toBe(false);
		expect(doc.dueAt).toEqual(new Date('2024-05-06T07:08:09.000Z'));
		expect(doc.startAt).toEqual(new Date(0));
		expect(doc.labelIds).toEqual(['label1']);
	});

	it('a value that does not convert is refused (320-326, 480-487, 503-510)', () => {
		expectRefused(() => card({ dueAt: 'next tuesday' }), 'Due at must be of type Date in cards insertAsync');
		expectRefused(() => card({ isOvertime: 'yes' }), 'Is overtime must be of type Boolean in cards insertAsync');
		oldCard();
		expectRefused(
			() => db.cards.update('old1', { $set: { sort: 'top' } }),
			'Sort must be of type Number in cards updateAsync',
		);
	});

	it('customFields.$.value, a Match.OneOf: any value passes unconverted, array items become strings (197-220)', () => {
		const when = new Date('2024-01-01T00:00:00.000Z');
		const doc = card({
			customFields: [
				{ _id: 'cf1', value: null }, // what the REST create writes (server/models/cards.js:1117)
				{ _id: 'cf2' },
				{ _id: 'cf3', value: '5' },
				{ _id: 'cf4', value: 5 },
				{ _id: 'cf5', value: true },
				{ _id: 'cf6', value: when },
				{ _id: 'cf7', value: ['a', 2] },
				{ value: 'no id' },
			],
		});
		expect(doc.customFields).toEqual([
			{ _id: 'cf1', value: null },
			{ _id: 'cf2', value: '' },
			{ _id: 'cf3', value: '5' },
			{ _id: 'cf4', value: 5 },
			{ _id: 'cf5', value: true },
			{ _id: 'cf6', value: when },
			{ _id: 'cf7', value: ['a', '2'] },
			{ _id: '', value: 'no id' },
		]);
	});

	it('a customFields value that is an object loses its keys to the filter and ends up as the default (207-218)', () => {
		expect(card({ customFields: [{ _id: 'cf1', value: { amount: 3 } }] }).customFields).toEqual([
			{ _id: 'cf1', value: '' },
		]);
	});

	it('stickers: each entry gets its defaults, and highlight is underline or round (343-390)', () => {
		expect(card({ stickers: [{ highlight: 'round' }] }).stickers).toEqual([
			{ highlight: 'round', icon: '', name: '', position: 0 },
		]);
		expectRefused(
			() => card({ stickers: [{ icon: 'star', highlight: 'bold' }] }),
			'bold is not an allowed value (stickers.0.highlight) in cards insertAsync',
		);
	});

	it('locations: every entry must bring its own _id (432-471)', () => {
		expect(card({ locations: [{ _id: 'loc1', latitude: '1.5' }] }).locations).toEqual([
			{ _id: 'loc1', latitude: 1.5, name: '', address: '' },
		]);
		expectRefused(
			() => card({ locations: [{ name: 'Office' }] }),
			'ID is required (locations.0._id) in cards insertAsync',
		);
	});

	it('cardDependencies: defaults of models/metadata/dependencies.js, any type, cardId required (535-572)', () => {
		expect(card({ cardDependencies: [{ cardId: 'c2' }, { cardId: 'c3', type: 'anything' }] }).cardDependencies).toEqual(
			[
				{ cardId: 'c2', type: 'related-to', color: '#eb144c', icon: 'link' },
				{ cardId: 'c3', type: 'anything', color: '#eb144c', icon: 'link' },
			],
		);
		expectRefused(
			() => card({ cardDependencies: [{ type: 'blocks' }] }),
			'Card ID is required (cardDependencies.0.cardId) in cards insertAsync',
		);
	});

	it('cardDependencies: a legacy bare id string (server/models/cards.js:760-763) is refused (547-572)', () => {
		expectRefused(
			() => card({ cardDependencies: [{ cardId: 'c2' }, 'c3'] }),
			'Card dependencies must be of type Object (cardDependencies.1) in cards insertAsync',
		);
	});

	it('vote: a written vote object gets its sub-key defaults, end included (573-618, setVoteQuestion 3124-3136)', () => {
		expect(card({ vote: {} }).vote).toEqual({
			question: '',
			positive: [],
			negative: [],
			end: null,
			public: false,
			allowNonBoardMembers: false,
		});
		oldCard();
		db.cards.update('old1', {
			$set: { vote: { question: 'Ship it?', public: true, allowNonBoardMembers: false, positive: [], negative: [] } },
		});
		expect(get('old1').vote).toEqual({
			question: 'Ship it?',
			public: true,
			allowNonBoardMembers: false,
			positive: [],
			negative: [],
			end: null,
		});
	});

	it('vote: $set of one sub-key on a card without a vote stores that key alone, no defaults (580-618)', () => {
		oldCard();
		db.cards.update('old1', { $set: { 'vote.question': 'Q?' } });
		expect(get('old1').vote).toEqual({ question: 'Q?' });
		expectRefused(
			() => db.cards.update('old1', { $set: { 'vote.question': '' } }),
			'Question is required (vote.question) in cards updateAsync',
		);
	});

	it('vote.public must be a Boolean (611-614)', () => {
		expectRefused(
			() => card({ vote: { question: 'Q?', public: 'yes' } }),
			'Public must be of type Boolean (vote.public) in cards insertAsync',
		);
	});

	it('poker.question is a Boolean (626-629): a text question, as the REST PUT passes it on, is refused', () => {
		oldCard();
		expectRefused(
			() =>
				db.cards.direct.update('old1', {
					$set: { poker: { question: 'How big?', one: [], allowNonBoardMembers: false } },
				}),
			'Question must be of type Boolean (poker.question) in cards updateAsync',
		);
		db.cards.direct.update('old1', { $set: { poker: { question: true, one: [], allowNonBoardMembers: false } } });
		expect(get('old1').poker).toEqual({ question: true, one: [], allowNonBoardMembers: false });
	});

	it('watchers (models/watchable.js:7-15, :103) are strings: numbers converted, objects filtered away', () => {
		expect(card({ watchers: ['u1', 5] }).watchers).toEqual(['u1', '5']);
		expect(card({ watchers: [{ userId: 'u1', level: 'watching' }] }).watchers).toEqual([]);
	});
});

describe('checklists schema (models/checklists.js:17-112)', () => {
	let db: Database;
	beforeEach(() => {
		db = freshDb();
	});

	it('an insert gets title Checklist and timestamps; boardId and the minicard flag stay unset (25-42, 97-110)', () => {
		const before = Date.now();
		const doc = stored(db.checklists, { cardId: 'c1', sort: 0 });
		expect(doc).toEqual({
			_id: expect.any(String),
			cardId: 'c1',
			sort: 0,
			title: 'Checklist',
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
		});
		expectNow(doc.createdAt, before);
	});

	it('cardId and sort are required, sort with no default (19-24, 77-82)', () => {
		expectRefused(() => db.checklists.insert({ sort: 0 }), 'Card ID is required in checklists insertAsync');
		expectRefused(
			() => db.checklists.insert({ cardId: 'c1', title: 'T' }),
			'Sort is required in checklists insertAsync',
		);
	});

	it('a blank title on insert becomes Checklist (36-42)', () => {
		expect(stored(db.checklists, { cardId: 'c1', sort: 0, title: '   ' }).title).toBe('Checklist');
	});

	it("an update that $sets the title to '' is refused: it becomes an $unset of a required field (36-42)", () => {
		const id = db.checklists.insert({ cardId: 'c1', sort: 0, title: 'T' });
		expectRefused(
			() => db.checklists.update(id, { $set: { title: '' } }),
			'Title is required in checklists updateAsync',
		);
	});

	it('userId is not in the schema and is filtered out (the hook at models/checklists.js:260-265 adds it after)', () => {
		expect(stored(db.checklists, { cardId: 'c1', sort: 0, userId: 'u1' })).not.toHaveProperty('userId');
	});

	it('an upsert gets createdAt through $setOnInsert (56-64) and a sort converted from a string (77-82)', () => {
		db.checklists.update({ _id: 'cl1' }, { $set: { cardId: 'c1', sort: '2' } }, { upsert: true });
		const doc = db.checklists.findOne('cl1') as unknown as Doc;
		expect(doc.sort).toBe(2);
		expect(doc.createdAt).toBeInstanceOf(Date);
		expect(doc.title).toBe('Checklist');
	});

	it('an update refreshes modifiedAt, drops createdAt, converts the hide flags (66-76, 83-96)', () => {
		db.checklists.raw.insert({ _id: 'cl1', cardId: 'c1', sort: 0, title: 'T', createdAt: OLD, modifiedAt: OLD });
		const before = Date.now();
		db.checklists.update('cl1', { $set: { hideCheckedChecklistItems: 'true', createdAt: LATER } });
		const doc = db.checklists.findOne('cl1') as unknown as Doc;
		expect(doc.hideCheckedChecklistItems).toBe(true);
		expect(doc.createdAt).toEqual(OLD);
		expectNow(doc.modifiedAt, before);
	});
});

describe('checklistItems schema (models/checklistItems.js:12-82)', () => {
	let db: Database;
	const item = { title: 'Buy milk', sort: 0, checklistId: 'cl1', cardId: 'c1' };
	beforeEach(() => {
		db = freshDb();
	});

	it('an insert gets isFinished false and the timestamps (26-32, 56-80)', () => {
		const before = Date.now();
		const doc = stored(db.checklistItems, item);
		expect(doc).toEqual({
			_id: expect.any(String),
			...item,
			isFinished: false,
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
		});
		expectNow(doc.createdAt, before);
	});

	it('title, sort, checklistId and cardId are required, none defaulted (14-44)', () => {
		expectRefused(
			() => db.checklistItems.insert({ ...item, title: '   ' }),
			'Title is required in checklistItems insertAsync',
		);
		expectRefused(
			() => db.checklistItems.insert({ ...item, sort: undefined }),
			'Sort is required in checklistItems insertAsync',
		);
		expectRefused(
			() => db.checklistItems.insert({ ...item, checklistId: '' }),
			'Checklist ID is required in checklistItems insertAsync',
		);
		expectRefused(
			() => db.checklistItems.insert({ ...item, cardId: undefined }),
			'Card ID is required in checklistItems insertAsync',
		);
	});

	it("isFinished converts 'true' and refuses what is not a Boolean (26-32)", () => {
		const id = db.checklistItems.insert(item);
		db.checklistItems.direct.update(id, { $set: { isFinished: 'true' } });
		expect((db.checklistItems.findOne(id) as unknown as Doc).isFinished).toBe(true);
		expectRefused(
			() => db.checklistItems.direct.update(id, { $set: { isFinished: 'yes' } }),
			'Is finished must be of type Boolean in checklistItems updateAsync',
		);
	});

	it('an update refreshes modifiedAt and drops createdAt (56-80)', () => {
		db.checklistItems.raw.insert({ _id: 'i1', ...item, isFinished: false, createdAt: OLD, modifiedAt: OLD });
		const before = Date.now();
		db.checklistItems.update('i1', { $set: { title: ' Buy bread ', createdAt: LATER } });
		const doc = db.checklistItems.findOne('i1') as unknown as Doc;
		expect(doc.title).toBe('Buy bread');
		expect(doc.createdAt).toEqual(OLD);
		expectNow(doc.modifiedAt, before);
	});
});

describe('card_comments schema (models/cardComments.js:72-143)', () => {
	let db: Database;
	const comment = { boardId: 'b1', cardId: 'c1', text: 'Hello' };
	beforeEach(() => {
		db = freshDb();
	});

	it("an insert gets parentId '' and the timestamps (93-128)", () => {
		const doc = stored(db.card_comments, { ...comment, userId: 'u1' });
		expect(doc).toEqual({
			_id: expect.any(String),
			...comment,
			userId: 'u1',
			parentId: '',
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
		});
	});

	it('userId left out is the acting user; with none the insert fails (129-141)', () => {
		expect(stored(db.card_comments, comment, 'actor').userId).toBe('actor');
		expect(stored(db.card_comments, { ...comment, userId: 'given' }, 'actor').userId).toBe('given');
		expectRefused(() => db.card_comments.insert(comment), 'User ID is required in card_comments insertAsync');
	});

	it('text is trimmed, and required, so a blank text is refused (86-92)', () => {
		expect(stored(db.card_comments, { ...comment, text: '  Hi  ', userId: 'u1' }).text).toBe('Hi');
		expectRefused(
			() => db.card_comments.insert({ ...comment, text: '   ', userId: 'u1' }),
			'Text is required in card_comments insertAsync',
		);
		expectRefused(
			() => db.card_comments.insert({ ...comment, boardId: undefined, userId: 'u1' }),
			'Board ID is required in card_comments insertAsync',
		);
	});

	it("an update cannot blank the text ($set '' unsets a required field), refreshes modifiedAt (86-92, 118-128)", () => {
		db.card_comments.raw.insert({ _id: 'k1', ...comment, userId: 'u1', parentId: '', createdAt: OLD, modifiedAt: OLD });
		expectRefused(
			() => db.card_comments.update('k1', { $set: { text: '' } }),
			'Text is required in card_comments updateAsync',
		);
		const before = Date.now();
		db.card_comments.update('k1', { $set: { text: 'Edited' } });
		const doc = db.card_comments.findOne('k1') as unknown as Doc;
		expect(doc.text).toBe('Edited');
		expect(doc.createdAt).toEqual(OLD);
		expectNow(doc.modifiedAt, before);
	});
});

describe('customFields schema (models/customFields.js:10-144)', () => {
	let db: Database;
	const field = { boardIds: ['b1'], name: 'Points', type: 'number', settings: {} };
	beforeEach(() => {
		db = freshDb();
	});

	it('an insert gets the five flags false and the timestamps; an empty settings object is kept (42-47, 83-142)', () => {
		expect(stored(db.customFields, field)).toEqual({
			_id: expect.any(String),
			...field,
			showOnCard: false,
			automaticallyOnCard: false,
			alwaysOnCard: false,
			showLabelOnMiniCard: false,
			showSumAtTopOfList: false,
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
		});
	});

	it('settings, name, type and boardIds are required, none defaulted (12-47)', () => {
		expectRefused(
			() => db.customFields.insert({ ...field, settings: undefined }),
			'Settings is required in customFields insertAsync',
		);
		expectRefused(
			() => db.customFields.insert({ ...field, name: ' ' }),
			'Name is required in customFields insertAsync',
		);
		expectRefused(
			() => db.customFields.insert({ ...field, type: undefined }),
			'Type is required in customFields insertAsync',
		);
		expectRefused(
			() => db.customFields.insert({ ...field, boardIds: undefined }),
			'Board ids is required in customFields insertAsync',
		);
	});

	it('type must be one of the seven field types (27-41)', () => {
		expect(stored(db.customFields, { ...field, type: 'stringtemplate' }).type).toBe('stringtemplate');
		expectRefused(
			() => db.customFields.insert({ ...field, type: 'list' }),
			'list is not an allowed value in customFields insertAsync',
		);
		const id = db.customFields.insert(field);
		expectRefused(
			() => db.customFields.update(id, { $set: { type: 'Number' } }),
			'Number is not an allowed value in customFields updateAsync',
		);
	});

	it('settings is not blackbox: unknown keys are filtered, dropdown items keep _id and name (42-82)', () => {
		const doc = stored(db.customFields, {
			...field,
			type: 'dropdown',
			settings: { color: 'red', dropdownItems: [{ _id: 'd1', name: 'High', color: 'red' }] },
		});
		expect(doc.settings).toEqual({ dropdownItems: [{ _id: 'd1', name: 'High' }] });
	});

	it('a dropdown item needs an _id: nothing generates one (59-74)', () => {
		expectRefused(
			() => db.customFields.insert({ ...field, type: 'dropdown', settings: { dropdownItems: [{ name: 'High' }] } }),
			'ID is required (settings.dropdownItems.0._id) in customFields insertAsync',
		);
	});

	it("boardIds: a lone id becomes an array, an empty array passes; the flags convert 'true' (12-20, 83-117)", () => {
		expect(stored(db.customFields, { ...field, boardIds: 'b2', showOnCard: 'true' })).toMatchObject({
			boardIds: ['b2'],
			showOnCard: true,
		});
		expect(stored(db.customFields, { ...field, boardIds: [] }).boardIds).toEqual([]);
	});
});

describe('integrations schema (models/integrations.js:11-144)', () => {
	let db: Database;
	const hook = { boardId: 'b1', userId: 'u1', url: 'https://example.com/hook' };
	beforeEach(() => {
		db = freshDb();
	});

	it("an insert is enabled, of type outgoing-webhooks and hears 'all' activities (13-43)", () => {
		expect(stored(db.integrations, hook)).toEqual({
			_id: expect.any(String),
			...hook,
			enabled: true,
			type: 'outgoing-webhooks',
			activities: ['all'],
			createdAt: expect.any(Date),
			modifiedAt: expect.any(Date),
		});
	});

	it('userId, boardId and url are required; userId has no autoValue (44-47, 104-109, 137-142)', () => {
		expectRefused(
			() => db.integrations.insert({ ...hook, userId: undefined }, { userId: 'actor' }),
			'User ID is required in integrations insertAsync',
		);
		expectRefused(
			() => db.integrations.insert({ ...hook, boardId: undefined }),
			'Board ID is required in integrations insertAsync',
		);
		expectRefused(() => db.integrations.insert({ ...hook, url: ' ' }), 'Url is required in integrations insertAsync');
	});

	it("the url check's three error types (bad url, protocol, private host) all read 'url is invalid' (63-95)", () => {
		for (const url of [
			'not a url',
			'ftp://example.com/hook',
			'http://localhost:3000/',
			'http://10.1.2.3/',
			'http://printer.local/',
		]) {
			expectRefused(() => db.integrations.insert({ ...hook, url }), 'url is invalid in integrations insertAsync');
		}
		const id = db.integrations.insert(hook);
		expectRefused(
			() => db.integrations.update(id, { $set: { url: 'http://169.254.169.254/latest' } }),
			'url is invalid in integrations updateAsync',
		);
	});

	it('the url check sees only the literal hostname: a public name for a private address passes (44-62)', () => {
		expect(stored(db.integrations, { ...hook, url: 'http://169-254-169-254.nip.io/' }).url).toBe(
			'http://169-254-169-254.nip.io/',
		);
	});

	it("type takes any string, activities may be empty, enabled converts 'false' (20-43)", () => {
		const doc = stored(db.integrations, { ...hook, type: 'carrier-pigeon', activities: [] });
		expect(doc).toMatchObject({ type: 'carrier-pigeon', activities: [] });
		db.integrations.direct.update(doc._id, { $set: { enabled: 'false' } });
		expect((db.integrations.findOne(doc._id) as unknown as Doc).enabled).toBe(false);
	});
});
