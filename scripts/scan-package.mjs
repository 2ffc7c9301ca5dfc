#!/usr/bin/env node
/**
 * n8n's community-package scan, run on this repository before publishing.
 *
 *   npm run build && npm run scan
 *
 * `npx @n8n/scan-community-package <name>` (what n8n runs for verification) only scans a version that is already on
 * npm: it checks the npm provenance, downloads the source at the attested GitHub commit and the published tarball,
 * and lints both with inline `eslint-disable` comments ignored. This script runs the same two lint passes, with the
 * scanner's own code (its `buildScanConfig` through its `analyzePackage`, from the pinned devDependency), on:
 *
 *   1. the source: `package.json` and `{nodes,credentials}/**` of the package root the scanner would find here;
 *   2. the tarball: `npm pack` of the built package, unpacked to a temporary folder, `**\/*.js` and `package.json`.
 *
 * It also fails on any inline ESLint directive comment (eslint-disable, eslint-enable, eslint, global) in nodes/ or
 * credentials/: the scanner ignores them, so they would only hide from `n8n-node lint` what the scan then rejects.
 * And it fails if the tarball holds anything n8n does not load (only compiled JS, the codex `*.node.json`, SVG
 * icons, package.json, README and LICENSE belong there), and prints the tarball's size and file count.
 *
 * The provenance check cannot run before publishing; .github/workflows/publish.yml publishes with provenance.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What may be in the tarball, by path inside it. */
const ALLOWED_IN_TARBALL = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE(\.md)?$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/icons\/[^/]+\.svg$/,
];

/** The start of an ESLint directive comment: eslint-disable..., eslint-enable, eslint (rule settings), global(s), exported. */
const INLINE_DIRECTIVE = /\/[/*]\s*(eslint(-disable|-enable)?|global|globals|exported)\b/;

function inlineDirectives(root) {
	const found = [];
	for (const dir of ['nodes', 'credentials']) {
		for (const file of readdirSync(join(root, dir), { recursive: true })) {
			if (!/\.(ts|js|json)$/.test(file)) continue;
			const lines = readFileSync(join(root, dir, file), 'utf8').split('\n');
			lines.forEach((line, i) => {
				if (INLINE_DIRECTIVE.test(line)) found.push(`${dir}/${file}:${i + 1}: ${line.trim()}`);
			});
		}
	}
	return found;
}

function run(cmd, args, cwd) {
	const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (rc ${result.status}):\n${result.stdout}${result.stderr}`);
	}
	return result.stdout;
}

async function main() {
	const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((file) => !existsSync(join(REPO, file)));
	if (missing.length) {
		process.stderr.write(`scan: not built (missing ${missing.join(', ')}); run \`npm run build\` first\n`);
		return 1;
	}

	// The scanner makes a temporary folder when it is loaded; keep it inside ours, which is removed at the end.
	const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	process.env.TMPDIR = work;
	try {
		const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(
			'@n8n/scan-community-package/scanner/scanner.mjs'
		);
		const scannerVersion = JSON.parse(
			readFileSync(join(REPO, 'node_modules', '@n8n', 'scan-community-package', 'package.json'), 'utf8'),
		).version;
		process.stdout.write(`@n8n/scan-community-package ${scannerVersion} rules, inline eslint-disable comments ignored\n`);

		const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], REPO));
		const unpacked = join(work, 'package');
		mkdirSync(unpacked);
		run('tar', ['-xzf', join(work, packed.filename), '-C', unpacked, '--strip-components=1'], work);
		process.stdout.write(
			`tarball ${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked\n`,
		);

		let failed = false;
		const unexpected = packed.files.map((f) => f.path).filter((path) => !ALLOWED_IN_TARBALL.some((re) => re.test(path)));
		if (unexpected.length) {
			failed = true;
			process.stdout.write(`FAIL tarball holds files n8n does not load:\n  ${unexpected.join('\n  ')}\n`);
		} else {
			process.stdout.write('ok   tarball holds only compiled JS, codex files, SVG icons, package.json, README and LICENSE\n');
		}

		const directives = inlineDirectives(REPO);
		if (directives.length) {
			failed = true;
			process.stdout.write(`FAIL inline ESLint directives in shipped code:\n  ${directives.join('\n  ')}\n`);
		} else {
			process.stdout.write('ok   no inline ESLint directives in nodes/ or credentials/\n');
		}

		const sourceRoot = findPackageRoot(REPO, pkg.name);
		if (!sourceRoot) throw new Error(`the scanner finds no package.json named ${pkg.name} in ${REPO}`);
		const passes = [
			{ name: `source (${SOURCE_FILE_PATTERNS.join(', ')} in ./${relative(REPO, sourceRoot)})`, dir: sourceRoot, patterns: SOURCE_FILE_PATTERNS },
			{ name: 'tarball (**/*.js, package.json)', dir: unpacked, patterns: ['**/*.js', 'package.json'] },
		];
		for (const pass of passes) {
			const result = await analyzePackage(pass.dir, pass.patterns);
			if (result.passed) {
				process.stdout.write(`ok   ${pass.name}${result.message ? `: ${result.message}` : ''}\n`);
			} else {
				failed = true;
				process.stdout.write(`FAIL ${pass.name}: ${result.message}\n${result.details ?? ''}\n`);
			}
		}
		process.stdout.write(failed ? 'scan: FAILED\n' : 'scan: passed\n');
		return failed ? 1 : 0;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`scan: ${error.stack ?? error}\n`);
		process.exit(1);
	},
);
