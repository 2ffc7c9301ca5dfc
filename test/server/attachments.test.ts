/**
 * The attachment routes against Wekan v11.07: server/routes/attachmentApi.js, server/models/boards.js:1525-1550, the
 * ostrio:files 3.0.1 records (models/attachments.js, models/attachments.server.js) and their store strategies.
 */
import { expectStyleB, seedCardDoc, type SeededBoard, seedMember, seedUser, seedWorkBoard, type ServerHarness, startHarness, type TestUser } from './fixtures';
import type { CardDoc } from '../wekan-server/schemas/cards';

const HELLO = Buffer.from('hello, wekan').toString('base64');
const INSERT_ASYNC_MISSING = { success: false, error: 'Attachments.insertAsync is not a function' };

describe('attachment routes (server/routes/attachmentApi.js)', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let alice: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let outsider: TestUser;
	let seeded: SeededBoard;
	let boardId: string;
	let card: CardDoc;
	let other: CardDoc;

	beforeAll(async () => {
		h = await startHarness({ attachmentStreamTimeoutMs: 300, attachmentMaxBytes: 1024 });
	});
	afterAll(() => h.close());

	beforeEach(() => {
		h.wekan.reset();
		admin = seedUser(h, 'admin', { isAdmin: true });
		alice = seedUser(h, 'alice');
		reader = seedUser(h, 'reader');
		commenter = seedUser(h, 'commenter');
		outsider = seedUser(h, 'outsider');
		seeded = seedWorkBoard(h, alice);
		boardId = seeded.boardId;
		card = seeded.card;
		other = seedCardDoc(h, {
			title: 'Other',
			boardId,
			listId: seeded.done._id,
			swimlaneId: seeded.swimlaneId,
			userId: alice.id,
		});
		seedMember(h, boardId, reader, { isReadOnly: true });
		seedMember(h, boardId, commenter, { isCommentOnly: true });
	});

	const fields = (target: CardDoc = card, extra: Record<string, unknown> = {}) => ({
		boardId: target.boardId,
		swimlaneId: target.swimlaneId,
		listId: target.listId,
		cardId: target._id,
		fileName: 'hello.txt',
		fileType: 'text/plain',
		fileData: HELLO,
		...extra,
	});

	/** A body no parser reads (text/plain), so the handler gets the stream, as the node sends it. */
	const upload = (
		body: unknown,
		user: TestUser | null = alice,
		headers: Record<string, string> = {},
		path = '/api/attachment/upload',
	) =>
		h.call('POST', path, {
			token: user?.token,
			body: typeof body === 'string' ? body : JSON.stringify(body),
			headers: { 'Content-Type': 'text/plain', ...headers },
		});

	/** An attachment as the web UI uploads it. */
	const attach = (
		target: CardDoc = card,
		name = 'hello.txt',
		type = 'text/plain',
		data: string | Buffer = 'hello, wekan',
	) => h.wekan.ui.addAttachment(alice.id, target._id, { name, type, data });

	describe('POST /api/attachment/upload (162-343)', () => {
		it('passes every check, then fails: no Attachments.insertAsync on the server (ostrio:files 3.0.1)', async () => {
			for (const path of ['/api/attachment/upload', '/api/attachment/upload/anything']) {
				const r = await upload(fields(), alice, {}, path);
				expect([r.status, r.json]).toEqual([500, INSERT_ASYNC_MISSING]);
			}
			// A site admin passes the write check on a board they are not a member of (attachmentApi.js:141-157).
			expect((await upload(fields(), admin)).json).toEqual(INSERT_ASYNC_MISSING);
			expect(h.wekan.db.attachments.count()).toBe(0);
			expect(h.wekan.db.activities.count({ activityType: 'addAttachment' })).toBe(0);
		});

		it('checks the fields and where the card really is, in this order', async () => {
			const cases: Array<[unknown, number, string]> = [
				[fields(card, { fileData: '' }), 400, 'Missing required parameters'],
				[fields(card, { fileName: undefined }), 400, 'Missing required parameters'],
				[fields(card, { fileData: 42 }), 400, 'Invalid fileData format'],
				[fields(card, { fileData: 'A'.repeat(1371) }), 413, 'Attachment exceeds API upload limit'],
				[fields(card, { cardId: 'nope' }), 404, 'Card not found'],
				[fields(card, { boardId: 'nope' }), 404, 'Board not found'],
				[
					fields(card, { boardId: seedWorkBoard(h, alice, 'Elsewhere').boardId }),
					400,
					'Card does not belong to the specified board',
				],
				[fields(card, { swimlaneId: 'elsewhere' }), 400, "Swimlane ID does not match the card's swimlane"],
				[fields(card, { listId: other.listId }), 400, "List ID does not match the card's list"],
				// Within the base64 cap (ceil(1024*4/3)+4 characters) but over 1024 bytes once decoded.
				[fields(card, { fileData: Buffer.alloc(1025).toString('base64') }), 413, 'Attachment exceeds API upload limit'],
			];
			for (const [body, status, error] of cases) {
				const r = await upload(body);
				expect([r.status, r.json]).toEqual([status, { success: false, error }]);
			}
		});

		it('needs write access (read-only, comment-only, outsiders: 403), then a board allowing attachments', async () => {
			for (const user of [reader, commenter, outsider]) {
				const r = await upload(fields(), user);
				expect([r.status, r.json]).toEqual([
					403,
					{ success: false, error: 'You do not have permission to modify this card' },
				]);
			}
			h.wekan.db.boards.update(boardId, { $set: { allowsAttachments: false } });
			const off = await upload(fields());
			expect([off.status, off.json]).toEqual([
				403,
				{ success: false, error: 'Attachments are not allowed on this board' },
			]);
		});

		it(
			'hangs on a body bodyParser.json or urlencoded consumed ' +
				'(server/apiMiddleware.js:14-15), until the 30 s timer: 408',
			async () => {
				const started = Date.now();
				const asJson = await h.call('POST', '/api/attachment/upload', { token: alice.token, body: fields() });
				expect(Date.now() - started).toBeGreaterThanOrEqual(290);
				expect([asJson.status, asJson.json]).toEqual([408, { success: false, error: 'Request timeout' }]);
				const asForm = await h.call('POST', '/api/attachment/upload', { token: alice.token, form: { boardId } });
				expect([asForm.status, asForm.json]).toEqual([408, { success: false, error: 'Request timeout' }]);
				// An empty JSON body is not read by the parser, so the handler gets '' and JSON.parse fails.
				const empty = await h.call('POST', '/api/attachment/upload', {
					token: alice.token,
					body: '',
					headers: { 'Content-Type': 'application/json' },
				});
				expect(empty.status).toBe(500);
				expect(empty.json.success).toBe(false);
				expect(empty.json.error).toMatch(/JSON/);
			},
		);

		it('answers a body that is not JSON, or JSON null, with 500 and the exception message', async () => {
			const broken = await upload('{oops');
			expect(broken.status).toBe(500);
			expect(broken.json).toEqual({ success: false, error: expect.stringMatching(/JSON/) });
			const nothing = await upload('null');
			expect([nothing.status, nothing.json]).toEqual([
				500,
				{ success: false, error: "Cannot destructure property 'boardId' of 'data' as it is null." },
			]);
			// Another JSON value destructures to nothing.
			expect((await upload('5')).json).toEqual({ success: false, error: 'Missing required parameters' });
		});
	});

	describe('authentication (authenticateApiRequest, attachmentApi.js:96-124, after createAuthMiddleware)', () => {
		it('takes a Bearer token, the meteor_login_token cookie, or X-User-Id with X-Auth-Token', async () => {
			expect((await upload(fields())).json).toEqual(INSERT_ASYNC_MISSING);
			expect((await upload(fields(), null, { Cookie: `other=1; meteor_login_token=${alice.token}` })).json).toEqual(
				INSERT_ASYNC_MISSING,
			);
			expect((await upload(fields(), null, { 'X-User-Id': alice.id, 'X-Auth-Token': alice.token })).json).toEqual(
				INSERT_ASYNC_MISSING,
			);
		});

		it('answers 401 with the Meteor.Error message without credentials or with a wrong pair, JSON or not', async () => {
			const none = await upload(fields(), null);
			expect([none.status, none.json]).toEqual([
				401,
				{ success: false, error: 'Missing X-User-Id or X-Auth-Token headers [unauthorized]' },
			]);
			const wrong = await upload(fields(), null, { 'X-User-Id': alice.id, 'X-Auth-Token': reader.token });
			expect([wrong.status, wrong.json]).toEqual([
				401,
				{ success: false, error: 'Invalid credentials [unauthorized]' },
			]);
			const started = Date.now();
			const jsonNone = await h.call('POST', '/api/attachment/upload', { body: fields() });
			expect(jsonNone.status).toBe(401);
			expect(Date.now() - started).toBeLessThan(250);
		});

		it(
			'does not take ?access_token= or a lower-case "bearer": ' +
				'createAuthMiddleware sets req.userId again from the header only',
			async () => {
				const query = await h.call('POST', `/api/attachment/upload?access_token=${alice.token}`, {
					body: JSON.stringify(fields()),
					headers: { 'Content-Type': 'text/plain' },
				});
				expect([query.status, query.json.error]).toEqual([
					401,
					'Missing X-User-Id or X-Auth-Token headers [unauthorized]',
				]);
				const lower = await upload(fields(), null, { Authorization: `bearer ${alice.token}` });
				expect(lower.status).toBe(401);
			},
		);
	});

	describe('the records (ostrio:files HTTP upload, models/attachments.js, attachments.server.js:103-184)', () => {
		it('are laid out by _dataToSchema, named by an ObjectId, stored on the file system, with the bytes', () => {
			const attachment = attach();
			expect(attachment._id).toMatch(/^[0-9a-f]{24}$/);
			expect(attachment).toEqual({
				_id: attachment._id,
				size: 12,
				type: 'text/plain',
				name: 'hello.txt',
				meta: {
					boardId,
					swimlaneId: card.swimlaneId,
					listId: card.listId,
					cardId: card._id,
					fileId: attachment._id,
				},
				ext: 'txt',
				extension: 'txt',
				extensionWithDot: '.txt',
				mime: 'text/plain',
				'mime-type': 'text/plain',
				userId: alice.id,
				path: `/data/files/attachments/${attachment._id}.txt`,
				versions: {
					original: {
						path: `/data/files/attachments/${attachment._id}.txt`,
						size: 12,
						type: 'text/plain',
						extension: 'txt',
						storage: 'fs',
					},
				},
				_downloadRoute: '/cdn/storage',
				_collectionName: 'attachments',
				isVideo: false,
				isAudio: false,
				isImage: false,
				isText: true,
				isJSON: false,
				isPDF: false,
				_storagePath: '/data/files/attachments',
				public: false,
				uploadedAtOstrio: expect.any(Date),
			});
			expect(h.wekan.db.files.get(attachment._id)?.toString()).toBe('hello, wekan');
		});

		it("take the server's type when the browser has none, refuse SVG, and make an image the card's cover", () => {
			const unknown = attach(card, 'blob', '');
			expect(unknown).toMatchObject({
				type: 'application/octet-stream',
				mime: '',
				extension: '',
				extensionWithDot: '.',
				path: `/data/files/attachments/${unknown._id}`,
			});
			expect(() => attach(card, 'x.svg', 'image/png')).toThrow(/SVG files are not allowed/);
			const picture = attach(card, 'pic.PNG', 'image/png');
			expect(picture).toMatchObject({ extension: 'png', isImage: true });
			expect(h.wekan.db.cards.findOne(card._id)?.coverId).toBe(picture._id);
		});
	});

	describe('GET /api/attachment/download and /info (550-641, 1079-1128)', () => {
		it('give the file as base64, and the record with its versions, to any active member', async () => {
			const { _id: id } = attach();
			const download = await h.call('GET', `/api/attachment/download/${id}`, { token: reader.token });
			expect([download.status, download.json]).toEqual([
				200,
				{
					success: true,
					attachmentId: id,
					fileName: 'hello.txt',
					fileSize: 12,
					fileType: 'text/plain',
					base64Data: HELLO,
					storageBackend: 'fs',
				},
			]);
			const info = await h.call('GET', `/api/attachment/info/${id}`, {
				headers: { 'X-User-Id': commenter.id, 'X-Auth-Token': commenter.token },
			});
			expect(info.json).toEqual({
				success: true,
				attachmentId: id,
				fileName: 'hello.txt',
				fileSize: 12,
				fileType: 'text/plain',
				storageBackend: 'fs',
				boardId,
				swimlaneId: card.swimlaneId,
				listId: card.listId,
				cardId: card._id,
				isImage: false,
				versions: [{ versionName: 'original', storage: 'fs', size: 12, type: 'text/plain' }],
			});
			// uploadedAt is never written (the upload time is uploadedAtOstrio), so createdAt drops out of the JSON.
			expect(info.json).not.toHaveProperty('createdAt');
		});

		it('refuse non-members, site admins included (Board.hasMember), and answer 404s', async () => {
			const { _id: id } = attach();
			for (const user of [outsider, admin]) {
				const denied = await h.call('GET', `/api/attachment/download/${id}`, { token: user.token });
				expect([denied.status, denied.json]).toEqual([
					403,
					{ success: false, error: 'You do not have permission to access this attachment' },
				]);
			}
			const missing = await h.call('GET', '/api/attachment/info/missing', { token: alice.token });
			expect([missing.status, missing.json]).toEqual([404, { success: false, error: 'Attachment not found' }]);
			h.wekan.db.files.delete(id);
			const gone = await h.call('GET', `/api/attachment/download/${id}`, { token: alice.token });
			expect([gone.status, gone.json]).toEqual([404, { success: false, error: 'File not found in storage' }]);
		});

		it('cap the download at the API limit (413); an odd record is a 401 with the TypeError message', async () => {
			const { _id: id } = attach(card, 'big.bin', 'application/octet-stream', Buffer.alloc(1025));
			const big = await h.call('GET', `/api/attachment/download/${id}`, { token: alice.token });
			expect([big.status, big.json]).toEqual([413, { success: false, error: 'Attachment exceeds API download limit' }]);
			h.wekan.db.attachments.raw.insert({ _id: 'bare', name: 'x', meta: { boardId } });
			const bare = await h.call('GET', '/api/attachment/info/bare', { token: alice.token });
			expect([bare.status, bare.json]).toEqual([
				401,
				{ success: false, error: 'Cannot convert undefined or null to object' },
			]);
			h.wekan.db.attachments.raw.insert({ _id: 'nometa', name: 'x' });
			const nometa = await h.call('GET', '/api/attachment/download/nometa', { token: alice.token });
			expect([nometa.status, nometa.json.error]).toEqual([
				401,
				"Cannot read properties of undefined (reading 'boardId')",
			]);
		});
	});

	describe('GET /api/attachment/list (644-715)', () => {
		it(
			'answers the whole board for every variant: the first ' +
				'`use` registration matches them all with boardId alone',
			async () => {
				const a = attach(card)._id;
				const b = attach(other, 'pic.png', 'image/png')._id;
				const paths = [
					`/api/attachment/list/${boardId}`,
					`/api/attachment/list/${boardId}/${card.swimlaneId}`,
					`/api/attachment/list/${boardId}/${card.swimlaneId}/${card.listId}`,
					`/api/attachment/list/${boardId}/${card.swimlaneId}/${card.listId}/${card._id}`,
					`/api/attachment/list/${boardId}/x/y/not-a-card`,
				];
				for (const path of paths) {
					const r = await h.call('GET', path, { token: reader.token });
					expect([r.status, r.json.success, r.json.count]).toEqual([200, true, 2]);
					expect(r.json.attachments.map((x: { attachmentId: string }) => x.attachmentId)).toEqual([a, b]);
				}
				const list = await h.call('GET', `/api/attachment/list/${boardId}`, { token: alice.token });
				expect(list.json.attachments[1]).toEqual({
					attachmentId: b,
					fileName: 'pic.png',
					fileSize: 12,
					fileType: 'image/png',
					storageBackend: 'fs',
					boardId,
					swimlaneId: other.swimlaneId,
					listId: other.listId,
					cardId: other._id,
					isImage: true,
				});
			},
		);

		it('refuses non-members (site admins too) and unknown boards with 403', async () => {
			for (const path of [`/api/attachment/list/${boardId}`, '/api/attachment/list/nope']) {
				for (const user of [outsider, admin]) {
					const denied = await h.call('GET', path, { token: user.token });
					expect([denied.status, denied.json]).toEqual([
						403,
						{ success: false, error: 'You do not have permission to access this board' },
					]);
				}
			}
		});
	});

	describe('GET /api/boards/:boardId/attachments (server/models/boards.js:1525-1550, attachmentApi.js:717-745)', () => {
		it(
			'answers the exact path from boards.js: board readers, ' +
				"style B errors, and '' urls (plain records have no link())",
			async () => {
				const id = attach()._id;
				const r = await h.call('GET', `/api/boards/${boardId}/attachments`, { token: reader.token });
				expect([r.status, r.json]).toEqual([
					200,
					[
						{
							attachmentId: id,
							attachmentName: 'hello.txt',
							attachmentType: 'text/plain',
							url: '',
							urlDownload: '',
							boardId,
							swimlaneId: card.swimlaneId,
							listId: card.listId,
							cardId: card._id,
						},
					],
				]);
				expect((await h.call('GET', `/api/boards/${boardId}/attachments`, { token: admin.token })).status).toBe(200);
				expectStyleB(await h.call('GET', `/api/boards/${boardId}/attachments`, { token: commenter.token }), 403);
				expectStyleB(await h.call('GET', `/api/boards/${boardId}/attachments`, { token: outsider.token }), 403);
				expectStyleB(await h.call('GET', `/api/boards/${boardId}/attachments`), 401);
				expectStyleB(await h.call('GET', '/api/boards/nope/attachments', { token: admin.token }), 404);
			},
		);

		it("answers a longer path from attachmentApi.js's `use` twin, in the list shape and for members only", async () => {
			const id = attach()._id;
			const r = await h.call('GET', `/api/boards/${boardId}/attachments/anything`, { token: reader.token });
			expect([r.status, r.json.success, r.json.count, r.json.attachments[0].attachmentId]).toEqual([200, true, 1, id]);
			const denied = await h.call('GET', `/api/boards/${boardId}/attachments/x`, { token: admin.token });
			expect([denied.status, denied.json.error]).toEqual([403, 'You do not have permission to access this board']);
		});
	});

	describe('DELETE /api/attachment/delete (1039-1077)', () => {
		it('needs write access; removes record and file, records deleteAttachment for the Bearer user', async () => {
			const { _id: id } = attach();
			const denied = await h.call('DELETE', `/api/attachment/delete/${id}`, { token: reader.token });
			expect([denied.status, denied.json]).toEqual([
				403,
				{ success: false, error: 'You do not have permission to delete this attachment' },
			]);
			const r = await h.call('DELETE', `/api/attachment/delete/${id}`, { token: admin.token });
			expect([r.status, r.json]).toEqual([
				200,
				{ success: true, attachmentId: id, fileName: 'hello.txt', message: 'Attachment deleted successfully' },
			]);
			expect(h.wekan.db.attachments.findOne(id)).toBeUndefined();
			expect(h.wekan.db.files.has(id)).toBe(false);
			// Meteor.userId() is the middleware's user behind createAuthMiddleware (attachmentStoreStrategy.js:8-15, #5504).
			expect(h.wekan.db.activities.findOne({ activityType: 'deleteAttachment' })).toMatchObject({
				userId: admin.id,
				type: 'card',
				attachmentId: id,
				attachmentName: 'hello.txt',
				boardId,
				cardId: card._id,
			});
			const again = await h.call('DELETE', `/api/attachment/delete/${id}`, { token: alice.token });
			expect([again.status, again.json]).toEqual([404, { success: false, error: 'Attachment not found' }]);
		});

		it('credits the uploader when the caller came by X-User-Id (no Meteor.userId() then)', async () => {
			const { _id: id } = attach();
			seedMember(h, boardId, outsider);
			const r = await h.call('DELETE', `/api/attachment/delete/${id}`, {
				headers: { 'X-User-Id': outsider.id, 'X-Auth-Token': outsider.token },
			});
			expect(r.status).toBe(200);
			expect(h.wekan.db.activities.findOne({ activityType: 'deleteAttachment' })?.userId).toBe(alice.id);
		});
	});

	describe('POST /api/attachment/copy and /move (748-1037)', () => {
		const target = () => ({
			targetBoardId: boardId,
			targetSwimlaneId: other.swimlaneId,
			targetListId: other.listId,
			targetCardId: other._id,
		});
		const post = (path: string, body: unknown, user: TestUser = alice) =>
			h.call('POST', path, {
				token: user.token,
				body: JSON.stringify(body),
				headers: { 'Content-Type': 'text/plain' },
			});

		it('copy passes its checks and fails at Attachments.insertAsync, like the upload', async () => {
			const { _id: id } = attach();
			expect(
				await post('/api/attachment/copy', { attachmentId: id, ...target() }).then((r) => [r.status, r.json]),
			).toEqual([500, INSERT_ASYNC_MISSING]);
			const cases: Array<[Record<string, unknown>, TestUser, number, string]> = [
				[{ attachmentId: 'nope', ...target() }, alice, 404, 'Source attachment not found'],
				[
					{ attachmentId: id, ...target() },
					outsider,
					403,
					'You do not have permission to access the source attachment',
				],
				[{ attachmentId: id, ...target() }, reader, 403, 'You do not have permission to modify the target card'],
				[{ attachmentId: id, ...target(), targetCardId: 'nope' }, alice, 404, 'Target card not found'],
				[
					{ attachmentId: id, ...target(), targetListId: card.listId },
					alice,
					400,
					"Target list ID does not match the card's list",
				],
			];
			for (const [body, user, status, error] of cases) {
				const r = await post('/api/attachment/copy', body, user);
				expect([r.status, r.json]).toEqual([status, { success: false, error }]);
			}
			expect(h.wekan.db.attachments.count()).toBe(1);
		});

		it('move rewrites the record meta (source api-move) and answers with the source board', async () => {
			const { _id: id } = attach();
			const r = await post('/api/attachment/move', { attachmentId: id, ...target() });
			expect([r.status, r.json]).toEqual([
				200,
				{
					success: true,
					attachmentId: id,
					fileName: 'hello.txt',
					fileSize: 12,
					sourceBoardId: boardId,
					targetBoardId: boardId,
					message: 'Attachment moved successfully',
				},
			]);
			expect(h.wekan.db.attachments.findOne(id)?.meta).toMatchObject({
				cardId: other._id,
				listId: other.listId,
				source: 'api-move',
				movedAt: expect.any(Date),
			});
			const denied = await post('/api/attachment/move', { attachmentId: id, ...target() }, reader);
			expect([denied.status, denied.json.error]).toEqual([
				403,
				'You do not have permission to access the source attachment',
			]);
		});

		it('hang like the upload when a parser consumed the body (408)', async () => {
			const r = await h.call('POST', '/api/attachment/move', { token: alice.token, body: { attachmentId: 'x' } });
			expect([r.status, r.json]).toEqual([408, { success: false, error: 'Request timeout' }]);
		});
	});

	it("leaves other methods to the next handler, in the end Meteor's page (`use` checks the method)", async () => {
		const r = await h.call('GET', '/api/attachment/upload', { token: alice.token });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/text\/html/);
	});
});
