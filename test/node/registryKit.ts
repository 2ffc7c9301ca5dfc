/** Every operation of the Wekan node from its registry, with parameters of the right type and shape. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { resources } from '../../nodes/Wekan/actions';
import type { WekanOperation } from '../../nodes/Wekan/actions/operation';
import { rl } from '../engine/harness';

export interface Case {
	resource: string;
	operation: WekanOperation;
}

export const OPERATIONS: Case[] = resources.flatMap((r) => r.operations.map((operation) => ({ resource: r.value, operation })));
export const label = (c: Case) => `${c.resource} ${c.operation.value}`;
export const VALID_ID = 'a2B3c4D5e6F7g8H9j';

/** A value of the right type and shape for a parameter, so that only the parameter under test is wrong. */
export function plausible(property: INodeProperties): unknown {
	switch (property.type) {
		case 'resourceLocator':
			return rl(VALID_ID);
		case 'string':
			if (/url/i.test(property.name)) return 'https://hooks.example.com/n8n';
			if (/ids$/i.test(property.name)) return VALID_ID;
			return property.default !== '' && property.default !== undefined ? property.default : 'Some text';
		case 'options':
			if (property.default !== '') return property.default;
			// Options loaded from Wekan (a checklist, a custom field): an id.
			return property.options?.[0] && 'value' in property.options[0] ? property.options[0].value : VALID_ID;
		case 'multiOptions':
			return Array.isArray(property.default) && property.default.length ? property.default : [VALID_ID];
		case 'number':
			return property.default ?? 1;
		case 'boolean':
			return property.default ?? false;
		case 'dateTime':
			return '2030-01-01T00:00:00.000Z';
		default:
			return property.default;
	}
}

/** The operation's own parameters that are shown without choosing anything else. */
export function topLevel(operation: WekanOperation): INodeProperties[] {
	return operation.properties.filter((p) => !p.displayOptions);
}

export function parametersFor(c: Case, override: IDataObject = {}): IDataObject {
	const parameters: IDataObject = { resource: c.resource, operation: c.operation.value };
	// Also those shown only for some choice (a list for the list scope): n8n checks the ones it shows.
	for (const property of c.operation.properties) if (property.required) parameters[property.name] ??= plausible(property) as never;
	return { ...parameters, ...override };
}
