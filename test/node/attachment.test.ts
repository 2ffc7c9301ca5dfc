import type { IDataObject } from 'n8n-workflow';
import { rl, type WorkflowJson } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import type { AttachmentDoc } from '../wekan-server/schemas/attachments';
import type { CardDoc } from '../wekan-server/schemas/cards';
import { cardUrl, expectFailure, normalUser, newCard, olderWekan, op, runCounting } from './nodeTestKit';

describe('attachment', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
		f.server.wekan.db.boards.raw.update({ _id: f.boardId }, { $set: { allowsAttachments: true } });
	});
	afterAll(() => f.close());

	const attachment = (operation: string, parameters = {}, credentialId?: string) => op('attachment', operation, parameters, credentialId);

	/** A file attached the way Wekan can store one: through its web UI (ostrio:files' upload). */
	const attach = (card: CardDoc, name: string, text = 'hello wekan', type = 'text/plain'): AttachmentDoc =>
		f.server.wekan.ui.addAttachment(f.adminId, card._id, { name, type, data: Buffer.from(text) });

	describe('Upload', () => {
		const file = { json: {}, binary: { data: { data: Buffer.from('hello wekan').toString('base64'), mimeType: 'text/plain', fileName: 'notes.txt' } } };
		const upload = (json: WorkflowJson) => f.engine.runNode(json, 'Wekan', [file]);

		it('refuses before any request, saying why Wekan cannot store a file sent over REST and what to do', async () => {
			const card = newCard(f, 'With file');
			const before = f.server.wekan.log.length;
			const result = await upload(attachment('upload', { cardId: rl(cardUrl(f, card), 'url'), binaryPropertyName: 'data' }));
			const text = expectFailure(result);
			expect(text).toContain('Wekan cannot store attachments sent through its REST API');
			expect(text).toContain('Attachments.insertAsync is not a function');
			expect(text).toContain('no Wekan release up to v11.07');
			expect(text).toContain('web UI');
			expect(f.server.wekan.log.length).toBe(before);
			expect(f.server.wekan.db.attachments.find({ 'meta.cardId': card._id })).toHaveLength(0);
		});
	});

	describe('Download', () => {
		it('downloads an attachment into a binary property', async () => {
			const card = newCard(f);
			const stored = attach(card, 'body.txt', 'file body');
			const result = await f.engine.run(attachment('download', { attachmentId: stored._id, binaryPropertyName: 'file' }));
			expect(result.error).toBeUndefined();
			const [item] = result.items('Wekan');
			expect(item.json).toEqual({ attachmentId: stored._id, fileName: 'body.txt', fileSize: 9, fileType: 'text/plain', storageBackend: 'fs' });
			const binary = item.binary!.file as IDataObject;
			expect(binary).toMatchObject({ fileName: 'body.txt', mimeType: 'text/plain' });
			expect(Buffer.from(String(binary.data), 'base64').toString()).toBe('file body');
		});

		it('lets a comment-only member download, as Wekan lets any active member', async () => {
			const card = newCard(f);
			const stored = attach(card, 'memo.txt', 'memo');
			const { credentialId } = normalUser(f, 'at-commenter', f.boardId, { isCommentOnly: true });
			const result = await f.engine.run(attachment('download', { attachmentId: stored._id, binaryPropertyName: 'data' }, credentialId));
			expect(result.error).toBeUndefined();
			expect(result.items('Wekan')[0].json).toMatchObject({ fileName: 'memo.txt' });
		});

		it('says who may download when Wekan refuses a user who is not a member', async () => {
			const card = newCard(f);
			const stored = attach(card, 'secret.txt');
			const { credentialId } = normalUser(f, 'at-outsider');
			const result = await f.engine.run(attachment('download', { attachmentId: stored._id, binaryPropertyName: 'data' }, credentialId));
			expect(expectFailure(result)).toContain(`Only active members of the board of attachment ${stored._id} may download it`);
			expect(result.error).toMatchObject({ httpCode: '403' });
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
			for (const name of ['a.txt', 'b.txt']) attach(mine, name);
			attach(other, 'other.txt');
			const result = await f.engine.run(attachment('getAll', { cardId: rl(mine._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			const out = result.json('Wekan');
			expect(out.map((a) => a.fileName).sort()).toEqual(['a.txt', 'b.txt']);
			expect(out.every((a) => a.cardId === mine._id)).toBe(true);
			expect(out[0]).not.toHaveProperty('createdAt');
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
		it('deletes an attachment and its file', async () => {
			const card = newCard(f);
			const stored = attach(card, 'gone.txt', 'x');
			const result = await f.engine.run(attachment('delete', { attachmentId: stored._id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ attachmentId: stored._id, fileName: 'gone.txt', deleted: true }]);
			expect(f.server.wekan.db.attachments.findOne(stored._id)).toBeUndefined();
			expect(f.server.wekan.db.files.has(stored._id)).toBe(false);
		});

		it('is refused to a read-only member', async () => {
			const card = newCard(f);
			const stored = attach(card, 'kept.txt');
			const { credentialId } = normalUser(f, 'at-reader2', f.boardId, { isReadOnly: true });
			const result = await f.engine.run(attachment('delete', { attachmentId: stored._id }, credentialId));
			expect(expectFailure(result)).toContain('You do not have permission to delete this attachment');
			expect(f.server.wekan.db.attachments.findOne(stored._id)).toBeDefined();
		});
	});

	describe('on Wekan before v9.31', () => {
		it('says the attachment routes need a newer Wekan instead of blaming the credential', async () => {
			// Wekan v9.30's attachment routes read only X-User-Id and X-Auth-Token (server/routes/attachmentApi.js:17-38)
			// and answer anything else with this 401 (e.g. :205).
			const old = await olderWekan(f.server.url, (_method, path, headers) =>
				path.startsWith('/api/attachment/') && !headers['x-user-id']
					? { status: 401, json: { success: false, error: 'Missing X-User-Id or X-Auth-Token headers [unauthorized]' } }
					: undefined,
			);
			try {
				f.engine.setCredential({ url: old.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD }, 'cred-wekan-9-30');
				const card = newCard(f);
				const stored = attach(card, 'old.txt');
				for (const json of [
					attachment('download', { attachmentId: stored._id, binaryPropertyName: 'data' }, 'cred-wekan-9-30'),
					attachment('getAll', { cardId: rl(card._id), returnAll: true }, 'cred-wekan-9-30'),
					attachment('delete', { attachmentId: stored._id }, 'cred-wekan-9-30'),
				]) {
					const text = expectFailure(await f.engine.run(json));
					expect(text).toContain('This Wekan\'s attachment routes do not accept n8n\'s login');
					expect(text).toContain('Wekan v9.31 or later');
					expect(text).not.toContain('rejected the credential');
				}
				expect(f.server.wekan.db.attachments.findOne(stored._id)).toBeDefined();
			} finally {
				await old.close();
			}
		});
	});
});
