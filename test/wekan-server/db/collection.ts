/**
 * A MongoDB collection in memory, used the way Wekan's server code uses a Meteor `Mongo.Collection`:
 * selectors, projections, sorts and update modifiers are MongoDB's, evaluated by mingo; an attached schema cleans
 * and validates every write first (aldeed:collection2), then matb33:collection-hooks' before/after hooks run around
 * the write, unless it goes through `direct`, which skips the hooks but not the schema (collection-hooks' `direct`
 * calls `Mongo.Collection.prototype[method]`, which collection2 has wrapped).
 *
 * Documents are frozen when stored, so nothing can change them except an update through this class; finds return
 * the stored documents themselves (or projected copies), never live references that could be edited in place.
 */
import { Query, update as applyModifier } from 'mingo';
import { randomId } from '../ids';
import type { AttachedSchema } from './schema';

// mingo's subpath type exports need a newer moduleResolution than the project's; these are its shapes.
type AnyObject = Record<string, unknown>;
type SortSpec = Record<string, 1 | -1>;
type Modifier = Parameters<typeof applyModifier>[1];

export type Doc = { _id: string } & AnyObject;
/** A Meteor selector: an `_id` string, or a MongoDB query document. */
export type Selector = string | AnyObject;
export type UpdateModifier = AnyObject;

export interface FindOptions {
	sort?: SortSpec;
	/** Meteor's name for a projection. */
	fields?: Record<string, 0 | 1 | boolean>;
	projection?: Record<string, 0 | 1 | boolean>;
	limit?: number;
	skip?: number;
}

export interface UpdateOptions {
	multi?: boolean;
	upsert?: boolean;
}

/**
 * Who the write is for: Meteor.userId() as collection-hooks sees it. Inside a Meteor method (the web UI) it is the
 * acting user; in an Express REST handler there is no method invocation, so it is undefined.
 */
export interface WriteContext {
	userId?: string;
}

export type BeforeInsertHook<T> = (userId: string | undefined, doc: T) => void | false;
export type AfterInsertHook<T> = (userId: string | undefined, doc: T) => void;
export type BeforeUpdateHook<T> = (
	userId: string | undefined,
	doc: T,
	fieldNames: string[],
	modifier: UpdateModifier,
	options: UpdateOptions,
) => void | false;
export type AfterUpdateHook<T> = (
	userId: string | undefined,
	doc: T,
	fieldNames: string[],
	modifier: UpdateModifier,
	previous: T,
) => void;
export type RemoveHook<T> = (userId: string | undefined, doc: T) => void | false;

interface Hooks<T> {
	beforeInsert: BeforeInsertHook<T>[];
	afterInsert: AfterInsertHook<T>[];
	beforeUpdate: BeforeUpdateHook<T>[];
	afterUpdate: AfterUpdateHook<T>[];
	beforeRemove: RemoveHook<T>[];
	afterRemove: RemoveHook<T>[];
}

/**
 * A deep copy of a document value (plain objects, arrays, Dates; anything else is shared). Not structuredClone: in
 * jest's sandbox that builds objects of the outer realm, which simpl-schema's plain-object checks then skip.
 */
function isPlainObject(value: object): boolean {
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

export function cloneValue<T>(value: T): T {
	if (Array.isArray(value)) return value.map(cloneValue) as T;
	if (value instanceof Date) return new Date(value.getTime()) as T;
	if (value && typeof value === 'object' && isPlainObject(value)) {
		const out: AnyObject = {};
		for (const [key, inner] of Object.entries(value as AnyObject)) out[key] = cloneValue(inner);
		return out as T;
	}
	return value;
}

export function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value) && (Array.isArray(value) || isPlainObject(value))) {
		Object.freeze(value);
		for (const key of Object.keys(value)) deepFreeze((value as AnyObject)[key]);
	}
	return value;
}

/** The top-level fields a modifier touches (collection-hooks' `getFields`). */
export function modifiedFields(modifier: UpdateModifier): string[] {
	const fields = new Set<string>();
	for (const [operator, spec] of Object.entries(modifier)) {
		if (!operator.startsWith('$')) {
			fields.add(operator);
			continue;
		}
		for (const path of Object.keys((spec ?? {}) as AnyObject)) fields.add(path.split('.')[0]);
	}
	return [...fields];
}

function isOperatorModifier(modifier: UpdateModifier): boolean {
	const keys = Object.keys(modifier);
	return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** A query with no condition, for sorting documents already filtered. */
const EVERYTHING = new Query({});

/**
 * The fields of a selector that is nothing but equality on top-level fields with string, number or boolean values,
 * or undefined for any other selector. MongoDB matches such a field when the document's value is equal, or is an
 * array holding the value.
 */
function scalarEquality(query: AnyObject): Array<[string, unknown]> | undefined {
	const fields: Array<[string, unknown]> = [];
	for (const [key, value] of Object.entries(query)) {
		if (key.startsWith('$') || key.includes('.')) return undefined;
		const scalar = typeof value === 'string' || typeof value === 'boolean';
		if (!scalar && !(typeof value === 'number' && !Number.isNaN(value))) return undefined;
		fields.push([key, value]);
	}
	return fields;
}

function matchesEquality(doc: AnyObject, fields: Array<[string, unknown]>): boolean {
	for (const [key, value] of fields) {
		const actual = doc[key];
		if (actual !== value && !(Array.isArray(actual) && actual.includes(value))) return false;
	}
	return true;
}

/** A modifier of only `$set` and `$unset` on top-level fields other than _id, with no undefined value. */
function isTopLevelSetUnset(modifier: UpdateModifier): boolean {
	for (const [operator, spec] of Object.entries(modifier)) {
		if (operator !== '$set' && operator !== '$unset') return false;
		if (!spec || typeof spec !== 'object') return false;
		for (const [path, value] of Object.entries(spec as AnyObject)) {
			if (path === '_id' || path.includes('.') || path.startsWith('$')) return false;
			if (operator === '$set' && value === undefined) return false;
		}
	}
	return true;
}

function toQuery(selector: Selector | undefined): AnyObject {
	if (selector === undefined || selector === null) return {};
	if (typeof selector === 'string') return { _id: selector };
	return selector;
}

/** The equality values a selector requires of a top-level field, when it names them: `x` or `{$in: [...]}`. */
function requiredValues(query: AnyObject, field: string): unknown[] | undefined {
	if (!Object.prototype.hasOwnProperty.call(query, field)) return undefined;
	const value = query[field];
	if (typeof value === 'string' || typeof value === 'number') return [value];
	if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp)) {
		const keys = Object.keys(value);
		if (keys.length === 1 && keys[0] === '$in' && Array.isArray((value as AnyObject).$in)) {
			const values = (value as { $in: unknown[] }).$in;
			if (values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
		}
	}
	return undefined;
}

/**
 * The user of the Meteor method a write runs in (DDP._CurrentMethodInvocation). collection-hooks gives every hook
 * Meteor.userId() (collection-hooks server.js getUserId), so the writes a hook makes inside a method carry the method's
 * user even when they do not name it, and so do the hooks of those writes. Outside a method (a REST handler) it is
 * undefined. Writes run synchronously here, so the innermost write that names a user sets it for what it causes.
 */
let currentMethodUserId: string | undefined;

function inMethodOf<R>(context: WriteContext, run: (context: WriteContext) => R): R {
	const userId = context.userId ?? currentMethodUserId;
	if (userId === undefined) return run(context);
	const outer = currentMethodUserId;
	currentMethodUserId = userId;
	try {
		return run(context.userId === userId ? context : { ...context, userId });
	} finally {
		currentMethodUserId = outer;
	}
}

/** Runs `fn` as the body of a Meteor method of `userId`: every write inside it carries that user. */
export function runAsMethod<R>(userId: string, fn: () => R): R {
	return inMethodOf({ userId }, () => fn());
}

export class Collection<T extends { _id: string } = Doc> {
	private readonly docs = new Map<string, T>();
	/** Insertion order, which is MongoDB's natural order for finds without a sort. */
	private readonly order = new Map<string, number>();
	private nextOrder = 0;
	private readonly indexes = new Map<string, Map<unknown, Set<string>>>();
	private readonly hooks: Hooks<T> = {
		beforeInsert: [],
		afterInsert: [],
		beforeUpdate: [],
		afterUpdate: [],
		beforeRemove: [],
		afterRemove: [],
	};
	private schema?: AttachedSchema;

	/** collection-hooks' registration API: `Cards.before.update(fn)`. */
	readonly before = {
		insert: (hook: BeforeInsertHook<T>) => void this.hooks.beforeInsert.push(hook),
		update: (hook: BeforeUpdateHook<T>) => void this.hooks.beforeUpdate.push(hook),
		remove: (hook: RemoveHook<T>) => void this.hooks.beforeRemove.push(hook),
	};
	readonly after = {
		insert: (hook: AfterInsertHook<T>) => void this.hooks.afterInsert.push(hook),
		update: (hook: AfterUpdateHook<T>) => void this.hooks.afterUpdate.push(hook),
		remove: (hook: RemoveHook<T>) => void this.hooks.afterRemove.push(hook),
	};
	/** `Cards.direct.*`: the same writes without the hooks (the schema still cleans and validates them). */
	readonly direct = {
		insert: (doc: object, context: WriteContext = {}) =>
			inMethodOf(context, (c) => this.insertDoc(doc as AnyObject, c, false)),
		update: (selector: Selector, modifier: UpdateModifier, options: UpdateOptions = {}, context: WriteContext = {}) =>
			inMethodOf(context, (c) => this.updateDocs(selector, modifier, options, c, false)),
		remove: (selector: Selector, context: WriteContext = {}) =>
			inMethodOf(context, (c) => this.removeDocs(selector, c, false)),
	};
	/**
	 * Writes as a MongoDB client outside Meteor makes them (the mongo shell, or Wekan's end-to-end tests seeding the
	 * database): no schema, no hooks. Used by the control interface.
	 */
	readonly raw = {
		insert: (doc: object) => {
			const record = doc as AnyObject;
			const _id = typeof record._id === 'string' ? record._id : randomId();
			// `_id` first, as MongoDB stores it.
			return this.store(Object.assign({ _id }, record, { _id }) as unknown as T, true);
		},
		update: (selector: Selector, modifier: UpdateModifier, options: UpdateOptions = {}) =>
			this.applyToMatches(selector, modifier, options, undefined),
		remove: (selector: Selector, options: { justOne?: boolean } = {}) => {
			const matches = this.find(selector, options.justOne ? { limit: 1 } : {});
			for (const doc of matches) this.unstore(doc._id);
			return matches.length;
		},
	};

	constructor(
		readonly name: string,
		options: { indexes?: string[] } = {},
	) {
		for (const field of options.indexes ?? []) this.indexes.set(field, new Map());
	}

	/** collection2's `attachSchema`. */
	attachSchema(schema: AttachedSchema): void {
		this.schema = schema;
	}

	get attachedSchema(): AttachedSchema | undefined {
		return this.schema;
	}

	get size(): number {
		return this.docs.size;
	}

	// ---- reads ---------------------------------------------------------------------------------------------

	find(selector?: Selector, options: FindOptions = {}): T[] {
		const query = toQuery(selector);
		const candidates = this.candidates(query);
		const projection = options.projection ?? options.fields;
		const hasProjection = projection !== undefined && Object.keys(projection).length > 0;
		// Plain equality on top-level fields is matched here; anything else is mingo's to evaluate.
		const equality = scalarEquality(query);
		const mingoQuery = equality ? undefined : new Query<T>(query as never);
		const matches = (doc: T): boolean =>
			equality ? matchesEquality(doc as unknown as AnyObject, equality) : (mingoQuery as Query<T>).test(doc);
		if (equality && options.sort && !hasProjection) {
			const filtered: T[] = [];
			for (const doc of candidates) if (matches(doc)) filtered.push(doc);
			let cursor = EVERYTHING.find<T>(filtered).sort(options.sort);
			if (options.skip) cursor = cursor.skip(options.skip);
			if (options.limit) cursor = cursor.limit(options.limit);
			return cursor.all() as T[];
		}
		if (!options.sort && !hasProjection) {
			// The common case, without mingo's cursor: filter, then skip and limit.
			const out: T[] = [];
			let skip = options.skip ?? 0;
			// A selector that is one equality on an indexed field matches exactly the index's candidates.
			const exact = this.isIndexedEquality(query);
			for (const doc of candidates) {
				if (!exact && !matches(doc)) continue;
				if (skip > 0) {
					skip--;
					continue;
				}
				out.push(doc);
				if (options.limit && out.length >= options.limit) break;
			}
			return out;
		}
		const evaluated = mingoQuery ?? new Query<T>(query as never);
		let cursor = evaluated.find<T>(candidates, hasProjection ? (projection as never) : undefined);
		if (options.sort) cursor = cursor.sort(options.sort);
		if (options.skip) cursor = cursor.skip(options.skip);
		if (options.limit) cursor = cursor.limit(options.limit);
		return cursor.all() as T[];
	}

	findOne(selector?: Selector, options: FindOptions = {}): T | undefined {
		if (typeof selector === 'string' && !options.fields && !options.projection) return this.docs.get(selector);
		return this.find(selector, { ...options, limit: 1 })[0];
	}

	count(selector?: Selector): number {
		const query = toQuery(selector);
		const equality = scalarEquality(query);
		if (!equality) return this.find(selector).length;
		// Counting needs no natural order, so the index's candidates are not sorted.
		let count = 0;
		for (const doc of this.candidates(query, false)) {
			if (matchesEquality(doc as unknown as AnyObject, equality)) count++;
		}
		return count;
	}

	// ---- writes (collection2, then collection-hooks) ----------------------------------------------------------

	/** Meteor's `insertAsync`: cleans and validates, runs the hooks, returns the new `_id`. */
	insert(doc: object, context: WriteContext = {}): string {
		return inMethodOf(context, (c) => this.insertDoc(doc as AnyObject, c, true));
	}

	/** Meteor's `updateAsync`: the number of documents the selector matched. */
	update(selector: Selector, modifier: UpdateModifier, options: UpdateOptions = {}, context: WriteContext = {}): number {
		return inMethodOf(context, (c) => this.updateDocs(selector, modifier, options, c, true));
	}

	/** Meteor's `removeAsync`: the number of documents removed. */
	remove(selector: Selector, context: WriteContext = {}): number {
		return inMethodOf(context, (c) => this.removeDocs(selector, c, true));
	}

	clear(): void {
		this.docs.clear();
		this.order.clear();
		for (const index of this.indexes.values()) index.clear();
	}

	// ---- internals -----------------------------------------------------------------------------------------

	private insertDoc(input: AnyObject, context: WriteContext, withHooks: boolean): string {
		// Meteor gives a new document its _id before collection2 cleans it.
		// Meteor sends documents with ignoreUndefined (see withoutUndefined): an undefined field is not stored.
		const doc = withoutUndefined(cloneValue(input)) as AnyObject;
		if (typeof doc._id !== 'string' || !doc._id) doc._id = randomId();
		if (this.schema) this.schema.cleanInsert(doc, { userId: context.userId, docId: doc._id as string, collection: this.name });
		if (withHooks) {
			for (const hook of this.hooks.beforeInsert) if (hook(context.userId, doc as T) === false) return doc._id as string;
		}
		if (this.docs.has(doc._id as string)) {
			throw new DuplicateKeyError(this.name, doc._id as string);
		}
		// MongoDB stores `_id` as the first field of every document, wherever the insert put it.
		const stored = this.store({ _id: doc._id, ...doc } as unknown as T, false);
		if (withHooks) for (const hook of this.hooks.afterInsert) hook(context.userId, stored);
		return stored._id;
	}

	private updateDocs(selector: Selector, input: UpdateModifier, options: UpdateOptions, context: WriteContext, withHooks: boolean): number {
		const modifier = cloneValue(input) as UpdateModifier;
		const docId = typeof selector === 'string' ? selector : typeof selector?._id === 'string' ? (selector._id as string) : undefined;
		if (this.schema) {
			this.schema.cleanUpdate(modifier, { userId: context.userId, docId, upsert: options.upsert, selector: toQuery(selector), collection: this.name });
		}
		const matches = this.find(selector, options.multi ? {} : { limit: 1 });
		if (!matches.length) {
			if (options.upsert) {
				this.insertDoc(upsertSeed(toQuery(selector), modifier), context, withHooks);
				return 1;
			}
			return 0;
		}
		const fieldNames = modifiedFields(modifier);
		let updated = 0;
		for (const doc of matches) {
			if (withHooks) {
				let cancelled = false;
				for (const hook of this.hooks.beforeUpdate) {
					if (hook(context.userId, doc, fieldNames, modifier, options) === false) cancelled = true;
				}
				if (cancelled) continue;
			}
			const current = this.docs.get(doc._id);
			if (!current) continue;
			const next = this.applied(current, modifier, toQuery(selector));
			const stored = this.replace(current, next);
			updated++;
			if (withHooks) for (const hook of this.hooks.afterUpdate) hook(context.userId, stored, fieldNames, modifier, current);
		}
		return updated;
	}

	private removeDocs(selector: Selector, context: WriteContext, withHooks: boolean): number {
		const matches = this.find(selector);
		let removed = 0;
		for (const doc of matches) {
			if (withHooks) {
				let cancelled = false;
				for (const hook of this.hooks.beforeRemove) if (hook(context.userId, doc) === false) cancelled = true;
				if (cancelled) continue;
			}
			if (!this.unstore(doc._id)) continue;
			removed++;
			if (withHooks) for (const hook of this.hooks.afterRemove) hook(context.userId, doc);
		}
		return removed;
	}

	private applyToMatches(selector: Selector, modifier: UpdateModifier, options: UpdateOptions, _context: WriteContext | undefined): number {
		const matches = this.find(selector, options.multi ? {} : { limit: 1 });
		if (!matches.length && options.upsert) {
			this.raw.insert(upsertSeed(toQuery(selector), cloneValue(modifier)));
			return 1;
		}
		for (const doc of matches) this.replace(doc, this.applied(doc, modifier, toQuery(selector)));
		return matches.length;
	}

	private applied(current: T, input: UpdateModifier, condition: AnyObject): T {
		const modifier = withoutUndefined(input);
		if (!isOperatorModifier(modifier)) {
			// A replacement document keeps only the _id.
			return { ...cloneValue(modifier), _id: current._id } as T;
		}
		if (isTopLevelSetUnset(modifier)) {
			// $set and $unset of top-level fields, done here; the parts left alone are frozen and can be shared.
			const next: AnyObject = { ...(current as unknown as AnyObject) };
			const set = (modifier.$set ?? {}) as AnyObject;
			for (const [key, value] of Object.entries(set)) next[key] = cloneValue(value);
			for (const key of Object.keys((modifier.$unset ?? {}) as AnyObject)) delete next[key];
			next._id = current._id;
			return next as T;
		}
		const next = cloneValue(current) as AnyObject;
		// MongoDB ignores $setOnInsert when an upsert matches a document (mingo does not know the operator).
		const { $setOnInsert: _onInsertOnly, ...allOperators } = modifier;
		const { operators, documentPulls } = splitDocumentPulls(allOperators);
		for (const [path, pullCondition] of documentPulls) pullMatchingDocuments(next, path, pullCondition);
		if (!Object.keys(operators).length) return next as T;
		applyModifier(next, resolveNestedPositional(next, operators, condition) as Modifier, undefined, condition);
		next._id = current._id;
		return next as T;
	}

	private store(doc: T, checkDuplicate: boolean): T {
		if (checkDuplicate && this.docs.has(doc._id)) throw new DuplicateKeyError(this.name, doc._id);
		deepFreeze(doc);
		this.docs.set(doc._id, doc);
		this.order.set(doc._id, this.nextOrder++);
		this.indexAdd(doc);
		return doc;
	}

	private replace(current: T, next: T): T {
		// Only the index entries whose keys change are moved, so an index keeps its ids in natural order as long as
		// their documents stay under the same key (which lets `candidates` skip sorting them).
		for (const [field, index] of this.indexes) {
			const before = this.indexKeys(current, field);
			const after = this.indexKeys(next, field);
			if (before.length === after.length && before.every((key, i) => key === after[i])) continue;
			for (const key of before) {
				const ids = index.get(key);
				ids?.delete(current._id);
				if (ids && !ids.size) index.delete(key);
			}
			for (const key of after) {
				let ids = index.get(key);
				if (!ids) index.set(key, (ids = new Set()));
				ids.add(current._id);
			}
		}
		deepFreeze(next);
		this.docs.set(current._id, next);
		return next;
	}

	private unstore(id: string): boolean {
		const doc = this.docs.get(id);
		if (!doc) return false;
		this.indexRemove(doc);
		this.docs.delete(id);
		this.order.delete(id);
		return true;
	}

	private indexKeys(doc: T, field: string): unknown[] {
		const value = (doc as unknown as AnyObject)[field];
		if (value === undefined) return [];
		// Multikey, as MongoDB indexes an array field under each element.
		return Array.isArray(value) ? value : [value];
	}

	private indexAdd(doc: T): void {
		for (const [field, index] of this.indexes) {
			for (const key of this.indexKeys(doc, field)) {
				let ids = index.get(key);
				if (!ids) index.set(key, (ids = new Set()));
				ids.add(doc._id);
			}
		}
	}

	private indexRemove(doc: T): void {
		for (const [field, index] of this.indexes) {
			for (const key of this.indexKeys(doc, field)) {
				const ids = index.get(key);
				ids?.delete(doc._id);
				if (ids && !ids.size) index.delete(key);
			}
		}
	}

	/** `{field: <string or number>}` on an indexed field (or `_id`), which the index answers without a test. */
	private isIndexedEquality(query: AnyObject): boolean {
		const keys = Object.keys(query);
		if (keys.length !== 1) return false;
		const value = query[keys[0]];
		return (keys[0] === '_id' || this.indexes.has(keys[0])) && (typeof value === 'string' || typeof value === 'number');
	}

	/** The documents a query can match: by `_id` or the smallest usable index, in natural order; else all. */
	private candidates(query: AnyObject, ordered = true): Iterable<T> {
		const ids = requiredValues(query, '_id');
		// An id listed twice in an $in still matches its document once.
		if (ids) return [...new Set(ids.map(String))].map((id) => this.docs.get(id)).filter((d): d is T => d !== undefined);
		let best: Set<string> | undefined;
		for (const [field, index] of this.indexes) {
			const values = requiredValues(query, field);
			if (!values) continue;
			const found = new Set<string>();
			for (const value of values) for (const id of index.get(value) ?? []) found.add(id);
			if (!best || found.size < best.size) best = found;
			if (!best.size) break;
		}
		if (!best) return this.docs.values();
		const found = [...best];
		if (ordered) {
			const rank = (id: string) => this.order.get(id) ?? 0;
			let sorted = true;
			for (let i = 1; i < found.length && sorted; i++) sorted = rank(found[i - 1]) <= rank(found[i]);
			if (!sorted) found.sort((a, b) => rank(a) - rank(b));
		}
		return found.map((id) => this.docs.get(id) as T);
	}
}

/**
 * MongoDB's `$` positional operator on an array below a sub-document (`settings.dropdownItems.$`): the first element
 * that the query's condition on that array matches. mingo 7.2.7 gets only top-level arrays right (it tests each
 * element as a document with the dotted path as one flat key, which a nested condition never matches, and throws), so
 * such paths are turned into the element's index here and every other path is left to mingo. mingo also refuses two
 * positional paths into the same top-level array (`{$set: {'a.$.x': 1, 'a.$.y': 2}}`, or a `$set` and a `$unset`
 * of two fields of the element) as a path conflict, which MongoDB accepts; when a modifier has more than one
 * positional path, the top-level ones are resolved here too.
 */
function resolveNestedPositional(doc: AnyObject, modifier: UpdateModifier, condition: AnyObject): UpdateModifier {
	let resolved: UpdateModifier | undefined;
	let positionalPaths = 0;
	for (const [operator, spec] of Object.entries(modifier)) {
		if (!operator.startsWith('$') || !spec || typeof spec !== 'object') continue;
		for (const path of Object.keys(spec as AnyObject)) if (path.split('.').indexOf('$') >= 1) positionalPaths++;
	}
	const resolvable = (at: number) => at >= 2 || (at === 1 && positionalPaths > 1);
	for (const [operator, spec] of Object.entries(modifier)) {
		if (!operator.startsWith('$') || !spec || typeof spec !== 'object') continue;
		const paths = Object.keys(spec as AnyObject);
		const positions = paths.map((path) => path.split('.').indexOf('$'));
		if (!positions.some(resolvable)) continue;
		const renamed: AnyObject = {};
		paths.forEach((path, i) => {
			const parts = path.split('.');
			const at = positions[i];
			const index = resolvable(at) ? firstMatchingElement(doc, parts.slice(0, at), condition) : -1;
			if (index >= 0) parts[at] = String(index);
			renamed[parts.join('.')] = (spec as AnyObject)[path];
		});
		resolved ??= { ...modifier };
		resolved[operator] = renamed;
	}
	return resolved ?? modifier;
}

function firstMatchingElement(doc: AnyObject, arrayPath: string[], condition: AnyObject): number {
	let value: unknown = doc;
	for (const part of arrayPath) value = value && typeof value === 'object' ? (value as AnyObject)[part] : undefined;
	if (!Array.isArray(value)) return -1;
	const prefix = arrayPath.join('.');
	const keys = Object.keys(condition).filter((key) => key === prefix || key.startsWith(`${prefix}.`));
	if (!keys.length) return -1;
	const query = new Query(Object.fromEntries(keys.map((key) => [key, condition[key]])) as never);
	return value.findIndex((element) => {
		// The document with only this element in the array, nested as the path says.
		let wrapped: unknown = [element];
		for (let i = arrayPath.length - 1; i >= 0; i--) wrapped = { [arrayPath[i]]: wrapped };
		return query.test(wrapped as AnyObject);
	});
}

/**
 * What reaches MongoDB of a modifier: Meteor's MongoConnection serializes with `ignoreUndefined: true`
 * (packages/mongo/mongo_driver.js:167-169 of Meteor 3), so a key whose value is undefined is not sent at all
 * (`{$addToSet: {a: {$each: undefined}}}` arrives as `{$addToSet: {a: {}}}`), and an undefined array element is null.
 */
export function withoutUndefined<T>(value: T): T {
	if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : withoutUndefined(item))) as T;
	if (value && typeof value === 'object' && isPlainObject(value)) {
		const out: AnyObject = {};
		for (const [key, inner] of Object.entries(value as AnyObject)) if (inner !== undefined) out[key] = withoutUndefined(inner);
		return out as T;
	}
	return value;
}

/**
 * MongoDB's `$pull` with a plain document condition (`{$pull: {cardDependencies: {cardId: 'x'}}}`) tests each element
 * as a document: an element that is not one (a bare string) never matches. mingo 7.2.7 tests those too and pulls a
 * string equal to one of the condition's values, so such pulls (on paths without `$`) are applied here instead.
 */
function splitDocumentPulls(modifier: UpdateModifier): {
	operators: UpdateModifier;
	documentPulls: Array<[string, AnyObject]>;
} {
	const spec = modifier.$pull;
	if (!spec || typeof spec !== 'object') return { operators: modifier, documentPulls: [] };
	const documentPulls: Array<[string, AnyObject]> = [];
	const kept: AnyObject = {};
	for (const [path, pullCondition] of Object.entries(spec as AnyObject)) {
		const isDocument =
			pullCondition !== null &&
			typeof pullCondition === 'object' &&
			isPlainObject(pullCondition) &&
			!Object.keys(pullCondition).some((key) => key.startsWith('$'));
		if (isDocument && !path.split('.').some((part) => part.startsWith('$'))) {
			documentPulls.push([path, pullCondition as AnyObject]);
		} else {
			kept[path] = pullCondition;
		}
	}
	if (!documentPulls.length) return { operators: modifier, documentPulls };
	const { $pull: _pull, ...operators } = modifier;
	if (Object.keys(kept).length) operators.$pull = kept;
	return { operators, documentPulls };
}

function pullMatchingDocuments(doc: AnyObject, path: string, pullCondition: AnyObject): void {
	const parts = path.split('.');
	let parent: unknown = doc;
	for (const part of parts.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as AnyObject)[part] : undefined;
	if (!parent || typeof parent !== 'object') return;
	const key = parts[parts.length - 1];
	const array = (parent as AnyObject)[key];
	if (!Array.isArray(array)) return;
	const query = new Query(pullCondition as never);
	const kept = array.filter((element) => !(element && typeof element === 'object' && isPlainObject(element) && query.test(element)));
	if (kept.length !== array.length) (parent as AnyObject)[key] = kept;
}

/** The document an upsert inserts: the selector's equality fields, then the modifier's `$set` and `$setOnInsert`. */
function upsertSeed(query: AnyObject, modifier: UpdateModifier): AnyObject {
	const seed: AnyObject = {};
	for (const [key, value] of Object.entries(query)) {
		if (!key.startsWith('$') && (value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value))) {
			seed[key] = value;
		}
	}
	if (!isOperatorModifier(modifier)) return { ...seed, ...modifier };
	const { $setOnInsert, ...rest } = modifier;
	const next = cloneValue(seed);
	const onInsert = { ...(($setOnInsert as AnyObject) ?? {}), ...((rest.$set as AnyObject) ?? {}) };
	applyModifier(next, { ...rest, ...(Object.keys(onInsert).length ? { $set: onInsert } : {}) } as Modifier);
	return next;
}

/** MongoDB's E11000 for a second document with the same `_id`. */
export class DuplicateKeyError extends Error {
	readonly code = 11000;
	constructor(collection: string, id: string) {
		super(`E11000 duplicate key error collection: wekan.${collection} index: _id_ dup key: { _id: "${id}" }`);
	}
}
