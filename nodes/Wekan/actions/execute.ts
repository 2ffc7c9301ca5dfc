/**
 * The item loop of the Wekan node: each item runs its operation on its own, outputs are paired with their item,
 * and a failure becomes an error item under "Continue on Fail" or stops the run with the item's index.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ItemContext } from './itemContext';
import { OutputItems, type WekanOperation } from './operation';

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.description = description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return json;
}

export async function runOperation(this: IExecuteFunctions, operation: WekanOperation): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.run(new ItemContext(this, itemIndex));
			if (result instanceof OutputItems) {
				for (const item of result.items) output.push({ ...item, pairedItem: { item: itemIndex } });
			} else {
				for (const json of (Array.isArray(result) ? result : [result]) as IDataObject[]) {
					output.push({ json, pairedItem: { item: itemIndex } });
				}
			}
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: errorJson(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			// Errors made here are already n8n errors; only the item index may be missing.
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex ??= itemIndex;
			throw nodeError;
		}
	}
	return [output];
}
