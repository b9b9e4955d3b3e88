import type { BatchResponse } from 'drizzle-orm/batch';
import type { AtomicStatements, Database, Db } from './database.ts';
import * as schema from './schema/sqlite.ts';

/**
 * What every file-backed adapter sets, in this order: wait up to 5 s for a
 * lock before failing, let readers run beside the one writer, fsync at
 * checkpoints rather than on every commit (safe in WAL mode), and enforce
 * foreign keys, which SQLite leaves off by default.
 */
export const filePragmas = [
  'busy_timeout = 5000',
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
] as const;

/** The part of a Drizzle query that runs it synchronously (sync drivers only). */
interface SyncRunnable {
  prepare(): { execute(): { sync(): unknown } };
}

/**
 * A Database over a synchronous driver (bun:sqlite, better-sqlite3). The
 * statements run inside one native transaction without yielding to the event
 * loop, so no other request's statement can slip in between them.
 */
export function syncDatabase(db: Db): Database {
  return {
    dialect: 'sqlite',
    db,
    schema,
    async atomically<T extends AtomicStatements>(build: (db: Db) => T) {
      const run = () => build(db).map((statement) => (statement as unknown as SyncRunnable).prepare().execute().sync());
      // IMMEDIATE takes the write lock up front (waiting up to busy_timeout),
      // where DEFERRED could fail mid-way when another connection wrote first.
      return db.transaction(run, { behavior: 'immediate' }) as BatchResponse<T>;
    },
  };
}
