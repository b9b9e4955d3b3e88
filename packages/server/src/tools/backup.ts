import { count, sql } from 'drizzle-orm';
import type { Database, DatabaseAdapter, DatabaseTarget } from '@anywhere/core';
import { describeTarget } from '../config.ts';

/** What `pnpm db:backup` prints, as one JSON line, once the snapshot is in place. */
export interface BackupReport {
  event: 'backup';
  path: string;
  bytes: number;
  posts: number;
  authors: number;
  integrity: 'ok';
  /** Just before the snapshot's read transaction began: every commit made before this instant is in it. */
  takenAt: string;
  durationMs: number;
}

/** The file work core cannot do itself (it imports no runtime): the command injects node:fs. */
export interface SnapshotFiles {
  /** fsync: the data reaches the disk before the file is renamed into place. */
  flush(path: string): Promise<void>;
  /** An atomic rename over `to`, then a flush of its folder, so the new name survives a crash too. */
  moveInto(from: string, to: string): Promise<void>;
  size(path: string): Promise<number>;
  remove(path: string): Promise<void>;
}

export interface SqliteBackupOptions {
  /** A connection to the live database; it only reads. */
  live: Database;
  /** Where the snapshot goes; an existing file there is replaced only by a checked snapshot. */
  target: string;
  /** A path beside `target` (same file system, so the rename is atomic) that does not exist yet. */
  temporary: string;
  /** Opens the finished copy to check it. */
  open(path: string): Pick<DatabaseAdapter, 'connect' | 'close'>;
  files: SnapshotFiles;
}

/**
 * An online, consistent snapshot of a live SQLite database into `target`.
 *
 * `VACUUM INTO` copies the database inside one read transaction, so the copy
 * is the database as of the moment that transaction began: every commit
 * before it, nothing after. In WAL mode a reader never blocks the writer,
 * so the live server keeps writing meanwhile. (The backup API copies pages in
 * steps and restarts whenever another connection writes between two of them,
 * so under steady writes it may never finish; VACUUM INTO is also plain SQL,
 * the same on every SQLite driver.) SQLite does not fsync the copy, so the
 * copy is checked, flushed, and only then renamed over `target`: a reader
 * of `target` sees the old snapshot or the new one, never half of one.
 */
export async function backupSqlite({ live, target, temporary, open, files }: SqliteBackupOptions): Promise<BackupReport> {
  const started = performance.now();
  try {
    // Read just before the transaction begins, so "before takenAt" implies "in the snapshot".
    const takenAt = new Date().toISOString();
    await live.db.run(sql`vacuum into ${temporary}`);
    const copy = open(temporary);
    let counts: SnapshotCounts;
    try {
      counts = await verifySnapshot(copy.connect(undefined));
    } finally {
      await copy.close();
    }
    await files.flush(temporary);
    await files.moveInto(temporary, target);
    const bytes = await files.size(target);
    return { event: 'backup', path: target, bytes, ...counts, integrity: 'ok', takenAt, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    await files.remove(temporary);
    throw error;
  }
}

export interface SnapshotCounts {
  posts: number;
  authors: number;
}

/**
 * Fails unless the copy passes `PRAGMA integrity_check` (every page, index
 * and constraint) and `foreign_key_check`; then counts what it holds.
 */
export async function verifySnapshot({ db, schema }: Database): Promise<SnapshotCounts> {
  const integrity = (await db.values<[string]>(sql`pragma integrity_check`)).map(([line]) => line);
  if (integrity.join() !== 'ok') throw new Error(`The snapshot failed its integrity check: ${integrity.join('; ')}`);
  const orphans = await db.values(sql`pragma foreign_key_check`);
  if (orphans.length > 0) throw new Error(`The snapshot has ${orphans.length} rows whose foreign key finds no row.`);
  const [[posts], [authors]] = await Promise.all([
    db.select({ rows: count() }).from(schema.posts),
    db.select({ rows: count() }).from(schema.authors),
  ]);
  return { posts: posts?.rows ?? 0, authors: authors?.rows ?? 0 };
}

/** What to use instead when DATABASE_URL names Postgres: `pnpm db:backup` copies SQLite files only. */
export function postgresBackupAdvice(target: Exclude<DatabaseTarget, { kind: 'sqlite' }>): string {
  if (target.kind === 'postgres') {
    return [
      'pnpm db:backup copies SQLite files. For a PostgreSQL server use its own tools, which take a consistent snapshot online:',
      `  pg_dump --format=custom --file=<target-file> '${describeTarget(target)}'`,
      '  pg_restore --clean --if-exists --dbname=<url> <target-file>     (to restore)',
    ].join('\n');
  }
  return [
    `pnpm db:backup copies SQLite files. A PGlite directory (${target.dataDir}) belongs to the one process serving it,`,
    'so no other process may open or copy it while the API runs. Stop the API, copy the directory, start it again:',
    `  cp -a ${target.dataDir} <target-directory>`,
    "To restore, stop the API, put the copy in the directory's place, and start it. (In code, PGlite's",
    'dumpDataDir() makes a tarball of a running instance that `new PGlite({ loadDataDir })` restores.)',
  ].join('\n');
}
