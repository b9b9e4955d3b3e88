import { describeInProcessContract } from '@anywhere/contract/in-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteAdapter } from '../src/pglite.ts';

const notSqlite = { 'file-pragmas': 'SQLite pragmas; Postgres has no such settings to check' };

describeInProcessContract(
  'pglite',
  async () => {
    const directory = mkdtempSync(join(tmpdir(), 'anywhere-pglite-'));
    const [database, empty] = [createPgliteAdapter(join(directory, 'data')), createPgliteAdapter(join(directory, 'empty'))];
    return {
      database,
      empty,
      close: async () => {
        await Promise.all([database.close(), empty.close()]);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
  { unsupported: notSqlite },
);
