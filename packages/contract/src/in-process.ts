import { createApp, loadAppConfig, type DatabaseAdapter } from '@anywhere/core';
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

/**
 * The whole contract, in-process: the app is called as a function, on an
 * adapter that `open` makes before the first test and closes after the last.
 */
export function describeInProcessContract(
  adapter: string,
  open: () => Promise<Opened>,
  { unsupported = {}, unavailable }: { unsupported?: Partial<Record<Capability, string>>; unavailable?: string | undefined } = {},
): void {
  if (unavailable) {
    // One skipped test that says why, instead of a suite that vanishes.
    matrix({ adapter }).testUnless(unavailable, 'the whole contract', () => {});
    return;
  }
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  let opened: Opened;
  let app: ReturnType<typeof createApp>;
  let broken: ReturnType<typeof createApp>;
  // Request logs would drown the test output; errors still print.
  const withSettings = (settings: Record<string, string>) => {
    const configured = createApp({ database: opened.database, config: loadAppConfig({ LOG_LEVEL: 'error', ...settings }) });
    return async (request: Request) => configured.fetch(request);
  };

  beforeAll(async () => {
    opened = await open();
    await opened.database.migrate(undefined);
    app = createApp({ database: opened.database, config: loadAppConfig({ LOG_LEVEL: 'error', ADMIN_TOKEN: adminToken, ...roomyLimits }) });
    // Its failures are the point; their logs would only be noise.
    broken = createApp({ database: opened.empty, config: loadAppConfig({ LOG_LEVEL: 'silent' }) });
  });
  afterAll(() => opened?.close());

  const target: ContractTarget<undefined> = {
    adapter,
    unsupported,
    adminToken,
    fetch: async (request) => app.fetch(request),
    withSettings,
    withoutSchema: async (request) => broken.fetch(request),
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
export function describeOnDiskContract(
  adapter: string,
  open: (path: string) => DatabaseAdapter,
  options?: { unsupported?: Partial<Record<Capability, string>> },
): void {
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
