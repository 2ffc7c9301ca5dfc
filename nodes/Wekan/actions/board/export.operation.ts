import type { IDataObject } from 'n8n-workflow';
import { boardLocator } from '../../../shared/locators';
import { type BinaryResponse, seg } from '../../../shared/transport';
import { OutputItems, readsOnly, type WekanOperation } from '../operation';
import type { ItemContext } from '../itemContext';

interface ExportFormat {
	value: string;
	name: string;
	description: string;
	path: string;
	qs?: IDataObject;
	/** The Content-Type a file of this format comes with; anything else is Wekan's refusal in words. */
	type: RegExp;
	extension: string;
	mimeType: string;
}

const JSON_TYPE = /json/i;

/** External tools Wekan writes JSON for (models/lib/externalExporters.js:161, Wekan v9.46 or later). */
const EXTERNAL = [
	{ value: 'asana', name: 'Asana' },
	{ value: 'deck', name: 'Nextcloud Deck' },
	{ value: 'gitlab', name: 'GitLab' },
	{ value: 'jira', name: 'Jira' },
	{ value: 'kanboard', name: 'Kanboard' },
	{ value: 'openproject', name: 'OpenProject' },
	{ value: 'trello', name: 'Trello' },
	{ value: 'zenkit', name: 'Zenkit' },
];

const FORMATS: ExportFormat[] = [
	{
		value: 'json',
		name: 'Wekan JSON',
		description: 'Everything Wekan can import again: lists, cards, labels, checklists, comments, custom fields, rules, attachments',
		path: '/export',
		type: JSON_TYPE,
		extension: 'json',
		mimeType: 'application/json',
	},
	{
		value: 'jsonNoAttachments',
		name: 'Wekan JSON Without Attachments',
		description: 'The same without the attachments\' file contents, much smaller',
		path: '/export',
		qs: { attachments: 'false' },
		type: JSON_TYPE,
		extension: 'json',
		mimeType: 'application/json',
	},
	{
		value: 'zip',
		name: 'ZIP (JSON and Attachment Files)',
		description: 'Wekan v10.92 or later; Wekan v11.07\'s own ZIP export fails on the server',
		path: '/exportZip',
		type: /zip|octet-stream/i,
		extension: 'zip',
		mimeType: 'application/zip',
	},
	{
		value: 'csv',
		name: 'CSV',
		description: 'One card per row. Through the API only a site admin may (see the operation notes).',
		path: '/export/csv',
		type: /text\/csv/i,
		extension: 'csv',
		mimeType: 'text/csv',
	},
	{
		value: 'tsv',
		name: 'TSV',
		description: 'One card per row, tab-separated. Through the API only a site admin may.',
		path: '/export/csv',
		qs: { delimiter: '\t' },
		type: /text\/tsv/i,
		extension: 'tsv',
		mimeType: 'text/tab-separated-values',
	},
	{
		value: 'excel',
		name: 'Excel',
		description: 'An .xlsx workbook. Through the API only a site admin who is a board member may.',
		path: '/exportExcel',
		type: /spreadsheetml/i,
		extension: 'xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	},
	{
		value: 'pdf',
		name: 'PDF',
		description: 'The board as a PDF document',
		path: '/exportPDF',
		type: /application\/pdf/i,
		extension: 'pdf',
		mimeType: 'application/pdf',
	},
	...EXTERNAL.map((tool) => ({
		value: tool.value,
		name: `${tool.name} JSON`,
		description: `The board in ${tool.name}'s import format (Wekan v9.46 or later)`,
		path: `/export/${tool.value}`,
		type: JSON_TYPE,
		extension: 'json',
		mimeType: 'application/json',
	})),
];

function header(headers: IDataObject, name: string): string {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return value === undefined ? '' : String(value);
}

/** The file name of a Content-Disposition header: the UTF-8 `filename*` first, else `filename`. */
export function dispositionFileName(disposition: string): string | undefined {
	const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A malformed escape: fall back to the plain name.
		}
	}
	const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name || undefined;
}

/** Wekan's words when it answers a refusal as a 200 text (Excel, PDF), cut short. */
function refusalText(body: Buffer): string {
	return body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
}

async function fetchExport(item: ItemContext, boardId: string, format: ExportFormat): Promise<BinaryResponse> {
	const answer = await item
		.request<BinaryResponse>({
			method: 'GET',
			path: `/api/boards/${seg(boardId)}${format.path}`,
			qs: format.qs,
			binary: true,
			permission: 'board-read',
			notFound: `No board with ID ${boardId}`,
			forbidden:
				format.value === 'csv' || format.value === 'tsv' || format.value === 'excel'
					? `Wekan lets only site admins export ${format.name} through its API`
					: `Only active members of board ${boardId} may export it`,
		})
		.catch((error: unknown) => error as Error);
	if (!(answer instanceof Error)) return answer;
	if (Number((answer as { httpCode?: unknown }).httpCode ?? 0) === 500) {
		const hint =
			format.value === 'zip'
				? 'Wekan v11.07\'s ZIP export fails on the server before it sends anything (its archiver library is called the old way). Export as Wekan JSON instead.'
				: 'A Wekan admin may have disabled exports (Admin Panel > Settings > disable all exports), or the board could not be exported. Check Wekan\'s server log.';
		throw item.fail(`Wekan could not export board ${boardId} as ${format.name}`, hint);
	}
	throw answer;
}

export const exportBoard: WekanOperation = {
	value: 'export',
	name: 'Export',
	action: 'Export a board',
	description:
		'Export a board as a file in a binary property: Wekan JSON (to import again), ZIP, CSV, TSV, Excel, PDF, or another tool\'s JSON. Any active board member may, except that Wekan lets only site admins export CSV, TSV and Excel with an API token.',
	properties: [
		boardLocator(),
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: FORMATS.map((f) => ({ name: f.name, value: f.value, description: f.description })),
			default: 'json',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	],
	writes: readsOnly,
	async run(item) {
		const boardId = item.locatorId('boardId', 'Board');
		const format = FORMATS.find((f) => f.value === item.raw('format', 'json'));
		if (!format) throw item.fail(`"${String(item.raw('format'))}" is not an export format`);
		const property = item.string('binaryPropertyName', 'Put Output File in Field').trim();
		const answer = await fetchExport(item, boardId, format);
		const contentType = header(answer.headers, 'content-type');
		if (/text\/html/i.test(contentType)) {
			throw item.fail(
				`This Wekan has no ${format.name} export route`,
				'It answered with its web page: the Wekan version is older than this export format (the format\'s description says which version it needs), or the credential\'s URL is not Wekan.',
			);
		}
		// Wekan answers some refusals (not a member, a missing board) with a 200 text instead of the file.
		if (!format.type.test(contentType)) {
			throw item.fail(
				`Wekan sent no ${format.name} file for board ${boardId}`,
				`It answered: "${refusalText(answer.body)}". The credential's user must be an active member of the board${format.value === 'excel' ? ' and a Wekan site admin' : ''}.`,
			);
		}
		const fileName =
			dispositionFileName(header(answer.headers, 'content-disposition')) ?? `wekan-board-${boardId}.${format.extension}`;
		const mimeType = contentType.split(';')[0].trim() || format.mimeType;
		const binary = await item.fn.helpers.prepareBinaryData(answer.body, fileName, mimeType);
		return new OutputItems([
			{
				json: { boardId, format: format.value, fileName, mimeType, fileSize: answer.body.length },
				binary: { [property]: binary },
			},
		]);
	},
};
