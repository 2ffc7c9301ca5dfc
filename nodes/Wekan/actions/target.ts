/** Parameters for where a list or swimlane is copied or moved to: another board, a swimlane, a position. */
import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { boardLocator, listLocator, swimlaneLocator } from '../../shared/locators';
import type { ItemContext } from './itemContext';

export function targetBoardLocator(): INodeProperties {
	return boardLocator({
		displayName: 'Target Board',
		name: 'toBoardId',
		required: false,
		default: { mode: 'list', value: '' },
		description: 'The board to put it on. Leave empty to stay on the same board. Needs write access to both boards.',
	});
}

/** An optional resource locator: undefined when left empty, otherwise its checked id. */
export function optionalLocatorId(item: ItemContext, name: string, label: string): string | undefined {
	const value = item.raw(name, undefined) as INodeParameterResourceLocator | string | undefined;
	const raw = typeof value === 'object' && value !== null ? value.value : value;
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return item.locatorId(name, label);
}

export const POSITION_PROPERTY: INodeProperties = {
	displayName: 'Position',
	name: 'position',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'Where to place it among the others, counting from 0 (the first place)',
};

/** A 0-based position from an options collection, checked; undefined when not given. */
export function positionOf(item: ItemContext, value: unknown): number | undefined {
	if (value === undefined || value === '') return undefined;
	const position = typeof value === 'string' ? Number(value) : value;
	if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) {
		throw item.fail(`Position must be a whole number of 0 or more, not "${String(value).slice(0, 30)}"`);
	}
	return position;
}

/** A swimlane of the target board (or of the board itself when no target board is chosen). */
export function targetSwimlaneLocator(description: string): INodeProperties {
	return swimlaneLocator({
		displayName: 'Target Swimlane',
		name: 'toSwimlaneId',
		required: false,
		description,
		modes: swimlaneLocator().modes!.map((mode) =>
			mode.name === 'list' ? { ...mode, typeOptions: { searchListMethod: 'searchTargetSwimlanes', searchable: true } } : mode,
		),
	});
}

/** A list of the target board (or of the board itself when no target board is chosen). */
export function targetListLocator(description: string): INodeProperties {
	return listLocator({
		displayName: 'Target List',
		name: 'toListId',
		required: false,
		description,
		modes: listLocator().modes!.map((mode) =>
			mode.name === 'list' ? { ...mode, typeOptions: { searchListMethod: 'searchTargetLists', searchable: true } } : mode,
		),
	});
}
