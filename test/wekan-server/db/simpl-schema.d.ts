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

	export type SchemaDefinition = Record<string, unknown>;

	export default class SimpleSchema {
		constructor(definition: SchemaDefinition, options?: { clean?: CleanOptions; requiredByDefault?: boolean });
		static Integer: unknown;
		static Any: unknown;
		static RegEx: Record<string, RegExp>;
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
