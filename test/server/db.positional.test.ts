/**
 * MongoDB's `$` positional operator on an array below a sub-document, which Wekan's dropdown-item rename uses
 * (`'settings.dropdownItems.$'`, server/models/customFields.js:257-271): the first element the query's condition on
 * that array matches is the one updated.
 */
import { Collection } from '../wekan-server/db/collection';

type Field = {
	_id: string;
	settings: { dropdownItems: Array<{ _id: string; name: string }> };
	list?: Array<{ k: string; v?: number }>;
};

describe('positional $ on a nested array', () => {
	let fields: Collection<Field>;
	beforeEach(() => {
		fields = new Collection<Field>('customFields');
		fields.raw.insert({
			_id: 'f',
			settings: {
				dropdownItems: [
					{ _id: 'a', name: 'A' },
					{ _id: 'b', name: 'B' },
					{ _id: 'b', name: 'B2' },
				],
			},
			list: [{ k: 'x' }, { k: 'y' }],
		});
	});

	it('replaces the first matching element', () => {
		expect(
			fields.update(
				{ _id: 'f', 'settings.dropdownItems._id': 'b' },
				{ $set: { 'settings.dropdownItems.$': { _id: 'b', name: 'Bee' } } },
			),
		).toBe(1);
		expect(fields.findOne('f')!.settings.dropdownItems).toEqual([
			{ _id: 'a', name: 'A' },
			{ _id: 'b', name: 'Bee' },
			{ _id: 'b', name: 'B2' },
		]);
	});

	it('sets a key below the matching element, also with $elemMatch in the condition', () => {
		fields.update(
			{ _id: 'f', 'settings.dropdownItems': { $elemMatch: { name: 'B2' } } },
			{ $set: { 'settings.dropdownItems.$.name': 'Two' } },
		);
		expect(fields.findOne('f')!.settings.dropdownItems[2]).toEqual({ _id: 'b', name: 'Two' });
	});

	it('matches nothing when no element does, and leaves top-level arrays to mingo', () => {
		expect(
			fields.update(
				{ _id: 'f', 'settings.dropdownItems._id': 'zz' },
				{ $set: { 'settings.dropdownItems.$': { _id: 'zz', name: 'Z' } } },
			),
		).toBe(0);
		fields.update({ _id: 'f', 'list.k': 'y' }, { $set: { 'list.$.v': 2 } });
		expect(fields.findOne('f')!.list).toEqual([{ k: 'x' }, { k: 'y', v: 2 }]);
	});
});
