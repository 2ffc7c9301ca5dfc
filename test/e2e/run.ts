/**
 * End-to-end test: the package inside a real n8n, installed the way users install it.
 *
 *   npm run test:e2e [-- --n8n 2.x|1.x] [--no-queue] [--editor] [--screenshots <dir>] [--no-build] [--no-headless]
 *
 * 1. Set-up (cached outside the repo, see setup.ts): n8n and the Node it needs; then `npm run build`, `npm pack`,
 *    and the tarball installed into the n8n user folder's .n8n/nodes, as a community package.
 * 2. Headless: every example workflow in examples/ imported and run with `n8n execute`, then checked in Wekan; and a
 *    workflow whose Wekan node continues using the error output, with one item failing (onError.ts).
 * 3. The n8n server: our node types (and the AI-tool variant) and credential listed, no load errors in the log,
 *    the Wekan Trigger and the Wekan Polling Trigger activated through the public API and fired by Wekan.
 * 4. Queue mode (Redis, one main and one worker process): the triggers and the examples again, run by the worker.
 * 5. With --editor: the editor in headless Chromium (editor.ts), with screenshots.
 *
 * Logs and the n8n user folder of the last run are in .e2e/ (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IRun } from 'n8n-workflow';
import { credentialsFile, listExamples, type PreparedExample, prepareExample, startsByHand, verifyExample, withCredential, withWebhookStart } from './examples';
import { N8n } from './n8n';
import { freePort, killAllNow, startProcess, stopAll, waitFor, waitForLog } from './processes';
import { expect, FatalCheck, Report } from './report';
import { ensureHost, type Host, type HostLine, REPO } from './setup';
import { onErrorOutputCheck } from './onError';
import { checks } from '../../demo/checks';
import { recipes, runRecipe } from './recipes';
import { createCredential, pollingTriggerChecks, webhookTriggerChecks } from './triggers';
import { closeAllWekan, startSeededWekan } from './wekan';

interface Options {
	line: HostLine;
	queue: boolean;
	editor: boolean;
	screenshots?: string;
	/** Pack the dist/ that is there instead of building (for working on the tests themselves). */
	build: boolean;
	/** Skip the headless `n8n execute` phase (for working on the later phases). */
	headless: boolean;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { line: '2.x', queue: true, editor: false, build: true, headless: true };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--n8n') options.line = argv[++i] as HostLine;
		else if (arg === '--no-queue') options.queue = false;
		else if (arg === '--editor') options.editor = true;
		else if (arg === '--no-build') options.build = false;
		else if (arg === '--no-headless') options.headless = false;
		else if (arg === '--screenshots') options.screenshots = resolve(argv[++i]);
		else throw new Error(`unknown option ${arg}; usage: npm run test:e2e -- [--n8n 2.x|1.x] [--no-queue] [--editor] [--screenshots <dir>] [--no-build] [--no-headless]`);
	}
	if (options.line !== '2.x' && options.line !== '1.x') throw new Error('--n8n is 2.x or 1.x');
	return options;
}

function sh(cmd: string, args: string[], cwd: string, log: string): string {
	const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	writeFileSync(log, `$ ${cmd} ${args.join(' ')}\n${result.stdout}${result.stderr}\n`, { flag: 'a' });
	if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (rc ${result.status}):\n${`${result.stdout}${result.stderr}`.slice(-1500)}`);
	return result.stdout;
}

/** `npm run build` and `npm pack`, then the tarball installed into .n8n/nodes as n8n's community-node install does. */
function installPackage(n8n: N8n, runDir: string, build: boolean): string[] {
	const log = join(runDir, 'package-install.log');
	if (build) sh('npm', ['run', 'build'], REPO, log);
	const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', runDir], REPO, log)) as Array<{ filename: string; entryCount: number }>;
	const tarball = join(runDir, packed[0].filename);
	const nodesDir = join(n8n.userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	// n8n-workflow is a peer: n8n provides it. --legacy-peer-deps keeps npm from installing a second copy next to ours.
	sh('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--offline', tarball], nodesDir, log);
	const installed = JSON.parse(readFileSync(join(nodesDir, 'node_modules', 'n8n-nodes-wekan', 'package.json'), 'utf8')) as { version: string; n8n: { nodes: string[] } };
	return [`${packed[0].filename} (${packed[0].entryCount} files) installed into ${nodesDir}: ${installed.n8n.nodes.length} node file(s), version ${installed.version}`];
}

/** The package's node and credential names, from its package.json (what n8n reads too). */
function packageTypes(): { nodes: string[]; credentials: string[] } {
	const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const names = (files: string[], suffix: string) => files.map((f) => f.split('/').pop()!.replace(suffix, ''));
	const nodeNames = names(pkg.n8n.nodes, '.node.js').map((n) => n.charAt(0).toLowerCase() + n.slice(1));
	const credentialNames = names(pkg.n8n.credentials, '.credentials.js').map((n) => n.charAt(0).toLowerCase() + n.slice(1));
	return { nodes: nodeNames, credentials: credentialNames };
}

/** Lines of n8n's output that say something about our package failed to load. */
function loadProblems(text: string): string[] {
	return text
		.split('\n')
		.filter(
			(line) =>
				(/n8n-nodes-wekan|wekan/i.test(line) && /error|fail|warn|unrecogni[sz]ed|could not|cannot/i.test(line)) ||
				/failed to load|error loading|could not load|unrecogni[sz]ed (node|credential) type|there was an error loading/i.test(line),
		)
		// Our own nodes' runtime messages (e.g. a trigger's warning) are not load problems, nor is the error of a run that
		// failed (its own check reports it): stack frames and n8n's node errors. A load failure keeps its headline line.
		.filter((line) => !/Wekan integration .* could not be removed/.test(line))
		.filter((line) => !/^\s*at /.test(line) && !/(^|"stack": ")\s*Node(Api|Operation)Error: /.test(line));
}

/** Examples whose other nodes (a Schedule Trigger, Send Email, Read/Write Files) need outside services or files. */
const DEMO_ONLY = 'its other nodes need services or files from outside, so npm run demo runs its Wekan nodes (demo/exportImportRecipes.ts)';

async function runHeadlessExamples(report: Report, n8n: N8n, runDir: string): Promise<void> {
	const all = listExamples();
	const byHand = all.filter((e) => startsByHand(e.workflow) && e.file in checks);
	for (const e of all.filter((x) => !byHand.includes(x))) {
		report.skip(e.file, startsByHand(e.workflow) ? DEMO_ONLY : 'starts from a trigger, so it runs below, activated in the n8n server');
	}
	let prepared: PreparedExample[] = [];
	const imported = await report.check(`import ${byHand.length} example workflows and their credentials (n8n import:credentials, import:workflow)`, async () => {
		expect(byHand.length > 0, 'examples/ has no workflow that starts by hand');
		prepared = await Promise.all(byHand.map((e, i) => prepareExample(e.file, e.workflow, 'e2eEx', i + 1)));
		const credsFile = join(runDir, 'credentials.json');
		const workflowsFile = join(runDir, 'workflows.json');
		writeFileSync(credsFile, JSON.stringify(credentialsFile(prepared), null, 2));
		writeFileSync(workflowsFile, JSON.stringify(prepared.map((p) => p.workflow), null, 2));
		const creds = await n8n.cli(['import:credentials', `--input=${credsFile}`]);
		expect(creds.rc === 0, `import:credentials exited ${creds.rc}:\n${creds.output.slice(-1500)}`);
		const workflows = await n8n.cli(['import:workflow', `--input=${workflowsFile}`]);
		expect(workflows.rc === 0, `import:workflow exited ${workflows.rc}:\n${workflows.output.slice(-1500)}`);
		return [`${prepared.length} credentials (one per example, each for its own seeded Wekan), ${prepared.length} workflows`];
	});
	if (!imported) return;
	for (const example of prepared) {
		await report.check(`n8n execute: ${example.name}  [${example.file}]`, async () => {
			const result = await n8n.cli(['execute', `--id=${example.workflow.id}`, '--rawOutput']);
			expect(result.json, `n8n execute printed no run (rc ${result.rc}):\n${result.output.slice(-1500)}`);
			const run = result.json as IRun;
			const lines = await verifyExample(example, run);
			expect(result.rc === 0, `n8n execute exited ${result.rc}`);
			return lines;
		});
	}
	await report.check('n8n execute: On Error "Continue (using error output)" sends the failing item there, paired', () =>
		onErrorOutputCheck(n8n, runDir),
	);
}

async function checkNodeTypes(report: Report, n8n: N8n): Promise<void> {
	const expected = packageTypes();
	await report.check('n8n lists our node types (with the AI-tool variant) and our credential type', async () => {
		const nodes = (await n8n.rest('GET', '/types/nodes.json')) as Array<{ name: string; displayName: string; version: number | number[] }>;
		const ours = nodes.filter((n) => n.name.startsWith('n8n-nodes-wekan.'));
		const want = [...expected.nodes.map((n) => `n8n-nodes-wekan.${n}`), 'n8n-nodes-wekan.wekanTool'];
		const missing = want.filter((w) => !ours.some((n) => n.name === w));
		expect(!missing.length, `missing: ${missing.join(', ')}; n8n lists ${ours.map((n) => n.name).join(', ') || 'none of ours'}`);
		const credentials = (await n8n.rest('GET', '/types/credentials.json')) as Array<{ name: string; displayName: string }>;
		const missingCreds = expected.credentials.filter((c) => !credentials.some((x) => x.name === c));
		expect(!missingCreds.length, `credential type(s) missing: ${missingCreds.join(', ')}`);
		return [
			`${ours.length} node types: ${[...new Set(ours.map((n) => `${n.name} ("${n.displayName}")`))].join(', ')}`,
			`credential: ${expected.credentials.map((c) => `${c} ("${credentials.find((x) => x.name === c)?.displayName}")`).join(', ')}`,
		];
	});
	await report.check("nothing about our package failed to load in n8n's logs", () => {
		const problems = [...loadProblems(n8n.logText('main')), ...loadProblems(n8n.logText('cli'))];
		expect(!problems.length, problems.slice(0, 20).join('\n'));
		return [`${n8n.logText('main').split('\n').length} lines of the server log and ${n8n.logText('cli').split('\n').length} of the CLI's checked`];
	});
}

/** The examples that start from a trigger: activated in the server and driven from Wekan's UI (recipes.ts). */
async function runTriggerExamples(report: Report, n8n: N8n, mode: 'regular' | 'queue'): Promise<void> {
	const examples = listExamples().filter((e) => !startsByHand(e.workflow) && e.file in recipes);
	for (const e of listExamples().filter((x) => !startsByHand(x.workflow) && !(x.file in recipes))) report.skip(e.file, DEMO_ONLY);
	let n = mode === 'queue' ? 50 : 0;
	for (const { file, workflow } of examples) {
		n++;
		await report.check(`[${mode}] ${workflow.name ?? file}  [${file}]`, () => runRecipe(n8n, file, workflow, n));
	}
}

/** The examples again, each started by a webhook in place of its manual trigger, so that n8n's queue runs them. */
async function runQueuedExamples(report: Report, n8n: N8n): Promise<void> {
	const all = listExamples().filter((e) => startsByHand(e.workflow));
	const byHand = all.filter((e) => e.file in checks);
	for (const e of all.filter((x) => !byHand.includes(x))) report.skip(e.file, DEMO_ONLY);
	let n = 0;
	for (const { file, workflow } of byHand) {
		n++;
		const name = (workflow.name ?? file) as string;
		await report.check(`[queue] ${name}, started by a webhook, run by the worker  [${file}]`, async () => {
			const example = await prepareExample(file, workflow, 'e2eQx', n);
			const path = `e2e-example-${n}`;
			const credentialId = await createCredential(n8n, example.wekan, `Wekan for ${file} (queue)`);
			const hooked = withWebhookStart(withCredential(example.workflow, credentialId, `Wekan for ${file} (queue)`), path);
			example.workflow = { ...hooked, id: '' };
			const created = (await n8n.api('POST', '/workflows', { name: `${name} (queue)`, nodes: hooked.nodes, connections: hooked.connections, settings: { executionOrder: 'v1' } })) as { id: string };
			await n8n.api('POST', `/workflows/${created.id}/activate`);
			// Right after activation the webhook may not be registered yet (404), so the first call is retried.
			await waitFor(`the webhook /webhook/${path}`, async () => (await fetch(`${n8n.url}/webhook/${path}`, { method: 'POST' })).ok, 10_000);
			const [execution] = await n8n.waitForExecutions(created.id, 1, 60_000);
			await n8n.api('POST', `/workflows/${created.id}/deactivate`);
			expect(new RegExp(`execution ${execution.id}\\b`).test(n8n.logText('worker')), `the worker's log does not mention execution ${execution.id}`);
			const run = { status: execution.status, data: execution.data, mode: execution.mode } as unknown as IRun;
			const lines = await verifyExample(example, run);
			return [...lines, `execution ${execution.id}, run by the worker`];
		});
	}
}

async function queueMode(report: Report, n8n: N8n, runDir: string): Promise<void> {
	const redisPort = await freePort();
	await report.check('Redis started on loopback', async () => {
		const redis = startProcess('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', runDir], {
			env: process.env,
			log: join(runDir, 'redis.log'),
		});
		await waitForLog(redis, /Ready to accept connections/, 15_000);
		return [`redis-server on 127.0.0.1:${redisPort}`];
	}, { fatal: true });
	n8n.useQueue(redisPort);
	await report.check('n8n main and worker started in queue mode (same database, EXECUTIONS_MODE=queue)', async () => {
		const started = Date.now();
		await n8n.startMain();
		await n8n.startWorker();
		// The sign-in cookie and the API key from the first start stay valid: same database, same encryption key.
		return [`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`];
	}, { fatal: true });
	await webhookTriggerChecks({ n8n, wekan: await startSeededWekan(), report, mode: 'queue' });
	await pollingTriggerChecks({ n8n, wekan: await startSeededWekan(), report, mode: 'queue' });
	await runQueuedExamples(report, n8n);
	await runTriggerExamples(report, n8n, 'queue');
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const report = new Report();
	const runDir = join(REPO, '.e2e', `n8n-${options.line}`);
	rmSync(runDir, { recursive: true, force: true });
	mkdirSync(runDir, { recursive: true });
	report.print(`End-to-end test of n8n-nodes-wekan in a real n8n ${options.line}; logs in ${runDir}`);

	let n8n: N8n | undefined;
	try {
		report.phase('set-up');
		let host: Host | undefined;
		await report.check(`n8n ${options.line} host (cached outside the repo)`, () => {
			host = ensureHost(options.line);
			return [`n8n ${host.n8nVersion} on ${host.node} (${spawnSync(host.node, ['-v'], { encoding: 'utf8' }).stdout.trim()})`, host.setupSeconds ? `set up now in ${host.setupSeconds} s` : `cached in ${host.dir}`];
		}, { fatal: true });
		n8n = await N8n.create(host!, runDir);
		await report.check('build, npm pack, install the tarball into .n8n/nodes (a community-node install)', () => installPackage(n8n!, runDir, options.build), { fatal: true });

		if (options.headless) {
			report.phase(`headless (n8n ${host!.n8nVersion}: n8n execute)`);
			await runHeadlessExamples(report, n8n, runDir);
		}

		report.phase('server (regular mode)');
		await report.check('n8n started; owner account and API key set up', async () => {
			const started = Date.now();
			await n8n!.startMain();
			await n8n!.setupOwner();
			return [`${n8n!.url}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`];
		}, { fatal: true });
		await checkNodeTypes(report, n8n);
		await webhookTriggerChecks({ n8n, wekan: await startSeededWekan(), report, mode: 'regular' });
		await pollingTriggerChecks({ n8n, wekan: await startSeededWekan(), report, mode: 'regular' });
		await runTriggerExamples(report, n8n, 'regular');
		if (options.editor) {
			report.phase('editor (headless Chromium)');
			const { editorChecks } = await import('./editor');
			await editorChecks({ n8n, report, wekan: await startSeededWekan(), screenshots: options.screenshots ?? join(runDir, 'screenshots') });
		}
		await n8n.stop();

		if (options.queue) {
			report.phase('queue mode (Redis, main + worker)');
			if (!existsSync('/usr/bin/redis-server') && spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
				await report.check('redis-server is installed', () => {
					throw new Error('redis-server not found: apt-get install -y redis-server (or run with --no-queue)');
				});
			} else {
				await queueMode(report, n8n, runDir);
			}
		}
	} catch (error) {
		if (!(error instanceof FatalCheck)) throw error;
		report.print(`\n${error.message}`);
	} finally {
		await n8n?.stop().catch(() => undefined);
		await stopAll();
		await closeAllWekan();
	}
	const ok = report.summary();
	if (!ok) report.print(`\nlogs: ${runDir}`);
	return ok ? 0 : 1;
}

// Whatever happens, nothing this run started is left running.
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		process.stdout.write(`\n${signal}: stopping everything this run started\n`);
		void stopAll().finally(() => process.exit(130));
	});
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`test:e2e: ${(error as Error).stack ?? String(error)}\n`);
		void stopAll().finally(() => process.exit(1));
	},
);
