import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema/sqlite.ts';

/** Drizzle over any SQLite driver; a sync driver's queries are awaitable too. */
export type SqliteDb = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** A Drizzle query built but not yet run: an insert, update, delete or select. */
export type AtomicStatement = BatchItem<'sqlite'>;
export type AtomicStatements = readonly [AtomicStatement, ...AtomicStatement[]];

/** What a request gets from its adapter. */
export interface Database {
  readonly db: SqliteDb;
  /**
   * Runs every statement or none, in order, and returns each one's result.
   * D1 has no interactive transactions (BEGIN is rejected) and a sync driver
   * cannot await inside one, so an all-or-nothing write is a list of statements
   * built up front, never a callback.
   */
  atomically<T extends AtomicStatements>(statements: T): Promise<BatchResponse<T>>;
}

/** What differs between drivers, and nothing more. */
export interface DatabaseAdapter<Env = unknown> {
  /** 'bun-sqlite', 'better-sqlite3', 'd1', …: shows in logs. */
  readonly name: string;
  /** The database for one request: a D1 binding lives in `env`; file-backed drivers share one handle. */
  connect(env: Env): Database;
  /** Brings the schema to the newest migration; safe to repeat. */
  migrate(env: Env): Promise<void>;
  close(): Promise<void>;
}
