import { describeServerEntryPoint } from '@anywhere/contract/entry-point';
import { createTestDatabase, whyNoPostgres } from '@anywhere/contract/postgres-server';
import { join } from 'node:path';

// The Node binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'node', command: process.execPath };
const app = new URL('..', import.meta.url);

describeServerEntryPoint({ adapter: 'node', runtime, app });
describeServerEntryPoint({ adapter: 'pglite', runtime, app, database: async (dir) => ({ url: `pglite:${join(dir, 'pg')}` }) });
describeServerEntryPoint({ adapter: 'postgres', runtime, app, database: () => createTestDatabase('node'), unavailable: await whyNoPostgres() });
