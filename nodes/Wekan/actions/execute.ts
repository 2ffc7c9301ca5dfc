/**
 * The item loop of the Wekan node: each item runs its operation on its own, outputs are paired with their item,
 * and a failure becomes an error item under "Continue on Fail" or stops the run with the item's index.
 * With the Batching option, several items are in flight at once; the output keeps the input's order.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ItemContext } from './itemContext';
import { OutputItems, type OperationResult, type WekanOperation } from './operation';
import { outputMode, shapeOutput } from './output';

const MAX_IN_FLIGHT = 32;

/** The node's Batching option, shown for every operation (as n8n's HTTP Request node has one). */
export const BATCHING_PROPERTY: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	type: 'collection',
	placeholder: 'Add Batching Option',
	default: {},
	description: 'Send several items to Wekan at the same time instead of one after another',
	options: [
		{
			displayName: 'Items in Flight',
			name: 'itemsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_IN_FLIGHT },
			default: 1,
			description:
				'How many items are processed at the same time. 1 runs them one after another. More is faster with a distant Wekan, but loads it more, and items may then change Wekan in a different order than they arrive.',
		},
	],
};

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.description = description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return json;
}

function outputOf(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	if (result instanceof OutputItems) return result.items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
	return ((Array.isArray(result) ? result : [result]) as IDataObject[]).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

function itemsInFlight(context: IExecuteFunctions): number {
	const value = context.getNodeParameter('batching.itemsInFlight', 0, 1) as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_IN_FLIGHT) {
		throw new NodeOperationError(context.getNode(), `Items in Flight must be a whole number from 1 to ${MAX_IN_FLIGHT}`);
	}
	return number;
}

export async function runOperation(this: IExecuteFunctions, operation: WekanOperation): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = new Array(items.length);
	const runItem = async (itemIndex: number): Promise<void> => {
		try {
			const item = new ItemContext(this, itemIndex);
			// Read before the operation runs, so a wrong output setting stops the item before any request.
			const shape = operation.output ? outputMode(item, operation.output) : undefined;
			const result = await operation.run(item);
			outputs[itemIndex] = outputOf(shape ? await shapeOutput(item, operation.output!, shape, result) : result, itemIndex);
		} catch (error) {
			if (this.continueOnFail()) {
				outputs[itemIndex] = [{ json: errorJson(error as Error), pairedItem: { item: itemIndex } }];
				return;
			}
			// Errors made here are already n8n errors; only the item index may be missing.
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex ??= itemIndex;
			throw nodeError;
		}
	};

	const inFlight = itemsInFlight(this);
	if (inFlight === 1 || items.length <= 1) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) await runItem(itemIndex);
	} else {
		// The first item runs alone, so that the session it may log in is shared by the others, not made by each.
		await runItem(0);
		let next = 1;
		const stop: { failure?: { itemIndex: number; error: unknown } } = {};
		const record = (itemIndex: number, error: unknown) => {
			// No new items start; those in flight finish, and the first failing item is the one reported.
			if (!stop.failure || itemIndex < stop.failure.itemIndex) stop.failure = { itemIndex, error };
		};
		const worker = async () => {
			while (!stop.failure && next < items.length) {
				const itemIndex = next++;
				try {
					await runItem(itemIndex);
				} catch (error) {
					record(itemIndex, error);
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(inFlight, items.length - 1) }, worker));
		if (stop.failure) throw stop.failure.error;
	}
	return [outputs.flat()];
}
