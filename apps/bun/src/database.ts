import { Database as BunSqlite } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseAdapter, type DatabaseTarget } from '@anywhere/core';
import { sqliteMigrations } from '@anywhere/core/migrations';
import { filePragmas, syncDatabase } from '@anywhere/core/sync-sqlite';
import { openPostgres } from '@anywhere/postgres';
import { drizzle } from 'drizzle-orm/bun-sqlite';
import { migrate } from 'drizzle-orm/bun-sqlite/migrator';

/** The database DATABASE_URL names: an SQLite file through bun:sqlite, or Postgres. */
export const openDatabase = (target: DatabaseTarget): DatabaseAdapter =>
  target.kind === 'sqlite' ? createBunSqliteAdapter(target.path) : openPostgres(target);

/** bun:sqlite on one file, shared by every request. */
export function createBunSqliteAdapter(path: string): DatabaseAdapter {
  mkdirSync(dirname(path), { recursive: true });
  const client = new BunSqlite(path, { create: true, strict: true });
  for (const pragma of filePragmas) client.run(`PRAGMA ${pragma}`);
  const db = drizzle({ client });
  const database = syncDatabase(db);

  return {
    name: 'bun-sqlite',
    connect: () => database,
    migrate: async () => migrate(db, { migrationsFolder: fileURLToPath(sqliteMigrations) }),
    close: async () => client.close(),
  };
}
