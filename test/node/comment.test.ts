import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { cardUrl, expectFailure, normalUser, newCard, op, runCounting } from './nodeTestKit';

describe('comment', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const comment = (operation: string, parameters = {}, credentialId?: string) => op('comment', operation, parameters, credentialId);

	describe('Create', () => {
		it('comments on a card and returns the comment in the normalized shape', async () => {
			const card = newCard(f);
			const result = await f.engine.run(comment('create', { cardId: rl(cardUrl(f, card), 'url'), text: '  Looks good  ' }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ boardId: f.boardId, cardId: card._id, text: 'Looks good', userId: f.adminId });
			expect(out).not.toHaveProperty('comment');
			expect(out).not.toHaveProperty('authorId');
			expect(f.server.wekan.db.card_comments.findOne(String(out._id))).toMatchObject({ text: 'Looks good', userId: f.adminId, cardId: card._id });
			expect(f.server.wekan.requests('POST', new RegExp(`/cards/${card._id}/comments$`))).toHaveLength(1);
		});

		it('is refused to a comment-only member (Wekan checks read access) and stores nothing', async () => {
			const card = newCard(f);
			const { credentialId } = normalUser(f, 'cm-commenter', f.boardId, { isCommentOnly: true });
			const result = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Hi' }, credentialId));
			expect(expectFailure(result)).toContain('read access');
			expect(f.server.wekan.db.card_comments.find({ cardId: card._id })).toHaveLength(0);
		});

		it('lets a read-only member comment, as Wekan\'s REST route does (it checks read access only)', async () => {
			const card = newCard(f);
			const { user, credentialId } = normalUser(f, 'cm-reader', f.boardId, { isReadOnly: true });
			const result = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Seen' }, credentialId));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ text: 'Seen', userId: user._id });
		});

		it('rejects an empty text before any request', async () => {
			const card = newCard(f);
			const { result, requests } = await runCounting(f, comment('create', { cardId: rl(card._id), text: '={{ "   " }}' }));
			expect(expectFailure(result)).toContain('Text is required');
			expect(requests).toBe(0);
		});
	});

	describe('Get', () => {
		it('gets a comment with its dates', async () => {
			const card = newCard(f);
			const created = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'First' }));
			const id = String(created.json('Wekan')[0]._id);
			const result = await f.engine.run(comment('get', { cardId: rl(card._id), commentId: id }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('Wekan');
			expect(out).toMatchObject({ _id: id, text: 'First', userId: f.adminId, cardId: card._id, boardId: f.boardId });
			expect(out.createdAt).toEqual(expect.any(String));
		});

		it('says an unknown comment is not found (Wekan answers an empty 200)', async () => {
			const card = newCard(f);
			const result = await f.engine.run(comment('get', { cardId: rl(card._id), commentId: 'NoComment000001' }));
			expect(expectFailure(result)).toContain(`No comment NoComment000001 on card ${card._id}`);
			expect(result.error).toMatchObject({ httpCode: '404' });
		});
	});

	describe('Get Many', () => {
		it('lists comments with the same keys as Get, not Wekan\'s comment/authorId', async () => {
			const card = newCard(f);
			for (const text of ['one', 'two', 'three']) await f.engine.run(comment('create', { cardId: rl(card._id), text }));
			const result = await f.engine.run(comment('getAll', { cardId: rl(card._id), returnAll: true }));
			expect(result.error).toBeUndefined();
			const out = result.json('Wekan');
			expect(out.map((c) => c.text)).toEqual(['one', 'two', 'three']);
			for (const c of out) {
				expect(c).toEqual({ _id: expect.any(String), boardId: f.boardId, cardId: card._id, text: expect.any(String), userId: f.adminId });
			}
			const limited = await f.engine.run(comment('getAll', { cardId: rl(card._id), returnAll: false, limit: 1 }));
			expect(limited.json('Wekan')).toHaveLength(1);
		});
	});

	describe('Delete', () => {
		it('deletes a comment and outputs the comment id, not the card id Wekan answers with', async () => {
			const card = newCard(f);
			const created = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Oops' }));
			const id = String(created.json('Wekan')[0]._id);
			const result = await f.engine.run(comment('delete', { cardId: rl(card._id), commentId: id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: id, cardId: card._id, boardId: f.boardId, deleted: true }]);
			expect(f.server.wekan.db.card_comments.findOne(id)).toBeUndefined();
		});

		it('refuses to delete another user\'s comment for a normal member, naming the reason', async () => {
			const card = newCard(f);
			const created = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Admin says' }));
			const id = String(created.json('Wekan')[0]._id);
			const { credentialId } = normalUser(f, 'cm-normal', f.boardId);
			const result = await f.engine.run(comment('delete', { cardId: rl(card._id), commentId: id }, credentialId));
			expect(expectFailure(result)).toContain(`Comment ${id} is another user's: only its author may delete it`);
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(f.server.wekan.db.card_comments.findOne(id)).toBeDefined();
		});

		it('lets a member delete their own comment, and a board admin another\'s', async () => {
			const card = newCard(f);
			const { credentialId } = normalUser(f, 'cm-author', f.boardId);
			const mine = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Mine' }, credentialId));
			const mineId = String(mine.json('Wekan')[0]._id);
			const own = await f.engine.run(comment('delete', { cardId: rl(card._id), commentId: mineId }, credentialId));
			expect(own.error).toBeUndefined();
			const theirs = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Theirs' }, credentialId));
			const theirsId = String(theirs.json('Wekan')[0]._id);
			// The fixture's admin is the board's admin.
			const byAdmin = await f.engine.run(comment('delete', { cardId: rl(card._id), commentId: theirsId }));
			expect(byAdmin.error).toBeUndefined();
			expect(f.server.wekan.db.card_comments.find({ cardId: card._id })).toHaveLength(0);
		});

		it('explains a comment-only member\'s refusal, even for their own comment, by the role and not by authorship', async () => {
			const card = newCard(f);
			const { user, credentialId } = normalUser(f, 'cm-demoted', f.boardId);
			const mine = await f.engine.run(comment('create', { cardId: rl(card._id), text: 'Before' }, credentialId));
			const id = String(mine.json('Wekan')[0]._id);
			f.server.wekan.addBoardMember(f.boardId, user._id, { isCommentOnly: true });
			const result = await f.engine.run(comment('delete', { cardId: rl(card._id), commentId: id }, credentialId));
			const text = expectFailure(result);
			expect(text).toContain('read access');
			expect(text).not.toContain('another user');
		});

		it('fails for an unknown comment', async () => {
			const card = newCard(f);
			const result = await f.engine.run(comment('delete', { cardId: rl(card._id), commentId: 'NoComment000002' }));
			expect(expectFailure(result)).toContain('No comment NoComment000002');
			expect(result.error).toMatchObject({ httpCode: '404' });
		});
	});

	describe('dropdown', () => {
		it('lists a card\'s comments by the start of their text', async () => {
			const card = newCard(f);
			await f.engine.run(comment('create', { cardId: rl(card._id), text: `Long ${'x'.repeat(100)}` }));
			const context = f.engine.loadOptionsContext(comment('get', { cardId: rl(card._id) }), 'Wekan', 'parameters.commentId');
			const options = await new Wekan().methods.loadOptions.getCardComments.call(context);
			expect(options).toHaveLength(1);
			expect(options[0].name).toHaveLength(60);
			expect(options[0].name.startsWith('Long xx')).toBe(true);
		});
	});
});
