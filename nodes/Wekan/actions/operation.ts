/**
 * What an operation is: its place in the node (resource, name, action), its parameters, and what it does for
 * one item. The item loop, output pairing and error handling live in `execute.ts`, not here.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OutputKind } from '../../shared/simplify';
import type { ItemContext } from './itemContext';

/** Full output items (with binary data), as opposed to JSON documents; a document may itself have `items`. */
export class OutputItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

/** One item's result: a JSON object, several (each becomes an output item), or full items with binary data. */
export type OperationResult = IDataObject | IDataObject[] | OutputItems;

export interface WekanOperation {
	/** The `operation` parameter's value, e.g. `create`. */
	value: string;
	/** The name shown in the operation dropdown, e.g. `Create`. */
	name: string;
	/** The action shown in the node panel, e.g. `Create a card`. */
	action: string;
	description: string;
	/** This operation's parameters; their `displayOptions` for resource and operation are added for it. */
	properties: INodeProperties[];
	/**
	 * What the result is made of, for operations that read Wekan objects: they get the Simplify switch (and the AI
	 * tool's Output choice), applied to what `run` returns.
	 */
	output?: OutputKind;
	/**
	 * The Wekan objects one item writes, from its parameters alone (no requests): e.g. `card:<id>`, `list:<id>`
	 * for a create in a list, `board:<id>:labels`. Items writing the same object reach Wekan in input order; an
	 * empty list means the operation only reads. Without it, an item is taken to write everything (pipeline.ts).
	 */
	writes?(item: ItemContext): string[];
	/**
	 * Whether an item's reads before its first write (checks of the list, labels, members) never depend on what
	 * earlier items write to the same objects. Its item then prepares while earlier ones still write instead of
	 * waiting for them; a create is still sent only after every earlier item has finished writing (pipeline.ts).
	 */
	checksIndependentOfEarlierWrites?: boolean;
	run(item: ItemContext): Promise<OperationResult>;
}

export interface WekanResource {
	value: string;
	name: string;
	description?: string;
	operations: WekanOperation[];
}

/** `writes` of an operation that only reads: its items never wait for one another. */
export const readsOnly = (): string[] => [];
