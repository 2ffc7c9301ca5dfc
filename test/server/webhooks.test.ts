/**
 * Activities and outgoing webhooks against Wekan v11.07: the Activities hooks of models/activities.js:80-94 and
 * server/models/activities.js:29-435, the outgoingWebhooks method of server/notifications/outgoing.js, the SSRF guard
 * of server/lib/ssrfGuard.js and models/lib/attachmentUrlValidation.js, and the English texts of
 * imports/i18n/data/en.i18n.json.
 *
 * The hooks that record activities belong to each model; these tests insert activity documents the way those hooks
 * do (`Activities.insertAsync(doc)` inside a Meteor method of the acting user, or in a REST handler without one).
 */
import type { ActivityDoc } from '../wekan-server/schemas/activities';
import { isIpBlocked, translate, validateAttachmentUrl, webhookCaCert } from '../wekan-server/webhooks';
import { type Receiver, type SeededBoard, seedMember, seedUser, seedWorkBoard, type ServerHarness, startHarness, startReceiver, type TestUser } from './fixtures';
import { removeMember } from '../wekan-server/models/boardMembers';

describe('outgoing webhooks (server/models/activities.js, server/notifications/outgoing.js)', () => {
	let h: ServerHarness;
	let receiver: Receiver;
	let admin: TestUser;
	let alice: TestUser;
	let bob: TestUser;
	let seeded: SeededBoard;
	let boardId: string;

	beforeAll(async () => {
		receiver = await startReceiver();
		h = await startHarness({ allowLoopbackWebhooks: true });
	});
	afterAll(async () => {
		await h.close();
		await receiver.close();
	});

	beforeEach(() => {
		h.wekan.reset();
		receiver.received.length = 0;
		receiver.answer = () => ({ status: 200, body: 'ok' });
		admin = seedUser(h, 'admin', { isAdmin: true });
		alice = seedUser(h, 'alice', { fullname: 'Alice Doe' });
		bob = seedUser(h, 'bob');
		seeded = seedWorkBoard(h, alice);
		boardId = seeded.boardId;
		seedMember(h, boardId, bob);
	});

	/** Registers the receiver over REST as the n8n trigger does: POST the url, then PUT title, token, activities. */
	async function register(
		settings: Record<string, unknown> = { token: 'shared-secret' },
		board = boardId,
	): Promise<string> {
		const created = await h.call('POST', `/api/boards/${board}/integrations`, {
			token: alice.token,
			body: { url: receiver.url },
		});
		expect(created.status).toBe(200);
		const id = created.json._id as string;
		const put = await h.call('PUT', `/api/boards/${board}/integrations/${id}`, {
			token: alice.token,
			body: { title: 'n8n', ...settings },
		});
		expect(put.json).toEqual({ _id: id });
		return id;
	}

	/** Activities.insertAsync(doc) inside a Meteor method of `actor`, or with no method user. */
	const record = (doc: Omit<ActivityDoc, '_id'>, actor?: TestUser) =>
		h.wekan.db.activities.insert(doc, actor ? { userId: actor.id } : {});

	const createCardActivity = (extra: Record<string, unknown> = {}) => ({
		userId: alice.id,
		activityType: 'createCard',
		boardId,
		listName: 'To Do',
		listId: seeded.todo._id,
		cardId: seeded.card._id,
		cardTitle: 'Fix bug',
		swimlaneName: 'Default',
		swimlaneId: seeded.swimlaneId,
		...extra,
	});

	const settled = async () => {
		await h.wekan.webhooks.settle();
		return receiver.received;
	};
	const cardUrl = () => `${h.url}/b/${boardId}/${seeded.board.slug}/${seeded.card._id}`;

	describe('the one-way payload (outgoing.js:154-165)', () => {
		it('is text, the truthy WEBHOOKS_ATTRIBUTES in order, then description; X-Wekan-Token; chunked', async () => {
			await register();
			record(createCardActivity(), alice);
			const [hook, ...rest] = await settled();
			expect(rest).toEqual([]);
			expect(hook.method).toBe('POST');
			expect(hook.path).toBe('/webhook/wekan');
			expect(Object.keys(hook.body)).toEqual([
				'text',
				'cardId',
				'listId',
				'boardId',
				'user',
				'username',
				'card',
				'swimlaneId',
				'description',
			]);
			expect(hook.body).toEqual({
				text:
					`Alice Doe created card "Fix bug" to list "To Do" at ` +
					`swimlane "Default" at board "Dev Board"\n${cardUrl()}`,
				cardId: seeded.card._id,
				listId: seeded.todo._id,
				boardId,
				user: 'Alice Doe',
				username: 'alice',
				card: 'Fix bug',
				swimlaneId: seeded.swimlaneId,
				description: 'act-createCard',
			});
			expect(hook.raw.startsWith('{"text":')).toBe(true);
			expect(hook.headers['x-wekan-token']).toBe('shared-secret');
			expect(hook.headers['content-type']).toBe('application/json');
			// ssrfGuard.js:569-577, 615-618: dialled by IP with the original Host, body written without a length.
			expect(hook.headers.host).toBe(new URL(receiver.url).host);
			expect(hook.headers['transfer-encoding']).toBe('chunked');
			expect(hook.headers['content-length']).toBeUndefined();
			expect(h.wekan.webhooks.deliveries).toEqual([
				expect.objectContaining({
					url: receiver.url,
					twoWay: false,
					status: 200,
					headers: { 'Content-Type': 'application/json', 'X-Wekan-Token': 'shared-secret' },
				}),
			]);
		});

		it('sends no X-Wekan-Token when the integration has no token (outgoing.js:168-172)', async () => {
			await register({});
			record(createCardActivity(), alice);
			const [hook] = await settled();
			expect(hook.headers['x-wekan-token']).toBeUndefined();
		});

		it(
			'names the user by full name, else username (getActivityUserName, ' +
				'activities.js:19-27), and adds username (#3113)',
			async () => {
				await register();
				record(createCardActivity({ userId: bob.id }), bob);
				const [hook] = await settled();
				expect(hook.body).toMatchObject({ user: 'bob', username: 'bob' });
				expect(String(hook.body.text).startsWith('bob created card')).toBe(true);
			},
		);

		it('leaves a marker without a param as written, and an empty param empty (i18next skipOnVariables)', async () => {
			await register();
			// No oldSwimlaneId on the activity, so __oldSwimlane__ has no param.
			record(
				{
					userId: alice.id,
					activityType: 'moveCard',
					boardId,
					listId: seeded.done._id,
					oldListId: seeded.todo._id,
					cardId: seeded.card._id,
					swimlaneId: seeded.swimlaneId,
				},
				alice,
			);
			const [hook] = await settled();
			expect(hook.body.text).toBe(
				`Alice Doe moved card "Fix bug" at board "Dev Board" from list "To Do" at ` +
					`swimlane __oldSwimlane__ to list "Done" at swimlane "Default"\n${cardUrl()}`,
			);
			expect(Object.keys(hook.body)).toEqual([
				'text',
				'cardId',
				'listId',
				'oldListId',
				'boardId',
				'user',
				'username',
				'card',
				'swimlaneId',
				'description',
			]);
			expect(hook.body).toMatchObject({
				listId: seeded.done._id,
				oldListId: seeded.todo._id,
				description: 'act-moveCard',
			});
		});

		it('sends the raw key as the text of an activity with no English text (a-changedTitle, joinAssignee)', async () => {
			await register();
			record(
				{
					userId: alice.id,
					activityType: 'a-changedTitle',
					boardId,
					cardId: seeded.card._id,
					value: 'New',
					oldValue: 'Old',
				},
				alice,
			);
			const [hook] = await settled();
			expect(hook.body.text).toBe(`Alice Doe act-a-changedTitle\n${cardUrl()}`);
			// value and oldValue are params (activities.js:350-353), but no WEBHOOKS_ATTRIBUTES.
			expect(hook.body).not.toHaveProperty('value');
			expect(hook.body).not.toHaveProperty('customFieldValue');
		});

		it(
			"gives a comment's current text; a deleted comment's activity " +
				'has no comment and no commentId (activities.js:192-290)',
			async () => {
				await register();
				const commentId = h.wekan.db.card_comments.insert({
					boardId,
					cardId: seeded.card._id,
					text: 'Looks good',
					userId: alice.id,
				});
				record(
					{
						userId: alice.id,
						activityType: 'addComment',
						boardId,
						cardId: seeded.card._id,
						listId: seeded.todo._id,
						swimlaneId: seeded.swimlaneId,
						commentId,
					},
					alice,
				);
				record(
					{
						userId: alice.id,
						activityType: 'deleteComment',
						boardId,
						cardId: seeded.card._id,
						listId: seeded.todo._id,
						swimlaneId: seeded.swimlaneId,
						commentId: 'gone',
						commentText: 'was here',
					},
					alice,
				);
				await settled();
				const [added, deleted] = h.wekan.webhooks.deliveries.map((d) => d.body);
				expect(Object.keys(added)).toEqual([
					'text',
					'cardId',
					'listId',
					'boardId',
					'comment',
					'user',
					'username',
					'card',
					'commentId',
					'swimlaneId',
					'description',
				]);
				expect(added).toMatchObject({ comment: 'Looks good', commentId });
				expect(added.text).toBe(
					`Alice Doe commented on card "Fix bug": "Looks good" at list "To ` +
						`Do" at swimlane "Default" at board "Dev Board"\n${cardUrl()}`,
				);
				expect(deleted).not.toHaveProperty('comment');
				expect(deleted).not.toHaveProperty('commentId');
				expect(deleted.text).toBe(
					`Alice Doe deleted comment on card "Fix bug":  at list "To ` +
						`Do" at swimlane "Default" at board "Dev Board"\n${cardUrl()}`,
				);
			},
		);

		it(
			'labels by name, else color (#5442), custom fields by ' + "the activity's value, attachments by the stored name",
			async () => {
				await register();
				h.wekan.db.boards.update(boardId, { $push: { labels: { _id: 'lbl123', name: '', color: 'red' } } });
				const fieldId = h.wekan.db.customFields.insert({
					boardIds: [boardId],
					name: 'Points',
					type: 'number',
					settings: {},
				});
				const common = {
					userId: alice.id,
					boardId,
					cardId: seeded.card._id,
					listId: seeded.todo._id,
					swimlaneId: seeded.swimlaneId,
				};
				record({ ...common, activityType: 'addedLabel', labelId: 'lbl123' }, alice);
				record(
					{ ...common, activityType: 'setCustomField', customFieldId: fieldId, value: 5, customFieldValue: 99 },
					alice,
				);
				record(
					{ ...common, activityType: 'addAttachment', type: 'card', attachmentId: 'att1', attachmentName: 'a.txt' },
					alice,
				);
				await settled();
				const [label, field, attachment] = h.wekan.webhooks.deliveries.map((d) => d.body);
				expect(label).toMatchObject({ labelId: 'lbl123', label: 'red' });
				expect(label.text).toMatch(/^Alice Doe Added label "red" to card "Fix bug" at list/);
				expect(field).toMatchObject({ customField: 'Points', customFieldValue: 5 });
				expect(field.text).toMatch(/^Alice Doe edited custom field Points: 5 at card "Fix bug"/);
				expect(attachment).toMatchObject({ attachmentId: 'att1' });
				expect(attachment.text).toMatch(/^Alice Doe added attachment "a.txt" to card "Fix bug"/);
			},
		);

		it('links a board activity to the board (Board.absoluteUrl, models/boards.js:1579-1591)', async () => {
			await register();
			record({ userId: alice.id, activityType: 'createList', boardId, listId: seeded.done._id }, alice);
			await settled();
			expect(h.wekan.webhooks.deliveries[0].body.text).toBe(
				`Alice Doe added list "Done" to board "Dev Board"\n${h.url}/b/${boardId}/${seeded.board.slug}`,
			);
		});

		it('takes its attributes from WEBHOOKS_ATTRIBUTES when set (outgoing.js:50-51)', async () => {
			await register();
			process.env.WEBHOOKS_ATTRIBUTES = 'card,boardId,nothing';
			try {
				record(createCardActivity(), alice);
				const [hook] = await settled();
				expect(Object.keys(hook.body)).toEqual(['text', 'card', 'boardId', 'description']);
			} finally {
				delete process.env.WEBHOOKS_ATTRIBUTES;
			}
		});
	});

	describe('which integrations hear an activity (activities.js:406-433, outgoing.js:110-185)', () => {
		it('none for a write without a method user: every REST write (outgoing.js:110)', async () => {
			await register();
			const id = record(createCardActivity());
			expect(h.wekan.db.activities.findOne(id)).toMatchObject({
				activityType: 'createCard',
				createdAt: expect.any(Date),
			});
			expect(await settled()).toEqual([]);
			expect(h.wekan.webhooks.deliveries).toEqual([]);
		});

		it('only the activities the integration lists, or all; a disabled one hears nothing', async () => {
			const id = await register({ token: 't', activities: ['act-moveCard', 'act-addComment'] });
			record(createCardActivity(), alice);
			record(createCardActivity({ activityType: 'moveCard', oldListId: seeded.done._id }), alice);
			await settled();
			expect(h.wekan.webhooks.deliveries.map((d) => d.body.description)).toEqual(['act-moveCard']);
			await h.call('PUT', `/api/boards/${boardId}/integrations/${id}`, {
				token: alice.token,
				body: { enabled: false },
			});
			record(createCardActivity({ activityType: 'moveCard' }), alice);
			await settled();
			expect(h.wekan.webhooks.deliveries).toHaveLength(1);
		});

		it('each matching integration of the board once, none of another board', async () => {
			await register();
			await register({ token: 'second' });
			const other = seedWorkBoard(h, alice, 'Other');
			await register({ token: 'other' }, other.boardId);
			record(createCardActivity(), alice);
			await settled();
			expect(h.wekan.webhooks.deliveries.map((d) => d.headers['X-Wekan-Token']).sort()).toEqual([
				'second',
				'shared-secret',
			]);
		});

		it(
			'none when the acting user is not an active member of ' +
				'the board, a site admin included (outgoing.js:184-185)',
			async () => {
				await register();
				record(createCardActivity({ userId: admin.id }), admin);
				// board.removeMember (models/boards.js:2157-2184) deactivates by index: the Boards hooks read
				// `members.<n>.isActive` (server/models/boards.js:85-101) and throw on a positional `members.$`.
				removeMember(h.wekan, h.wekan.db.boards.findOne(boardId)!, bob.id);
				record(createCardActivity({ userId: bob.id }), bob);
				expect(await settled()).toEqual([]);
				h.wekan.addBoardMember(boardId, admin.id);
				record(createCardActivity({ userId: admin.id }), admin);
				expect((await settled()).map((r) => r.body.user)).toEqual(['admin']);
			},
		);

		it("never posts for a '_global' integration: its board does not exist (outgoing.js:179-185)", async () => {
			h.wekan.db.integrations.raw.insert({
				_id: 'g1',
				enabled: true,
				type: 'outgoing-webhooks',
				activities: ['all'],
				url: receiver.url,
				boardId: '_global',
				userId: alice.id,
				createdAt: new Date(),
				modifiedAt: new Date(),
			});
			record(createCardActivity(), alice);
			expect(await settled()).toEqual([]);
		});

		it(
			'none while notifications are disabled; no activity at all ' +
				'while activities are disabled (featureFlags.js, #5820)',
			async () => {
				await register();
				// The one settings document, created at startup (server/models/settings.js:149-197).
				h.wekan.db.settings.raw.update({}, { $set: { disableNotifications: true } });
				const quiet = record(createCardActivity(), alice);
				expect(h.wekan.db.activities.findOne(quiet)).toBeDefined();
				expect(await settled()).toEqual([]);
				h.wekan.db.settings.raw.update({}, { $set: { disableNotifications: false, disableActivities: true } });
				const before = h.wekan.db.activities.count();
				record(createCardActivity(), alice);
				expect(h.wekan.db.activities.count()).toBe(before);
				expect(await settled()).toEqual([]);
			},
		);
	});

	describe('delivery (ssrfGuard.js fetchSafe, webhookGuard.js safeDeliver)', () => {
		it('is fire and forget: the insert returns before the POST is answered', async () => {
			await register();
			const id = record(createCardActivity(), alice);
			expect(h.wekan.db.activities.findOne(id)).toBeDefined();
			expect(h.wekan.webhooks.deliveries[0].status).toBeUndefined();
			await settled();
			expect(h.wekan.webhooks.deliveries[0].status).toBe(200);
		});

		it('does not retry an error answer, and refuses to follow a redirect', async () => {
			await register();
			receiver.answer = () => ({ status: 503, body: 'down' });
			record(createCardActivity(), alice);
			await settled();
			receiver.answer = () => ({ status: 302, headers: { Location: 'http://127.0.0.1:1/elsewhere' } });
			record(createCardActivity(), alice);
			await settled();
			expect(receiver.received).toHaveLength(2);
			expect(h.wekan.webhooks.deliveries.map((d) => [d.status, d.error])).toEqual([
				[503, '[error-invalid-webhook-response]'],
				[undefined, 'Webhook request failed: SSRF_GUARD: Redirects are not allowed [invalid-webhook-url]'],
			]);
		});

		it('checks the URL again when posting: a stored private address is refused (ssrfGuard.js:498-548)', async () => {
			const id = await register();
			h.wekan.db.integrations.raw.update(id, { $set: { url: 'http://10.1.2.3/hook' } });
			record(createCardActivity(), alice);
			await settled();
			expect(receiver.received).toEqual([]);
			expect(h.wekan.webhooks.deliveries.map((d) => d.error)).toEqual([
				'Webhook request failed: SSRF_GUARD: Blocked IP in URL: 10.1.2.3 [invalid-webhook-url]',
			]);
		});
	});

	describe('two-way webhooks (outgoing.js:71-107, 189-233)', () => {
		const twoWay = async () => {
			const id = await register();
			h.wekan.db.integrations.raw.update(id, { $set: { type: 'bidirectional-webhooks' } });
			return id;
		};

		it(
			'post every param with description first, which a ' + "card's description overwrites (activities.js:176-182)",
			async () => {
				await twoWay();
				record(createCardActivity(), alice);
				const [plain] = await settled();
				expect(Object.keys(plain.body)).toEqual([
					'description',
					'activityId',
					'user',
					'username',
					'userEmails',
					'userId',
					'board',
					'url',
					'boardId',
					'list',
					'listId',
					'card',
					'cardId',
					'swimlane',
					'swimlaneId',
					'watchers',
				]);
				expect(plain.body).toMatchObject({
					description: 'act-createCard',
					user: 'Alice Doe',
					userEmails: [{ address: 'alice@example.com', verified: false }],
					url: cardUrl(),
					watchers: [],
				});
				h.wekan.db.cards.update(seeded.card._id, { $set: { description: 'long text' } });
				record(createCardActivity(), alice);
				const [, described] = await settled();
				expect(described.body.description).toBe('long text');
			},
		);

		it(
			'let the answer rewrite the comment (direct, no hooks), ' +
				'and do not send the same comment again while it is locked',
			async () => {
				await twoWay();
				const commentId = h.wekan.db.card_comments.insert({
					boardId,
					cardId: seeded.card._id,
					text: 'hello',
					userId: alice.id,
				});
				receiver.answer = () => ({
					status: 200,
					body: JSON.stringify({ boardId, cardId: seeded.card._id, commentId, comment: 'rewritten by the bot' }),
				});
				const comment = { userId: alice.id, activityType: 'addComment', boardId, cardId: seeded.card._id, commentId };
				record(comment, alice);
				await settled();
				expect(h.wekan.db.card_comments.findOne(commentId)?.text).toBe('rewritten by the bot');
				record(comment, alice);
				await settled();
				expect(receiver.received).toHaveLength(1);
			},
		);

		it("ignore an answer about another board's comment", async () => {
			await twoWay();
			const other = seedWorkBoard(h, alice, 'Other');
			const commentId = h.wekan.db.card_comments.insert({
				boardId: other.boardId,
				cardId: other.card._id,
				text: 'theirs',
				userId: alice.id,
			});
			receiver.answer = () => ({
				status: 200,
				body: JSON.stringify({ boardId: other.boardId, cardId: other.card._id, commentId, comment: 'hijacked' }),
			});
			record(createCardActivity(), alice);
			await settled();
			expect(h.wekan.db.card_comments.findOne(commentId)?.text).toBe('theirs');
		});
	});

	describe('watch notifications (activities.js:355-404, notifications/profile.js)', () => {
		const notified = (user: TestUser) =>
			(
				(h.wekan.db.users.findOne(user.id)?.profile as { notifications?: Array<{ activity: string }> }).notifications ??
				[]
			).map((n) => n.activity);

		it(
			"tell the board's watchers but not the actor; in a REST " + 'write there is no actor, so the actor is told too',
			async () => {
				h.wekan.db.boards.update(boardId, {
					$set: {
						watchers: [
							{ userId: alice.id, level: 'watching' },
							{ userId: bob.id, level: 'watching' },
						],
					},
				});
				const fromUi = record(createCardActivity(), alice);
				expect(notified(bob)).toEqual([fromUi]);
				expect(notified(alice)).toEqual([]);
				const fromRest = record(createCardActivity());
				expect(notified(alice)).toEqual([fromRest]);
			},
		);

		it('tell tracking participants and the newly assigned (NOTIFY_ON_ASSIGN), while active members', async () => {
			h.wekan.db.boards.update(boardId, { $set: { watchers: [{ userId: bob.id, level: 'tracking' }] } });
			h.wekan.db.cards.update(seeded.card._id, { $set: { members: [bob.id] } });
			const tracked = record(createCardActivity(), alice);
			const joined = record(
				{ userId: alice.id, activityType: 'joinMember', boardId, cardId: seeded.card._id, memberId: bob.id },
				alice,
			);
			expect(notified(bob)).toEqual([tracked, joined]);
			const outsider = seedUser(h, 'outsider');
			record(
				{ userId: alice.id, activityType: 'joinMember', boardId, cardId: seeded.card._id, memberId: outsider.id },
				alice,
			);
			expect(notified(outsider)).toEqual([]);
		});

		it('tell an @mentioned member, and the params carry atUsername to two-way webhooks', async () => {
			const id = await register();
			h.wekan.db.integrations.raw.update(id, { $set: { type: 'bidirectional-webhooks' } });
			// A direct insert, as the REST POST writes a comment (server/models/cardComments.js:174-193); its activity is
			// the one recorded below.
			const commentId = h.wekan.db.card_comments.direct.insert({
				boardId,
				cardId: seeded.card._id,
				text: 'ping @bob',
				userId: alice.id,
			});
			const mention = record(
				{ userId: alice.id, activityType: 'addComment', boardId, cardId: seeded.card._id, commentId },
				alice,
			);
			expect(notified(bob)).toEqual([mention]);
			const [hook] = await settled();
			expect(hook.body).toMatchObject({
				atUsername: 'bob',
				atEmails: [{ address: 'bob@example.com', verified: false }],
				hasMentions: true,
			});
		});
	});

	describe('attachments (models/attachments.js:197-209, attachmentStoreStrategy.js:22-37)', () => {
		it('an upload from the card records addAttachment for the uploader, outside any method: no webhook', async () => {
			await register();
			const attachment = h.wekan.ui.addAttachment(alice.id, seeded.card._id, {
				name: 'a.txt',
				type: 'text/plain',
				data: 'x',
			});
			expect(h.wekan.db.activities.findOne({ activityType: 'addAttachment' })).toMatchObject({
				userId: alice.id,
				type: 'card',
				attachmentId: attachment._id,
				attachmentName: 'a.txt',
				boardId,
				cardId: seeded.card._id,
				listId: seeded.todo._id,
				swimlaneId: seeded.swimlaneId,
			});
			expect(await settled()).toEqual([]);
		});

		it(
			'a delete from the card (ostrio:files remove method) ' +
				'records deleteAttachment for the acting user and posts it',
			async () => {
				await register();
				const attachment = h.wekan.ui.addAttachment(alice.id, seeded.card._id, {
					name: 'a.txt',
					type: 'text/plain',
					data: 'x',
				});
				h.wekan.ui.deleteAttachment(bob.id, attachment._id);
				expect(h.wekan.db.activities.findOne({ activityType: 'deleteAttachment' })).toMatchObject({
					userId: bob.id,
					attachmentName: 'a.txt',
				});
				const [hook] = await settled();
				expect(hook.body).toMatchObject({
					attachmentId: attachment._id,
					user: 'bob',
					description: 'act-deleteAttachment',
				});
				expect(hook.body.text).toMatch(/^bob deleted attachment "a.txt" at card "Fix bug"/);
			},
		);
	});
});

describe('the activity hooks (models/activities.js:80-94)', () => {
	let h: ServerHarness;
	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(() => h.close());

	it('set createdAt and modifiedAt on insert over what the writer gave, and modifiedAt on update', async () => {
		const given = new Date('2001-01-01T00:00:00Z');
		const id = h.wekan.db.activities.insert({
			activityType: 'createBoard',
			createdAt: given,
			anything: { kept: true },
		});
		const stored = h.wekan.db.activities.findOne(id)!;
		expect(stored.createdAt).not.toEqual(given);
		expect(stored.modifiedAt).toEqual(stored.createdAt);
		// No schema: whatever the writer passes is stored.
		expect(stored.anything).toEqual({ kept: true });
		await new Promise((resolve) => setTimeout(resolve, 5));
		h.wekan.db.activities.update(id, { $set: { activityType: 'createBoard' } });
		expect(h.wekan.db.activities.findOne(id)!.modifiedAt!.getTime()).toBeGreaterThan(stored.createdAt!.getTime());
	});
});

describe('the English texts (imports/i18n/data/en.i18n.json through i18next, imports/i18n/tap.js)', () => {
	it(
		'quotes nothing itself, fills present params, empties ' +
			'undefined ones, keeps absent markers, and returns unknown keys',
		() => {
			expect(translate('act-createList', { list: '"L"', board: '"B"' })).toBe('added list "L" to board "B"');
			expect(translate('act-createList', { list: undefined, board: null })).toBe('added list  to board ');
			expect(translate('act-createList', {})).toBe('added list __list__ to board __board__');
			expect(translate('act-a-changedTitle', { card: 'x' })).toBe('act-a-changedTitle');
			expect(translate('act-setCustomField', { customField: 'F', customFieldValue: [1, 2] })).toBe(
				'edited custom field F: 1,2 at card __card__ at list __list__ at swimlane __swimlane__ at board __board__',
			);
		},
	);
});

describe('the SSRF guard (models/lib/attachmentUrlValidation.js, server/lib/ssrfGuard.js)', () => {
	it('blocks private, loopback, link-local, reserved and multicast IPv4, and every IPv6 form that carries one', () => {
		const blocked = [
			'0.1.2.3',
			'10.0.0.1',
			'100.64.0.1',
			'127.0.0.1',
			'169.254.169.254',
			'172.16.0.1',
			'172.31.255.255',
			'192.0.0.8',
			'192.0.2.1',
			'192.168.1.1',
			'198.18.0.1',
			'198.51.100.1',
			'203.0.113.1',
			'224.0.0.1',
			'255.255.255.255',
			'::1',
			'::',
			'::ffff:127.0.0.1',
			'0:0:0:0:0:ffff:7f00:1',
			'2002:a9fe:a9fe::',
			'64:ff9b::c0a8:101',
			'2001:db8::1',
			'fc00::1',
			'fd12::1',
			'fe80::1',
			'fec0::1',
			'ff02::1',
			'::5efe:10.0.0.1',
			'not-an-ip',
		];
		for (const ip of blocked) expect([ip, isIpBlocked(ip)]).toEqual([ip, true]);
		for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '2001:4860:4860::8888']) {
			expect([ip, isIpBlocked(ip)]).toEqual([ip, false]);
		}
	});

	it('lets loopback through only with the server option allowLoopbackWebhooks (not Wekan)', () => {
		expect(isIpBlocked('127.0.0.1', true)).toBe(false);
		expect(isIpBlocked('::1', true)).toBe(false);
		expect(isIpBlocked('10.0.0.1', true)).toBe(true);
	});

	it('trusts the PEM of WEBHOOK_TLS_CA_CERT for https webhooks, read once (ssrfGuard.js:135-185, #6553)', () => {
		const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
		expect(webhookCaCert({ WEBHOOK_TLS_CA_CERT: `  ${pem}\n` })).toBe(pem);
		expect(webhookCaCert({})).toBe(pem);
	});

	it('gives the input-time reasons the REST routes send', async () => {
		expect(await validateAttachmentUrl('http://93.184.216.34/x')).toEqual({ valid: true });
		expect(await validateAttachmentUrl('http://127.0.0.1/x')).toEqual({
			valid: false,
			reason: 'IP address is not allowed',
		});
		expect(await validateAttachmentUrl('http://localhost/x', true)).toMatchObject({ valid: true });
		expect(await validateAttachmentUrl('http://no-such-host.invalid/x')).toEqual({
			valid: false,
			reason: 'Hostname did not resolve',
		});
	});
});

describe('the method user reaches the writes hooks make (collection-hooks getUserId: Meteor.userId())', () => {
	let h: ServerHarness;
	let receiver: Receiver;
	beforeAll(async () => {
		receiver = await startReceiver();
		// The cards model's title hook records a-changedTitle with the hook's userId (server/models/cards.js:885-910).
		h = await startHarness({ allowLoopbackWebhooks: true });
	});
	afterAll(async () => {
		await h.close();
		await receiver.close();
	});

	it('so a web-UI edit posts its webhook, and the same write from REST does not', async () => {
		const alice = seedUser(h, 'alice');
		const seeded = seedWorkBoard(h, alice);
		const created = await h.call('POST', `/api/boards/${seeded.boardId}/integrations`, {
			token: alice.token,
			body: { url: receiver.url },
		});
		expect(created.status).toBe(200);
		h.wekan.ui.editCardTitle(alice.id, seeded.card._id, 'From the UI');
		h.wekan.db.cards.update(seeded.card._id, { $set: { title: 'From REST' } });
		await h.wekan.webhooks.settle();
		expect(receiver.received.map((r) => r.body.description)).toEqual(['act-a-changedTitle']);
		expect(h.wekan.db.activities.find({ activityType: 'a-changedTitle' }).map((a) => a.userId)).toEqual([alice.id, undefined]);
	});
});
