import { createTestDatabase, whyNoPostgres } from '@anywhere/contract/postgres-server';
import { describeCrashSafety } from '@anywhere/contract/reliability/crash-safety';
import { describeOneProcessOnly, describeSeveralProcesses } from '@anywhere/contract/reliability/several-processes';
import { describeClientGone } from '@anywhere/contract/reliability/client-gone';
import { describeSlowBodies } from '@anywhere/contract/reliability/slow-bodies';
import { describeSlowClients } from '@anywhere/contract/reliability/slow-clients';
import { join } from 'node:path';

// The Node binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'node', command: process.execPath };
const app = new URL('..', import.meta.url);
const pglite = async (dir: string) => ({ url: `pglite:${join(dir, 'pg')}` });

describeSeveralProcesses({ adapter: 'node', runtime, app });
describeOneProcessOnly({ adapter: 'pglite', runtime, app, database: pglite });
describeCrashSafety({ adapter: 'node', runtime, app });
describeCrashSafety({ adapter: 'pglite', runtime, app, database: pglite });
describeCrashSafety({ adapter: 'postgres', runtime, app, database: () => createTestDatabase('node_crash'), unavailable: await whyNoPostgres() });
describeSlowClients({ adapter: 'node', runtime, app });
describeSlowBodies({ adapter: 'node', runtime, app });
describeSlowBodies({ adapter: 'node', runtime, app, processes: 2 });
describeClientGone({ adapter: 'node', runtime, app });
