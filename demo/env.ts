import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps its instance settings under N8N_USER_FOLDER (default ~/.n8n) and logs failing nodes unless silenced.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-wekan-demo-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
