/**
 * The control interface: MongoDB's operations on the server's collections, for tests and tools that seed and
 * inspect the server the way Wekan's own end-to-end tests seed and inspect Wekan's MongoDB
 * (tests/playwright/helpers/db.js and mongo-runner.js in Wekan's repository). Writes here are the database's, not
 * Meteor's: no schema cleaning, no collection hooks.
 *
 * `POST /__control` with `{"ops": [{"collection", "method", "filter", "projection", "sort", "limit", "doc", "docs",
 * "update", "options"}]}` runs the operations in order and answers the last one's result, as mongo-runner.js does.
 * Values are EJSON (`{"$date": ...}`); dates come back as ISO strings. Only on loopback, and only when the server
 * was started with the `control` option.
 */
import type { Database } from './db/database';
import type { Collection, Doc } from './db/collection';
import { fromEJSON, toEJSON } from './db/ejson';
import { json, type Reply } from './http';

export const CONTROL_PATH = '/__control';

interface ControlOp {
	collection?: string;
	method?: string;
	filter?: Record<string, unknown>;
	projection?: Record<string, 0 | 1>;
	sort?: Record<string, 1 | -1>;
	limit?: number;
	skip?: number;
	doc?: Record<string, unknown>;
	docs?: Array<Record<string, unknown>>;
	update?: Record<string, unknown>;
	options?: { upsert?: boolean };
}

export function isLoopback(address: string | undefined): boolean {
	if (!address) return false;
	return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function runControl(db: Database, body: unknown): Reply {
	if (!body || typeof body !== 'object' || !Array.isArray((body as { ops?: unknown }).ops)) {
		return json(400, { error: 'expected {"ops": [...]}' });
	}
	let result: unknown = null;
	try {
		// A malformed EJSON value (`{"$date": "x"}`) is the caller's error, as an unknown method is.
		const ops = fromEJSON((body as { ops: unknown[] }).ops) as ControlOp[];
		for (const op of ops) result = runOp(db, op);
	} catch (error) {
		return json(400, { error: (error as Error).message });
	}
	return json(200, toEJSON(result));
}

function collectionOf(db: Database, op: ControlOp): Collection<Doc> {
	const collection = op.collection ? db.collection(op.collection) : undefined;
	if (!collection) throw new Error(`unknown collection "${String(op.collection)}"; known: ${db.collectionNames().join(', ')}`);
	return collection;
}

function runOp(db: Database, op: ControlOp): unknown {
	if (op.method === 'collectionNames') return db.collectionNames();
	const collection = collectionOf(db, op);
	const filter = op.filter ?? {};
	switch (op.method) {
		case 'find':
			return collection.find(filter, { projection: op.projection, sort: op.sort, limit: op.limit, skip: op.skip });
		case 'findOne':
			return collection.find(filter, { projection: op.projection, sort: op.sort, limit: 1 })[0] ?? null;
		case 'countDocuments':
			return collection.count(filter);
		case 'insertOne': {
			if (!op.doc) throw new Error('insertOne needs "doc"');
			const stored = collection.raw.insert(op.doc);
			return { acknowledged: true, insertedId: stored._id };
		}
		case 'insertMany': {
			const docs = op.docs ?? [];
			const ids: Record<number, string> = {};
			docs.forEach((doc, index) => (ids[index] = collection.raw.insert(doc)._id));
			return { acknowledged: true, insertedCount: docs.length, insertedIds: ids };
		}
		case 'updateOne':
		case 'updateMany': {
			if (!op.update) throw new Error(`${op.method} needs "update"`);
			const matchedCount = collection.raw.update(filter, op.update, { multi: op.method === 'updateMany', upsert: op.options?.upsert });
			return { acknowledged: true, matchedCount };
		}
		case 'deleteOne':
			return { acknowledged: true, deletedCount: collection.raw.remove(filter, { justOne: true }) };
		case 'deleteMany':
			return { acknowledged: true, deletedCount: collection.raw.remove(filter) };
		default:
			throw new Error(`unknown op method "${String(op.method)}"`);
	}
}
