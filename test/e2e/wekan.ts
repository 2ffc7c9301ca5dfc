/**
 * Wekan-compatible servers for the end-to-end run, in this process: each one seeded with the demo's board (the
 * board the example workflows are written for), and allowed to deliver webhooks to loopback, where n8n listens.
 * Being in-process, the test can act "as a person in Wekan's web UI" (`wekan.ui.*`, which fires real outgoing
 * webhooks, unlike REST writes) and look at Wekan's state directly.
 */
import { DEMO_ADMIN, type DemoSeed, seedDemo } from '../../demo/seed';
import { type RunningWekanServer, startWekanServer } from '../wekan-server/server';

export interface SeededWekan {
	server: RunningWekanServer;
	seed: DemoSeed;
	/** The credential data n8n stores for this server (the demo's site admin). */
	credential: Record<string, unknown>;
}

const servers: RunningWekanServer[] = [];

export async function startSeededWekan(): Promise<SeededWekan> {
	const server = await startWekanServer({ allowLoopbackWebhooks: true });
	servers.push(server);
	const seed = seedDemo(server.wekan);
	return {
		server,
		seed,
		credential: {
			url: server.url,
			authentication: 'password',
			login: DEMO_ADMIN.username,
			password: DEMO_ADMIN.password,
			ignoreSslIssues: false,
		},
	};
}

export async function closeAllWekan(): Promise<void> {
	await Promise.all(servers.splice(0).map((s) => s.close().catch(() => undefined)));
}
