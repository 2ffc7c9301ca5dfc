/** Rewrites the README's operations table from the node's description. Run: npm run docs */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationsTable } from './operations-table';

const path = join(__dirname, '..', 'README.md');
const readme = readFileSync(path, 'utf8');
const updated = readme.replace(
	/<!-- operations:start -->[\s\S]*<!-- operations:end -->/,
	`<!-- operations:start -->\n${operationsTable()}\n<!-- operations:end -->`,
);
writeFileSync(path, updated);
