/**
 * Custom fields (wekan-api.md §2.9; server/models/customFields.js). Style B throughout: an error escapes the
 * handler and Express answers with its HTML page.
 */
import { InternalError } from '../errors';
import type { Router } from '../http';
import { randomId } from '../ids';
import { CUSTOM_FIELD_TYPES, type CustomFieldDoc } from '../model';
import type { Wekan } from '../server';

const FLAGS = ['showOnCard', 'automaticallyOnCard', 'alwaysOnCard', 'showLabelOnMiniCard', 'showSumAtTopOfList'] as const;
const SETTINGS_KEYS = ['currencyCode', 'dropdownItems', 'stringtemplateFormat', 'stringtemplateSeparator'];

/** The schema's validation error: no statusCode, so Express answers 500. */
const invalid = (reason: string) => new InternalError(reason);

/** collection2 on a Boolean key: a missing value takes the default, 'true'/'false' are converted, others fail. */
function flag(value: unknown, key: string): boolean {
	if (value === undefined) return false;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw invalid(`${key} must be of type Boolean`);
}

function checkName(value: unknown): string {
	if (typeof value !== 'string' || !value) throw invalid('Name is required');
	return value;
}

function checkType(value: unknown): string {
	if (typeof value !== 'string' || !CUSTOM_FIELD_TYPES.includes(value)) throw invalid(`${String(value)} is not an allowed value`);
	return value;
}

/** `settings` is an Object with known sub-keys: required, and unknown sub-keys are cleaned away. */
function checkSettings(value: unknown): Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('Settings is required');
	const settings: Record<string, unknown> = {};
	for (const key of SETTINGS_KEYS) {
		const v = (value as Record<string, unknown>)[key];
		if (v === undefined) continue;
		if (key === 'dropdownItems') {
			if (!Array.isArray(v) || v.some((i) => typeof i?._id !== 'string' || typeof i?.name !== 'string')) {
				throw invalid('Dropdown items need _id and name');
			}
			settings[key] = v.map((i: { _id: string; name: string }) => ({ _id: i._id, name: i.name }));
		} else {
			if (typeof v !== 'string') throw invalid(`${key} must be of type String`);
			settings[key] = v;
		}
	}
	return settings;
}

export function registerCustomFieldRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;
	const fieldOf = (boardId: string, id: string) => {
		const field = store.customFields.get(id);
		return field && field.boardIds.includes(boardId) ? field : undefined;
	};

	router.get('/api/boards/:boardId/custom-fields', 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return store.customFields
			.find((cf) => cf.boardIds.includes(ctx.params.boardId))
			.map((cf) => ({ _id: cf._id, name: cf.name, type: cf.type }));
	});

	// An unknown field is an empty 200 (style D).
	router.get('/api/boards/:boardId/custom-fields/:customFieldId', 'B', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return fieldOf(ctx.params.boardId, ctx.params.customFieldId);
	});

	router.post('/api/boards/:boardId/custom-fields', 'B', (ctx) => {
		const board = wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const body = ctx.body;
		const now = new Date();
		const field: CustomFieldDoc = {
			_id: randomId(),
			boardIds: [board._id],
			name: checkName(body.name),
			type: checkType(body.type),
			settings: checkSettings(body.settings),
			showOnCard: flag(body.showOnCard, 'showOnCard'),
			automaticallyOnCard: flag(body.automaticallyOnCard, 'automaticallyOnCard'),
			// Not read from the body on POST; only PUT can set it.
			alwaysOnCard: false,
			showLabelOnMiniCard: flag(body.showLabelOnMiniCard, 'showLabelOnMiniCard'),
			showSumAtTopOfList: flag(body.showSumAtTopOfList, 'showSumAtTopOfList'),
			createdAt: now,
			modifiedAt: now,
		};
		store.customFields.insert(field);
		// The handler logs the activity itself, crediting `authorId` from the body rather than the caller.
		wekan.webhooks.record({
			activityType: 'createCustomField',
			userId: typeof body.authorId === 'string' ? body.authorId : '',
			boardId: board._id,
			customFieldId: field._id,
			origin: 'rest',
		});
		return { _id: field._id };
	});

	// One write per recognised key, in this order; a later invalid value leaves the earlier ones applied.
	router.put('/api/boards/:boardId/custom-fields/:customFieldId', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const id = ctx.params.customFieldId;
		const field = fieldOf(ctx.params.boardId, id);
		const body = ctx.body;
		const has = (key: string) => Object.prototype.hasOwnProperty.call(body, key);
		const set = (apply: (f: CustomFieldDoc) => void) => {
			if (!field) return;
			apply(field);
			field.modifiedAt = new Date();
		};
		if (has('name')) {
			const name = checkName(body.name);
			set((f) => (f.name = name));
		}
		if (has('type')) {
			const type = checkType(body.type);
			set((f) => (f.type = type));
		}
		if (has('settings')) {
			const settings = checkSettings(body.settings);
			set((f) => (f.settings = settings));
		}
		for (const key of FLAGS) {
			if (!has(key)) continue;
			if (body[key] === undefined || body[key] === null) throw invalid(`${key} is required`);
			const value = flag(body[key], key);
			set((f) => (f[key] = value));
		}
		return { _id: id };
	});

	router.post('/api/boards/:boardId/custom-fields/:customFieldId/dropdown-items', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const id = ctx.params.customFieldId;
		const field = fieldOf(ctx.params.boardId, id);
		const items = ctx.body.items;
		// Only a real array is read (a form string is ignored); non-string entries are dropped.
		if (field && Array.isArray(items)) {
			const added = items.filter((name): name is string => typeof name === 'string').map((name) => ({ _id: randomId(6), name }));
			const existing = Array.isArray(field.settings.dropdownItems) ? (field.settings.dropdownItems as unknown[]) : [];
			field.settings.dropdownItems = [...existing, ...added];
			field.modifiedAt = new Date();
		}
		return { _id: id };
	});

	// Answers with the item's id, while POST and DELETE answer with the field's.
	router.put('/api/boards/:boardId/custom-fields/:customFieldId/dropdown-items/:dropdownItemId', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const itemId = ctx.params.dropdownItemId;
		const field = fieldOf(ctx.params.boardId, ctx.params.customFieldId);
		if (Object.prototype.hasOwnProperty.call(ctx.body, 'name') && field) {
			const items = (field.settings.dropdownItems as Array<{ _id: string; name: unknown }> | undefined) ?? [];
			const index = items.findIndex((i) => i._id === itemId);
			if (index >= 0) {
				if (typeof ctx.body.name !== 'string') throw invalid('Name must be of type String');
				items[index] = { _id: itemId, name: ctx.body.name };
				field.modifiedAt = new Date();
			}
		}
		return { _id: itemId };
	});

	router.delete('/api/boards/:boardId/custom-fields/:customFieldId/dropdown-items/:dropdownItemId', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const id = ctx.params.customFieldId;
		const field = fieldOf(ctx.params.boardId, id);
		if (field && Array.isArray(field.settings.dropdownItems)) {
			field.settings.dropdownItems = (field.settings.dropdownItems as Array<{ _id: string }>).filter(
				(i) => i._id !== ctx.params.dropdownItemId,
			);
			field.modifiedAt = new Date();
		}
		return { _id: id };
	});

	router.delete('/api/boards/:boardId/custom-fields/:customFieldId', 'B', (ctx) => {
		wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
		const id = ctx.params.customFieldId;
		const field = fieldOf(ctx.params.boardId, id);
		if (field) {
			// The remove hook logs deleteCustomField, then drops every activity of the field (that one included),
			// then pulls the field from the cards of its boards.
			wekan.webhooks.record({
				activityType: 'deleteCustomField',
				userId: '',
				boardId: field.boardIds[0],
				customFieldId: id,
				origin: 'rest',
			});
			store.activities.removeWhere((a) => a.customFieldId === id);
			const now = new Date();
			for (const card of store.cards.find((c) => field.boardIds.includes(c.boardId) && c.customFields.some((f) => f._id === id))) {
				card.customFields = card.customFields.filter((f) => f._id !== id);
				store.touchCard(card, now);
			}
			store.customFields.remove(id);
		}
		return { _id: id };
	});
}
