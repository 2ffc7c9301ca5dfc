/** The part of simpl-schema 1.13.1's API this server uses (the package ships no type declarations). */
declare module 'simpl-schema' {
	export interface ValidationErrorEntry {
		name: string;
		type: string;
		value: unknown;
		[key: string]: unknown;
	}

	export interface ValidationContext {
		validate(obj: object, options?: { modifier?: boolean; upsert?: boolean; extendedCustomContext?: object }): boolean;
		validationErrors(): ValidationErrorEntry[];
		keyErrorMessage(key: string): string;
	}

	export interface CleanOptions {
		mutate?: boolean;
		isModifier?: boolean;
		filter?: boolean;
		autoConvert?: boolean;
		removeEmptyStrings?: boolean;
		removeNullsFromArrays?: boolean;
		trimStrings?: boolean;
		getAutoValues?: boolean;
		extendAutoValueContext?: object;
	}

	/** What `this.field(name)`, `this.siblingField(name)` and `this.parentField()` answer inside an autoValue. */
	export interface FieldInfo {
		isSet: boolean;
		value: unknown;
		operator: string | null;
	}

	/**
	 * `this` inside an autoValue or defaultValue (clean/AutoValueRunner.js), extended with what collection2 adds:
	 * isInsert, isUpdate, isUpsert, userId (null outside a method), isFromTrustedCode, docId.
	 */
	export interface AutoValueContext extends FieldInfo {
		key: string;
		closestSubschemaFieldName: string | null;
		isModifier: boolean;
		isInsert: boolean;
		isUpdate: boolean;
		isUpsert: boolean;
		userId: string | null;
		isFromTrustedCode: boolean;
		docId?: string;
		unset(): void;
		field(name: string): FieldInfo;
		siblingField(name: string): FieldInfo;
		parentField(): FieldInfo;
	}

	/** `this` inside a `custom` validator (validation/doValidation.js). */
	export interface CustomValidatorContext extends FieldInfo {
		key: string;
		genericKey: string;
		definition: Record<string, unknown>;
		isInArrayItemObject: boolean;
		isInSubObject: boolean;
		isModifier: boolean;
		obj: unknown;
		field(name: string): FieldInfo;
		siblingField(name: string): FieldInfo;
	}

	export type SchemaDefinition = Record<string, unknown>;

	export default class SimpleSchema {
		constructor(definition: SchemaDefinition, options?: { clean?: CleanOptions; requiredByDefault?: boolean });
		static Integer: unknown;
		static Any: unknown;
		static RegEx: Record<string, RegExp>;
		static ErrorTypes: Record<string, string>;
		static oneOf(...types: unknown[]): unknown;
		static extendOptions(options: string[]): void;
		readonly _cleanOptions: CleanOptions;
		clean<T extends object>(obj: T, options?: CleanOptions): T;
		namedContext(name?: string): ValidationContext;
		allowsKey(key: string): boolean;
		schema(): Record<string, Record<string, unknown>>;
		getDefinition(key: string): Record<string, unknown> | undefined;
		objectKeys(prefix?: string): string[];
		extend(other: SimpleSchema | SchemaDefinition): SimpleSchema;
	}
}
