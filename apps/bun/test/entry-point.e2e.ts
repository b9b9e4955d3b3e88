import { describeServerEntryPoint } from '@anywhere/contract/entry-point';
import { createTestDatabase, whyNoPostgres } from '@anywhere/contract/postgres-server';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The Bun binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'bun', command: createRequire(import.meta.url).resolve('bun/bin/bun.exe') };
const app = new URL('..', import.meta.url);

describeServerEntryPoint({ adapter: 'bun', runtime, app });
describeServerEntryPoint({ adapter: 'pglite', runtime, app, database: async (dir) => ({ url: `pglite:${join(dir, 'pg')}` }) });
describeServerEntryPoint({ adapter: 'postgres', runtime, app, database: () => createTestDatabase('bun'), unavailable: await whyNoPostgres() });
