import type { BatchResponse } from 'drizzle-orm/batch';
import type { AtomicStatement, Database, Db } from './database.ts';

/**
 * One write statement on its own (a delete, a token issued or revoked). On a
 * synchronous driver it joins the turn's group commit as any `atomically`
 * does: one COMMIT, and one fsync at SQLITE_SYNCHRONOUS=full, for the turn's
 * writes, and its answer only after that COMMIT. Elsewhere it runs as it is:
 * a transaction or a batch around a single statement only adds round trips.
 */
export async function writeOne<S extends AtomicStatement>(database: Database, build: (db: Db) => S): Promise<BatchResponse<[S]>[0]> {
  if (!database.synchronous) return (await build(database.db)) as BatchResponse<[S]>[0];
  const [result] = await database.atomically((db) => [build(db)] as [S]);
  return result;
}
