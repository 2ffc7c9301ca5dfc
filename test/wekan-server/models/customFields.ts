/**
 * Custom fields: the schema, the collection hooks of server/models/customFields.js:12-102 (a field pushed onto every
 * card of its boards when alwaysOnCard, pulled from them when removed or taken off a board), the model methods of
 * models/customFields.js:146-168, and seeding as the REST POST creates a field.
 */
import type { WriteContext } from '../db/collection';
import type { ActivityDoc } from '../schemas/activities';
import { type CustomFieldDoc, customFieldsSchema } from '../schemas/customFields';
import type { Wekan } from '../server';

/** customFieldCreation (server/models/customFields.js:12-19): createCustomField on the field's first board. */
export function customFieldCreation(
	wekan: Wekan,
	userId: string | undefined,
	doc: CustomFieldDoc,
	context: WriteContext,
): void {
	wekan.db.activities.insert(
		{ userId, activityType: 'createCustomField', boardId: doc.boardIds[0], customFieldId: doc._id },
		context,
	);
}

/**
 * CustomFields.addToAllCards (models/customFields.js:146-157): `{_id, value: null}` pushed onto every card of the
 * field's boards that does not have it yet, one hooked multi-update of the cards. The hooks call it without await
 * (server/models/customFields.js:57, 87), so in Wekan it finishes after the write that triggered it; here it runs
 * at once.
 */
export function addToAllCards(wekan: Wekan, field: CustomFieldDoc, context: WriteContext = {}): number {
	return wekan.db.cards.update(
		{ boardId: { $in: [...field.boardIds] }, customFields: { $not: { $elemMatch: { _id: field._id } } } },
		{ $push: { customFields: { _id: field._id, value: null } } },
		{ multi: true },
		context,
	);
}

/** CustomField.addBoard(boardId) (models/customFields.js:160-167): a hooked `$push` of the board, or nothing. */
export function addCustomFieldBoard(
	wekan: Wekan,
	fieldId: string,
	boardId: string,
	context: WriteContext = {},
): number | null {
	if (!boardId) return null;
	return wekan.db.customFields.update(fieldId, { $push: { boardIds: boardId } }, {}, context);
}

/** Attaches the customFields schema and registers its hooks. */
export function registerCustomFields(wekan: Wekan): void {
	const { db } = wekan;
	db.customFields.attachSchema(customFieldsSchema(db));

	// server/models/customFields.js:53-59. Not run by the REST POST, which inserts with `.direct`.
	db.customFields.after.insert((userId, doc) => {
		customFieldCreation(wekan, userId, doc, { userId });
		if (doc.alwaysOnCard) addToAllCards(wekan, doc, { userId });
	});

	// server/models/customFields.js:61-83: taking the field off a board (`$pull: {boardIds}`) pulls it from that
	// board's cards, records setCustomField (customFieldEdit, 30-46) and drops the field's activities of that board;
	// adding a board (`$push: {boardIds}`) records createCustomField there.
	db.customFields.before.update((userId, doc, fieldNames, modifier) => {
		if (!fieldNames.includes('boardIds')) return;
		const pull = modifier.$pull as Record<string, unknown> | undefined;
		const push = modifier.$push as Record<string, unknown> | undefined;
		if (pull) {
			db.cards.update(
				{ boardId: pull.boardIds, 'customFields._id': doc._id },
				{ $pull: { customFields: { _id: doc._id } } },
				{ multi: true },
				{ userId },
			);
			// customFieldEdit: the value of the field's first activity, if any (#5390). A custom field has no
			// listId or swimlaneId, so those are undefined and not stored.
			const activity = db.activities.findOne({ customFieldId: doc._id });
			const field = doc as unknown as Record<string, unknown>;
			wekan.db.activities.insert(
				{
					userId,
					activityType: 'setCustomField',
					boardId: doc.boardIds[0],
					customFieldId: doc._id,
					customFieldValue: activity?.value,
					listId: field.listId as string | undefined,
					swimlaneId: field.swimlaneId as string | undefined,
				},
				{ userId },
			);
			// The selector's listId and swimlaneId are undefined too; Meteor's driver drops undefined keys
			// (ignoreUndefined), so the removal matches on the field and the board alone.
			db.activities.remove({ customFieldId: doc._id, boardId: pull.boardIds }, { userId });
		} else if (push) {
			wekan.db.activities.insert(
				{ userId, activityType: 'createCustomField', boardId: push.boardIds as string, customFieldId: doc._id },
				{ userId },
			);
		}
	});

	// server/models/customFields.js:85-89. Not run by the REST PUT, whose writes are `.direct`.
	db.customFields.after.update((userId, doc) => {
		if (doc.alwaysOnCard) addToAllCards(wekan, doc, { userId });
	});

	// server/models/customFields.js:91-102: deleteCustomField is recorded, then every activity of the field is
	// removed (that one included), then the field is pulled from the cards of all its boards.
	db.customFields.before.remove((userId, doc) => {
		wekan.db.activities.insert(
			{ userId, activityType: 'deleteCustomField', boardId: doc.boardIds[0], customFieldId: doc._id },
			{ userId },
		);
		db.activities.remove({ customFieldId: doc._id }, { userId });
		db.cards.update(
			{ boardId: { $in: [...doc.boardIds] }, 'customFields._id': doc._id },
			{ $pull: { customFields: { _id: doc._id } } },
			{ multi: true },
			{ userId },
		);
	});
}

// ---- seeding ------------------------------------------------------------------------------------------------

export type NewCustomField = Partial<Omit<CustomFieldDoc, '_id' | 'boardIds' | 'createdAt' | 'modifiedAt'>> &
	Pick<CustomFieldDoc, 'name' | 'type'>;

/**
 * A field written as POST /api/boards/:boardId/custom-fields writes it (server/models/customFields.js:134-163): a
 * `.direct` insert (cleaned and validated, no hooks), then createCustomField by the creator. `settings` defaults
 * to `{}` here, since the schema requires it.
 */
export function createCustomField(
	wekan: Wekan,
	boardId: string,
	input: NewCustomField,
	userId?: string,
): CustomFieldDoc {
	const id = wekan.db.customFields.direct.insert({ settings: {}, ...input, boardIds: [boardId] });
	const field = wekan.db.customFields.findOne(id) as CustomFieldDoc;
	customFieldCreation(wekan, userId, field, {});
	return field;
}
