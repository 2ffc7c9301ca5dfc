/**
 * The polling trigger through n8n-core's poll context against the Wekan-compatible server: baseline, every
 * event type, request counts, churn while polling, restarts and manual runs.
 */
import type { IDataObject, Workflow } from 'n8n-workflow';
import { WekanPollingTrigger } from '../../nodes/WekanPollingTrigger/WekanPollingTrigger.node';
import { PACKAGE, rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';

const TYPE = `${PACKAGE}.wekanPollingTrigger`;
const NODE = 'Wekan Polling Trigger';
const trigger = new WekanPollingTrigger();
const CARD_EVENTS = ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived'];

describe('Wekan Polling Trigger', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
		f.engine.addNodeType(TYPE, trigger);
	});
	afterAll(() => f.close());

	const wekan = () => f.server.wekan;
	const ui = () => f.server.wekan.ui;

	/** A fresh board with the admin as member and `lists` lists, so tests do not see each other's changes. */
	const board = (lists = 3) => {
		const b = wekan().createBoard({ title: 'Poll Board', ownerId: f.adminId });
		const swimlaneId = wekan().defaultSwimlaneId(b._id)!;
		const listIds = Array.from({ length: lists }, (_, i) => wekan().createList(b._id, `L${i}`, swimlaneId, i)._id);
		const card = (listId: string, title: string) => ui().createCard(f.adminId, { boardId: b._id, listId, swimlaneId, title });
		return { boardId: b._id, swimlaneId, listIds, card };
	};

	const makeWorkflow = (boardId: string, parameters: IDataObject, staticData: IDataObject = {}) =>
		f.engine.workflow(
			{ nodes: [{ name: NODE, type: TYPE, parameters: { boardId: rl(boardId), ...parameters } as never }], connections: {} },
			staticData,
		);

	const poll = async (workflow: Workflow, mode: 'trigger' | 'manual' = 'trigger') => {
		const result = await trigger.poll.call(f.engine.pollContext(workflow, NODE, mode));
		return result ? result[0].map((i) => i.json) : null;
	};

	/** The requests one poll makes, login aside. */
	const measured = async (workflow: Workflow) => {
		const start = wekan().log.length;
		const items = await poll(workflow);
		const requests = wekan()
			.log.slice(start)
			.filter((r) => r.path !== '/users/login')
			.map((r) => `${r.method} ${r.path.replace(/^\/api\/boards\/[^/]+/, '/b')}`);
		return { items, requests };
	};

	it('records a baseline first, then reports new, moved, updated and archived cards once each', async () => {
		const b = board();
		const existing = b.card(b.listIds[0], 'Existing');
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS });
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
		expect(await poll(workflow)).toEqual([
			expect.objectContaining({ event: 'cardUpdated', cardId: fresh._id, changes: ['title', 'labelIds'] }),
		]);

		ui().archiveCard(f.adminId, fresh._id);
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardArchived', cardId: fresh._id })]);
		expect(await poll(workflow)).toBeNull();
		// Restoring is not a new card.
		ui().restoreCard(f.adminId, fresh._id);
		expect(await poll(workflow)).toBeNull();
	});

	it('sees changes made through the REST API too (which send no webhooks)', async () => {
		const b = board();
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		await poll(workflow);
		const card = b.card(b.listIds[0], 'Via UI');
		await poll(workflow);
		const token = wekan().issueToken(f.adminId).token;
		const response = await fetch(`${f.server.url}/api/boards/${b.boardId}/lists/${b.listIds[0]}/cards/${card._id}`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
			body: JSON.stringify({ listId: b.listIds[1] }),
		});
		expect(response.status).toBe(200);
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardMoved', oldListId: b.listIds[0], listId: b.listIds[1] })]);
	});

	it('reports new comments and completed checklist items', async () => {
		const b = board();
		const card = b.card(b.listIds[0], 'With checklist');
		ui().addComment(f.adminId, card._id, 'old comment');
		const checklist = ui().addChecklist(f.adminId, card._id, 'Steps');
		const one = ui().addChecklistItem(f.adminId, checklist._id, 'One');
		const two = ui().addChecklistItem(f.adminId, checklist._id, 'Two');
		ui().checkItem(f.adminId, one._id);
		const workflow = makeWorkflow(b.boardId, { events: ['commentAdded', 'checklistItemCompleted'], simplify: false });
		expect(await poll(workflow)).toBeNull();

		const comment = ui().addComment(f.adminId, card._id, 'new comment');
		ui().checkItem(f.adminId, two._id);
		const items = await poll(workflow);
		expect(items).toEqual([
			expect.objectContaining({ event: 'commentAdded', cardId: card._id, commentId: comment._id, comment: expect.objectContaining({ text: 'new comment' }) }),
			expect.objectContaining({ event: 'checklistItemCompleted', cardId: card._id, checklistItem: expect.objectContaining({ _id: two._id, title: 'Two' }), checklist: expect.objectContaining({ title: 'Steps' }) }),
		]);
		expect(await poll(workflow)).toBeNull();
		// Unchecking is not reported; checking it again is.
		ui().uncheckItem(f.adminId, two._id);
		expect(await poll(workflow)).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 5));
		ui().checkItem(f.adminId, two._id);
		expect((await poll(workflow))!.map((i) => i.event)).toEqual(['checklistItemCompleted']);
	});

	it('reports due soon within the lead time and overdue once the date passes, without extra requests while idle', async () => {
		const b = board(2);
		const early = b.card(b.listIds[0], 'Already due soon');
		ui().setCardDate(f.adminId, early._id, 'dueAt', new Date(Date.now() + 3_600_000));
		const late = b.card(b.listIds[0], 'Due next week');
		ui().setCardDate(f.adminId, late._id, 'dueAt', new Date(Date.now() + 7 * 24 * 3_600_000));
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
		// A done card is not overdue.
		ui().setCardDate(f.adminId, early._id, 'dueAt', new Date(Date.now() - 1000));
		wekan().store.cards.get(early._id)!.dueComplete = true;
		expect(await poll(workflow)).toBeNull();
	});

	it('keeps a due date notice for the next poll when reading the card fails', async () => {
		const b = board(1);
		const card = b.card(b.listIds[0], 'Due shortly');
		const workflow = makeWorkflow(b.boardId, { events: ['cardOverdue'] });
		expect(await poll(workflow)).toBeNull();
		ui().setCardDate(f.adminId, card._id, 'dueAt', new Date(Date.now() + 300));
		expect(await poll(workflow)).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 400));
		// The board is idle, so the card is read on its own, and that read fails: the poll fails as a whole.
		wekan().faults.failNext('errorBody', { match: (_m, path) => path === `/api/cards/${card._id}` });
		await expect(poll(workflow)).rejects.toThrow();
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardOverdue', cardId: card._id })]);
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
		it('reduces card events to the most used fields, with names from the board the poll read', async () => {
			const b = board(2);
			wekan().store.boards.get(b.boardId)!.labels.push({ _id: 'lblBug', name: 'Bug', color: 'red' });
			const workflow = makeWorkflow(b.boardId, { events: ['cardCreated', 'cardMoved'] });
			expect(await poll(workflow)).toBeNull();
			const card = b.card(b.listIds[0], 'Simple');
			ui().addLabel(f.adminId, card._id, 'lblBug');
			const { items: created, requests } = await measured(workflow);
			// Names come with the export that found the card: no request more than without Simplify.
			expect(requests).toEqual(['GET /b/lists', 'GET /b/export']);
			const url = `${f.server.url}/b/${b.boardId}/poll-board/${card._id}`;
			expect(created).toEqual([
				{
					event: 'cardCreated',
					boardId: b.boardId,
					cardId: card._id,
					listId: b.listIds[0],
					swimlaneId: b.swimlaneId,
					url,
					listTitle: 'L0',
					swimlaneTitle: 'Default',
					card: expect.objectContaining({ _id: card._id, title: 'Simple', url, listTitle: 'L0', swimlaneTitle: 'Default', labels: ['Bug'], archived: false }),
				},
			]);
			expect(created![0].card).not.toHaveProperty('description');
			expect(created![0].card).not.toHaveProperty('labelIds');

			ui().moveCard(f.adminId, card._id, { listId: b.listIds[1] });
			expect(await poll(workflow)).toEqual([
				expect.objectContaining({ event: 'cardMoved', listId: b.listIds[1], listTitle: 'L1', oldListId: b.listIds[0], oldListTitle: 'L0' }),
			]);

			const raw = makeWorkflow(b.boardId, { events: ['cardCreated'], simplify: false });
			expect(await poll(raw)).toBeNull();
			b.card(b.listIds[0], 'Raw');
			const [rawItem] = (await poll(raw))!;
			expect(rawItem).not.toHaveProperty('listTitle');
			expect(rawItem.card).toMatchObject({ title: 'Raw', labelIds: [], description: expect.any(String) });
		});

		it('turns comments, checklist items, lists and swimlanes into their text and titles', async () => {
			const b = board(1);
			const card = b.card(b.listIds[0], 'Talked about');
			const checklist = ui().addChecklist(f.adminId, card._id, 'Steps');
			const step = ui().addChecklistItem(f.adminId, checklist._id, 'Step one');
			const workflow = makeWorkflow(b.boardId, { events: ['commentAdded', 'checklistItemCompleted', 'listCreated', 'swimlaneCreated'] });
			expect(await poll(workflow)).toBeNull();
			const comment = ui().addComment(f.adminId, card._id, 'Ship it');
			ui().checkItem(f.adminId, step._id);
			const list = ui().createList(f.adminId, b.boardId, 'Review');
			const swimlane = ui().createSwimlane(f.adminId, b.boardId, 'Urgent');
			const items = (await poll(workflow))!;
			const byEvent = Object.fromEntries(items.map((i) => [i.event, i]));
			expect(byEvent.listCreated).toEqual({ event: 'listCreated', boardId: b.boardId, listId: list._id, listTitle: 'Review' });
			expect(byEvent.swimlaneCreated).toEqual({ event: 'swimlaneCreated', boardId: b.boardId, swimlaneId: swimlane._id, swimlaneTitle: 'Urgent' });
			expect(byEvent.commentAdded).toMatchObject({
				cardId: card._id,
				commentId: comment._id,
				comment: 'Ship it',
				commentAuthorId: f.adminId,
				listTitle: 'L0',
				card: expect.objectContaining({ title: 'Talked about' }),
			});
			expect(byEvent.checklistItemCompleted).toMatchObject({ checklistItemId: step._id, checklistItem: 'Step one', checklistId: checklist._id, checklist: 'Steps' });
		});

		it('reads the names an idle board\'s poll did not, once per poll, only when it reports something', async () => {
			const b = board(1);
			wekan().store.boards.get(b.boardId)!.labels.push({ _id: 'lblDue', name: 'Deadline', color: 'red' });
			const cards = [b.card(b.listIds[0], 'Due 1'), b.card(b.listIds[0], 'Due 2')];
			ui().addLabel(f.adminId, cards[0]._id, 'lblDue');
			const workflow = makeWorkflow(b.boardId, { events: ['cardOverdue'] });
			expect(await poll(workflow)).toBeNull();
			for (const card of cards) ui().setCardDate(f.adminId, card._id, 'dueAt', new Date(Date.now() + 300));
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

	it('limits card events to the chosen lists, counting a move for its old and its new list', async () => {
		const b = board(3);
		const [todo, doing, done] = b.listIds;
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS, listIds: [done] });
		await poll(workflow);
		const card = b.card(todo, 'Outside');
		expect(await poll(workflow)).toBeNull();
		ui().moveCard(f.adminId, card._id, { listId: doing });
		expect(await poll(workflow)).toBeNull();
		ui().moveCard(f.adminId, card._id, { listId: done });
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardMoved', oldListId: doing, listId: done })]);
		ui().moveCard(f.adminId, card._id, { listId: todo });
		expect(await poll(workflow)).toEqual([expect.objectContaining({ event: 'cardMoved', oldListId: done, listId: todo })]);
		ui().editCardTitle(f.adminId, card._id, 'Still outside');
		expect(await poll(workflow)).toBeNull();
	});

	it('costs one request per idle poll, however many lists the board has', async () => {
		const b = board(8);
		for (const listId of b.listIds) for (let i = 0; i < 5; i++) b.card(listId, `c${i}`);
		const cards = makeWorkflow(b.boardId, { events: [...CARD_EVENTS, 'cardDueSoon', 'cardOverdue', 'listCreated'] });
		const withSwimlanes = makeWorkflow(b.boardId, { events: ['cardCreated', 'swimlaneCreated'] });
		const deep = makeWorkflow(b.boardId, { events: ['commentAdded', 'checklistItemCompleted', 'cardMoved'] });
		for (const workflow of [cards, withSwimlanes, deep]) await poll(workflow);

		const idle = await measured(cards);
		expect(idle).toEqual({ items: null, requests: ['GET /b/lists'] });
		expect((await measured(withSwimlanes)).requests).toEqual(['GET /b/lists', 'GET /b/swimlanes']);
		// Comments and checklist items do not touch cardsModifiedAt, so those events read the export every time.
		expect((await measured(deep)).requests).toEqual(['GET /b/export']);

		const moved = wekan().cardsOfList(b.listIds[0])[0];
		ui().moveCard(f.adminId, moved._id, { listId: b.listIds[5] });
		const changed = await measured(cards);
		expect(changed.requests).toEqual(['GET /b/lists', 'GET /b/export']);
		expect(changed.items).toEqual([expect.objectContaining({ event: 'cardMoved', cardId: moved._id })]);
		process.stdout.write(
			`polling cost, board with ${b.listIds.length} lists: idle ${idle.requests.length} request(s) (card events), ` +
				`${(await measured(withSwimlanes)).requests.length} (with swimlanes), ${(await measured(deep)).requests.length} (comments/checklists); ` +
				`after a change ${changed.requests.length}\n`,
		);
	});

	it('misses and repeats nothing while cards churn, also during a poll', async () => {
		const b = board(4);
		const workflow = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		const live: string[] = [];
		let seed = 7;
		const random = (n: number) => {
			seed = (seed * 48271) % 2147483647;
			return Math.floor((seed / 2147483647) * n);
		};
		const churn = (steps: number) => {
			for (let i = 0; i < steps; i++) {
				const op = live.length < 3 ? 0 : random(4);
				if (op === 0) live.push(b.card(b.listIds[random(4)], `churn ${i}`)._id);
				else if (op === 1 || op === 2) {
					const id = live[random(live.length)];
					const card = wekan().store.cards.get(id)!;
					const others = b.listIds.filter((l) => l !== card.listId);
					ui().moveCard(f.adminId, id, { listId: others[random(others.length)] });
				} else {
					const id = live.splice(random(live.length), 1)[0];
					ui().archiveCard(f.adminId, id);
				}
			}
		};
		await poll(workflow);
		const start = wekan().store.activities.size;
		const emitted: IDataObject[] = [];
		// Slow exports, so changes land between reading the lists and reading the export.
		wekan().faults.set({ latencyMs: 30, match: (_m, path) => path.endsWith('/export') });
		for (let round = 0; round < 25; round++) {
			churn(3);
			const running = poll(workflow);
			await new Promise((resolve) => setTimeout(resolve, 10));
			churn(2);
			emitted.push(...((await running) ?? []));
		}
		wekan().faults.clear();
		emitted.push(...((await poll(workflow)) ?? []));
		expect(await poll(workflow)).toBeNull();

		const activities = wekan().store.activities.find((a) => a.boardId === b.boardId).slice(-(wekan().store.activities.size - start));
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
				expect(event.oldListId).toBe(position.get(id));
				expect(event.listId).not.toBe(event.oldListId);
			}
			position.set(id, String(event.listId));
		}
		for (const id of live) expect(position.get(id)).toBe(wekan().store.cards.get(id)!.listId);
		const moves = activities.filter((a) => a.activityType === 'moveCard').length;
		process.stdout.write(
			`churn: ${created.length} created / ${byEvent('cardCreated').length} reported, ${archived.length} archived / ` +
				`${byEvent('cardArchived').length} reported, ${moves} move activities / ${byEvent('cardMoved').length} moves reported ` +
				'(moves of one card between two polls are one change)\n',
		);
	});

	it('continues after a restart from the stored state alone', async () => {
		const b = board(2);
		const first = makeWorkflow(b.boardId, { events: CARD_EVENTS });
		await poll(first);
		const card = b.card(b.listIds[0], 'Before restart');
		expect(await poll(first)).toHaveLength(1);
		// n8n stores static data as JSON and builds a new Workflow object when it starts again.
		const stored = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		expect(JSON.stringify(stored).length).toBeLessThan(2000);
		const second = makeWorkflow(b.boardId, { events: CARD_EVENTS }, stored);
		expect(await poll(second)).toBeNull();
		ui().moveCard(f.adminId, card._id, { listId: b.listIds[1] });
		expect(await poll(second)).toEqual([expect.objectContaining({ event: 'cardMoved', cardId: card._id })]);
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
		const scoped = makeWorkflow(b.boardId, { events: ['cardCreated'], listIds: [b.listIds[0]] });
		expect((await poll(scoped, 'manual'))![0].card).toMatchObject({ title: 'Older' });
	});
});
