/**
 * A pass-through HTTP proxy in front of the Wekan test server that records each request's method, path, headers
 * and parsed JSON body, for tests that must see what the node sent (the server's log keeps no bodies). An `answer`
 * function may answer a request itself instead of forwarding it, to replay an answer Wekan gives to some other
 * request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}

/** An HTTP answer as it goes over the wire. */
export interface RecordedAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export interface ProxyOptions {
	/** An answer for this request, or undefined to forward it. */
	answer?: (request: RecordedRequest) => RecordedAnswer | undefined;
}

export interface RecordingProxy {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export async function startRecordingProxy(target: string, options: ProxyOptions = {}): Promise<RecordingProxy> {
	const requests: RecordedRequest[] = [];
	const upstream = new URL(target);
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let body: unknown = raw.length ? raw.toString('utf8') : undefined;
			try {
				if (typeof body === 'string') body = JSON.parse(body);
			} catch {
				// Not JSON: keep the text.
			}
			const url = new URL(req.url ?? '/', 'http://x');
			const recorded = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
			requests.push(recorded);
			const answer = options.answer?.(recorded);
			if (answer) {
				res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
				res.end(answer.body);
				return;
			}
			const forward = http.request(
				{
					hostname: upstream.hostname,
					port: upstream.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: upstream.host },
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			forward.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** What the server at `url` answers to a request, exactly (status, headers, body), to replay it elsewhere. */
export async function answerOf(url: string, method: string, path: string, body: unknown, token?: string): Promise<RecordedAnswer> {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (token) headers.Authorization = `Bearer ${token}`;
	const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const kept: Record<string, string> = {};
	for (const [name, value] of response.headers) if (!['content-length', 'connection', 'keep-alive', 'date'].includes(name)) kept[name] = value;
	return { status: response.status, headers: kept, body: await response.text() };
}
