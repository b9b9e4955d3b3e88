import { schema, type Database, type DatabaseAdapter } from '@anywhere/core';
import { drizzle } from 'drizzle-orm/d1';

export interface D1Env {
  DB: D1Database;
}

/** One migration as wrangler reads it from the migrations folder. */
export interface D1Migration {
  name: string;
  queries: string[];
}

/**
 * D1 through its per-request binding. `migrations` are applied by `migrate()`
 * and recorded in wrangler's own `d1_migrations` table, so the two agree on
 * what has run. A deployed Worker passes none: there, `wrangler d1 migrations
 * apply` does it before the code ships.
 */
export function createD1Adapter(migrations: readonly D1Migration[] = []): DatabaseAdapter<D1Env> {
  const handles = new WeakMap<D1Database, Database>();

  const connect = ({ DB }: D1Env): Database => {
    let database = handles.get(DB);
    if (!database) {
      const db = drizzle(DB);
      // D1 runs a batch as one transaction: all statements or none.
      database = { dialect: 'sqlite', db, schema, atomically: (build) => db.batch(build(db)) };
      handles.set(DB, database);
    }
    return database;
  };

  const migrate = async ({ DB }: D1Env) => {
    await DB.exec(
      'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
    );
    const { results } = await DB.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
    const applied = new Set(results.map((row) => row.name));
    for (const { name, queries } of migrations) {
      if (applied.has(name)) continue;
      const record = DB.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(name);
      await DB.batch([...queries.map((query) => DB.prepare(query)), record]);
    }
  };

  return { name: 'd1', connect, migrate, close: async () => {} };
}
