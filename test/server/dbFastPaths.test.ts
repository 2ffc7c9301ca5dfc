/**
 * The collection answers plain-equality selectors, counts and top-level $set/$unset itself rather than through
 * mingo; these tests hold it to mingo's (MongoDB's) answers.
 */
import { Query, update as mingoUpdate } from 'mingo';
import { Collection } from '../wekan-server/db/collection';

type Doc = { _id: string } & Record<string, unknown>;

const docs: Doc[] = [
	{ _id: 'a', boardId: 'b1', listId: 'l1', archived: false, sort: 0, members: ['u1', 'u2'] },
	{ _id: 'b', boardId: 'b1', listId: 'l2', archived: true, sort: 1, members: [] },
	{ _id: 'c', boardId: 'b2', listId: 'l1', archived: false, sort: -0, members: ['u2'] },
	{ _id: 'd', boardId: 'b1', listId: 'l1', sort: 2, members: [['u1']] },
	{ _id: 'e', boardId: ['b1', 'b3'], listId: 'l1', archived: false, sort: '2', members: 'u1' },
	{ _id: 'f', boardId: 'b1', listId: 'l1', archived: 'false', sort: 2.5, members: null },
];

function collection(): Collection<Doc> {
	const c = new Collection<Doc>('things', { indexes: ['boardId', 'listId'] });
	for (const doc of docs) c.raw.insert(doc);
	return c;
}

const ids = (list: Doc[]) => list.map((d) => d._id);

describe('collection fast paths agree with mingo', () => {
	const selectors: Array<Record<string, unknown>> = [
		{},
		{ boardId: 'b1' },
		{ boardId: 'b1', archived: false },
		{ boardId: 'b1', listId: 'l1', archived: false },
		{ _id: 'a', listId: 'l1', boardId: 'b1', archived: false },
		{ _id: 'a', listId: 'l2' },
		{ members: 'u1' },
		{ members: 'u2', archived: false },
		{ sort: 0 },
		{ sort: 2 },
		{ sort: '2' },
		{ archived: 'false' },
		{ boardId: 'b3' },
		{ nothing: 'x' },
	];

	it.each(selectors.map((s) => [JSON.stringify(s), s]))('find and count %s', (_label, selector) => {
		const c = collection();
		const expected = ids(new Query(selector as never).find<Doc>(docs).all() as Doc[]);
		expect(ids(c.find(selector))).toEqual(expected);
		expect(c.count(selector)).toBe(expected.length);
		const sorted = new Query(selector as never).find<Doc>(docs).sort({ sort: -1 }).all() as Doc[];
		expect(ids(c.find(selector, { sort: { sort: -1 } }))).toEqual(ids(sorted));
	});

	it('applies top-level $set and $unset as mingo does, leaving other documents alone', () => {
		const modifiers = [
			{ $set: { title: 'x', members: ['u9'] } },
			{ $unset: { members: '', missing: '' } },
			{ $set: { nested: { a: [1, { b: 2 }] }, when: new Date(0) }, $unset: { sort: '' } },
		];
		for (const modifier of modifiers) {
			const c = collection();
			c.raw.update({ _id: 'a' }, modifier);
			const expected = structuredClone(docs[0]);
			mingoUpdate(expected, modifier as never);
			expect(c.findOne('a')).toEqual(expected);
			expect(c.findOne('b')).toEqual(docs[1]);
		}
	});
});
