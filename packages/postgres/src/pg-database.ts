import type { AtomicStatements, Database, Db, Schema } from '@anywhere/core';
import * as pgSchema from '@anywhere/core/schema/pg';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

type AnyPgDatabase = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/**
 * A Database over any Drizzle Postgres driver. Core's queries are written in
 * Drizzle's shared builder API and typed in the SQLite dialect; the Postgres
 * tables infer the same rows (core's schema/parity.ts), so the casts below
 * are where the two meet, and nowhere else.
 */
export function pgDatabase(db: AnyPgDatabase): Database {
  return {
    dialect: 'postgres',
    db: db as unknown as Db,
    schema: pgSchema as unknown as Schema,
    // A real transaction: the statements are built on it, so they run inside it, in order.
    atomically: <T extends AtomicStatements>(build: (db: Db) => T) =>
      db.transaction(async (tx) => {
        const results: unknown[] = [];
        for (const statement of build(tx as unknown as Db)) results.push(await statement);
        return results as BatchResponse<T>;
      }),
  };
}
