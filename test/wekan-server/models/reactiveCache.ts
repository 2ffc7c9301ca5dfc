/**
 * How Wekan's server code looks documents up: `ReactiveCache.getX(idOrFirstObjectSelector = {})`
 * (imports/reactiveCache.js:77-297 at Wekan v11.07), which is `X.findOneAsync(selector)`, through Meteor's selector
 * rewrite and MongoDB connection:
 * - no argument (undefined) is the default `{}`: the collection's first document (getCard alone defaults to null and
 *   answers null for null, undefined and '', imports/reactiveCache.js:132-142);
 * - Meteor's own selector rewrite (Mongo.Collection._rewriteSelector, used by every cursor; Meteor, not Wekan) turns
 *   a string or number into `{_id}` and makes a falsy selector, or one whose `_id` is falsy, match nothing;
 * - Meteor's MongoDB connection runs with `ignoreUndefined: true`, so a top-level field whose value is undefined is
 *   left out of the query: `{title: undefined, boardId}` is `{boardId}`.
 */
import type { Collection } from '../db/collection';
import type { CardDoc } from '../schemas/cards';
import type { Wekan } from '../server';

type Fields = Record<string, unknown>;

/** A selector that matches no document. */
const NOTHING: Fields = { _id: { $in: [] } };

/** The query a findOne argument becomes (see above); anything but an id or an object matches nothing. */
export function meteorSelector(value: unknown): Fields {
	if (typeof value === 'string' || typeof value === 'number') return value === '' ? NOTHING : { _id: value };
	if (!value || typeof value !== 'object' || Array.isArray(value)) return NOTHING;
	const selector = value as Fields;
	if ('_id' in selector && !selector._id) return NOTHING;
	const query: Fields = {};
	for (const [key, inner] of Object.entries(selector)) if (inner !== undefined) query[key] = inner;
	return query;
}

/** `ReactiveCache.getX(selector)`: undefined is `{}`, the collection's first document. */
export function cacheFindOne<T extends { _id: string }>(collection: Collection<T>, selector: unknown): T | undefined {
	return collection.findOne(selector === undefined ? {} : meteorSelector(selector));
}

/** ReactiveCache.getCard (imports/reactiveCache.js:132-142): null for null, undefined or ''. */
export function getCard(wekan: Wekan, selector: unknown): CardDoc | null | undefined {
	if (selector === null || selector === undefined || selector === '') return null;
	return cacheFindOne(wekan.db.cards, selector);
}
