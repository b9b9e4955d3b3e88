import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { DatabaseAdapter } from '@anywhere/core';
import { pgMigrations } from '@anywhere/core/migrations';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pgDatabase } from './pg-database.ts';

/**
 * PGlite (Postgres compiled to WASM) in this process, its data in `dataDir`.
 *
 * It is one connection: PGlite runs every query and transaction under one
 * mutex, so concurrent requests take turns. Nothing here may wait on that
 * mutex while holding it: a transaction's statements are built on the
 * transaction's own handle (Database.atomically), never on the client.
 */
export function createPgliteAdapter(
  dataDir: string,
  {
    migrationsFolder = fileURLToPath(pgMigrations),
    ...options
  }: { migrationsFolder?: string } & Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'> = {},
): DatabaseAdapter {
  // PGlite creates the directory itself, but not its parents.
  mkdirSync(dataDir, { recursive: true });
  // A single executable passes the WASM modules and file system bundle it embeds (pglite#414, #478).
  const client = new PGlite(dataDir, options);
  const db = drizzle({ client });
  const database = pgDatabase(db);

  return {
    name: 'pglite',
    connect: () => database,
    migrate: async () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}
