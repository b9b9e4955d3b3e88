import type { BatchResponse } from 'drizzle-orm/batch';
import type { Synchronous } from './config.ts';
import type { AtomicStatements, Database, DatabaseAdapter, Db } from './database.ts';
import { createGroupCommit, type GroupCommitOptions, type SyncConnection } from './group-commit.ts';
import { createReadGroup } from './read-group.ts';
import * as schema from './schema/sqlite.ts';

/**
 * What every file-backed adapter sets, in this order: wait up to 5 s for a
 * lock before failing, let readers run beside the one writer, fsync at
 * checkpoints only (`normal`, safe in WAL mode against a crashed process) or
 * at every commit too (`full`, safe against a power cut: SQLITE_SYNCHRONOUS),
 * and enforce foreign keys, which SQLite leaves off by default.
 */
export const filePragmas = (synchronous: Synchronous = 'normal') =>
  ['busy_timeout = 5000', 'journal_mode = WAL', `synchronous = ${synchronous.toUpperCase()}`, 'foreign_keys = ON'] as const;

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
export function compileOnce<C extends Compiler>(
  client: C,
  { size = 500, reuse, release }: { size?: number; reuse?: (statement: never) => void; release?: (statement: never) => void } = {},
): C & { releaseAll(): void } {
  const compile = client.prepare.bind(client);
  const compiled = new Map<string, unknown>();
  client.prepare = (sql: string) => {
    let statement = compiled.get(sql);
    if (statement === undefined) {
      // Only dropped, not released: a prepared query made once per database may still hold it.
      if (compiled.size >= size) compiled.delete(compiled.keys().next().value!);
      compiled.set(sql, (statement = compile(sql)));
    } else reuse?.(statement as never);
    return statement;
  };
  /** Releases every kept statement, for a driver that closes only once none is left: after the last query. */
  const releaseAll = () => {
    if (release) for (const statement of compiled.values()) release(statement as never);
    compiled.clear();
  };
  return Object.assign(client, { releaseAll });
}

/** The part of a Drizzle query that runs it synchronously (sync drivers only). */
interface SyncRunnable {
  prepare(): { execute(): { sync(): unknown } };
}

export interface SyncDatabase extends Database {
  /** Runs the reads and commits the writes waiting for their groups: call before closing the client. */
  flush(): void;
  /** Runs read-only work with the other reads of this turn, in one read transaction (./read-group.ts). */
  groupRead: NonNullable<DatabaseAdapter['groupRead']>;
}

/**
 * A Database over a synchronous driver (bun:sqlite, better-sqlite3) whose
 * writes are group-committed (./group-commit.ts): each `atomically` call's
 * statements run in their own savepoint, inside a transaction shared with the
 * other writes of the same event-loop turn, and its promise settles once that
 * transaction has committed. Reads given to `groupRead` share a read
 * transaction the same way (./read-group.ts).
 */
export function syncDatabase(db: Db, connection: SyncConnection, options: GroupCommitOptions & { synchronous?: Synchronous }): SyncDatabase {
  // At `full` every COMMIT waits for an fsync (1.3 ms here under load): a group that waits one more turn
  // for writes still arriving shares it more widely (measured on Bun: 10 writes a COMMIT → 16, POST +23 %).
  const group = createGroupCommit(connection, { gatherTurns: options.synchronous === 'full' ? 1 : 0, ...options });
  const reads = createReadGroup(connection, options);
  return {
    dialect: 'sqlite',
    db,
    schema,
    synchronous: true,
    atomically<T extends AtomicStatements>(build: (db: Db) => T) {
      return group.run(() => build(db).map((statement) => (statement as unknown as SyncRunnable).prepare().execute().sync()) as BatchResponse<T>);
    },
    groupRead: reads.run,
    flush() {
      reads.flush();
      group.flush();
    },
  };
}
