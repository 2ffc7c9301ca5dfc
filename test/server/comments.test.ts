import { newMember } from '../wekan-server/permissions';
import { expectEmpty200, type RawResponse, type ServerHarness, startHarness, type TestUser } from './helpers';

/** Style C: an explicit status with `{error}` as JSON. */
function expectStyleC(r: RawResponse, status: number, error?: string) {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/application\/json/);
	expect(r.json).toEqual({ error: error ?? expect.any(String) });
}

describe('comment routes', () => {
	let h: ServerHarness;
	let owner: TestUser;
	let normal: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let outsider: TestUser;
	let boardId: string;
	let cardId: string;
	let base: string;

	const store = () => h.wekan.store;
	const post = async (comment: unknown, token = owner.token) => {
		const r = await h.call('POST', base, { token, body: { comment, authorId: 'someone-else' } });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};

	beforeEach(async () => {
		h = await startHarness();
		await h.user('siteadmin');
		owner = await h.user('owner');
		normal = await h.user('normal');
		reader = await h.user('reader');
		commenter = await h.user('commenter');
		outsider = await h.user('outsider');
		const board = h.wekan.createBoard({ title: 'Comments', ownerId: owner.id });
		board.members.push(
			newMember(normal.id),
			newMember(reader.id, { isReadOnly: true }),
			newMember(commenter.id, { isCommentOnly: true }),
		);
		boardId = board._id;
		const swimlaneId = h.wekan.defaultSwimlaneId(boardId)!;
		const list = h.wekan.createList(boardId, 'Todo', swimlaneId);
		cardId = store().newCard({ title: 'Card', boardId, listId: list._id, swimlaneId, userId: owner.id })._id;
		base = `/api/boards/${boardId}/cards/${cardId}/comments`;
	});
	afterEach(() => h.close());

	describe('POST', () => {
		it('stores the trimmed text with the token user as author and records addComment', async () => {
			const id = await post('  hello there  ', normal.token);
			expect(store().comments.get(id)).toMatchObject({ text: 'hello there', userId: normal.id, cardId, boardId });
			expect(store().activities.find((a) => a.activityType === 'addComment')).toEqual([
				expect.objectContaining({ commentId: id, cardId, boardId, userId: normal.id, origin: 'rest' }),
			]);
		});

		it('answers 400 for a missing, empty or blank comment', async () => {
			for (const body of [{}, { comment: '' }, { comment: '   ' }]) {
				expectStyleC(await h.call('POST', base, { token: owner.token, body }), 400, 'Missing required parameter: comment');
			}
			expect(store().comments.size).toBe(0);
		});

		it('lets read-only members comment but refuses comment-only members (board-read)', async () => {
			await post('from a reader', reader.token);
			expectStyleC(await h.call('POST', base, { token: commenter.token, body: { comment: 'x' } }), 403);
			expectStyleC(await h.call('POST', base, { token: outsider.token, body: { comment: 'x' } }), 403);
			expectStyleC(await h.call('POST', base, { body: { comment: 'x' } }), 401);
			expectStyleC(await h.call('POST', `/api/boards/nope/cards/${cardId}/comments`, { token: owner.token, body: { comment: 'x' } }), 404);
			expect(store().comments.size).toBe(1);
		});
	});

	describe('GET', () => {
		it('lists comments as {_id, comment, authorId}', async () => {
			const a = await post('first');
			const b = await post('second', normal.token);
			const r = await h.call('GET', base, { token: reader.token });
			expect(r.status).toBe(200);
			expect(r.json).toHaveLength(2);
			expect(r.json).toEqual(
				expect.arrayContaining([
					{ _id: a, comment: 'first', authorId: owner.id },
					{ _id: b, comment: 'second', authorId: normal.id },
				]),
			);
		});

		it('answers 404 {error} when the card is not on the board', async () => {
			const other = h.wekan.createBoard({ title: 'Other', ownerId: owner.id });
			expectStyleC(await h.call('GET', `/api/boards/${other._id}/cards/${cardId}/comments`, { token: owner.token }), 404, 'Card not found');
			expectStyleC(await h.call('GET', `/api/boards/${boardId}/cards/nope/comments`, { token: owner.token }), 404, 'Card not found');
		});

		it('returns one comment as the raw document, or an empty 200', async () => {
			const id = await post('raw');
			const r = await h.call('GET', `${base}/${id}`, { token: reader.token });
			expect(r.json).toEqual({
				_id: id,
				boardId,
				cardId,
				text: 'raw',
				createdAt: expect.any(String),
				modifiedAt: expect.any(String),
				userId: owner.id,
			});
			expectEmpty200(await h.call('GET', `${base}/nope`, { token: owner.token }));
			expectEmpty200(await h.call('GET', `/api/boards/${boardId}/cards/other/comments/${id}`, { token: owner.token }));
		});

		it('refuses comment-only members, outsiders and anonymous callers with {error}', async () => {
			const id = await post('x');
			expectStyleC(await h.call('GET', base, { token: commenter.token }), 403);
			expectStyleC(await h.call('GET', `${base}/${id}`, { token: outsider.token }), 403);
			expectStyleC(await h.call('GET', base), 401);
		});
	});

	describe('DELETE', () => {
		it('lets the author delete and answers with the card id', async () => {
			const id = await post('mine', normal.token);
			const r = await h.call('DELETE', `${base}/${id}`, { token: normal.token });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: cardId });
			expect(store().comments.get(id)).toBeUndefined();
		});

		it('lets a board admin delete another user\'s comment, but nobody else', async () => {
			const id = await post('by reader', reader.token);
			expectStyleC(await h.call('DELETE', `${base}/${id}`, { token: normal.token }), 403);
			expect(store().comments.get(id)).toBeDefined();
			expect((await h.call('DELETE', `${base}/${id}`, { token: owner.token })).json).toEqual({ _id: cardId });
			expect(store().comments.get(id)).toBeUndefined();
		});

		it('refuses the board admin too when the board restricts comment editing', async () => {
			store().boards.get(boardId)!.restrictCommentEditing = true;
			const id = await post('by normal', normal.token);
			expectStyleC(await h.call('DELETE', `${base}/${id}`, { token: owner.token }), 403);
			expect((await h.call('DELETE', `${base}/${id}`, { token: normal.token })).status).toBe(200);
		});

		it('answers 404 {error} for a missing comment and {error} for permission failures', async () => {
			expectStyleC(await h.call('DELETE', `${base}/nope`, { token: owner.token }), 404, 'Comment not found');
			const id = await post('x');
			expectStyleC(await h.call('DELETE', `${base}/${id}`, { token: commenter.token }), 403);
			expectStyleC(await h.call('DELETE', `${base}/${id}`), 401);
			expect(store().comments.get(id)).toBeDefined();
		});
	});

	it('has no PUT route: it falls through to the HTML app shell', async () => {
		const id = await post('x');
		const r = await h.call('PUT', `${base}/${id}`, { token: owner.token, body: { comment: 'edited' } });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/text\/html/);
		expect(store().comments.get(id)!.text).toBe('x');
	});
});
