import BetterSqlite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseAdapter, type DatabaseTarget, type Synchronous } from '@anywhere/core';
import { sqliteMigrations } from '@anywhere/core/migrations';
import { compileOnce, filePragmas, syncDatabase } from '@anywhere/core/sync-sqlite';
import { openPostgres } from '@anywhere/postgres';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/** The database DATABASE_URL names: an SQLite file through better-sqlite3, or Postgres. */
export const openDatabase = (target: DatabaseTarget): DatabaseAdapter =>
  target.kind === 'sqlite' ? createBetterSqliteAdapter(target.path, { synchronous: target.synchronous }) : openPostgres(target);

// A better-sqlite3 statement remembers raw() mode; Drizzle sets it when it wants arrays, not back.
const reuse = (statement: BetterSqlite.Statement) => void (statement.reader && statement.raw(false));

/** better-sqlite3 on one file, shared by every request; writes are group-committed. */
export function createBetterSqliteAdapter(path: string, { synchronous }: { synchronous?: Synchronous } = {}): DatabaseAdapter {
  mkdirSync(dirname(path), { recursive: true });
  const client = new BetterSqlite(path);
  for (const pragma of filePragmas(synchronous)) client.pragma(pragma);
  const db = drizzle({ client: compileOnce(client, { reuse }) });
  const database = syncDatabase(db, client, { nextTurn: setImmediate, synchronous });

  return {
    name: 'better-sqlite3',
    connect: () => database,
    groupRead: database.groupRead,
    migrate: async () => migrate(db, { migrationsFolder: fileURLToPath(sqliteMigrations) }),
    close: async () => {
      database.flush();
      client.close();
    },
  };
}
