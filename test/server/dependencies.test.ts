/**
 * Card dependencies ("Red Strings", #3392) over REST against Wekan v11.07: server/models/dependencies.js:117-320
 * (error style: the error's statusCode, else 500, with the serialised error), the entry shape of
 * models/metadata/dependencies.js and the cards schema (models/cards.js:535-565), Wekan's own e2e spec
 * tests/playwright/specs/28-dependencies-rest.e2e.js, and the importBoardDependencies method and copy/import remaps.
 */
import { Collection } from '../wekan-server/db/collection';
import {
	importBoardDependencies,
	importCardDependencies,
	remapCopiedBoardDependencies,
} from '../wekan-server/models/dependencies';
import type { CardDoc } from '../wekan-server/schemas/cards';
import {
	BOARD_NON_READERS,
	BOARD_NON_WRITERS,
	BOARD_READERS,
	BOARD_WRITERS,
	type BoardFixture,
	boardFixture,
	callAs,
	expectStatusData,
	meteorError,
	type Who,
} from './fixtures';

const BAD_TYPE = meteorError(
	'bad-request',
	'type must be one of: related-to, blocks, is-blocked-by, fixes, is-fixed-by',
);
const NO_TARGET = meteorError('bad-request', 'A valid target cardId is required');
const NOT_ON_BOARD = meteorError('bad-request', 'Target card is not on this board');
const CARD_NOT_FOUND = meteorError('not-found', 'Card not found');
const NOTHING_TO_SET = meteorError('bad-request', 'Provide at least one of type, color, icon');
const DEFAULTS = { type: 'related-to', color: '#eb144c', icon: 'link' };

describe('dependency routes', () => {
	let f: BoardFixture;
	let alpha: CardDoc;
	let beta: CardDoc;
	let base: string;
	const db = () => f.h.wekan.db;
	const call = (method: string, path: string, who: Who | undefined, body?: unknown) => callAs(f, method, path, who, body);
	const deps = (card: CardDoc) => db().cards.findOne(card._id)!.cardDependencies;
	const pathOf = (card: CardDoc) => `/api/boards/${f.boardId}/cards/${card._id}/dependencies`;

	beforeAll(async () => {
		f = await boardFixture();
	});
	beforeEach(() => {
		db().cards.remove({ boardId: f.boardId });
		alpha = f.newCard('Alpha Card');
		beta = f.newCard('Beta Card');
		base = pathOf(alpha);
	});
	afterAll(() => f.h.close());

	it('full CRUD with type/color/icon, plus validation (spec 28-dependencies-rest)', async () => {
		const added = await call('POST', base, 'owner', {
			cardId: beta._id,
			type: 'blocks',
			color: '#2196f3',
			icon: 'lock',
		});
		expect(added.status).toBe(200);
		expect(added.json).toEqual({ _id: alpha._id, cardId: beta._id, type: 'blocks', color: '#2196f3', icon: 'lock' });
		expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'blocks', color: '#2196f3', icon: 'lock' }]);

		const list = await call('GET', base, 'owner');
		expect(list.status).toBe(200);
		expect(list.json).toEqual([{ cardId: beta._id, type: 'blocks', color: '#2196f3', icon: 'lock' }]);

		const lines = await call('GET', `/api/boards/${f.boardId}/dependencies`, 'owner');
		expect(lines.status).toBe(200);
		expect(lines.json).toEqual([
			{
				from: alpha._id,
				fromTitle: 'Alpha Card',
				fromCardNumber: alpha.cardNumber,
				to: beta._id,
				toTitle: 'Beta Card',
				toCardNumber: beta.cardNumber,
				type: 'blocks',
				color: '#2196f3',
				icon: 'lock',
			},
		]);

		const put = await call('PUT', `${base}/${beta._id}`, 'owner', { color: '#ff0000', type: 'is-blocked-by' });
		expect(put.status).toBe(200);
		expect(put.json).toEqual({ _id: alpha._id });
		expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'is-blocked-by', color: '#ff0000', icon: 'lock' }]);

		// The same target again updates in place; what the body leaves out keeps the existing entry's values.
		const again = await call('POST', base, 'owner', { cardId: beta._id, type: 'fixes' });
		expect(again.status).toBe(200);
		expect(again.json).toEqual({ _id: alpha._id, cardId: beta._id, type: 'fixes', color: '#ff0000', icon: 'lock' });
		expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'fixes', color: '#ff0000', icon: 'lock' }]);

		// Validation failures are Meteor.Errors without a statusCode: 500.
		expectStatusData(await call('POST', base, 'owner', { cardId: beta._id, type: 'not-a-type' }), 500, BAD_TYPE);
		expectStatusData(await call('POST', base, 'owner', { cardId: alpha._id }), 500, NO_TARGET);

		const deleted = await call('DELETE', `${base}/${beta._id}`, 'owner');
		expect(deleted.status).toBe(200);
		expect(deleted.json).toEqual({ _id: alpha._id });
		expect(deps(alpha)).toEqual([]);
	});

	it('unauthenticated requests are 401; a missing board 404 (server/authentication.js:30-36, 89-96)', async () => {
		for (const [method, path] of [
			['GET', `/api/boards/${f.boardId}/dependencies`],
			['GET', base],
			['POST', base],
			['PUT', `${base}/x`],
			['DELETE', `${base}/x`],
		]) {
			expectStatusData(await call(method, path, undefined, {}), 401, meteorError('Unauthorized', 'Unauthorized', 401));
			expectStatusData(
				await call(method, path.replace(f.boardId, 'nope'), 'owner', {}),
				404,
				meteorError('NotFound', 'Board not found', 404),
			);
		}
	});

	describe('POST (server/models/dependencies.js:191-245)', () => {
		it('fills what the body leaves out with the defaults (models/metadata/dependencies.js:15-17); dependsOn is an alias', async () => {
			expect((await call('POST', base, 'normal', { dependsOn: beta._id })).json).toEqual({
				_id: alpha._id,
				cardId: beta._id,
				...DEFAULTS,
			});
			expect(deps(alpha)).toEqual([{ cardId: beta._id, ...DEFAULTS }]);
		});

		it('checks only a truthy type: "" is the default, 5 is refused', async () => {
			expect((await call('POST', base, 'owner', { cardId: beta._id, type: '' })).json.type).toBe('related-to');
			expectStatusData(await call('POST', base, 'owner', { cardId: beta._id, type: 5 }), 500, BAD_TYPE);
		});

		it("refuses a missing or self target, and one that is not a card of this board (another board's, or none)", async () => {
			expectStatusData(await call('POST', base, 'owner', {}), 500, NO_TARGET);
			expectStatusData(await call('POST', base, 'owner', { cardId: '' }), 500, NO_TARGET);
			expectStatusData(await call('POST', base, 'owner', { cardId: f.otherCard._id }), 500, NOT_ON_BOARD);
			expectStatusData(await call('POST', base, 'owner', { cardId: 'nope' }), 500, NOT_ON_BOARD);
			expect(deps(alpha)).toEqual([]);
		});

		it('takes an archived target of the board', async () => {
			db().cards.update(beta._id, { $set: { archived: true } });
			expect((await call('POST', base, 'owner', { cardId: beta._id })).status).toBe(200);
		});

		it('answers 500 not-found for a source card that is not on the board in the path', async () => {
			const r = await call('POST', `/api/boards/${f.boardId}/cards/${f.otherCard._id}/dependencies`, 'owner', {
				cardId: beta._id,
			});
			expectStatusData(r, 500, CARD_NOT_FOUND);
		});

		it('writes nothing on the target: there is no reverse entry', async () => {
			await call('POST', base, 'owner', { cardId: beta._id, type: 'blocks' });
			expect((await call('GET', pathOf(beta), 'owner')).json).toEqual([]);
			expect(deps(beta)).toEqual([]);
		});

		it('answers the entry as built, while the schema stores it converted and trimmed', async () => {
			const r = await call('POST', base, 'owner', { cardId: beta._id, color: 5, icon: '  lock ' });
			expect(r.json).toEqual({ _id: alpha._id, cardId: beta._id, type: 'related-to', color: 5, icon: '  lock ' });
			expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'related-to', color: '5', icon: 'lock' }]);
		});

		it('uses a non-string cardId as a selector: {$ne} finds a card, whose entry the schema then refuses (500 {error})', async () => {
			const r = await call('POST', base, 'owner', { cardId: { $ne: 'x' } });
			expectStatusData(r, 500, { error: 'Card ID is required (cardDependencies.0.cardId) in cards updateAsync' });
			expect(deps(alpha)).toEqual([]);
		});

		it('reads a bare-string entry as an object, but its positional update matches nothing: 200 and no change', async () => {
			db().cards.raw.update(alpha._id, { $set: { cardDependencies: [beta._id] } });
			expect((await call('GET', base, 'owner')).json).toEqual([{ cardId: beta._id, ...DEFAULTS }]);
			const r = await call('POST', base, 'owner', { cardId: beta._id, type: 'blocks' });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: alpha._id, cardId: beta._id, type: 'blocks', color: '#eb144c', icon: 'link' });
			expect(deps(alpha)).toEqual([beta._id]);
		});
	});

	describe('PUT (server/models/dependencies.js:260-291)', () => {
		beforeEach(async () => {
			await call('POST', base, 'owner', { cardId: beta._id, type: 'blocks', color: '#2196f3', icon: 'lock' });
		});

		it('sets only the keys the body has; null is stored and read back as the default', async () => {
			await call('PUT', `${base}/${beta._id}`, 'owner', { icon: 'bug', color: null });
			expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'blocks', color: null, icon: 'bug' }]);
			expect((await call('GET', base, 'owner')).json).toEqual([
				{ cardId: beta._id, type: 'blocks', color: '#eb144c', icon: 'bug' },
			]);
		});

		it("'' becomes an $unset of the field (simpl-schema), which reads back as the default", async () => {
			expect((await call('PUT', `${base}/${beta._id}`, 'owner', { type: '', color: '' })).status).toBe(200);
			expect(deps(alpha)).toEqual([{ cardId: beta._id, icon: 'lock' }]);
			expect((await call('GET', base, 'owner')).json).toEqual([
				{ cardId: beta._id, type: 'related-to', color: '#eb144c', icon: 'lock' },
			]);
		});

		it('refuses an unknown type and a body without type, color or icon (500)', async () => {
			expectStatusData(await call('PUT', `${base}/${beta._id}`, 'owner', { type: 'nope' }), 500, BAD_TYPE);
			expectStatusData(await call('PUT', `${base}/${beta._id}`, 'owner', { cardId: 'x' }), 500, NOTHING_TO_SET);
			expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'blocks', color: '#2196f3', icon: 'lock' }]);
		});

		it('answers 200 {_id} for a target the card has no entry for, changing nothing', async () => {
			const r = await call('PUT', `${base}/nope`, 'owner', { type: 'fixes' });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id: alpha._id });
			expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'blocks', color: '#2196f3', icon: 'lock' }]);
		});

		it('answers 500 not-found for a card not on the board', async () => {
			expectStatusData(
				await call('PUT', `${pathOf(f.otherCard)}/${beta._id}`, 'owner', { type: 'fixes' }),
				500,
				CARD_NOT_FOUND,
			);
		});
	});

	describe('DELETE (server/models/dependencies.js:303-319)', () => {
		it('answers 200 {_id} whatever the target; a bare-string entry is not pulled', async () => {
			db().cards.raw.update(alpha._id, { $set: { cardDependencies: [beta._id, { cardId: 'x', ...DEFAULTS }] } });
			expect((await call('DELETE', `${base}/nope`, 'owner')).json).toEqual({ _id: alpha._id });
			await call('DELETE', `${base}/${beta._id}`, 'owner');
			await call('DELETE', `${base}/x`, 'owner');
			expect(deps(alpha)).toEqual([beta._id]);
		});

		it('answers 500 not-found for a card not on the board', async () => {
			expectStatusData(await call('DELETE', `${pathOf(f.otherCard)}/x`, 'owner'), 500, CARD_NOT_FOUND);
		});
	});

	describe('GET (server/models/dependencies.js:126-173)', () => {
		it("lists the lines of the board's live cards; a gone target has null title and number, another board's its own", async () => {
			const gamma = f.newCard('Gamma');
			await call('POST', base, 'owner', { cardId: beta._id });
			await call('POST', pathOf(gamma), 'owner', { cardId: alpha._id, type: 'fixes' });
			// A target deleted afterwards, and one on another board (a card moved away keeps inbound links until the
			// cards model's move hook pulls them), seeded directly.
			db().cards.update(beta._id, { $push: { cardDependencies: { cardId: 'gone' } } });
			db().cards.update(beta._id, { $push: { cardDependencies: { cardId: f.otherCard._id } } });
			const archived = f.newCard('Archived');
			db().cards.update(archived._id, { $set: { archived: true, cardDependencies: [{ cardId: alpha._id }] } });
			const r = await call('GET', `/api/boards/${f.boardId}/dependencies`, 'readOnly');
			expect(r.status).toBe(200);
			expect(r.json.map((l: { from: string; to: string; toTitle: unknown }) => [l.from, l.to, l.toTitle])).toEqual([
				[alpha._id, beta._id, 'Beta Card'],
				[beta._id, 'gone', null],
				[beta._id, f.otherCard._id, 'Other card'],
				[gamma._id, alpha._id, 'Alpha Card'],
			]);
			const gone = r.json[1];
			expect(gone.toCardNumber).toBeNull();
			expect(gone).toMatchObject(DEFAULTS);
		});

		it('answers 500 not-found for a card not on the board, and 500 {} for stored dependencies that are not an array', async () => {
			expectStatusData(await call('GET', pathOf(f.otherCard), 'owner'), 500, CARD_NOT_FOUND);
			db().cards.raw.update(alpha._id, { $set: { cardDependencies: { cardId: beta._id } } });
			expectStatusData(await call('GET', base, 'owner'), 500, {});
			expectStatusData(await call('GET', `/api/boards/${f.boardId}/dependencies`, 'owner'), 500, {});
		});
	});

	describe('permissions (server/authentication.js:51-77)', () => {
		it('reads need board-read (read-only passes, comment-only does not); writes need the write capability', async () => {
			const forbidden = meteorError('Forbidden', 'Forbidden', 403);
			for (const who of BOARD_READERS) {
				expect((await call('GET', base, who)).status).toBe(200);
				expect((await call('GET', `/api/boards/${f.boardId}/dependencies`, who)).status).toBe(200);
			}
			for (const who of BOARD_NON_READERS) {
				expectStatusData(await call('GET', base, who), 403, forbidden);
				expectStatusData(await call('GET', `/api/boards/${f.boardId}/dependencies`, who), 403, forbidden);
			}
			for (const who of BOARD_WRITERS) {
				expect((await call('POST', base, who, { cardId: beta._id })).status).toBe(200);
				expect((await call('PUT', `${base}/${beta._id}`, who, { icon: 'bug' })).status).toBe(200);
				expect((await call('DELETE', `${base}/${beta._id}`, who)).status).toBe(200);
			}
			for (const who of BOARD_NON_WRITERS) {
				expectStatusData(await call('POST', base, who, { cardId: beta._id }), 403, forbidden);
				expectStatusData(await call('PUT', `${base}/${beta._id}`, who, { icon: 'bug' }), 403, forbidden);
				expectStatusData(await call('DELETE', `${base}/${beta._id}`, who), 403, forbidden);
			}
		});
	});

	describe('model functions', () => {
		it('importBoardDependencies resolves ends by id, number, then title; counts unmatched and self lines (lines 50-115)', () => {
			const w = f.h.wekan;
			db().cards.update(beta._id, { $set: { cardNumber: 77 } });
			const result = importBoardDependencies(w, f.users.normal.id, f.boardId, [
				{ from: alpha._id, toCardNumber: 77, type: 'blocks' },
				{ fromTitle: 'Beta Card', toTitle: 'Alpha Card', color: '#000000' },
				{ from: alpha._id, to: 'missing' },
				{ from: alpha._id, to: alpha._id },
				{ from: alpha._id, to: beta._id, type: 'fixes' },
			]);
			expect(result).toEqual({ imported: 3, unmatched: 2 });
			expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'fixes', color: '#eb144c', icon: 'link' }]);
			expect(deps(beta)).toEqual([{ cardId: alpha._id, type: 'related-to', color: '#000000', icon: 'link' }]);
		});

		it('importBoardDependencies checks its arguments (Match failed, 400) and board write access', () => {
			const w = f.h.wekan;
			expect(() => importBoardDependencies(w, f.users.owner.id, 5, [])).toThrow('Match failed');
			expect(() => importBoardDependencies(w, f.users.owner.id, f.boardId, ['x'])).toThrow('Match failed');
			expect(() => importBoardDependencies(w, f.users.readOnly.id, f.boardId, [])).toThrow('Forbidden');
		});

		it('remapCopiedBoardDependencies maps targets to their copies and drops the rest (models/boards.js:1100-1123)', () => {
			const w = f.h.wekan;
			db().cards.raw.update(alpha._id, {
				$set: {
					cardDependencies: [
						beta._id,
						{ cardId: 'uncopied', type: 'blocks' },
						{ cardId: beta._id, type: 'fixes', icon: 'bug' },
					],
				},
			});
			remapCopiedBoardDependencies(w, f.boardId, { [beta._id]: 'BETA2' });
			expect(deps(alpha)).toEqual([
				{ cardId: 'BETA2', type: 'related-to', color: '#eb144c', icon: 'link' },
				{ cardId: 'BETA2', type: 'fixes', color: '#eb144c', icon: 'bug' },
			]);
		});

		it('importCardDependencies writes the remapped entries directly, only when one target was imported (wekanCreator.js:864-890)', () => {
			const w = f.h.wekan;
			importCardDependencies(
				w,
				[
					{ _id: 'oldA', cardDependencies: [{ cardId: 'oldB', type: 'blocks', color: '#111111', icon: 'ban' }] },
					{ _id: 'oldB', cardDependencies: [{ cardId: 'notImported' }] },
				],
				{ oldA: alpha._id, oldB: beta._id },
			);
			expect(deps(alpha)).toEqual([{ cardId: beta._id, type: 'blocks', color: '#111111', icon: 'ban' }]);
			expect(deps(beta)).toEqual([]);
		});
	});
});

describe('data layer: positional updates as MongoDB does them', () => {
	it('two positional paths into one array ($set and $unset of the element) are one update of that element', () => {
		const c = new Collection('x');
		c.insert({
			_id: 'c',
			a: [
				{ id: 'w', p: 0 },
				{ id: 'x', p: 1, q: 2 },
			],
		});
		expect(c.update({ _id: 'c', 'a.id': 'x' }, { $set: { 'a.$.p': 5, 'a.$.r': 3 }, $unset: { 'a.$.q': '' } })).toBe(1);
		expect(c.findOne('c')).toEqual({
			_id: 'c',
			a: [
				{ id: 'w', p: 0 },
				{ id: 'x', p: 5, r: 3 },
			],
		});
		expect(c.update({ _id: 'c', 'a.id': 'none' }, { $set: { 'a.$.p': 9, 'a.$.r': 9 } })).toBe(0);
	});

	it('$pull with a document condition tests elements as documents: a bare string is never pulled', () => {
		const c = new Collection('x');
		c.insert({ _id: 'c', a: ['b', { cardId: 'b' }, { cardId: 'x', t: 1 }, 5] });
		c.update('c', { $pull: { a: { cardId: 'b' } } });
		expect(c.findOne('c')!.a).toEqual(['b', { cardId: 'x', t: 1 }, 5]);
		// A scalar condition still pulls scalars.
		c.update('c', { $pull: { a: 'b' } });
		expect(c.findOne('c')!.a).toEqual([{ cardId: 'x', t: 1 }, 5]);
	});

	it('an id listed twice in an $in matches its document once', () => {
		const c = new Collection('x');
		c.insert({ _id: 'a' });
		expect(c.find({ _id: { $in: ['a', 'a'] } })).toHaveLength(1);
	});
});
