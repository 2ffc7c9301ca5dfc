import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getBoardLabels } from '../../nodes/shared/boardParts';
import { rl } from '../engine/harness';
import { ADMIN_PASSWORD, type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

const label = (operation: string, parameters = {}, credentialId?: string) => op('label', operation, parameters, credentialId);

describe('Label operations through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;

	const labelsOf = (boardId: string) => w().db.boards.findOne(boardId)!.labels;
	const labelIdsOf = (cardId: string) => w().db.cards.findOne(cardId)!.labelIds;

	/** A board with two labels and a list. */
	function labelledBoard(title: string) {
		const board = w().createBoard({ title, ownerId: f.adminId });
		w().db.boards.raw.update(board._id, {
			$set: {
				labels: [
					{ _id: 'lblRed', name: 'Urgent', color: 'red' },
					{ _id: 'lblBlu', name: 'Later', color: 'blue' },
				],
			},
		});
		const list = w().createList(board._id, 'L');
		const swimlaneId = w().defaultSwimlaneId(board._id)!;
		return { board, list, swimlaneId };
	}

	async function makeCards(boardId: string, listId: string, swimlaneId: string, titles: string[]): Promise<string[]> {
		const ids: string[] = [];
		for (const title of titles) {
			const result = await f.engine.run(op('card', 'create', { boardId: rl(boardId), listId: rl(listId), swimlaneId: rl(swimlaneId), title }));
			ids.push(String(result.json('Wekan')[0]._id));
		}
		return ids;
	}

	/**
	 * A proxy in front of the server that answers the label PUT as Wekan before 9.81 does for a label that exists
	 * already: an empty 200, writing nothing (server/models/boards.js before the fix of Wekan issue #5510).
	 */
	async function olderWekanLabels(): Promise<{ url: string; close: () => Promise<void> }> {
		const upstream = new URL(f.server.url);
		const server = http.createServer((req, res) => {
			if (req.method === 'PUT' && /^\/api\/boards\/[^/]+\/labels$/.test(req.url ?? '')) {
				req.resume();
				res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '0' });
				res.end();
				return;
			}
			const forward = http.request(
				{ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			req.pipe(forward);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return {
			url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			close: () =>
				new Promise<void>((resolve) => {
					server.closeAllConnections();
					server.close(() => resolve());
				}),
		};
	}

	describe('Create', () => {
		it('creates a label and returns it from the board', async () => {
			const b = w().createBoard({ title: 'Labels', ownerId: f.adminId });
			const result = await f.engine.run(label('create', { boardId: rl(b._id), name: 'Bug', color: 'crimson' }));
			expect(result.error).toBeUndefined();
			const [created] = result.json('Wekan');
			expect(created).toEqual({ _id: expect.stringMatching(/^[A-Za-z0-9]{6}$/), name: 'Bug', color: 'crimson', boardId: b._id });
			expect(labelsOf(b._id)).toEqual([{ _id: created._id, name: 'Bug', color: 'crimson' }]);
			const again = await f.engine.run(label('create', { boardId: rl(b._id), name: 'Bug', color: 'crimson' }));
			expect(again.json('Wekan')[0]._id).toBe(created._id);
			expect(labelsOf(b._id)).toHaveLength(1);
		});

		it('returns the existing label that Wekan before 9.81 answers with an empty 200', async () => {
			const b = w().createBoard({ title: 'Older Wekan Labels', ownerId: f.adminId });
			w().db.boards.raw.update(b._id, {
				$set: { labels: [{ _id: 'oldBug', name: 'Bug', color: 'red' }, { _id: 'oldTag', color: 'blue' }] },
			});
			const proxy = await olderWekanLabels();
			f.engine.setCredential({ url: proxy.url, authentication: 'password', login: 'admin', password: ADMIN_PASSWORD }, 'cred-older-wekan');
			try {
				const named = await f.engine.run(label('create', { boardId: rl(b._id), name: 'Bug', color: 'red' }, 'cred-older-wekan'));
				expect(named.error).toBeUndefined();
				expect(named.json('Wekan')).toEqual([{ _id: 'oldBug', name: 'Bug', color: 'red', boardId: b._id }]);
				const colorOnly = await f.engine.run(label('create', { boardId: rl(b._id), color: 'blue' }, 'cred-older-wekan'));
				expect(colorOnly.json('Wekan')).toEqual([{ _id: 'oldTag', color: 'blue', boardId: b._id }]);
				// Not there: the empty answer did not add it, and the node says so.
				const missing = await f.engine.run(label('create', { boardId: rl(b._id), name: 'Bug', color: 'green' }, 'cred-older-wekan'));
				expect(expectFailure(missing)).toContain('Wekan did not add the label "Bug" (green)');
			} finally {
				await proxy.close();
			}
		});

		it('does not make a second label of a name given with spaces around it', async () => {
			const b = w().createBoard({ title: 'Spaced Labels', ownerId: f.adminId });
			const first = await f.engine.run(label('create', { boardId: rl(b._id), name: 'Bug', color: 'red' }));
			// server/models/boards.js:1134-1141: Wekan compares the name as sent, before its schema trims it.
			const spaced = await f.engine.run(label('create', { boardId: rl(b._id), name: '  Bug ', color: 'red' }));
			expect(spaced.error).toBeUndefined();
			expect(spaced.json('Wekan')[0]).toMatchObject({ _id: first.json('Wekan')[0]._id, name: 'Bug' });
			expect(labelsOf(b._id)).toHaveLength(1);
		});

		it('creates a color-only label', async () => {
			const b = w().createBoard({ title: 'Color Labels', ownerId: f.adminId });
			const result = await f.engine.run(label('create', { boardId: rl(b._id), name: '', color: 'gold' }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ name: '', color: 'gold' });
		});

		it('refuses a normal member (labels need a board admin)', async () => {
			const b = w().createBoard({ title: 'Labels Denied', ownerId: f.adminId });
			const { credentialId } = normalUser(f, 'labeller', b._id);
			const result = await f.engine.run(label('create', { boardId: rl(b._id), name: 'Nope', color: 'red' }, credentialId));
			expect(expectFailure(result)).toContain('Only a board admin can create or edit labels');
			expect(labelsOf(b._id)).toBeUndefined();
		});

		it('rejects an unknown color before any request', async () => {
			const { result, requests } = await runCounting(f, label('create', { boardId: rl(f.boardId), name: 'X', color: '={{ "belize" }}' }));
			expect(expectFailure(result)).toContain('"belize" is not a Wekan label color');
			expect(requests).toBe(0);
		});
	});

	describe('Get Many', () => {
		it('lists the board\'s labels with a limit', async () => {
			const { board } = labelledBoard('Label List');
			const all = await f.engine.run(label('getAll', { boardId: rl(board._id), returnAll: true }));
			expect(all.error).toBeUndefined();
			expect(all.json('Wekan')).toEqual([
				{ _id: 'lblRed', name: 'Urgent', color: 'red', boardId: board._id },
				{ _id: 'lblBlu', name: 'Later', color: 'blue', boardId: board._id },
			]);
			const one = await f.engine.run(label('getAll', { boardId: rl(board._id), returnAll: false, limit: 1 }));
			expect(one.json('Wekan')).toHaveLength(1);
		});

		it('fails for an unknown board', async () => {
			const result = await f.engine.run(label('getAll', { boardId: rl('NoSuchBoardLbl'), returnAll: true }));
			expect(expectFailure(result)).toContain('No board with ID NoSuchBoardLbl');
		});
	});

	describe('Add to Cards and Remove from Cards', () => {
		it('adds labels to cards keeping their other labels, and reports unknown cards', async () => {
			const { board, list, swimlaneId } = labelledBoard('Bulk');
			const [a, b] = await makeCards(board._id, list._id, swimlaneId, ['a', 'b']);
			w().db.cards.raw.update(a, { $set: { labelIds: ['lblBlu'] } });
			const result = await f.engine.run(
				label('addToCards', { boardId: rl(board._id), labelIds: ['lblRed'], cardIds: `${a}, ${b}, NoSuchCard9` }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([
				{
					boardId: board._id,
					updated: [
						{ _id: a, labelIds: ['lblBlu', 'lblRed'] },
						{ _id: b, labelIds: ['lblRed'] },
					],
					notFound: ['NoSuchCard9'],
				},
			]);
			expect(labelIdsOf(a)).toEqual(['lblBlu', 'lblRed']);

			const removed = await f.engine.run(
				label('removeFromCards', { boardId: rl(board._id), labelIds: ['lblRed'], cardIds: '={{ ' + JSON.stringify([a, b]) + ' }}' }),
			);
			expect(removed.error).toBeUndefined();
			expect(removed.json('Wekan')[0].updated).toEqual([
				{ _id: a, labelIds: ['lblBlu'] },
				{ _id: b, labelIds: [] },
			]);
			expect(labelIdsOf(b)).toEqual([]);
		});

		it('reports archived cards as not found, as Wekan does', async () => {
			const { board, list, swimlaneId } = labelledBoard('Bulk Archived');
			const [a, b] = await makeCards(board._id, list._id, swimlaneId, ['a', 'b']);
			w().db.cards.raw.update(b, { $set: { archived: true } });
			const result = await f.engine.run(label('addToCards', { boardId: rl(board._id), labelIds: ['lblRed'], cardIds: `${a},${b}` }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ updated: [{ _id: a, labelIds: ['lblRed'] }], notFound: [b] });
			expect(labelIdsOf(b)).toEqual([]);
		});

		it('fails for a label that is not on the board, when adding or removing, before writing', async () => {
			const { board, list, swimlaneId } = labelledBoard('Bulk 2');
			const [a] = await makeCards(board._id, list._id, swimlaneId, ['a']);
			const added = await f.engine.run(label('addToCards', { boardId: rl(board._id), labelIds: ['nolabl'], cardIds: a }));
			expect(expectFailure(added)).toContain('Label nolabl is not on this board');
			// Wekan checks only the labels added (server/models/cards.js:1855-1864): a removal would answer success.
			const removed = await f.engine.run(label('removeFromCards', { boardId: rl(board._id), labelIds: ['lblRed', 'nolab2'], cardIds: a }));
			expect(expectFailure(removed)).toContain('Label nolab2 is not on this board');
			expect(w().requests('POST', `/api/boards/${board._id}/cards/labels`)).toHaveLength(0);
			expect(labelIdsOf(a)).toEqual([]);
		});

		it('refuses a read-only member', async () => {
			const { board, list, swimlaneId } = labelledBoard('Bulk 3');
			const [a] = await makeCards(board._id, list._id, swimlaneId, ['a']);
			const { credentialId } = normalUser(f, 'bulkreader', board._id, { isReadOnly: true });
			const result = await f.engine.run(label('addToCards', { boardId: rl(board._id), labelIds: ['lblRed'], cardIds: a }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(labelIdsOf(a)).toEqual([]);
		});

		it('rejects more than 500 cards before any request', async () => {
			const ids = Array.from({ length: 501 }, (_, i) => `card${i}`);
			const { result, requests } = await runCounting(
				f,
				label('addToCards', { boardId: rl(f.boardId), labelIds: ['lblRed'], cardIds: ids.join(',') }),
			);
			expect(expectFailure(result)).toContain('Wekan takes at most 500 cards at once; 501 were given');
			expect(requests).toBe(0);
		});

		it('rejects a malformed card ID or no labels before any request', async () => {
			const bad = await runCounting(f, label('addToCards', { boardId: rl(f.boardId), labelIds: ['lblRed'], cardIds: 'ok1, not ok' }));
			expect(expectFailure(bad.result)).toContain('"not ok" is not a Wekan ID');
			expect(bad.requests).toBe(0);
			const none = await runCounting(f, label('removeFromCards', { boardId: rl(f.boardId), labelIds: '={{ [] }}', cardIds: 'ok1' }));
			expect(expectFailure(none.result)).toContain('Choose at least one label');
			expect(none.requests).toBe(0);
		});
	});

	describe('Label dropdown', () => {
		it('lists the chosen board\'s labels for a normal member', async () => {
			const { board } = labelledBoard('Dropdown');
			w().db.boards.raw.update(board._id, { $push: { labels: { _id: 'lblNon', name: '', color: 'gold' } } });
			const { credentialId } = normalUser(f, 'dropdowner', board._id);
			const workflow = label('addToCards', { boardId: rl(board._id) }, credentialId);
			const options = await getBoardLabels.call(f.engine.loadOptionsContext(workflow, 'Wekan'));
			expect(options).toEqual([
				{ name: '(gold)', value: 'lblNon' },
				{ name: 'Later (blue)', value: 'lblBlu' },
				{ name: 'Urgent (red)', value: 'lblRed' },
			]);
		});
	});
});
