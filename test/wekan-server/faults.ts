/**
 * Fault injection for reliability tests and benchmarks: added latency, random 5xx, 429 with Retry-After,
 * dropped connections and HTTP-200 error bodies, for every request or for the paths a filter picks.
 */

export interface FaultConfig {
	/** Milliseconds added before every matching request is handled. */
	latencyMs?: number;
	/** Up to this many milliseconds more, drawn for each request, so that requests sent together may be handled out of order. */
	latencyJitterMs?: number;
	/** Share (0..1) of matching requests answered with a 5xx HTML page. */
	errorRate?: number;
	errorStatus?: number;
	/** Share of matching requests answered 429 with Retry-After. */
	rateLimitRate?: number;
	retryAfterSeconds?: number;
	/** Share of matching requests whose connection is destroyed without an answer. */
	dropRate?: number;
	/** Share answered HTTP 200 with a serialised Meteor.Error (style A). */
	errorBodyRate?: number;
	/** When to apply a fault: before the handler runs (nothing written) or after (the write happened, the answer is lost). */
	phase?: 'before' | 'after';
	/** Which requests are affected; all when absent. */
	match?: (method: string, path: string) => boolean;
	/** Seed for the random draws, so a test run is repeatable. */
	seed?: number;
}

/** `html`: HTTP 200 with a web page, as a proxy's login page or Meteor's app shell answers. */
export type FaultKind = 'error' | 'rateLimit' | 'drop' | 'errorBody' | 'html';

/** mulberry32: small, fast, seedable. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Faults {
	private config: FaultConfig = {};
	private random: () => number = Math.random;
	private readonly queued: Array<{ kind: FaultKind; match?: FaultConfig['match']; phase: 'before' | 'after' }> = [];
	/** How many faults of each kind were injected. */
	readonly injected: Record<FaultKind, number> = { error: 0, rateLimit: 0, drop: 0, errorBody: 0, html: 0 };

	set(config: FaultConfig): void {
		this.config = { ...config };
		this.random = config.seed === undefined ? Math.random : seeded(config.seed);
	}

	/** Make the next matching request(s) fail in one given way, whatever the rates say. */
	failNext(kind: FaultKind, options: { times?: number; match?: FaultConfig['match']; phase?: 'before' | 'after' } = {}): void {
		for (let i = 0; i < (options.times ?? 1); i++) this.queued.push({ kind, match: options.match, phase: options.phase ?? 'before' });
	}

	clear(): void {
		this.config = {};
		this.queued.length = 0;
		for (const key of Object.keys(this.injected) as FaultKind[]) this.injected[key] = 0;
	}

	get latencyMs(): number {
		return this.config.latencyMs ?? 0;
	}

	/** The delay before a matching request is handled: the latency plus its jitter. */
	delayMs(): number {
		const jitter = this.config.latencyJitterMs ?? 0;
		return this.latencyMs + (jitter ? Math.round(this.random() * jitter) : 0);
	}

	matches(method: string, path: string): boolean {
		return !this.config.match || this.config.match(method, path);
	}

	get retryAfterSeconds(): number {
		return this.config.retryAfterSeconds ?? 1;
	}

	get errorStatus(): number {
		return this.config.errorStatus ?? 503;
	}

	/** Decide whether this request gets a fault, and in which phase. */
	draw(method: string, path: string): { kind: FaultKind; phase: 'before' | 'after' } | undefined {
		const index = this.queued.findIndex((q) => !q.match || q.match(method, path));
		if (index >= 0) {
			const [queued] = this.queued.splice(index, 1);
			this.injected[queued.kind]++;
			return { kind: queued.kind, phase: queued.phase };
		}
		if (!this.matches(method, path)) return undefined;
		const phase = this.config.phase ?? 'before';
		const draws: Array<[FaultKind, number | undefined]> = [
			['drop', this.config.dropRate],
			['rateLimit', this.config.rateLimitRate],
			['error', this.config.errorRate],
			['errorBody', this.config.errorBodyRate],
		];
		for (const [kind, rate] of draws) {
			if (rate && this.random() < rate) {
				this.injected[kind]++;
				return { kind, phase };
			}
		}
		return undefined;
	}
}
