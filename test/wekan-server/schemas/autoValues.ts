/**
 * The autoValue functions Wekan repeats, word for word, across its models (at Wekan v11.07, commit f5cc8e373).
 * Each is called by simpl-schema with the autoValue context as `this`.
 */
import type { AutoValueContext } from 'simpl-schema';

/**
 * `createdAt`: now on insert, `$setOnInsert` now on upsert, and on an update whatever the modifier says about it
 * is removed, so a client cannot rewrite it (e.g. models/boards.js:121-129, models/lists.js:163-171,
 * models/cards.js:168-176).
 */
export function createdAtAutoValue(this: AutoValueContext): unknown {
	if (this.isInsert) return new Date();
	if (this.isUpsert) return { $setOnInsert: new Date() };
	this.unset();
	return undefined;
}

/**
 * `modifiedAt`/`updatedAt`: now on every insert, update and upsert, replacing any value the write carries
 * (e.g. models/boards.js:139-145, models/lists.js:188-194).
 */
export function nowOnEveryWriteAutoValue(this: AutoValueContext): unknown {
	if (this.isInsert || this.isUpsert || this.isUpdate) return new Date();
	this.unset();
	return undefined;
}

/** `archived`: false on an insert that does not set it; updates untouched (e.g. models/boards.js:102-106). */
export function falseOnInsertAutoValue(this: AutoValueContext): unknown {
	if (this.isInsert && !this.isSet) return false;
	return undefined;
}

/**
 * The author field of cards and comments: on an insert that leaves it out, the acting user, which is null outside a
 * Meteor method, so there the insert fails "User ID is required"; a value the insert gives is kept, and updates are
 * untouched (models/cards.js:496-501, models/cardComments.js:136-140).
 */
export function authorOnInsertAutoValue(this: AutoValueContext): unknown {
	if (this.isInsert && !this.isSet) return this.userId;
	return undefined;
}
