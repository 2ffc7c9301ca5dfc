/**
 * The Wekan-compatible server in a process of its own, as a real Wekan would be, so that it does not share an
 * event loop with the client being measured. The benchmark drives it over IPC.
 */
import { startWekanServer } from '../test/wekan-server/server';
import { BENCH_PASSWORD, serve } from './child';

async function main(): Promise<void> {
	const server = await startWekanServer({ loginThrottle: { maxFailures: 0, windowSeconds: 60, lockoutSeconds: 60 } });
	const wekan = server.wekan;
	const admin = wekan.createUser({ username: 'admin', email: 'admin@example.com', password: BENCH_PASSWORD, isAdmin: true });
	const newList = (boardId: string, title: string, sort: number) =>
		wekan.createList(boardId, title, wekan.defaultSwimlaneId(boardId), sort)._id;
	const cardsTitled = (prefix: string) => wekan.db.cards.find({}).filter((c) => c.title.startsWith(prefix));

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
		/** Adds `count` cards to a list. */
		fill: ({ boardId, listId, count }: { boardId: string; listId: string; count: number }) => {
			const swimlaneId = wekan.defaultSwimlaneId(boardId)!;
			for (let c = 0; c < count; c++) {
				wekan.createCard({ title: `Card ${c}`, description: `Description of card ${c}`, boardId, listId, swimlaneId, userId: admin._id, sort: c });
			}
			return count;
		},
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
