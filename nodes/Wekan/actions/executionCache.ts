/**
 * Answers read once per execution and shared by its items (the logged-in user, a board's labels or custom
 * fields), so that a hundred items on one board do not ask Wekan the same thing a hundred times. An entry is
 * tagged with the objects it describes and dropped when an item of the execution writes one of them. Nothing is
 * kept across executions.
 */
import { EVERYTHING, type WriteKeys } from './pipeline';

interface Entry {
	tags: WriteKeys;
	value: Promise<unknown>;
}

export class ExecutionCache {
	private readonly entries = new Map<string, Entry>();

	get<T>(key: string, tags: WriteKeys, load: () => Promise<T>): Promise<T> {
		const found = this.entries.get(key);
		if (found) return found.value as Promise<T>;
		const value = load();
		this.entries.set(key, { tags, value });
		// A failed read is not remembered: the next item asks again.
		value.catch(() => {
			if (this.entries.get(key)?.value === value) this.entries.delete(key);
		});
		return value;
	}

	/** Forgets what a write to these objects may have changed. */
	invalidate(keys: WriteKeys): void {
		if (!keys.length) return;
		for (const [key, entry] of this.entries) {
			if (keys.includes(EVERYTHING) || entry.tags.some((tag) => keys.includes(tag))) this.entries.delete(key);
		}
	}
}
