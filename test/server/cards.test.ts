/**
 * The card routes of server/models/cards.js at Wekan v11.07 (commit f5cc8e373), except the PUT (cardsPut.test.ts):
 * reads, creates, counts, custom field values, archive, members and assignees, deletes, bulk labels, copy and the
 * caller's cards. Line numbers are server/models/cards.js unless a file is named.
 */
import { activitiesOf, type CardFixture, cardOf, expectEmpty200, expectStyleA, expectStyleB, patchCard, seedCardFixture, seedOtherBoard, type ServerHarness, startHarness } from './fixtures';

describe('card routes', () => {
	let h: ServerHarness;
	let f: CardFixture;

	/** POST a card as the owner (or `token`) into the fixture's first list (or `listId`); returns its id. */
	const create = async (body: Record<string, unknown> = {}, token = f.owner.token, listId = f.listId) => {
		const r = await h.call('POST', `/api/boards/${f.boardId}/lists/${listId}/cards`, {
			token,
			body: { title: 'Card', swimlaneId: f.swimlaneId, ...body },
		});
		if (r.status !== 200) throw new Error(`create: ${r.status} ${r.text}`);
		return r.json._id as string;
	};

	beforeEach(async () => {
		h = await startHarness();
		f = seedCardFixture(h);
	});
	afterEach(() => h.close());

	describe('GET list cards (998-1025)', () => {
		it('answers the live cards of the list and board by sort, with ten fields, swimlaneId among them', async () => {
			const a = await create({ title: 'A', dueAt: '2030-01-01T00:00:00.000Z', members: [f.normal.id] });
			const b = await create({ title: 'B' });
			patchCard(h, a, { sort: 5, labelIds: ['x'] });
			const gone = await create({ title: 'Gone' });
			patchCard(h, gone, { archived: true });
			const r = await h.call('GET', f.listPath, { token: f.reader.token });
			expect(r.status).toBe(200);
			expect(r.json.map((c: { _id: string }) => c._id)).toEqual([b, a]);
			// Undefined dates drop out of the JSON.
			expect(r.json[1]).toEqual({
				_id: a,
				title: 'A',
				description: '',
				swimlaneId: f.swimlaneId,
				dueAt: '2030-01-01T00:00:00.000Z',
				assignees: [],
				sort: 5,
			});
		});

		it('needs board read access (checkBoardAccess, server/authentication.js:51-57): HTML errors', async () => {
			expectStyleB(await h.call('GET', f.listPath, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('GET', f.listPath, { token: f.outsider.token }), 403);
			expectStyleB(await h.call('GET', f.listPath), 401);
			expectStyleB(
				await h.call('GET', `/api/boards/nope/lists/${f.listId}/cards`, { token: f.owner.token }),
				404,
			);
			expect((await h.call('GET', f.listPath, { token: f.admin.token })).status).toBe(200);
		});
	});

	describe('GET swimlane cards (966-996)', () => {
		it('answers the live cards of the swimlane in every list, with listId instead of swimlaneId', async () => {
			const lane = h.wekan.createSwimlane(f.boardId, 'Second');
			const a = await create({ title: 'A' });
			const b = await create({ title: 'B' }, f.owner.token, f.list2Id);
			await create({ title: 'Elsewhere', swimlaneId: lane._id });
			patchCard(h, a, { sort: 9 });
			const r = await h.call('GET', `/api/boards/${f.boardId}/swimlanes/${f.swimlaneId}/cards`, {
				token: f.reader.token,
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ _id: b, title: 'B', description: '', listId: f.list2Id, assignees: [], sort: 0 },
				{ _id: a, title: 'A', description: '', listId: f.listId, assignees: [], sort: 9 },
			]);
			expectStyleB(await h.call('GET', `/api/boards/${f.boardId}/swimlanes/${f.swimlaneId}/cards`), 401);
		});
	});

	describe('GET /api/cards/:cardId (1030-1042)', () => {
		it('answers the whole document, archived or not (#5546)', async () => {
			const id = await create({ title: 'Full' });
			patchCard(h, id, { archived: true });
			const r = await h.call('GET', `/api/cards/${id}`, { token: f.reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({
				_id: id,
				title: 'Full',
				archived: true,
				boardId: f.boardId,
				listId: f.listId,
				swimlaneId: f.swimlaneId,
				userId: f.owner.id,
				type: 'cardType-card',
				labelIds: [],
				members: [],
				cardNumber: 1,
				dueComplete: false,
				isOvertime: false,
				subtaskSort: -1,
			});
			expect(r.json.modifiedAt).toEqual(expect.any(String));
			expect(r.json.dateLastActivity).toEqual(expect.any(String));
		});

		it('answers an unknown card with a JSON 404 before any permission check, then checks board read', async () => {
			for (const token of [f.owner.token, undefined]) {
				const r = await h.call('GET', '/api/cards/missing', { token });
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ error: 'Card not found' });
			}
			const id = await create();
			expectStyleB(await h.call('GET', `/api/cards/${id}`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('GET', `/api/cards/${id}`, { token: f.outsider.token }), 403);
			expectStyleB(await h.call('GET', `/api/cards/${id}`), 401);
		});
	});

	describe('GET one card of a list (1044-1061)', () => {
		it('answers the live card of that list and board, else an empty 200', async () => {
			const id = await create({ description: 'd' });
			const r = await h.call('GET', `${f.listPath}/${id}`, { token: f.reader.token });
			expect(r.json).toMatchObject({ _id: id, description: 'd', members: [], labelIds: [] });
			expectEmpty200(await h.call('GET', `${f.listPath}/unknown`, { token: f.owner.token }));
			expectEmpty200(
				await h.call('GET', `/api/boards/${f.boardId}/lists/${f.list2Id}/cards/${id}`, {
					token: f.owner.token,
				}),
			);
			patchCard(h, id, { archived: true });
			expectEmpty200(await h.call('GET', `${f.listPath}/${id}`, { token: f.owner.token }));
		});

		it('needs board read access', async () => {
			const id = await create();
			expectStyleB(await h.call('GET', `${f.listPath}/${id}`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('GET', `${f.listPath}/${id}`), 401);
		});
	});

	describe('POST card (1063-1182)', () => {
		it('inserts directly, the caller as author, the next card number, the list\'s count as sort', async () => {
			const first = await create({ title: 'One' });
			// GHSA-6jr3-42jf-vhm5 (1125-1131): authorId in the body is ignored.
			const second = await create({ title: '  Two  ', authorId: f.normal.id, description: 'text' });
			expect(cardOf(h, first)).toMatchObject({ sort: 0, cardNumber: 1, userId: f.owner.id, parentId: '' });
			// collection2 trims strings.
			expect(cardOf(h, second)).toMatchObject({
				sort: 1,
				cardNumber: 2,
				userId: f.owner.id,
				title: 'Two',
				description: 'text',
			});
		});

		it('logs createCard with the caller after answering (cardCreation, models/cards.js:3541-3555)', async () => {
			const id = await create({ title: 'Logged' });
			expect(activitiesOf(h, 'createCard', id)).toEqual([
				expect.objectContaining({
					userId: f.owner.id,
					boardId: f.boardId,
					listId: f.listId,
					listName: 'Todo',
					swimlaneId: f.swimlaneId,
					swimlaneName: 'Default',
					cardTitle: 'Logged',
				}),
			]);
		});

		it('counts the live cards of the list, of any board, for the sort (1121-1124)', async () => {
			const a = await create();
			await create();
			patchCard(h, a, { archived: true });
			h.wekan.createCard({
				title: 'Foreign',
				boardId: 'elsewhere',
				listId: f.listId,
				swimlaneId: f.swimlaneId,
				userId: f.owner.id,
			});
			expect(cardOf(h, await create()).sort).toBe(2);
		});

		it('answers no swimlaneId with the schema error (HTML 500), a card number used up', async () => {
			for (const swimlaneId of [undefined, '']) {
				const r = await h.call('POST', f.listPath, { token: f.owner.token, body: { title: 'x', swimlaneId } });
				expectStyleB(r, 500);
			}
			expect(h.wekan.db.cards.count({ boardId: f.boardId })).toBe(0);
			// Board.getNextCardNumber (models/boards.js:1946-1999) ran before the insert failed.
			expect(cardOf(h, await create()).cardNumber).toBe(3);
		});

		it('keeps active board members only; one id is wrapped, null and "" clear', async () => {
			h.wekan.addBoardMember(f.boardId, f.outsider.id);
			h.wekan.db.boards.direct.update(
				{ _id: f.boardId, 'members.userId': f.outsider.id },
				{ $set: { 'members.$.isActive': false } },
			);
			const id = await create({ members: [f.normal.id, f.outsider.id, 'ghost', 7], assignees: f.reader.id });
			expect(cardOf(h, id)).toMatchObject({ members: [f.normal.id], assignees: [f.reader.id] });
			const empty = await create({ members: null, assignees: '' });
			expect(cardOf(h, empty)).toMatchObject({ members: [], assignees: [] });
		});

		it('takes dates that parse (ISO, epoch ms, numeric strings) and leaves the others unset (#5537)', async () => {
			const id = await create({
				dueAt: '2031-05-06T07:08:09.000Z',
				startAt: 1_700_000_000_000,
				receivedAt: '1800000000000',
				endAt: 'soon',
			});
			const card = cardOf(h, id);
			expect(card.dueAt?.toISOString()).toBe('2031-05-06T07:08:09.000Z');
			expect(card.startAt?.getTime()).toBe(1_700_000_000_000);
			expect(card.receivedAt?.getTime()).toBe(1_800_000_000_000);
			expect(card.endAt).toBeUndefined();
		});

		it('reads no parentId (req.params, 1073), labelIds, color, customFields or sort', async () => {
			const parent = await create();
			const id = await create({
				labelIds: ['l1'],
				color: 'red',
				customFields: [{ _id: 'cf', value: 'v' }],
				sort: 42,
				parentId: parent,
			});
			expect(cardOf(h, id)).toMatchObject({ labelIds: [], customFields: [], sort: 1, parentId: '' });
			expect(cardOf(h, id).color).toBeUndefined();
		});

		it('checks neither list nor swimlane: an unknown list gets the card, not the activity', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create({ swimlaneId: other.swimlaneId }, f.owner.token, 'no-such-list');
			expect(cardOf(h, id)).toMatchObject({
				listId: 'no-such-list',
				swimlaneId: other.swimlaneId,
				boardId: f.boardId,
			});
			// cardCreation reads list.title after the answer (1174-1178): the TypeError only loses the activity.
			expect(activitiesOf(h, 'createCard', id)).toEqual([]);
		});

		it('puts the board\'s automatic (and always-on) custom fields on the card, empty (1113-1119)', async () => {
			const field = (name: string, flags: Record<string, boolean>) =>
				h.wekan.db.customFields.direct.insert({
					boardIds: [f.boardId],
					name,
					type: 'text',
					settings: {},
					...flags,
				});
			const auto = field('Auto', { automaticallyOnCard: true });
			const always = field('Always', { alwaysOnCard: true });
			field('Manual', {});
			expect(cardOf(h, await create()).customFields).toEqual([
				{ _id: auto, value: null },
				{ _id: always, value: null },
			]);
		});

		it('needs the comment capability: comment-only passes, read-only and outsiders get 403', async () => {
			await create({}, f.commenter.token);
			for (const [token, status] of [
				[f.reader.token, 403],
				[f.outsider.token, 403],
				[undefined, 401],
			] as const) {
				expectStyleB(
					await h.call('POST', f.listPath, { token, body: { title: 'x', swimlaneId: f.swimlaneId } }),
					status,
				);
			}
		});

		it('answers 403 for an unknown board, and a site admin an HTML 500 (getNextCardNumber)', async () => {
			const path = `/api/boards/nope/lists/${f.listId}/cards`;
			const body = { title: 'x', swimlaneId: f.swimlaneId };
			expectStyleB(await h.call('POST', path, { token: f.owner.token, body }), 403);
			expectStyleB(await h.call('POST', path, { token: f.admin.token, body }), 500);
			expect(h.wekan.db.cards.count({ boardId: 'nope' })).toBe(0);
		});

		describe('linked cards (#5897, 1079-1103)', () => {
			it('links through Card.link: a copy without labels, then numbered and sorted', async () => {
				const source = await create({
					title: 'Source',
					description: 'body',
					members: [f.normal.id],
					dueAt: '2030-02-03T00:00:00.000Z',
				});
				patchCard(h, source, { labelIds: ['lab'], sort: 7 });
				await create({}, f.owner.token, f.list2Id);
				const id = await create({ linkedId: source, title: 'ignored' }, f.owner.token, f.list2Id);
				expect(cardOf(h, id)).toMatchObject({
					type: 'cardType-linkedCard',
					linkedId: source,
					title: 'Source',
					description: 'body',
					members: [f.normal.id],
					labelIds: [],
					listId: f.list2Id,
					boardId: f.boardId,
					userId: f.owner.id,
					sort: 1,
					cardNumber: 3,
				});
				// The JSON round-trip's date string goes back to a Date through the schema.
				expect(cardOf(h, id).dueAt).toEqual(new Date('2030-02-03T00:00:00.000Z'));
			});

			it('logs createCard twice: the insert hook without a user, then the handler with the caller', async () => {
				const source = await create();
				const id = await create({ linkedId: source }, f.owner.token, f.list2Id);
				const logged = activitiesOf(h, 'createCard', id);
				expect(logged).toHaveLength(2);
				expect(logged[0].userId).toBeUndefined();
				expect(logged[1]).toMatchObject({ userId: f.owner.id, listId: f.list2Id, listName: 'Done' });
			});

			it('links the original when the source is itself a linked card (models/cards.js:1074)', async () => {
				const source = await create();
				const link = await create({ linkedId: source });
				expect(cardOf(h, await create({ linkedId: link })).linkedId).toBe(source);
			});

			it('keeps the archived state of the source', async () => {
				const source = await create();
				patchCard(h, source, { archived: true });
				expect(cardOf(h, await create({ linkedId: source })).archived).toBe(true);
			});

			it('answers 404 JSON for an unknown source, and needs read access to the source\'s board', async () => {
				const r = await h.call('POST', f.listPath, {
					token: f.owner.token,
					body: { swimlaneId: f.swimlaneId, linkedId: 'nope' },
				});
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ error: 'linkedId card not found' });
				const foreign = seedOtherBoard(h, f.outsider.id);
				const secret = h.wekan.createCard({ title: 'Secret', ...foreign, userId: f.outsider.id })._id;
				expectStyleB(
					await h.call('POST', f.listPath, {
						token: f.owner.token,
						body: { swimlaneId: f.swimlaneId, linkedId: secret },
					}),
					403,
				);
			});

			it('answers a link without swimlaneId with the schema error (HTML 500)', async () => {
				const source = await create();
				expectStyleB(
					await h.call('POST', f.listPath, { token: f.owner.token, body: { linkedId: source } }),
					500,
				);
			});

			it('gives a link with a foreign swimlane the first visible one (ensureValidSwimlaneIds)', async () => {
				const other = seedOtherBoard(h, f.owner.id);
				const source = await create();
				const id = await create({ linkedId: source, swimlaneId: other.swimlaneId });
				expect(cardOf(h, id).swimlaneId).toBe(f.swimlaneId);
			});
		});
	});

	describe('POST bulk cards (1194-1274)', () => {
		const bulkPath = () => `${f.listPath}/bulk`;

		it('inserts each with the next number and sort, the top swimlane as default, logging each', async () => {
			await create();
			const lane = h.wekan.createSwimlane(f.boardId, 'Second');
			const r = await h.call('POST', bulkPath(), {
				token: f.owner.token,
				body: {
					swimlaneId: f.swimlaneId,
					authorId: f.normal.id,
					cards: [
						{ title: 'a' },
						{ title: 'b', members: [f.normal.id, f.outsider.id], swimlaneId: lane._id },
						null,
					],
				},
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ index: 0, _id: expect.any(String) },
				{ index: 1, _id: expect.any(String) },
				{ index: 2, _id: expect.any(String) },
			]);
			expect(cardOf(h, r.json[0]._id)).toMatchObject({
				title: 'a',
				sort: 1,
				cardNumber: 2,
				swimlaneId: f.swimlaneId,
				userId: f.owner.id,
			});
			expect(cardOf(h, r.json[1]._id)).toMatchObject({ sort: 2, members: [f.normal.id], swimlaneId: lane._id });
			// A null entry is an empty card (1233).
			expect(cardOf(h, r.json[2]._id)).toMatchObject({ title: '', sort: 3 });
			expect(activitiesOf(h, 'createCard').filter((a) => a.userId === f.owner.id)).toHaveLength(4);
		});

		it('takes parentId from each entry without a visibility check, and no dates', async () => {
			const foreign = seedOtherBoard(h, f.outsider.id);
			const secret = h.wekan.createCard({ title: 'Secret', ...foreign, userId: f.outsider.id })._id;
			const r = await h.call('POST', bulkPath(), {
				token: f.owner.token,
				body: { swimlaneId: f.swimlaneId, cards: [{ title: 'child', parentId: secret, dueAt: '2030-01-01' }] },
			});
			expect(cardOf(h, r.json[0]._id)).toMatchObject({ parentId: secret });
			expect(cardOf(h, r.json[0]._id).dueAt).toBeUndefined();
		});

		it('fails with an HTML 500 at the first entry without a swimlane, keeping the cards before it', async () => {
			const r = await h.call('POST', bulkPath(), {
				token: f.owner.token,
				body: {
					cards: [
						{ title: 'a', swimlaneId: f.swimlaneId },
						{ title: 'b' },
						{ title: 'c', swimlaneId: f.swimlaneId },
					],
				},
			});
			expectStyleB(r, 500);
			expect(h.wekan.db.cards.find({ boardId: f.boardId }).map((c) => c.title)).toEqual(['a']);
		});

		it('fails with an HTML 500 after the first card for an unknown list (cardCreation)', async () => {
			const r = await h.call('POST', `/api/boards/${f.boardId}/lists/nowhere/cards/bulk`, {
				token: f.owner.token,
				body: { swimlaneId: f.swimlaneId, cards: [{ title: 'a' }, { title: 'b' }] },
			});
			expectStyleB(r, 500);
			expect(h.wekan.db.cards.find({ listId: 'nowhere' }).map((c) => c.title)).toEqual(['a']);
		});

		it('answers 400 {error} for an empty, missing or oversized array', async () => {
			for (const [cards, error] of [
				[[], 'cards must be a non-empty array'],
				[undefined, 'cards must be a non-empty array'],
				[{ title: 'x' }, 'cards must be a non-empty array'],
				[Array.from({ length: 501 }, () => ({ title: 't' })), 'cards array too large (max 500 per request)'],
			] as const) {
				const r = await h.call('POST', bulkPath(), {
					token: f.owner.token,
					body: { swimlaneId: f.swimlaneId, cards },
				});
				expect(r.status).toBe(400);
				expect(r.json).toEqual({ error });
			}
			expect(h.wekan.db.cards.count({ boardId: f.boardId })).toBe(0);
		});

		it('needs the comment capability', async () => {
			const body = { swimlaneId: f.swimlaneId, cards: [{ title: 'a' }] };
			expect((await h.call('POST', bulkPath(), { token: f.commenter.token, body })).status).toBe(200);
			expectStyleB(await h.call('POST', bulkPath(), { token: f.reader.token, body }), 403);
			expectStyleB(await h.call('POST', bulkPath(), { token: f.outsider.token, body }), 403);
			expectStyleB(await h.call('POST', bulkPath(), { body }), 401);
		});
	});

	describe('card counts (1276-1310, style A)', () => {
		it('counts the live cards of the board and of one of its lists', async () => {
			await create();
			const b = await create();
			await create({}, f.owner.token, f.list2Id);
			patchCard(h, b, { archived: true });
			const board = await h.call('GET', `/api/boards/${f.boardId}/cards_count`, { token: f.reader.token });
			expect(board.status).toBe(200);
			expect(board.json).toEqual({ board_cards_count: 2 });
			const list = await h.call('GET', `/api/boards/${f.boardId}/lists/${f.listId}/cards_count`, {
				token: f.reader.token,
			});
			expect(list.json).toEqual({ list_cards_count: 1 });
		});

		it('answers permission failures with status 200 and the serialised Meteor.Error', async () => {
			expectStyleA(
				await h.call('GET', `/api/boards/${f.boardId}/cards_count`, { token: f.commenter.token }),
				403,
			);
			expectStyleA(
				await h.call('GET', `/api/boards/${f.boardId}/lists/${f.listId}/cards_count`, {
					token: f.outsider.token,
				}),
				403,
			);
			const anonymous = await h.call('GET', `/api/boards/${f.boardId}/cards_count`);
			expectStyleA(anonymous, 401);
			expect(anonymous.json).toEqual({
				isClientSafe: true,
				error: 'Unauthorized',
				reason: 'Unauthorized',
				message: 'Unauthorized [Unauthorized]',
				errorType: 'Meteor.Error',
				statusCode: 401,
			});
			expectStyleA(await h.call('GET', '/api/boards/nope/cards_count', { token: f.owner.token }), 404);
		});
	});

	describe('custom field values', () => {
		it('finds whole live cards by an exact custom field value, the URL\'s string (1908-1926)', async () => {
			const a = await create();
			const b = await create();
			const c = await create();
			const d = await create();
			patchCard(h, a, { customFields: [{ _id: 'cf', value: 'blue' }] });
			patchCard(h, b, { customFields: [{ _id: 'cf', value: 'Blue' }] });
			patchCard(h, c, { customFields: [{ _id: 'cf', value: 5 }] });
			patchCard(h, d, { customFields: [{ _id: 'cf', value: 'blue' }], archived: true });
			const r = await h.call('GET', `/api/boards/${f.boardId}/cardsByCustomField/cf/blue`, {
				token: f.reader.token,
			});
			expect(r.status).toBe(200);
			expect(r.json.map((card: { _id: string }) => card._id)).toEqual([a]);
			expect(r.json[0]).toMatchObject({
				boardId: f.boardId,
				cardNumber: 1,
				customFields: [{ _id: 'cf', value: 'blue' }],
			});
			const five = await h.call('GET', `/api/boards/${f.boardId}/cardsByCustomField/cf/5`, {
				token: f.reader.token,
			});
			expect(five.json).toEqual([]);
			expectStyleB(
				await h.call('GET', `/api/boards/${f.boardId}/cardsByCustomField/cf/blue`, {
					token: f.commenter.token,
				}),
				403,
			);
		});

		it('replaces the value of a field on the card and writes the array back directly (1928-1958)', async () => {
			const id = await create();
			patchCard(h, id, {
				customFields: [
					{ _id: 'cf1', value: null },
					{ _id: 'cf2', value: 'keep' },
				],
			});
			const set = await h.call('POST', `${f.listPath}/${id}/customFields/cf1`, {
				token: f.owner.token,
				body: { value: ['a', 1] },
			});
			expect(set.status).toBe(200);
			// The answer is the array as sent; the schema stores array items as strings.
			expect(set.json).toEqual({
				_id: id,
				customFields: [
					{ _id: 'cf1', value: ['a', 1] },
					{ _id: 'cf2', value: 'keep' },
				],
			});
			expect(cardOf(h, id).customFields).toEqual([
				{ _id: 'cf1', value: ['a', '1'] },
				{ _id: 'cf2', value: 'keep' },
			]);
			expect(activitiesOf(h, 'setCustomField')).toEqual([]);
		});

		it('changes nothing for a field that is not on the card, and still answers 200', async () => {
			const id = await create();
			patchCard(h, id, { customFields: [{ _id: 'cf1', value: 'x' }] });
			const absent = await h.call('POST', `${f.listPath}/${id}/customFields/cf2`, {
				token: f.owner.token,
				body: { value: 'y' },
			});
			expect(absent.status).toBe(200);
			expect(absent.json).toEqual({ _id: id, customFields: [{ _id: 'cf1', value: 'x' }] });
			expect(cardOf(h, id).customFields).toEqual([{ _id: 'cf1', value: 'x' }]);
		});

		it('answers a card not live there with Meteor.Error(404), an HTML 500; needs write access', async () => {
			const id = await create();
			expectStyleB(
				await h.call('POST', `${f.listPath}/missing/customFields/cf`, {
					token: f.owner.token,
					body: { value: 1 },
				}),
				500,
			);
			patchCard(h, id, { archived: true });
			expectStyleB(
				await h.call('POST', `${f.listPath}/${id}/customFields/cf`, {
					token: f.owner.token,
					body: { value: 1 },
				}),
				500,
			);
			expectStyleB(
				await h.call('POST', `${f.listPath}/${id}/customFields/cf`, {
					token: f.reader.token,
					body: { value: 1 },
				}),
				403,
			);
		});
	});

	describe('archive and unarchive (1960-2006)', () => {
		it('archives through Card.archive, logging archivedCard without a user, and restores likewise', async () => {
			const id = await create();
			const archived = await h.call('POST', `${f.listPath}/${id}/archive`, { token: f.owner.token });
			expect(archived.status).toBe(200);
			expect(archived.json).toEqual({ _id: id, archived: true, archivedAt: expect.any(String) });
			expect(cardOf(h, id)).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
			const [logged] = activitiesOf(h, 'archivedCard', id);
			expect(logged).toMatchObject({
				listName: 'Todo',
				listId: f.listId,
				cardTitle: 'Card',
				swimlaneId: f.swimlaneId,
			});
			expect(logged.userId).toBeUndefined();
			const restored = await h.call('POST', `${f.listPath}/${id}/unarchive`, { token: f.owner.token });
			expect(restored.json).toEqual({ _id: id, archived: false });
			// Card.restore (models/cards.js:2574-2581) leaves archivedAt.
			expect(cardOf(h, id)).toMatchObject({ archived: false, archivedAt: expect.any(Date) });
			expect(activitiesOf(h, 'restoredCard', id)).toHaveLength(1);
		});

		it('archives and restores the subtasks first, archived ones again (models/cards.js:2557-2581)', async () => {
			const parent = await create({ title: 'Parent' });
			const child = await create({ title: 'Child' });
			const done = await create({ title: 'Done child' });
			patchCard(h, child, { parentId: parent });
			patchCard(h, done, { parentId: parent, archived: true });
			await h.call('POST', `${f.listPath}/${parent}/archive`, { token: f.owner.token });
			expect(cardOf(h, child).archived).toBe(true);
			expect(activitiesOf(h, 'archivedCard').map((a) => a.cardId)).toEqual([child, done, parent]);
			await h.call('POST', `${f.listPath}/${parent}/unarchive`, { token: f.owner.token });
			expect([child, done, parent].map((id) => cardOf(h, id).archived)).toEqual([false, false, false]);
		});

		it('answers a card that is not there in that state with Meteor.Error(404): an HTML 500', async () => {
			const id = await create();
			expectStyleB(await h.call('POST', `${f.listPath}/missing/archive`, { token: f.owner.token }), 500);
			expectStyleB(await h.call('POST', `${f.listPath}/${id}/unarchive`, { token: f.owner.token }), 500);
			await h.call('POST', `${f.listPath}/${id}/archive`, { token: f.owner.token });
			expectStyleB(await h.call('POST', `${f.listPath}/${id}/archive`, { token: f.owner.token }), 500);
			expectStyleB(
				await h.call('POST', `/api/boards/${f.boardId}/lists/${f.list2Id}/cards/${id}/unarchive`, {
					token: f.owner.token,
				}),
				500,
			);
		});

		it('answers an HTML 500 after archiving when the list is gone (cardState reads list.title)', async () => {
			const id = await create();
			h.wekan.db.lists.raw.remove({ _id: f.listId });
			expectStyleB(await h.call('POST', `${f.listPath}/${id}/archive`, { token: f.owner.token }), 500);
			expect(cardOf(h, id).archived).toBe(true);
		});

		it('needs board write access', async () => {
			const id = await create();
			expectStyleB(await h.call('POST', `${f.listPath}/${id}/archive`, { token: f.reader.token }), 403);
			expectStyleB(await h.call('POST', `${f.listPath}/${id}/archive`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('POST', `${f.listPath}/${id}/unarchive`), 401);
		});
	});

	describe('card members and assignees (2013-2078, #5998)', () => {
		const path = (id: string, kind: 'members' | 'assignees', userId: string) =>
			`${f.listPath}/${id}/${kind}/${userId}`;

		it('adds and removes with $addToSet/$pull through the hooks, answering both lists', async () => {
			const id = await create();
			const add = await h.call('POST', path(id, 'members', f.normal.id), { token: f.owner.token });
			expect(add.status).toBe(200);
			expect(add.json).toEqual({ _id: id, members: [f.normal.id], assignees: [] });
			const again = await h.call('POST', path(id, 'members', f.normal.id), { token: f.owner.token });
			expect(again.json.members).toEqual([f.normal.id]);
			const assignee = await h.call('POST', path(id, 'assignees', f.reader.id), { token: f.owner.token });
			expect(assignee.json).toEqual({ _id: id, members: [f.normal.id], assignees: [f.reader.id] });
			const removed = await h.call('DELETE', path(id, 'members', f.normal.id), { token: f.owner.token });
			expect(removed.json).toEqual({ _id: id, members: [], assignees: [f.reader.id] });
			const unassigned = await h.call('DELETE', path(id, 'assignees', f.reader.id), { token: f.owner.token });
			expect(unassigned.json).toEqual({ _id: id, members: [], assignees: [] });
		});

		it('logs join/unjoin only for changes, with username and memberId or assigneeId (cards.js:3366)', async () => {
			const id = await create();
			await h.call('POST', path(id, 'members', f.normal.id), { token: f.owner.token });
			await h.call('POST', path(id, 'members', f.normal.id), { token: f.owner.token });
			await h.call('POST', path(id, 'assignees', f.reader.id), { token: f.owner.token });
			await h.call('DELETE', path(id, 'assignees', f.reader.id), { token: f.owner.token });
			await h.call('DELETE', path(id, 'assignees', f.reader.id), { token: f.owner.token });
			const joined = activitiesOf(h, 'joinMember', id);
			expect(joined).toEqual([
				expect.objectContaining({ username: 'normal', memberId: f.normal.id, listId: f.listId }),
			]);
			expect(joined[0].userId).toBeUndefined();
			expect(activitiesOf(h, 'joinAssignee', id)).toEqual([
				expect.objectContaining({ assigneeId: f.reader.id, username: 'reader' }),
			]);
			expect(activitiesOf(h, 'joinAssignee', id)[0].memberId).toBeUndefined();
			expect(activitiesOf(h, 'unjoinAssignee', id)).toHaveLength(1);
		});

		it('refuses to add someone who is not an active board member with 400, but removes any user', async () => {
			const id = await create();
			const r = await h.call('POST', path(id, 'assignees', f.outsider.id), { token: f.owner.token });
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'userId is not an active member of this board' });
			patchCard(h, id, { members: [f.outsider.id] });
			const removed = await h.call('DELETE', path(id, 'members', f.outsider.id), { token: f.owner.token });
			expect(removed.json.members).toEqual([]);
		});

		it('answers an HTML 500 for removing an id that names no user (the hook reads .username)', async () => {
			const id = await create();
			patchCard(h, id, { members: ['stale'] });
			expectStyleB(await h.call('DELETE', path(id, 'members', 'stale'), { token: f.owner.token }), 500);
			expect(cardOf(h, id).members).toEqual(['stale']);
		});

		it('writes a linked card\'s people onto its source, answering its own (getRealId)', async () => {
			const source = await create();
			const link = await create({ linkedId: source });
			const r = await h.call('POST', path(link, 'members', f.normal.id), { token: f.owner.token });
			expect(r.json).toEqual({ _id: link, members: [], assignees: [] });
			expect(cardOf(h, source).members).toEqual([f.normal.id]);
		});

		it('answers 404 JSON for a card not live in that list, and needs board write access', async () => {
			const r = await h.call('POST', path('missing', 'members', f.normal.id), { token: f.owner.token });
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ error: 'Card not found' });
			const id = await create();
			expectStyleB(await h.call('POST', path(id, 'members', f.normal.id), { token: f.reader.token }), 403);
			expectStyleB(await h.call('DELETE', path(id, 'assignees', f.normal.id)), 401);
		});
	});

	describe('DELETE card (1704-1771)', () => {
		const seedChildren = (cardId: string) => {
			const db = h.wekan.db;
			const checklistId = db.checklists.direct.insert({ cardId, boardId: f.boardId, title: 'c', sort: 0 });
			db.checklistItems.direct.insert({ title: 'i', sort: 0, checklistId, cardId, boardId: f.boardId });
			db.card_comments.direct.insert({ boardId: f.boardId, cardId, text: 't', userId: f.owner.id });
			db.activities.insert({ activityType: 'addComment', cardId, boardId: f.boardId });
			db.attachments.raw.insert({
				_id: 'att',
				name: 'a.txt',
				meta: { cardId, boardId: f.boardId },
				versions: {},
			});
		};

		it('removes the children directly, the subcards through the hooks, then the card (#3252)', async () => {
			const id = await create();
			const child = await create({ title: 'child' });
			patchCard(h, child, { parentId: id });
			seedChildren(id);
			const r = await h.call('DELETE', `${f.listPath}/${id}`, { token: f.owner.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: id });
			const db = h.wekan.db;
			expect(db.cards.findOne(id)).toBeUndefined();
			expect(db.cards.findOne(child)).toBeUndefined();
			expect(db.checklists.size + db.checklistItems.size + db.card_comments.size).toBe(0);
			// The card's earlier activities went in one bulk remove; only the caller's deleteCard is left.
			expect(db.activities.find({ cardId: id })).toEqual([
				expect.objectContaining({
					activityType: 'deleteCard',
					userId: f.owner.id,
					cardTitle: 'Card',
					listId: f.listId,
				}),
			]);
			// The subcard's before.remove hook logged its own deleteCard, without a user.
			const [childDeleted] = db.activities.find({ cardId: child });
			expect(childDeleted).toMatchObject({ activityType: 'deleteCard', cardTitle: 'child' });
			expect(childDeleted.userId).toBeUndefined();
		});

		it('keeps attachments: removeAsync({cardId}) matches no record (they have meta.cardId)', async () => {
			const id = await create();
			seedChildren(id);
			await h.call('DELETE', `${f.listPath}/${id}`, { token: f.owner.token });
			expect(h.wekan.db.attachments.findOne('att')).toBeDefined();
		});

		it('answers 200 {_id} for a card that does not exist, logging nothing', async () => {
			const r = await h.call('DELETE', `${f.listPath}/missing`, { token: f.owner.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: 'missing' });
			expect(activitiesOf(h, 'deleteCard')).toHaveLength(0);
		});

		it('does not touch a card of another board (GHSA-8cqr-x6m5-v4w6)', async () => {
			const foreign = seedOtherBoard(h, f.outsider.id);
			const secret = h.wekan.createCard({ title: 'Secret', ...foreign, userId: f.outsider.id })._id;
			const r = await h.call('DELETE', `${f.listPath}/${secret}`, { token: f.owner.token });
			expect(r.json).toEqual({ _id: secret });
			expect(h.wekan.db.cards.findOne(secret)).toBeDefined();
		});

		it('empties a card of the board given with another list, logs deleteCard, and leaves the card', async () => {
			const id = await create();
			seedChildren(id);
			const r = await h.call('DELETE', `/api/boards/${f.boardId}/lists/${f.list2Id}/cards/${id}`, {
				token: f.owner.token,
			});
			expect(r.json).toEqual({ _id: id });
			expect(h.wekan.db.cards.findOne(id)).toBeDefined();
			expect(h.wekan.db.checklists.find({ cardId: id })).toEqual([]);
			expect(activitiesOf(h, 'deleteCard', id)).toHaveLength(1);
		});

		it('deletes archived cards too, and needs board write access', async () => {
			const id = await create();
			patchCard(h, id, { archived: true });
			expectStyleB(await h.call('DELETE', `${f.listPath}/${id}`, { token: f.reader.token }), 403);
			expectStyleB(await h.call('DELETE', `${f.listPath}/${id}`, { token: f.commenter.token }), 403);
			expectStyleB(await h.call('DELETE', `${f.listPath}/${id}`), 401);
			expect(h.wekan.db.cards.findOne(id)).toBeDefined();
			await h.call('DELETE', `${f.listPath}/${id}`, { token: f.normal.token });
			expect(h.wekan.db.cards.findOne(id)).toBeUndefined();
		});
	});

	describe('DELETE bulk cards (1776-1826)', () => {
		const path = () => `/api/boards/${f.boardId}/cards/bulk`;

		it('deletes the board\'s cards (archived too, any list), the others are notFound, in order', async () => {
			const a = await create();
			const b = await create({}, f.owner.token, f.list2Id);
			patchCard(h, b, { archived: true });
			const foreign = seedOtherBoard(h, f.owner.id);
			const other = h.wekan.createCard({ title: 'f', ...foreign, userId: f.owner.id })._id;
			const r = await h.call('DELETE', path(), {
				token: f.owner.token,
				body: { cardIds: [a, 'nope', b, other] },
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ deleted: [a, b], notFound: ['nope', other] });
			expect(h.wekan.db.cards.findOne(other)).toBeDefined();
			expect(activitiesOf(h, 'deleteCard').map((x) => [x.cardId, x.userId])).toEqual([
				[a, f.owner.id],
				[b, f.owner.id],
			]);
		});

		it('passes ids into the selectors as sent: an operator object matches, the remove takes all', async () => {
			const a = await create();
			const b = await create();
			const r = await h.call('DELETE', path(), { token: f.owner.token, body: { cardIds: [{ $ne: null }] } });
			expect(r.json).toEqual({ deleted: [{ $ne: null }], notFound: [] });
			expect(h.wekan.db.cards.find({ boardId: f.boardId })).toEqual([]);
			// Only the card findOne picked went through cardRemover and got its deleteCard.
			expect(activitiesOf(h, 'deleteCard').map((x) => x.cardId)).toEqual([a]);
			expect(b).toEqual(expect.any(String));
		});

		it('answers 400 {error} for a missing, empty or oversized list, and needs board write access', async () => {
			for (const [cardIds, error] of [
				[undefined, 'cardIds must be a non-empty array'],
				[[], 'cardIds must be a non-empty array'],
				[Array.from({ length: 501 }, (_, i) => `c${i}`), 'cardIds array too large (max 500 per request)'],
			] as const) {
				const r = await h.call('DELETE', path(), { token: f.owner.token, body: { cardIds } });
				expect(r.status).toBe(400);
				expect(r.json).toEqual({ error });
			}
			expectStyleB(await h.call('DELETE', path(), { token: f.reader.token, body: { cardIds: ['x'] } }), 403);
			expectStyleB(await h.call('DELETE', path(), { body: { cardIds: ['x'] } }), 401);
		});
	});

	describe('POST bulk labels (1828-1906, #5819)', () => {
		const path = () => `/api/boards/${f.boardId}/cards/labels`;
		const labels = () => {
			const ids = ['l1', 'l2', 'l3'];
			const colors = ['green', 'yellow', 'red'];
			h.wekan.db.boards.direct.update(f.boardId, {
				$set: { labels: ids.map((_id, i) => ({ _id, name: '', color: colors[i] })) },
			});
			return ids;
		};

		it('merges labels into the board\'s live cards, directly, in the caller\'s order', async () => {
			const [l1, l2, l3] = labels();
			const a = await create();
			const b = await create({}, f.owner.token, f.list2Id);
			const gone = await create();
			patchCard(h, a, { labelIds: [l1, l2] });
			patchCard(h, gone, { archived: true });
			const r = await h.call('POST', path(), {
				token: f.owner.token,
				body: { cardIds: [b, 'nope', a, gone], addLabelIds: [l3, l1], removeLabelIds: [l2, 'unknown'] },
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				updated: [
					{ _id: b, labelIds: [l3, l1] },
					{ _id: a, labelIds: [l1, l3] },
				],
				notFound: ['nope', gone],
			});
			expect(cardOf(h, a).labelIds).toEqual([l1, l3]);
			expect(activitiesOf(h, 'addedLabel')).toEqual([]);
		});

		it('answers 400 for bad cardIds, no labels to change, or added labels the board does not have', async () => {
			const id = await create();
			const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
				[{ addLabelIds: ['x'] }, { error: 'cardIds must be a non-empty array' }],
				[{ cardIds: [id] }, { error: 'provide at least one of addLabelIds or removeLabelIds' }],
				[
					{ cardIds: [id], addLabelIds: 'x' },
					{ error: 'provide at least one of addLabelIds or removeLabelIds' },
				],
				[
					{ cardIds: [id], addLabelIds: [labels()[0], 'nope'] },
					{ error: 'addLabelIds contains labels not on this board', invalidLabelIds: ['nope'] },
				],
			];
			for (const [body, answer] of cases) {
				const r = await h.call('POST', path(), { token: f.owner.token, body });
				expect(r.status).toBe(400);
				expect(r.json).toEqual(answer);
			}
			expectStyleB(
				await h.call('POST', path(), { token: f.reader.token, body: { cardIds: [id], removeLabelIds: ['x'] } }),
				403,
			);
		});
	});

	describe('copy (2084-2129, Card.copy models/cards.js:911-1068)', () => {
		const copyPath = (id: string) => `${f.listPath}/${id}/copy`;

		it('inserts the whole card through the hooks, then checklists, subtasks and comments', async () => {
			const id = await create({ title: 'Orig', description: 'd', members: [f.normal.id] });
			patchCard(h, id, { labelIds: ['lab'], sort: 4, archived: true, userId: f.normal.id });
			const db = h.wekan.db;
			const checklistId = db.checklists.direct.insert({
				cardId: id,
				boardId: f.boardId,
				title: 'Steps',
				sort: 0,
			});
			db.checklistItems.direct.insert({
				title: 'one',
				sort: 0,
				isFinished: true,
				checklistId,
				cardId: id,
				boardId: f.boardId,
			});
			db.card_comments.direct.insert({ boardId: f.boardId, cardId: id, text: 'hi', userId: f.normal.id });
			const sub = await create({ title: 'Sub' });
			patchCard(h, sub, { parentId: id });
			const r = await h.call('POST', copyPath(id), {
				token: f.owner.token,
				body: { toSwimlaneId: f.swimlaneId, toListId: f.list2Id },
			});
			expect(r.status).toBe(200);
			const copyId = r.json._id as string;
			expect(copyId).not.toBe(id);
			// The archived state, the author, the sort and the members come along.
			expect(cardOf(h, copyId)).toMatchObject({
				title: 'Orig',
				description: 'd',
				members: [f.normal.id],
				labelIds: ['lab'],
				listId: f.list2Id,
				archived: true,
				userId: f.normal.id,
				sort: 4,
				cardNumber: 3,
			});
			const [checklist] = db.checklists.find({ cardId: copyId });
			expect(checklist).toMatchObject({ title: 'Steps', boardId: f.boardId });
			expect(db.checklistItems.find({ checklistId: checklist._id })).toEqual([
				expect.objectContaining({ title: 'one', isFinished: true, cardId: copyId }),
			]);
			expect(db.card_comments.find({ cardId: copyId })).toEqual([
				expect.objectContaining({ text: 'hi', userId: f.normal.id }),
			]);
			expect(db.cards.find({ parentId: copyId })).toEqual([
				expect.objectContaining({ title: 'Sub', listId: f.list2Id }),
			]);
			expect(db.checklists.findOne(checklistId)?.cardId).toBe(id);
			// The insert hook logs createCard, without a user.
			const [logged] = activitiesOf(h, 'createCard', copyId);
			expect(logged).toMatchObject({ listId: f.list2Id, listName: 'Done' });
			expect(logged.userId).toBeUndefined();
		});

		it('copies attachments as new records of the copy, remapping the cover', async () => {
			const id = await create();
			const db = h.wekan.db;
			db.attachments.raw.insert({
				_id: 'att',
				name: 'a.txt',
				userId: f.owner.id,
				meta: { boardId: f.boardId, cardId: id, listId: f.listId, swimlaneId: f.swimlaneId },
				versions: { original: { path: '/x', size: 1, type: 'text/plain', extension: 'txt', storage: 'fs' } },
			});
			db.files.set('att', Buffer.from('a'));
			patchCard(h, id, { coverId: 'att' });
			const r = await h.call('POST', copyPath(id), {
				token: f.owner.token,
				body: { toSwimlaneId: f.swimlaneId, toListId: f.list2Id },
			});
			const [copied] = db.attachments.find({ 'meta.cardId': r.json._id });
			expect(copied.meta).toMatchObject({ listId: f.list2Id, source: 'copy', copyFrom: 'att' });
			expect(db.files.get(copied._id)?.toString()).toBe('a');
			expect(cardOf(h, r.json._id).coverId).toBe(copied._id);
		});

		it('places the copy at a 0-based position among the destination list\'s live cards', async () => {
			const a = await create();
			const b = await create();
			const r = await h.call('POST', copyPath(a), {
				token: f.owner.token,
				body: { toSwimlaneId: f.swimlaneId, position: 1 },
			});
			const order = (await h.call('GET', f.listPath, { token: f.owner.token })).json.map(
				(c: { _id: string }) => c._id,
			);
			expect(order).toEqual([a, r.json._id, b]);
			expect(cardOf(h, r.json._id).sort).toBe(0.5);
			const top = await h.call('POST', copyPath(a), {
				token: f.owner.token,
				body: { toSwimlaneId: f.swimlaneId, position: 0 },
			});
			expect(cardOf(h, top.json._id).sort).toBe(-1);
		});

		it('copies to another board: labels by name, members kept, write access needed there', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const setLabels = (boardId: string, labels: Array<[string, string]>) =>
				h.wekan.db.boards.direct.update(boardId, {
					$set: { labels: labels.map(([_id, name]) => ({ _id, name, color: 'green' })) },
				});
			// filterCopiedLabelIds (server/lib/cardCopyHelpers.js:21-27): by non-empty name only.
			setLabels(f.boardId, [
				['src-urgent', 'Urgent'],
				['src-blank', ''],
			]);
			setLabels(other.boardId, [
				['dst-blank', ''],
				['dst-urgent', 'Urgent'],
				['dst-other', 'Other'],
			]);
			const id = await create({ members: [f.normal.id] });
			patchCard(h, id, { labelIds: ['src-urgent', 'src-blank'] });
			const r = await h.call('POST', copyPath(id), {
				token: f.owner.token,
				body: { toBoardId: other.boardId, toSwimlaneId: other.swimlaneId, toListId: other.listId },
			});
			expect(r.status).toBe(200);
			expect(cardOf(h, r.json._id)).toMatchObject({
				boardId: other.boardId,
				swimlaneId: other.swimlaneId,
				listId: other.listId,
				members: [f.normal.id],
				labelIds: ['dst-urgent'],
				cardNumber: 1,
			});
			const foreign = seedOtherBoard(h, f.outsider.id, 'Foreign');
			expectStyleB(
				await h.call('POST', copyPath(id), {
					token: f.owner.token,
					body: { toBoardId: foreign.boardId, toSwimlaneId: 'x' },
				}),
				403,
			);
		});

		it('re-keys custom field values to a same-named field there, else shares the field', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const db = h.wekan.db;
			const field = (boardId: string, name: string) =>
				db.customFields.direct.insert({ boardIds: [boardId], name, type: 'text', settings: {} });
			const size = field(f.boardId, 'Size');
			const otherSize = field(other.boardId, 'Size');
			const colour = field(f.boardId, 'Colour');
			const id = await create();
			patchCard(h, id, {
				customFields: [
					{ _id: size, value: 'L' },
					{ _id: colour, value: 'red' },
				],
			});
			const r = await h.call('POST', copyPath(id), {
				token: f.owner.token,
				body: { toBoardId: other.boardId, toSwimlaneId: other.swimlaneId, toListId: other.listId },
			});
			expect(cardOf(h, r.json._id).customFields).toEqual([
				{ _id: otherSize, value: 'L' },
				{ _id: colour, value: 'red' },
			]);
			expect(db.customFields.findOne(colour)?.boardIds).toEqual([f.boardId, other.boardId]);
		});

		it('moves a copy given a swimlane not on the board to the board\'s first visible swimlane', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const id = await create();
			const r = await h.call('POST', copyPath(id), {
				token: f.owner.token,
				body: { toSwimlaneId: other.swimlaneId },
			});
			expect(cardOf(h, r.json._id)).toMatchObject({ swimlaneId: f.swimlaneId, listId: f.listId });
		});

		it('answers an HTML 500 after inserting a copy into a list that does not exist (cardCreation)', async () => {
			const id = await create();
			const r = await h.call('POST', copyPath(id), {
				token: f.owner.token,
				body: { toSwimlaneId: f.swimlaneId, toListId: 'nowhere' },
			});
			expectStyleB(r, 500);
			expect(h.wekan.db.cards.find({ listId: 'nowhere' })).toHaveLength(1);
		});

		it('answers 400 without toSwimlaneId, 404 JSON for a missing card, and needs board write access', async () => {
			const id = await create();
			const noLane = await h.call('POST', copyPath(id), { token: f.owner.token, body: {} });
			expect(noLane.status).toBe(400);
			expect(noLane.json).toEqual({ error: 'toSwimlaneId is required' });
			const missing = await h.call('POST', copyPath('missing'), {
				token: f.owner.token,
				body: { toSwimlaneId: f.swimlaneId },
			});
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ error: 'Card not found' });
			expectStyleB(
				await h.call('POST', copyPath(id), { token: f.reader.token, body: { toSwimlaneId: f.swimlaneId } }),
				403,
			);
			expectStyleB(await h.call('POST', copyPath(id), { body: { toSwimlaneId: f.swimlaneId } }), 401);
		});
	});

	describe('GET /api/user/cards (2180-2249, #4815)', () => {
		it('lists the caller\'s live cards by dueAt, on boards where the caller is an active member', async () => {
			const a = await create({ title: 'A', members: [f.normal.id], dueAt: '2030-02-01T00:00:00.000Z' });
			const b = await create({ title: 'B', assignees: [f.normal.id], dueAt: '2030-01-01T00:00:00.000Z' });
			const c = await create({ title: 'C', members: [f.normal.id] });
			const d = await create({ title: 'D' });
			patchCard(h, d, { requesters: [f.normal.id] });
			const gone = await create({ members: [f.normal.id] });
			patchCard(h, gone, { archived: true });
			const foreign = seedOtherBoard(h, f.outsider.id);
			h.wekan.createCard({ title: 'Foreign', ...foreign, userId: f.outsider.id, members: [f.normal.id] });
			const r = await h.call('GET', '/api/user/cards', { token: f.normal.token });
			expect(r.status).toBe(200);
			expect(r.json.map((card: { title: string }) => card.title)).toEqual(['C', 'D', 'B', 'A']);
			expect(r.json[2]).toEqual({
				_id: b,
				title: 'B',
				boardId: f.boardId,
				swimlaneId: f.swimlaneId,
				listId: f.listId,
				dueAt: '2030-01-01T00:00:00.000Z',
				members: [],
				assignees: [f.normal.id],
			});
			expect([a, c].every((id) => r.json.some((card: { _id: string }) => card._id === id))).toBe(true);
		});

		it('filters by due date with due=true|1|yes, from and to', async () => {
			await create({ title: 'Early', members: [f.normal.id], dueAt: '2030-01-01T00:00:00.000Z' });
			await create({ title: 'Late', members: [f.normal.id], dueAt: '2030-06-01T00:00:00.000Z' });
			await create({ title: 'Undated', members: [f.normal.id] });
			const titles = async (query: string) =>
				(await h.call('GET', `/api/user/cards?${query}`, { token: f.normal.token })).json.map(
					(c: { title: string }) => c.title,
				);
			expect(await titles('due=YES')).toEqual(['Early', 'Late']);
			expect(await titles('from=2030-03-01')).toEqual(['Late']);
			expect(await titles('to=2030-03-01')).toEqual(['Early']);
			expect(await titles('due=no')).toEqual(['Undated', 'Early', 'Late']);
		});

		it('gives a site admin no bypass, and answers 401 JSON without a token', async () => {
			const foreign = seedOtherBoard(h, f.outsider.id);
			h.wekan.createCard({ title: 'Foreign', ...foreign, userId: f.outsider.id, members: [f.admin.id] });
			expect((await h.call('GET', '/api/user/cards', { token: f.admin.token })).json).toEqual([]);
			const r = await h.call('GET', '/api/user/cards');
			expect(r.status).toBe(401);
			expect(r.json).toEqual({ error: 'Unauthorized' });
		});
	});
});
