// Runs under `bun test` (Vitest cannot load bun:sqlite); the suite's `vitest` imports map to bun:test.
import { describeFileBackedContract } from '@anywhere/contract/in-process';
import { createBunSqliteAdapter } from '../src/database.ts';

describeFileBackedContract('bun', createBunSqliteAdapter);
