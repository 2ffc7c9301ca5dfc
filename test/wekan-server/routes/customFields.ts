/**
 * Custom fields over REST: server/models/customFields.js:104-316, at Wekan v11.07.
 *
 * Style B throughout: no handler has a try/catch, so a permission error is Express's HTML page with its statusCode
 * and collection2 refusing a write is an HTML 500. A field is always looked up as `{_id, boardIds: {$in: [boardId]}}`
 * and the writes do not check that it matched: an unknown field, or one of another board, is answered 200 like a
 * real one, after the write has been validated all the same.
 */
import type { Router } from '../http';
import { randomId } from '../ids';
import { customFieldCreation } from '../models/customFields';
import type { CustomFieldDoc } from '../schemas/customFields';
import type { Wekan } from '../server';

const has = (body: object, key: string) => Object.prototype.hasOwnProperty.call(body, key);

/** The keys PUT reads, each its own `$set`, in the handler's order (server/models/customFields.js:183-206). */
const PUT_KEYS = [
	'name',
	'type',
	'settings',
	'showOnCard',
	'automaticallyOnCard',
	'alwaysOnCard',
	'showLabelOnMiniCard',
	'showSumAtTopOfList',
] as const;

export function registerCustomFieldRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const base = '/api/boards/:boardId/custom-fields';
	const onBoard = (id: string, boardId: string) => ({ _id: id, boardIds: { $in: [boardId] } });

	// server/models/customFields.js:104-115: {_id, name, type} of the board's fields, in natural order.
	router.get(base, 'B', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.customFields
			.find({ boardIds: { $in: [boardId] } })
			.map((field) => ({ _id: field._id, name: field.name, type: field.type }));
	});

	// server/models/customFields.js:117-128: the whole document, or `data: undefined` (a 200 with no body).
	router.get(`${base}/:customFieldId`, 'B', (ctx) => {
		const { boardId, customFieldId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.customFields.findOne(onBoard(customFieldId, boardId));
	});

	// server/models/customFields.js:130-171.
	router.post(base, 'B', (ctx) => {
		const { boardId } = ctx.params;
		const board = wekan.can.boardWrite(ctx.userId, boardId);
		const body = ctx.body;
		// A `.direct` insert: cleaned and validated (settings is required and must be an object, so a form body,
		// which cannot carry one, always fails; name is required; type one of the seven; the flags Booleans, "true"
		// and "false" converted, missing ones false), but no hooks, so alwaysOnCard (not read here anyway) pushes
		// nothing onto cards.
		const id = db.customFields.direct.insert({
			name: body.name,
			type: body.type,
			settings: body.settings,
			showOnCard: body.showOnCard,
			automaticallyOnCard: body.automaticallyOnCard,
			showLabelOnMiniCard: body.showLabelOnMiniCard,
			showSumAtTopOfList: body.showSumAtTopOfList,
			boardIds: [board._id],
		});
		const field = db.customFields.findOne(onBoard(id, boardId)) as CustomFieldDoc;
		// GHSA-6jr3-42jf-vhm5: createCustomField names the caller; an `authorId` in the body is only logged.
		customFieldCreation(wekan, ctx.userId, field, {});
		return { _id: id };
	});

	// server/models/customFields.js:173-212: one `.direct` `$set` per key present, in PUT_KEYS order, so a refused
	// value answers an HTML 500 with the keys before it already written; alwaysOnCard pushes nothing onto cards
	// (no hooks). An empty string is refused where the key is required ("Name is required": the schema turns the
	// empty $set into an $unset).
	router.put(`${base}/:customFieldId`, 'B', (ctx) => {
		const { boardId, customFieldId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		for (const key of PUT_KEYS) {
			if (has(ctx.body, key))
				db.customFields.direct.update(onBoard(customFieldId, boardId), { $set: { [key]: ctx.body[key] } });
		}
		return { _id: customFieldId };
	});

	// server/models/customFields.js:214-245: only a real array is read (a single form value is a string and is
	// ignored); its strings become items with a 6-character Random.id, anything else is dropped.
	router.post(`${base}/:customFieldId/dropdown-items`, 'B', (ctx) => {
		const { boardId, customFieldId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const items = ctx.body.items;
		if (has(ctx.body, 'items') && Array.isArray(items)) {
			const added = items
				.filter((name): name is string => typeof name === 'string')
				.map((name) => ({ _id: randomId(6), name }));
			db.customFields.direct.update(onBoard(customFieldId, boardId), {
				$push: { 'settings.dropdownItems': { $each: added } },
			});
		}
		return { _id: customFieldId };
	});

	// server/models/customFields.js:247-279: the matched item replaced by {_id, name}. The answer is the ITEM's id
	// (POST and DELETE answer the field's). A name the schema refuses (missing from a present key, null, "") is an
	// HTML 500 even when no item matches, since collection2 validates before the update runs.
	router.put(`${base}/:customFieldId/dropdown-items/:dropdownItemId`, 'B', (ctx) => {
		const { boardId, customFieldId, dropdownItemId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		if (has(ctx.body, 'name')) {
			db.customFields.direct.update(
				{ ...onBoard(customFieldId, boardId), 'settings.dropdownItems._id': dropdownItemId },
				{ $set: { 'settings.dropdownItems.$': { _id: dropdownItemId, name: ctx.body.name } } },
			);
		}
		return { _id: dropdownItemId };
	});

	// server/models/customFields.js:281-303: `$pull` of the item; the cards' values that chose it are left alone.
	router.delete(`${base}/:customFieldId/dropdown-items/:dropdownItemId`, 'B', (ctx) => {
		const { boardId, customFieldId, dropdownItemId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		db.customFields.direct.update(onBoard(customFieldId, boardId), {
			$pull: { 'settings.dropdownItems': { _id: dropdownItemId } },
		});
		return { _id: customFieldId };
	});

	// server/models/customFields.js:305-316: a hooked removal (deleteCustomField recorded, then all the field's
	// activities removed, then the field pulled from the cards of all its boards); 200 {_id} whether or not it
	// existed.
	router.delete(`${base}/:customFieldId`, 'B', (ctx) => {
		const { boardId, customFieldId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		db.customFields.remove(onBoard(customFieldId, boardId));
		return { _id: customFieldId };
	});
}
