/**
 * The board export formats of Wekan v11.07 (f5cc8e373) other than the JSON export: models/export.js (.zip, Kanboard,
 * the external-tool JSON, the attachment export, CSV/TSV), models/exportExcel.js, models/exportExcelCard.js and
 * models/exportPDF.js, with their builders (models/exporter.js, models/lib/exporterCsvRow.js,
 * models/lib/externalExporters.js, models/server/Exporter*.js, models/lib/exportFilename.js).
 */
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { boardZip } from '../wekan-server/models/exportFormats/zip';
import { type RichBoard, richBoard, T0, tokenUser } from './exportImportFixture';
import { seedBoard, type TestUser } from './fixtures';

interface BinaryResponse {
	status: number;
	headers: Headers;
	body: Buffer;
	text: string;
}

let b: RichBoard;
beforeEach(async () => {
	b = await richBoard();
});
afterEach(() => b.h.close());

/** A GET as a browser download makes it: `?authToken=` (the export links' way), or Bearer, or no token. */
async function download(
	path: string,
	user?: TestUser,
	how: 'authToken' | 'bearer' = 'authToken',
	query = '',
): Promise<BinaryResponse> {
	const params = new URLSearchParams(query);
	if (user && how === 'authToken') params.set('authToken', user.token);
	const qs = params.toString();
	const headers: Record<string, string> = {};
	if (user && how === 'bearer') headers.Authorization = `Bearer ${user.token}`;
	const response = await fetch(`${b.h.url}${path}${qs ? `?${qs}` : ''}`, { headers });
	const body = Buffer.from(await response.arrayBuffer());
	return { status: response.status, headers: response.headers, body, text: body.toString('utf8') };
}

const board = (suffix: string) => `/api/boards/${b.boardId}/${suffix}`;
const cardPath = (card: { _id: string; listId: string }, suffix: string) =>
	board(`lists/${card.listId}/cards/${card._id}/${suffix}`);
const json = (r: BinaryResponse) => JSON.parse(r.text);
const iso = (date: unknown) => (date instanceof Date ? date.toISOString() : ' ');

// ---- CSV / TSV ------------------------------------------------------------------------------------------------

describe('GET /api/boards/:boardId/export/csv (models/export.js:523-647)', () => {
	/** The row buildCsvCardRow (models/lib/exporterCsvRow.js:30-145) makes, as Papa.unparse quotes it. */
	function expectedRows(): string[] {
		const db = b.h.wekan.db;
		const card = (id: string) => db.cards.findOne(id);
		const fix = card(b.cards.fix._id);
		const ship = card(b.cards.ship._id);
		const sub = card(b.cards.sub._id);
		const old = card(b.cards.archived._id);
		const dates = (c: typeof fix) => [iso(c?.createdAt), iso(c?.modifiedAt), iso(c?.dateLastActivity)];
		const q = (cells: string[]) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',');
		return [
			q([
				'Fix login',
				'Users cannot log in',
				'Todo',
				'Default',
				'owen',
				'support',
				' ',
				'owen rita',
				'ada',
				'bug-red',
				'2026-02-20T08:30:00.000Z',
				'2026-03-01T10:00:00.000Z',
				' ',
				'false',
				'0',
				...dates(fix),
				' ',
				'false',
				'High',
				'3',
				'2026-04-01T00:00:00.000Z',
			]),
			// exporterCsvRow.js and papaparse's escapeFormulae: the formula-looking title gets an apostrophe; an empty
			// string is "" (only null and undefined are left unquoted); a card without custom field values gets ' '.
			q([
				"'=SUM(A1) ship it",
				'',
				'Done',
				'Ops',
				'ada',
				' ',
				' ',
				'',
				'',
				'feature-green bug-red',
				' ',
				' ',
				' ',
				'false',
				'0',
				...dates(ship),
				' ',
				'false',
				' ',
				' ',
				' ',
			]),
			q([
				'Write the test',
				'',
				'Todo',
				'Default',
				'owen',
				' ',
				' ',
				'',
				'',
				'',
				' ',
				' ',
				' ',
				'false',
				'0',
				...dates(sub),
				' ',
				'false',
				' ',
				' ',
				' ',
			]),
			q([
				'Old idea',
				'',
				'Todo',
				'Default',
				'owen',
				' ',
				' ',
				'',
				'',
				'',
				' ',
				' ',
				' ',
				'false',
				'0',
				...dates(old),
				' ',
				'true',
				' ',
				' ',
				' ',
			]),
		];
	}

	const HEADER =
		'"Title","Description","List","Swimlane","Owner","Requested By","Assigned By","Members","Assignee","Labels",' +
		'"Start","Due","End","Overtime (hours)","Spent time (hours)","Created at","Last modified at","Last activity",' +
		'"Voting","Archived","CustomField-Priority-dropdown-High/Low","CustomField-Size-number",' +
		'"CustomField-Deadline-date"';

	it('answers the CSV with a UTF-8 BOM, every cell quoted, rows ended by CRLF, linked cards left out', async () => {
		const r = await download(board('export/csv'), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		// res.writeHead: no Cache-Control, no Content-Disposition (no file name).
		expect(r.headers.get('content-disposition')).toBeNull();
		expect(r.headers.get('cache-control')).toBeNull();
		expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(r.text.slice(1)).toBe(`${[HEADER, ...expectedRows()].join('\r\n')}\r\n`);
	});

	it('is TSV with Content-Type text/tsv and no BOM when ?delimiter is a tab (:542-547)', async () => {
		const r = await download(board('export/csv'), b.owner, 'authToken', 'delimiter=%09');
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('text/tsv');
		expect(r.body[0]).toBe(0x22);
		expect(r.text.split('\r\n')[0]).toBe(HEADER.replace(/","/g, '"\t"'));
	});

	it('takes any other delimiter papaparse accepts, and ignores one with a quote or newline (:557)', async () => {
		const semicolon = await download(board('export/csv'), b.owner, 'authToken', 'delimiter=;');
		expect(semicolon.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(semicolon.text.slice(1).split('\r\n')[0]).toBe(HEADER.replace(/","/g, '";"'));
		const quote = await download(board('export/csv'), b.owner, 'authToken', 'delimiter=%22');
		expect(quote.text.slice(1).split('\r\n')[0]).toBe(HEADER);
		// An empty delimiter is a string without a bad character, so papaparse joins the cells with nothing.
		const empty = await download(board('export/csv'), b.owner, 'authToken', 'delimiter=');
		expect(empty.text.slice(1).split('\r\n')[0]).toBe(HEADER.replace(/","/g, '""'));
	});

	it('keeps only the columns of the ?fields= selection (models/lib/exportFields.js:104-137)', async () => {
		const r = await download(board('export/csv'), b.owner, 'authToken', 'fields=labels,custom-fields');
		expect(r.text.slice(1).split('\r\n')[0]).toBe(
			'"Title","Labels","Archived","CustomField-Priority-dropdown-High/Low","CustomField-Size-number",' +
				'"CustomField-Deadline-date"',
		);
		expect(r.text.slice(1).split('\r\n')[1]).toBe(
			'"Fix login","bug-red","false","High","3","2026-04-01T00:00:00.000Z"',
		);
	});

	it('ignores ?fields= on a public board, which is exported to anyone (:538-560, 605-607)', async () => {
		b.h.wekan.db.boards.update(b.boardId, { $set: { permission: 'public' } });
		const r = await download(board('export/csv'), undefined, 'authToken', 'fields=labels');
		expect(r.status).toBe(200);
		expect(r.text.slice(1).split('\r\n')[0]).toBe(HEADER);
	});

	it('refuses in its own words (:531-534, 565-600, 643-646)', async () => {
		const missing = await download('/api/boards/nope/export/csv', b.owner);
		expect([missing.status, missing.text, missing.headers.get('content-type')]).toEqual([
			404,
			'Board not found',
			null,
		]);
		const none = await download(board('export/csv'));
		expect(none.status).toBe(401);
		expect(none.headers.get('content-type')).toBe('application/json');
		expect(json(none)).toEqual({ error: 'Unauthorized' });
		const long = await download(board('export/csv'), undefined, 'authToken', `authToken=${'x'.repeat(10001)}`);
		expect([long.status, long.text, long.headers.get('content-type')]).toEqual([400, 'Invalid token', null]);
		const invalid = await download(board('export/csv'), undefined, 'authToken', 'authToken=nope');
		expect([invalid.status, invalid.text]).toEqual([401, 'Invalid token']);
		expect(invalid.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		const stranger = await download(board('export/csv'), b.stranger);
		expect([stranger.status, stranger.text, stranger.headers.get('content-type')]).toEqual([
			403,
			'Permission Error',
			null,
		]);
	});

	it('through Bearer exports only for a site admin who is a member (:597-600: looked up with isAdmin)', async () => {
		expect((await download(board('export/csv'), b.owner, 'bearer')).status).toBe(403);
		expect((await download(board('export/csv'), b.outsideAdmin, 'bearer')).status).toBe(403);
		const admin = await download(board('export/csv'), b.admin, 'bearer');
		expect(admin.status).toBe(200);
		// A read-only member exports with ?authToken=.
		expect((await download(board('export/csv'), b.reader)).status).toBe(200);
	});

	it('is not stopped by the Admin Panel switch that disables exports (buildCsvStream never asks it)', async () => {
		b.h.wekan.db.settings.update({}, { $set: { disableAllExport: true } }, { multi: true });
		expect((await download(board('export/csv'), b.owner)).status).toBe(200);
	});

	it("ends part way with safeRoute's text when a row throws: a dropdown field without items (:831-833)", async () => {
		b.h.wekan.db.customFields.raw.update({ _id: b.fields.priority }, { $unset: { 'settings.dropdownItems': '' } });
		const r = await download(board('export/csv'), b.owner);
		expect(r.status).toBe(200);
		// The BOM was already written, so only the text follows it.
		expect(r.text).toBe('\ufeffInternal server error');
	});
});

// ---- Kanboard and the external formats ----------------------------------------------------------------------

describe('Kanboard and external-tool JSON (models/export.js:48-395, models/lib/externalExporters.js)', () => {
	it('Kanboard: the active lists as columns, the active cards by sort as tasks (:51-75)', async () => {
		const r = await download(board('export/kanboard'), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/json');
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(json(r)).toEqual({
			board: { name: 'Dev Board' },
			columns: [{ title: 'Todo' }, { title: 'Done' }],
			swimlanes: [{ name: 'Default' }, { name: 'Ops' }],
			tasks: [
				{
					title: 'Fix login',
					description: 'Users cannot log in',
					column_name: 'Todo',
					swimlane_name: 'Default',
					date_due: T0.toISOString(),
					tags: ['bug'],
				},
				{
					title: '=SUM(A1) ship it',
					description: '',
					column_name: 'Done',
					swimlane_name: 'Ops',
					tags: ['feature', 'bug'],
				},
				{ title: 'Write the test', description: '', column_name: 'Todo', swimlane_name: 'Default', tags: [] },
			],
		});
	});

	it('registers one route per format, in externalExporters.js order', async () => {
		for (const format of [
			'deck',
			'openproject',
			'github',
			'gitea',
			'forgejo',
			'gitlab',
			'trello',
			'jira',
			'asana',
			'zenkit',
		]) {
			const r = await download(board(`export/${format}`), b.owner);
			expect([format, r.status, r.headers.get('content-type')]).toEqual([format, 200, 'application/json']);
		}
		// No catch-all: an unknown format is not an export route, so Meteor's app shell answers.
		const unknown = await download(board('export/notion'), b.owner);
		expect(unknown.headers.get('content-type')).toMatch(/text\/html/);
	});

	it('NextCloud Deck: stacks holding the cards whose list has that title (:64-77)', async () => {
		expect(json(await download(board('export/deck'), b.owner))).toEqual({
			title: 'Dev Board',
			stacks: [
				{
					title: 'Todo',
					cards: [
						{
							title: 'Fix login',
							description: 'Users cannot log in',
							duedate: T0.toISOString(),
							labels: [{ title: 'bug' }],
						},
						{ title: 'Write the test', description: '', labels: [] },
					],
				},
				{
					title: 'Done',
					cards: [
						{
							title: '=SUM(A1) ship it',
							description: '',
							labels: [{ title: 'feature' }, { title: 'bug' }],
						},
					],
				},
			],
		});
	});

	it('GitHub: issues, closed when the list title sounds done (:49-60)', async () => {
		expect(json(await download(board('export/github'), b.owner))).toEqual([
			{
				title: 'Fix login',
				body: 'Users cannot log in',
				state: 'open',
				labels: [{ name: 'bug' }],
				due_date: T0.toISOString(),
			},
			{ title: '=SUM(A1) ship it', body: '', state: 'closed', labels: [{ name: 'feature' }, { name: 'bug' }] },
			{ title: 'Write the test', body: '', state: 'open', labels: [] },
		]);
		const gitlab = json(await download(board('export/gitlab'), b.owner));
		expect(gitlab[1]).toEqual({
			title: '=SUM(A1) ship it',
			description: '',
			state: 'closed',
			labels: ['feature', 'bug'],
		});
		expect(gitlab[0].state).toBe('opened');
	});

	it('Trello: ids kept, `due` null when there is none, no members or checklists (:103-121)', async () => {
		const trello = json(await download(board('export/trello'), b.owner));
		expect(trello).toMatchObject({
			name: 'Dev Board',
			prefs: { background: 'blue', permissionLevel: 'private' },
			labels: [
				{ id: b.labels.bug, name: 'bug', color: 'red' },
				{ id: b.labels.feature, name: 'feature', color: 'green' },
			],
			lists: [
				{ id: b.todoId, name: 'Todo', closed: false },
				{ id: b.doneId, name: 'Done', closed: false },
			],
			checklists: [],
			actions: [],
		});
		expect(trello.cards[0]).toEqual({
			id: b.cards.fix._id,
			name: 'Fix login',
			desc: 'Users cannot log in',
			idList: b.todoId,
			due: T0.toISOString(),
			closed: false,
			idLabels: [b.labels.bug],
			idMembers: [],
			idChecklists: [],
		});
		expect(trello.cards[1].due).toBeNull();
	});

	it('Jira, Asana, ZenKit, OpenProject shapes (:79-88, 123-158)', async () => {
		const jira = json(await download(board('export/jira'), b.owner));
		expect(jira.issues[0]).toEqual({
			key: 'WEKAN-1',
			fields: {
				summary: 'Fix login',
				description: 'Users cannot log in',
				status: { name: 'Todo' },
				labels: ['bug'],
				duedate: T0.toISOString(),
			},
		});
		const asana = json(await download(board('export/asana'), b.owner));
		expect(asana.data[1]).toEqual({
			name: '=SUM(A1) ship it',
			notes: '',
			completed: true,
			memberships: [{ section: { name: 'Done' } }],
			tags: [{ name: 'feature' }, { name: 'bug' }],
		});
		const zenkit = json(await download(board('export/zenkit'), b.owner));
		expect(zenkit.stages).toEqual([{ name: 'Todo' }, { name: 'Done' }]);
		const openproject = json(await download(board('export/openproject'), b.owner));
		expect(openproject._embedded.elements[0]).toEqual({
			subject: 'Fix login',
			description: { raw: 'Users cannot log in' },
			dueDate: T0.toISOString(),
			_links: { status: { title: 'Todo' } },
		});
	});

	it('?fields= empties descriptions and labels and drops dates it does not name (gateItem, :13-20)', async () => {
		const r = json(await download(board('export/github'), b.owner, 'authToken', 'fields=comments'));
		expect(r[0]).toEqual({ title: 'Fix login', body: '', state: 'open', labels: [] });
	});

	it('refuses as the JSON export does, and exports to any active member through Bearer (:329-381)', async () => {
		for (const path of ['export/kanboard', 'export/deck']) {
			const missing = await download(`/api/boards/nope/${path}`, b.owner);
			expect([missing.status, json(missing)]).toEqual([404, { error: 'Not found' }]);
			const none = await download(board(path));
			expect([none.status, json(none)]).toEqual([401, { error: 'Unauthorized' }]);
			const long = await download(board(path), undefined, 'authToken', `authToken=${'x'.repeat(10001)}`);
			expect([long.status, json(long)]).toEqual([400, { error: 'Bad request' }]);
			const invalid = await download(board(path), undefined, 'authToken', 'authToken=nope');
			expect([invalid.status, json(invalid)]).toEqual([401, { error: 'Invalid token' }]);
			const stranger = await download(board(path), b.stranger, 'bearer');
			expect([stranger.status, json(stranger)]).toEqual([403, { error: 'Forbidden' }]);
			expect((await download(board(path), b.outsideAdmin, 'bearer')).status).toBe(403);
			expect((await download(board(path), b.reader, 'bearer')).status).toBe(200);
		}
	});
});

// ---- the attachment export --------------------------------------------------------------------------------

describe('GET /api/boards/:boardId/attachments/:attachmentId/export (models/export.js:417-506)', () => {
	const path = () => board(`attachments/${b.attachmentId}/export`);

	it('answers the attachment with its file as base64 (Exporter.build, models/exporter.js:235-262)', async () => {
		const r = await download(path(), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(json(r)).toEqual({
			_id: b.attachmentId,
			cardId: b.cards.fix._id,
			name: 'log.txt',
			type: 'text/plain',
			file: Buffer.from('stack trace').toString('base64'),
		});
	});

	it('answers {} for an attachment the board does not have, and file null when the bytes are gone', async () => {
		expect(json(await download(board('attachments/nope/export'), b.owner))).toEqual({});
		b.h.wekan.db.files.delete(b.attachmentId);
		expect(json(await download(path(), b.owner)).file).toBeNull();
	});

	it('comes before the board attachments route that also claims the path (server/imports.js:71, 309)', async () => {
		const r = await download(path(), b.owner);
		expect(json(r)).not.toHaveProperty('success');
	});

	it('through Bearer only for a site admin who is a member (:482), else 403 Forbidden', async () => {
		expect([(await download(path(), b.owner, 'bearer')).status]).toEqual([403]);
		expect(json(await download(path(), b.owner, 'bearer'))).toEqual({ error: 'Forbidden' });
		expect((await download(path(), b.admin, 'bearer')).status).toBe(200);
		expect((await download(path(), b.outsideAdmin, 'bearer')).status).toBe(403);
	});

	it("fails with safeRoute's 500 when exports are disabled (models/exporter.js:149)", async () => {
		b.h.wekan.db.settings.update({}, { $set: { disableAllExport: true } }, { multi: true });
		const r = await download(path(), b.owner);
		expect([r.status, r.text, r.headers.get('content-type')]).toEqual([
			500,
			'Internal server error',
			'text/plain; charset=utf-8',
		]);
	});
});

// ---- the .zip ---------------------------------------------------------------------------------------------

describe('GET /api/boards/:boardId/exportZip (models/export.js:207-265, models/server/ExporterZip.js)', () => {
	it('fails with 500 for anyone allowed: archiver 8 is no function (ExporterZip.js:40-46)', async () => {
		const r = await download(board('exportZip'), b.owner);
		expect([r.status, r.text, r.headers.get('content-type')]).toEqual([
			500,
			'Internal server error',
			'text/plain; charset=utf-8',
		]);
		expect(r.headers.get('content-disposition')).toBeNull();
	});

	it('refuses before that as the JSON export does', async () => {
		expect(json(await download('/api/boards/nope/exportZip', b.owner))).toEqual({ error: 'Not found' });
		expect(json(await download(board('exportZip')))).toEqual({ error: 'Unauthorized' });
		const stranger = await download(board('exportZip'), b.stranger);
		expect([stranger.status, json(stranger)]).toEqual([403, { error: 'Forbidden' }]);
	});

	it('was meant to hold wekan.json without base64 and each file as attachments/<id>-<name>', async () => {
		const { filename, buffer } = await boardZip(b.h.wekan, b.boardId, { scope: {}, fields: null });
		expect(filename).toBe('Dev-Board.zip');
		const zip = await JSZip.loadAsync(buffer);
		expect(Object.keys(zip.files).sort()).toEqual([
			'attachments/',
			`attachments/${b.attachmentId}-log.txt`,
			'wekan.json',
		]);
		const document = JSON.parse(await (zip.file('wekan.json') as JSZip.JSZipObject).async('string'));
		expect(document._format).toBe('wekan-board-1.0.0');
		expect(document.attachments).toEqual([
			{ _id: b.attachmentId, cardId: b.cards.fix._id, name: 'log.txt', type: 'text/plain' },
		]);
		expect(await (zip.file(`attachments/${b.attachmentId}-log.txt`) as JSZip.JSZipObject).async('string')).toBe(
			'stack trace',
		);
		// A selection without attachments packs no file (ExporterZip.js:105).
		const bare = await JSZip.loadAsync(
			(await boardZip(b.h.wekan, b.boardId, { scope: {}, fields: ['comments'] })).buffer,
		);
		expect(Object.keys(bare.files)).toEqual(['wekan.json']);
	});
});

// ---- Excel ------------------------------------------------------------------------------------------------

/** The sheet's cell values in row order, each merged range once. */
function cellTexts(sheet: ExcelJS.Worksheet): string[] {
	const out: string[] = [];
	sheet.eachRow((row) =>
		row.eachCell((cell) => {
			if (cell.isMerged && cell.master !== cell) return;
			out.push(String(cell.value));
		}),
	);
	return out;
}

async function workbookOf(r: BinaryResponse): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(r.body as unknown as ExcelJS.Buffer);
	return workbook;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('GET /api/boards/:boardId/exportExcel (exportExcel.js, ExporterExcelBoard.js, ExporterExcel.js)', () => {
	it('answers the card-block workbook by default, as Board-<title>.xlsx (ExporterExcelBoard.js:351)', async () => {
		const r = await download(board('exportExcel'), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe(XLSX);
		expect(r.headers.get('content-disposition')).toBe(
			`attachment; filename="Board-Dev-Board.xlsx"; filename*=UTF-8''Board-Dev-Board.xlsx`,
		);
		const workbook = await workbookOf(r);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Dev Board']);
		expect(workbook.creator).toBe('Export board');
		const sheet = workbook.worksheets[0];
		const column = (sheet.getColumn(1).values as unknown[]).filter((value) => value !== undefined).map(String);
		expect(column.slice(0, 4)).toEqual(['Dev Board', 'Members:', 'Created at:', 'Modified at:']);
		expect(sheet.getCell('B2').value).toBe('owen, ada, rita');
		// Swimlane by swimlane, list by list, each card's block (archived cards left out).
		expect(column).toEqual(
			expect.arrayContaining([
				'Swimlane: Default',
				'List: Todo (2)',
				'Fix login',
				'Write the test',
				'Swimlane: Ops',
				'List: Done (1)',
				'=SUM(A1) ship it',
			]),
		);
		expect(column).not.toContain('Old idea');
		expect(column.indexOf('Swimlane: Default')).toBeLessThan(column.indexOf('Fix login'));
		expect(column.indexOf('Fix login')).toBeLessThan(column.indexOf('Swimlane: Ops'));
	});

	it('answers the table workbook when ?fields= leaves out card-details (exportExcel.js:37-39)', async () => {
		const r = await download(board('exportExcel'), b.owner, 'authToken', 'fields=labels');
		expect(r.status).toBe(200);
		const workbook = await workbookOf(r);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Dev Board', 'Activity']);
		const sheet = workbook.worksheets[0];
		expect(sheet.getCell('A1').value).toBe('Dev Board');
		expect(sheet.getCell('B3').value).toBe('The team board');
		// ExporterExcel.js:110-116: the usernames of everyone the board names, as the _id index returns them.
		const ids = [b.admin, b.owner, b.reader].sort((x, y) => (x.id < y.id ? -1 : 1));
		expect(sheet.getCell('F5').value).toBe(ids.map((user) => user.username).join(','));
		expect((sheet.getRow(7).values as unknown[]).slice(1, 4)).toEqual(['Number', 'Title', 'Description']);
		const row8 = sheet.getRow(8).values as unknown[];
		expect(row8.slice(1, 3)).toEqual(['1', 'Fix login']);
		expect(row8[5]).toBe('owen');
		expect(row8[12]).toBe('Todo');
		expect(row8[15]).toBe('owen rita ');
		// ExporterExcel.js:77-82: every label but the board's first has a comma in front of it.
		expect(row8[18]).toBe('bug ');
		expect((sheet.getRow(9).values as unknown[])[18]).toBe(',feature bug ');
		// Linked cards aside, archived cards are in the table.
		expect((sheet.getRow(11).values as unknown[])[2]).toBe('Old idea');
		const activity = workbook.getWorksheet('Activity') as ExcelJS.Worksheet;
		expect((activity.getRow(3).values as unknown[]).slice(1)).toEqual([
			'Number',
			'Activity',
			'Card',
			'Owner',
			'Created at',
			'Last modified at',
		]);
		// The comments by the {cardId: 1, createdAt: -1} index (server/models/cardComments.js:35): newest first.
		b.h.wekan.db.card_comments.raw.update(
			{ text: 'Seen on staging' },
			{ $set: { createdAt: new Date(T0.getTime() - 1000) } },
		);
		b.h.wekan.db.card_comments.raw.update({ text: 'Fixed in 1.2' }, { $set: { createdAt: T0 } });
		const again = await workbookOf(await download(board('exportExcel'), b.owner, 'authToken', 'fields=labels'));
		const sheet2 = again.getWorksheet('Activity') as ExcelJS.Worksheet;
		expect((sheet2.getRow(4).values as unknown[]).slice(1, 5)).toEqual(['1', 'Fixed in 1.2', 'Fix login', 'owen']);
		expect((sheet2.getRow(5).values as unknown[]).slice(1, 5)).toEqual([
			'2',
			'Seen on staging',
			'Fix login',
			'rita',
		]);
	});

	it("answers the table's sheet-name failure with 500 and the file name (exportExcel.js:141-153)", async () => {
		b.h.wekan.db.boards.update(b.boardId, { $set: { title: 'Q1: plans' } });
		const r = await download(board('exportExcel'), b.owner, 'authToken', 'fields=labels');
		expect(r.status).toBe(500);
		expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(r.text).toBe(
			'Excel export failed: Worksheet name Q1: plans cannot include any of the following characters: ' +
				'* ? : \\ / [ ]',
		);
		expect(r.headers.get('content-disposition')).toContain('filename="Board-Q1-plans.xlsx"');
		// The card-block export cleans the sheet name (ExporterExcelBoard.js:33-36) and works.
		const cards = await download(board('exportExcel'), b.owner);
		expect((await workbookOf(cards)).worksheets[0].name).toBe('Q1  plans');
	});

	it('names a list or swimlane export by its position (ExporterExcelBoard.js:147-153, 351-354)', async () => {
		const list = await download(board('exportExcel'), b.owner, 'authToken', `listId=${b.doneId}`);
		expect(list.headers.get('content-disposition')).toContain('filename="List-2.xlsx"');
		const workbook = await workbookOf(list);
		expect(workbook.worksheets[0].name).toBe('Dev Board - Done');
		expect(workbook.worksheets[0].getCell('A1').value).toBe('List: Done');
		const swimlane = await download(board('exportExcel'), b.owner, 'authToken', `swimlaneId=${b.otherSwimlaneId}`);
		expect(swimlane.headers.get('content-disposition')).toContain('filename="Swimlane-2.xlsx"');
	});

	it('refuses in its own words (exportExcel.js:74-125, 154-156)', async () => {
		const missing = await download('/api/boards/nope/exportExcel', b.owner);
		expect([missing.status, missing.text, missing.headers.get('content-type')]).toEqual([
			200,
			'Board not found',
			null,
		]);
		const long = await download(board('exportExcel'), undefined, 'authToken', `authToken=${'x'.repeat(10001)}`);
		expect([long.status, long.text]).toEqual([200, 'Invalid token']);
		const invalid = await download(board('exportExcel'), undefined, 'authToken', 'authToken=nope');
		expect([invalid.status, invalid.text]).toEqual([401, 'Invalid token']);
		const none = await download(board('exportExcel'));
		expect([none.status, none.text, none.headers.get('content-type')]).toEqual([
			401,
			'Unauthorized',
			'text/plain; charset=utf-8',
		]);
		// Authentication.checkUserId: through Bearer only a site admin gets further.
		const member = await download(board('exportExcel'), b.owner, 'bearer');
		expect([member.status, member.text]).toEqual([403, 'Unauthorized']);
		const outsider = await download(board('exportExcel'), b.outsideAdmin, 'bearer');
		expect([outsider.status, outsider.text, outsider.headers.get('content-type')]).toEqual([
			200,
			'User can not export Excel',
			null,
		]);
		expect((await download(board('exportExcel'), b.admin, 'bearer')).status).toBe(200);
		const stranger = await download(board('exportExcel'), b.stranger);
		expect([stranger.status, stranger.text]).toEqual([200, 'User can not export Excel']);
	});

	it('exports a public board to anyone', async () => {
		b.h.wekan.db.boards.update(b.boardId, { $set: { permission: 'public' } });
		const r = await download(board('exportExcel'));
		expect([r.status, r.headers.get('content-type')]).toEqual([200, XLSX]);
	});
});

describe('GET /api/boards/:boardId/lists/:listId/cards/:cardId/exportExcel (models/exportExcelCard.js)', () => {
	it('answers the card in the card layout, named Card-<number>.xlsx (ExporterExcelCard.js:300-350)', async () => {
		const r = await download(cardPath(b.cards.fix, 'exportExcel'), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-disposition')).toBe(
			`attachment; filename="Card-${b.cards.fix.cardNumber}.xlsx"; ` +
				`filename*=UTF-8''Card-${b.cards.fix.cardNumber}.xlsx`,
		);
		const workbook = await workbookOf(r);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Fix login']);
		const cells = cellTexts(workbook.worksheets[0]);
		expect(cells[0]).toBe('Fix login');
		expect(cells).toEqual(
			expect.arrayContaining([
				'Board:',
				'Dev Board',
				'List:',
				'Todo',
				'Swimlane:',
				'Default',
				'Members:',
				'owen, rita',
				'Description',
				'Users cannot log in',
				'Checklists',
				'Steps',
				'1/2',
				'[ ] Reproduce',
				'[x] Patch',
				'Subtasks',
				'[ ] Write the test',
				'Comments',
				'rita: Seen on staging',
				'Attachments',
				'log.txt',
				'Custom Fields',
				'Priority:',
				'High',
				'Due:',
				'2026-03-01 10:00 UTC',
			]),
		);
	});

	it('keeps only the ?fields= sections (exportExcelCard.js:314-318)', async () => {
		const r = await download(cardPath(b.cards.fix, 'exportExcel'), b.owner, 'authToken', 'fields=comments');
		const cells = cellTexts((await workbookOf(r)).worksheets[0]);
		// No meta rows (board-info, people, dates, labels and sort are not selected), one section, two comment rows.
		expect(cells).toEqual([
			'Fix login',
			'Comments',
			expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
			'rita: Seen on staging',
			expect.stringMatching(/ UTC$/),
			'owen: Fixed in 1.2',
		]);
	});

	it('answers 404 for a board or a card that is not in that board and list (:200-227)', async () => {
		const missing = await download(
			`/api/boards/nope/lists/${b.todoId}/cards/${b.cards.fix._id}/exportExcel`,
			b.owner,
		);
		expect([missing.status, missing.text, missing.headers.get('content-type')]).toEqual([
			404,
			'Board not found',
			'text/plain; charset=utf-8',
		]);
		const wrongList = await download(board(`lists/${b.doneId}/cards/${b.cards.fix._id}/exportExcel`), b.owner);
		expect([wrongList.status, wrongList.text]).toEqual([404, 'Card not found']);
		// Before any authentication: an anonymous caller learns the same.
		expect((await download(board(`lists/${b.doneId}/cards/${b.cards.fix._id}/exportExcel`))).status).toBe(404);
	});

	it('refuses like the board Excel export, with 400 for a long token (:250-280, 330-332)', async () => {
		const long = await download(
			cardPath(b.cards.fix, 'exportExcel'),
			undefined,
			'authToken',
			`authToken=${'x'.repeat(10001)}`,
		);
		expect([long.status, long.text, long.headers.get('content-type')]).toEqual([
			400,
			'Invalid token',
			'text/plain; charset=utf-8',
		]);
		expect((await download(cardPath(b.cards.fix, 'exportExcel'), b.owner, 'bearer')).status).toBe(403);
		const stranger = await download(cardPath(b.cards.fix, 'exportExcel'), b.stranger);
		expect([stranger.status, stranger.text]).toEqual([200, 'User can not export card to Excel']);
	});
});

// ---- PDF ---------------------------------------------------------------------------------------------------

/** The text a PDF draws: its content streams inflated, pdfkit's hex strings decoded (WinAnsi). */
function pdfText(pdf: Buffer): string {
	const out: string[] = [];
	const source = pdf.toString('latin1');
	const streams = /stream\r?\n/g;
	let match: RegExpExecArray | null;
	for (;;) {
		match = streams.exec(source);
		if (!match) break;
		const start = match.index + match[0].length;
		const end = source.indexOf('endstream', start);
		try {
			const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
			for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g))
				out.push(Buffer.from(hex[1], 'hex').toString('latin1'));
			out.push('\n');
		} catch {
			// Not a deflated stream.
		}
	}
	return out.join('');
}

describe('GET /api/boards/:boardId/exportPDF and the card PDF (models/exportPDF.js, ExporterCardPDF.js)', () => {
	it('answers the board as a PDF named Board-<title>.pdf, swimlane by swimlane and list by list', async () => {
		const r = await download(board('exportPDF'), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/pdf');
		expect(r.headers.get('content-disposition')).toBe(
			`attachment; filename="Board-Dev-Board.pdf"; filename*=UTF-8''Board-Dev-Board.pdf`,
		);
		expect(r.text.startsWith('%PDF-')).toBe(true);
		const text = pdfText(r.body);
		for (const line of [
			'Dev Board',
			'Members: owen, ada, rita',
			'Swimlane: Default',
			'List: Todo (2)',
			'Fix login',
			'Swimlane: Ops',
			'List: Done (1)',
		]) {
			expect(text).toContain(line);
		}
		expect(text).not.toContain('Old idea');
	});

	it('answers a card as Card-<n>.pdf, dates in UTC unless ?tz= names a zone (ExporterCardPDF.js:56-65)', async () => {
		const r = await download(cardPath(b.cards.fix, 'exportPDF'), b.owner);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-disposition')).toContain(`filename="Card-${b.cards.fix.cardNumber}.pdf"`);
		const text = pdfText(r.body);
		expect(text).toContain('Fix login');
		expect(text).toContain('Due: 2026-03-01 10:00 UTC');
		expect(text).toContain('Seen on staging');
		const berlin = pdfText(
			(await download(cardPath(b.cards.fix, 'exportPDF'), b.owner, 'authToken', 'tz=Europe/Berlin')).body,
		);
		expect(berlin).toContain('Due: 2026-03-01 11:00');
		const dayFirst = pdfText(
			(await download(cardPath(b.cards.fix, 'exportPDF'), b.owner, 'authToken', 'dateFormat=DD-MM-YYYY')).body,
		);
		expect(dayFirst).toContain('Due: 01-03-2026 10:00 UTC');
	});

	it('refuses in its own words (exportPDF.js:97-181, 197-252)', async () => {
		const missing = await download('/api/boards/nope/exportPDF', b.owner);
		expect([missing.status, missing.text, missing.headers.get('content-type')]).toEqual([
			200,
			'Board not found',
			null,
		]);
		const none = await download(board('exportPDF'));
		expect([none.status, none.text]).toEqual([401, 'Unauthorized']);
		const long = await download(board('exportPDF'), undefined, 'authToken', `authToken=${'x'.repeat(10001)}`);
		expect([long.status, long.text]).toEqual([200, 'Invalid token']);
		const stranger = await download(board('exportPDF'), b.stranger);
		expect([stranger.status, stranger.text, stranger.headers.get('content-type')]).toEqual([
			403,
			'Unauthorized',
			'text/plain; charset=utf-8',
		]);
		const cardStranger = await download(cardPath(b.cards.fix, 'exportPDF'), b.stranger);
		expect([cardStranger.status, cardStranger.text]).toEqual([200, 'User can not export card to PDF']);
		const wrongList = await download(board(`lists/${b.doneId}/cards/${b.cards.fix._id}/exportPDF`), b.owner);
		expect([wrongList.status, wrongList.text]).toEqual([404, 'Card not found']);
		// Unlike CSV and Excel, the PDF exports take any active member through Bearer.
		expect((await download(board('exportPDF'), b.reader, 'bearer')).status).toBe(200);
		expect((await download(cardPath(b.cards.fix, 'exportPDF'), b.reader, 'bearer')).status).toBe(200);
	});

	it('is not stopped by the switch that disables exports, nor is Excel', async () => {
		b.h.wekan.db.settings.update({}, { $set: { disableAllExport: true } }, { multi: true });
		expect((await download(board('exportPDF'), b.owner)).status).toBe(200);
		expect((await download(board('exportExcel'), b.owner)).status).toBe(200);
		expect((await download(board('export/kanboard'), b.owner)).status).toBe(200);
		// The JSON export asks it (models/exporter.js:439).
		expect((await download(board('export'), b.owner)).status).toBe(500);
	});
});

describe('download names (models/lib/exportFilename.js)', () => {
	it('cleans the title and keeps a UTF-8 filename* beside an ASCII filename', async () => {
		const other = tokenUser(b.h, 'zoe');
		const { boardId } = seedBoard(b.h, other, 'Équipe / "Q2" plan');
		const r = await download(`/api/boards/${boardId}/exportPDF`, other);
		expect(r.headers.get('content-disposition')).toBe(
			`attachment; filename="Board-Equipe-Q2-plan.pdf"; filename*=UTF-8''Board-%C3%89quipe-Q2-plan.pdf`,
		);
	});
});
