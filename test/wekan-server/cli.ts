/**
 * Runs the Wekan-compatible server from a shell:
 *   npm run wekan-server -- --port 3000 [--host 127.0.0.1] [--allow-loopback-webhooks] [--seed] [--control]
 * `--seed` adds a site admin (admin / admin-password) and a small board to start from; `--control` turns on the
 * control interface (control.ts: MongoDB operations on the collections, loopback only).
 */
import { CONTROL_PATH } from './control';
import { startWekanServer, type Wekan } from './server';

interface CliOptions {
	port: number;
	host: string;
	allowLoopbackWebhooks: boolean;
	seed: boolean;
	control: boolean;
}

function usage(message?: string): never {
	if (message) process.stderr.write(`${message}\n`);
	process.stderr.write('usage: npm run wekan-server -- --port 3000 [--host 127.0.0.1] [--allow-loopback-webhooks] [--seed] [--control]\n');
	process.exit(2);
}

function parseArgs(argv: string[]): CliOptions {
	const options: CliOptions = { port: 3000, host: '127.0.0.1', allowLoopbackWebhooks: false, seed: false, control: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.split('=', 2) as [string, string | undefined];
		const value = () => inline ?? argv[++i] ?? usage(`${name} needs a value`);
		switch (name) {
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port must be 0-65535');
				options.port = port;
				break;
			}
			case '--host':
				options.host = value();
				break;
			case '--allow-loopback-webhooks':
				options.allowLoopbackWebhooks = true;
				break;
			case '--seed':
				options.seed = true;
				break;
			case '--control':
				options.control = true;
				break;
			case '--help':
			case '-h':
				usage();
				break;
			default:
				usage(`unknown option ${arg}`);
		}
	}
	return options;
}

function seed(wekan: Wekan): string[] {
	const admin = wekan.createUser({ username: 'admin', email: 'admin@example.com', password: 'admin-password', fullname: 'Admin', isAdmin: true });
	const user = wekan.createUser({ username: 'user', email: 'user@example.com', password: 'user-password', fullname: 'User', isAdmin: false });
	const board = wekan.createBoard({ title: 'Demo', ownerId: admin._id });
	wekan.addBoardMember(board._id, user._id);
	const swimlaneId = wekan.defaultSwimlaneId(board._id)!;
	const lists = ['To Do', 'Doing', 'Done'].map((title, sort) => wekan.createList(board._id, title, swimlaneId, sort));
	wekan.createCard({ title: 'First card', boardId: board._id, listId: lists[0]._id, swimlaneId, userId: admin._id });
	return [
		'seeded: site admin "admin" / "admin-password", user "user" / "user-password"',
		`seeded: board "Demo" ${board._id} (swimlane ${swimlaneId}; lists ${lists.map((l) => l._id).join(', ')})`,
	];
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const server = await startWekanServer({
		port: options.port,
		host: options.host,
		allowLoopbackWebhooks: options.allowLoopbackWebhooks,
		control: options.control,
	});
	const lines = [`Wekan-compatible server listening on ${server.url}`];
	if (options.control) lines.push(`control interface: POST ${server.url}${CONTROL_PATH} (loopback only)`);
	if (options.seed) lines.push(...seed(server.wekan));
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`${signal}: stopping\n`);
		server.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	process.stderr.write(`wekan-server: ${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
