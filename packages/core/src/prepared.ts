import { Column, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from './database.ts';

// Hot queries are built and prepared once per database, then run with
// placeholders: Drizzle builds SQL and the driver compiles it once, instead
// of on every request (measured: the difference between 6,000 and tens of
// thousands of requests a second).

/** A value made once per Database, on first use. */
export function perDatabase<T>(make: (database: Database) => T): (database: Database) => T {
  const made = new WeakMap<Database, T>();
  return (database) => {
    let value = made.get(database);
    if (value === undefined) made.set(database, (value = make(database)));
    return value;
  };
}

interface Preparable<P> {
  prepare(): P;
}

/** Prepares a query; Postgres names its statements, so each connection parses it once. */
export const prepare = <P>({ dialect }: Database, query: Preparable<P>, name: string): P =>
  dialect === 'postgres' ? (query as unknown as { prepare(name: string): P }).prepare(name) : query.prepare();

/** A prepared query's run: a promise from an async driver, a thenable with `sync()` from a synchronous one. */
interface Executable {
  execute(values?: Record<string, unknown>): unknown;
}

/**
 * Runs a prepared query, synchronously where the driver is: bun:sqlite and
 * better-sqlite3 answer at once, so a read needs no trip through the
 * microtask queue and the whole request can be answered in one go.
 */
export function execute<T>(query: Executable, values?: Record<string, unknown>): T | Promise<T> {
  const result = query.execute(values) as { sync?: () => T } | Promise<T>;
  return 'sync' in result && typeof result.sync === 'function' ? result.sync() : (result as Promise<T>);
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** A flat selection: column or SQL expression by name, in the order the SELECT lists them. */
export type Selection = Record<string, Column | SQL>;

// An SQL expression's decoder is what `.mapWith()` set (Drizzle keeps it untyped on the SQL; a pass-through otherwise).
const decoderOf = (field: Column | SQL): Decoder => (field instanceof Column ? field : (field as unknown as { decoder: Decoder }).decoder);

/**
 * Turns a driver's row (an array, in selection order) into the object Drizzle
 * would make, with each column's own decoder. Drizzle's mapResultRow does
 * the same for any shape of selection, and for a flat one spends most of its
 * time finding out what each field is (measured: a third of reading a post on
 * Bun); this decides that once per query.
 */
function rowReader<T>(selection: Selection): (row: unknown[]) => T {
  const fields = Object.entries(selection).map(([name, field]): [string, Decoder] => [name, decoderOf(field)]);
  return (row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const [name, decoder] = fields[i]!;
      const value = row[i];
      record[name] = value === null ? null : decoder.mapFromDriverValue(value);
    }
    return record as T;
  };
}

interface SqlitePrepared {
  values(values?: Record<string, unknown>): unknown[][] | Promise<unknown[][]>;
}

/**
 * A prepared read of `selection`, run with placeholder values: on SQLite as
 * raw rows decoded by `rowReader` (synchronously on a synchronous driver),
 * on Postgres as Drizzle's own mapped rows.
 */
export function preparedRows<T>(database: Database, query: Preparable<unknown>, name: string, selection: Selection) {
  if (database.dialect === 'postgres') {
    const prepared = prepare(database, query, name) as Executable;
    return (values?: Record<string, unknown>) => prepared.execute(values) as Promise<T[]>;
  }
  const prepared = query.prepare() as SqlitePrepared;
  const read = rowReader<T>(selection);
  return (values?: Record<string, unknown>): T[] | Promise<T[]> => {
    const rows = prepared.values(values);
    return rows instanceof Promise ? rows.then((found) => found.map(read)) : rows.map(read);
  };
}

/** The part of a Drizzle prepared query that runs it with values: a thenable with `sync()` on a synchronous driver. */
interface PreparedWrite {
  execute(values: Record<string, unknown>): unknown;
}

/** What a write's builder builds on: the handle `atomically` gives (a Postgres transaction's own), its dialect and tables. */
export type WriteHandle = Pick<Database, 'db' | 'dialect' | 'schema'>;

/** Every value a write's builder reads stands for a placeholder of the same name. */
const placeholders = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? sql.placeholder(name) : undefined) });

/**
 * A write statement for `atomically`, from a builder that reads each value
 * from `values` by name (spreading `values` reads nothing: name each field).
 * On a synchronous driver the builder runs once, with placeholders, and each
 * call only binds its values: Drizzle builds no SQL per request. D1's batch
 * and a Postgres transaction take statements built with their values, so
 * there the same builder runs per call, on the handle `atomically` gives.
 */
export function preparedWrite<V extends object, Q>(build: (on: WriteHandle, values: V) => Q) {
  const once = perDatabase((database) => (build(database, placeholders as V) as Preparable<PreparedWrite>).prepare());
  return (database: Database, db: Db, values: V): Q => {
    if (!database.synchronous) return build({ db, dialect: database.dialect, schema: database.schema }, values);
    const prepared = once(database);
    // Shaped as what syncDatabase runs (statement.prepare().execute().sync()), typed as the builder's
    // statement so `atomically` types its result; only a synchronous Database ever receives it.
    return { prepare: () => ({ execute: () => prepared.execute(values as Record<string, unknown>) }) } as Q;
  };
}
