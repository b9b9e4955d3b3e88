import { createApp, loadAppConfig, type DatabaseAdapter } from '@anywhere/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { describeAdapterContract } from './adapter.ts';
import { describeApiContract } from './api.ts';

/**
 * The whole contract, in-process, for an adapter over an SQLite file
 * (Bun runs it under `bun test`, Node under Vitest): a fresh file per run,
 * migrated the way the app migrates on start.
 */
export function describeFileBackedContract(adapter: string, open: (path: string) => DatabaseAdapter): void {
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${adapter}-`));
  const database = open(join(directory, 'contract.db'));
  const app = createApp({ database, config: loadAppConfig({}) });

  beforeAll(() => database.migrate(undefined));
  afterAll(async () => {
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  describeApiContract({ adapter, fetch: async (request) => app.fetch(request) });
  describeAdapterContract({ adapter, database, env: undefined });
}
