import type { DatabaseAdapter } from '@anywhere/core';
import { pgDatabase } from '@anywhere/postgres/pg-database';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/** This request's Postgres connection, put into `env` by `servedPerRequest`. */
const requestClient = Symbol('the Postgres client of this request');

export interface HyperdriveEnv {
  HYPERDRIVE: Hyperdrive;
  [requestClient]?: postgres.Sql;
}

/**
 * One connection through Hyperdrive, opened on its first query. Hyperdrive
 * pools the real connections to the database near it, so a Worker opens a
 * cheap one per request. No type lookup on connect (fetch_types): no column
 * here is an array, and it would cost a round trip per request. Prepared
 * statements stay on (postgres.js names them), as Hyperdrive supports them.
 */
const open = (binding: Hyperdrive) => postgres(binding.connectionString, { max: 1, fetch_types: false, onnotice: () => {} });

/**
 * PostgreSQL through a Hyperdrive binding. A Worker may not use a socket
 * opened by another request, so there is no pool here: the entry point
 * (`servedPerRequest`) opens each request's connection, and connect() finds
 * it in `env`, as D1's adapter finds its binding.
 *
 * `migrations` are applied by `migrate()`, for tests; a deployed Worker
 * passes none, as `pnpm db:migrate` applies them before the code ships.
 */
export function createHyperdriveAdapter(migrations: readonly MigrationMeta[] = []): DatabaseAdapter<HyperdriveEnv> {
  const clientOf = (env: HyperdriveEnv) => {
    const client = env[requestClient];
    if (!client) throw new Error('no Postgres client for this request: serve the app with servedPerRequest()');
    return client;
  };
  return {
    name: 'hyperdrive',
    connect: (env) => pgDatabase(drizzle({ client: clientOf(env) })),
    migrate: async (env) => {
      const db = drizzle({ client: clientOf(env) });
      // Drizzle's own migrator, on migrations read ahead of time: a Worker has no file system to read them from.
      // (Its types name node-postgres's session; postgres.js's runs the same statements.)
      const session = db._.session as unknown as Parameters<PgDialect['migrate']>[1];
      await new PgDialect().migrate([...migrations], session, { migrationsFolder: '' });
    },
    close: async () => {},
  };
}

interface Fetches<Env> {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

/** `app`'s fetch with a Postgres connection of its own per request, ended once the response is out. */
export function servedPerRequest<Env extends HyperdriveEnv>(app: Fetches<Env>) {
  return {
    async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
      const client = open(env.HYPERDRIVE);
      try {
        return await app.fetch(request, { ...env, [requestClient]: client }, ctx);
      } finally {
        ctx.waitUntil(client.end());
      }
    },
  } satisfies ExportedHandler<Env>;
}

/** A connection of its own for work outside a request (tests, tools); end it with `.end()`. */
export const withClient = <Env extends HyperdriveEnv>(env: Env): Env & { end(): Promise<void> } => {
  const client = open(env.HYPERDRIVE);
  return { ...env, [requestClient]: client, end: () => client.end() };
};
