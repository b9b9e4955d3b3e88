// Runs under `bun test` (Vitest cannot load bun:sqlite); the suite's `vitest` imports map to bun:test.
import { describeOnDiskContract } from '@anywhere/contract/in-process';
import { createBunSqliteAdapter } from '../src/database.ts';

describeOnDiskContract('bun', createBunSqliteAdapter);
