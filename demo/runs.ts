/** How one run of a workflow reads in the demo's report. */
import { PACKAGE, type RunResult, type WorkflowJson } from '../test/engine/harness';
import { RunFailed } from './checks';

/** The nodes that ran, in order, with how many items each of ours output: "A → B (2 items)". */
export function ranPath(workflow: WorkflowJson, result: RunResult): string {
	const runData = result.run.data.resultData.runData;
	return workflow.nodes
		.filter((n) => runData[n.name])
		.map((n) => {
			if (result.nodeError(n.name)) return `${n.name} (failed)`;
			if (!n.type.startsWith(`${PACKAGE}.`)) return n.name;
			const count = result.items(n.name).length;
			return `${n.name} (${count} item${count === 1 ? '' : 's'})`;
		})
		.join(' → ');
}

/** Why the run failed, naming the node, or undefined when it succeeded. */
export function failureOf(result: RunResult): string | undefined {
	if (result.status === 'success' && !result.error) return undefined;
	const error = result.error;
	const node = (error?.node as { name?: string } | undefined)?.name;
	const message = [error?.message, error?.description].filter(Boolean).join(': ') || `the run ended with status ${result.status}`;
	return node ? `node "${node}" failed: ${message}` : message;
}

/** The report line of a run ("ran A → B"), or a RunFailed that says how far it got and why it failed. */
export function reportRun(workflow: WorkflowJson, result: RunResult): string {
	const line = `ran ${ranPath(workflow, result)}`;
	const failure = failureOf(result);
	if (failure) throw new RunFailed(`${line}: ${failure}`);
	return line;
}
