/**
 * Runs every example workflow in examples/ through n8n's workflow engine against a Wekan-compatible server with a
 * small seeded board, checks in Wekan that each did what it says, and prints a report. Workflows that start by
 * hand run once and are checked afterwards (demo/checks.ts); those that start with a Wekan trigger are driven
 * like active workflows, with people acting in Wekan's web UI, and checked step by step (demo/recipes.ts).
 *   npm run demo [-- example-file.json …]
 */
import './env';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EngineHarness, PACKAGE, type WorkflowJson } from '../test/engine/harness';
import { startWekanServer } from '../test/wekan-server/server';
import { checks, CheckFailed, RunFailed } from './checks';
import { recipes } from './recipes';
import { failureOf, ranPath } from './runs';
import { DEMO_ADMIN, seedDemo } from './seed';
import { addTriggers, POLLING_TRIGGER, WEBHOOK_TRIGGER } from './triggers';

export const EXAMPLES_DIR = resolve(__dirname, '..', 'examples');

const NODE_TYPES = ['n8n-nodes-base.manualTrigger', `${PACKAGE}.wekan`, POLLING_TRIGGER, WEBHOOK_TRIGGER];
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

export async function runExample(file: string, dir = EXAMPLES_DIR): Promise<ExampleOutcome> {
	const started = Date.now();
	const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson;
	const name = raw.name ?? file;
	const outcome = (passed: boolean, lines: string[]): ExampleOutcome => ({ file, name, passed, lines, ms: Date.now() - started });
	const check = checks[file];
	const recipe = recipes[file];
	if (!check && !recipe) return outcome(false, [`no check for ${file} in demo/checks.ts or demo/recipes.ts`]);
	const foreign = raw.nodes.filter((n) => !NODE_TYPES.includes(n.type)).map((n) => `${n.name} (${n.type})`);
	// A recipe drives its workflow itself and stands in for nodes of other packages.
	if (foreign.length && !recipe) return outcome(false, [`uses node types the demo cannot run: ${foreign.join(', ')}`]);

	// Wekan refuses to post webhooks to a loopback address, like the demo's stand-in for n8n, unless allowed.
	const server = await startWekanServer({ allowLoopbackWebhooks: raw.nodes.some((n) => n.type === WEBHOOK_TRIGGER) });
	const lines: string[] = [];
	try {
		const seed = seedDemo(server.wekan);
		const workflow = fillPlaceholders(raw, seed.placeholders);
		const engine = new EngineHarness();
		addTriggers(engine);
		const credential = { url: server.url, authentication: 'password', login: DEMO_ADMIN.username, password: DEMO_ADMIN.password };
		for (const id of credentialIds(workflow)) engine.setCredential(credential, id);
		const context = { workflow, wekan: server.wekan, url: server.url, seed };
		if (recipe) {
			await recipe({ ...context, engine, lines });
		} else {
			const result = await engine.run(workflow);
			lines.push(`ran ${ranPath(workflow, result)}`);
			const failure = failureOf(result);
			if (failure) return outcome(false, [...lines, failure]);
			lines.push(...(await check({ ...context, result })));
		}
		return outcome(true, lines);
	} catch (error) {
		if (error instanceof CheckFailed) return outcome(false, [...lines, `Wekan does not show it: ${error.message}`]);
		if (error instanceof RunFailed) return outcome(false, [...lines, error.message]);
		return outcome(false, [...lines, `error: ${(error as Error).message}`]);
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
