/**
 * The item loop of the Wekan node: each item runs its operation on its own, outputs are paired with their item,
 * and a failure becomes an error item under "Continue on Fail" or stops the run with the item's index. Items are
 * pipelined (pipeline.ts) unless the Batching option says otherwise; the output keeps the input's order.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { ExecutionCache } from './executionCache';
import { ItemContext } from './itemContext';
import { OutputItems, type OperationResult, type WekanOperation } from './operation';
import { outputMode, shapeOutput } from './output';
import { CancelledItem, EVERYTHING, Pipeline, type WriteKeys } from './pipeline';

const MAX_IN_FLIGHT = 32;
/** How many items the pipeline works on at once by default. */
export const PIPELINE_DEPTH = 8;

/** The node's Batching option, shown for every operation (as n8n's HTTP Request node has one). */
export const BATCHING_PROPERTY: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	type: 'collection',
	placeholder: 'Add Batching Option',
	default: {},
	description:
		'How items are sent to Wekan. By default, requests of several items overlap where that cannot change what Wekan ends up with: changes to the same card, list or board labels, and every create, reach Wekan in input order, and no item after a failed one sends anything.',
	options: [
		{
			displayName: 'Items in Flight',
			name: 'itemsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_IN_FLIGHT },
			default: 1,
			description:
				'1 keeps the default ordering above. More runs that many items fully at the same time, writes included: faster with a distant Wekan, but items may then change Wekan in a different order than they arrive, and items after a failed one may still change Wekan.',
		},
		{
			displayName: 'One Item at a Time',
			name: 'oneAtATime',
			type: 'boolean',
			default: false,
			description: 'Whether to finish each item before the next one starts, with no requests overlapping at all',
		},
	],
};

/**
 * An error item in a shape n8n's engine recognises, so that "On Error: Continue (using error output)" routes it to
 * the error output: `error` says what failed, `message` what to do about it. n8n-core 1.x
 * (WorkflowExecute.handleNodeErrorOutput) takes an item there only when its JSON is `{error}` or `{error, message}`;
 * 2.x also accepts `details`, which 1.x would send to the success output, so there is none.
 */
export function errorJson(error: Error): IDataObject {
	const description = (error as NodeApiError).description;
	return description ? { error: error.message, message: description } : { error: error.message };
}

function outputOf(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	if (result instanceof OutputItems) return result.items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
	return ((Array.isArray(result) ? result : [result]) as IDataObject[]).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

function batchingOption<T>(context: IExecuteFunctions, name: string, fallback: T): unknown {
	return context.getNodeParameter(`batching.${name}`, 0, fallback) as unknown;
}

function itemsInFlight(context: IExecuteFunctions): number {
	const value = batchingOption(context, 'itemsInFlight', 1);
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_IN_FLIGHT) {
		throw new NodeOperationError(context.getNode(), `Items in Flight must be a whole number from 1 to ${MAX_IN_FLIGHT}`);
	}
	return number;
}

type Mode = { kind: 'serial' } | { kind: 'pipelined'; depth: number } | { kind: 'batched'; depth: number };

function modeOf(context: IExecuteFunctions): Mode {
	const inFlight = itemsInFlight(context);
	const oneAtATime = batchingOption(context, 'oneAtATime', false);
	if (typeof oneAtATime !== 'boolean') throw new NodeOperationError(context.getNode(), 'One Item at a Time must be true or false');
	if (oneAtATime && inFlight > 1) {
		throw new NodeOperationError(context.getNode(), 'Choose either One Item at a Time or more Items in Flight, not both');
	}
	if (oneAtATime) return { kind: 'serial' };
	if (inFlight > 1) return { kind: 'batched', depth: inFlight };
	return { kind: 'pipelined', depth: PIPELINE_DEPTH };
}

/** The longest wait between two items' starts (see inWindow). */
const MAX_PACE_MS = 1000;

/**
 * Runs `work` for indexes 0..count-1 with at most `depth` running at once, started in index order. With `itemMs`
 * (how long one item took), starts are paced: at most one per 1/depth of the time the latest item took. Items started
 * together stay in step: their requests leave in a bunch (n8n opens a connection per request, and the connections of
 * one bunch complete together), come back in a bunch, and n8n's CPU idles while they are away and queues them on
 * return. Paced starts keep them apart; they never start faster than `depth` lanes could run them anyway.
 */
async function inWindow(count: number, depth: number, work: (index: number) => Promise<void>, itemMs = 0): Promise<void> {
	let next = 0;
	const lanes = Math.min(depth, count);
	let pace = Math.min(itemMs, MAX_PACE_MS) / lanes;
	let nextStart = Date.now();
	const lane = async () => {
		while (next < count) {
			const index = next++;
			const now = Date.now();
			const wait = nextStart - now;
			nextStart = Math.max(nextStart, now) + pace;
			if (wait > 0) await sleep(wait);
			const started = Date.now();
			await work(index);
			if (itemMs) pace = Math.min(Date.now() - started, MAX_PACE_MS) / lanes;
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
}

export async function runOperation(this: IExecuteFunctions, operation: WekanOperation): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = this.continueOnFail();
	const mode = modeOf(this);
	const cache = new ExecutionCache();
	const pipeline = mode.kind === 'pipelined' ? new Pipeline(items.length, continueOnFail) : undefined;
	const failures = new Map<number, unknown>();

	const runItem = async (itemIndex: number): Promise<void> => {
		const item = new ItemContext(this, itemIndex, { pipeline, cache });
		let failed = false;
		try {
			// Read before the operation runs, so a wrong output setting stops the item before any request.
			const shape = operation.output ? outputMode(item, operation.output) : undefined;
			item.writeKeys = writeKeysOf(operation, item);
			if (pipeline) await pipeline.start(itemIndex, item.writeKeys, operation.checksIndependentOfEarlierWrites === true);
			const result = await operation.run(item);
			outputs[itemIndex] = outputOf(shape ? await shapeOutput(item, operation.output!, shape, result) : result, itemIndex);
		} catch (error) {
			failed = true;
			if (error instanceof CancelledItem || pipeline?.isCancelled(itemIndex)) {
				failed = false;
				return;
			}
			if (continueOnFail) {
				outputs[itemIndex] = [{ json: errorJson(error as Error), pairedItem: { item: itemIndex } }];
				return;
			}
			failures.set(itemIndex, error);
		} finally {
			pipeline?.finished(itemIndex, failed && !continueOnFail);
		}
	};

	if (mode.kind === 'serial' || items.length <= 1) {
		for (let itemIndex = 0; itemIndex < items.length && !failures.size; itemIndex++) await runItem(itemIndex);
	} else if (mode.kind === 'pipelined') {
		await inWindow(items.length, mode.depth, async (itemIndex) => {
			if (!pipeline!.isCancelled(itemIndex)) await runItem(itemIndex);
		});
	} else {
		// Batching: the first item runs alone, so that the session it may log in is shared by the others.
		const started = Date.now();
		await runItem(0);
		if (!failures.size) {
			await inWindow(
				items.length - 1,
				mode.depth,
				async (offset) => {
					// No new items start after a failure; those in flight finish, and the first failing one is reported.
					if (!failures.size) await runItem(offset + 1);
				},
				Date.now() - started,
			);
		}
	}
	if (failures.size) throw asNodeError(this, Math.min(...failures.keys()), failures);
	return [outputs.flat()];
}

function writeKeysOf(operation: WekanOperation, item: ItemContext): WriteKeys {
	return operation.writes ? operation.writes(item) : [EVERYTHING];
}

function asNodeError(context: IExecuteFunctions, itemIndex: number, failures: Map<number, unknown>): Error {
	const error = failures.get(itemIndex);
	// Errors made here are already n8n errors; only the item index may be missing.
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	nodeError.context.itemIndex ??= itemIndex;
	return nodeError;
}
