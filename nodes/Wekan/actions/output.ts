/**
 * How a Get or Get Many shapes its output, as n8n's UX guidelines ask: a Simplify switch on the node, and on the AI
 * tool an Output choice (Simplified, Raw, Selected Fields). Which fields each holds is in `shared/simplify.ts`.
 *
 * n8n makes the tool from the node by appending `Tool` to its type name (`n8n-nodes-wekan.wekanTool`), and its
 * display rule `@tool` tests that name: Simplify shows on the node, Output on the tool. At run time the node's type
 * says the same; `isToolExecution()` covers n8n versions that run tools through `supplyData`.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { boardNames } from '../../shared/boardNames';
import { namesNeeded, OUTPUT_FIELDS, outputFields, type OutputKind, pickFields, SIMPLIFIED_FIELDS } from '../../shared/simplify';
import { wekanBaseUrl } from '../../shared/transport';
import type { ItemContext } from './itemContext';
import { OutputItems, type OperationResult } from './operation';

export type OutputMode = { mode: 'raw' } | { mode: 'simplified' } | { mode: 'fields'; fields: string[] };

const NOUN: Record<OutputKind, string> = { board: 'board', card: 'card', list: 'list', user: 'user' };

/** What the simplified output of a kind holds, in words, for the parameter descriptions. */
function simplifiedSummary(kind: OutputKind): string {
	const names = SIMPLIFIED_FIELDS[kind].map((name) => OUTPUT_FIELDS[kind].find((f) => f.name === name)!.displayName);
	return names.join(', ');
}

/** Simplify on the node, Output and its field list on the AI tool. */
export function outputProperties(kind: OutputKind): INodeProperties[] {
	const noun = NOUN[kind];
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			displayOptions: { show: { '@tool': [false] } },
			description: 'Whether to return a simplified version of the response instead of the raw data',
			hint: `Simplified: ${simplifiedSummary(kind)}`,
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simplified',
			displayOptions: { show: { '@tool': [true] } },
			description: `Which fields of each ${noun} to send to the agent`,
			options: [
				{ name: 'Raw', value: 'raw', description: `Every field Wekan returns for the ${noun}` },
				{ name: 'Selected Fields', value: 'fields', description: 'Only the fields chosen below, and always the ID' },
				{ name: 'Simplified', value: 'simplified', description: `The most used fields: ${simplifiedSummary(kind)}` },
			],
		},
		{
			displayName: 'Fields',
			name: 'outputFields',
			type: 'multiOptions',
			default: [],
			displayOptions: { show: { '@tool': [true], output: ['fields'] } },
			description: `The fields of each ${noun} to send to the agent. The ID is always included.`,
			options: OUTPUT_FIELDS[kind]
				.filter((f) => f.name !== '_id')
				.map((f) => ({ name: f.displayName, value: f.name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		},
	];
}

/** Whether the node runs as an AI agent's tool. */
export function runsAsTool(fn: IExecuteFunctions): boolean {
	if (fn.getNode().type.endsWith('Tool')) return true;
	const isToolExecution = (fn as Partial<Pick<IExecuteFunctions, 'isToolExecution'>>).isToolExecution;
	return typeof isToolExecution === 'function' && isToolExecution.call(fn) === true;
}

/** Reads and checks the output parameters; no request. */
export function outputMode(item: ItemContext, kind: OutputKind): OutputMode {
	if (!runsAsTool(item.fn)) {
		const simplify = item.raw('simplify', true);
		if (typeof simplify !== 'boolean') throw item.fail('Simplify must be true or false');
		return { mode: simplify ? 'simplified' : 'raw' };
	}
	const output = item.raw('output', 'simplified');
	if (output === 'raw' || output === 'simplified') return { mode: output };
	if (output !== 'fields') throw item.fail(`Output "${String(output).slice(0, 30)}" is not known`, 'Choose Simplified, Raw or Selected Fields.');
	const raw = item.raw('outputFields', []);
	const chosen = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : null;
	if (!chosen) throw item.fail('Fields must be a list of field names');
	const known = OUTPUT_FIELDS[kind].map((f) => f.name);
	const unknown = chosen.filter((name) => !known.includes(name));
	if (unknown.length) {
		throw item.fail(`${unknown.map((n) => `"${n.slice(0, 40)}"`).join(', ')} is not a ${NOUN[kind]} field`, `The fields are: ${known.join(', ')}.`);
	}
	return { mode: 'fields', fields: chosen };
}

/** The operation's result in the chosen shape; names are read once per board and execution. */
export async function shapeOutput(item: ItemContext, kind: OutputKind, mode: OutputMode, result: OperationResult): Promise<OperationResult> {
	if (mode.mode === 'raw' || result instanceof OutputItems) return result;
	const fields = outputFields(kind, mode.mode === 'fields' ? mode.fields : undefined);
	const baseUrl = await wekanBaseUrl.call(item.fn);
	const shape = async (doc: IDataObject) => {
		const needs = namesNeeded(fields, doc);
		const names = needs.length && doc.boardId ? await boardNames(item.fn, String(doc.boardId), needs, item.itemIndex) : { baseUrl };
		return pickFields(doc, fields, names);
	};
	if (!Array.isArray(result)) return await shape(result);
	const shaped: IDataObject[] = [];
	for (const doc of result) shaped.push(await shape(doc));
	return shaped;
}
