/**
 * One n8n installation under test: its environment, its CLI, its main and worker processes, and its REST and
 * public APIs. Everything listens on loopback only, and the environment switches off every call n8n would make to
 * the internet (telemetry, version checks, templates, banners, the community-node and MCP registries), so the test
 * runs offline and talks only to the Wekan-compatible server.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from './setup';
import { freePort, type Started, startProcess, stopProcess, waitFor, waitForLog } from './processes';

export const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'Passw0rd!Passw0rd' };

export interface CliResult {
	rc: number | null;
	output: string;
	/** The JSON document `execute --rawOutput` prints, when there is one. */
	json?: unknown;
	ms: number;
}

export class N8n {
	readonly url: string;
	readonly userFolder: string;
	private main?: Started;
	private worker?: Started;
	private cookie = '';
	private apiKey = '';
	private queue?: { redisPort: number };

	private constructor(
		readonly host: Host,
		readonly dir: string,
		readonly port: number,
		private readonly brokerPort: number,
	) {
		this.url = `http://127.0.0.1:${port}`;
		this.userFolder = join(dir, 'home');
		mkdirSync(this.userFolder, { recursive: true });
	}

	static async create(host: Host, dir: string): Promise<N8n> {
		return new N8n(host, dir, await freePort(), await freePort());
	}

	/** Each start gets its own log file, so waiting for "ready" never matches an earlier start's line. */
	private starts = 0;
	mainLog = '';
	workerLog = '';

	get cliLog(): string {
		return join(this.dir, 'n8n-cli.log');
	}

	/** Queue mode (EXECUTIONS_MODE=queue) for the processes started from now on. */
	useQueue(redisPort: number): void {
		this.queue = { redisPort };
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			LANG: 'C.UTF-8',
			TZ: 'UTC',
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			// The URL n8n gives Wekan for webhooks. An IP, not "localhost", so Wekan cannot pick ::1, where n8n does not listen.
			WEBHOOK_URL: `${this.url}/`,
			DB_TYPE: 'sqlite',
			N8N_ENCRYPTION_KEY: 'e2e-test-encryption-key-0123456789',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_LOG_LEVEL: 'info',
			// The public API is what the test drives activation through.
			N8N_PUBLIC_API_DISABLED: 'false',
			...this.host.env,
		};
		if (this.queue) {
			Object.assign(env, {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(this.queue.redisPort),
			});
		}
		return { ...env, ...extra };
	}

	/** Runs an n8n CLI command (import:*, execute, ...) to its end. A free broker port keeps it clear of a running server. */
	async cli(args: string[], timeoutMs = 120_000): Promise<CliResult> {
		const started = Date.now();
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		const child = spawn(this.host.node, [this.host.n8nBin, ...args], { env, cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const rc = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
		clearTimeout(timer);
		appendFileSync(this.cliLog, `$ n8n ${args.join(' ')}  (rc ${rc})\n${output}\n`);
		return { rc, output, json: rawJson(output), ms: Date.now() - started };
	}

	async startMain(): Promise<void> {
		this.starts++;
		this.mainLog = join(this.dir, `n8n-main-${this.starts}${this.queue ? '-queue' : ''}.log`);
		this.main = startProcess('n8n main', this.host.node, [this.host.n8nBin, 'start'], { env: this.env(), cwd: this.dir, log: this.mainLog });
		await waitForLog(this.main, /Editor is now accessible/, 90_000);
	}

	async startWorker(): Promise<void> {
		// The worker has its own task broker and its own health server; both need ports of their own.
		const env = this.env({
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		this.workerLog = join(this.dir, `n8n-worker-${this.starts}.log`);
		this.worker = startProcess('n8n worker', this.host.node, [this.host.n8nBin, 'worker', '--concurrency=2'], { env, cwd: this.dir, log: this.workerLog });
		await waitForLog(this.worker, /Worker ready|n8n worker is now ready/i, 90_000);
	}

	async stop(): Promise<void> {
		if (this.worker) await stopProcess(this.worker);
		if (this.main) await stopProcess(this.main);
		this.worker = this.main = undefined;
	}

	/** Creates the owner account (the sign-in cookie comes with it) and an API key with every scope. */
	async setupOwner(): Promise<void> {
		const res = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!res.ok) throw new Error(`owner setup answered ${res.status}: ${await res.text()}`);
		this.cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? ''])
			.map((c) => c.split(';')[0])
			.filter(Boolean)
			.join('; ');
		const scopes = ((await this.rest('GET', '/rest/api-keys/scopes')) as { data: string[] }).data;
		const key = (await this.rest('POST', '/rest/api-keys', { label: 'e2e', scopes, expiresAt: null })) as { data: { rawApiKey: string } };
		this.apiKey = key.data.rawApiKey;
	}

	/** The editor's internal REST API, signed in as the owner. */
	async rest(method: string, path: string, body?: unknown): Promise<unknown> {
		return this.request(method, path, { cookie: this.cookie }, body);
	}

	/** n8n's public API (/api/v1), with the owner's API key. */
	async api(method: string, path: string, body?: unknown): Promise<unknown> {
		return this.request(method, `/api/v1${path}`, { 'X-N8N-API-KEY': this.apiKey }, body);
	}

	private async request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
		let res: Response;
		let text: string;
		try {
			res = await fetch(`${this.url}${path}`, {
				method,
				headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			text = await res.text();
		} catch (error) {
			// fetch says only "fetch failed"; the reason (refused, reset, timed out) is in its cause.
			const cause = (error as { cause?: { code?: string; message?: string } }).cause;
			throw new Error(`${method} ${path}: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`);
		}
		if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** Executions of a workflow, newest first, with their run data. */
	async executions(workflowId: string): Promise<Execution[]> {
		const page = (await this.api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=50`)) as { data: Execution[] };
		return page.data;
	}

	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<Execution[]> {
		return waitFor(
			`${count} finished execution(s) of workflow ${workflowId}`,
			async () => {
				const list = (await this.executions(workflowId)).filter((e) => e.finished || e.status === 'error' || e.status === 'crashed');
				return list.length >= count ? list : undefined;
			},
			timeoutMs,
			500,
		);
	}

	logText(which: 'main' | 'worker' | 'cli'): string {
		const file = { main: this.mainLog, worker: this.workerLog, cli: this.cliLog }[which];
		if (!file) return '';
		try {
			return readFileSync(file, 'utf8');
		} catch {
			return '';
		}
	}
}

export interface Execution {
	id: string;
	finished: boolean;
	mode: string;
	status: string;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>; error?: unknown } };
}

/**
 * `execute --rawOutput` prints log lines, then the run as pretty-printed JSON (n8n 1.x also prints an error text
 * after it), so the document is from the first line that is `{` to the first line that is exactly `}`.
 */
function rawJson(output: string): unknown {
	const lines = output.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) return undefined;
	const end = lines.indexOf('}', start);
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}
