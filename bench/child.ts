/**
 * Starting the benchmark's helper processes (the Wekan-compatible server, the memory probe) with ts-node, and a
 * small request/answer channel over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** The site admin's password on the benchmark server. */
export const BENCH_PASSWORD = 'Bench-Adm1n-Pa55word';

export function forkTs(script: string, execArgv: string[] = []): ChildProcess {
	return fork(join(__dirname, script), [], {
		execArgv: [...execArgv, '-r', 'ts-node/register/transpile-only'],
		env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.test.json'), TS_NODE_PREFER_TS_EXTS: 'true' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

export interface Message {
	id?: number;
	cmd: string;
	args?: unknown;
}

/** Calls a command in a child that answers with `serve()`. */
export class Rpc {
	private next = 0;
	private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

	constructor(readonly child: ChildProcess) {
		child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
			const waiter = this.waiting.get(message.id);
			if (!waiter) return;
			this.waiting.delete(message.id);
			if (message.error) waiter.reject(new Error(message.error));
			else waiter.resolve(message.result);
		});
		child.on('exit', (code) => {
			for (const waiter of this.waiting.values()) waiter.reject(new Error(`child exited (${code})`));
			this.waiting.clear();
		});
	}

	call<T>(cmd: string, args?: unknown): Promise<T> {
		const id = ++this.next;
		return new Promise<T>((resolve, reject) => {
			this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.child.send({ id, cmd, args });
		});
	}

	stop(): void {
		this.child.kill();
	}
}

/** The child side: answers each command with its handler's result. */
export function serve(handlers: Record<string, (args: never) => unknown>): void {
	process.on('message', async (message: Message) => {
		try {
			const handler = handlers[message.cmd];
			if (!handler) throw new Error(`unknown command ${message.cmd}`);
			const result = await handler(message.args as never);
			process.send!({ id: message.id, result });
		} catch (error) {
			process.send!({ id: message.id, error: (error as Error).stack ?? String(error) });
		}
	});
	process.on('disconnect', () => process.exit(0));
}

/** Starts a helper process and waits until it says it is ready. */
export async function startChild(script: string, execArgv: string[] = []): Promise<Rpc> {
	const child = forkTs(script, execArgv);
	await new Promise<void>((resolve, reject) => {
		const onMessage = (message: { id?: number }) => {
			if (message.id !== 0) return;
			child.off('message', onMessage);
			resolve();
		};
		child.on('message', onMessage);
		child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
	});
	return new Rpc(child);
}

/**
 * n8n-workflow (without n8n's server, which installs its own engine) runs the regular expressions that check
 * parameters in a vm with a 250 ms wall-clock limit; on an overloaded machine a pause of the process fails a
 * workflow before it sends anything. Such a run is repeated (at most twice) and counted, never hidden.
 */
export const regexTimeouts = { retried: 0 };
export async function retryingRegexTimeout<T>(work: () => Promise<T>, failed: (value: T) => string | undefined = () => undefined): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		let message: string | undefined;
		try {
			const value = await work();
			message = failed(value);
			if (!message?.includes('Regular expression execution timed out') || attempt >= 2) return value;
		} catch (error) {
			message = (error as Error).message;
			if (!message.includes('Regular expression execution timed out') || attempt >= 2) throw error;
		}
		regexTimeouts.retried++;
	}
}
