/**
 * Measures Get Many of 10,000 cards in a process of its own, started with --expose-gc: the memory above a baseline
 * taken after a warm-up run and a full collection, sampled during the run and again while the result is held.
 */
import './env';
import { EngineHarness, rl, wekanWorkflow } from '../test/engine/harness';
import { regexTimeouts, retryingRegexTimeout, serve } from './child';

const MB = 1024 * 1024;

interface Args {
	url: string;
	password: string;
	boardId: string;
	listId: string;
	warmListId: string;
	runs: number;
}

const gc = () => {
	const collect = (global as { gc?: () => void }).gc;
	if (!collect) throw new Error('run with --expose-gc');
	collect();
	collect();
};

serve({
	measure: async ({ url, password, boardId, listId, warmListId, runs }: Args) => {
		const engine = new EngineHarness();
		engine.setCredential({ url, authentication: 'password', login: 'admin', password });
		const workflow = (id: string) =>
			wekanWorkflow({ resource: 'card', operation: 'getAll', boardId: rl(boardId), scope: 'list', listId: rl(id), returnAll: true, simplify: false });
		// Loads and compiles what a run uses, and logs in.
		await retryingRegexTimeout(() => engine.run(workflow(warmListId)));
		const results: Array<{ ms: number; rssMb: number; heapMb: number; cards: number }> = [];
		for (let run = 0; run < runs; run++) {
			gc();
			const base = process.memoryUsage();
			let peakRss = base.rss;
			let peakHeap = base.heapUsed;
			const sample = () => {
				const now = process.memoryUsage();
				peakRss = Math.max(peakRss, now.rss);
				peakHeap = Math.max(peakHeap, now.heapUsed);
			};
			const timer = setInterval(sample, 2);
			const started = performance.now();
			let result: Awaited<ReturnType<EngineHarness['run']>> | undefined = await retryingRegexTimeout(
				() => engine.run(workflow(listId)),
				(r) => (r.status === 'success' ? undefined : String(r.error?.message)),
			);
			const ms = performance.now() - started;
			sample();
			clearInterval(timer);
			if (result.status !== 'success') throw new Error(`Get Many failed: ${String(result.error?.message)}`);
			const cards = result.items('Wekan').length;
			result = undefined;
			results.push({ ms, rssMb: (peakRss - base.rss) / MB, heapMb: (peakHeap - base.heapUsed) / MB, cards });
		}
		return { results, baselineRssMb: process.memoryUsage().rss / MB, regexTimeoutsRetried: regexTimeouts.retried };
	},
});
process.send!({ id: 0, result: 'ready' });
