/**
 * n8n's built-in Wekan node (n8n-nodes-base), fetched from the npm registry for the side-by-side figures: the
 * n8n-nodes-base release of the n8n our n8n-core devDependency belongs to (n8n, n8n-core and n8n-nodes-base are
 * released together under one version number), packed with `npm pack` into a cache under
 * node_modules/.cache/n8n-nodes-wekan-bench/, and only the files the Wekan node and its credential require taken out
 * of it. A cached copy is used as it is, never downloaded again. The node is loaded as n8n loads it (require() of
 * its JavaScript); `n8n-workflow` and `lodash` resolve from this package's node_modules, as they would from n8n's.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const run = promisify(execFile);

export interface BuiltinWekan {
	node: INodeType;
	credential: ICredentialType;
	/** n8n-nodes-base's version, and where it came from. */
	version: string;
	source: string;
}

export type BuiltinResult = BuiltinWekan | { version: string; error: string };

const ROOT = join(__dirname, '..');
const NODE_FILE = 'dist/nodes/Wekan/Wekan.node.js';
const CREDENTIAL_FILE = 'dist/credentials/WekanApi.credentials.js';

/** The version n8n-core is installed at (our devDependency line), which names the n8n-nodes-base release. */
export function n8nVersion(): string {
	return (JSON.parse(readFileSync(require.resolve('n8n-core/package.json'), 'utf8')) as { version: string }).version;
}

export function cacheDir(version: string): string {
	return join(ROOT, 'node_modules', '.cache', 'n8n-nodes-wekan-bench', `n8n-nodes-base-${version}`);
}

/** The relative files a CommonJS file requires (`require("./x")`, `require("../../utils/y")`), as package paths. */
function relativeRequires(packagePath: string, source: string): string[] {
	const found: string[] = [];
	for (const match of source.matchAll(/require\(["'](\.{1,2}\/[^"']+)["']\)/g)) {
		let target = posix.normalize(posix.join(posix.dirname(packagePath), match[1]));
		if (!target.endsWith('.js') && !target.endsWith('.json')) target += '.js';
		found.push(target);
	}
	return found;
}

async function untar(tarball: string, into: string, members: string[]): Promise<void> {
	await run('tar', ['-xzf', tarball, '-C', into, ...members.map((m) => `package/${m}`)], { maxBuffer: 16 * 1024 * 1024 });
}

/** Packs n8n-nodes-base@version and takes out the Wekan node's folder, its credential and what they require. */
async function download(version: string, dir: string): Promise<string> {
	const staging = `${dir}.partial-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	try {
		const { stdout } = await run('npm', ['pack', `n8n-nodes-base@${version}`, '--json', '--pack-destination', staging], {
			timeout: 300_000,
			maxBuffer: 64 * 1024 * 1024,
			shell: process.platform === 'win32',
		});
		const packed = (JSON.parse(stdout) as Array<{ filename: string; integrity?: string; shasum?: string }>)[0];
		const tarball = join(staging, packed.filename);
		// The Wekan folder, then whatever its files require outside it, until nothing new is asked for.
		await untar(tarball, staging, ['dist/nodes/Wekan', CREDENTIAL_FILE]);
		const have = new Set<string>();
		const walk = (folder: string) => {
			for (const entry of readdirSync(join(staging, 'package', folder), { withFileTypes: true })) {
				const path = posix.join(folder, entry.name);
				if (entry.isDirectory()) walk(path);
				else have.add(path);
			}
		};
		walk('dist');
		for (let pass = 0; pass < 10; pass++) {
			const wanted = new Set<string>();
			for (const file of have) {
				if (!file.endsWith('.js')) continue;
				for (const target of relativeRequires(file, readFileSync(join(staging, 'package', file), 'utf8'))) {
					if (!have.has(target)) wanted.add(target);
				}
			}
			if (!wanted.size) break;
			await untar(tarball, staging, [...wanted]);
			for (const file of wanted) have.add(file);
		}
		writeFileSync(
			join(staging, 'package', 'bench-source.json'),
			`${JSON.stringify({ package: `n8n-nodes-base@${version}`, tarball: packed.filename, integrity: packed.integrity, shasum: packed.shasum, files: [...have].sort() }, null, '\t')}\n`,
		);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dirname(dir), { recursive: true });
		// The tarball stays in the cache too, so a lost file never means another download.
		renameSync(tarball, join(staging, 'package', packed.filename));
		renameSync(join(staging, 'package'), dir);
		return `npm registry (npm pack n8n-nodes-base@${version}), now cached in ${dir}`;
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

/** The built-in Wekan node, from the cache or freshly downloaded; an error (never a stand-in) when neither works. */
export async function loadBuiltinWekan(log: (line: string) => void): Promise<BuiltinResult> {
	let version = 'unknown';
	try {
		version = n8nVersion();
		const dir = cacheDir(version);
		let source = `cache ${dir}`;
		if (!existsSync(join(dir, 'bench-source.json')) || !existsSync(join(dir, NODE_FILE)) || !existsSync(join(dir, CREDENTIAL_FILE))) {
			log(`Downloading n8n's built-in Wekan node: npm pack n8n-nodes-base@${version} ...`);
			source = await download(version, dir);
		}
		const nodeModule = require(join(dir, NODE_FILE)) as { Wekan: new () => INodeType };
		const credentialModule = require(join(dir, CREDENTIAL_FILE)) as { WekanApi: new () => ICredentialType };
		return { node: new nodeModule.Wekan(), credential: new credentialModule.WekanApi(), version, source };
	} catch (error) {
		// npm says why on stderr (`npm error code ECONNREFUSED`, `npm error 404 ...`); the first such lines are the reason.
		const stderr = String((error as { stderr?: unknown }).stderr ?? '')
			.split('\n')
			.filter((line) => /^npm (error|ERR!)/.test(line))
			.slice(0, 2)
			.join(' ');
		const message = [(error as Error).message.split('\n')[0], stderr].filter(Boolean).join(': ');
		return { version, error: `n8n-nodes-base@${version} could not be fetched or loaded: ${message}` };
	}
}
