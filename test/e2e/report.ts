/**
 * What the end-to-end run prints: one line per check (✔/✘ with its time and what it saw), grouped in phases, and a
 * summary with the time of each phase at the end.
 */

export class Report {
	private readonly phases: Array<{ name: string; ms: number; passed: number; failed: number; skipped: number }> = [];
	private current?: { name: string; ms: number; passed: number; failed: number; skipped: number };
	private phaseStarted = 0;
	private readonly runStarted = Date.now();
	readonly failures: string[] = [];

	phase(name: string): void {
		this.endPhase();
		this.current = { name, ms: 0, passed: 0, failed: 0, skipped: 0 };
		this.phaseStarted = Date.now();
		this.print(`\n== ${name}`);
	}

	private endPhase(): void {
		if (!this.current) return;
		this.current.ms = Date.now() - this.phaseStarted;
		this.phases.push(this.current);
		this.current = undefined;
	}

	print(line: string): void {
		process.stdout.write(`${line}\n`);
	}

	/**
	 * Runs one check. It returns the lines that say what it saw; a throw is a failure, reported with its message.
	 * With `fatal`, a failure ends the run (later checks depend on it).
	 */
	async check(name: string, fn: () => Promise<string[] | void> | string[] | void, options: { fatal?: boolean } = {}): Promise<boolean> {
		const started = Date.now();
		try {
			const lines = (await fn()) ?? [];
			this.print(`✔ ${name}  (${seconds(Date.now() - started)})`);
			for (const line of lines) this.print(`    ${line}`);
			if (this.current) this.current.passed++;
			return true;
		} catch (error) {
			this.print(`✘ ${name}  (${seconds(Date.now() - started)})`);
			for (const line of String((error as Error).message ?? error).split('\n')) this.print(`    ${line}`);
			if (this.current) this.current.failed++;
			this.failures.push(`${this.current?.name ?? ''}: ${name}`);
			if (options.fatal) throw new FatalCheck(name);
			return false;
		}
	}

	skip(name: string, why: string): void {
		this.print(`- ${name}: skipped (${why})`);
		if (this.current) this.current.skipped++;
	}

	/** Prints the summary; true when nothing failed. */
	summary(): boolean {
		this.endPhase();
		this.print('\n== Summary');
		const width = Math.max(...this.phases.map((p) => p.name.length), 5);
		for (const p of this.phases) {
			const counts = [`${p.passed} passed`, p.failed ? `${p.failed} FAILED` : '', p.skipped ? `${p.skipped} skipped` : ''].filter(Boolean).join(', ');
			this.print(`${p.name.padEnd(width)}  ${seconds(p.ms).padStart(7)}  ${counts}`);
		}
		this.print(`${'total'.padEnd(width)}  ${seconds(Date.now() - this.runStarted).padStart(7)}`);
		const passed = this.phases.reduce((n, p) => n + p.passed, 0);
		if (this.failures.length) {
			this.print(`\n${this.failures.length} check(s) failed:`);
			for (const f of this.failures) this.print(`  ✘ ${f}`);
		} else {
			this.print(`\nall ${passed} checks passed`);
		}
		return this.failures.length === 0 && passed > 0;
	}
}

export class FatalCheck extends Error {
	constructor(name: string) {
		super(`stopping: "${name}" failed and the remaining checks depend on it`);
	}
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** A check's assertion: throws with a message that says what was seen instead. */
export function expect(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}
