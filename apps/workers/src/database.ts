import { ApiError, bookmarkHeader, bookmarkPattern, schema, type Database, type DatabaseAdapter } from '@anywhere/core';
import { drizzle } from 'drizzle-orm/d1';
import { d1LimitsWatch } from './d1-limits.ts';
import { watchSession } from './d1-session.ts';

export interface D1Env {
  DB: D1Database;
  /** `strict`: refuse what D1 refuses but local D1 runs (d1-limits.ts); the tests set it. */
  D1_LIMITS?: string;
}

/** One migration as wrangler reads it from the migrations folder. */
export interface D1Migration {
  name: string;
  queries: string[];
}

/**
 * Drizzle's D1 driver calls only prepare() and batch(), which a session has,
 * but its types name only D1Database (drizzle-orm 0.45): a session, typed as
 * one, with the rest refusing plainly should anything ever call it.
 */
const notOnASession = () => {
  throw new Error('not available on a D1 session');
};

function asDatabase(session: D1DatabaseSession): D1Database {
  return {
    prepare: (query) => session.prepare(query),
    batch: (statements) => session.batch(statements),
    exec: notOnASession,
    dump: notOnASession,
    withSession: notOnASession,
  };
}

/**
 * A well-formed bookmark D1 itself refuses (another database's) is the
 * client's error, not ours. D1 does not document its words for it, so any
 * D1 error that names the bookmark counts.
 */
function refusedBookmark(error: unknown): unknown {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : '';
  return /bookmark/i.test(text) ? new ApiError(400, `D1 refused the ${bookmarkHeader} sent: it is not a position of this database.`) : error;
}

/**
 * D1 through its per-request binding, one Sessions API session per request
 * (read replication): reads may be served by any replica, writes go to the
 * primary, and the request's X-D1-Bookmark, when sent, makes every read at
 * least as new as the response it came from. The response carries the
 * session's bookmark.
 *
 * `migrations` are applied by `migrate()` and recorded in wrangler's own
 * `d1_migrations` table, so the two agree on what has run. A deployed Worker
 * passes none: there, `wrangler d1 migrations apply` does it before the code
 * ships.
 */
export function createD1Adapter(migrations: readonly D1Migration[] = []): DatabaseAdapter<D1Env> {
  const connect = ({ DB, D1_LIMITS }: D1Env, request?: { header(name: string): string | undefined }): Database => {
    const sent = request?.header(bookmarkHeader);
    if (sent !== undefined && !bookmarkPattern.test(sent)) {
      throw new ApiError(400, `${bookmarkHeader} must be a bookmark this API returned (four hex fields, like 0000000a-00000003-00000000-…); send none to read without one.`);
    }
    const session = watchSession(DB.withSession(sent ?? 'first-unconstrained'), {
      ...(D1_LIMITS === 'strict' ? d1LimitsWatch() : {}),
      failed: refusedBookmark,
    });
    const db = drizzle(asDatabase(session));
    return {
      dialect: 'sqlite',
      db,
      schema,
      // D1 runs a batch as one transaction: all statements or none.
      atomically: (build) => db.batch(build(db)),
      // The newest position this request saw; the one it sent if it ran no query.
      responseHeaders: (): Record<string, string> => {
        const bookmark = session.getBookmark() ?? sent;
        return bookmark ? { [bookmarkHeader]: bookmark } : {};
      },
    };
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
