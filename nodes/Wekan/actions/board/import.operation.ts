import type { IDataObject } from 'n8n-workflow';
import type { WekanOperation } from '../operation';
import type { ItemContext } from '../itemContext';
import { fetchBoard } from './boardRef';

/**
 * The sources of POST /api/boards/import/:source (server/models/boards.js:1031-1052, Wekan v9.46 or later): Wekan's
 * own importers, then the external parsers of models/lib/externalParsers.js:191-200, whose output Wekan imports as a
 * Kanboard board.
 */
const SOURCES = [
	{ name: 'Wekan JSON', value: 'wekan', description: 'A Wekan JSON export (Board > Export as Wekan JSON)' },
	{ name: 'Trello JSON', value: 'trello', description: 'A Trello board export (Menu > Print and export > JSON)' },
	{ name: 'CSV / TSV', value: 'csv', description: 'A header row and one card per row, as Wekan\'s CSV import takes it' },
	{ name: 'Excel', value: 'excel', description: 'An .xlsx file; its first sheet is read like a CSV' },
	{ name: 'Jira JSON', value: 'jira', description: 'A Jira issues export' },
	{ name: 'Kanboard JSON', value: 'kanboard', description: 'A Kanboard export' },
	{ name: 'Nextcloud Deck JSON', value: 'deck', description: 'A Nextcloud Deck board export' },
	{ name: 'OpenProject JSON', value: 'openproject', description: 'OpenProject work packages' },
	{ name: 'GitHub JSON', value: 'github', description: 'GitHub issues' },
	{ name: 'GitLab JSON', value: 'gitlab', description: 'GitLab issues' },
	{ name: 'Gitea / Forgejo JSON', value: 'gitea', description: 'Gitea or Forgejo issues' },
	{ name: 'Asana JSON', value: 'asana', description: 'An Asana project export' },
	{ name: 'Zenkit JSON', value: 'zenkit', description: 'A Zenkit collection export' },
];

/** Parses CSV or TSV text into rows of cells (RFC 4180 quoting); the delimiter is a tab when the header has one. */
export function parseDelimited(text: string): string[][] {
	const source = text.replace(/^\uFEFF/, '');
	const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = firstLine.includes('\t') ? '\t' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (quoted) {
			if (ch === '"' && source[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') {
				quoted = false;
			} else {
				cell += ch;
			}
		} else if (ch === '"' && cell === '') {
			quoted = true;
		} else if (ch === delimiter) {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && source[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else {
			cell += ch;
		}
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows.filter((r) => r.some((c) => c !== ''));
}

async function sourceData(item: ItemContext, source: string): Promise<unknown> {
	const input = item.raw('inputType', 'binary');
	if (input === 'binary') {
		const property = item.string('binaryPropertyName', 'Input Binary Field').trim();
		item.fn.helpers.assertBinaryData(item.itemIndex, property);
		const bytes = await item.fn.helpers.getBinaryDataBuffer(item.itemIndex, property);
		if (source === 'excel') return { excelBase64: bytes.toString('base64') };
		const text = bytes.toString('utf8');
		if (source === 'csv') return parseDelimited(text);
		try {
			return JSON.parse(text.replace(/^\uFEFF/, ''));
		} catch {
			throw item.fail(`The file in "${property}" is not JSON`, 'Choose the source that matches the file, e.g. CSV for a .csv file.');
		}
	}
	if (input !== 'json') throw item.fail('Input must be "binary" or "json"');
	if (source === 'excel') throw item.fail('An Excel file can only be imported from a binary field');
	let value = item.raw('data', '');
	if (typeof value === 'string') {
		if (!value.trim()) throw item.fail('Data is required');
		if (source === 'csv' && !/^\s*[[{]/.test(value)) return parseDelimited(value);
		try {
			value = JSON.parse(value);
		} catch {
			throw item.fail('Data is not valid JSON');
		}
	}
	return value;
}

function membersMapping(item: ItemContext): IDataObject | undefined {
	let value = item.raw('membersMapping', '');
	if (value === '' || value === undefined || value === null) return undefined;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			value = JSON.parse(value);
		} catch {
			throw item.fail('Members Mapping is not valid JSON');
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw item.fail('Members Mapping must be a JSON object', 'Map each member ID of the export to a Wekan user ID: {"<id in the export>": "<Wekan user ID>"}.');
	}
	for (const [from, to] of Object.entries(value)) {
		if (typeof to !== 'string' || !to.trim()) throw item.fail(`Members Mapping: "${from}" must map to a Wekan user ID`);
	}
	return value as IDataObject;
}

export const importBoard: WekanOperation = {
	value: 'import',
	name: 'Import',
	action: 'Import a board',
	description:
		'Create a new board from an export: Wekan JSON, Trello, CSV, Excel, Jira, Kanboard and the other sources Wekan imports. The credential\'s user becomes the new board\'s only admin. Returns the new board. Wekan v9.46 or later.',
	properties: [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			options: SOURCES,
			default: 'wekan',
		},
		{
			displayName: 'Input',
			name: 'inputType',
			type: 'options',
			options: [
				{ name: 'Binary File', value: 'binary', description: 'A file in a binary field of the input item' },
				{ name: 'JSON', value: 'json', description: 'The export as JSON (or CSV text) in a parameter' },
			],
			default: 'binary',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { inputType: ['binary'] } },
			hint: 'The name of the input binary field holding the file',
		},
		{
			displayName: 'Data',
			name: 'data',
			type: 'json',
			default: '',
			required: true,
			displayOptions: { show: { inputType: ['json'] } },
			description: 'The export: a JSON object (an array for CSV rows), or CSV text',
		},
		{
			displayName: 'Members Mapping',
			name: 'membersMapping',
			type: 'json',
			default: '',
			description:
				'Optional: which Wekan user each member of the export becomes, as a JSON object whose keys are member IDs of the export and whose values are Wekan user IDs. Unmapped members\' cards, comments and activities are attributed to the credential\'s user.',
		},
	],
	// A new board: it waits for no other item's objects.
	writes: () => ['board:new'],
	async run(item) {
		const source = String(item.raw('source', 'wekan'));
		if (!SOURCES.some((s) => s.value === source)) throw item.fail(`"${source}" is not an import source Wekan lists`);
		const data = await sourceData(item, source);
		if (source === 'csv' ? !Array.isArray(data) : typeof data !== 'object' || data === null) {
			throw item.fail(source === 'csv' ? 'CSV data must be rows (an array)' : 'The export must be a JSON object');
		}
		if (source === 'csv' && (data as unknown[]).length < 2) throw item.fail('The CSV needs a header row and at least one card row');
		const mapping = membersMapping(item);
		// Wekan JSON goes to /api/boards/import, which the Admin Panel's "disable all import" does not stop.
		const answer = await item
			.request({
				method: 'POST',
				path: source === 'wekan' ? '/api/boards/import' : `/api/boards/import/${encodeURIComponent(source)}`,
				body: { board: data as IDataObject, ...(mapping ? { membersMapping: mapping } : {}) },
				permission: 'login',
			})
			.catch((error: unknown) => error as Error);
		// Wekan answers every refusal of an import as a 200 whose body is the error (a Match error, a TypeError's {}).
		const status = answer instanceof Error ? String((answer as { httpCode?: unknown }).httpCode ?? '') : '200';
		if (answer instanceof Error && !['400', '404', '500'].includes(status)) throw answer;
		if (answer instanceof Error || typeof answer._id !== 'string') {
			const reason =
				answer instanceof Error
					? answer.message.replace(/^Wekan failed with an internal error: /, '')
					: String(answer.reason ?? answer.message ?? answer.error ?? '').slice(0, 200) || 'no reason given';
			throw item.fail(
				`Wekan did not import the ${source} export: ${reason}`,
				'Nothing was created. Check that Source matches the file (a Trello JSON export for Trello, a header row and card rows for CSV). A Wekan admin may also have disabled imports (Admin Panel), which stops every source but Wekan JSON.',
			);
		}
		const boardId = item.checkId(answer._id, 'The new board\'s ID');
		item.writesDone();
		try {
			return await fetchBoard(item, boardId);
		} catch (error) {
			throw item.fail(
				`Board ${boardId} was imported, but reading it back failed: ${(error as Error).message}`,
				'It exists in Wekan. Do not run this item again, or it will be imported twice.',
			);
		}
	},
};
