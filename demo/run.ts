/**
 * Runs every example workflow in examples/ through n8n's workflow engine against a Wekan-compatible server with a
 * small seeded board, checks in Wekan that each did what it says, and prints a report.
 *   npm run demo [-- example-file.json …]
 */
import './env';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EngineHarness, PACKAGE, type RunResult, type WorkflowJson } from '../test/engine/harness';
import { startWekanServer } from '../test/wekan-server/server';
import { checks, CheckFailed } from './checks';
import { DEMO_ADMIN, seedDemo } from './seed';

export const EXAMPLES_DIR = resolve(__dirname, '..', 'examples');

const NODE_TYPES = ['n8n-nodes-base.manualTrigger', `${PACKAGE}.wekan`];
const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

export interface ExampleOutcome {
	file: string;
	name: string;
	passed: boolean;
	/** What the workflow did in Wekan, or why it failed. */
	lines: string[];
	ms: number;
}

export interface DemoReport {
	outcomes: ExampleOutcome[];
	passed: number;
	failed: number;
}

export interface DemoOptions {
	examplesDir?: string;
	/** Only these example files (names in examplesDir). */
	only?: string[];
	/** Where report lines go as each example finishes; nothing is printed without it. */
	print?: (line: string) => void;
}

export function exampleFiles(dir = EXAMPLES_DIR): string[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

/** Fills `{{NAME}}` placeholders in every string of the workflow; an unknown one is an error. */
export function fillPlaceholders<T>(value: T, values: Record<string, string>): T {
	if (typeof value === 'string') {
		return value.replace(PLACEHOLDER, (_, name: string) => {
			if (!(name in values)) throw new Error(`unknown placeholder {{${name}}}`);
			return values[name];
		}) as T;
	}
	if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, values)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, values)])) as T;
	}
	return value;
}

function credentialIds(workflow: WorkflowJson): string[] {
	const ids = workflow.nodes.map((n) => (n.credentials as { wekanRestApi?: { id?: string } } | undefined)?.wekanRestApi?.id);
	return [...new Set(ids.filter((id): id is string => !!id))];
}

/** The nodes that ran, in order, with how many items each output. */
function path(workflow: WorkflowJson, result: RunResult): string {
	const runData = result.run.data.resultData.runData;
	return workflow.nodes
		.filter((n) => runData[n.name])
		.map((n) => {
			if (result.nodeError(n.name)) return `${n.name} (failed)`;
			if (n.type !== `${PACKAGE}.wekan`) return n.name;
			const count = result.items(n.name).length;
			return `${n.name} (${count} item${count === 1 ? '' : 's'})`;
		})
		.join(' → ');
}

function failureOf(result: RunResult): string | undefined {
	if (result.status === 'success' && !result.error) return undefined;
	const error = result.error;
	const node = (error?.node as { name?: string } | undefined)?.name;
	const message = [error?.message, error?.description].filter(Boolean).join(': ') || `the run ended with status ${result.status}`;
	return node ? `node "${node}" failed: ${message}` : message;
}

export async function runExample(file: string, dir = EXAMPLES_DIR): Promise<ExampleOutcome> {
	const started = Date.now();
	const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson;
	const name = raw.name ?? file;
	const outcome = (passed: boolean, lines: string[]): ExampleOutcome => ({ file, name, passed, lines, ms: Date.now() - started });
	const check = checks[file];
	if (!check) return outcome(false, [`no check for ${file} in demo/checks.ts`]);
	const foreign = raw.nodes.filter((n) => !NODE_TYPES.includes(n.type)).map((n) => `${n.name} (${n.type})`);
	if (foreign.length) return outcome(false, [`uses node types the demo cannot run: ${foreign.join(', ')}`]);

	const server = await startWekanServer();
	try {
		const seed = seedDemo(server.wekan);
		const workflow = fillPlaceholders(raw, seed.placeholders);
		const engine = new EngineHarness();
		const credential = { url: server.url, authentication: 'password', login: DEMO_ADMIN.username, password: DEMO_ADMIN.password };
		for (const id of credentialIds(workflow)) engine.setCredential(credential, id);
		const result = await engine.run(workflow);
		const lines = [`ran ${path(workflow, result)}`];
		const failure = failureOf(result);
		if (failure) return outcome(false, [...lines, failure]);
		try {
			lines.push(...(await check({ workflow, result, wekan: server.wekan, url: server.url, seed })));
			return outcome(true, lines);
		} catch (error) {
			if (!(error instanceof CheckFailed)) throw error;
			return outcome(false, [...lines, `Wekan does not show it: ${error.message}`]);
		}
	} catch (error) {
		return outcome(false, [`error: ${(error as Error).message}`]);
	} finally {
		await server.close();
	}
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
	const dir = options.examplesDir ?? EXAMPLES_DIR;
	const files = options.only?.length ? options.only : exampleFiles(dir);
	const print = options.print ?? (() => undefined);
	const count = `${files.length} example workflow${files.length === 1 ? '' : 's'}`;
	print(`Running ${count} from ${basename(dir)}/ against a Wekan-compatible server, each on a fresh "Demo" board\n`);
	const outcomes: ExampleOutcome[] = [];
	for (const file of files) {
		const outcome = await runExample(file, dir);
		outcomes.push(outcome);
		print(`${outcome.passed ? '✔' : '✘'} ${outcome.name}  [${file}, ${outcome.ms} ms]`);
		for (const line of outcome.lines) print(`    ${line}`);
		print('');
	}
	const passed = outcomes.filter((o) => o.passed).length;
	const failed = outcomes.length - passed;
	print(`${passed} passed, ${failed} failed`);
	return { outcomes, passed, failed };
}

if (require.main === module) {
	runDemo({ only: process.argv.slice(2), print: (line) => process.stdout.write(`${line}\n`) }).then(
		(report) => {
			process.exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
		},
		(error: unknown) => {
			process.stderr.write(`demo: ${(error as Error).stack ?? String(error)}\n`);
			process.exitCode = 1;
		},
	);
}
