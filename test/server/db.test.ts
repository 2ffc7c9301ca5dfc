/**
 * The server's data layer behaves as MongoDB, Meteor's collections, aldeed:collection2 and matb33:collection-hooks
 * do, since every route relies on it to answer as Wekan does.
 */
import { Collection, DuplicateKeyError } from '../wekan-server/db/collection';
import { AttachedSchema, SchemaValidationError, SimpleSchema } from '../wekan-server/db/schema';
import { fromEJSON, toEJSON } from '../wekan-server/db/ejson';

type Card = { _id: string; title?: string; listId?: string; sort?: number; labelIds?: string[]; [k: string]: unknown };
type Board = { _id: string; members: Array<{ userId: string; isAdmin: boolean }>; [k: string]: unknown };

describe('Collection: MongoDB semantics through mingo', () => {
	let cards: Collection<Card>;
	beforeEach(() => {
		cards = new Collection<Card>('cards', { indexes: ['listId'] });
		cards.raw.insert({ _id: 'a', title: 'A', listId: 'l1', sort: 2, labelIds: ['x'] });
		cards.raw.insert({ _id: 'b', title: 'B', listId: 'l1', labelIds: [] });
		cards.raw.insert({ _id: 'c', title: 'C', listId: 'l2', sort: -1, labelIds: ['x', 'y'] });
	});

	it('matches any element of an array with a plain value (MongoDB array semantics)', () => {
		expect(cards.find({ labelIds: 'x' }).map((c) => c._id)).toEqual(['a', 'c']);
	});

	it('sorts missing fields first, as MongoDB orders null and missing below numbers', () => {
		expect(cards.find({}, { sort: { sort: 1 } }).map((c) => c._id)).toEqual(['b', 'c', 'a']);
	});

	it('keeps natural (insertion) order for an indexed query after a document moved between index buckets', () => {
		cards.update('a', { $set: { listId: 'l2' } });
		expect(cards.find({ listId: 'l2' }).map((c) => c._id)).toEqual(['a', 'c']);
		expect(cards.find({ listId: 'l1' }).map((c) => c._id)).toEqual(['b']);
	});

	it('answers an index lookup exactly as a scan would', () => {
		const unindexed = new Collection<Card>('cards');
		for (const doc of cards.find()) unindexed.raw.insert(doc);
		for (const selector of [{ listId: 'l1' }, { listId: { $in: ['l1', 'l2'] } }, { listId: 'l1', sort: { $exists: true } }, { listId: 'none' }]) {
			expect(cards.find(selector)).toEqual(unindexed.find(selector));
		}
	});

	it('applies $set, $push, $pull and $addToSet as MongoDB does', () => {
		cards.update('a', { $push: { labelIds: 'y' } });
		cards.update('a', { $addToSet: { labelIds: { $each: ['x', 'z'] } } });
		cards.update('a', { $pull: { labelIds: 'y' } });
		cards.update('a', { $set: { 'nested.value': 1 } });
		expect(cards.findOne('a')).toMatchObject({ labelIds: ['x', 'z'], nested: { value: 1 } });
	});

	it('changes nothing when the selector matches nothing, and says so', () => {
		const before = cards.find();
		expect(cards.update({ _id: 'a', listId: 'l2' }, { $set: { title: 'moved?' } })).toBe(0);
		expect(cards.find()).toEqual(before);
	});

	it('updates one document by default and all with multi', () => {
		expect(cards.update({ listId: 'l1' }, { $set: { title: 'same' } })).toBe(1);
		expect(cards.find({ title: 'same' })).toHaveLength(1);
		expect(cards.update({ listId: 'l1' }, { $set: { title: 'same' } }, { multi: true })).toBe(2);
		expect(cards.find({ title: 'same' })).toHaveLength(2);
	});

	it('projects with Meteor `fields` and keeps _id', () => {
		expect(cards.findOne('a', { fields: { title: 1 } })).toEqual({ _id: 'a', title: 'A' });
	});

	it('stores frozen documents: a change outside update() throws instead of silently editing the data', () => {
		const card = cards.findOne('a')!;
		expect(() => {
			(card as { title: string }).title = 'edited in place';
		}).toThrow(TypeError);
		expect(() => (card.labelIds as string[]).push('z')).toThrow(TypeError);
		expect(cards.findOne('a')!.title).toBe('A');
	});

	it('refuses a second document with the same _id (E11000)', () => {
		expect(() => cards.raw.insert({ _id: 'a' })).toThrow(DuplicateKeyError);
		expect(() => cards.insert({ _id: 'a' })).toThrow(/E11000/);
	});

	it('resolves the positional $ from the selector, without $elemMatch picking the first array match', () => {
		const boards = new Collection<Board>('boards');
		boards.raw.insert({ _id: 'b', members: [{ userId: 'u1', isAdmin: false }, { userId: 'u2', isAdmin: true }] });
		boards.update({ _id: 'b', 'members.userId': 'u2' }, { $set: { 'members.$.isAdmin': false } });
		expect(boards.findOne('b')!.members).toEqual([
			{ userId: 'u1', isAdmin: false },
			{ userId: 'u2', isAdmin: false },
		]);
		// Two conditions on one array without $elemMatch match a board where different elements satisfy each.
		boards.raw.insert({ _id: 'c', members: [{ userId: 'u1', isAdmin: false }, { userId: 'u3', isAdmin: true }] });
		expect(boards.find({ 'members.userId': 'u1', 'members.isAdmin': true }).map((b) => b._id)).toEqual(['c']);
	});

	it('inserts on upsert when nothing matches, from the selector and the modifier', () => {
		cards.update({ _id: 'new', listId: 'l9' }, { $set: { title: 'N' } }, { upsert: true });
		expect(cards.findOne('new')).toEqual({ _id: 'new', listId: 'l9', title: 'N' });
	});
});

describe('Collection: collection2 cleaning, then collection-hooks', () => {
	const schema = () =>
		new AttachedSchema(
			new SimpleSchema({
				title: { type: String },
				sort: { type: Number, optional: true },
				color: { type: String, optional: true, allowedValues: ['red', 'blue'] },
				modifiedAt: {
					type: Date,
					optional: true,
					autoValue(this: { isInsert: boolean; isUpdate: boolean }) {
						return this.isInsert || this.isUpdate ? new Date('2030-01-01T00:00:00.000Z') : undefined;
					},
				},
			}),
		);

	it('cleans before storing: unknown keys dropped, strings trimmed, numbers converted, autoValues set', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(schema());
		const id = c.insert({ title: '  Trim me  ', sort: '3' as unknown as number, junk: 'x' });
		expect(c.findOne(id)).toEqual({ _id: id, title: 'Trim me', sort: 3, modifiedAt: new Date('2030-01-01T00:00:00.000Z') });
	});

	it('refuses what the schema refuses with collection2\'s plain ValidationError (not a Meteor.Error)', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(schema());
		expect(() => c.insert({ sort: 1 })).toThrow(new Error('Title is required in cards insertAsync'));
		c.raw.insert({ _id: 'a', title: 'A' });
		let error: unknown;
		try {
			c.update('a', { $set: { color: 'green' } });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(SchemaValidationError);
		expect((error as Error).message).toBe('green is not an allowed value in cards updateAsync');
		// The validation context inside makes it circular, which is why Wekan's safeJsonStringify falls back.
		expect(() => JSON.stringify(error)).toThrow(/circular/i);
		expect(c.findOne('a')!.color).toBeUndefined();
	});

	it('throws when cleaning leaves the modifier empty (no autoValue adding to it)', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(new AttachedSchema(new SimpleSchema({ title: { type: String } })));
		c.raw.insert({ _id: 'a', title: 'A' });
		expect(() => c.update('a', { $set: { unknown: 1 } })).toThrow(
			'After filtering out keys not in the schema, your modifier is now empty',
		);
	});

	it('runs before-hooks on the cleaned modifier and after-hooks with the previous document; direct skips both', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(schema());
		const seen: string[] = [];
		c.before.update((userId, doc, fieldNames, modifier) => {
			seen.push(`before ${String(userId)} ${doc.title} ${fieldNames.join(',')} ${JSON.stringify((modifier.$set as Card).title)}`);
		});
		c.after.update((_userId, doc, _fields, _modifier, previous) => seen.push(`after ${previous.title}->${doc.title}`));
		const id = c.insert({ title: 'A' });
		c.update(id, { $set: { title: ' B ' } }, {}, { userId: 'u1' });
		c.direct.update(id, { $set: { title: 'C' } });
		expect(seen).toEqual(['before u1 A title,modifiedAt "B"', 'after A->B']);
		expect(c.findOne(id)!.title).toBe('C');
	});

	it('lets a before-insert hook add fields that the schema never sees', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(schema());
		c.before.insert((_userId, doc) => {
			(doc as Card).unvalidated = 'kept';
		});
		const id = c.insert({ title: 'A' });
		expect(c.findOne(id)!.unvalidated).toBe('kept');
	});

	it('cleans `direct` writes too: collection-hooks\' direct calls the collection2-wrapped method', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(schema());
		const id = c.insert({ title: 'A' });
		expect(() => c.direct.update(id, { $set: { color: 'green' } })).toThrow(SchemaValidationError);
		c.direct.update(id, { $set: { title: '  padded ' } });
		expect(c.findOne(id)!.title).toBe('padded');
	});

	it('raw writes (a MongoDB client outside Meteor) are neither cleaned nor hooked', () => {
		const c = new Collection<Card>('cards');
		c.attachSchema(schema());
		let hooked = false;
		c.after.insert(() => (hooked = true));
		c.raw.insert({ _id: 'r', title: '  raw  ', junk: 1 });
		expect(c.findOne('r')).toEqual({ _id: 'r', title: '  raw  ', junk: 1 });
		expect(hooked).toBe(false);
	});
});

describe('EJSON values of the control interface', () => {
	it('reads {$date} in and writes ISO strings out', () => {
		const value = fromEJSON({ when: { $date: '2026-12-01T00:00:00.000Z' }, list: [{ $date: 0 }], plain: 'x' }) as Record<string, unknown>;
		expect(value.when).toEqual(new Date('2026-12-01T00:00:00.000Z'));
		expect((value.list as unknown[])[0]).toEqual(new Date(0));
		expect(toEJSON(value)).toEqual({ when: '2026-12-01T00:00:00.000Z', list: ['1970-01-01T00:00:00.000Z'], plain: 'x' });
	});

	it('refuses a date it cannot read', () => {
		expect(() => fromEJSON({ $date: 'not a date' })).toThrow(TypeError);
	});
});

describe('Collection: an upsert through collection2', () => {
	it('validates the selector\'s equality fields as if the modifier set them (collection2 main.js, flattenSelector)', () => {
		const rules = new Collection<Card>('rules');
		rules.attachSchema(new AttachedSchema(new SimpleSchema({ title: { type: String }, boardId: { type: String }, n: { type: Number, optional: true } })));
		rules.update({ title: 'T', boardId: 'b' }, { $set: { n: 1 } }, { upsert: true });
		expect(rules.find({ title: 'T' })).toMatchObject([{ title: 'T', boardId: 'b', n: 1 }]);
		expect(() => rules.update({ title: 'U' }, { $set: { n: 1 } }, { upsert: true })).toThrow('Board ID is required in rules updateAsync');
	});
});
