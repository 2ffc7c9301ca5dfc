/** What n8n-core needs before it loads: a user folder of its own and a quiet logger. Import this first. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-wekan-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
