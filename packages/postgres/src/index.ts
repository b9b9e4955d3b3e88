import type { DatabaseAdapter, DatabaseTarget } from '@anywhere/core';
import { createPgliteAdapter } from './pglite.ts';
import { createPostgresAdapter } from './server.ts';

export { createPgliteAdapter } from './pglite.ts';
export { createPostgresAdapter } from './server.ts';

/** The Postgres adapter a DATABASE_URL names: pglite:<dir> or postgres://… */
export function openPostgres(target: Exclude<DatabaseTarget, { kind: 'sqlite' }>): DatabaseAdapter {
  return target.kind === 'pglite' ? createPgliteAdapter(target.dataDir) : createPostgresAdapter(target.url, { poolMax: target.poolMax });
}
