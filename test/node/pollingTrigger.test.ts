/**
 * The polling trigger through n8n-core's poll context against the Wekan-compatible server: baseline, every event,
 * which routes a poll reads and how much, churn while polling, several boards, restarts, Wekan's refusals, saved
 * workflows of version 1, and manual runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, Workflow } from 'n8n-workflow';
import { WekanPollingTrigger } from '../../nodes/WekanPollingTrigger/WekanPollingTrigger.node';
import { WekanTrigger } from '../../nodes/WekanTrigger/WekanTrigger.node';
import { READ_BUDGET_CARDS } from '../../nodes/WekanPollingTrigger/boardPoll';
import { PACKAGE, rl } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import type { CardDoc } from '../wekan-server/schemas/cards';

const TYPE = `${PACKAGE}.wekanPollingTrigger`;
const NODE = 'Wekan Polling Trigger';
const trigger = new WekanPollingTrigger();
const CARD_EVENTS = ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived'];
const HOUR = 3_600_000;

describe('Wekan Polling Trigger', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture({ bcryptRounds: 4 });
		f.engine.addNodeType(TYPE, trigger);
	});
	afterAll(() => f.close());

	const wekan = () => f.server.wekan;
	const ui = () => f.server.wekan.ui;
	const db = () => f.server.wekan.db;
	const card = (id: string) => db().cards.findOne(id) as CardDoc;

	/** A fresh board with the admin as member and `lists` lists, so tests do not see each other's changes. */
	const board = (lists = 3, title = 'Poll Board', ownerId = f.adminId) => {
		const b = wekan().createBoard({ title, ownerId });
		const swimlaneId = wekan().defaultSwimlaneId(b._id)!;
		const listIds = Array.from({ length: lists }, (_, i) => wekan().createList(b._id, `L${i}`, swimlaneId, i)._id);
		const newCard = (listId: string, cardTitle: string, userId = ownerId) => ui().createCard(userId, { boardId: b._id, listId, swimlaneId, title: cardTitle });
		return { boardId: b._id, swimlaneId, listIds, card: newCard };
	};

	/**
	 * `perList` cards in each list as a board that has existed a while has them: one card made through the model,
	 * the others copies of it written straight into the database (as Wekan's e2e tests seed MongoDB), an hour old.
	 */
	const seedCards = (b: ReturnType<typeof board>, perList: number, description = 'A card that was made some time ago, as most are.') => {
		const template = wekan().createCard({ title: 'template', boardId: b.boardId, listId: b.listIds[0], swimlaneId: b.swimlaneId, userId: f.adminId, description });
		const { _id: _drop, ...fields } = template;
		db().cards.raw.remove({ _id: template._id });
		const old = new Date(Date.now() - HOUR);
		const ids: string[] = [];
		let n = 0;
		for (const listId of b.listIds) {
			for (let i = 0; i < perList; i++) {
				n++;
				ids.push(db().cards.raw.insert({ ...fields, title: `Card ${n}`, listId, sort: i, cardNumber: n, createdAt: old, modifiedAt: old, dateLastActivity: old })._id);
			}
		}
		return ids;
	};

	const makeWorkflow = (boardId: string, parameters: IDataObject, staticData: IDataObject = {}, typeVersion = 2, credentialId?: string) =>
		f.engine.workflow(
			{
				nodes: [
					{
						name: NODE,
						type: TYPE,
						typeVersion,
						parameters: { boardId: rl(boardId), ...parameters } as never,
						...(credentialId ? { credentials: { wekanRestApi: { id: credentialId, name: 'Other' } } } : {}),
					},
				],
				connections: {},
			},
			staticData,
		);

	const poll = async (workflow: Workflow, mode: 'trigger' | 'manual' = 'trigger') => {
		const result = await trigger.poll.call(f.engine.pollContext(workflow, NODE, mode));
		return result ? result[0].map((i) => i.json) : null;
	};

	/** The requests one poll makes, login aside, with board ids written as /b (or /b1, /b2 ... in `boards` order). */
	const measured = async (workflow: Workflow, boards: string[] = []) => {
		const start = wekan().log.length;
		const items = await poll(workflow);
		const requests = wekan()
			.log.slice(start)
			.filter((r) => r.path !== '/users/login')
			.map((r) => {
				const path = r.path.replace(/^\/api\/boards\/([^/]+)/, (_m, id: string) => (boards.length ? `/b${boards.indexOf(id) + 1}` : '/b'));
				return `${r.method} ${path}`;
			});
		return { items, requests };
	};

	it('records a baseline first, then reports new, moved, updated, archived and restored cards once each', async () => {
		const b = board();
		const existing = b.card(b.listIds[0], 'Existing');
		const workflow = makeWorkflow(b.boardId, { events: [...CARD_EVENTS, 'cardRestored'] });
		expect(await poll(workflow)).toBeNull();
		expect(await poll(workflow)).toBeNull();

		const fresh = b.card(b.listIds[0], 'Fresh');
		expect(await poll(workflow)).toEqual([
			expect.objectContaining({ event: 'cardCreated', cardId: fresh._id, listId: b.listIds[0], card: expect.objectContaining({ title: 'Fresh' }) }),
		]);
		expect(await poll(workflow)).toBeNull();

		ui().moveCard(f.adminId, existing._id, { listId: b.listIds[2] });
		const moved = await poll(workflow);
		expect(moved).toEqual([expect.objectContaining({ event: 'cardMoved', cardId: existing._id, listId: b.listIds[2], oldListId: b.listIds[0] })]);
		expect(moved![0].url).toBe(`${f.server.url}/b/${b.boardId}/poll-board/${existing._id}`);

		ui().editCardTitle(f.adminId, fresh._id, 'Fresh, renamed');
		ui().addLabel(f.adminId, fresh._id, 'lbl001');
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardUpdated', cardId: fresh._id, changes: ['title', 'labelIds'] })]);

		ui().archiveCard(f.adminId, fresh._id);
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardArchived', cardId: fresh._id })]);
		expect(await poll(workflow)).toBeNull();
		// Restoring is not a new card.
		ui().restoreCard(f.adminId, fresh._id);
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardRestored', cardId: fresh._id })]);
		expect(await poll(workflow)).toBeNull();
	});

	it('reports a card made and archived between two polls as both', async () => {
		const b = board(2);
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		await poll(workflow);
		const brief = b.card(b.listIds[1], 'Brief');
		ui().archiveCard(f.adminId, brief._id);
		expect((await poll(workflow))!.map((i) => [i.event, i.cardId])).toEqual([
			['cardCreated', brief._id],
			['cardArchived', brief._id],
		]);
		expect(await poll(workflow)).toBeNull();
	});

	it('sees changes made through the REST API too (which send no webhooks)', async () => {
		const b = board();
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		await poll(workflow);
		const made = b.card(b.listIds[0], 'Via UI');
		await poll(workflow);
		const token = wekan().issueToken(f.adminId).token;
		const response = await fetch(`${f.server.url}/api/boards/${b.boardId}/lists/${b.listIds[0]}/cards/${made._id}`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
			body: JSON.stringify({ listId: b.listIds[1] }),
		});
		expect(response.status).toBe(200);
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardMoved', oldListId: b.listIds[0], listId: b.listIds[1] })]);
	});

	it('reports new comments and checked checklist items', async () => {
		const b = board();
		const c = b.card(b.listIds[0], 'With checklist');
		ui().addComment(f.adminId, c._id, 'old comment');
		const checklist = ui().addChecklist(f.adminId, c._id, 'Steps');
		const one = ui().addChecklistItem(f.adminId, checklist._id, 'One');
		const two = ui().addChecklistItem(f.adminId, checklist._id, 'Two');
		ui().checkItem(f.adminId, one._id);
		const workflow = makeWorkflow(b.boardId, { events: ['commentAdded', 'checklistItemChecked'], simplify: false });
		expect(await poll(workflow)).toBeNull();

		const comment = ui().addComment(f.adminId, c._id, 'new comment');
		ui().checkItem(f.adminId, two._id);
		const items = await poll(workflow);
		expect(items).toEqual([
			expect.objectContaining({ event: 'commentAdded', cardId: c._id, commentId: comment._id, comment: expect.objectContaining({ text: 'new comment' }) }),
			expect.objectContaining({
				event: 'checklistItemChecked',
				cardId: c._id,
				checklistItem: expect.objectContaining({ _id: two._id, title: 'Two' }),
				checklist: expect.objectContaining({ title: 'Steps' }),
			}),
		]);
		expect(await poll(workflow)).toBeNull();
		// Unchecking is not reported; checking it again is.
		ui().uncheckItem(f.adminId, two._id);
		expect(await poll(workflow)).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 5));
		ui().checkItem(f.adminId, two._id);
		expect((await poll(workflow))!.map((i) => i.event)).toEqual(['checklistItemChecked']);
	});

	it('reports due soon within the lead time and overdue once the date passes, without extra requests while idle', async () => {
		const b = board(2);
		const early = b.card(b.listIds[0], 'Already due soon');
		ui().setCardDate(f.adminId, early._id, 'dueAt', new Date(Date.now() + HOUR));
		const late = b.card(b.listIds[0], 'Due next week');
		ui().setCardDate(f.adminId, late._id, 'dueAt', new Date(Date.now() + 7 * 24 * HOUR));
		const workflow = makeWorkflow(b.boardId, { events: ['cardDueSoon', 'cardOverdue'], leadTimeHours: 24, simplify: false });
		expect(await poll(workflow)).toBeNull();
		expect(await poll(workflow)).toBeNull();

		const soon = new Date(Date.now() + 400);
		ui().setCardDate(f.adminId, late._id, 'dueAt', soon);
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardDueSoon', cardId: late._id, dueAt: soon.toISOString() })]);
		expect(await poll(workflow)).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 500));
		// Nothing changed on the board: one request for the lists, one to read the card for the item.
		const { items, requests } = await measured(workflow);
		expect(items).toEqual([expect.objectContaining({ event: 'cardOverdue', cardId: late._id, card: expect.objectContaining({ title: 'Due next week' }) })]);
		expect(requests).toEqual(['GET /b/lists', `GET /api/cards/${late._id}`]);
		expect(await poll(workflow)).toBeNull();
		// A card marked done is not overdue, even when nothing else tells the poll (the card is read before).
		ui().setCardDate(f.adminId, early._id, 'dueAt', new Date(Date.now() - 1000));
		await poll(workflow);
		db().cards.raw.update({ _id: early._id }, { $set: { dueComplete: true } });
		const pastDue = b.card(b.listIds[1], 'Past due');
		ui().setCardDate(f.adminId, pastDue._id, 'dueAt', new Date(Date.now() + 200));
		await poll(workflow);
		await new Promise((resolve) => setTimeout(resolve, 300));
		db().cards.raw.update({ _id: pastDue._id }, { $set: { dueComplete: true } });
		expect(await poll(workflow)).toBeNull();
	});

	it('keeps a due date notice for the next poll when reading the card fails', async () => {
		const b = board(1);
		const c = b.card(b.listIds[0], 'Due shortly');
		const workflow = makeWorkflow(b.boardId, { events: ['cardOverdue'] });
		expect(await poll(workflow)).toBeNull();
		ui().setCardDate(f.adminId, c._id, 'dueAt', new Date(Date.now() + 300));
		expect(await poll(workflow)).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 400));
		// The board is idle, so the card is read on its own, and that read fails: the poll fails as a whole.
		wekan().faults.failNext('errorBody', { match: (_m, path) => path === `/api/cards/${c._id}` });
		await expect(poll(workflow)).rejects.toThrow();
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardOverdue', cardId: c._id })]);
		expect(await poll(workflow)).toBeNull();
	});

	it('reports new lists and swimlanes', async () => {
		const b = board(1);
		const workflow = makeWorkflow(b.boardId, { events: ['listCreated', 'swimlaneCreated'], simplify: false });
		expect(await poll(workflow)).toBeNull();
		const list = ui().createList(f.adminId, b.boardId, 'Review');
		const swimlane = ui().createSwimlane(f.adminId, b.boardId, 'Urgent');
		expect(await poll(workflow)).toEqual([
			expect.objectContaining({ event: 'listCreated', listId: list._id, list: expect.objectContaining({ title: 'Review' }) }),
			expect.objectContaining({ event: 'swimlaneCreated', swimlaneId: swimlane._id, swimlane: expect.objectContaining({ title: 'Urgent' }) }),
		]);
		expect(await poll(workflow)).toBeNull();
	});

	describe('Simplify (on by default)', () => {
		it('reduces card events to the most used fields, with names from what the poll read', async () => {
			const b = board(2);
			db().boards.raw.update({ _id: b.boardId }, { $push: { labels: { _id: 'lblBug', name: 'Bug', color: 'red' } } });
			const workflow = makeWorkflow(b.boardId, { events: ['cardCreated', 'cardMoved'] });
			expect(await poll(workflow)).toBeNull();
			const c = b.card(b.listIds[0], 'Simple');
			ui().addLabel(f.adminId, c._id, 'lblBug');
			const { items: created, requests } = await measured(workflow);
			// Names come with the lists and the export that found the card: no request more than without Simplify.
			expect(requests).toEqual(['GET /b/lists', 'GET /b/export']);
			const url = `${f.server.url}/b/${b.boardId}/poll-board/${c._id}`;
			expect(created).toEqual([
				{
					event: 'cardCreated',
					boardId: b.boardId,
					cardId: c._id,
					listId: b.listIds[0],
					swimlaneId: b.swimlaneId,
					url,
					listTitle: 'L0',
					swimlaneTitle: 'Default',
					card: expect.objectContaining({ _id: c._id, title: 'Simple', url, listTitle: 'L0', labels: ['Bug'], members: [] }),
				},
			]);
			expect(created![0].card).not.toHaveProperty('description');
			expect(created![0].card).not.toHaveProperty('labelIds');

			ui().moveCard(f.adminId, c._id, { listId: b.listIds[1] });
			expect(await poll(workflow)).toEqual([
				expect.objectContaining({ event: 'cardMoved', listId: b.listIds[1], listTitle: 'L1', oldListId: b.listIds[0], oldListTitle: 'L0' }),
			]);

			const raw = makeWorkflow(b.boardId, { events: ['cardCreated'], simplify: false });
			expect(await poll(raw)).toBeNull();
			b.card(b.listIds[0], 'Raw');
			const [rawItem] = (await poll(raw))!;
			expect(rawItem).not.toHaveProperty('listTitle');
			expect(rawItem.card).toMatchObject({ title: 'Raw', labelIds: [], customFields: [] });
		});

		it('turns comments, checklist items, lists and swimlanes into their text and titles', async () => {
			const b = board(1);
			const c = b.card(b.listIds[0], 'Talked about');
			const checklist = ui().addChecklist(f.adminId, c._id, 'Steps');
			const step = ui().addChecklistItem(f.adminId, checklist._id, 'Step one');
			const workflow = makeWorkflow(b.boardId, { events: ['commentAdded', 'checklistItemChecked', 'listCreated', 'swimlaneCreated'] });
			expect(await poll(workflow)).toBeNull();
			const comment = ui().addComment(f.adminId, c._id, 'Ship it');
			ui().checkItem(f.adminId, step._id);
			const list = ui().createList(f.adminId, b.boardId, 'Review');
			const swimlane = ui().createSwimlane(f.adminId, b.boardId, 'Urgent');
			const items = (await poll(workflow))!;
			const byEvent = Object.fromEntries(items.map((i) => [i.event, i]));
			expect(byEvent.listCreated).toEqual({ event: 'listCreated', boardId: b.boardId, listId: list._id, listTitle: 'Review' });
			expect(byEvent.swimlaneCreated).toEqual({ event: 'swimlaneCreated', boardId: b.boardId, swimlaneId: swimlane._id, swimlaneTitle: 'Urgent' });
			expect(byEvent.commentAdded).toMatchObject({
				cardId: c._id,
				commentId: comment._id,
				comment: 'Ship it',
				commentAuthorId: f.adminId,
				listTitle: 'L0',
				card: expect.objectContaining({ title: 'Talked about' }),
			});
			expect(byEvent.checklistItemChecked).toMatchObject({ checklistItemId: step._id, checklistItem: 'Step one', checklistId: checklist._id, checklist: 'Steps' });
		});

		it('reads the names an idle board\'s poll did not, once per poll, only when it reports something', async () => {
			const b = board(1);
			db().boards.raw.update({ _id: b.boardId }, { $push: { labels: { _id: 'lblDue', name: 'Deadline', color: 'red' } } });
			const cards = [b.card(b.listIds[0], 'Due 1'), b.card(b.listIds[0], 'Due 2')];
			ui().addLabel(f.adminId, cards[0]._id, 'lblDue');
			const workflow = makeWorkflow(b.boardId, { events: ['cardOverdue'] });
			expect(await poll(workflow)).toBeNull();
			for (const c of cards) ui().setCardDate(f.adminId, c._id, 'dueAt', new Date(Date.now() + 300));
			expect(await poll(workflow)).toBeNull();
			expect((await measured(workflow)).requests).toEqual(['GET /b/lists']);
			await new Promise((resolve) => setTimeout(resolve, 400));
			const { items, requests } = await measured(workflow);
			expect(items!.map((i) => [i.event, (i.card as IDataObject).title, (i.card as IDataObject).labels, i.swimlaneTitle])).toEqual([
				['cardOverdue', 'Due 1', ['Deadline'], 'Default'],
				['cardOverdue', 'Due 2', [], 'Default'],
			]);
			expect(requests.filter((r) => r === 'GET /b' || r === 'GET /b/swimlanes')).toEqual(['GET /b', 'GET /b/swimlanes']);
			expect((await measured(workflow)).requests).toEqual(['GET /b/lists']);
		});

		it('gives the manual sample in the same shape', async () => {
			const b = board(1);
			b.card(b.listIds[0], 'Newest');
			const [sample] = (await poll(makeWorkflow(b.boardId, { events: ['cardCreated'] }), 'manual'))!;
			expect(sample).toMatchObject({ event: 'cardCreated', listTitle: 'L0', card: expect.objectContaining({ title: 'Newest', listTitle: 'L0' }) });
			expect(sample.card).not.toHaveProperty('description');
		});

		it('says what the simplified output holds', () => {
			const simplify = trigger.description.properties.find((p) => p.name === 'simplify')!;
			expect(simplify).toMatchObject({ type: 'boolean', default: true, description: 'Whether to return a simplified version of the response instead of the raw data' });
			expect(simplify.hint).toMatch(/list and swimlane names/);
		});
	});

	it('limits card events to the chosen lists and swimlanes, counting a move for its old and its new place', async () => {
		const b = board(3);
		const [todo, doing, done] = b.listIds;
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS, filters: { listIds: [done] } });
		await poll(workflow);
		const c = b.card(todo, 'Outside');
		expect(await poll(workflow)).toBeNull();
		ui().moveCard(f.adminId, c._id, { listId: doing });
		expect(await poll(workflow)).toBeNull();
		ui().moveCard(f.adminId, c._id, { listId: done });
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardMoved', oldListId: doing, listId: done })]);
		ui().moveCard(f.adminId, c._id, { listId: todo });
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardMoved', oldListId: done, listId: todo })]);
		ui().editCardTitle(f.adminId, c._id, 'Still outside');
		expect(await poll(workflow)).toBeNull();

		const urgent = wekan().createSwimlane(b.boardId, 'Urgent');
		const bySwimlane = makeWorkflow(b.boardId, { events: CARD_EVENTS, filters: { swimlaneIds: [urgent._id] } });
		await poll(bySwimlane);
		b.card(todo, 'Not urgent');
		const inUrgent = ui().createCard(f.adminId, { boardId: b.boardId, listId: doing, swimlaneId: urgent._id, title: 'Urgent one' });
		expect((await poll(bySwimlane))!.map((i) => i.cardId)).toEqual([inUrgent._id]);
		ui().moveCard(f.adminId, inUrgent._id, { swimlaneId: b.swimlaneId });
		expect(await poll(bySwimlane)).toEqual([expect.objectContaining({ event: 'cardMoved', oldSwimlaneId: urgent._id, swimlaneId: b.swimlaneId })]);
	});

	it('costs one request per idle poll, however many lists the board has, and one export for a change', async () => {
		const b = board(8);
		for (const listId of b.listIds) for (let i = 0; i < 5; i++) b.card(listId, `c${i}`);
		const cards = makeWorkflow(b.boardId, { events: [...CARD_EVENTS, 'cardDueSoon', 'cardOverdue', 'listCreated'] });
		const withSwimlanes = makeWorkflow(b.boardId, { events: ['cardCreated', 'swimlaneCreated'] });
		const deep = makeWorkflow(b.boardId, { events: ['commentAdded', 'checklistItemChecked', 'cardMoved'] });
		for (const workflow of [cards, withSwimlanes, deep]) await poll(workflow);

		const idle = await measured(cards);
		expect(idle).toEqual({ items: null, requests: ['GET /b/lists'] });
		expect((await measured(withSwimlanes)).requests).toEqual(['GET /b/lists', 'GET /b/swimlanes']);
		// Comments and checklist items change no date Wekan reports, so those events read the export every time.
		expect((await measured(deep)).requests).toEqual(['GET /b/export']);

		const moved = db().cards.find({ listId: b.listIds[0] }, { sort: { sort: 1 } })[0];
		ui().moveCard(f.adminId, moved._id, { listId: b.listIds[5] });
		const changed = await measured(cards);
		expect(changed.requests).toEqual(['GET /b/lists', 'GET /b/export']);
		expect(changed.items).toEqual([expect.objectContaining({ event: 'cardMoved', cardId: moved._id })]);
		expect((await measured(cards)).requests).toEqual(['GET /b/lists']);
	});

	it('misses and repeats nothing while cards churn, also during a poll', async () => {
		const b = board(4);
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS, simplify: false });
		checkChurn(b.boardId, await churnAndPoll(b, workflow, { rounds: 25, latencyOn: /\/export$/ }));
	});

	it('reads a list in full only when it changed, and large changes through the list of cards, then in full later', async () => {
		// More cards than one poll reads in full: 8 lists of 200.
		const b = board(8, 'Big Board');
		const ids = seedCards(b, 200);
		expect(ids.length).toBeGreaterThan(READ_BUDGET_CARDS);
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		const baseline = await measured(workflow);
		expect(baseline.requests).toEqual(['GET /b/lists', 'GET /b/export']);
		expect((await measured(workflow)).requests).toEqual(['GET /b/lists']);

		// One list changed: that list's export, not the board's.
		ui().editCardTitle(f.adminId, ids[3], 'Renamed');
		const one = await measured(workflow);
		expect(one.items).toEqual([expect.objectContaining({ event: 'cardUpdated', cardId: ids[3], changes: ['title'] })]);
		expect(one.requests).toEqual(['GET /b/lists', 'GET /b/export']);

		// Every list changed: their lists of cards, then each changed card on its own.
		const touched = b.listIds.map((_l, i) => ids[i * 200 + 7]);
		for (const id of touched) ui().editCardTitle(f.adminId, id, `${card(id).title} (edited)`);
		const labelled = ids[200 + 9];
		ui().addLabel(f.adminId, labelled, 'lblHidden');
		const wide = await measured(workflow);
		expect(wide.items!.map((i) => i.cardId).sort()).toEqual([...touched].sort());
		expect(wide.requests.filter((r) => /\/lists\/[^/]+\/cards$/.test(r))).toHaveLength(8);
		expect(wide.requests.filter((r) => r.startsWith('GET /api/cards/'))).toHaveLength(8);
		// The label shows in no list of cards: a later poll reads that list in full and reports it, once.
		const later: IDataObject[] = [];
		for (let i = 0; i < 8; i++) later.push(...((await poll(workflow)) ?? []));
		expect(later).toEqual([expect.objectContaining({ event: 'cardUpdated', cardId: labelled, changes: ['labelIds'] })]);
		expect((await measured(workflow)).requests).toEqual(['GET /b/lists']);
	});

	it('misses and repeats nothing under churn on a board too large to read in full each poll', async () => {
		const b = board(8, 'Churn Board');
		seedCards(b, 200);
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS, simplify: false });
		const run = await churnAndPoll(b, workflow, { rounds: 20, perRound: 24, labels: true, latencyOn: /\/cards$|\/export$/ });
		expect(run.labelled.size).toBeGreaterThan(5);
		checkChurn(b.boardId, run);
		}, 120_000);

	it('measures a board of 50 lists x 200 cards with 100,000 activities: 1 request idle, under 2 MB for 1% changed', async () => {
		const b = board(50, 'Huge Board');
		const ids = seedCards(b, 200);
		const activity = { userId: f.adminId, activityType: 'moveCard', boardId: b.boardId, swimlaneId: b.swimlaneId, oldSwimlaneId: b.swimlaneId };
		const missing = 100_000 - db().activities.count({ boardId: b.boardId });
		for (let i = 0; i < missing; i++) {
			db().activities.raw.insert({ ...activity, cardId: ids[i % ids.length], listId: b.listIds[i % 50], oldListId: b.listIds[(i + 1) % 50], createdAt: new Date() });
		}
		const proxy = await startCountingProxy(f.server.url);
		f.engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD }, 'cred-proxy');
		try {
			const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS }, {}, 2, 'cred-proxy');
			const cost = async () => {
				const start = proxy.seen.length;
				const items = (await poll(workflow)) ?? [];
				const seen = proxy.seen.slice(start).filter((r) => r.path !== '/users/login');
				const byRoute: Record<string, [number, number]> = {};
				for (const r of seen) {
					const route = r.path.replace(/^\/api\/boards\/[^/]+/, '/b').replace(/\/(lists|cards)\/[^/]+/g, '/$1/:id');
					const [n, bytes] = byRoute[route] ?? [0, 0];
					byRoute[route] = [n + 1, bytes + r.bytes];
				}
				return { items, requests: seen.length, bytes: seen.reduce((sum, r) => sum + r.bytes, 0), byRoute };
			};
			const baseline = await cost();
			const idle = await cost();
			expect(idle).toMatchObject({ items: [], requests: 1 });
			// 1% of the cards, two in every list, edited in the web UI.
			const changed = ids.filter((_id, i) => i % 100 === 7);
			expect(changed).toHaveLength(100);
			for (const id of changed) ui().editCardTitle(f.adminId, id, `${card(id).title} v2`);
			const onePercent = await cost();
			expect(onePercent.items.map((i) => i.cardId).sort()).toEqual([...changed].sort());
			expect(onePercent.items.every((i) => i.event === 'cardUpdated')).toBe(true);
			expect(onePercent.bytes).toBeLessThan(2 * 1024 * 1024);
			// The full reads the list of cards owes, then idle again.
			const catchUp: Array<{ requests: number; bytes: number }> = [];
			for (let i = 0; i < 20; i++) {
				const next = await cost();
				expect(next.items).toEqual([]);
				catchUp.push(next);
				if (next.requests === 1) break;
			}
			expect(catchUp[catchUp.length - 1].requests).toBe(1);
			expect(Math.max(...catchUp.map((c) => c.bytes))).toBeLessThan(2 * 1024 * 1024);
			// A change to one list is that list's export.
			ui().addLabel(f.adminId, ids[4321], 'lblOne');
			const oneList = await cost();
			expect(oneList.items).toEqual([expect.objectContaining({ event: 'cardUpdated', cardId: ids[4321], changes: ['labelIds'] })]);
			const kb = (n: number) => `${Math.round(n / 1024)} KB`;
			process.stdout.write(
				`polling cost, 50 lists x 200 cards, 100,000 activities: baseline ${baseline.requests} requests ${kb(baseline.bytes)}; ` +
					`idle ${idle.requests} request ${kb(idle.bytes)}; 1% changed ${onePercent.requests} requests ${kb(onePercent.bytes)} ` +
					`(${Object.entries(onePercent.byRoute).map(([route, [n, bytes]]) => `${n} x GET ${route} ${kb(bytes)}`).join(', ')}); ` +
					`then ${catchUp.length} polls paying the full reads, at most ${kb(Math.max(...catchUp.map((c) => c.bytes)))}; ` +
					`one list changed ${oneList.requests} requests ${kb(oneList.bytes)}; ` +
					`state ${kb(JSON.stringify(workflow.staticData).length)}\n`,
			);
		} finally {
			await proxy.close();
		}
	}, 120_000);

	describe('several boards', () => {
		it('polls each board with one request while it is idle, and names the board of each item', async () => {
			const one = board(2, 'First');
			const two = board(2, 'Second');
			const workflow = makeWorkflow(one.boardId, { boardScope: 'several', boardIds: [one.boardId, two.boardId], events: ['cardCreated'] });
			expect(await poll(workflow)).toBeNull();
			const boards = [one.boardId, two.boardId];
			expect((await measured(workflow, boards)).requests).toEqual(['GET /b1/lists', 'GET /b2/lists']);
			const a = one.card(one.listIds[0], 'On first');
			const c = two.card(two.listIds[1], 'On second');
			expect((await poll(workflow))!.map((i) => [i.boardId, i.cardId, i.url])).toEqual([
				[one.boardId, a._id, `${f.server.url}/b/${one.boardId}/first/${a._id}`],
				[two.boardId, c._id, `${f.server.url}/b/${two.boardId}/second/${c._id}`],
			]);
		});

		it('watches all of the user\'s boards: one joined later from the next poll on, one left no more', async () => {
			const user = wekan().createUser({ username: 'erin', email: 'erin@example.com', password: 'Us3r-Pa55word!', isAdmin: false });
			f.engine.setCredential({ url: f.server.url, authentication: 'password', login: 'erin', password: 'Us3r-Pa55word!' }, 'cred-erin');
			const first = board(1, 'Erin One', user._id);
			const commentOnly = board(1, 'Erin Comments');
			wekan().addBoardMember(commentOnly.boardId, user._id, { isCommentOnly: true });
			const workflow = makeWorkflow(first.boardId, { boardScope: 'all', events: ['cardCreated'] }, {}, 2, 'cred-erin');
			expect(await poll(workflow)).toBeNull();
			const state = () => (workflow.staticData['node:Wekan Polling Trigger'] as IDataObject).boards as IDataObject;
			// Wekan's read API refuses a comment-only member the lists: that board is left out, not an error.
			expect(Object.keys(state())).toEqual([first.boardId]);
			// The board list, then one request per board, the refused one too: nothing says a role before asking.
			const idle = await measured(workflow, [first.boardId, commentOnly.boardId]);
			expect(idle.requests.sort()).toEqual([`GET /api/users/${user._id}/boards`, 'GET /b1/lists', 'GET /b2/lists'].sort());

			const joined = board(1, 'Erin Two');
			wekan().addBoardMember(joined.boardId, user._id, {});
			// Its first poll records it (no card was made on it since the previous poll); what happens after is reported.
			expect(await poll(workflow)).toBeNull();
			const made = joined.card(joined.listIds[0], 'On the joined board', user._id);
			expect((await poll(workflow))!.map((i) => [i.boardId, i.cardId])).toEqual([[joined.boardId, made._id]]);

			db().boards.raw.update({ _id: first.boardId, 'members.userId': user._id }, { $set: { 'members.$.isActive': false } });
			await poll(workflow);
			expect(Object.keys(state()).sort()).toEqual([joined.boardId].sort());
		});
	});

	describe('a board found after the trigger\'s first poll', () => {
		const MINUTE = 60_000;
		let users = 0;
		/** A user of its own with a board of their own, watched through "All My Boards". */
		const watcher = () => {
			const username = `finn${++users}`;
			const user = wekan().createUser({ username, email: `${username}@example.com`, password: 'Us3r-Pa55word!', isAdmin: false });
			f.engine.setCredential({ url: f.server.url, authentication: 'password', login: username, password: 'Us3r-Pa55word!' }, `cred-${username}`);
			const own = board(1, 'Finn One', user._id);
			const events = [...CARD_EVENTS, 'cardRestored', 'cardOverdue', 'listCreated'];
			const workflow = makeWorkflow(own.boardId, { boardScope: 'all', events }, {}, 2, `cred-${username}`);
			return { user, own, workflow };
		};
		/** A card Wekan made `ago` ms before now (its dates set as the database would hold them). */
		const madeAgo = (b: ReturnType<typeof board>, title: string, ago: number) => {
			const c = b.card(b.listIds[0], title);
			const at = new Date(Date.now() - ago);
			db().cards.raw.update({ _id: c._id }, { $set: { createdAt: at, modifiedAt: at, dateLastActivity: at } });
			return c;
		};

		it('reports the cards made on it since the previous poll as created, once, and nothing else of it', async () => {
			const { user, own, workflow } = watcher();
			const joined = board(2, 'Finn Two');
			// Already on the board a while before the previous poll: edited since, due, but not new.
			const older = madeAgo(joined, 'Made before the previous poll', 10_000);
			// The trigger's own first poll is a baseline, even of a card made just now.
			own.card(own.listIds[0], 'Made just before the first poll', user._id);
			expect(await poll(workflow)).toBeNull();

			ui().editCardTitle(f.adminId, older._id, 'Made before the previous poll, renamed');
			db().cards.raw.update({ _id: older._id }, { $set: { dueAt: new Date(Date.now() - MINUTE) } });
			wekan().addBoardMember(joined.boardId, user._id, {});
			const newer = joined.card(joined.listIds[1], 'Made after the previous poll');
			const gone = joined.card(joined.listIds[1], 'Made and archived after the previous poll');
			ui().archiveCard(f.adminId, gone._id);
			wekan().createList(joined.boardId, 'L new', joined.swimlaneId, 5);

			const boards = [own.boardId, joined.boardId];
			const found = await measured(workflow, boards);
			expect(found.items!.map((i) => [i.event, i.boardId, i.cardId])).toEqual([['cardCreated', joined.boardId, newer._id]]);
			expect(found.items![0]).toMatchObject({
				listId: joined.listIds[1],
				url: `${f.server.url}/b/${joined.boardId}/finn-two/${newer._id}`,
				card: expect.objectContaining({ title: 'Made after the previous poll' }),
			});
			// The unchanged board still costs one request; the new one is read as any board's first poll reads it.
			expect(found.requests.sort()).toEqual([`GET /api/users/${user._id}/boards`, 'GET /b1/lists', 'GET /b2/lists', 'GET /b2/export'].sort());
			// Each once; then the board is watched as any other.
			const idle = await measured(workflow, boards);
			expect(idle.items).toBeNull();
			expect(idle.requests.sort()).toEqual([`GET /api/users/${user._id}/boards`, 'GET /b1/lists', 'GET /b2/lists'].sort());
			ui().moveCard(f.adminId, older._id, { listId: joined.listIds[1] });
			expect((await poll(workflow))!.map((i) => [i.event, i.cardId])).toEqual([['cardMoved', older._id]]);
		});

		it.each([
			['ahead of', 10 * MINUTE],
			['behind', -10 * MINUTE],
		])('compares with Wekan\'s clock, also when n8n\'s is ten minutes %s it', async (_way, skew) => {
			const { user, workflow } = watcher();
			const joined = board(1, 'Finn Skewed');
			madeAgo(joined, 'Made before the previous poll', 10_000);
			const realNow = Date.now.bind(Date);
			const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skew);
			try {
				expect(await poll(workflow)).toBeNull();
				wekan().addBoardMember(joined.boardId, user._id, {});
				const newer = joined.card(joined.listIds[0], 'Made after the previous poll');
				expect((await poll(workflow))!.map((i) => i.cardId)).toEqual([newer._id]);
			} finally {
				clock.mockRestore();
			}
		});

		it('starts a new baseline, reporting nothing, when the events change', async () => {
			const { user, own, workflow } = watcher();
			await poll(workflow);
			const joined = board(1, 'Finn Three');
			wekan().addBoardMember(joined.boardId, user._id, {});
			joined.card(joined.listIds[0], 'Made after the previous poll');
			const changed = makeWorkflow(own.boardId, { boardScope: 'all', events: ['cardCreated'] }, workflow.staticData, 2, `cred-finn${users}`);
			expect(await poll(changed)).toBeNull();
		});
	});

	describe('when Wekan refuses', () => {
		it('says that exports are switched off and what to do', async () => {
			const b = board(1);
			const workflow = makeWorkflow(b.boardId, { events: ['cardCreated'] });
			db().settings.raw.update({}, { $set: { disableAllExport: true } });
			try {
				await expect(poll(workflow)).rejects.toMatchObject({
					message: expect.stringMatching(/did not export board .*Export failed/),
					description: expect.stringMatching(/Disable all export/),
				});
			} finally {
				db().settings.raw.update({}, { $set: { disableAllExport: false } });
			}
			expect(await poll(workflow)).toBeNull();
		});

		it('says that a site admin who is not a member of the board cannot export it', async () => {
			const owner = wekan().createUser({ username: 'frank', email: 'frank@example.com', password: 'Us3r-Pa55word!', isAdmin: false });
			const b = board(1, 'Frank Only', owner._id);
			const workflow = makeWorkflow(b.boardId, { events: ['cardCreated'] });
			await expect(poll(workflow)).rejects.toMatchObject({
				message: expect.stringMatching(/refused to export board/),
				description: expect.stringMatching(/site admin is not enough/),
			});
		});

		it('refuses an unknown event before any request', async () => {
			const b = board(1);
			const start = wekan().log.length;
			await expect(poll(makeWorkflow(b.boardId, { events: ['act-createCard'] }))).rejects.toThrow('Unknown event: act-createCard');
			expect(wekan().log.length).toBe(start);
		});
	});

	describe('workflows saved with version 1', () => {
		it('keep their event names and list filter', async () => {
			const b = board(2);
			const c = b.card(b.listIds[0], 'Old workflow');
			const checklist = ui().addChecklist(f.adminId, c._id, 'Steps');
			const item = ui().addChecklistItem(f.adminId, checklist._id, 'Step');
			const workflow = makeWorkflow(b.boardId, { events: ['checklistItemCompleted', 'cardCreated'], listIds: [b.listIds[1]] }, {}, 1);
			expect(await poll(workflow)).toBeNull();
			ui().checkItem(f.adminId, item._id);
			b.card(b.listIds[0], 'Not in the list');
			const other = b.card(b.listIds[1], 'In the list');
			expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardCreated', cardId: other._id })]);
			ui().moveCard(f.adminId, c._id, { listId: b.listIds[1] });
			await new Promise((resolve) => setTimeout(resolve, 5));
			ui().uncheckItem(f.adminId, item._id);
			ui().checkItem(f.adminId, item._id);
			expect((await poll(workflow))!.map((i) => i.event)).toEqual(['checklistItemCompleted']);
		});

		it('carry their stored state over, so the upgrade starts no new baseline', async () => {
			const b = board(2);
			const existing = b.card(b.listIds[0], 'Known before');
			const old = {
				config: JSON.stringify([b.boardId, ['cardCreated', 'cardMoved'], []]),
				slug: 'poll-board',
				lists: { [b.listIds[0]]: card(existing._id).modifiedAt.toISOString(), [b.listIds[1]]: '' },
				knownLists: b.listIds,
				cards: {},
				archived: [],
				seenUntil: Date.now(),
			};
			// The entry version 1 stored for the card: the same tuple as now.
			const fresh = makeWorkflow(b.boardId, { events: ['cardCreated', 'cardMoved'] }, {}, 1);
			await poll(fresh);
			const entry = (((fresh.staticData['node:Wekan Polling Trigger'] as IDataObject).boards as IDataObject)[b.boardId] as IDataObject).cards as IDataObject;
			const workflow = makeWorkflow(b.boardId, { events: ['cardCreated', 'cardMoved'] }, { 'node:Wekan Polling Trigger': { ...old, cards: entry } }, 1);
			ui().moveCard(f.adminId, existing._id, { listId: b.listIds[1] });
			const added = b.card(b.listIds[0], 'Added after the upgrade');
			expect((await poll(workflow))!.map((i) => [i.event, i.cardId])).toEqual([
				['cardMoved', existing._id],
				['cardCreated', added._id],
			]);
		});
	});

	it('continues after a restart from the stored state alone', async () => {
		const b = board(2);
		const first = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		await poll(first);
		const c = b.card(b.listIds[0], 'Before restart');
		expect(await poll(first)).toHaveLength(1);
		// n8n stores static data as JSON and builds a new Workflow object when it starts again.
		const stored = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		expect(JSON.stringify(stored).length).toBeLessThan(2000);
		const second = makeWorkflow(b.boardId, { events: CARD_EVENTS }, stored);
		expect(await poll(second)).toBeNull();
		ui().moveCard(f.adminId, c._id, { listId: b.listIds[1] });
		expect(await poll(second)).toEqual([expect.objectContaining({ event: 'cardMoved', cardId: c._id })]);
		// Changing the events starts a new baseline instead of reporting the whole board.
		const changed = makeWorkflow(b.boardId, { events: ['cardCreated'] }, second.staticData);
		expect(await poll(changed)).toBeNull();
	});

	it('returns the latest matching item in a manual test and leaves the state alone', async () => {
		const b = board(2);
		b.card(b.listIds[0], 'Older');
		const newest = b.card(b.listIds[1], 'Newest');
		const workflow = makeWorkflow(b.boardId, { events: ['cardCreated'] });
		const items = await poll(workflow, 'manual');
		expect(items).toEqual([expect.objectContaining({ event: 'cardCreated', cardId: newest._id })]);
		expect(workflow.staticData['node:Wekan Polling Trigger']).toBeUndefined();
		const scoped = makeWorkflow(b.boardId, { events: ['cardCreated'], filters: { listIds: [b.listIds[0]] } });
		expect((await poll(scoped, 'manual'))![0].card).toMatchObject({ title: 'Older' });
	});

	it('names its events and their labels as the webhook trigger does where the event is the same', () => {
		const webhook = new WekanTrigger().description.properties.find((p) => p.name === 'events' && p.displayOptions?.show?.['@version']?.[0] === 2)!;
		const polling = trigger.description.properties.find((p) => p.name === 'events' && p.displayOptions?.show?.['@version']?.[0] === 2)!;
		const webhookNames = new Map((webhook.options as Array<{ name: string; value: string }>).map((o) => [o.value, o.name]));
		const shared = (polling.options as Array<{ name: string; value: string }>).filter((o) => webhookNames.has(o.value));
		expect(shared.map((o) => o.value).sort()).toEqual(
			['cardArchived', 'cardCreated', 'cardMoved', 'cardRestored', 'checklistItemChecked', 'commentAdded', 'listCreated', 'swimlaneCreated'].sort(),
		);
		for (const o of shared) expect(o.name).toBe(webhookNames.get(o.value));
		// Both keep their list and swimlane filter in the same place, with the same dropdowns.
		const filters = (properties: Array<{ name: string; displayOptions?: IDataObject; options?: unknown }>) =>
			(properties.find((p) => p.name === 'filters')?.options as Array<{ name: string; typeOptions?: IDataObject }>).map((o) => [o.name, o.typeOptions]);
		expect(filters(trigger.description.properties as never)).toEqual(filters(new WekanTrigger().description.properties as never));
	});

	// ---- churn ---------------------------------------------------------------------------------------------------

	/**
	 * Rounds of random UI changes (create, move, archive, and with `labels` label changes and title edits), some
	 * landing while the poll runs, then polls until the trigger has read everything it owes.
	 */
	async function churnAndPoll(
		b: ReturnType<typeof board>,
		workflow: Workflow,
		options: { rounds: number; perRound?: number; labels?: boolean; latencyOn: RegExp },
	) {
		const live = db()
			.cards.find({ boardId: b.boardId, archived: false })
			.map((c) => c._id)
			.slice(0, 50);
		/** Label changes and title edits per card, and the cards that got a label. */
		const changes = new Map<string, number>();
		const labelled = new Set<string>();
		let seed = 7;
		const random = (n: number) => {
			seed = (seed * 48271) % 2147483647;
			return Math.floor((seed / 2147483647) * n);
		};
		const kinds = options.labels ? 6 : 4;
		const churn = (steps: number, round: number) => {
			for (let i = 0; i < steps; i++) {
				const op = live.length < 3 ? 0 : random(kinds);
				const id = live[random(live.length)];
				if (op === 0) live.push(b.card(b.listIds[random(b.listIds.length)], `churn ${round}.${i}`)._id);
				else if (op === 1 || op === 2) {
					const others = b.listIds.filter((l) => l !== card(id).listId);
					ui().moveCard(f.adminId, id, { listId: others[random(others.length)] });
				} else if (op === 3) {
					ui().archiveCard(f.adminId, live.splice(live.indexOf(id), 1)[0]);
				} else {
					if (op === 4) {
						ui().addLabel(f.adminId, id, `lbl${round}x${i}`);
						labelled.add(id);
					} else {
						ui().editCardTitle(f.adminId, id, `${card(id).title}+`);
					}
					changes.set(id, (changes.get(id) ?? 0) + 1);
				}
			}
		};
		await poll(workflow);
		const startedAt = Date.now();
		const emitted: IDataObject[] = [];
		// Slow reads, so changes land between reading the lists and reading the cards.
		wekan().faults.set({ latencyMs: 30, match: (_m, path) => options.latencyOn.test(path) });
		const steps = options.perRound ?? 5;
		for (let round = 0; round < options.rounds; round++) {
			churn(Math.ceil(steps * 0.6), round);
			const running = poll(workflow);
			await new Promise((resolve) => setTimeout(resolve, 10));
			churn(Math.floor(steps * 0.4), round);
			emitted.push(...((await running) ?? []));
		}
		wekan().faults.clear();
		// Then until the trigger has read everything it owes: a poll of one request.
		for (let i = 0; i < 40; i++) {
			const start = wekan().log.length;
			emitted.push(...((await poll(workflow)) ?? []));
			if (wekan().log.filter((r, n) => n >= start && r.path !== '/users/login').length === 1) break;
		}
		expect(await poll(workflow)).toBeNull();
		return { emitted, live, changes, labelled, startedAt };
	}

	/** Each card created and archived reported once; moves chain; where each live card is matches Wekan. */
	function checkChurn(boardId: string, run: { emitted: IDataObject[]; live: string[]; changes: Map<string, number>; labelled: Set<string>; startedAt: number }) {
		const { emitted, live } = run;
		const activities = db()
			.activities.find({ boardId })
			.filter((a) => (a.createdAt?.getTime() ?? 0) >= run.startedAt && a.userId);
		const created = activities.filter((a) => a.activityType === 'createCard').map((a) => a.cardId);
		const archived = activities.filter((a) => a.activityType === 'archivedCard').map((a) => a.cardId);
		const byEvent = (event: string) => emitted.filter((e) => e.event === event).map((e) => e.cardId);
		expect(byEvent('cardCreated').sort()).toEqual([...created].sort());
		expect(byEvent('cardArchived').sort()).toEqual([...archived].sort());
		// Moves chain: each reported move starts where the card was last seen, and the last one is where it is.
		const position = new Map<string, string>();
		for (const event of emitted) {
			const id = String(event.cardId);
			if (event.event === 'cardMoved') {
				if (position.has(id)) expect(event.oldListId).toBe(position.get(id));
				expect(event.listId).not.toBe(event.oldListId);
			}
			position.set(id, String(event.listId));
		}
		for (const id of live) if (position.has(id)) expect(position.get(id)).toBe(card(id).listId);
		// Every change of a card is reported, never more often than it happened: the card the last event of a live
		// card carries is the card as Wekan has it now. A label shows in no list of cards, so for those this is what
		// the full reads a poll owes find.
		for (const [id, times] of run.changes) {
			const events = emitted.filter((e) => e.cardId === id);
			expect(events.filter((e) => e.event === 'cardUpdated').length).toBeLessThanOrEqual(times);
			if (!live.includes(id)) continue;
			const now = card(id);
			expect(events.length).toBeGreaterThan(0);
			expect(events[events.length - 1].card).toMatchObject({ title: now.title, labelIds: now.labelIds, listId: now.listId });
		}
		const moves = activities.filter((a) => a.activityType === 'moveCard').length;
		process.stdout.write(
			`churn: ${created.length} created / ${byEvent('cardCreated').length} reported, ${archived.length} archived / ` +
				`${byEvent('cardArchived').length} reported, ${moves} move activities / ${byEvent('cardMoved').length} moves reported, ` +
				`${byEvent('cardUpdated').length} updates reported (changes of one card between two polls are one change)\n`,
		);
	}
});

/** A pass-through proxy that counts the bytes of each answer. */
async function startCountingProxy(target: string) {
	const upstream = new URL(target);
	const seen: Array<{ path: string; bytes: number }> = [];
	const server = http.createServer((req, res) => {
		const forward = http.request(
			{ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
			(answer) => {
				const entry = { path: new URL(req.url ?? '/', 'http://x').pathname, bytes: 0 };
				seen.push(entry);
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.on('data', (chunk: Buffer) => {
					entry.bytes += chunk.length;
				});
				answer.pipe(res);
			},
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		seen,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
