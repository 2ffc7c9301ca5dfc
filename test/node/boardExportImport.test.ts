import type { IDataObject } from 'n8n-workflow';
import JSZip from 'jszip';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { addBoardLabel } from '../wekan-server/models/boards';
import { createChecklist } from '../wekan-server/models/checklists';
import { createComment } from '../wekan-server/models/comments';
import { createCustomField } from '../wekan-server/models/customFields';
import { parseDelimited } from '../../nodes/Wekan/actions/board/import.operation';
import { dispositionFileName } from '../../nodes/Wekan/actions/board/export.operation';
import { expectFailure, normalUser, op, requestsSince, runCounting } from './nodeTestKit';

const board = (operation: string, parameters = {}, credentialId?: string) => op('board', operation, parameters, credentialId);

describe('Board Export and Import through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;

	/** A board with lists, cards, labels, a checklist, comments, a custom field value and a rule. */
	async function richBoard(title: string) {
		const b = w().createBoard({ title, ownerId: f.adminId });
		const swimlaneId = w().defaultSwimlaneId(b._id)!;
		const todo = w().createList(b._id, 'Todo', swimlaneId, 0)._id;
		const done = w().createList(b._id, 'Done', swimlaneId, 1)._id;
		addBoardLabel(w(), w().db.boards.findOne(b._id) as never, 'bug', 'red');
		const labelId = w().db.boards.findOne(b._id)!.labels!.find((l) => l.name === 'bug')!._id;
		const size = createCustomField(w(), b._id, { name: 'Size', type: 'number' } as never)._id;
		const card = w().createCard({
			title: 'Fix login',
			boardId: b._id,
			listId: todo,
			swimlaneId,
			userId: f.adminId,
			labelIds: [labelId],
			customFields: [{ _id: size, value: 3 }],
		} as never);
		w().createCard({ title: 'Ship', boardId: b._id, listId: done, swimlaneId, userId: f.adminId });
		createChecklist(w(), { cardId: card._id, title: 'Steps', items: ['Reproduce', 'Patch'] });
		createComment(w(), { boardId: b._id, cardId: card._id, text: 'Seen on staging', userId: f.adminId });
		const rule = await f.engine.run(
			op('rule', 'create', { boardId: rl(b._id), title: 'Archive done', triggerKind: 'cardMovedTo', triggerListId: rl(done), actionKind: 'archive' }),
		);
		expect(rule.error).toBeUndefined();
		return { boardId: b._id, cardId: card._id };
	}

	function binaryOf(result: ReturnType<typeof Object>, property = 'data'): IDataObject {
		return (result as { items(n: string): Array<{ binary?: Record<string, IDataObject> }> }).items('Wekan')[0].binary![property];
	}

	it('exports Wekan JSON and imports it again as a new board with its parts', async () => {
		const { boardId } = await richBoard('Round Trip');
		const exported = await f.engine.run(board('export', { boardId: rl(boardId), format: 'json', binaryPropertyName: 'file' }));
		expect(exported.error).toBeUndefined();
		expect(exported.json('Wekan')[0]).toMatchObject({ boardId, format: 'json', mimeType: 'application/json', fileName: `wekan-board-${boardId}.json` });
		const file = binaryOf(exported, 'file');
		expect(file).toMatchObject({ mimeType: 'application/json', fileName: `wekan-board-${boardId}.json` });
		const doc = JSON.parse(Buffer.from(String(file.data), 'base64').toString('utf8'));
		expect(doc.title).toBe('Round Trip');

		// The export goes into Import as the binary data it came out as.
		const imported = await f.engine.runNode(board('import', { source: 'wekan', inputType: 'binary', binaryPropertyName: 'file' }), 'Wekan', [
			{ json: {}, binary: { file: file as never } },
		]);
		expect(imported.error).toBeUndefined();
		const [copy] = imported.json('Wekan');
		const newId = String(copy._id);
		expect(newId).not.toBe(boardId);
		expect(String(copy.title)).toMatch(/^Round Trip/);
		const db = w().db;
		expect(db.lists.find({ boardId: newId }).map((l) => l.title).sort()).toEqual(['Done', 'Todo']);
		const cards = db.cards.find({ boardId: newId });
		expect(cards.map((c) => c.title).sort()).toEqual(['Fix login', 'Ship']);
		const fix = cards.find((c) => c.title === 'Fix login')!;
		expect(db.boards.findOne(newId)!.labels!.find((l) => l._id === fix.labelIds[0])).toMatchObject({ name: 'bug' });
		const field = db.customFields.findOne({ boardIds: newId })!;
		expect(field).toMatchObject({ name: 'Size' });
		expect(fix.customFields).toContainEqual(expect.objectContaining({ _id: field._id, value: 3 }));
		expect(db.checklists.findOne({ cardId: fix._id })).toMatchObject({ title: 'Steps' });
		expect(db.checklistItems.find({ cardId: fix._id }).map((i) => i.title).sort()).toEqual(['Patch', 'Reproduce']);
		expect(db.card_comments.find({ cardId: fix._id }).map((c) => c.text)).toEqual(['Seen on staging']);
		const rules = await f.engine.run(op('rule', 'getAll', { boardId: rl(newId), returnAll: true }));
		expect(rules.json('Wekan')).toEqual([
			expect.objectContaining({ title: 'Archive done', trigger: expect.objectContaining({ listName: 'Done' }), action: expect.objectContaining({ actionType: 'archive' }) }),
		]);
	});

	it('imports Wekan JSON given as a parameter, with a members mapping', async () => {
		const { boardId } = await richBoard('From JSON');
		const exported = await f.engine.run(board('export', { boardId: rl(boardId), format: 'jsonNoAttachments' }));
		const text = Buffer.from(String(binaryOf(exported).data), 'base64').toString('utf8');
		const other = w().createUser({ username: 'mapped', email: 'mapped@example.com', password: 'Pa55-word-x!' });
		const imported = await f.engine.run(
			board('import', { source: 'wekan', inputType: 'json', data: text, membersMapping: JSON.stringify({ [f.adminId]: other._id }) }),
		);
		expect(imported.error).toBeUndefined();
		expect(String(imported.json('Wekan')[0].title)).toMatch(/^From JSON/);
	});

	it('migrates a Trello export and a CSV file into new boards', async () => {
		const trello = {
			id: 't1',
			name: 'From Trello',
			desc: '',
			prefs: { background: 'blue', permissionLevel: 'private' },
			labels: [{ id: 'tl1', name: 'Urgent', color: 'red' }],
			lists: [{ id: 'tlist1', name: 'Backlog', closed: false, pos: 1 }],
			cards: [{ id: 'tc1', name: 'Trello card', desc: 'from trello', idList: 'tlist1', idLabels: ['tl1'], closed: false, pos: 1, idMembers: [], dateLastActivity: '2026-01-01T00:00:00.000Z' }],
			checklists: [],
			actions: [],
			members: [],
		};
		const fromTrello = await f.engine.run(board('import', { source: 'trello', inputType: 'json', data: JSON.stringify(trello) }));
		expect(fromTrello.error).toBeUndefined();
		const trelloId = String(fromTrello.json('Wekan')[0]._id);
		expect(w().db.lists.find({ boardId: trelloId }).map((l) => l.title)).toContain('Backlog');
		expect(w().db.cards.find({ boardId: trelloId }).map((c) => c.title)).toEqual(['Trello card']);

		const csv = 'Title,Description,Stage\n"Card, one","Line ""quoted""",Todo\nCard two,,Done\n';
		const fromCsv = await f.engine.runNode(board('import', { source: 'csv', inputType: 'binary' }), 'Wekan', [
			{ json: {}, binary: { data: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv', fileName: 'cards.csv' } as never } },
		]);
		expect(fromCsv.error).toBeUndefined();
		const csvId = String(fromCsv.json('Wekan')[0]._id);
		expect(w().db.cards.find({ boardId: csvId }).map((c) => c.title).sort()).toEqual(['Card two', 'Card, one']);
	});

	it('parses CSV and TSV with quotes, and reads Content-Disposition names', () => {
		expect(parseDelimited('\uFEFFa,b\r\n"x, ""y""",z\n')).toEqual([['a', 'b'], ['x, "y"', 'z']]);
		expect(parseDelimited('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
		expect(dispositionFileName('attachment; filename="Board.xlsx"; filename*=UTF-8\'\'B%C3%B6rd.xlsx')).toBe('Börd.xlsx');
		expect(dispositionFileName('attachment; filename="export.zip"')).toBe('export.zip');
	});

	it('exports Excel and PDF with the file name Wekan gives, and CSV', async () => {
		const { boardId } = await richBoard('Files');
		const excel = await f.engine.run(board('export', { boardId: rl(boardId), format: 'excel' }));
		expect(excel.error).toBeUndefined();
		const xlsx = binaryOf(excel);
		expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(String(xlsx.fileName)).toMatch(/\.xlsx$/);
		const zip = await JSZip.loadAsync(Buffer.from(String(xlsx.data), 'base64'));
		expect(Object.keys(zip.files)).toContain('[Content_Types].xml');

		const pdf = await f.engine.run(board('export', { boardId: rl(boardId), format: 'pdf' }));
		expect(pdf.error).toBeUndefined();
		expect(binaryOf(pdf).mimeType).toBe('application/pdf');
		expect(Buffer.from(String(binaryOf(pdf).data), 'base64').subarray(0, 5).toString()).toBe('%PDF-');

		const csv = await f.engine.run(board('export', { boardId: rl(boardId), format: 'csv' }));
		expect(csv.error).toBeUndefined();
		expect(Buffer.from(String(binaryOf(csv).data), 'base64').toString('utf8')).toContain('Fix login');
		const deck = await f.engine.run(board('export', { boardId: rl(boardId), format: 'deck' }));
		expect(JSON.parse(Buffer.from(String(binaryOf(deck).data), 'base64').toString('utf8'))).toMatchObject({ title: 'Files' });
	});

	it('maps Wekan\'s failures to clear errors: ZIP in v11.07, exports disabled, not a member, Excel for a non-admin', async () => {
		const { boardId } = await richBoard('Failures');
		const zip = await f.engine.run(board('export', { boardId: rl(boardId), format: 'zip' }));
		expect(expectFailure(zip)).toContain('ZIP export fails on the server');

		const { credentialId: strangerCred } = normalUser(f, 'exportstranger');
		const stranger = await f.engine.run(board('export', { boardId: rl(boardId), format: 'json' }, strangerCred));
		expect(expectFailure(stranger)).toContain(`Only active members of board ${boardId} may export it`);

		const { credentialId: memberCred } = normalUser(f, 'exportmember', boardId);
		const excel = await f.engine.run(board('export', { boardId: rl(boardId), format: 'excel' }, memberCred));
		expect(expectFailure(excel)).toContain('only site admins export Excel');
		const memberJson = await f.engine.run(board('export', { boardId: rl(boardId), format: 'json' }, memberCred));
		expect(memberJson.error).toBeUndefined();

		const settingsId = w().db.settings.findOne({})!._id;
		w().db.settings.raw.update(settingsId, { $set: { disableAllExport: true } });
		try {
			const disabled = await f.engine.run(board('export', { boardId: rl(boardId), format: 'json' }));
			expect(expectFailure(disabled)).toContain('disabled exports');
		} finally {
			w().db.settings.raw.update(settingsId, { $set: { disableAllExport: false } });
		}
	});

	it('reports the admin switch that disables imports', async () => {
		const settingsId = w().db.settings.findOne({})!._id;
		w().db.settings.raw.update(settingsId, { $set: { disableAllImport: true } });
		try {
			const result = await f.engine.run(board('import', { source: 'trello', inputType: 'json', data: '{"name": "x", "lists": [], "cards": []}' }));
			expect(expectFailure(result)).toContain('Wekan did not import the trello export: Import is disabled by the administrator');
		} finally {
			w().db.settings.raw.update(settingsId, { $set: { disableAllImport: false } });
		}
	});

	it('validates an import before any request and sends it once', async () => {
		const bad = await runCounting(f, board('import', { source: 'wekan', inputType: 'json', data: '{not json' }));
		expect(expectFailure(bad.result)).toContain('Data is not valid JSON');
		expect(bad.requests).toBe(0);
		const mapping = await runCounting(f, board('import', { source: 'wekan', inputType: 'json', data: '{}', membersMapping: '[1]' }));
		expect(expectFailure(mapping.result)).toContain('Members Mapping must be a JSON object');
		expect(mapping.requests).toBe(0);
		const from = w().log.length;
		const refused = await f.engine.run(board('import', { source: 'jira', inputType: 'json', data: '[1]' }));
		expect(expectFailure(refused)).toContain('Wekan did not import the jira export');
		expect(requestsSince(f, from).filter((r) => r.startsWith('POST'))).toHaveLength(1);
	});
});
