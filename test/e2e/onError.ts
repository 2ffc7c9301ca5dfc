/**
 * "On Error: Continue (using error output)" on our node inside a real n8n: the item that fails leaves by the node's
 * error output, paired with its input item, and the other items leave by the main output in their order. n8n routes
 * an item there only when its JSON has the keys n8n's own nodes give a failed item (WorkflowExecute.
 * handleNodeErrorOutput: `{error}` or `{error, message}` in n8n 1.x, any of `error`, `message`, `details` in 2.x),
 * and then adds the input item's fields, so this checks the shape of our error items as n8n itself reads it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode, INodeParameters, IRun } from 'n8n-workflow';
import type { WorkflowJson } from '../engine/harness';
import { credentialsFile, prepareExample } from './examples';
import type { N8n } from './n8n';
import { expect } from './report';

const FILE = 'on-error-output';
const MISSING_CARD = 'noSuchCard0000001';
const READ = 'Get card details';
const FOUND = 'Found';
const FAILED = 'Not found';

type WorkflowNode = WorkflowJson['nodes'][number];

const node = (name: string, type: string, x: number, parameters: INodeParameters, extra: Partial<INode> = {}): WorkflowNode => ({
	id: `0f6e2c1a-4b7d-4e8f-9a0b-1c2d3e4f5a${String(x).padStart(2, '0')}`,
	name,
	type,
	typeVersion: 1,
	position: [x * 220, 0],
	parameters,
	...extra,
});

const CREDENTIAL: Partial<INode> = { credentials: { wekanRestApi: { id: 'wekanCred000001', name: 'Wekan account' } } };

/** Every open card of the demo board, each read again; the second item asks for a card that does not exist. */
export const ON_ERROR_WORKFLOW: WorkflowJson = {
	name: 'E2E: On Error, continue using the error output',
	nodes: [
		node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
		node(
			'Get cards of board',
			'n8n-nodes-wekan.wekan',
			1,
			{ resource: 'card', operation: 'getAll', boardId: { __rl: true, mode: 'id', value: '{{BOARD_ID}}' }, scope: 'board', returnAll: true },
			CREDENTIAL,
		),
		node(
			READ,
			'n8n-nodes-wekan.wekan',
			2,
			{
				resource: 'card',
				operation: 'get',
				cardId: { __rl: true, mode: 'id', value: `={{ $itemIndex === 1 ? '${MISSING_CARD}' : $json._id }}` },
				simplify: false,
			},
			{ ...CREDENTIAL, onError: 'continueErrorOutput' },
		),
		node(FOUND, 'n8n-nodes-base.noOp', 3, {}),
		node(FAILED, 'n8n-nodes-base.noOp', 4, {}),
	],
	connections: {
		Start: { main: [[{ node: 'Get cards of board', type: 'main', index: 0 }]] },
		'Get cards of board': { main: [[{ node: READ, type: 'main', index: 0 }]] },
		[READ]: {
			main: [[{ node: FOUND, type: 'main', index: 0 }], [{ node: FAILED, type: 'main', index: 0 }]],
		},
	},
	settings: { executionOrder: 'v1' },
};

interface RunItem {
	json: IDataObject;
	pairedItem?: { item: number } | Array<{ item: number }> | number;
}

function outputs(run: IRun, name: string): RunItem[][] {
	const runs = run.data.resultData.runData[name];
	expect(runs?.length, `node "${name}" did not run`);
	return (runs[runs.length - 1].data?.main ?? []).map((items) => (items ?? []) as RunItem[]);
}

const pairedIndex = (item: RunItem) => {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
};

/** Imports the workflow with a credential for its own seeded Wekan, runs it with `n8n execute`, checks the outputs. */
export async function onErrorOutputCheck(n8n: N8n, runDir: string): Promise<string[]> {
	const example = await prepareExample(FILE, ON_ERROR_WORKFLOW, 'e2eOe', 1);
	const credentials = join(runDir, 'on-error-credentials.json');
	const workflows = join(runDir, 'on-error-workflows.json');
	writeFileSync(credentials, JSON.stringify(credentialsFile([example]), null, 2));
	writeFileSync(workflows, JSON.stringify([example.workflow], null, 2));
	for (const [what, file] of [['credentials', credentials], ['workflow', workflows]]) {
		const imported = await n8n.cli([`import:${what}`, `--input=${file}`]);
		expect(imported.rc === 0, `import:${what} exited ${imported.rc}:\n${imported.output.slice(-1500)}`);
	}
	const wekan = example.wekan.server.wekan;
	const mark = wekan.log.length;
	const result = await n8n.cli(['execute', `--id=${example.workflow.id}`, '--rawOutput']);
	expect(result.json, `n8n execute printed no run (rc ${result.rc}):\n${result.output.slice(-1500)}`);
	const run = result.json as IRun;
	expect(run.status === 'success', `the run ended with status ${run.status}: ${JSON.stringify(run.data.resultData.error ?? {}).slice(0, 400)}`);
	expect(result.rc === 0, `n8n execute exited ${result.rc}`);

	const [cards] = outputs(run, 'Get cards of board');
	expect(cards.length >= 3, `the board listed ${cards.length} cards; the check needs 3 or more`);
	const [ok, failed] = outputs(run, READ);
	const expected = cards.map((card, index) => ({ index, id: card.json._id })).filter((c) => c.index !== 1);
	expect(
		JSON.stringify(ok.map((i) => [pairedIndex(i), i.json._id])) === JSON.stringify(expected.map((c) => [c.index, c.id])),
		`the main output held ${JSON.stringify(ok.map((i) => [pairedIndex(i), i.json._id]))}, not the cards of items ${expected.map((c) => c.index).join(', ')}`,
	);
	expect(failed?.length === 1, `the error output held ${failed?.length ?? 0} items, not one`);
	const [error] = failed;
	expect(pairedIndex(error) === 1, `the failed item is paired with item ${String(pairedIndex(error))}, not item 1`);
	expect(String(error.json.error).includes(MISSING_CARD), `the failed item says ${JSON.stringify(error.json).slice(0, 300)}`);
	// n8n puts the failed item's input fields under its error (WorkflowExecute.handleNodeErrorOutput), as for its own nodes.
	expect(error.json._id === cards[1].json._id, `the failed item carries ${String(error.json._id)}, not its input item's card ${String(cards[1].json._id)}`);
	const [reachedFound] = outputs(run, FOUND);
	const [reachedFailed] = outputs(run, FAILED);
	expect(reachedFound.length === ok.length && reachedFailed.length === 1, `"${FOUND}" got ${reachedFound.length} items and "${FAILED}" ${reachedFailed.length}`);
	const writes = wekan.log.slice(mark).filter((r) => r.method !== 'GET' && r.path !== '/users/login');
	expect(!writes.length, `the workflow only reads, but sent ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
	expect(String(error.json.message).includes('Check the IDs'), `the failed item gives no advice: ${JSON.stringify(error.json).slice(0, 300)}`);
	return [
		`${cards.length} items: ${ok.length} left by the main output (items ${ok.map(pairedIndex).join(', ')}), item 1 by the error output`,
		`the error item, paired with item 1: "${String(error.json.error)}" / "${String(error.json.message)}"; "${FAILED}" received it`,
	];
}
