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

/** The part of bun:sqlite's and better-sqlite3's clients that compiles SQL. */
interface Compiler {
  prepare(sql: string): unknown;
}

/**
 * Makes the client compile each distinct SQL text once: Drizzle asks the
 * driver to prepare every query it runs, and compiling costs more than
 * running (measured: a sixth of a POST). Statements of a synchronous driver
 * are never in use by two callers at once, so sharing them is safe. The
 * cache is bounded: SQL texts are few (values are parameters), but IN lists
 * vary in length.
 */
export function compileOnce<C extends Compiler>(client: C, { size = 500, reuse }: { size?: number; reuse?: (statement: never) => void } = {}): C {
  const compile = client.prepare.bind(client);
  const compiled = new Map<string, unknown>();
  client.prepare = (sql: string) => {
    let statement = compiled.get(sql);
    if (statement === undefined) {
      if (compiled.size >= size) compiled.delete(compiled.keys().next().value!);
      compiled.set(sql, (statement = compile(sql)));
    } else reuse?.(statement as never);
    return statement;
  };
  return client;
}

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
