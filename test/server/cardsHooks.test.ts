/**
 * The cards collection hooks (server/models/cards.js:717-960, server/migrations/ensureValidSwimlaneIds.js:210-287),
 * the activity helpers of models/cards.js:3244-3580 and Board.getNextCardNumber, through hooked writes on the
 * collection as Wekan's server code and Meteor methods make them.
 */
import { activitiesOf, type CardFixture, cardOf, seedCardFixture, seedOtherBoard, type ServerHarness, startHarness } from './fixtures';
import { moveCard } from '../wekan-server/models/cards';

describe('cards hooks', () => {
	let h: ServerHarness;
	let f: CardFixture;
	/** A card created by server code (models/cards.ts createCard), as stored. */
	const seed = (fields: Record<string, unknown> = {}) => {
		const input = {
			title: 'Card',
			boardId: f.boardId,
			listId: f.listId,
			swimlaneId: f.swimlaneId,
			userId: f.owner.id,
		};
		return cardOf(h, h.wekan.createCard({ ...input, ...fields })._id);
	};

	beforeEach(async () => {
		h = await startHarness();
		f = seedCardFixture(h);
	});
	afterEach(() => h.close());

	describe('seeding and insert hooks', () => {
		it('createCard inserts through schema and hooks, with the next card number and an activity', () => {
			const card = seed();
			expect(card).toMatchObject({ cardNumber: 1, archived: false, members: [], sort: 0, type: 'cardType-card' });
			expect(seed().cardNumber).toBe(2);
			const [created] = activitiesOf(h, 'createCard', card._id);
			expect(created).toMatchObject({ listName: 'Todo', swimlaneName: 'Default', boardId: f.boardId });
			expect(created.userId).toBeUndefined();
			const mine = h.wekan.createCard(
				{ title: 'Mine', boardId: f.boardId, listId: f.listId, swimlaneId: f.swimlaneId, userId: f.normal.id },
				{ userId: f.normal.id },
			);
			expect(activitiesOf(h, 'createCard', mine._id)[0].userId).toBe(f.normal.id);
		});

		it('seeds the counter from the board\'s highest cardNumber on first use (models/boards.js:1973)', async () => {
			h.wekan.db.cards.raw.insert({
				_id: 'old',
				boardId: f.boardId,
				listId: f.listId,
				swimlaneId: f.swimlaneId,
				cardNumber: 41,
			});
			const r = await h.call('POST', f.listPath, {
				token: f.owner.token,
				body: { title: 'New', swimlaneId: f.swimlaneId },
			});
			expect(cardOf(h, r.json._id).cardNumber).toBe(42);
			expect(h.wekan.db.counters.findOne(`cardNumber-${f.boardId}`)).toEqual({
				_id: `cardNumber-${f.boardId}`,
				next_val: 42,
			});
		});

		it('replaces an archived or foreign swimlane with the first visible one (ensureValidSwimlaneIds.js)', () => {
			const archived = h.wekan.createSwimlane(f.boardId, 'Old', -1);
			h.wekan.db.swimlanes.direct.update(archived._id, { $set: { archived: true } });
			const other = seedOtherBoard(h, f.owner.id);
			expect(seed({ swimlaneId: archived._id }).swimlaneId).toBe(f.swimlaneId);
			expect(seed({ swimlaneId: other.swimlaneId }).swimlaneId).toBe(f.swimlaneId);
			const lane = h.wekan.createSwimlane(f.boardId, 'Second');
			expect(seed({ swimlaneId: lane._id }).swimlaneId).toBe(lane._id);
		});

		it('fails an insert with an unknown list after inserting it (cardCreation reads .title)', () => {
			expect(() => seed({ listId: 'nowhere' })).toThrow(TypeError);
			expect(h.wekan.db.cards.find({ listId: 'nowhere' })).toHaveLength(1);
		});
	});

	describe('update hooks', () => {
		it('logs a-changedTitle and a-changedDescription for real changes (server/models/cards.js:885-938)', () => {
			const card = seed({ description: 'old' });
			h.wekan.db.cards.update(
				card._id,
				{ $set: { title: 'New', description: 'old' } },
				{},
				{ userId: f.normal.id },
			);
			expect(activitiesOf(h, 'a-changedTitle', card._id)).toEqual([
				expect.objectContaining({
					userId: f.normal.id,
					username: 'normal',
					oldValue: 'Card',
					value: 'New',
					cardTitle: 'New',
				}),
			]);
			expect(activitiesOf(h, 'a-changedDescription')).toEqual([]);
			h.wekan.db.cards.update(card._id, { $set: { description: 'fresh' } }, {}, { userId: f.normal.id });
			expect(activitiesOf(h, 'a-changedDescription', card._id)).toEqual([
				expect.objectContaining({ oldValue: 'old', value: 'fresh', cardTitle: 'New', listId: f.listId }),
			]);
		});

		it('names the first user when a hook runs outside a method (ReactiveCache.getUser({}))', () => {
			const card = seed();
			h.wekan.db.cards.update(card._id, { $set: { title: 'Renamed' } });
			const [changed] = activitiesOf(h, 'a-changedTitle', card._id);
			expect(changed.userId).toBeUndefined();
			expect(changed.username).toBe('siteadmin');
		});

		it('logs a-<date> when a date is the first field, and touches the list (cards.js:844-881)', () => {
			const card = seed({ dueAt: new Date('2030-01-01T00:00:00.000Z') });
			const old = new Date(2000, 0, 1);
			h.wekan.db.lists.raw.update({ _id: f.listId }, { $set: { modifiedAt: old } });
			const due = new Date('2031-01-01T00:00:00.000Z');
			h.wekan.db.cards.update(card._id, { $set: { dueAt: due } }, {}, { userId: f.owner.id });
			expect(activitiesOf(h, 'a-dueAt', card._id)).toEqual([
				expect.objectContaining({
					userId: f.owner.id,
					username: 'owner',
					timeKey: 'dueAt',
					timeValue: due,
					timeOldValue: new Date('2030-01-01T00:00:00.000Z'),
					listId: f.listId,
				}),
			]);
			// The hook writes a year-old ISO string, which the lists schema keeps (models/lists.js:196-210).
			const list = h.wekan.db.lists.findOne(f.listId);
			const yearAgo = new Date();
			yearAgo.setFullYear(yearAgo.getFullYear() - 1);
			expect(Math.abs((list?.modifiedAt.getTime() ?? 0) - yearAgo.getTime())).toBeLessThan(60_000);
			expect(list?.updatedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
			h.wekan.db.cards.update(card._id, { $set: { title: 'T', dueAt: due } });
			expect(activitiesOf(h, 'a-dueAt', card._id)).toHaveLength(1);
		});

		it('logs addedLabel and removedLabel for $addToSet/$pull of a label (models/cards.js:3451-3488)', () => {
			const card = seed();
			h.wekan.db.cards.update(card._id, { $addToSet: { labelIds: 'l1' } });
			h.wekan.db.cards.update(card._id, { $addToSet: { labelIds: 'l1' } });
			h.wekan.db.cards.update(card._id, { $pull: { labelIds: 'l1' } });
			expect(activitiesOf(h, 'addedLabel', card._id)).toEqual([
				expect.objectContaining({ labelId: 'l1', listId: f.listId }),
			]);
			expect(activitiesOf(h, 'removedLabel', card._id)).toHaveLength(1);
		});

		it('logs setCustomField for a write to one value, not for the whole array (models/cards.js:3490-3539)', () => {
			const card = seed({ customFields: [{ _id: 'cf', value: null }] });
			h.wekan.db.cards.update(card._id, { $set: { 'customFields.0.value': 'x' } });
			h.wekan.db.cards.update(card._id, { $set: { customFields: [{ _id: 'cf', value: 'y' }] } });
			expect(activitiesOf(h, 'setCustomField', card._id)).toEqual([
				expect.objectContaining({ customFieldId: 'cf', value: 'x' }),
			]);
			// An index past the card's fields: doc.customFields[i]._id is a TypeError, and nothing is written.
			expect(() => h.wekan.db.cards.update(card._id, { $set: { 'customFields.3.value': 'z' } })).toThrow(
				TypeError,
			);
		});

		it('logs archivedCard and restoredCard when `archived` is written (models/cards.js:3333)', () => {
			const card = seed();
			h.wekan.db.cards.update(card._id, { $set: { archived: true } });
			h.wekan.db.cards.update(card._id, { $set: { archived: false } });
			expect(activitiesOf(h, 'archivedCard', card._id)).toHaveLength(1);
			expect(activitiesOf(h, 'restoredCard', card._id)).toEqual([
				expect.objectContaining({ listName: 'Todo', cardTitle: 'Card' }),
			]);
			// The direct writes of the REST PUT skip it.
			h.wekan.db.cards.direct.update(card._id, { $set: { archived: true } });
			expect(activitiesOf(h, 'archivedCard', card._id)).toHaveLength(1);
		});

		it('logs moveCard for a hooked list move, with the old list and swimlane (cards.js:780-786)', () => {
			const card = seed();
			h.wekan.db.cards.update(card._id, { $set: { listId: f.list2Id } }, {}, { userId: f.owner.id });
			expect(activitiesOf(h, 'moveCard', card._id)).toEqual([
				expect.objectContaining({
					userId: f.owner.id,
					oldListId: f.listId,
					listId: f.list2Id,
					oldSwimlaneId: f.swimlaneId,
				}),
			]);
		});

		it('on a board change: fixes swimlane and list, re-homes checklists, drops dependencies', () => {
			const other = seedOtherBoard(h, f.owner.id);
			const card = seed();
			const neighbour = seed({
				cardDependencies: [{ cardId: card._id, type: 'blocks', color: '#000000', icon: 'link' }],
			});
			const db = h.wekan.db;
			const checklistId = db.checklists.direct.insert({
				cardId: card._id,
				boardId: f.boardId,
				title: 'c',
				sort: 0,
			});
			const itemId = db.checklistItems.direct.insert({
				title: 'i',
				sort: 0,
				checklistId,
				cardId: card._id,
				boardId: f.boardId,
			});
			db.cards.update(card._id, { $addToSet: { labelIds: 'l1' } });
			db.cards.update(card._id, { $set: { boardId: other.boardId } }, {}, { userId: f.owner.id });
			// applyCardBoardConsistency (server/lib/cardBoardConsistency.js:30-60).
			expect(cardOf(h, card._id)).toMatchObject({
				boardId: other.boardId,
				swimlaneId: other.swimlaneId,
				listId: other.listId,
			});
			expect(db.checklists.findOne(checklistId)?.boardId).toBe(other.boardId);
			expect(db.checklistItems.findOne(itemId)?.boardId).toBe(other.boardId);
			expect(cardOf(h, neighbour._id).cardDependencies).toEqual([]);
			expect(activitiesOf(h, 'addedLabel', card._id)).toEqual([]);
			expect(activitiesOf(h, 'moveCardBoard', card._id)).toEqual([
				expect.objectContaining({
					userId: f.owner.id,
					boardId: other.boardId,
					boardName: 'Other',
					oldBoardId: f.boardId,
					oldBoardName: 'Cards',
					swimlaneId: other.swimlaneId,
					swimlaneName: 'Default',
					oldSwimlaneId: f.swimlaneId,
				}),
			]);
		});

		it('logs joinMember once, and refuses a member id that names no user (models/cards.js:3366-3407)', () => {
			const card = seed();
			h.wekan.db.cards.update(card._id, { $addToSet: { members: f.normal.id } });
			h.wekan.db.cards.update(card._id, { $addToSet: { members: f.normal.id } });
			expect(activitiesOf(h, 'joinMember', card._id)).toHaveLength(1);
			expect(() => h.wekan.db.cards.update(card._id, { $addToSet: { members: 'ghost' } })).toThrow(TypeError);
			expect(cardOf(h, card._id).members).toEqual([f.normal.id]);
		});
	});

	describe('remove hook', () => {
		it('cascades and logs deleteCard while the card still exists (server/models/cards.js:940-960)', () => {
			const card = seed();
			const child = seed({ parentId: card._id });
			const grandchild = seed({ parentId: child._id });
			h.wekan.db.card_comments.direct.insert({
				boardId: f.boardId,
				cardId: grandchild._id,
				text: 't',
				userId: f.owner.id,
			});
			h.wekan.db.cards.remove(card._id, { userId: f.owner.id });
			expect(h.wekan.db.cards.find({ boardId: f.boardId })).toEqual([]);
			expect(h.wekan.db.card_comments.size).toBe(0);
			// The subcards' removes happen inside the same method, so their hooks see its user too (collection-hooks'
			// getUserId is Meteor.userId(), matb33:collection-hooks 2.1.0 as .meteor/versions pins it).
			expect(activitiesOf(h, 'deleteCard').map((a) => [a.cardId, a.userId])).toEqual([
				[grandchild._id, f.owner.id],
				[child._id, f.owner.id],
				[card._id, f.owner.id],
			]);
		});
	});

	describe('Card.move (models/cards.js:2620-2748)', () => {
		it('writes only what changes, and nothing for a card already there', () => {
			const card = seed();
			const before = cardOf(h, card._id).modifiedAt;
			moveCard(h.wekan, card, { boardId: f.boardId, swimlaneId: f.swimlaneId, listId: f.listId, sort: 0 });
			expect(cardOf(h, card._id).modifiedAt).toEqual(before);
			moveCard(h.wekan, card, { boardId: f.boardId, swimlaneId: f.swimlaneId, listId: f.list2Id, sort: 3 });
			expect(cardOf(h, card._id)).toMatchObject({ listId: f.list2Id, sort: 3, cardNumber: 1 });
			expect(activitiesOf(h, 'moveCard', card._id)).toHaveLength(1);
		});

		it('to another board: labels by name, a new number, members kept only if active there, hooks on top', () => {
			const other = seedOtherBoard(h, f.owner.id);
			const db = h.wekan.db;
			db.boards.direct.update(f.boardId, { $set: { labels: [{ _id: 'src', name: 'Bug', color: 'red' }] } });
			db.boards.direct.update(other.boardId, { $set: { labels: [{ _id: 'dst', name: 'Bug', color: 'blue' }] } });
			const card = seed({
				labelIds: ['src'],
				members: [f.owner.id, f.normal.id],
				cardDependencies: [{ cardId: 'x' }],
			});
			db.attachments.raw.insert({ _id: 'att', meta: { cardId: card._id, boardId: f.boardId, listId: f.listId } });
			moveCard(
				h.wekan,
				card,
				{ boardId: other.boardId, swimlaneId: other.swimlaneId, listId: other.listId },
				{ userId: f.owner.id },
			);
			expect(cardOf(h, card._id)).toMatchObject({
				boardId: other.boardId,
				labelIds: ['dst'],
				members: [f.owner.id],
				cardNumber: 1,
				cardDependencies: [],
			});
			expect(db.attachments.findOne('att')?.meta).toMatchObject({ boardId: other.boardId, listId: other.listId });
			expect(activitiesOf(h, 'moveCardBoard', card._id)).toEqual([
				expect.objectContaining({ userId: f.owner.id }),
			]);
		});
	});

	describe('copy across boards', () => {
		it('keeps only the dependencies whose card is on the destination board (models/cards.js:959-976)', async () => {
			const other = seedOtherBoard(h, f.owner.id);
			const there = h.wekan.createCard({ title: 'There', ...other, userId: f.owner.id });
			const here = seed();
			const card = seed({
				cardDependencies: [
					{ cardId: here._id, type: 'blocks', color: '#000000', icon: 'link' },
					{ cardId: there._id },
				],
			});
			const r = await h.call('POST', `${f.listPath}/${card._id}/copy`, {
				token: f.owner.token,
				body: { toBoardId: other.boardId, toSwimlaneId: other.swimlaneId, toListId: other.listId },
			});
			expect(cardOf(h, r.json._id).cardDependencies).toEqual([
				{ cardId: there._id, type: 'related-to', color: '#eb144c', icon: 'link' },
			]);
		});
	});
});
