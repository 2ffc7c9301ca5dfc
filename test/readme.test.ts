import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationsTable } from '../scripts/operations-table';
import { routesDocPath, routesDocument } from '../scripts/routes-doc';

describe('README', () => {
	const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

	it('lists exactly the operations the node has', () => {
		const start = readme.indexOf('<!-- operations:start -->');
		const end = readme.indexOf('<!-- operations:end -->');
		expect(start).toBeGreaterThan(-1);
		expect(readme.slice(start + '<!-- operations:start -->'.length, end).trim()).toBe(operationsTable());
	});

	it('has docs/wekan-routes.md joined from every fragment (npm run docs)', () => {
		const joined = readFileSync(routesDocPath, 'utf8');
		expect(joined).toBe(routesDocument());
		expect(joined).toContain('| Card > Create |');
	});

	it('gives the two developer commands that CI runs', () => {
		expect(readme).toContain('npm ci && npm run demo');
		expect(readme).toContain('npm test');
		const ci = readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8');
		expect(ci).toContain('npm test');
		expect(ci).toContain('npm run demo');
	});
});
