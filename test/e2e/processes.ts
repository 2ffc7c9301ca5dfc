/**
 * Every process the end-to-end test starts goes through here, so that all of them are stopped at the end, also
 * when a check throws or the run is interrupted. Each child gets its own process group (n8n starts a task-runner
 * child of its own), and stopping signals the whole group.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import net from 'node:net';

export interface Started {
	name: string;
	child: ChildProcess;
	log: string;
	/** Resolves with the exit code once the process has ended. */
	exited: Promise<number | null>;
}

const running = new Set<Started>();

export function startProcess(name: string, cmd: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; log: string }): Started {
	const out = createWriteStream(options.log, { flags: 'a' });
	const child = spawn(cmd, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const started: Started = { name, child, log: options.log, exited };
	running.add(started);
	void exited.then(() => running.delete(started));
	return started;
}

/** SIGTERM to the process group, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(p: Started, graceMs = 10_000): Promise<void> {
	if (p.child.exitCode !== null || p.child.signalCode !== null) return;
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-p.child.pid!, sig);
		} catch {
			// Already gone.
		}
	};
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), graceMs);
	await p.exited;
	clearTimeout(timer);
	// The group may outlive its leader (a task runner that ignores SIGTERM).
	signal('SIGKILL');
}

export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((p) => stopProcess(p)));
}

/** Synchronous last resort for process exit: no waiting is possible there. */
export function killAllNow(): void {
	for (const p of running) {
		try {
			process.kill(-p.child.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Thrown from a waitFor probe to stop waiting at once (other errors count as "not yet"). */
export class GiveUp extends Error {}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 250): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value) return value;
		} catch (error) {
			if (error instanceof GiveUp) throw error;
			lastError = error;
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
	throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
}

/** Waits until a line matching `pattern` shows up in a process's log; fails early if the process exits. */
export async function waitForLog(p: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
	let ended = false;
	void p.exited.then(() => (ended = true));
	await waitFor(
		`${p.name} to log ${pattern}`,
		() => {
			if (pattern.test(readFileSync(p.log, 'utf8'))) return true;
			if (ended) throw new GiveUp(`${p.name} exited with ${p.child.exitCode}; see ${p.log}`);
			return false;
		},
		timeoutMs,
	);
}
