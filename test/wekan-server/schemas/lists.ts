/**
 * The `lists` collection's schema: models/lists.js:85-282, extended by `simpleWatchable(Lists)`
 * (models/watchable.js:6-15, :102), which collection2 merges into the same schema. At Wekan v11.07, commit f5cc8e373.
 */
import type { AutoValueContext, CustomValidatorContext } from 'simpl-schema';
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, falseOnInsertAutoValue, nowOnEveryWriteAutoValue } from './autoValues';
import { LIST_COLORS, paletteOrHexColor } from './constants';

export interface ListWipLimit {
	value: number;
	enabled: boolean;
	soft: boolean;
}

export interface ListDoc {
	_id: string;
	title: string;
	starred?: boolean;
	archived: boolean;
	archivedAt?: Date;
	deletedAt?: Date | null;
	deletedBy?: string;
	deleteBatchId?: string;
	boardId: string;
	/** '' when the list belongs to no swimlane (the default). */
	swimlaneId?: string;
	createdAt: Date;
	sort?: number;
	updatedAt?: Date;
	modifiedAt: Date;
	wipLimit?: ListWipLimit;
	color?: string;
	type: string;
	width?: number;
	watchers?: string[];
}

export function listsSchema(_db: Database): AttachedSchema {
	const schema = new SimpleSchema({
		title: { type: String },
		starred: { type: Boolean, optional: true, defaultValue: false },
		archived: { type: Boolean, autoValue: falseOnInsertAutoValue },
		archivedAt: { type: Date, optional: true },
		// models/lists.js:121-142: soft delete (#1023). Absent and null both mean live; no default.
		deletedAt: { type: Date, optional: true },
		deletedBy: { type: String, optional: true },
		deleteBatchId: { type: String, optional: true },
		boardId: { type: String },
		// models/lists.js:149-156: legacy per-swimlane lists; the default '' is stored (defaults are applied after
		// empty strings are removed).
		swimlaneId: { type: String, optional: true, defaultValue: '' },
		createdAt: { type: Date, autoValue: createdAtAutoValue },
		// models/lists.js:173-180: no default, so a list inserted without one has no sort.
		sort: { type: Number, optional: true },
		updatedAt: { type: Date, optional: true, autoValue: nowOnEveryWriteAutoValue },
		// models/lists.js:196-210: unlike updatedAt, only filled in when the write does not set it, so a client can
		// write any modifiedAt it likes.
		modifiedAt: {
			type: Date,
			autoValue(this: AutoValueContext): unknown {
				return this.isSet ? undefined : new Date();
			},
		},
		wipLimit: { type: Object, optional: true },
		'wipLimit.value': { type: Number, defaultValue: 1 },
		'wipLimit.enabled': { type: Boolean, defaultValue: false },
		'wipLimit.soft': { type: Boolean, defaultValue: false },
		// models/lists.js:239-254: optional; a palette name or a #rrggbb hex.
		color: { type: String, optional: true, custom: paletteOrHexColor(LIST_COLORS) },
		type: { type: String, defaultValue: 'list' },
		// models/lists.js:262-277: 220 px by default (#6465), 100-1000.
		width: {
			type: Number,
			optional: true,
			defaultValue: 220,
			custom(this: CustomValidatorContext): string | undefined {
				// Number() converts as the relational operators in Wekan's check do, so undefined and NaN pass.
				const width = Number(this.value);
				return width < 100 || width > 1000 ? 'widthOutOfRange' : undefined;
			},
		},
	});
	// models/watchable.js:6-15 via :102
	schema.extend(
		new SimpleSchema({
			watchers: { type: Array, optional: true },
			'watchers.$': { type: String },
		}),
	);
	return new AttachedSchema(schema);
}
