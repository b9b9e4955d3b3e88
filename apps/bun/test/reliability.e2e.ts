import { createTestDatabase, whyNoPostgres } from '@anywhere/contract/postgres-server';
import { describeCrashSafety } from '@anywhere/contract/reliability/crash-safety';
import { describeOneProcessOnly, describeSeveralProcesses } from '@anywhere/contract/reliability/several-processes';
import { describeClientGone } from '@anywhere/contract/reliability/client-gone';
import { describeSlowBodies } from '@anywhere/contract/reliability/slow-bodies';
import { describeSlowClients } from '@anywhere/contract/reliability/slow-clients';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The Bun binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'bun', command: createRequire(import.meta.url).resolve('bun/bin/bun.exe') };
const app = new URL('..', import.meta.url);
const pglite = async (dir: string) => ({ url: `pglite:${join(dir, 'pg')}` });

describeSeveralProcesses({ adapter: 'bun', runtime, app });
describeOneProcessOnly({ adapter: 'pglite', runtime, app, database: pglite });
describeCrashSafety({ adapter: 'bun', runtime, app });
describeCrashSafety({ adapter: 'pglite', runtime, app, database: pglite });
describeCrashSafety({ adapter: 'postgres', runtime, app, database: () => createTestDatabase('bun_crash'), unavailable: await whyNoPostgres() });
// Bun (uWebSockets) closes a connection whose request headers are unfinished after its own 10 s,
// checked every 4 s (measured: 12 s), whatever idleTimeout says; nothing reaches JavaScript before.
const fixedHeadersLimit = { boundMs: 16_000, why: "Bun's own fixed limit on unfinished headers; HEADERS_TIMEOUT_MS does not change it" };
describeSlowClients({ adapter: 'bun', runtime, app, fixedHeadersLimit });
describeSlowBodies({ adapter: 'bun', runtime, app });
describeSlowBodies({ adapter: 'bun', runtime, app, processes: 2 });
describeClientGone({ adapter: 'bun', runtime, app });
