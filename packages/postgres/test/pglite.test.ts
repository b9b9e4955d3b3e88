import { describeOnDiskContract } from '@anywhere/contract/in-process';
import { createPgliteAdapter } from '../src/pglite.ts';

describeOnDiskContract('pglite', createPgliteAdapter, {
  unsupported: { 'file-pragmas': 'SQLite pragmas; Postgres has no such settings to check' },
});
