/**
 * The `customFields` collection's schema, at Wekan v11.07, commit f5cc8e373: models/customFields.js:10-144.
 */
import type { Database } from '../db/database';
import { AttachedSchema, SimpleSchema } from '../db/schema';
import { createdAtAutoValue, nowOnEveryWriteAutoValue } from './autoValues';

/** models/customFields.js:32-40. */
export const CUSTOM_FIELD_TYPES = Object.freeze([
	'text',
	'number',
	'date',
	'dropdown',
	'checkbox',
	'currency',
	'stringtemplate',
] as const);

export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDropdownItem {
	_id: string;
	name: string;
}

export interface CustomFieldSettings {
	currencyCode?: string;
	dropdownItems?: CustomFieldDropdownItem[];
	stringtemplateFormat?: string;
	stringtemplateSeparator?: string;
}

export interface CustomFieldDoc {
	_id: string;
	/** The boards the field belongs to: a field can be shared by several. */
	boardIds: string[];
	name: string;
	type: CustomFieldType;
	settings: CustomFieldSettings;
	showOnCard: boolean;
	automaticallyOnCard: boolean;
	alwaysOnCard: boolean;
	showLabelOnMiniCard: boolean;
	showSumAtTopOfList: boolean;
	createdAt: Date;
	modifiedAt: Date;
}

export function customFieldsSchema(_db: Database): AttachedSchema {
	return new AttachedSchema(
		new SimpleSchema({
			// models/customFields.js:12-20: required, but an empty array passes.
			boardIds: { type: Array },
			'boardIds.$': { type: String },
			name: { type: String },
			type: { type: String, allowedValues: [...CUSTOM_FIELD_TYPES] },
			// models/customFields.js:42-47: required, with no default, and not blackbox: only the four keys below stay.
			settings: { type: Object },
			'settings.currencyCode': { type: String, optional: true },
			'settings.dropdownItems': { type: Array, optional: true },
			'settings.dropdownItems.$': {
				type: new SimpleSchema({
					// models/customFields.js:61-72: both required; nothing generates the _id.
					_id: { type: String },
					name: { type: String },
				}),
			},
			'settings.stringtemplateFormat': { type: String, optional: true },
			'settings.stringtemplateSeparator': { type: String, optional: true },
			showOnCard: { type: Boolean, defaultValue: false },
			automaticallyOnCard: { type: Boolean, defaultValue: false },
			// models/customFields.js:97-103: the after.insert/update hooks push the field onto every card when true.
			alwaysOnCard: { type: Boolean, defaultValue: false },
			showLabelOnMiniCard: { type: Boolean, defaultValue: false },
			showSumAtTopOfList: { type: Boolean, defaultValue: false },
			createdAt: { type: Date, optional: true, autoValue: createdAtAutoValue },
			modifiedAt: { type: Date, autoValue: nowOnEveryWriteAutoValue },
		}),
	);
}
