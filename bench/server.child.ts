/**
 * The Wekan-compatible server in a process of its own, as a real Wekan would be, so that it does not share an
 * event loop with the client being measured. The benchmark drives it over IPC.
 */
import net from 'node:net';
import { startWekanServer } from '../test/wekan-server/server';
import { BENCH_PASSWORD, serve } from './child';

/**
 * A recording TCP proxy in front of the server: every byte each way is counted, headers included, as a client's
 * network would carry them. Only the polling figures go through it.
 */
function recordingProxy(port: number): Promise<{ url: string; bytes: { toClient: number; toServer: number } }> {
	const bytes = { toClient: 0, toServer: 0 };
	const proxy = net.createServer((client) => {
		const upstream = net.connect(port, '127.0.0.1');
		client.on('data', (chunk) => {
			bytes.toServer += chunk.length;
		});
		upstream.on('data', (chunk) => {
			bytes.toClient += chunk.length;
		});
		client.pipe(upstream);
		upstream.pipe(client);
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
		client.on('close', () => upstream.destroy());
		upstream.on('close', () => client.destroy());
	});
	return new Promise((resolve) => {
		proxy.listen(0, '127.0.0.1', () => {
			const address = proxy.address() as net.AddressInfo;
			resolve({ url: `http://127.0.0.1:${address.port}`, bytes });
		});
	});
}

async function main(): Promise<void> {
	const server = await startWekanServer({ loginThrottle: { maxFailures: 0, windowSeconds: 60, lockoutSeconds: 60 } });
	const wekan = server.wekan;
	const admin = wekan.createUser({ username: 'admin', email: 'admin@example.com', password: BENCH_PASSWORD, isAdmin: true });
	const newList = (boardId: string, title: string, sort: number) =>
		wekan.createList(boardId, title, wekan.defaultSwimlaneId(boardId), sort)._id;
	const cardsTitled = (prefix: string) => wekan.db.cards.find({}).filter((c) => c.title.startsWith(prefix));
	const proxy = await recordingProxy(server.port);
	const HOUR = 3_600_000;

	/**
	 * `count` cards in a list, fast: the first made through the model (so it has every default the schema and the
	 * hooks give a card, and its createCard activity), the rest raw copies of it with their own _id, number, title,
	 * sort and createCard activity, as a restored database would hold them. Dated `ageMs` ago.
	 */
	const cloneCards = (boardId: string, listId: string, count: number, titlePrefix: string, ageMs: number, description = false): string[] => {
		if (!count) return [];
		const swimlaneId = wekan.defaultSwimlaneId(boardId)!;
		const first = wekan.createCard({ title: `${titlePrefix}0`, ...(description ? { description: 'Description of card 0' } : {}), boardId, listId, swimlaneId, userId: admin._id, sort: 0 });
		const template = wekan.db.cards.findOne(first._id)!;
		const activity = wekan.db.activities.findOne({ activityType: 'createCard', cardId: first._id })!;
		const maxNumber = Math.max(0, ...wekan.db.cards.find({ boardId }).map((c) => Number(c.cardNumber ?? 0)));
		const when = new Date(Date.now() - ageMs);
		const ids = [first._id];
		wekan.db.cards.raw.update({ _id: first._id }, { $set: { createdAt: when, modifiedAt: when, dateLastActivity: when } });
		for (let c = 1; c < count; c++) {
			const card = structuredClone(template) as unknown as Record<string, unknown>;
			delete card._id;
			Object.assign(card, { title: `${titlePrefix}${c}`, sort: c, cardNumber: maxNumber + c, createdAt: when, modifiedAt: when, dateLastActivity: when });
			if (description) card.description = `Description of card ${c}`;
			const id = (wekan.db.cards.raw.insert(card) as { _id: string })._id;
			ids.push(id);
			const act = structuredClone(activity) as unknown as Record<string, unknown>;
			delete act._id;
			Object.assign(act, { cardId: id, cardTitle: card.title, createdAt: when, modifiedAt: when });
			wekan.db.activities.raw.insert(act);
		}
		return ids;
	};

	serve({
		info: () => ({ url: server.url, adminId: admin._id }),
		/** A board with `lists` lists of `cards` cards each. */
		board: ({ title, lists, cards }: { title: string; lists: number; cards: number }) => {
			const board = wekan.createBoard({ title, ownerId: admin._id });
			const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
			// Cards made an hour ago: an existing board, not one filled during the poll.
			const old = new Date(Date.now() - 3_600_000);
			const listIds: string[] = [];
			const cardIds: string[] = [];
			for (let l = 0; l < lists; l++) {
				const listId = newList(board._id, `List ${l}`, l);
				listIds.push(listId);
				for (let c = 0; c < cards; c++) {
					cardIds.push(wekan.createCard({ title: `Card ${l}.${c}`, boardId: board._id, listId, swimlaneId, userId: admin._id, sort: c })._id);
				}
			}
			// The schema stamps a card's dates when it is made, so the hour is put in the database afterwards.
			wekan.db.cards.raw.update({ boardId: board._id }, { $set: { createdAt: old, modifiedAt: old, dateLastActivity: old } }, { multi: true });
			return { boardId: board._id, swimlaneId, listIds, cardIds };
		},
		/** Adds `count` cards with a description to a list (cloneCards). */
		fill: ({ boardId, listId, count }: { boardId: string; listId: string; count: number }) => cloneCards(boardId, listId, count, 'Card ', HOUR, true).length,
		/**
		 * An old, busy board: `lists` lists of `cardsPerList` cards (cloneCards), and its activity history raised to
		 * `activities` with raw moveCard activities of its cards spread over the past year, oldest first.
		 */
		busyBoard: ({ title, lists, cardsPerList, activities }: { title: string; lists: number; cardsPerList: number; activities: number }) => {
			const board = wekan.createBoard({ title, ownerId: admin._id });
			const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
			const swimlane = wekan.db.swimlanes.findOne(swimlaneId)!;
			const listDocs = [];
			const cardIds: string[] = [];
			for (let l = 0; l < lists; l++) {
				const listId = newList(board._id, `List ${l}`, l);
				listDocs.push({ _id: listId, title: `List ${l}` });
				cardIds.push(...cloneCards(board._id, listId, cardsPerList, `Card ${l}.`, 2 * HOUR));
			}
			const boardActivities = () => wekan.db.activities.find({ boardId: board._id }).length;
			const missing = Math.max(0, activities - boardActivities());
			const yearMs = 365 * 24 * HOUR;
			for (let a = 0; a < missing; a++) {
				const cardId = cardIds[(a * 7919) % cardIds.length];
				const card = wekan.db.cards.findOne(cardId)!;
				const from = listDocs[a % listDocs.length];
				const to = listDocs.find((l) => l._id === card.listId)!;
				const when = new Date(Date.now() - yearMs + Math.floor((a / missing) * (yearMs - 3 * HOUR)));
				wekan.db.activities.raw.insert({
					userId: admin._id,
					activityType: 'moveCard',
					boardId: board._id,
					cardId,
					cardTitle: card.title,
					oldListId: from._id,
					listId: to._id,
					listName: to.title,
					oldSwimlaneId: swimlaneId,
					swimlaneId,
					swimlaneName: swimlane.title,
					createdAt: when,
					modifiedAt: when,
				});
			}
			return { boardId: board._id, listIds: listDocs.map((l) => l._id), cardIds, activities: boardActivities() };
		},
		/** The recording proxy's address, and its byte counts so far. */
		proxy: () => proxy.url,
		bytes: () => ({ ...proxy.bytes }),
		/** Renames some cards as a user in the web UI would. */
		touch: ({ cardIds, suffix }: { cardIds: string[]; suffix: string }) => {
			for (const id of cardIds) wekan.ui.editCardTitle(admin._id, id, `${wekan.db.cards.findOne(id)!.title} ${suffix}`);
			return cardIds.length;
		},
		cardsTitled: (prefix: string) => cardsTitled(prefix).length,
		/** Removes cards as Wekan's server code does: the cards' remove hooks delete what hangs off them. */
		removeCardsTitled: (prefix: string) => {
			const ids = cardsTitled(prefix).map((c) => c._id);
			if (ids.length) wekan.db.cards.remove({ _id: { $in: ids } });
			return ids.length;
		},
		latency: (latencyMs: number) => {
			wekan.faults.set({ latencyMs });
			return latencyMs;
		},
		/** The request log since a mark (a log length), as method and path. */
		mark: () => wekan.log.length,
		/** This process's CPU time so far, in milliseconds (user + system). */
		cpu: () => {
			const used = process.cpuUsage();
			return (used.user + used.system) / 1000;
		},
		since: (mark: number) => wekan.log.slice(mark).map((r) => ({ method: r.method, path: r.path, status: r.status })),
		clearLog: () => {
			wekan.log.length = 0;
			return 0;
		},
	});
	process.send!({ id: 0, result: 'ready' });
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
