/**
 * The `swimlanes` collection's schema: models/swimlanes.js:19-145 (no watchable mixin). At Wekan v11.07,
 * commit f5cc8e373.
 */
import type { CustomValidatorContext } from 'simpl-schema';
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, falseOnInsertAutoValue, nowOnEveryWriteAutoValue } from './autoValues';
import { paletteOrHexColor, SWIMLANE_COLORS } from './constants';

export interface SwimlaneDoc {
	_id: string;
	title: string;
	archived: boolean;
	archivedAt?: Date;
	boardId: string;
	createdAt: Date;
	sort?: number;
	color?: string;
	updatedAt?: Date;
	modifiedAt: Date;
	type: string;
	/** -1 is auto height. */
	height?: number;
}

export function swimlanesSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			title: { type: String },
			archived: { type: Boolean, autoValue: falseOnInsertAutoValue },
			archivedAt: { type: Date, optional: true },
			boardId: { type: String },
			createdAt: { type: Date, autoValue: createdAtAutoValue },
			// models/swimlanes.js:68-75: no default, so a swimlane inserted without one has no sort.
			sort: { type: Number, optional: true },
			// models/swimlanes.js:76-91: optional; a palette name or a #rrggbb hex.
			color: { type: String, optional: true, custom: paletteOrHexColor(SWIMLANE_COLORS) },
			updatedAt: { type: Date, optional: true, autoValue: nowOnEveryWriteAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
			type: { type: String, defaultValue: 'swimlane' },
			// models/swimlanes.js:125-140: -1 (auto) by default, else 50-2000 px.
			height: {
				type: Number,
				optional: true,
				defaultValue: -1,
				custom(this: CustomValidatorContext): string | undefined {
					if (this.value === -1) return undefined;
					// Number() converts as the relational operators in Wekan's check do, so undefined and NaN pass.
					const height = Number(this.value);
					return height < 50 || height > 2000 ? 'heightOutOfRange' : undefined;
				},
			},
		}),
	);
}
