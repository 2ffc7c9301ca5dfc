/**
 * Pipelined items: several items of one execution are worked on at once, so a distant Wekan's latency is paid
 * once for many items instead of once per request, while Wekan sees the same changes in the same order as when the
 * items run one after another:
 * - each item names, before any request, the Wekan objects it writes (its keys: a card, the list a card is created
 *   in, a board's labels); an item starts only when every earlier item that writes one of its objects has
 *   finished writing, so it reads what they wrote and its writes come after theirs (an operation whose checks
 *   cannot depend on those writes, such as a card create, prepares at once: its create still waits, see below);
 * - a create (a write that is not safe to repeat) is sent only when every earlier item has finished writing, so
 *   creates reach Wekan in input order and none is made after an earlier item failed;
 * - an update or delete of an object no earlier unfinished item writes may overlap with earlier items' writes;
 * - once an item fails (without Continue on Fail), no later item sends another request, earlier ones finish, and
 *   the failure reported is the first failing item's, as in a run one item at a time.
 */

/** An item's keys: the objects it writes. `*` stands for everything; no keys means the item only reads. */
export type WriteKeys = readonly string[];

export const EVERYTHING = '*';

/** The error of a request that was not sent because an earlier item failed; the item's result is discarded. */
export class CancelledItem extends Error {
	constructor() {
		super('Not sent: an earlier item failed');
	}
}

function overlaps(a: WriteKeys, b: WriteKeys): boolean {
	if (!a.length || !b.length) return false;
	if (a.includes(EVERYTHING) || b.includes(EVERYTHING)) return true;
	return a.some((key) => b.includes(key));
}

interface Slot {
	keys: WriteKeys;
	/** Settles when the item will write nothing more: after its last write, or when it ends. */
	writesDone: Promise<void>;
	finishWrites: () => void;
	writing: boolean;
	/** Whether a later item waits for this one's writes. */
	awaited: boolean;
	known: boolean;
	knownKeys: Promise<void>;
	setKnown: () => void;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

export class Pipeline {
	private readonly slots: Slot[];
	/** The lowest index of an item that failed and stops the run (without Continue on Fail). */
	private stopAt = Number.POSITIVE_INFINITY;
	private readonly firstRequest = deferred();
	private firstRequestSeen = false;

	constructor(
		count: number,
		private readonly continueOnFail: boolean,
	) {
		this.slots = Array.from({ length: count }, () => {
			const writes = deferred();
			const known = deferred();
			const slot: Slot = {
				keys: [EVERYTHING],
				writesDone: writes.promise,
				finishWrites: () => {
					slot.writing = false;
					writes.resolve();
				},
				writing: true,
				awaited: false,
				known: false,
				knownKeys: known.promise,
				setKnown: () => {
					slot.known = true;
					known.resolve();
				},
			};
			return slot;
		});
	}

	/**
	 * Records the item's keys, then waits until every earlier item writing one of them has finished writing, unless
	 * `prepareAhead`: the item's first reads do not depend on those writes, and its writes wait in beforeRequest.
	 */
	async start(index: number, keys: WriteKeys, prepareAhead = false): Promise<void> {
		const slot = this.slots[index];
		slot.keys = keys;
		slot.setKnown();
		if (prepareAhead) return this.checkNotStopped(index);
		for (let earlier = 0; earlier < index; earlier++) {
			const other = this.slots[earlier];
			// An earlier item whose keys are not known yet may write anything: wait until they are.
			await other.knownKeys;
			if (overlaps(other.keys, keys)) await this.writesOf(other);
		}
		this.checkNotStopped(index);
	}

	/**
	 * Called before each request. Without a session yet, the first request of the run goes alone, so that the
	 * session n8n logs in for it is reused by every other item instead of each logging in. With one, requests go
	 * together from the start: a session that turns out to be expired is renewed once for all (transport.ts).
	 */
	async beforeRequest(index: number, write: boolean, repeatable: boolean, hasSession = false): Promise<void> {
		this.checkNotStopped(index);
		if (!this.firstRequestSeen) {
			this.firstRequestSeen = true;
		} else if (!hasSession) {
			await this.firstRequest.promise;
		}
		if (write && !repeatable) {
			for (let earlier = 0; earlier < index; earlier++) await this.writesOf(this.slots[earlier]);
		}
		this.checkNotStopped(index);
	}

	/** After a request was answered (or failed): lets the waiting items go once the run's first answer is in. */
	afterRequest(): void {
		this.firstRequest.resolve();
	}

	/**
	 * The item will write nothing more (its remaining requests read back what it wrote). Returns whether a later
	 * item was waiting for that: its write is then the next request due, and should be sent before this one's reads.
	 */
	writesDone(index: number): boolean {
		const slot = this.slots[index];
		const released = slot.writing && slot.awaited;
		slot.finishWrites();
		return released;
	}

	private writesOf(slot: Slot): Promise<void> {
		if (slot.writing) slot.awaited = true;
		return slot.writesDone;
	}

	/** The item ended, successfully or not. */
	finished(index: number, failed: boolean): void {
		const slot = this.slots[index];
		if (!slot.known) slot.setKnown();
		if (failed && !this.continueOnFail) this.stopAt = Math.min(this.stopAt, index);
		slot.finishWrites();
		this.firstRequest.resolve();
	}

	isCancelled(index: number): boolean {
		return index > this.stopAt;
	}

	private checkNotStopped(index: number): void {
		if (this.isCancelled(index)) throw new CancelledItem();
	}
}
