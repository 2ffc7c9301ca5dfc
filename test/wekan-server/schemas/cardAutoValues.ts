/**
 * What simpl-schema 1.13.1 passes as `this` to autoValue and custom functions (plus the keys collection2 adds:
 * isInsert, isUpdate, isUpsert, userId, isFromTrustedCode, docId), and the autoValues the card-side models repeat
 * word for word, at Wekan v11.07, commit f5cc8e373.
 */

export interface FieldInfo {
	isSet: boolean;
	value: unknown;
	operator: string | null;
}

export interface AutoValueThis extends FieldInfo {
	key: string;
	closestSubschemaFieldName: string;
	isInsert: boolean;
	isUpdate: boolean;
	isUpsert: boolean;
	/** The acting user: null outside a Meteor method, so always null for a REST write. */
	userId: string | null;
	isFromTrustedCode: boolean;
	docId?: string;
	unset(): void;
	field(name: string): FieldInfo;
	siblingField(name: string): FieldInfo;
	parentField(): FieldInfo;
}

export interface CustomThis {
	key: string;
	value: unknown;
	isSet: boolean;
	operator: string | null;
	field(name: string): FieldInfo;
	siblingField(name: string): FieldInfo;
}

/**
 * `createdAt`: the time of the insert, whatever the document says; `$setOnInsert` on an upsert; on an update any
 * createdAt in the modifier is removed (models/cards.js:168-176, and the same in checklists, checklistItems,
 * cardComments, customFields and integrations).
 */
export function createdAtAutoValue(this: AutoValueThis): Date | { $setOnInsert: Date } | undefined {
	if (this.isInsert) return new Date();
	if (this.isUpsert) return { $setOnInsert: new Date() };
	this.unset();
	return undefined;
}

/**
 * `modifiedAt`: now on every insert, update and upsert, replacing what the write carries (models/cards.js:181-187,
 * and the same in the others).
 */
export function modifiedAtAutoValue(this: AutoValueThis): Date | undefined {
	if (this.isInsert || this.isUpsert || this.isUpdate) return new Date();
	this.unset();
	return undefined;
}

/**
 * The author field of cards and comments: on an insert that leaves it out, the acting user, which is null outside a
 * Meteor method, so there the insert fails "User ID is required"; a value the insert gives is kept, and updates are
 * untouched
 * (models/cards.js:496-501, models/cardComments.js:136-140).
 */
export function authorOnInsertAutoValue(this: AutoValueThis): string | null | undefined {
	if (this.isInsert && !this.isSet) return this.userId;
	return undefined;
}
