import type { Database } from './database.ts';

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
