import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// n8n's default community-node config (with the n8n Cloud rules), applied to everything that ships: nodes/,
// credentials/ and package.json. The folders below hold the tests, the Wekan-compatible test server, the benchmark,
// the demo and repository scripts; none of it is published, and all of it needs Node APIs (files, sockets, timers,
// `process`) that the Cloud rules forbid in a node. See "Lint and n8n's strict mode" in CONTRIBUTING.md.
export default [globalIgnores(['test/', 'bench/', 'demo/', 'scripts/']), ...config];
