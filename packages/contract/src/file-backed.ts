import { createApp, loadAppConfig, type DatabaseAdapter } from '@anywhere/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { describeAdapterContract } from './adapter.ts';
import { describeApiContract } from './api/index.ts';
import type { ContractTarget, Fetch } from './target.ts';

/**
 * The whole contract, in-process, for an adapter over an SQLite file
 * (Bun runs it under `bun test`, Node under Vitest): a fresh file per run,
 * migrated the way the app migrates on start.
 */
export function describeFileBackedContract(adapter: string, open: (path: string) => DatabaseAdapter): void {
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${adapter}-`));
  const database = open(join(directory, 'contract.db'));
  const empty = open(join(directory, 'unmigrated.db'));
  // Its failures are the point; their logs would only be noise.
  const broken = createApp({ database: empty, config: loadAppConfig({ LOG_LEVEL: 'silent' }) });
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  // Request logs would drown the test output; errors still print.
  const withSettings = (settings: Record<string, string>): Fetch => {
    const app = createApp({ database, config: loadAppConfig({ LOG_LEVEL: 'error', ...settings }) });
    return async (request) => app.fetch(request);
  };
  const target: ContractTarget<undefined> = {
    adapter,
    fetch: withSettings({ ADMIN_TOKEN: adminToken }),
    adminToken,
    withSettings,
    withoutSchema: async (request) => broken.fetch(request),
    database,
    env: undefined,
  };

  beforeAll(() => database.migrate(undefined));
  afterAll(async () => {
    await database.close();
    await empty.close();
    rmSync(directory, { recursive: true, force: true });
  });

  describeApiContract(target);
  describeAdapterContract(target);
}
