import type { Database } from '@anywhere/core';
import { sql, type SQL } from 'drizzle-orm';

// What a live database says about itself, from its own catalog: the dialect
// shows through here, and only here.

type Rows = Record<string, unknown>[];

/** The parts of a Drizzle Postgres database these queries need (core types every database in the SQLite dialect). */
interface PgLike {
  /** node-postgres and PGlite answer `{ rows }`; postgres.js, the rows themselves. */
  execute(query: SQL): Promise<{ rows: Rows } | Rows>;
  transaction<T>(run: (tx: PgLike) => Promise<T>): Promise<T>;
}

const execute = async (db: PgLike, query: SQL): Promise<Rows> => {
  const result = await db.execute(query);
  return Array.isArray(result) ? result : result.rows;
};

async function rows<T>({ dialect, db }: Database, query: SQL): Promise<T[]> {
  if (dialect === 'postgres') return (await execute(db as unknown as PgLike, query)) as T[];
  return db.all<T>(query);
}

// Drizzle's bookkeeping, SQLite's own and D1's (which a Worker may not even read) are not the schema's.
const sqliteTables = sql.raw(
  "where m.type = 'table' and m.name not like 'sqlite%' and m.name not like '%drizzle%' and m.name not like '\\_cf\\_%' escape '\\' and m.name <> 'd1_migrations'",
);

/** The tables and columns a live database has, as `{ table: ['column not null', …] }`. */
export async function liveColumns(database: Database): Promise<Record<string, string[]>> {
  const query =
    database.dialect === 'postgres'
      ? sql`select table_name, column_name, is_nullable = 'NO' as not_null from information_schema.columns
            where table_schema = current_schema() and table_name not like '%drizzle%'`
      : sql`select m.name as table_name, p.name as column_name, p."notnull" as not_null
            from sqlite_master m join pragma_table_info(m.name) p ${sqliteTables}`;
  const tables: Record<string, string[]> = {};
  for (const row of await rows<{ table_name: string; column_name: string; not_null: unknown }>(database, query)) {
    (tables[row.table_name] ??= []).push(`${row.column_name}${row.not_null ? ' not null' : ''}`);
  }
  for (const columns of Object.values(tables)) columns.sort();
  return tables;
}

/** How the database declares each column: `{ 'posts.id': 'bigint identity always', … }`. */
export async function columnTypes(database: Database): Promise<Record<string, string>> {
  const query =
    database.dialect === 'postgres'
      ? sql`select table_name || '.' || column_name as name,
              data_type || case when is_identity = 'YES' then ' identity ' || lower(identity_generation) else '' end as type
            from information_schema.columns where table_schema = current_schema()`
      : sql`select m.name || '.' || p.name as name, lower(p.type) as type
            from sqlite_master m join pragma_table_info(m.name) p ${sqliteTables}`;
  return Object.fromEntries((await rows<{ name: string; type: string }>(database, query)).map((row) => [row.name, row.type]));
}

/** The plan the database picks for the first newest-first page, as text. */
export async function newestFirstPlan(database: Database, { deep = false } = {}): Promise<string> {
  // A deep page is the keyset condition the API sends with a cursor: a row-value comparison.
  const before = database.dialect === 'postgres' ? sql`(now(), 2147483647)` : sql`(9999999999999, 9007199254740991)`;
  const after = deep ? sql` and (created_at, id) < ${before}` : sql``;
  const page = sql`select id from posts where status = 'published'${after} order by created_at desc, id desc limit 21`;
  if (database.dialect !== 'postgres') {
    const plan = await rows<{ detail: string }>(database, sql`explain query plan ${page}`);
    return plan.map((step) => step.detail).join('\n');
  }
  // A near-empty table is cheaper to scan than to read by index; forbid the scan to see the index the planner can use.
  return (database.db as unknown as PgLike).transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const plan = await execute(tx, sql`explain ${page}`);
    return plan.map((step) => String(step['QUERY PLAN'])).join('\n');
  });
}
