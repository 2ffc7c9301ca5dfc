#!/usr/bin/env node
/**
 * Validates the GitHub Actions workflows in .github/workflows/ with GitHub's own workflow parser
 * (@actions/workflow-parser, the one behind GitHub's Actions language service): YAML syntax, the workflow schema
 * (keys, types, required fields, event names), expression syntax and where each context may be used.
 *
 *   npm run check:workflows [-- <file>...]
 *
 * Exits 1 if any workflow has an error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The parser is published for bundlers: it imports its schema JSON without `with { type: 'json' }`, which Node
// refuses. This load hook adds the attribute to JSON imports, so Node loads it as it is.
register(
	`data:text/javascript,${encodeURIComponent(`
export async function load(url, context, nextLoad) {
	if (url.endsWith('.json') && !context.importAttributes?.type) {
		return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
	}
	return nextLoad(url, context);
}`)}`,
);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS = join(REPO, '.github', 'workflows');

async function check(file) {
	const name = relative(REPO, file);
	const result = parseWorkflow({ name, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
	let jobs = 0;
	if (result.value !== undefined && result.context.errors.count === 0) {
		// Conversion adds the checks that need the whole workflow (job dependencies, matrix use, ...).
		const template = await convertWorkflowTemplate(result.context, result.value);
		jobs = template.jobs?.length ?? 0;
		if (jobs === 0 && result.context.errors.count === 0) {
			return [`${name}: no jobs`];
		}
	}
	const errors = result.context.errors.getErrors().map((e) => e.message);
	if (result.value === undefined && errors.length === 0) errors.push(`${name}: not a workflow`);
	return errors.length ? errors : [`ok   ${name} (${jobs} job${jobs === 1 ? '' : 's'})`];
}

const files = process.argv.slice(2).length
	? process.argv.slice(2).map((f) => resolve(f))
	: readdirSync(WORKFLOWS)
			.filter((f) => /\.ya?ml$/.test(f))
			.map((f) => join(WORKFLOWS, f));
if (!files.length) {
	process.stderr.write(`no workflow files in ${relative(REPO, WORKFLOWS)}\n`);
	process.exit(1);
}
let failed = 0;
for (const file of files) {
	const lines = await check(file);
	const ok = lines.length === 1 && lines[0].startsWith('ok ');
	if (!ok) failed++;
	process.stdout.write(ok ? `${lines[0]}\n` : lines.map((l) => `FAIL ${l}\n`).join(''));
}
process.stdout.write(failed ? `workflows: ${failed} of ${files.length} invalid\n` : `workflows: ${files.length} valid\n`);
process.exit(failed ? 1 : 0);
