import { createApp, loadAppConfig, type AppOptions, type DatabaseAdapter } from '@anywhere/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { describeAdapterContract } from './adapter.ts';
import { describeApiContract } from './api/index.ts';
import { matrix } from './matrix.ts';
import type { Capability, ContractTarget } from './target.ts';

/**
 * The suite sends hundreds of requests a minute with one admin token, far past
 * the default limit; the main target raises it (limiting stays on) and the
 * rate limit tests set their own rules with `withSettings`.
 */
export const roomyLimits = { RATE_LIMIT: '1000000/1m', RATE_LIMIT_TOKEN: '1000000/1m' };

export interface Opened {
  /** Where the contract runs; migrated before the first test. */
  database: DatabaseAdapter;
  /** A second database no migration touches. */
  empty: DatabaseAdapter;
  close(): Promise<void>;
}

type App = ReturnType<typeof createApp>;

/**
 * How a runtime serves an app in production, started on a free loopback
 * port: the suite then sends every request over HTTP, through the runtime's
 * own server and router, instead of calling the app as a function.
 */
export interface Runtime {
  serve(app: App): Served | Promise<Served>;
  /** What the runtime's entry point passes createApp beside the database and config. */
  options?: Pick<AppOptions<undefined>, 'responses' | 'sha256Hex'>;
}

export interface Served {
  url: string | URL;
  stop(): void;
}

export interface ContractOptions {
  unsupported?: Partial<Record<Capability, string>>;
  unavailable?: string | undefined;
  runtime?: Runtime;
}

/** A fetch that sends the suite's request to a served app, path, method, headers and body as they are. */
const over = (url: string | URL) => (request: Request): Promise<Response> => {
  const { pathname, search } = new URL(request.url);
  return fetch(new Request(new URL(pathname + search, url), request));
};

/**
 * The whole contract, on an adapter that `open` makes before the first test
 * and closes after the last: the app called as a function, or served by the
 * runtime (`runtime`) and reached over loopback HTTP.
 */
export function describeInProcessContract(adapter: string, open: () => Promise<Opened>, { unsupported = {}, unavailable, runtime }: ContractOptions = {}): void {
  if (unavailable) {
    // One skipped test that says why, instead of a suite that vanishes.
    matrix({ adapter }).testUnless(unavailable, 'the whole contract', () => {});
    return;
  }
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  let opened: Opened;
  const servers: Promise<Served>[] = [];
  /** An app on `database`, as a fetch function: called directly, or served by the runtime. */
  const made = (database: DatabaseAdapter, env: Record<string, string>) => {
    const app = createApp({ database, config: loadAppConfig(env), ...runtime?.options });
    if (!runtime) return async (request: Request) => app.fetch(request);
    const server = Promise.resolve(runtime.serve(app));
    servers.push(server);
    return async (request: Request) => over((await server).url)(request);
  };
  let app: (request: Request) => Promise<Response>;
  let broken: (request: Request) => Promise<Response>;
  // Request logs would drown the test output; errors still print.
  const withSettings = (settings: Record<string, string>) => made(opened.database, { LOG_LEVEL: 'error', ...settings });

  beforeAll(async () => {
    opened = await open();
    await opened.database.migrate(undefined);
    app = made(opened.database, { LOG_LEVEL: 'error', ADMIN_TOKEN: adminToken, ...roomyLimits });
    // Its failures are the point; their logs would only be noise.
    broken = made(opened.empty, { LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    for (const server of await Promise.all(servers)) server.stop();
    await opened?.close();
  });

  const target: ContractTarget<undefined> = {
    adapter,
    unsupported,
    adminToken,
    fetch: (request) => app(request),
    withSettings,
    withoutSchema: (request) => broken(request),
    get database() {
      return opened.database;
    },
    env: undefined,
  };
  describeApiContract(target);
  describeAdapterContract(target);
}

/**
 * The contract for an adapter whose data lives on this disk (an SQLite file,
 * a PGlite directory): fresh paths per run, deleted after.
 */
export function describeOnDiskContract(adapter: string, open: (path: string) => DatabaseAdapter, options?: Omit<ContractOptions, 'unavailable'>): void {
  describeInProcessContract(
    adapter,
    async () => {
      const directory = mkdtempSync(join(tmpdir(), `anywhere-${adapter}-`));
      const [database, empty] = [open(join(directory, 'contract')), open(join(directory, 'unmigrated'))];
      return {
        database,
        empty,
        close: async () => {
          await Promise.all([database.close(), empty.close()]);
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
    options,
  );
}
