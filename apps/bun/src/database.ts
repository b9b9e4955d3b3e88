import { Database as BunSqlite, type Statement } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseAdapter, DatabaseTarget, Synchronous } from '@anywhere/core';
import { pgMigrations, sqliteMigrations } from '@anywhere/core/migrations';
import { compileOnce, filePragmas, syncDatabase } from '@anywhere/core/sync-sqlite';
import { openPostgres, type PostgresOptions } from '@anywhere/postgres';
import { drizzle } from 'drizzle-orm/bun-sqlite';
import { migrate } from 'drizzle-orm/bun-sqlite/migrator';

export interface OpenOptions {
  /** Where the migrations are, when not beside core's source (a single executable embeds them). */
  migrations?: { sqlite: string; pg: string };
  pglite?: PostgresOptions['pglite'];
}

/** The database DATABASE_URL names: an SQLite file through bun:sqlite, or Postgres. */
export function openDatabase(target: DatabaseTarget, { migrations, pglite }: OpenOptions = {}): DatabaseAdapter {
  if (target.kind === 'sqlite') return createBunSqliteAdapter(target.path, { migrationsFolder: migrations?.sqlite, synchronous: target.synchronous });
  return openPostgres(target, { migrationsFolder: migrations?.pg ?? fileURLToPath(pgMigrations), pglite });
}

export interface SqliteOptions {
  migrationsFolder?: string | undefined;
  synchronous?: Synchronous;
}

/** bun:sqlite on one file, shared by every request; writes are group-committed. */
export function createBunSqliteAdapter(path: string, { migrationsFolder = fileURLToPath(sqliteMigrations), synchronous }: SqliteOptions = {}): DatabaseAdapter {
  mkdirSync(dirname(path), { recursive: true });
  const client = new BunSqlite(path, { create: true, strict: true });
  for (const pragma of filePragmas(synchronous)) client.run(`PRAGMA ${pragma}`);
  // A statement left unfinalized keeps the connection open past close(), and with it the -wal file beside the database.
  const compiled = compileOnce(client, { release: (statement: Statement) => statement.finalize() });
  const db = drizzle({ client: compiled });
  const database = syncDatabase(db, client, { nextTurn: setImmediate, synchronous });

  return {
    name: 'bun-sqlite',
    connect: () => database,
    groupRead: database.groupRead,
    migrate: async () => migrate(db, { migrationsFolder }),
    close: async () => {
      database.flush();
      compiled.releaseAll();
      client.close();
    },
  };
}
