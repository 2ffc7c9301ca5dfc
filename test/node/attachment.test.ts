import type { IDataObject } from 'n8n-workflow';
import { rl, type WorkflowJson } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { cardUrl, expectFailure, normalUser, newCard, op, runCounting } from './nodeTestKit';

describe('attachment', () => {
	let f: Fixture;
	beforeAll(async () => {
		// A short stream timeout, so a JSON-typed upload (which Wekan never reads) fails fast instead of in 30 s.
		f = await startFixture({ attachmentStreamTimeoutMs: 300 });
		f.server.wekan.store.boards.get(f.boardId)!.allowsAttachments = true;
	});
	afterAll(() => f.close());

	const attachment = (operation: string, parameters = {}, credentialId?: string) => op('attachment', operation, parameters, credentialId);

	const file = (text: string, fileName = 'notes.txt', mimeType = 'text/plain') => ({
		json: {},
		binary: { data: { data: Buffer.from(text).toString('base64'), mimeType, fileName } },
	});

	const upload = (json: WorkflowJson, text = 'hello wekan', fileName?: string) => f.engine.runNode(json, 'Wekan', [file(text, fileName)]);

	describe('Upload', () => {
		it('uploads a binary property to the card\'s own board, swimlane and list, as text/plain JSON', async () => {
			const card = newCard(f, 'With file');
			const result = await upload(attachment('upload', { cardId: rl(cardUrl(f, card), 'url'), binaryPropertyName: 'data' }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({
				fileName: 'notes.txt',
				fileSize: 11,
				fileType: 'text/plain',
				boardId: f.boardId,
				swimlaneId: f.swimlaneId,
				listId: f.todoListId,
				cardId: card._id,
			});
			const stored = f.server.wekan.store.attachments.get(String(out.attachmentId))!;
			expect(stored.data.toString()).toBe('hello wekan');
			expect(stored).toMatchObject({ cardId: card._id, listId: f.todoListId, name: 'notes.txt', type: 'text/plain' });
			// A JSON-typed body would have hung until the stream timeout and failed with 408.
			expect(f.server.wekan.requests('POST', '/api/attachment/upload').map((r) => r.status)).toEqual([200]);
		});

		it('uses the card\'s current list after the card moved, and the file name option', async () => {
			const card = newCard(f, 'Moved');
			card.listId = f.doneListId;
			const result = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'data', options: { fileName: 'report.txt' } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ fileName: 'report.txt', listId: f.doneListId });
		});

		it('fails before any request when the binary property is missing', async () => {
			const card = newCard(f);
			const before = f.server.wekan.log.length;
			const result = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'file' }));
			expect(expectFailure(result)).toMatch(/file/);
			expect(f.server.wekan.log.length).toBe(before);
		});

		it('is refused to a read-only member and stores nothing', async () => {
			const card = newCard(f);
			const { credentialId } = normalUser(f, 'at-reader', f.boardId, { isReadOnly: true });
			const result = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'data' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(f.server.wekan.store.attachments.find((a) => a.cardId === card._id)).toHaveLength(0);
		});

		it('says so when the board does not allow attachments, and sends the upload once', async () => {
			const w = f.server.wekan;
			const board = w.createBoard({ title: 'No Files', ownerId: f.adminId });
			const swimlaneId = w.defaultSwimlaneId(board._id)!;
			const list = w.createList(board._id, 'L', swimlaneId);
			w.store.boards.get(board._id)!.allowsAttachments = false;
			const card = w.store.newCard({ title: 'c', boardId: board._id, listId: list._id, swimlaneId, userId: f.adminId });
			const before = w.requests('POST', '/api/attachment/upload').length;
			const result = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'data' }));
			expect(expectFailure(result)).toContain('Attachments are not allowed on this board');
			expect(w.requests('POST', '/api/attachment/upload').length - before).toBe(1);
		});
	});

	describe('Download', () => {
		it('downloads an attachment into a binary property', async () => {
			const card = newCard(f);
			const up = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'data' }), 'file body', 'body.txt');
			const attachmentId = String(up.json('Wekan')[0].attachmentId);
			const result = await f.engine.run(attachment('download', { attachmentId, binaryPropertyName: 'file' }));
			expect(result.error).toBeUndefined();
			const [item] = result.items('Wekan');
			expect(item.json).toEqual({ attachmentId, fileName: 'body.txt', fileSize: 9, fileType: 'text/plain', storageBackend: 'fs' });
			const binary = item.binary!.file as IDataObject;
			expect(binary).toMatchObject({ fileName: 'body.txt', mimeType: 'text/plain' });
			expect(Buffer.from(String(binary.data), 'base64').toString()).toBe('file body');
		});

		it('fails for an unknown attachment', async () => {
			const result = await f.engine.run(attachment('download', { attachmentId: 'NoAttachment001', binaryPropertyName: 'data' }));
			expect(expectFailure(result)).toContain('No attachment NoAttachment001');
			expect(result.error).toMatchObject({ httpCode: '404' });
		});

		it('rejects a bad attachment id before any request', async () => {
			const { result, requests } = await runCounting(f, attachment('download', { attachmentId: 'a/b', binaryPropertyName: 'data' }));
			expect(expectFailure(result)).toContain('is not a Wekan ID');
			expect(requests).toBe(0);
		});
	});

	describe('Get Many', () => {
		it('lists only the card\'s attachments, though Wekan returns the whole board\'s', async () => {
			const mine = newCard(f, 'Mine');
			const other = newCard(f, 'Other');
			for (const name of ['a.txt', 'b.txt']) await upload(attachment('upload', { cardId: rl(mine._id), binaryPropertyName: 'data' }), name, name);
			await upload(attachment('upload', { cardId: rl(other._id), binaryPropertyName: 'data' }), 'other', 'other.txt');
			const result = await f.engine.run(attachment('getAll', { cardId: rl(mine._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			const out = result.json('Wekan');
			expect(out.map((a) => a.fileName).sort()).toEqual(['a.txt', 'b.txt']);
			expect(out.every((a) => a.cardId === mine._id)).toBe(true);
			const limited = await f.engine.run(attachment('getAll', { cardId: rl(mine._id), returnAll: false, limit: 1 }));
			expect(limited.json('Wekan')).toHaveLength(1);
		});

		it('returns nothing for a card without attachments', async () => {
			const card = newCard(f);
			const result = await f.engine.run(attachment('getAll', { cardId: rl(card._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([]);
		});
	});

	describe('Delete', () => {
		it('deletes an attachment', async () => {
			const card = newCard(f);
			const up = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'data' }), 'x', 'gone.txt');
			const attachmentId = String(up.json('Wekan')[0].attachmentId);
			const result = await f.engine.run(attachment('delete', { attachmentId }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ attachmentId, fileName: 'gone.txt', deleted: true }]);
			expect(f.server.wekan.store.attachments.get(attachmentId)).toBeUndefined();
		});

		it('is refused to a read-only member', async () => {
			const card = newCard(f);
			const up = await upload(attachment('upload', { cardId: rl(card._id), binaryPropertyName: 'data' }));
			const attachmentId = String(up.json('Wekan')[0].attachmentId);
			const { credentialId } = normalUser(f, 'at-reader2', f.boardId, { isReadOnly: true });
			const result = await f.engine.run(attachment('delete', { attachmentId }, credentialId));
			expect(expectFailure(result)).toContain('You do not have permission to delete this attachment');
			expect(f.server.wekan.store.attachments.get(attachmentId)).toBeDefined();
		});
	});
});
