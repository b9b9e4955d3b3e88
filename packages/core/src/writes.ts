import type { BatchResponse } from 'drizzle-orm/batch';
import type { AtomicStatement, AtomicStatements, Database, Db } from './database.ts';

/**
 * Runs every statement `build` returns, all or none, as `atomically` does.
 * On a synchronous driver that joins the turn's group commit: one COMMIT, and
 * one fsync at SQLITE_SYNCHRONOUS=full, for the turn's writes, and the answer
 * only after that COMMIT. Elsewhere a single statement runs as it is: a
 * transaction or a batch around it only adds round trips.
 */
export async function writeAll<S extends AtomicStatements>(database: Database, build: (db: Db) => S): Promise<BatchResponse<S>> {
  if (!database.synchronous) {
    // Built on the shared handle first, only to count them: a builder runs no SQL until awaited.
    const statements = build(database.db);
    if (statements.length === 1) return [await statements[0]] as BatchResponse<S>;
  }
  return database.atomically(build);
}

/** One write statement on its own (a token issued or revoked): see writeAll. */
export async function writeOne<S extends AtomicStatement>(database: Database, build: (db: Db) => S): Promise<BatchResponse<[S]>[0]> {
  const [result] = await writeAll(database, (db) => [build(db)] as [S]);
  return result;
}
