import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as sqliteSchema from './schema/sqlite.ts';

/**
 * The tables as the SQLite schema types them. A Postgres database passes its
 * own tables (./schema/pg.ts), which infer the same rows (./schema/parity.ts):
 * the queries in core are written once, in Drizzle's shared builder API.
 */
export type Schema = typeof sqliteSchema;

/** Drizzle over any driver, typed in the SQLite dialect; a sync driver's queries are awaitable too. */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown>;

/** A Drizzle query built but not yet run: an insert, update, delete or select. */
export type AtomicStatement = BatchItem<'sqlite'>;
export type AtomicStatements = readonly [AtomicStatement, ...AtomicStatement[]];

/** What a request gets from its adapter. */
export interface Database {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  readonly schema: Schema;
  /**
   * Its queries answer at once (bun:sqlite, better-sqlite3): a write can then
   * be prepared once and run with each call's values (./prepared.ts), where
   * D1's batch and a Postgres transaction take statements built per call.
   * And `atomically` calls `build` inside its transaction, with the write lock
   * held: a read made there sees the data exactly as the write will find it.
   */
  readonly synchronous?: boolean;
  /**
   * Runs every statement `build` returns, in order, or none, and returns each
   * one's result. D1 has no interactive transactions (BEGIN is rejected) and a
   * sync driver cannot await inside one, so the statements are built up front;
   * `build` gets the handle to build them on (a Postgres transaction's own).
   */
  atomically<T extends AtomicStatements>(build: (db: Db) => T): Promise<BatchResponse<T>>;
  /**
   * Headers for the response, read once the handler has answered (error
   * responses included): D1 returns the session's bookmark here.
   */
  responseHeaders?(): Record<string, string> | undefined;
}

/** What `connect` may read of the request it serves: its headers. */
export interface RequestHeaders {
  header(name: string): string | undefined;
}

/** What differs between drivers, and nothing more. */
export interface DatabaseAdapter<Env = unknown> {
  /** 'bun-sqlite', 'better-sqlite3', 'd1', 'pglite', 'postgres': shows in logs. */
  readonly name: string;
  /**
   * The database for one request: a D1 binding lives in `env`; the others
   * share one handle or pool. `request` is absent below HTTP (tests, tools);
   * an adapter that reads a header from it and finds it malformed throws an
   * ApiError(400), which the app renders as a problem response.
   */
  connect(env: Env, request?: RequestHeaders): Database;
  /**
   * Runs read-only work on the next turn of the event loop, together with
   * the other reads given in this turn, in one read transaction: a
   * synchronous SQLite driver then takes its locks once per group instead of
   * once per read (./read-group.ts). Absent where reads gain nothing (D1,
   * Postgres).
   */
  groupRead?<T>(work: () => T): Promise<Awaited<T>>;
  /** Brings the schema to the newest migration; safe to repeat. */
  migrate(env: Env): Promise<void>;
  close(): Promise<void>;
}
