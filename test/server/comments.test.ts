/**
 * Card comments over REST, against Wekan v11.07: server/models/cardComments.js:95-260 (style C: every failure is
 * `{error}` with httpStatusForError's status, server/lib/apiResponseHelpers.js:75-90), and the card_comments hooks
 * (models/cardComments.js:221-269, server/models/cardComments.js:16-93).
 */
import { MeteorError } from '../wekan-server/errors';
import { createComment } from '../wekan-server/models/comments';
import { type BoardFixture, boardFixture, expectEmpty200, type RawResponse, resetChildren } from './fixtures';

/** Style C: an explicit status with `{error}` as JSON. */
function expectStyleC(r: RawResponse, status: number, error?: string) {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/application\/json/);
	expect(r.json).toEqual({ error: error ?? expect.any(String) });
}

const NOT_YOURS = "You are not allowed to edit or delete another user's comment on this board.";

describe('comment routes', () => {
	let f: BoardFixture;
	let base: string;
	type Who = keyof BoardFixture['users'];

	const db = () => f.h.wekan.db;
	const token = (who: Who) => f.users[who].token;
	const post = async (comment: unknown, who: Who = 'owner', path = base) => {
		const r = await f.h.call('POST', path, { token: token(who), body: { comment, authorId: f.users.outsider.id } });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};

	beforeAll(async () => {
		f = await boardFixture();
		base = `/api/boards/${f.boardId}/cards/${f.card._id}/comments`;
	});
	beforeEach(() => {
		resetChildren(f);
		db().boards.direct.update(f.boardId, { $set: { restrictCommentEditing: false } });
	});
	afterAll(() => f.h.close());

	describe('POST (server/models/cardComments.js:156-200)', () => {
		it('stores the trimmed text with the caller as author (authorId ignored) and the schema\'s parentId ""', async () => {
			const id = await post('  hello there  ', 'normal');
			expect(db().card_comments.findOne(id)).toEqual({
				_id: id,
				userId: f.users.normal.id,
				text: 'hello there',
				cardId: f.card._id,
				boardId: f.boardId,
				parentId: '', // models/cardComments.js:93-101
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
		});

		it("records addComment itself, with the caller as userId and the card's list and swimlane (lines 188-193)", async () => {
			const id = await post('hello', 'normal');
			expect(db().activities.find({ commentId: id })).toEqual([
				expect.objectContaining({
					activityType: 'addComment',
					userId: f.users.normal.id,
					boardId: f.boardId,
					cardId: f.card._id,
					commentId: id,
					listId: f.listId,
					swimlaneId: f.swimlaneId,
				}),
			]);
		});

		it('keeps HTML in the text: nothing sanitises a REST comment', async () => {
			const id = await post('<b>bold</b>');
			expect(db().card_comments.findOne(id)!.text).toBe('<b>bold</b>');
		});

		it('answers 400 {error} for a missing, empty, blank or non-string comment (validateCommentBody)', async () => {
			for (const body of [{}, { comment: '' }, { comment: '   ' }, { comment: 5 }, { comment: ['x'] }]) {
				expectStyleC(
					await f.h.call('POST', base, { token: token('owner'), body }),
					400,
					'Missing required parameter: comment',
				);
			}
			expect(db().card_comments.size).toBe(0);
		});

		it('does not check the card: a comment on a missing card is stored with no activity', async () => {
			const id = await post('ghost', 'owner', `/api/boards/${f.boardId}/cards/ghost/comments`);
			expect(db().card_comments.findOne(id)).toMatchObject({ cardId: 'ghost', boardId: f.boardId });
			expect(db().activities.size).toBe(0);
		});

		it("stores a comment on a card of another board under the path's board; addComment names that board", async () => {
			const id = await post('cross', 'owner', `/api/boards/${f.boardId}/cards/${f.otherCard._id}/comments`);
			expect(db().card_comments.findOne(id)).toMatchObject({ cardId: f.otherCard._id, boardId: f.boardId });
			expect(db().activities.findOne({ commentId: id })).toMatchObject({
				boardId: f.boardId,
				listId: f.otherCard.listId,
			});
		});

		it('needs only checkBoardAccess: read-only members may comment, comment-only members may not', async () => {
			for (const who of ['readOnly', 'readAssignedOnly', 'commentAssignedOnly', 'siteAdmin'] as const)
				await post(who, who);
			for (const who of ['commentOnly', 'noComments', 'worker', 'inactive', 'outsider'] as const) {
				expectStyleC(await f.h.call('POST', base, { token: token(who), body: { comment: 'x' } }), 403, 'Forbidden');
			}
			expectStyleC(await f.h.call('POST', base, { body: { comment: 'x' } }), 401, 'Unauthorized');
			expectStyleC(
				await f.h.call('POST', `/api/boards/nope/cards/${f.card._id}/comments`, {
					token: token('owner'),
					body: { comment: 'x' },
				}),
				404,
				'Board not found',
			);
			expect(db().card_comments.size).toBe(4);
		});
	});

	describe('GET all (server/models/cardComments.js:95-129)', () => {
		it('lists every comment of the card as {_id, comment, authorId}, in natural order', async () => {
			const a = await post('first');
			const b = await post('second', 'normal');
			await post('elsewhere', 'owner', `/api/boards/${f.boardId}/cards/${f.newCard()._id}/comments`);
			const r = await f.h.call('GET', base, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ _id: a, comment: 'first', authorId: f.users.owner.id },
				{ _id: b, comment: 'second', authorId: f.users.normal.id },
			]);
		});

		it('includes comments whose stored boardId is stale: only the card is matched', async () => {
			const legacy = db().card_comments.raw.insert({
				_id: 'legacy',
				cardId: f.card._id,
				boardId: 'old-board',
				text: 'old',
				userId: 'u',
			});
			expect((await f.h.call('GET', base, { token: token('owner') })).json).toEqual([
				{ _id: legacy._id, comment: 'old', authorId: 'u' },
			]);
		});

		it('answers 404 {error: "Card not found"} for a card not on the board', async () => {
			expectStyleC(
				await f.h.call('GET', `/api/boards/${f.boardId}/cards/${f.otherCard._id}/comments`, { token: token('owner') }),
				404,
				'Card not found',
			);
			expectStyleC(
				await f.h.call('GET', `/api/boards/${f.boardId}/cards/nope/comments`, { token: token('owner') }),
				404,
				'Card not found',
			);
		});

		it('refuses comment-only members, outsiders and anonymous callers with {error}', async () => {
			expectStyleC(await f.h.call('GET', base, { token: token('commentOnly') }), 403, 'Forbidden');
			expectStyleC(await f.h.call('GET', base, { token: token('outsider') }), 403, 'Forbidden');
			expectStyleC(await f.h.call('GET', base), 401, 'Unauthorized');
		});
	});

	describe('GET one (server/models/cardComments.js:131-154)', () => {
		it('returns the document matched on id, card and board', async () => {
			const id = await post('raw');
			const r = await f.h.call('GET', `${base}/${id}`, { token: token('readOnly') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				_id: id,
				userId: f.users.owner.id,
				text: 'raw',
				cardId: f.card._id,
				boardId: f.boardId,
				parentId: '',
				createdAt: expect.any(String),
				modifiedAt: expect.any(String),
			});
		});

		it('answers an empty 200 (data undefined) when nothing matches, and {error} for permission failures', async () => {
			const id = await post('x');
			expectEmpty200(await f.h.call('GET', `${base}/nope`, { token: token('owner') }));
			expectEmpty200(
				await f.h.call('GET', `/api/boards/${f.boardId}/cards/other/comments/${id}`, { token: token('owner') }),
			);
			expectEmpty200(
				await f.h.call('GET', `/api/boards/${f.otherBoardId}/cards/${f.card._id}/comments/${id}`, {
					token: token('owner'),
				}),
			);
			expectStyleC(await f.h.call('GET', `${base}/${id}`, { token: token('worker') }), 403, 'Forbidden');
		});
	});

	describe('DELETE (server/models/cardComments.js:202-260)', () => {
		it("lets the author delete and answers with the CARD's id", async () => {
			const id = await post('mine', 'normal');
			const r = await f.h.call('DELETE', `${base}/${id}`, { token: token('normal') });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: f.card._id });
			expect(db().card_comments.findOne(id)).toBeUndefined();
		});

		it('runs the hooks: deleteComment (no userId, with the text) is recorded and the addComment activity removed', async () => {
			const id = await post('bye', 'normal');
			await f.h.call('DELETE', `${base}/${id}`, { token: token('normal') });
			const left = db().activities.find({ commentId: id });
			expect(left).toEqual([
				expect.objectContaining({
					activityType: 'deleteComment',
					commentText: 'bye',
					boardId: f.boardId,
					cardId: f.card._id,
					listId: f.listId,
					swimlaneId: f.swimlaneId,
				}),
			]);
			expect('userId' in left[0]).toBe(false);
		});

		it("lets an active board admin delete another member's comment, but nobody else (GHSA-pqr4-rxgp-hv2m)", async () => {
			const id = await post('by reader', 'readOnly');
			expectStyleC(await f.h.call('DELETE', `${base}/${id}`, { token: token('normal') }), 403, NOT_YOURS);
			// A site admin who is not a board admin gets no exception (board.hasAdmin).
			expectStyleC(await f.h.call('DELETE', `${base}/${id}`, { token: token('siteAdmin') }), 403, NOT_YOURS);
			expect(db().card_comments.findOne(id)).toBeDefined();
			expect((await f.h.call('DELETE', `${base}/${id}`, { token: token('owner') })).json).toEqual({ _id: f.card._id });
			expect(db().card_comments.findOne(id)).toBeUndefined();
		});

		it('refuses the board admin too when the board sets restrictCommentEditing', async () => {
			db().boards.direct.update(f.boardId, { $set: { restrictCommentEditing: true } });
			const id = await post('by normal', 'normal');
			expectStyleC(await f.h.call('DELETE', `${base}/${id}`, { token: token('owner') }), 403, NOT_YOURS);
			expect((await f.h.call('DELETE', `${base}/${id}`, { token: token('normal') })).status).toBe(200);
		});

		it('answers 404 {error: "Comment not found"} for a comment not at that path', async () => {
			const id = await post('x');
			expectStyleC(await f.h.call('DELETE', `${base}/nope`, { token: token('owner') }), 404, 'Comment not found');
			expectStyleC(
				await f.h.call('DELETE', `/api/boards/${f.boardId}/cards/${f.otherCard._id}/comments/${id}`, {
					token: token('owner'),
				}),
				404,
				'Comment not found',
			);
			expect(db().card_comments.findOne(id)).toBeDefined();
		});

		it('checks board access first: comment-only members, outsiders and anonymous callers get {error}', async () => {
			const id = await post('x');
			expectStyleC(await f.h.call('DELETE', `${base}/${id}`, { token: token('commentOnly') }), 403, 'Forbidden');
			expectStyleC(await f.h.call('DELETE', `${base}/nope`, { token: token('outsider') }), 403, 'Forbidden');
			expectStyleC(await f.h.call('DELETE', `${base}/${id}`), 401, 'Unauthorized');
			expect(db().card_comments.findOne(id)).toBeDefined();
		});
	});

	it('has no PUT route: it falls through to the HTML app shell', async () => {
		const id = await post('x');
		const r = await f.h.call('PUT', `${base}/${id}`, { token: token('owner'), body: { comment: 'edited' } });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/text\/html/);
		expect(db().card_comments.findOne(id)!.text).toBe('x');
	});

	describe('hooks, as a web-UI write with a user runs them', () => {
		it('a hooked insert records addComment with the acting user (server/models/cardComments.js:42-44)', () => {
			const userId = f.users.normal.id;
			const id = db().card_comments.insert({ text: 'ui', cardId: f.card._id, boardId: f.boardId }, { userId });
			expect(db().card_comments.findOne(id)!.userId).toBe(userId); // the schema's autoValue
			expect(db().activities.findOne({ commentId: id })).toMatchObject({ activityType: 'addComment', userId });
		});

		it('an edit by the author records editComment with the new text; by another member it is refused (46-65, 262-264)', () => {
			const comment = createComment(f.h.wekan, {
				boardId: f.boardId,
				cardId: f.card._id,
				text: 'v1',
				userId: f.users.normal.id,
			});
			db().card_comments.update(comment._id, { $set: { text: 'v2' } }, {}, { userId: f.users.normal.id });
			expect(db().activities.findOne({ activityType: 'editComment' })).toMatchObject({
				commentText: 'v2',
				userId: f.users.normal.id,
			});
			let refusal: unknown;
			try {
				db().card_comments.update(comment._id, { $set: { text: 'v3' } }, {}, { userId: f.users.readOnly.id });
			} catch (error) {
				refusal = error;
			}
			expect(refusal).toBeInstanceOf(MeteorError);
			expect(refusal).toMatchObject({ error: 'error-comment-edit-not-allowed', statusCode: 403 });
			expect(db().card_comments.findOne(comment._id)!.text).toBe('v2');
		});

		it('a hooked removal without a user passes the rule; with another user it is refused (266-268)', () => {
			const comment = createComment(f.h.wekan, {
				boardId: f.boardId,
				cardId: f.card._id,
				text: 'x',
				userId: f.users.normal.id,
			});
			expect(() => db().card_comments.remove(comment._id, { userId: f.users.readOnly.id })).toThrow(MeteorError);
			expect(db().card_comments.remove(comment._id)).toBe(1);
		});

		it('the removal hook removes only the FIRST activity of the comment (getActivity + removeAsync, 86-89)', () => {
			const comment = createComment(f.h.wekan, {
				boardId: f.boardId,
				cardId: f.card._id,
				text: 'x',
				userId: f.users.normal.id,
			});
			db().card_comments.update(comment._id, { $set: { text: 'y' } }, {}, { userId: f.users.normal.id });
			db().card_comments.remove(comment._id, { userId: f.users.normal.id });
			expect(
				db()
					.activities.find({ commentId: comment._id })
					.map((a) => a.activityType),
			).toEqual(['editComment', 'deleteComment']);
		});
	});
});
