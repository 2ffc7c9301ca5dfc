/**
 * Wekan's schemas: simpl-schema 1.13.1 (Wekan runs aldeed:simple-schema@1.13.1, the Meteor port of npm simpl-schema
 * 1.13.1, `.meteor/versions:7`) attached the way aldeed:collection2@4.2.2 (`.meteor/versions:5`) attaches them.
 *
 * collection2 on the server, for every insertAsync/updateAsync (Wekan passes no clean options and never
 * `bypassCollection2`, so the schema's defaults apply: filter unknown keys, convert types, remove empty strings,
 * trim strings, run autoValues and defaultValues):
 * 1. cleans the document or modifier in place, with `isInsert`/`isUpdate`/`isUpsert`, `userId`, `isFromTrustedCode`
 *    (true on the server) and `docId` in the autoValue context;
 * 2. throws "After filtering out keys not in the schema, your modifier is now empty" when cleaning emptied it;
 * 3. validates it, and throws a plain Error (name ValidationError, not a Meteor.Error) whose message is the first
 *    key's message plus " in <collection> <method>", carrying the validation context, which is circular.
 * The collection's before-hooks run after this, on the cleaned value, and what they add is not validated.
 */
import SimpleSchema, { type SchemaDefinition, type ValidationContext, type ValidationErrorEntry } from 'simpl-schema';
import { MeteorError } from '../errors';

export { SimpleSchema };

// Wekan's /imports/simpleSchema.js:8 extends the options with these two (index definitions for MongoDB).
SimpleSchema.extendOptions(['index', 'unique']);

/**
 * Meteor's `Match.OneOf(...)` used as a field's `type` (Wekan does this for a card's custom field value,
 * models/cards.js:211). simpl-schema type-checks only constructors and its own types, so a Match pattern object
 * accepts any value and is not converted; this stand-in is such an object.
 */
export function matchOneOf(...choices: unknown[]): object {
	return Object.freeze({ matchOneOf: choices });
}

export interface SchemaWriteContext {
	userId?: string;
	docId?: string;
	upsert?: boolean;
	/** The update's selector; an upsert validates its equality fields as if they were set. */
	selector?: Record<string, unknown>;
	collection: string;
}

/** collection2's flattenSelector (package/collection2/lib.js): the selector's equality fields. */
function flattenSelector(selector: Record<string, unknown>): Record<string, unknown> {
	const flat: Record<string, unknown> = {};
	const and = selector.$and;
	const parts = Array.isArray(and) ? [selector, ...(and as Array<Record<string, unknown>>)] : [selector];
	for (const part of parts) {
		for (const [key, value] of Object.entries(part)) {
			if (key.startsWith('$')) continue;
			if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
				const operand = value as Record<string, unknown>;
				if (operand.$eq !== undefined) flat[key] = operand.$eq;
				else if (Array.isArray(operand.$in) && operand.$in.length === 1) flat[key] = operand.$in[0];
				else if (Object.keys(operand).every((k) => !k.startsWith('$'))) flat[key] = value;
			} else {
				flat[key] = value;
			}
		}
	}
	return flat;
}

/**
 * simpl-schema 1.13.1's `objectKeys(prefix)` walks the whole schema again on every call, and validation calls it for
 * every object in a document, which made cleaning a card take milliseconds. A schema does not change once it is
 * attached, so each prefix's answer is kept: what is cleaned and validated stays the same.
 */
function memoizeObjectKeys(schema: SimpleSchema): void {
	const compute = schema.objectKeys.bind(schema);
	const known = new Map<string, string[]>();
	schema.objectKeys = (prefix?: string): string[] => {
		if (!prefix) return compute(prefix);
		let keys = known.get(prefix);
		if (!keys) known.set(prefix, (keys = compute(prefix)));
		return keys;
	};
}

/** collection2's validation failure. Not a Meteor.Error: style-B routes answer it with an HTML 500. */
export class SchemaValidationError extends Error {
	readonly invalidKeys: ValidationErrorEntry[];
	/** Kept as collection2 keeps it; it makes the error circular, so JSON.stringify of it throws. */
	readonly validationContext: ValidationContext;
	/** What a Meteor method would send the client instead (collection2 sets it on the server). */
	readonly sanitizedError: MeteorError;

	constructor(message: string, context: ValidationContext) {
		super(message);
		this.name = 'ValidationError';
		this.invalidKeys = context.validationErrors();
		this.validationContext = context;
		this.sanitizedError = new MeteorError(400, message);
	}
}

export class AttachedSchema {
	constructor(readonly schema: SimpleSchema) {
		memoizeObjectKeys(schema);
	}

	static of(definition: SchemaDefinition): AttachedSchema {
		return new AttachedSchema(new SimpleSchema(definition));
	}

	cleanInsert(doc: Record<string, unknown>, context: SchemaWriteContext): void {
		this.cleanAndValidate(doc, false, context);
	}

	cleanUpdate(modifier: Record<string, unknown>, context: SchemaWriteContext): void {
		this.cleanAndValidate(modifier, true, context);
	}

	private cleanAndValidate(target: Record<string, unknown>, isModifier: boolean, context: SchemaWriteContext): void {
		const initiallyEmpty = Object.keys(target).length === 0;
		// collection2 takes the _id out while validating when the schema does not define it.
		const allowsId = this.schema.allowsKey('_id');
		const cachedId = !isModifier && !allowsId ? target._id : undefined;
		if (cachedId !== undefined) delete target._id;
		const autoValueContext = {
			isInsert: !isModifier,
			isUpdate: isModifier && context.upsert !== true,
			isUpsert: context.upsert === true,
			userId: context.userId ?? null,
			isFromTrustedCode: true,
			docId: context.docId,
			isLocalCollection: false,
		};
		this.schema.clean(target, {
			...this.schema._cleanOptions,
			mutate: true,
			isModifier,
			extendAutoValueContext: autoValueContext,
			getAutoValues: true,
		});
		if (!initiallyEmpty && Object.keys(target).length === 0) {
			throw new Error(`After filtering out keys not in the schema, your ${isModifier ? 'modifier' : 'object'} is now empty`);
		}
		// On a server upsert collection2 validates the selector's equality fields as part of the $set (main.js).
		let toValidate = target;
		if (isModifier && context.upsert === true && context.selector) {
			const fromSelector = flattenSelector(context.selector);
			if (!allowsId) delete fromSelector._id;
			toValidate = { ...target, $set: { ...fromSelector, ...((target.$set as Record<string, unknown>) ?? {}) } };
		}
		const validation = this.schema.namedContext();
		const valid = validation.validate(toValidate, {
			modifier: isModifier,
			upsert: context.upsert === true,
			extendedCustomContext: autoValueContext,
		});
		if (!valid) {
			const [first] = validation.validationErrors();
			const keyMessage = validation.keyErrorMessage(first.name);
			const message = first.name.includes('.') ? `${keyMessage} (${first.name})` : keyMessage;
			const method = isModifier ? 'updateAsync' : 'insertAsync';
			throw new SchemaValidationError(`${message} in ${context.collection} ${method}`.trim(), validation);
		}
		if (cachedId !== undefined) target._id = cachedId;
	}
}
