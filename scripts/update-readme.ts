/** Rewrites the README's operations table from the node's description and joins docs/wekan-routes.md. Run: npm run docs */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationsTable } from './operations-table';
import { routesDocPath, routesDocument } from './routes-doc';

const path = join(__dirname, '..', 'README.md');
const readme = readFileSync(path, 'utf8');
const updated = readme.replace(
	/<!-- operations:start -->[\s\S]*<!-- operations:end -->/,
	`<!-- operations:start -->\n${operationsTable()}\n<!-- operations:end -->`,
);
writeFileSync(path, updated);
writeFileSync(routesDocPath, routesDocument());
