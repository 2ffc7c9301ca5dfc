/**
 * Prints the README's operations table from the node's own description, so the two cannot drift apart
 * (test/readme.test.ts checks it). Run: npx ts-node --transpile-only scripts/operations-table.ts
 */
import { resources } from '../nodes/Wekan/actions';

export function operationsTable(): string {
	const rows = [...resources]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((r) => `| ${r.name} | ${[...r.operations].sort((a, b) => a.name.localeCompare(b.name)).map((o) => o.name).join(', ')} |`);
	const count = resources.reduce((n, r) => n + r.operations.length, 0);
	return [
		`${resources.length} resources, ${count} operations:`,
		'',
		'| Resource | Operations |',
		'| --- | --- |',
		...rows,
	].join('\n');
}

if (require.main === module) process.stdout.write(`${operationsTable()}\n`);
