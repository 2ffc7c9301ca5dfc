/**
 * Joins the per-resource tables in docs/wekan-routes/ into docs/wekan-routes.md, the one page that holds every
 * operation against the Wekan source it calls.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fragmentsDir = join(__dirname, '..', 'docs', 'wekan-routes');
export const routesDocPath = join(__dirname, '..', 'docs', 'wekan-routes.md');

/** Section order and titles; a fragment not named here is appended under its file name. */
const sections: Array<[file: string, title: string]> = [
	['cross.md', 'Every request: authentication, the API gate and failure shapes'],
	['users.md', 'Users, board members and the credential'],
	['boards.md', 'Boards, lists, swimlanes and labels'],
	['cards.md', 'Cards'],
	['children.md', 'Checklists, comments, custom fields, attachments and webhooks'],
	['rules-dependencies-export.md', 'Rules, card dependencies, card settings, board export and import'],
	['triggers.md', 'Triggers'],
];

export function routesDocument(): string {
	const files = existsSync(fragmentsDir) ? readdirSync(fragmentsDir).filter((name) => name.endsWith('.md')) : [];
	const known = sections.filter(([file]) => files.includes(file));
	const others = files.filter((file) => !sections.some(([name]) => name === file)).sort();
	const parts = [...known, ...others.map((file): [string, string] => [file, file.replace(/\.md$/, '')])].map(
		([file, title]) => `## ${title}\n\n${readFileSync(join(fragmentsDir, file), 'utf8').trim()}\n`,
	);
	return [
		'# What each operation asks of Wekan',
		'',
		'Every operation, trigger request and credential request of this package, held against the Wekan source it',
		'calls (v11.07, commit f5cc8e373, unless a row names another version): the routes, where Wekan handles them,',
		'what Wekan does that a user would not expect, how the node deals with it, and the oldest Wekan release where',
		'the operation works. Generated from `docs/wekan-routes/*.md` by `npm run docs`.',
		'',
		...parts,
	].join('\n');
}
