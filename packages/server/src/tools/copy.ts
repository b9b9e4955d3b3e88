import { asc, count, getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { AtomicStatement, AtomicStatements, Database, Db, Schema } from '@anywhere/core';

/** Parents before children, so every foreign key finds its row. */
const tablesInOrder = (schema: Schema) => [schema.authors, schema.tokens, schema.posts, schema.postTags];
const withIds = ['authors', 'posts'] as const;
const chunkSize = 500;

export interface CopyResult {
  /** Rows copied, per table. */
  rows: Record<string, number>;
}

/**
 * Copies every row of every table from an SQLite `source` into an empty,
 * migrated Postgres `target`, keeping ids, in one all-or-nothing write. Ids
 * the target hands out next continue after the highest the source ever
 * handed out (AUTOINCREMENT remembers deleted ones), so no id is reused.
 */
export async function copyDatabase(source: Database, target: Database): Promise<CopyResult> {
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres') {
    throw new Error('Copies from an SQLite database into a Postgres one (PGlite or a server).');
  }
  const [existing] = await target.db.select({ authors: count() }).from(target.schema.authors);
  if (existing && existing.authors > 0) throw new Error('The target database is not empty: copy into a fresh one.');

  const data = await Promise.all(
    tablesInOrder(source.schema).map(async (table) => {
      const primaryKey = Object.values(getTableColumns(table)).filter((column) => column.primary);
      const order = (primaryKey.length ? primaryKey : Object.values(getTableColumns(table))).map((column) => asc(column));
      return { name: getTableName(table), rows: (await source.db.select().from(table).orderBy(...order)) as Record<string, unknown>[] };
    }),
  );
  const nextIds = await Promise.all(withIds.map(async (name) => ({ name, next: (await highestId(source, name)) + 1 })));

  await target.atomically((db) => {
    const inserts = tablesInOrder(target.schema).flatMap((table, index) => {
      const rows = data[index]!.rows;
      return Array.from({ length: Math.ceil(rows.length / chunkSize) }, (_, chunk) =>
        insertKeepingIds(db, table).values(rows.slice(chunk * chunkSize, (chunk + 1) * chunkSize) as never),
      );
    });
    const sequences = nextIds.map(({ name, next }) => restartIdentity(db, name, next));
    return [...inserts, ...sequences] as unknown as AtomicStatements;
  });
  return { rows: Object.fromEntries(data.map(({ name, rows }) => [name, rows.length])) };
}

/** The highest id an SQLite table ever handed out, deleted rows included (sqlite_sequence), or 0. */
async function highestId({ db }: Database, table: (typeof withIds)[number]): Promise<number> {
  const [row] = await db.values<[number | null]>(
    sql`select max(seq) from (select seq from sqlite_sequence where name = ${table} union all select max(id) from ${sql.identifier(table)})`,
  );
  return Number(row?.[0] ?? 0);
}

/** Postgres identity columns refuse explicit ids unless told to take them. */
function insertKeepingIds(db: Db, table: ReturnType<typeof tablesInOrder>[number]) {
  const builder = db.insert(table as Schema['authors']);
  return (builder as unknown as { overridingSystemValue(): typeof builder }).overridingSystemValue();
}

function restartIdentity(db: Db, table: string, next: number): AtomicStatement {
  const statement = sql`alter table ${sql.identifier(table)} alter column id restart with ${sql.raw(String(next))}`;
  return (db as unknown as { execute(query: SQL): AtomicStatement }).execute(statement);
}
