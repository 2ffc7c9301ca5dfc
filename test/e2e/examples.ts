/**
 * The example workflows in examples/, run inside n8n and checked in Wekan with the demo's own checks
 * (demo/checks.ts): the same claims `npm run demo` verifies against n8n-core, here verified against a real n8n.
 *
 * Each example gets its own freshly seeded Wekan-compatible server and its own n8n credential pointing at it, so
 * every check sees exactly what its workflow did.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IRun } from 'n8n-workflow';
import { checks, CheckFailed } from '../../demo/checks';
import { EXAMPLES_DIR, exampleFiles, fillPlaceholders } from '../../demo/run';
import { RunResult, type WorkflowJson } from '../engine/harness';
import { type SeededWekan, startSeededWekan } from './wekan';

export const PACKAGE = 'n8n-nodes-wekan';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

export interface PreparedExample {
	file: string;
	name: string;
	wekan: SeededWekan;
	/** The example as n8n gets it: placeholders filled, ids and credential set for this run. */
	workflow: WorkflowJson & { id: string };
	credentialId: string;
}

export function listExamples(): Array<{ file: string; workflow: WorkflowJson }> {
	return exampleFiles().map((file) => ({ file, workflow: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson }));
}

/** Examples that start by hand can run headless with `n8n execute`; the others start from a trigger. */
export function startsByHand(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((n) => n.type === MANUAL_TRIGGER);
}

/** n8n ids are 16 characters from [0-9a-zA-Z]. */
export function n8nId(prefix: string, n: number): string {
	return `${prefix}${n}`.padEnd(16, '0').slice(0, 16);
}

export async function prepareExample(file: string, raw: WorkflowJson, idPrefix: string, n: number): Promise<PreparedExample> {
	const wekan = await startSeededWekan();
	const credentialId = n8nId(`${idPrefix}Cred`, n);
	const filled = fillPlaceholders(raw, wekan.seed.placeholders);
	const nodes = filled.nodes.map((node) => {
		const creds = node.credentials as Record<string, { id?: string; name?: string }> | undefined;
		if (!creds?.wekanRestApi) return node;
		return { ...node, credentials: { ...creds, wekanRestApi: { id: credentialId, name: `Wekan for ${file}` } } };
	});
	return {
		file,
		name: raw.name ?? file,
		wekan,
		credentialId,
		workflow: { ...filled, nodes, id: n8nId(`${idPrefix}Wf`, n), name: `${raw.name ?? file}` },
	};
}

/** The workflow with every Wekan node using the given n8n credential. */
export function withCredential(workflow: WorkflowJson, id: string, name: string): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			(node.credentials as Record<string, unknown> | undefined)?.wekanRestApi ? { ...node, credentials: { ...node.credentials, wekanRestApi: { id, name } } } : node,
		),
	};
}

/** The credentials file `n8n import:credentials` reads (plain data, n8n encrypts it on import). */
export function credentialsFile(examples: PreparedExample[]): unknown[] {
	return examples.map((e) => ({ id: e.credentialId, name: `Wekan for ${e.file}`, type: 'wekanRestApi', data: e.wekan.credential }));
}

/** The same workflow started by a Webhook node in place of the manual trigger, for runs that go through n8n's queue. */
export function withWebhookStart(workflow: WorkflowJson, path: string): WorkflowJson {
	const manual = workflow.nodes.find((n) => n.type === MANUAL_TRIGGER);
	if (!manual) return workflow;
	const name = 'Webhook';
	const connections = Object.fromEntries(Object.entries(workflow.connections).map(([from, c]) => [from === manual.name ? name : from, c]));
	return {
		...workflow,
		connections,
		nodes: workflow.nodes.map((node) =>
			node === manual
				? {
						...node,
						name,
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
					}
				: node,
		),
	};
}

/** "ran A → B (2) → C (2)": the nodes that ran, with how many items each of ours output. */
export function ranPath(workflow: WorkflowJson, run: IRun): string {
	const runData = run.data.resultData.runData;
	return workflow.nodes
		.filter((n) => runData[n.name])
		.map((n) => {
			if (!n.type.startsWith(`${PACKAGE}.`)) return n.name;
			const last = runData[n.name][runData[n.name].length - 1];
			return `${n.name} (${last?.data?.main?.[0]?.length ?? 0})`;
		})
		.join(' → ');
}

/**
 * Runs the demo's check for the example on what n8n reported and on the example's Wekan. Returns what the
 * workflow did; throws with what is wrong.
 */
export async function verifyExample(example: PreparedExample, run: IRun): Promise<string[]> {
	const check = checks[example.file];
	if (!check) throw new Error(`no check for ${example.file} in demo/checks.ts`);
	const result = new RunResult(run);
	const lines = [`ran ${ranPath(example.workflow, run)}`];
	if (run.status !== 'success' || result.error) {
		const error = result.error ?? {};
		const node = (error.node as { name?: string } | undefined)?.name;
		throw new Error([...lines, `the run ended with status ${run.status}${node ? ` in node "${node}"` : ''}: ${String(error.message ?? '')} ${String(error.description ?? '')}`].join('\n'));
	}
	try {
		const { server, seed } = example.wekan;
		lines.push(...(await check({ workflow: example.workflow, result, wekan: server.wekan, url: server.url, seed })));
	} catch (error) {
		if (error instanceof CheckFailed) throw new Error([...lines, `Wekan does not show it: ${error.message}`].join('\n'));
		throw error;
	}
	return lines;
}
