/**
 * What an operation sees of one item: typed, validated parameter readers and the Wekan request function.
 * Readers throw a NodeOperationError naming the parameter before any request is made.
 */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { currentUserId, hasSession, wekanRequest, type WekanRequest } from '../../shared/transport';
import { parseWekanUrl, WEKAN_ID } from '../../shared/wekanUrl';
import type { ExecutionCache } from './executionCache';
import type { Pipeline, WriteKeys } from './pipeline';

/** What the item loop shares between the items of one execution. */
export interface ExecutionScope {
	pipeline?: Pipeline;
	cache?: ExecutionCache;
}

/** How long an item's next request waits after its writes let a waiting item go (see request). */
const WRITE_HEAD_START_MS = 8;

export class ItemContext {
	/** The objects this item writes (the operation's `writes`), for the execution cache. */
	writeKeys: WriteKeys = [];
	/** Whether this item's last write let a waiting item go (see request). */
	private released = false;

	constructor(
		readonly fn: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly scope: ExecutionScope = {},
	) {}

	fail(message: string, description?: string): NodeOperationError {
		return new NodeOperationError(this.fn.getNode(), message, { itemIndex: this.itemIndex, description });
	}

	/** Parameter values already resolved for this item: n8n evaluates expressions anew on every read. */
	private readonly resolved = new Map<string, unknown>();

	raw(name: string, fallback?: unknown): unknown {
		const key = fallback === undefined ? name : `${name}\u0000${JSON.stringify(fallback)}`;
		if (!this.resolved.has(key)) this.resolved.set(key, this.fn.getNodeParameter(name, this.itemIndex, fallback));
		const value = this.resolved.get(key);
		// Each reader gets its own copy, as from n8n, so one operation's changes cannot leak into another read.
		return typeof value === 'object' && value !== null ? structuredClone(value) : value;
	}

	/** A required text parameter; empty or whitespace-only is an error. */
	string(name: string, label = name): string {
		const value = this.raw(name, '');
		if (typeof value !== 'string' && typeof value !== 'number') throw this.fail(`${label} must be text`);
		const text = String(value);
		if (!text.trim()) throw this.fail(`${label} is required`);
		return text;
	}

	boolean(name: string, fallback = false): boolean {
		const value = this.raw(name, fallback);
		if (typeof value !== 'boolean') throw this.fail(`${name} must be true or false`);
		return value;
	}

	number(name: string, fallback?: number): number {
		const value = this.raw(name, fallback);
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) throw this.fail(`${name} must be a number`);
		return number;
	}

	/** A collection parameter ("Additional Fields"), as an object. */
	collection(name: string): IDataObject {
		const value = this.raw(name, {});
		if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.fail(`${name} must be an object`);
		return value as IDataObject;
	}

	/** Checks a Wekan id taken from anywhere (a parameter, a URL, a field). */
	checkId(value: unknown, label: string): string {
		const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
		if (!id) throw this.fail(`${label} is required`);
		if (!WEKAN_ID.test(id)) {
			throw this.fail(`${label} "${id.slice(0, 60)}" is not a Wekan ID`, 'Wekan IDs are letters, digits, _ and -, like "a2B3c4D5e6F7g8H9j". Pick the object from the list, or paste its Wekan URL.');
		}
		return id;
	}

	/**
	 * The id in a resource locator: from the list, typed in, or taken from a pasted Wekan URL.
	 * `part` says which id of a URL is wanted (a card URL holds the board id and the card id).
	 */
	locatorId(name: string, label: string, part: 'board' | 'card' = 'board'): string {
		const value = this.raw(name, undefined) as INodeParameterResourceLocator | string | undefined;
		const locator = typeof value === 'object' && value !== null ? value : { mode: 'id', value: value ?? '' };
		if (locator.mode === 'url') {
			const parsed = parseWekanUrl(String(locator.value ?? ''));
			const id = part === 'card' ? parsed?.cardId : parsed?.boardId;
			if (!id) {
				throw this.fail(
					`${label}: "${String(locator.value ?? '').slice(0, 100)}" is not a Wekan ${part} URL`,
					part === 'card'
						? 'Open the card in Wekan and copy the address: it looks like https://wekan.example.com/b/<boardId>/<board-name>/<cardId>.'
						: 'Open the board in Wekan and copy the address: it looks like https://wekan.example.com/b/<boardId>/<board-name>.',
				);
			}
			return id;
		}
		return this.checkId(locator.value, label);
	}

	/** The board id a card locator's URL carries, if it was given as a URL. */
	boardIdFromCardUrl(name: string): string | undefined {
		const value = this.raw(name, undefined) as INodeParameterResourceLocator | undefined;
		if (typeof value !== 'object' || value === null || value.mode !== 'url') return undefined;
		return parseWekanUrl(String(value.value ?? ''))?.boardId;
	}

	async request<T = IDataObject>(request: WekanRequest): Promise<T> {
		const write = request.method !== 'GET';
		const repeatable = request.idempotent ?? request.method !== 'POST';
		const { pipeline, cache } = this.scope;
		if (this.released) {
			// A later item was waiting for this one's writes, and its write is the next request due: n8n's work to
			// send it (and to open its connection) is on the path of every later create, this item's reads are not.
			this.released = false;
			await sleep(WRITE_HEAD_START_MS);
		}
		if (pipeline) await pipeline.beforeRequest(this.itemIndex, write, repeatable, await hasSession(this.fn));
		try {
			return (await wekanRequest.call(this.fn, { ...request, itemIndex: this.itemIndex })) as T;
		} finally {
			pipeline?.afterRequest();
			// Whatever the outcome, a write may have changed what was read before.
			if (write) cache?.invalidate(this.writeKeys.length ? this.writeKeys : ['*']);
		}
	}

	/**
	 * A read shared by the execution's items: `key` names the answer, `tags` the objects it describes (an item
	 * writing one of them makes the next read ask Wekan again).
	 */
	cached<T>(key: string, tags: WriteKeys, load: () => Promise<T>): Promise<T> {
		return this.scope.cache ? this.scope.cache.get(key, tags, load) : load();
	}

	/** Says that this item will write nothing more, so that later items waiting for its objects may go. */
	writesDone(): void {
		this.released = this.scope.pipeline?.writesDone(this.itemIndex) ?? false;
	}

	/** The logged-in user's id (asked of Wekan at most once per execution). */
	userId(): Promise<string> {
		return this.cached('current-user', [], () => currentUserId.call(this.fn));
	}

	/** Applies the Return All / Limit parameters to a full list (Wekan's list routes have no paging). */
	limit<T>(all: T[]): T[] {
		if (this.raw('returnAll', false) === true) return all;
		const limit = this.number('limit', 50);
		if (limit < 1) throw this.fail('Limit must be 1 or more');
		return all.slice(0, limit);
	}
}
