import type { DatabaseAdapter, DatabaseTarget } from '@anywhere/core';
import { createPgliteAdapter } from './pglite.ts';
import { createPostgresAdapter } from './server.ts';

export { createPgliteAdapter } from './pglite.ts';
export { createPostgresAdapter } from './server.ts';

export interface PostgresOptions {
  /** Where the Postgres migrations are, when not beside core's source (a bundle, a single executable). */
  migrationsFolder?: string;
  /** PGlite's WASM modules and file system bundle, for a single executable that embeds them. */
  pglite?: Parameters<typeof createPgliteAdapter>[1];
}

/** The Postgres adapter a DATABASE_URL names: pglite:<dir> or postgres://… */
export function openPostgres(
  target: Exclude<DatabaseTarget, { kind: 'sqlite' }>,
  { migrationsFolder, pglite }: PostgresOptions = {},
): DatabaseAdapter {
  const folder = migrationsFolder === undefined ? {} : { migrationsFolder };
  return target.kind === 'pglite'
    ? createPgliteAdapter(target.dataDir, { ...pglite, ...folder })
    : createPostgresAdapter(target.url, { poolMax: target.poolMax, ...folder });
}
